// RestoredTenant's diff rules (no cloud call): every argument change replaces the tenant, except waitForCompletion and
// timeoutMinutes (in place, and update() touches nothing for them). A tenant that ended ABNORMAL (or is being deleted)
// is replaced as well: it will never become usable.
//
// Import: read() cannot learn from the tenant where it was restored from (sourceInstanceId, sourceTenantId,
// restoreTime, restoreMode, fromRemote, restoreObjectType, restoreObjects) nor the wait settings, so an imported state
// lacks them. A state that lacks sourceInstanceId (every created one has it) is an imported one, and there an argument
// absent from the state counts as equal to whatever the program says: importing a program's tenant then gives an empty
// next diff. The price: until the tenant is replaced for another reason, a later change to those arguments is not seen.
import { isPlainObject } from "../../sdk/validate";
import {
  ARG_NAMES,
  canonicalRestoreTime,
  type ArgName,
} from "./args";
import { isUnknown, isWaitArg } from "../common-args";
import { isFailedStatus } from "./status";
import type { DiffResult, Props } from "../types";

/** The comparable form of one argument: equal things compare equal whichever way they were written. */
function normalised(name: ArgName, v: unknown): unknown {
  if (v === null || v === undefined) return undefined;
  if (name === "restoreTime" && typeof v === "string") return canonicalRestoreTime(v);
  if (name === "restoreObjects" && Array.isArray(v) && v.length === 0) return undefined;
  return v;
}

/** JSON with object keys sorted, so key order never makes a difference. */
function stable(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    isPlainObject(x)
      ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : x,
  ) ?? "undefined";
}

/** olds: the stored outputs; news: the checked inputs. */
export function diffRestoredTenant(olds: Props, news: Props): DiffResult {
  const imported = olds.sourceInstanceId === undefined || olds.sourceInstanceId === null;
  const diffs: string[] = [];
  const replaces: string[] = [];
  for (const name of ARG_NAMES) {
    const before = normalised(name, olds[name]);
    const after = normalised(name, news[name]);
    if (imported && before === undefined) continue;
    if (!isUnknown(after) && stable(before) === stable(after)) continue;
    diffs.push(name);
    if (!isWaitArg(name)) replaces.push(name);
  }
  if (typeof olds.status === "string" && isFailedStatus(olds.status)) {
    diffs.push("status");
    replaces.push("status");
  }
  // The name is unique on its instance: a replacement that keeps both cannot create the new tenant first. An unknown
  // new value may turn out the same, so it counts as kept (a create that could only fail is worse than a delete first).
  const kept = (name: ArgName): boolean => isUnknown(news[name]) || olds[name] === news[name];
  const deleteBeforeReplace = replaces.length > 0 && kept("targetTenantName") && kept("targetInstanceId");
  return { changes: diffs.length > 0, replaces, diffs, deleteBeforeReplace };
}
