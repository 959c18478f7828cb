// Shared BackupStrategy programs for the tests: the resource's arguments as a program would give them.
import type { Props } from "../../../provider/types";
import { seedStrategy } from "../../support/ocp-seed";

export const CLUSTER = 1000005;
export const TENANT = 1002;
export const OSS_SECRET = "oss-storage-SECRET-9f3c";
export const SECONDARY_OSS_SECRET = "oss-secondary-SECRET-71ab";

/** A cluster-level strategy on OSS storage (so it carries a storage secret), secondary backup not given. */
export function ossProgram(overrides: Props = {}): Props {
  return {
    clusterId: CLUSTER,
    backupMode: "PHYSICAL_BACKUP",
    obBackupScheduleConfig: {
      backupScheduleMode: "WEEK",
      backupScheduleTime: "02:00:00.000+08:00",
      dayAndDataBackupModelMap: { "2": "FULL_BACKUP", "4": "FULL_BACKUP", "6": "INCREMENTAL_BACKUP" },
      startLogBackup: true,
    },
    obBackupThresholdConfig: { dataBackupTimeoutMinutes: 7, logBackupDelaySeconds: 300, noSuccessfulDataBackupAlarmDays: 2 },
    obBackupServiceStorageConfig: {
      configName: "oss-main",
      obBackupStorageBaseInfo: {
        backupStorageType: "BACKUP_STORAGE_OSS",
        storageUrl: "osstest/backup",
        ossAccessKey: { endpoint: "oss-cn-hangzhou.aliyuncs.com", accessKeyId: "oss-ak", accessKeySecret: OSS_SECRET },
      },
      alarmStoragePercentageThreshold: 80,
    },
    ...overrides,
  };
}

/** A weekly OceanBase Cloud strategy as a program (timeList out of order: check sorts it). */
export function obCloudProgram(overrides: Props = {}): Props {
  return {
    platform: "oceanbase-cloud",
    instanceId: "obcluster-demo",
    backupScheduleMode: "WEEK",
    scheduleTime: "21:30:00Z",
    timeList: [5, 1, 3],
    dataMaintainDays: 14,
    retainMode: "TIME",
    backupStorageConfig: { backupStorageType: "OSS", crossRegionFlag: true },
    ...overrides,
  };
}

/** The seed 002 sample (file storage, secondary backup enabled) as a program. */
export function seedProgram(overrides: Props = {}): Props {
  return { clusterId: CLUSTER, ...seedStrategy(), ...overrides };
}

/** A deep copy with `edit` applied, for one-field variations. */
export function edited(p: Props, edit: (copy: Record<string, any>) => void): Props { // eslint-disable-line @typescript-eslint/no-explicit-any -- tests poke into nested args
  const copy = structuredClone(p);
  edit(copy);
  return copy;
}

/** Bad inputs, one broken rule each: [what, program, property path, rule]. */
export function badInputs(): Array<[string, Props, string, RegExp]> {
  return [
    ["clusterId missing", edited(ossProgram(), (p) => delete p.clusterId), "clusterId", /is required/],
    ["clusterId zero", ossProgram({ clusterId: 0 }), "clusterId", /positive integer/],
    ["clusterId with a slash", ossProgram({ clusterId: "1000005/x" }), "clusterId", /positive integer/],
    ["tenantId fractional", ossProgram({ tenantId: 1.5 }), "tenantId", /positive integer/],
    ["timeoutMinutes zero", ossProgram({ timeoutMinutes: 0 }), "timeoutMinutes", /greater than 0 and at most 1440/],
    ["timeoutMinutes over a day", ossProgram({ timeoutMinutes: 1441 }), "timeoutMinutes", /at most 1440/],
    ["waitForCompletion a string", ossProgram({ waitForCompletion: "yes" }), "waitForCompletion", /must be a boolean/],
    ["unknown top-level property", ossProgram({ backupmode: "PHYSICAL_BACKUP" }), "backupmode", /not a known property/],
    ["backupMode not an enum value", ossProgram({ backupMode: "SNAPSHOT" }), "backupMode", /one of LOGICAL_BACKUP, PHYSICAL_BACKUP/],
    [
      "OffsetTime without an offset",
      edited(ossProgram(), (p) => (p.obBackupScheduleConfig.backupScheduleTime = "02:00:00")),
      "obBackupScheduleConfig.backupScheduleTime",
      /OffsetTime/,
    ],
    [
      "day 8 in a WEEK schedule",
      edited(ossProgram(), (p) => (p.obBackupScheduleConfig.dayAndDataBackupModelMap = { "8": "FULL_BACKUP" })),
      'obBackupScheduleConfig.dayAndDataBackupModelMap["8"]',
      /1–7 when backupScheduleMode is WEEK/,
    ],
    [
      "retention without cleanEnabled",
      edited(ossProgram(), (p) => (p.obBackupScheduleConfig.backupDataRetentionDays = 7)),
      "obBackupScheduleConfig.backupDataRetentionDays",
      /only when cleanEnabled is true/,
    ],
    [
      "libObLogExpireDays with physical backup",
      edited(ossProgram(), (p) => (p.obBackupThresholdConfig.libObLogExpireDays = 3)),
      "obBackupThresholdConfig.libObLogExpireDays",
      /only when backupMode is LOGICAL_BACKUP/,
    ],
    [
      "OSS keys for file storage",
      edited(ossProgram(), (p) => (p.obBackupServiceStorageConfig.obBackupStorageBaseInfo.backupStorageType = "BACKUP_STORAGE_FILE")),
      "obBackupServiceStorageConfig.obBackupStorageBaseInfo.ossAccessKey",
      /only when backupStorageType is BACKUP_STORAGE_OSS/,
    ],
    [
      "storageUrl with a protocol",
      edited(ossProgram(), (p) => (p.obBackupServiceStorageConfig.obBackupStorageBaseInfo.storageUrl = "oss://bucket/backup")),
      "obBackupServiceStorageConfig.obBackupStorageBaseInfo.storageUrl",
      /without a protocol prefix/,
    ],
    [
      "secondary enabled without its config",
      edited(seedProgram(), (p) => delete p.obSecondaryBackupConfig),
      "obSecondaryBackupConfig",
      /required when secondaryBackupEnabled is true/,
    ],
    [
      "alarm threshold over 100",
      edited(ossProgram(), (p) => (p.obBackupServiceStorageConfig.alarmStoragePercentageThreshold = 101)),
      "obBackupServiceStorageConfig.alarmStoragePercentageThreshold",
      /percentage from 1 to 100/,
    ],
  ];
}
