// ManualBackup's spec: each argument once (its type, whether optional, its doc), its flags, and its outputs.
// Everything else (the Args type, the class's properties and names, check's argument lists, the diff's replacing
// arguments) derives from here (../spec.ts).
import type * as pulumi from "@pulumi/pulumi";
import type { ArgTable, OutputTable } from "../spec";

export type ManualBackupPlatform = "oceanbase-cloud" | "huawei-taurusdb";

export interface DatabaseTablesArgs {
  database: pulumi.Input<string>;
  /** Table level: required (at most 200 tables). Database level: optional (without it, every table). */
  tables?: pulumi.Input<pulumi.Input<string>[]>;
}

/** The arguments, as a program gives them. */
export interface ManualBackupFields {
  platform: ManualBackupPlatform;
  /** OceanBase Cloud instance id ("obcluster-…") or TaurusDB instance id ("…in07"). */
  instanceId: string;
  /** OceanBase Cloud: the tenant to back up (tenant level: without it, the whole cluster; required otherwise). */
  tenantId?: string;
  /** OceanBase Cloud: "tenant" (physical, default), "database" or "table" (logical). */
  backupObjectType?: "tenant" | "database" | "table";
  /** OceanBase Cloud logical backups: structured here, sent as the JSON string the API wants. */
  databaseTables?: pulumi.Input<DatabaseTablesArgs>[];
  /** OceanBase Cloud physical backups. */
  needPreCheck?: boolean;
  /** OceanBase Cloud, tenant level: the API's backupPolicy, "manual" only (what is always sent); may be left out. */
  backupPolicy?: "manual";
  /** TaurusDB: 4–64 characters, starts with a letter; letters, digits, "-" and "_". */
  name?: string;
  /** TaurusDB: at most 256 characters, none of > ! < " & ' =. */
  description?: string;
  /** Wait until the backup is usable (default true). */
  waitForCompletion?: boolean;
  /** Deadline of the wait in minutes (default 60, at most 1440; fractions allowed). */
  timeoutMinutes?: number;
}

/**
 * A backup is what it was taken of: every argument but the wait arguments replaces it. OceanBase Cloud does not
 * report a backup's databaseTables, needPreCheck or backupPolicy ("unreported").
 */
export const MANUAL_BACKUP_ARGS = {
  platform: { replaces: true },
  instanceId: { replaces: true },
  tenantId: { replaces: true, platform: "oceanbase-cloud" },
  backupObjectType: { replaces: true, platform: "oceanbase-cloud" },
  databaseTables: { replaces: true, platform: "oceanbase-cloud", unreported: true },
  needPreCheck: { replaces: true, platform: "oceanbase-cloud", unreported: true },
  backupPolicy: { replaces: true, platform: "oceanbase-cloud", unreported: true },
  name: { replaces: true, platform: "huawei-taurusdb" },
  description: { replaces: true, platform: "huawei-taurusdb" },
  waitForCompletion: { replaces: false, waitOnly: true },
  timeoutMinutes: { replaces: false, waitOnly: true },
} as const satisfies ArgTable<ManualBackupFields>;

/** What the platforms report beyond the arguments. */
export interface ManualBackupOutputFields {
  /** OceanBase Cloud: the backup set id the start answered (in the resource id); TaurusDB: the backup id. */
  backupId: string;
  status: string;
  beginTime?: string;
  endTime?: string;
  sizeBytes?: number;
  /** OceanBase Cloud only: the tenant's own backup set. */
  backupSetId?: string;
  /** OceanBase Cloud only: the point in time the backup holds. */
  checkpoint?: string;
}

export const MANUAL_BACKUP_OUTPUT_TABLE = {
  backupId: true,
  status: true,
  beginTime: true,
  endTime: true,
  sizeBytes: true,
  backupSetId: true,
  checkpoint: true,
} as const satisfies OutputTable<ManualBackupOutputFields>;
