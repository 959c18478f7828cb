// ManualBackup's spec: each argument once (its type, whether optional, its doc), its flags and how a stored state
// holds it, and its outputs.
// Everything else (the Args type, the class's properties and names, check's argument lists, the diff's replacing
// arguments) derives from here (../spec.ts).
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { MAX_TIMEOUT_MINUTES } from "../common-args";
import type { ArgTable, OutputTable } from "../spec";
import type { BackupStorageConfigArgs, OcpBackupMode, OcpDataBackupModel } from "../backup-strategy/spec";

export const PLATFORMS = ["oceanbase-cloud", "huawei-taurusdb", "ocp"] as const;
export type ManualBackupPlatform = (typeof PLATFORMS)[number];
export const BACKUP_OBJECT_TYPES = ["tenant", "database", "table"] as const;
/** OCP's backupNow body enums [docs: Initiate a data backup for a cluster / a tenant]. */
export const OCP_BACKUP_MODES = ["PHYSICAL_BACKUP", "LOGICAL_BACKUP"] as const satisfies readonly OcpBackupMode[];
export const OCP_DATA_BACKUP_MODES = ["FULL_BACKUP", "INCREMENTAL_BACKUP"] as const satisfies readonly OcpDataBackupModel[];
export type BackupObjectType = (typeof BACKUP_OBJECT_TYPES)[number];

export interface DatabaseTablesArgs {
  database: pulumi.Input<string>;
  /** Table level: required (at most 200 tables). Database level: optional (without it, every table). */
  tables?: pulumi.Input<pulumi.Input<string>[]>;
}

/** The arguments, as a program gives them. */
export interface ManualBackupFields {
  platform: ManualBackupPlatform;
  /** OceanBase Cloud instance id ("obcluster-…") or TaurusDB instance id ("…in07"); required there, refused for OCP. */
  instanceId?: string;
  /**
   * OceanBase Cloud: the tenant to back up, a string id (tenant level: without it, the whole cluster; required
   * otherwise). OCP: the tenant's id, a positive integer (number or digit string); without it, the whole cluster.
   */
  tenantId?: string | number;
  /** OCP: the cluster's id (a positive integer, number or digit string). */
  clusterId?: number | string;
  /** OCP: the API's backupMode. */
  backupMode?: OcpBackupMode;
  /** OCP: the API's dataBackupMode (full or incremental). */
  dataBackupMode?: OcpDataBackupModel;
  /** OCP: where the backup goes, as BackupStrategy's; encrypted in state (it can hold storage access keys). */
  obBackupServiceStorageConfig?: BackupStorageConfigArgs;
  /** OceanBase Cloud: "tenant" (physical, default), "database" or "table" (logical). */
  backupObjectType?: BackupObjectType;
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
 * report a backup's databaseTables, needPreCheck or backupPolicy, nor OCP's task a backup's modes or storage
 * ("unreported"). Arguments of several platforms but not all are in ARG_PLATFORMS below.
 */
export const MANUAL_BACKUP_ARGS = {
  platform: { replaces: true, state: z.enum(PLATFORMS) },
  instanceId: { replaces: true, state: z.string() },
  tenantId: { replaces: true, state: z.union([z.string(), z.number()]) },
  clusterId: { replaces: true, platform: "ocp", state: z.number() },
  backupMode: { replaces: true, platform: "ocp", unreported: true, state: z.enum(OCP_BACKUP_MODES) },
  dataBackupMode: { replaces: true, platform: "ocp", unreported: true, state: z.enum(OCP_DATA_BACKUP_MODES) },
  obBackupServiceStorageConfig: { replaces: true, platform: "ocp", unreported: true, secret: true, state: z.record(z.string(), z.unknown()) },
  backupObjectType: { replaces: true, platform: "oceanbase-cloud", state: z.enum(BACKUP_OBJECT_TYPES) },
  databaseTables: {
    replaces: true,
    platform: "oceanbase-cloud",
    unreported: true,
    state: z.array(z.object({ database: z.string(), tables: z.array(z.string()).optional() })),
  },
  needPreCheck: { replaces: true, platform: "oceanbase-cloud", unreported: true, state: z.boolean() },
  backupPolicy: { replaces: true, platform: "oceanbase-cloud", unreported: true, state: z.literal("manual") },
  name: { replaces: true, platform: "huawei-taurusdb", state: z.string() },
  description: { replaces: true, platform: "huawei-taurusdb", state: z.string() },
  waitForCompletion: { replaces: false, waitOnly: true, state: z.boolean() },
  timeoutMinutes: { replaces: false, waitOnly: true, state: z.number().positive().max(MAX_TIMEOUT_MINUTES) },
} as const satisfies ArgTable<ManualBackupFields>;

/** The platforms of the arguments that belong to several (those with a `platform` flag belong to one, the rest to all). */
export const ARG_PLATFORMS: Partial<Record<keyof ManualBackupFields, readonly ManualBackupPlatform[]>> = {
  instanceId: ["oceanbase-cloud", "huawei-taurusdb"],
  tenantId: ["oceanbase-cloud", "ocp"],
};

/** What the platforms report beyond the arguments. */
export interface ManualBackupOutputFields {
  /** OceanBase Cloud: the backup set id the start answered (in the resource id); TaurusDB: the backup id; OCP: the first task id. */
  backupId: string;
  status: string;
  /** OCP only: every task the backupNow call started (backupId is the first). */
  taskIds?: number[];
  beginTime?: string;
  endTime?: string;
  sizeBytes?: number;
  /** OceanBase Cloud only: the tenant's own backup set. */
  backupSetId?: string;
  /** OceanBase Cloud only: the point in time the backup holds. */
  checkpoint?: string;
}

export const MANUAL_BACKUP_OUTPUT_TABLE = {
  backupId: z.string(),
  status: z.string(),
  taskIds: z.array(z.number().int().positive()),
  beginTime: z.string(),
  endTime: z.string(),
  sizeBytes: z.number(),
  backupSetId: z.string(),
  checkpoint: z.string(),
} as const satisfies OutputTable<ManualBackupOutputFields>;
