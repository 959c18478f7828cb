// BackupStrategy's spec: each argument once (its type, whether optional, its doc), its flags, and its outputs.
// Everything else (the Args type, the class's properties and names, the secret outputs, the strategy body's keys)
// derives from here (../spec.ts). Field names are the OCP API's own (docs/api-ocp.md#strategy-body).
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import type { ArgTable, OutputTable } from "../spec";

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

export interface BackupStrategyFields {
  /** OCP cluster id. Changing it replaces the resource. */
  clusterId: number;
  /** For a tenant-level strategy. Changing it replaces the resource. */
  tenantId?: number;
  backupMode: OcpBackupMode;
  obBackupScheduleConfig: BackupScheduleConfigArgs;
  obBackupThresholdConfig: BackupThresholdConfigArgs;
  /** Encrypted in state (it can hold storage access keys). */
  obBackupServiceStorageConfig: BackupStorageConfigArgs;
  secondaryBackupEnabled?: boolean;
  /** Encrypted in state (it can hold storage access keys). */
  obSecondaryBackupConfig?: SecondaryBackupConfigArgs;
  /** Wait for OCP's tasks to end (default true). */
  waitForCompletion?: boolean;
  /** Deadline of the wait in minutes (default 30, at most 1440; fractions allowed). */
  timeoutMinutes?: number;
}

/** Which cluster or tenant replaces; the storage configs hold storage secrets; the wait arguments only steer waiting. */
export const BACKUP_STRATEGY_ARGS = {
  clusterId: { replaces: true },
  tenantId: { replaces: true },
  backupMode: { replaces: false },
  obBackupScheduleConfig: { replaces: false },
  obBackupThresholdConfig: { replaces: false },
  obBackupServiceStorageConfig: { replaces: false, secret: true },
  secondaryBackupEnabled: { replaces: false },
  obSecondaryBackupConfig: { replaces: false, secret: true },
  waitForCompletion: { replaces: false, waitOnly: true },
  timeoutMinutes: { replaces: false, waitOnly: true },
} as const satisfies ArgTable<BackupStrategyFields>;

/** What OCP reports beyond the arguments. */
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
} as const satisfies OutputTable<BackupStrategyOutputFields>;
