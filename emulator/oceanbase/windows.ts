// Restorable time windows, the emulator's model (the platform does not publish its own):
// a tenant can be restored to any instant from the checkpoint of one of its DONE physical backup sets
// (tenant-level, or a cluster-level set that includes it) up to the end of the log-archive span holding
// that checkpoint ("now" while archiving continues). A checkpoint outside every span restores only to
// itself. Bounds are whole seconds inside the window; overlapping windows are merged.
import { backupSetStatus, type BackupSetRec, type ObState, type TenantRec } from "./state";

export interface Window {
  start: number;
  end: number;
}

/** The DONE physical sets covering a tenant, with the checkpoint each gives it. */
function checkpointsOf(s: ObState, tenant: TenantRec, now: number, backupSetId?: string): number[] {
  return s.backupSets
    .filter((b: BackupSetRec) => b.instanceId === tenant.instanceId && b.backupMode === "PHYSICAL_BACKUP")
    .filter((b) => backupSetId === undefined || b.backupSetId === backupSetId)
    .filter((b) => b.tenants.some((p) => p.tenantId === tenant.tenantId))
    .filter((b) => backupSetStatus(b, now) === "DONE")
    .map((b) => b.doingAt);
}

export function restorableWindows(s: ObState, tenant: TenantRec, now: number, backupSetId?: string): Window[] {
  const windows = checkpointsOf(s, tenant, now, backupSetId)
    .map((cp): Window => {
      const span = tenant.logArchive.find((l) => l.start <= cp && (l.end === null || cp <= l.end));
      const end = span === undefined ? cp : Math.min(span.end ?? now, now);
      // Whole seconds, inside the window: API times have no fractions, and a listed bound must be restorable.
      return { start: Math.ceil(cp / 1000) * 1000, end: Math.floor(end / 1000) * 1000 };
    })
    .filter((w) => w.start <= w.end);
  windows.sort((a, b) => a.start - b.start);
  const merged: Window[] = [];
  for (const w of windows) {
    const last = merged[merged.length - 1];
    if (last !== undefined && w.start <= last.end) last.end = Math.max(last.end, w.end);
    else merged.push({ ...w });
  }
  return merged;
}

export function isRestorable(windows: readonly Window[], at: number): boolean {
  return windows.some((w) => w.start <= at && at <= w.end);
}
