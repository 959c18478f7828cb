// RestoredTenant's read-only check at preview (docs/design.md#restoretime-latest): a literal restoreTime outside every
// restorable window of the source tenant is refused with the nearest windows named. The runtime calls it after
// check()'s own rules and the configuration passed. It looks only when the answer can differ from the last one: for
// a new resource, or when the source or the time changed. An existing, unchanged resource is never re-judged: its
// window may have expired with the backups' retention, and that is no reason to touch it.
import { DbBackupError, ErrorCodes } from "../../sdk/errors";
import type { ObRestorableTenant } from "../../sdk/oceanbase/schemas";
import { isUnknown } from "../common-args";
import type { CheckFailure, HandlerContext, Props } from "../types";
import { canonicalRestoreTime } from "./args";
import { LATEST, resolveRestorePoint } from "./windows";

/** The arguments that choose the windows and the point in them. */
const WINDOW_ARGS = ["sourceInstanceId", "sourceTenantId", "restoreTime", "fromRemote"] as const;

const absent = (v: unknown): boolean => v === undefined || v === null;

function comparable(name: string, v: unknown): unknown {
  if (absent(v)) return undefined;
  return name === "restoreTime" && typeof v === "string" ? canonicalRestoreTime(v) : v;
}

/**
 * True when the windows must be looked at: no olds (a new resource), or one of WINDOW_ARGS differs. A state that
 * lacks sourceInstanceId was imported, and there an argument it lacks counts as unchanged, as in diff.ts.
 */
export function windowsMayDiffer(olds: Props, news: Props): boolean {
  if (Object.keys(olds).length === 0) return true;
  const imported = absent(olds.sourceInstanceId);
  return WINDOW_ARGS.some((name) => !(imported && absent(olds[name])) && comparable(name, olds[name]) !== comparable(name, news[name]));
}

/**
 * Failures the platform could not answer definitely: the lookup is repeated by create, so a preview is not stopped
 * for them. An answer about the request itself (no such instance, bad credentials) is not one of them.
 */
function transient(e: unknown): e is DbBackupError {
  if (!(e instanceof DbBackupError)) return false;
  const codes: string[] = [ErrorCodes.NETWORK, ErrorCodes.REQUEST_TIMEOUT, ErrorCodes.THROTTLED, ErrorCodes.BUSY, ErrorCodes.INVALID_RESPONSE];
  return codes.includes(e.code) || (e.httpStatus !== undefined && e.httpStatus >= 500);
}

/**
 * Looks the source tenant's windows up (listRestorableTenants, read-only) and refuses a literal restoreTime outside
 * them. Nothing is asked when restoreTime is "latest" (resolved at create), when an argument is not known yet
 * (preview: create checks it), or when nothing that picks the window changed. A lookup that fails transiently is
 * reported as a progress line and the check passes: create looks again before restoring.
 */
export async function verifyRestoreWindow(olds: Props, inputs: Props, ctx: HandlerContext): Promise<CheckFailure[]> {
  if (inputs.restoreTime === LATEST || WINDOW_ARGS.some((n) => isUnknown(inputs[n]))) return [];
  if (!windowsMayDiffer(olds, inputs)) return [];
  const source = { instanceId: String(inputs.sourceInstanceId), tenantId: String(inputs.sourceTenantId) };
  const restoreTime = String(inputs.restoreTime);
  let restorable: ObRestorableTenant[];
  try {
    restorable = await ctx.clients.oceanbase().listRestorableTenants({
      instanceId: source.instanceId,
      tenantId: source.tenantId,
      restoreObjectType: "tenant",
      fromRemote: inputs.fromRemote === true,
    });
  } catch (e) {
    if (!transient(e)) throw e;
    ctx.progress(
      `the restorable windows of tenant ${source.tenantId} of ${source.instanceId} could not be read now (${e.message}); ` +
        `restoreTime ${restoreTime} is checked against them at create, before anything is restored`,
    );
    return [];
  }
  const verdict = resolveRestorePoint(restorable, source, restoreTime);
  return verdict.ok ? [] : [{ property: "restoreTime", reason: verdict.message }];
}
