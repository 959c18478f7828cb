// The three resource classes a Pulumi program uses (exported from the package root). Each registers the small shim
// of its kind (shim.ts) as the dynamic provider; the handlers run later, inside the dynamic-provider host.
// Argument names are the APIs' own (API.md), camelCase even where Huawei's wire format is snake_case.
import * as pulumi from "@pulumi/pulumi";
import { backupStrategyProvider, manualBackupProvider, restoredTenantProvider } from "./shim";

/** Module of the type tokens: `pulumi-nodejs:dynamic/dbbackup:<Type>`. */
export const RESOURCE_MODULE = "dbbackup";

// The constructor passes every input and output name (undefined unless given), so each exists as an Output property.
function withNames(names: readonly string[], values: object): Record<string, unknown> {
  const all: Record<string, unknown> = Object.fromEntries(names.map((n) => [n, undefined]));
  return Object.assign(all, values);
}

function withSecretOutputs(opts: pulumi.CustomResourceOptions | undefined, names: string[]): pulumi.CustomResourceOptions {
  return { ...opts, additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), ...names] };
}

// ---------------------------------------------------------------------------------------------------------------
// BackupStrategy (OCP, API.md section 2: the API's own field names)

export type OcpBackupMode = "PHYSICAL_BACKUP" | "LOGICAL_BACKUP";
export type OcpDataBackupModel = "FULL_BACKUP" | "INCREMENTAL_BACKUP";
export type OcpBackupStorageType = "BACKUP_STORAGE_FILE" | "BACKUP_STORAGE_OSS" | "BACKUP_STORAGE_COS";

export interface BackupScheduleConfigArgs {
  backupScheduleMode: pulumi.Input<"WEEK" | "MONTH">;
  backupScheduleEnabled?: pulumi.Input<boolean>;
  /** OffsetTime, e.g. "02:00:00.000+08:00", "02:00:00+08:00" or "02:00:00Z". */
  backupScheduleTime: pulumi.Input<string>;
  /** Day of the week (1–7, WEEK) or of the month (1–31, MONTH) → backup model; keys as numbers or strings. */
  dayAndDataBackupModelMap: pulumi.Input<Record<string, pulumi.Input<OcpDataBackupModel>>>;
  startLogBackup: pulumi.Input<boolean>;
  cleanEnabled?: pulumi.Input<boolean>;
  /** Only with cleanEnabled. */
  backupDataRetentionDays?: pulumi.Input<number>;
  cleanScheduleTime?: pulumi.Input<string>;
}

export interface BackupThresholdConfigArgs {
  dataBackupTimeoutMinutes: pulumi.Input<number>;
  noSuccessfulDataBackupAlarmDays: pulumi.Input<number>;
  libObLogExpireDays?: pulumi.Input<number>;
  logBackupDelaySeconds: pulumi.Input<number>;
}

export interface StorageAccessKeyArgs {
  endpoint: pulumi.Input<string>;
  accessKeyId: pulumi.Input<string>;
  /** Kept secret in state. */
  accessKeySecret: pulumi.Input<string>;
}

export interface CosStorageAccessKeyArgs extends StorageAccessKeyArgs {
  appId: pulumi.Input<string>;
}

export interface BackupStorageBaseInfoArgs {
  backupStorageType: pulumi.Input<OcpBackupStorageType>;
  /** A directory without a protocol prefix, e.g. "/obbackup/" or "osstest/backup". */
  storageUrl: pulumi.Input<string>;
  /** Only (and required) for BACKUP_STORAGE_OSS. */
  ossAccessKey?: pulumi.Input<StorageAccessKeyArgs>;
  /** Only (and required) for BACKUP_STORAGE_COS. */
  cosAccessKey?: pulumi.Input<CosStorageAccessKeyArgs>;
}

export interface BackupStorageConfigArgs {
  configName: pulumi.Input<string>;
  obBackupStorageBaseInfo: pulumi.Input<BackupStorageBaseInfoArgs>;
  alarmStoragePercentageThreshold: pulumi.Input<number>;
  storageId?: pulumi.Input<number>;
  serviceType?: pulumi.Input<"BACKUP_RESTORE_SERVICE" | "OB_CLUSTER" | "OTHERS">;
  serviceId?: pulumi.Input<number>;
  serviceName?: pulumi.Input<string>;
  hostIdList?: pulumi.Input<pulumi.Input<number>[]>;
}

export interface SecondaryBackupConfigArgs {
  scheduleConfig: pulumi.Input<{
    dataBackupScheduleEnabled: pulumi.Input<boolean>;
    logBackupScheduleEnabled: pulumi.Input<boolean>;
    logSecondaryBackupPeriod: pulumi.Input<"ONCE_A_DAY" | "ONCE_AN_HOUR">;
  }>;
  storageConfig: pulumi.Input<BackupStorageConfigArgs>;
}

export interface BackupStrategyArgs {
  /** OCP cluster id. Changing it replaces the resource. */
  clusterId: pulumi.Input<number>;
  /** For a tenant-level strategy. Changing it replaces the resource. */
  tenantId?: pulumi.Input<number>;
  backupMode: pulumi.Input<OcpBackupMode>;
  obBackupScheduleConfig: pulumi.Input<BackupScheduleConfigArgs>;
  obBackupThresholdConfig: pulumi.Input<BackupThresholdConfigArgs>;
  /** Encrypted in state (it can hold storage access keys). */
  obBackupServiceStorageConfig: pulumi.Input<BackupStorageConfigArgs>;
  secondaryBackupEnabled?: pulumi.Input<boolean>;
  /** Encrypted in state (it can hold storage access keys). */
  obSecondaryBackupConfig?: pulumi.Input<SecondaryBackupConfigArgs>;
  /** Wait for OCP's tasks to end (default true). */
  waitForCompletion?: pulumi.Input<boolean>;
  /** Deadline of the wait in minutes (default 30, at most 1440; fractions allowed). */
  timeoutMinutes?: pulumi.Input<number>;
}

export const BACKUP_STRATEGY_INPUTS = [
  "clusterId",
  "tenantId",
  "backupMode",
  "obBackupScheduleConfig",
  "obBackupThresholdConfig",
  "obBackupServiceStorageConfig",
  "secondaryBackupEnabled",
  "obSecondaryBackupConfig",
  "waitForCompletion",
  "timeoutMinutes",
] as const;
/** Outputs beyond the inputs (the strategy handlers' OUTPUT_KEYS). */
export const BACKUP_STRATEGY_OUTPUTS = ["strategyId", "clusterName", "obClusterId", "backupDimension", "createTime", "updateTime", "taskIds", "taskStatus"] as const;
/** Inputs that can hold storage secrets: encrypted in state, as inputs and as outputs. */
export const BACKUP_STRATEGY_SECRETS = ["obBackupServiceStorageConfig", "obSecondaryBackupConfig"] as const;

/** The scheduled backup strategy of an OCP cluster, or of one of its tenants. Id: "{clusterId}" or "{clusterId}/tenants/{tenantId}". */
export class BackupStrategy extends pulumi.dynamic.Resource {
  declare readonly strategyId: pulumi.Output<number>;
  declare readonly clusterName: pulumi.Output<string | undefined>;
  declare readonly obClusterId: pulumi.Output<number | undefined>;
  declare readonly backupDimension: pulumi.Output<string | undefined>;
  declare readonly createTime: pulumi.Output<string | undefined>;
  declare readonly updateTime: pulumi.Output<string | undefined>;
  /** The OCP tasks the last change started. */
  declare readonly taskIds: pulumi.Output<number[]>;
  /** What became of them: SUCCESSFUL, FAILED, RUNNING (the wait ran out of time) or SUBMITTED (not awaited). */
  declare readonly taskStatus: pulumi.Output<string>;
  declare readonly clusterId: pulumi.Output<number>;
  declare readonly tenantId: pulumi.Output<number | undefined>;
  declare readonly backupMode: pulumi.Output<OcpBackupMode>;
  declare readonly obBackupScheduleConfig: pulumi.Output<pulumi.Unwrap<BackupScheduleConfigArgs>>;
  declare readonly obBackupThresholdConfig: pulumi.Output<pulumi.Unwrap<BackupThresholdConfigArgs>>;
  declare readonly obBackupServiceStorageConfig: pulumi.Output<pulumi.Unwrap<BackupStorageConfigArgs>>;
  declare readonly secondaryBackupEnabled: pulumi.Output<boolean | undefined>;
  declare readonly obSecondaryBackupConfig: pulumi.Output<pulumi.Unwrap<SecondaryBackupConfigArgs> | undefined>;
  declare readonly waitForCompletion: pulumi.Output<boolean>;
  declare readonly timeoutMinutes: pulumi.Output<number>;

  constructor(name: string, args: BackupStrategyArgs, opts?: pulumi.CustomResourceOptions) {
    const secretArgs: Partial<BackupStrategyArgs> = {};
    for (const key of BACKUP_STRATEGY_SECRETS) {
      const value = args?.[key];
      if (value !== undefined) Object.assign(secretArgs, { [key]: pulumi.secret(value) });
    }
    super(
      backupStrategyProvider,
      name,
      withNames([...BACKUP_STRATEGY_INPUTS, ...BACKUP_STRATEGY_OUTPUTS], { ...args, ...secretArgs }),
      withSecretOutputs(opts, [...BACKUP_STRATEGY_SECRETS]),
      RESOURCE_MODULE,
      "BackupStrategy",
    );
  }
}

// ---------------------------------------------------------------------------------------------------------------
// ManualBackup (OceanBase Cloud, API.md section 1; Huawei TaurusDB, section 3)

export type ManualBackupPlatform = "oceanbase-cloud" | "huawei-taurusdb";

export interface DatabaseTablesArgs {
  database: pulumi.Input<string>;
  /** Required for a table-level backup (one database, at most 200 tables); omitted for database level. */
  tables?: pulumi.Input<pulumi.Input<string>[]>;
}

export interface ManualBackupArgs {
  platform: pulumi.Input<ManualBackupPlatform>;
  /** OceanBase Cloud instance id ("obcluster-…") or TaurusDB instance id ("…in07"). */
  instanceId: pulumi.Input<string>;
  /** OceanBase Cloud: the tenant to back up. */
  tenantId?: pulumi.Input<string>;
  /** OceanBase Cloud: "tenant" (physical, default), "database" or "table" (logical). */
  backupObjectType?: pulumi.Input<"tenant" | "database" | "table">;
  /** OceanBase Cloud logical backups: structured here, sent as the JSON string the API wants. */
  databaseTables?: pulumi.Input<pulumi.Input<DatabaseTablesArgs>[]>;
  /** OceanBase Cloud physical backups. */
  needPreCheck?: pulumi.Input<boolean>;
  /** TaurusDB: 4–64 characters, starts with a letter; letters, digits, "-" and "_". */
  name?: pulumi.Input<string>;
  /** TaurusDB: at most 256 characters, none of > ! < " & ' =. */
  description?: pulumi.Input<string>;
  /** Wait until the backup is usable (default true). */
  waitForCompletion?: pulumi.Input<boolean>;
  /** Deadline of the wait in minutes (default 60, at most 1440; fractions allowed). */
  timeoutMinutes?: pulumi.Input<number>;
}

export const MANUAL_BACKUP_INPUTS = [
  "platform",
  "instanceId",
  "tenantId",
  "backupObjectType",
  "databaseTables",
  "needPreCheck",
  "name",
  "description",
  "waitForCompletion",
  "timeoutMinutes",
] as const;
/** Outputs beyond the inputs (backupSetId and checkpoint on OceanBase Cloud only). */
export const MANUAL_BACKUP_OUTPUTS = ["backupId", "status", "beginTime", "endTime", "sizeBytes", "backupSetId", "checkpoint"] as const;

/**
 * An on-demand backup. Id: "oceanbase-cloud/{instanceId}/{backupId}" or "huawei-taurusdb/{projectId}/{backupId}".
 * OceanBase Cloud has no delete-backup API: deleting the resource only forgets the backup.
 */
export class ManualBackup extends pulumi.dynamic.Resource {
  declare readonly backupId: pulumi.Output<string>;
  declare readonly status: pulumi.Output<string>;
  declare readonly beginTime: pulumi.Output<string | undefined>;
  declare readonly endTime: pulumi.Output<string | undefined>;
  declare readonly sizeBytes: pulumi.Output<number | undefined>;
  /** OceanBase Cloud only. */
  declare readonly backupSetId: pulumi.Output<string | undefined>;
  /** OceanBase Cloud only. */
  declare readonly checkpoint: pulumi.Output<string | undefined>;
  declare readonly platform: pulumi.Output<ManualBackupPlatform>;
  declare readonly instanceId: pulumi.Output<string>;
  declare readonly tenantId: pulumi.Output<string | undefined>;
  declare readonly backupObjectType: pulumi.Output<"tenant" | "database" | "table" | undefined>;
  declare readonly databaseTables: pulumi.Output<pulumi.Unwrap<DatabaseTablesArgs>[] | undefined>;
  declare readonly needPreCheck: pulumi.Output<boolean | undefined>;
  declare readonly name: pulumi.Output<string | undefined>;
  declare readonly description: pulumi.Output<string | undefined>;
  declare readonly waitForCompletion: pulumi.Output<boolean>;
  declare readonly timeoutMinutes: pulumi.Output<number>;

  constructor(name: string, args: ManualBackupArgs, opts?: pulumi.CustomResourceOptions) {
    super(manualBackupProvider, name, withNames([...MANUAL_BACKUP_INPUTS, ...MANUAL_BACKUP_OUTPUTS], { ...args }), opts, RESOURCE_MODULE, "ManualBackup");
  }
}

// ---------------------------------------------------------------------------------------------------------------
// RestoredTenant (OceanBase Cloud, API.md section 1)

export interface TenantResourceArgs {
  cpu: pulumi.Input<number>;
  /** GB. */
  memory: pulumi.Input<number>;
  unitNum: pulumi.Input<number>;
}

export interface RestoredTenantArgs {
  sourceInstanceId: pulumi.Input<string>;
  sourceTenantId: pulumi.Input<string>;
  targetInstanceId: pulumi.Input<string>;
  targetTenantName: pulumi.Input<string>;
  targetTenantDescription: pulumi.Input<string>;
  targetTenantPrimaryZone: pulumi.Input<string>;
  tenantResource: pulumi.Input<TenantResourceArgs>;
  /** ISO-8601 UTC, e.g. "2026-01-13T05:58:34Z"; must fall inside a restorable window of the source tenant. */
  restoreTime: pulumi.Input<string>;
  restoreMode?: pulumi.Input<"from_backup_set">;
  fromRemote?: pulumi.Input<boolean>;
  restoreObjectType?: pulumi.Input<"tenant">;
  restoreObjects?: pulumi.Input<unknown[]>;
  /** Wait until the new tenant is ONLINE (default true). */
  waitForCompletion?: pulumi.Input<boolean>;
  /** Deadline of the wait in minutes (default 120, at most 1440; fractions allowed). */
  timeoutMinutes?: pulumi.Input<number>;
}

export const RESTORED_TENANT_INPUTS = [
  "sourceInstanceId",
  "sourceTenantId",
  "targetInstanceId",
  "targetTenantName",
  "targetTenantDescription",
  "targetTenantPrimaryZone",
  "tenantResource",
  "restoreTime",
  "restoreMode",
  "fromRemote",
  "restoreObjectType",
  "restoreObjects",
  "waitForCompletion",
  "timeoutMinutes",
] as const;
/** Outputs beyond the inputs. */
export const RESTORED_TENANT_OUTPUTS = ["tenantId", "status", "tenantMode", "createTime"] as const;

/** A tenant restored from backup into a new tenant at a point in time. Id: "{targetInstanceId}/{tenantId}". */
export class RestoredTenant extends pulumi.dynamic.Resource {
  declare readonly tenantId: pulumi.Output<string>;
  declare readonly status: pulumi.Output<string>;
  declare readonly tenantMode: pulumi.Output<string | undefined>;
  declare readonly createTime: pulumi.Output<string | undefined>;
  declare readonly sourceInstanceId: pulumi.Output<string>;
  declare readonly sourceTenantId: pulumi.Output<string>;
  declare readonly targetInstanceId: pulumi.Output<string>;
  declare readonly targetTenantName: pulumi.Output<string>;
  declare readonly targetTenantDescription: pulumi.Output<string>;
  declare readonly targetTenantPrimaryZone: pulumi.Output<string>;
  declare readonly tenantResource: pulumi.Output<pulumi.Unwrap<TenantResourceArgs>>;
  declare readonly restoreTime: pulumi.Output<string>;
  declare readonly restoreMode: pulumi.Output<string>;
  declare readonly fromRemote: pulumi.Output<boolean>;
  declare readonly restoreObjectType: pulumi.Output<string>;
  declare readonly restoreObjects: pulumi.Output<unknown[] | undefined>;
  declare readonly waitForCompletion: pulumi.Output<boolean>;
  declare readonly timeoutMinutes: pulumi.Output<number>;

  constructor(name: string, args: RestoredTenantArgs, opts?: pulumi.CustomResourceOptions) {
    super(restoredTenantProvider, name, withNames([...RESTORED_TENANT_INPUTS, ...RESTORED_TENANT_OUTPUTS], { ...args }), opts, RESOURCE_MODULE, "RestoredTenant");
  }
}
