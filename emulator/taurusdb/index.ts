// Placeholder: the huawei-taurusdb family is being written.
import type { Family } from "../core/types";

export const taurusdbFamily: Family = {
  name: "huawei-taurusdb",
  owns: () => false,
  authenticate: () => undefined,
  routes: [],
  defaultDurations: {},
  seed: () => ({}),
  errorBody: (status, code, message) => ({ status, code, message }),
};
