// The fewest requests each resource of the large stack needs, per phase and API, and the wall time a rate limit then
// allows at best (the floor the "stack" section measures against).
//
// "Needed" is the provider's protocol with every answer definite and every status read finding the end state: the
// mutating request, the reads that make it safe (the lookups that resolve a lost answer need a listing from before
// the request; an adopted object's settings are read first) and one status read at the end of each wait. What that
// costs beyond the bare API (one mutating request and one final read) is said per entry. Polls that find the
// operation still running, retries after a 5xx or a 429, and lookups after lost answers are what the measured runs
// add on top.
import type { FamilyName } from "../../emulator/core/types";
import type { StackCounts } from "./plan";

export type Phase = "up" | "preview" | "destroy";

interface Need {
  family: FamilyName;
  count: keyof StackCounts;
  /** Requests per resource, per phase. */
  up: number;
  preview: number;
  destroy: number;
  why: string;
}

export const NEEDS: readonly Need[] = [
  {
    family: "oceanbase-cloud",
    count: "obBackups",
    up: 3,
    preview: 0,
    destroy: 0,
    why:
      "up: the tenant's backup sets listed before the start (a lost start answer carries no id: the new set is told from that listing), the start, one read finding DONE; " +
      "destroy: none (OceanBase Cloud has no API to delete a backup set)",
  },
  {
    family: "huawei-taurusdb",
    count: "taurusBackups",
    up: 3,
    preview: 0,
    destroy: 1,
    why: "up: the instance's backups listed first (a taken name is refused before sending; a lost answer is looked up by name), the create, one read finding COMPLETED; destroy: the DELETE",
  },
  {
    family: "ocp",
    count: "ocpStrategies",
    up: 5,
    preview: 0,
    destroy: 2,
    why:
      "up: the cluster's backup ability (a mode it cannot do is refused before sending), the strategy read (an existing one is adopted), the POST, one read of its task finding SUCCESSFUL, " +
      "the strategy read back (its OCP id and the settings OCP stored are outputs); " +
      "destroy: the DELETE and one read of its task",
  },
  {
    family: "oceanbase-cloud",
    count: "obStrategies",
    up: 1,
    preview: 0,
    destroy: 0,
    why: "up: the strategy POST (it sets the instance's one strategy, in effect at once); destroy: none (onDelete keep)",
  },
  {
    family: "huawei-taurusdb",
    count: "taurusStrategies",
    up: 3,
    preview: 0,
    destroy: 0,
    why: "up: the policy read (the adopted policy is recorded), the PUT, one instance read finding ACTIVE; destroy: none (onDelete keep)",
  },
  {
    family: "oceanbase-cloud",
    count: "restores",
    up: 5,
    preview: 0,
    destroy: 3,
    why:
      "up: the restorable windows (restoreTime latest), the tenants named so on the target (a taken name is refused; a lost answer is looked up by name), the restore, " +
      "the same listing again for the new tenant's id (the restore answers none), one read finding ONLINE; " +
      "destroy: the DELETE, one read answering 404, one read of the instance (a 404 for the tenant means gone only while its instance answers)",
  },
];

export const FAMILIES: readonly FamilyName[] = ["oceanbase-cloud", "ocp", "huawei-taurusdb"];

/** The fewest requests of a phase on each API. */
export function minimumRequests(c: StackCounts, phase: Phase): Record<FamilyName, number> {
  const out: Record<FamilyName, number> = { "oceanbase-cloud": 0, ocp: 0, "huawei-taurusdb": 0 };
  for (const n of NEEDS) out[n.family] += c[n.count] * n[phase];
  return out;
}

/** Resources of the stack on each API. */
export function resourcesPerFamily(c: StackCounts): Record<FamilyName, number> {
  const out: Record<FamilyName, number> = { "oceanbase-cloud": 0, ocp: 0, "huawei-taurusdb": 0 };
  for (const n of NEEDS) out[n.family] += c[n.count];
  return out;
}

/**
 * The least wall time a phase can take under a token bucket of `perSecond` holding `burst` on each API: the busiest
 * API's requests beyond the bucket's first burst, at the rate. Async operations are left out (the bench's last a few
 * hundred milliseconds).
 */
export function floorSeconds(c: StackCounts, phase: Phase, perSecond: number, burst: number): { seconds: number; family: FamilyName; requests: number } {
  const need = minimumRequests(c, phase);
  let worst: { seconds: number; family: FamilyName; requests: number } = { seconds: 0, family: "oceanbase-cloud", requests: need["oceanbase-cloud"] };
  for (const f of FAMILIES) {
    const seconds = Math.max(0, need[f] - burst) / perSecond;
    if (seconds > worst.seconds) worst = { seconds, family: f, requests: need[f] };
  }
  return worst;
}
