// The BackupStrategy class a Pulumi program uses (exported from the package root) and its argument types. It registers the
// small shim of its kind (../shim.ts) as the dynamic provider; the handlers run later, inside the dynamic-provider host.
import * as pulumi from "@pulumi/pulumi";
import { backupStrategyProvider } from "../shim";
import { RESOURCE_MODULE, withNames, withSecretOutputs } from "../resource-class";

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
