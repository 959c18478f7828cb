// The arguments and results of the functions a program calls (getBackupSets, getRestoreWindows): types only, so the
// package root can export them without loading anything (docs/functions.md). Argument names are the APIs' own, in
// camelCase; every time is ISO-8601 UTC ("2026-01-13T05:58:34Z").

/** getBackupSets on OceanBase Cloud: the instance's data backup sets [seed 001], every page. */
export interface GetOceanBaseBackupSetsArgs {
  platform: "oceanbase-cloud";
  /** The OceanBase Cloud instance (cluster) id. */
  instanceId: string;
  /** Sets that started at or after this time. */
  startTime?: string;
  /** Sets that started at or before this time. */
  endTime?: string;
  /** Ask the platform whether each set can be downloaded (downloadEnabled in the result). */
  checkBackupSetDownloadEnable?: boolean;
  /** Sets per request while every page is fetched: 1 to 100 (default 100). */
  pageSize?: number;
}

/** getBackupSets on TaurusDB: the project's backups (ShowGaussMySqlBackupList), every page. */
export interface GetTaurusDbBackupSetsArgs {
  platform: "huawei-taurusdb";
  /** Only this instance's backups. */
  instanceId?: string;
  backupType?: "auto" | "manual";
  /** With endTime: backups that began between the two. */
  beginTime?: string;
  /** With beginTime. */
  endTime?: string;
  /** Only backups with exactly this name. */
  name?: string;
  /** Backups per request while every page is fetched: 1 to 100 (default 100). */
  limit?: number;
}

export type GetBackupSetsArgs = GetOceanBaseBackupSetsArgs | GetTaurusDbBackupSetsArgs;

/** What every backup set tells, whichever the platform. */
interface BackupSetCommon {
  /** The instance the set belongs to. */
  instanceId: string;
  /** OceanBase Cloud backupSetId ("bak-…"), TaurusDB backup id. */
  id: string;
  /** As the platform says it: OceanBase Cloud BEGINNING, DOING, DONE, FAILED…; TaurusDB BUILDING, COMPLETED, FAILED, AVAILABLE. */
  status: string;
  /** OceanBase Cloud backupMode (PHYSICAL_BACKUP, LOGICAL_BACKUP); TaurusDB type (auto, manual). */
  type: string;
  beginTime?: string;
  endTime?: string;
  /** OceanBase Cloud's GiB or TaurusDB's MB in bytes (binary units, rounded). */
  sizeBytes?: number;
}

/** One tenant's part of an OceanBase Cloud backup set (or a tenant-level set itself). */
export interface OceanBaseTenantBackupSetInfo extends BackupSetCommon {
  platform: "oceanbase-cloud";
  backupMode: string;
  /** CLUSTER or TENANT for physical sets; DATABASE or TABLE for logical ones. */
  backupObjectType: string;
  /** FULL_BACKUP or INCREMENTAL_BACKUP. */
  dataBackupMode?: string;
  checkpoint?: string;
  tenantId?: string;
  tenantName?: string;
  /** BACKUP_NOW for an on-demand backup. */
  triggerMode?: string;
  validity?: string;
  storageClass?: string;
  /** Only when asked for (checkBackupSetDownloadEnable). */
  downloadEnabled?: boolean;
}

export interface OceanBaseBackupSetInfo extends OceanBaseTenantBackupSetInfo {
  /** The per-tenant sets of a cluster-level set (tenantBackupSetList); empty for a tenant-level set. */
  tenantBackupSets: OceanBaseTenantBackupSetInfo[];
}

export interface TaurusDbBackupInfo extends BackupSetCommon {
  platform: "huawei-taurusdb";
  name: string;
  instanceName?: string;
  description?: string;
  /** How long the backup took, in minutes (take_up_time). */
  takeUpTimeMinutes?: number;
  /** The engine, e.g. { type: "gaussdb-mysql", version: "8.0" }. */
  datastore?: { type: string; version: string };
}

/** One backup set in getBackupSets' result; `platform` tells which fields there are. */
export type BackupSetInfo = OceanBaseBackupSetInfo | TaurusDbBackupInfo;

export interface GetBackupSetsResult {
  /** In the platform's order (newest first on both). */
  backupSets: BackupSetInfo[];
}

/** getRestoreWindows on OceanBase Cloud: the instance's restorable tenants and their windows. */
export interface GetOceanBaseRestoreWindowsArgs {
  platform: "oceanbase-cloud";
  instanceId: string;
  /** Only this tenant's windows. */
  tenantId?: string;
  /** Only the windows this backup set gives. */
  backupSetId?: string;
  /** Windows of the backups kept in another region (default false). */
  fromRemote?: boolean;
}

/** getRestoreWindows on TaurusDB: the instance's restorable time ranges. */
export interface GetTaurusDbRestoreWindowsArgs {
  platform: "huawei-taurusdb";
  instanceId: string;
  /** Only the ranges of this UTC day, "yyyy-mm-dd" (not with startTime/endTime). */
  date?: string;
  /** With endTime: only the ranges between the two, cut to them. */
  startTime?: string;
  endTime?: string;
}

export type GetRestoreWindowsArgs = GetOceanBaseRestoreWindowsArgs | GetTaurusDbRestoreWindowsArgs;

/** A span of time a restore may go to, bounds included. */
export interface RestoreWindow {
  /** OceanBase Cloud: the tenant the window belongs to. */
  tenantId?: string;
  tenantName?: string;
  start: string;
  end: string;
}

export interface GetRestoreWindowsResult {
  /** OceanBase Cloud: tenant by tenant, each tenant's windows earliest first; TaurusDB: earliest first. */
  windows: RestoreWindow[];
  /** The latest restorable point: the end of the window that ends last (undefined when there is none). */
  latest?: string;
}
