// Placeholder: the ocp family is being written.
import type { Family } from "../core/types";

export const ocpFamily: Family = {
  name: "ocp",
  owns: () => false,
  authenticate: () => undefined,
  routes: [],
  defaultDurations: {},
  seed: () => ({}),
  errorBody: (status, code, message) => ({ status, code, message }),
};
