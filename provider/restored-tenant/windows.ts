// The restorable-windows check run by create() before it restores: the source tenant must have a window (from
// listRestorableTenants) holding restoreTime, else the restore is refused with the windows named. It needs the cloud,
// so it cannot run in check() (which sends nothing): a preview cannot catch a time outside the windows.
import type { ObRestorableTenant, ObTimeInterval } from "../../sdk/oceanbase/schemas";

export interface WindowVerdict {
  ok: boolean;
  /** Why not, naming the windows; undefined when ok. */
  message?: string;
}

/** Bounds are inclusive: the emulator's (and the console's) windows are "restorable from … to …". */
function holds(w: ObTimeInterval, at: number): boolean {
  const start = Date.parse(w.startTime);
  const end = Date.parse(w.endTime);
  return !Number.isNaN(start) && !Number.isNaN(end) && start <= at && at <= end;
}

export function checkRestoreWindow(
  restorable: readonly ObRestorableTenant[],
  source: { instanceId: string; tenantId: string },
  restoreTime: string,
): WindowVerdict {
  const tenant = restorable.find((t) => t.tenantId === source.tenantId);
  const where = `tenant ${source.tenantId} of ${source.instanceId}`;
  if (tenant === undefined || tenant.timeIntervalList.length === 0) {
    return {
      ok: false,
      message:
        `${where} has no restorable window (no finished physical backup with log archive): ` +
        `take a tenant backup first, or check sourceInstanceId, sourceTenantId and fromRemote`,
    };
  }
  const at = Date.parse(restoreTime);
  if (tenant.timeIntervalList.some((w) => holds(w, at))) return { ok: true };
  const windows = tenant.timeIntervalList.map((w) => `${w.startTime} to ${w.endTime}`).join(", ");
  return {
    ok: false,
    message: `restoreTime ${restoreTime} is outside every restorable window of ${where}: ${windows}. Choose a restoreTime inside one of them`,
  };
}
