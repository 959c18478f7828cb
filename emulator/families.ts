import type { Family } from "./core/types";
import { oceanbaseFamily } from "./oceanbase";
import { ocpFamily } from "./ocp";
import { taurusdbFamily } from "./taurusdb";

/** The three API families the emulator serves on one port. */
export const families: readonly Family[] = [oceanbaseFamily, ocpFamily, taurusdbFamily];
