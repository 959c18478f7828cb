// Placeholder: the oceanbase-cloud family is being written.
import type { Family } from "../core/types";

export const oceanbaseFamily: Family = {
  name: "oceanbase-cloud",
  owns: () => false,
  authenticate: () => undefined,
  routes: [],
  defaultDurations: {},
  seed: () => ({}),
  errorBody: (status, code, message) => ({ status, code, message }),
};
