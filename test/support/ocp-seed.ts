// The sample request of seed 002 ("Create a backup strategy for a cluster"), minus obBackupObjectList,
// which the client derives from the target. A fresh copy each call, so tests may edit it.
import type { OcpBackupStrategyInput } from "../../sdk/ocp/schemas";

export function seedStrategy(): OcpBackupStrategyInput {
  return {
    backupMode: "PHYSICAL_BACKUP",
    obSecondaryBackupConfig: {
      storageConfig: {
        configName: "nfs0907_1451",
        obBackupStorageBaseInfo: { backupStorageType: "BACKUP_STORAGE_FILE", storageUrl: "/obbackup/backup_backup" },
        alarmStoragePercentageThreshold: 80,
      },
      scheduleConfig: { logSecondaryBackupPeriod: "ONCE_AN_HOUR", logBackupScheduleEnabled: true, dataBackupScheduleEnabled: true },
    },
    obBackupThresholdConfig: { dataBackupTimeoutMinutes: 7, logBackupDelaySeconds: 300, noSuccessfulDataBackupAlarmDays: 2 },
    secondaryBackupEnabled: true,
    obBackupScheduleConfig: {
      dayAndDataBackupModelMap: { "2": "FULL_BACKUP", "4": "FULL_BACKUP", "6": "FULL_BACKUP" },
      startLogBackup: true,
      backupScheduleMode: "WEEK",
      backupScheduleTime: "02:00:00.000+08:00",
    },
    obBackupServiceStorageConfig: {
      configName: "nfs0907_1452",
      obBackupStorageBaseInfo: { backupStorageType: "BACKUP_STORAGE_FILE", storageUrl: "/obbackup/" },
      alarmStoragePercentageThreshold: 80,
    },
  };
}

/** An OSS storage config (seed 002's shape with an access key), so a body carries a storage secret. */
export function ossStorageConfig(accessKeySecret: string, storageUrl = "osstest/backup"): OcpBackupStrategyInput["obBackupServiceStorageConfig"] {
  return {
    configName: "oss-main",
    obBackupStorageBaseInfo: {
      backupStorageType: "BACKUP_STORAGE_OSS",
      storageUrl,
      ossAccessKey: { endpoint: "oss-cn-hangzhou.aliyuncs.com", accessKeyId: "oss-ak", accessKeySecret },
    },
    alarmStoragePercentageThreshold: 80,
  };
}
