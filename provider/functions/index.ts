// The functions a program calls, as the package root exports them. They run in the program (dynamic providers have
// no invokes), so each loads its implementation, the sdk clients and the configuration on its first call: importing
// the package root loads none of it, and nothing here is captured by a resource's serialized provider.
import type { GetBackupSetsArgs, GetBackupSetsResult, GetRestoreWindowsArgs, GetRestoreWindowsResult } from "./types";

export type * from "./types";

/* eslint-disable @typescript-eslint/no-require-imports -- loaded on first call, like the handlers (../registry.ts) */

/**
 * The backup sets of an OceanBase Cloud instance, or the backups of a TaurusDB project or instance: every page, newest
 * first, in one typed shape. Read-only (usable at preview). docs/functions.md#getbackupsets.
 */
export function getBackupSets(args: GetBackupSetsArgs): Promise<GetBackupSetsResult> {
  return (require("./get-backup-sets") as typeof import("./get-backup-sets")).getBackupSets(args);
}

/**
 * The restorable windows of an OceanBase Cloud instance's tenants or of a TaurusDB instance, and `latest`, the latest
 * restorable point. Read-only (usable at preview). docs/functions.md#getrestorewindows.
 */
export function getRestoreWindows(args: GetRestoreWindowsArgs): Promise<GetRestoreWindowsResult> {
  return (require("./get-restore-windows") as typeof import("./get-restore-windows")).getRestoreWindows(args);
}
/* eslint-enable @typescript-eslint/no-require-imports */
