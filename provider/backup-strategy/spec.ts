// BackupStrategy's spec: each argument once (its type, whether optional, its doc), its flags, and its outputs.
// Everything else (the Args type, the class's properties and names, the secret outputs, the strategy body's keys,
// which arguments belong to which platform) derives from here (../spec.ts). Field names are each API's own:
// OCP (docs/api-ocp.md#strategy-body), OceanBase Cloud (docs/api-oceanbase-cloud.md#modify-the-backup-strategy),
// TaurusDB in camelCase (docs/api-huawei-taurusdb.md#backup-policy, #cross-region-backup-policy).
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import type { ArgTable, OutputTable } from "../spec";

export const STRATEGY_PLATFORMS = ["ocp", "oceanbase-cloud", "huawei-taurusdb"] as const;
export type BackupStrategyPlatform = (typeof STRATEGY_PLATFORMS)[number];
export const ON_DELETE_MODES = ["keep", "restore"] as const;
export type OnDelete = (typeof ON_DELETE_MODES)[number];

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

/** OceanBase Cloud's storage configuration (structured here, sent as the JSON string the API wants). */
export interface ObCloudBackupStorageConfigArgs {
  /** e.g. "OSS" or "COS". */
  backupStorageType: pulumi.Input<string>;
  crossRegionFlag?: pulumi.Input<boolean>;
}

/** TaurusDB's same-region backup policy (the API's keep_days, start_time, period, retention_num_backup_level1). */
export interface TaurusDbBackupPolicyArgs {
  /** Days, 1–732. */
  keepDays: pulumi.Input<number>;
  /** One-hour UTC window "hh:00-HH:00" with HH = hh + 1, e.g. "21:00-22:00". */
  startTime: pulumi.Input<string>;
  /** Days of the week, 1 = Monday … 7 = Sunday, e.g. "1,2,3,4,5,6,7". */
  period: pulumi.Input<string>;
  /** 0 or 1: only while the instance's level-1 backup switch is on. */
  retentionNumBackupLevel1?: pulumi.Input<number>;
}

/** TaurusDB's cross-region (offsite) backup policy: every field is required by the API. */
export interface TaurusDbOffsitePolicyArgs {
  openAutoBackup: pulumi.Input<boolean>;
  /** Only with openAutoBackup. */
  openIncrementalBackup: pulumi.Input<boolean>;
  /** 32 letters or digits. */
  destinationProjectId: pulumi.Input<string>;
  /** e.g. "cn-north-4". */
  destinationRegion: pulumi.Input<string>;
  /** Days, 1–1825. */
  keepDays: pulumi.Input<number>;
}

export interface BackupStrategyFields {
  /** "ocp" (default), "oceanbase-cloud" or "huawei-taurusdb". Changing it replaces the resource. */
  platform?: BackupStrategyPlatform;
  /** OCP: cluster id (required). Changing it replaces the resource. */
  clusterId?: number;
  /** OCP: for a tenant-level strategy. Changing it replaces the resource. */
  tenantId?: number;
  /** OCP (required). */
  backupMode?: OcpBackupMode;
  /** OCP (required). */
  obBackupScheduleConfig?: BackupScheduleConfigArgs;
  /** OCP (required). */
  obBackupThresholdConfig?: BackupThresholdConfigArgs;
  /** OCP (required). Encrypted in state (it can hold storage access keys). */
  obBackupServiceStorageConfig?: BackupStorageConfigArgs;
  secondaryBackupEnabled?: boolean;
  /** Encrypted in state (it can hold storage access keys). */
  obSecondaryBackupConfig?: SecondaryBackupConfigArgs;
  /** OceanBase Cloud instance id ("obcluster-…") or TaurusDB instance id ("…in07"). Changing it replaces the resource. */
  instanceId?: string;
  /** OceanBase Cloud (required). */
  backupScheduleMode?: "WEEK" | "MONTH";
  /** OceanBase Cloud (required): UTC time of day "HH:MM:SSZ", e.g. "20:00:00Z". */
  scheduleTime?: string;
  /** OceanBase Cloud (required): days of the week 1–7 (WEEK) or of the month 1–31 (MONTH). */
  timeList?: pulumi.Input<number>[];
  /** OceanBase Cloud, MONTH only: also back up on the last day of the month. */
  lastDayOfMonth?: boolean;
  /** OceanBase Cloud (required): days local backup data is kept. */
  dataMaintainDays?: number;
  /** OceanBase Cloud (required): "TIME". */
  retainMode?: "TIME";
  /** OceanBase Cloud (required). */
  backupStorageConfig?: ObCloudBackupStorageConfigArgs;
  /** TaurusDB (required): the instance's automated backup policy. */
  backupPolicy?: TaurusDbBackupPolicyArgs;
  /** TaurusDB: the cross-region backup policy (write-only on the platform: never read back). */
  offsitePolicy?: TaurusDbOffsitePolicyArgs;
  /** OceanBase Cloud and TaurusDB: what delete does, "keep" (default: leave the strategy in place) or "restore" (TaurusDB only). */
  onDelete?: OnDelete;
  /** Wait for OCP's tasks to end, or for the TaurusDB instance to be ACTIVE again (default true). */
  waitForCompletion?: boolean;
  /** Deadline of the wait in minutes (default 30, at most 1440; fractions allowed). */
  timeoutMinutes?: number;
}

/** How long a strategy change is waited for when timeoutMinutes is not given (every platform). */
export const DEFAULT_TIMEOUT_MINUTES = 30;

/**
 * The platform, cluster, tenant or instance replaces; the OCP storage configs hold storage secrets; the wait arguments
 * only steer waiting. instanceId and onDelete belong to both OceanBase Cloud and TaurusDB (no single platform flag).
 */
export const BACKUP_STRATEGY_ARGS = {
  platform: { replaces: true },
  clusterId: { replaces: true, platform: "ocp" },
  tenantId: { replaces: true, platform: "ocp" },
  backupMode: { replaces: false, platform: "ocp" },
  obBackupScheduleConfig: { replaces: false, platform: "ocp" },
  obBackupThresholdConfig: { replaces: false, platform: "ocp" },
  obBackupServiceStorageConfig: { replaces: false, secret: true, platform: "ocp" },
  secondaryBackupEnabled: { replaces: false, platform: "ocp" },
  obSecondaryBackupConfig: { replaces: false, secret: true, platform: "ocp" },
  instanceId: { replaces: true },
  backupScheduleMode: { replaces: false, platform: "oceanbase-cloud" },
  scheduleTime: { replaces: false, platform: "oceanbase-cloud" },
  timeList: { replaces: false, platform: "oceanbase-cloud" },
  lastDayOfMonth: { replaces: false, platform: "oceanbase-cloud" },
  dataMaintainDays: { replaces: false, platform: "oceanbase-cloud" },
  retainMode: { replaces: false, platform: "oceanbase-cloud" },
  backupStorageConfig: { replaces: false, platform: "oceanbase-cloud" },
  backupPolicy: { replaces: false, platform: "huawei-taurusdb" },
  offsitePolicy: { replaces: false, platform: "huawei-taurusdb" },
  onDelete: { replaces: false },
  waitForCompletion: { replaces: false, waitOnly: true },
  timeoutMinutes: { replaces: false, waitOnly: true },
} as const satisfies ArgTable<BackupStrategyFields>;

/** What the platforms report beyond the arguments (OCP: all but the last two; TaurusDB: the last two). */
export interface BackupStrategyOutputFields {
  strategyId: number;
  clusterName?: string;
  obClusterId?: number;
  backupDimension?: string;
  createTime?: string;
  updateTime?: string;
  /** The OCP tasks the last change started. */
  taskIds: number[];
  /** What became of them: SUCCESSFUL, FAILED, RUNNING (the wait ran out of time) or SUBMITTED (not awaited). */
  taskStatus: string;
  /** TaurusDB: the backup policy found when the resource adopted it (what onDelete "restore" writes back). */
  adoptedPolicy?: { keepDays: number; startTime: string; period: string; retentionNumBackupLevel1?: number };
  /** TaurusDB: the instance's status after the last change (ACTIVE once it is applied). */
  instanceStatus?: string;
}

export const BACKUP_STRATEGY_OUTPUT_TABLE = {
  strategyId: z.number(),
  clusterName: z.string(),
  obClusterId: z.number(),
  backupDimension: z.string(),
  createTime: z.string(),
  updateTime: z.string(),
  taskIds: z.array(z.number()),
  taskStatus: z.string(),
  adoptedPolicy: z.object({ keepDays: z.number(), startTime: z.string(), period: z.string(), retentionNumBackupLevel1: z.number().optional() }),
  instanceStatus: z.string(),
} as const satisfies OutputTable<BackupStrategyOutputFields>;
