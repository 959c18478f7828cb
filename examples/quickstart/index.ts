// The quickstart estate (the program of the repository's root Pulumi.yaml): one resource of every kind, on the
// emulator's fixtures by default (Pulumi.dev.yaml points every endpoint at it).
//   1. an OCP backup strategy for cluster 1000005: weekly full + incremental backups with log archiving, kept 14 days;
//   2. an OceanBase Cloud table-level backup of shop.orders and shop.items in tenant t-demo;
//   3. a tenant-level (physical) backup of t-demo;
//   4. a TaurusDB manual backup;
//   5. a restore drill: t-demo restored into obcluster-drill at the checkpoint of backup 3, which is inside the
//      tenant's restorable window by construction (a window starts at a physical backup set's checkpoint).
//
// Config (project namespace, optional), to try an edit with `pulumi config set`:
//   retentionDays (14): how long the strategy keeps backups; a change updates the strategy in place;
//   taurusBackupName (quickstart-before-upgrade): the TaurusDB backup's name; a change replaces that backup: the new
//   one is taken first, then the old one is deleted (names are unique per instance, so a replacement needs a new one).
import * as pulumi from "@pulumi/pulumi";
import * as dbbackup from "pulumi-dbbackup";

const config = new pulumi.Config();

const OCP_CLUSTER_ID = 1000005;
const OB_INSTANCE = "obcluster-demo";
const OB_TENANT = "t-demo";
const DRILL_INSTANCE = "obcluster-drill";
const TAURUS_INSTANCE = "d8e6ca5a624745bcb546a227aa3ae1cfin01";

// 1. Weekly schedule (days 1–7 = Monday–Sunday): a full backup on Sunday, incrementals on Wednesday and Friday,
// at 02:00 Shanghai time; continuous log backup; backups older than 14 days (retentionDays) cleaned at 04:00.
const strategy = new dbbackup.BackupStrategy("weekly-physical", {
  clusterId: OCP_CLUSTER_ID,
  backupMode: "PHYSICAL_BACKUP",
  obBackupScheduleConfig: {
    backupScheduleMode: "WEEK",
    backupScheduleEnabled: true,
    backupScheduleTime: "02:00:00+08:00",
    dayAndDataBackupModelMap: { "7": "FULL_BACKUP", "3": "INCREMENTAL_BACKUP", "5": "INCREMENTAL_BACKUP" },
    startLogBackup: true,
    cleanEnabled: true,
    backupDataRetentionDays: config.getNumber("retentionDays") ?? 14,
    cleanScheduleTime: "04:00:00+08:00",
  },
  obBackupThresholdConfig: {
    dataBackupTimeoutMinutes: 240,
    noSuccessfulDataBackupAlarmDays: 8,
    logBackupDelaySeconds: 300,
  },
  obBackupServiceStorageConfig: {
    configName: "nfs-weekly",
    obBackupStorageBaseInfo: { backupStorageType: "BACKUP_STORAGE_FILE", storageUrl: "/obbackup/demo-cluster/" },
    alarmStoragePercentageThreshold: 80,
  },
});

// 2. Logical backup of two tables (table level: exactly one database, at most 200 tables).
const tables = new dbbackup.ManualBackup("shop-orders-items", {
  platform: "oceanbase-cloud",
  instanceId: OB_INSTANCE,
  tenantId: OB_TENANT,
  backupObjectType: "table",
  databaseTables: [{ database: "shop", tables: ["orders", "items"] }],
});

// 3. Physical backup of the whole tenant: its checkpoint is a point the tenant can be restored to.
const tenant = new dbbackup.ManualBackup("demo-tenant", {
  platform: "oceanbase-cloud",
  instanceId: OB_INSTANCE,
  tenantId: OB_TENANT,
  backupObjectType: "tenant",
});

// 4. TaurusDB manual backup (name: 4–64 characters, starts with a letter; letters, digits, "-" and "_").
const taurus = new dbbackup.ManualBackup("taurus-before-upgrade", {
  platform: "huawei-taurusdb",
  instanceId: TAURUS_INSTANCE,
  name: config.get("taurusBackupName") ?? "quickstart-before-upgrade",
  description: "taken by the pulumi-dbbackup quickstart before the upgrade",
});

// 5. The restore point comes from backup 3, so the drill waits for it and restores exactly what it took.
const restoreTime = tenant.checkpoint.apply((checkpoint) => {
  if (checkpoint === undefined) {
    throw new Error("the tenant backup reported no checkpoint: keep its waitForCompletion true so the restore point is known");
  }
  return checkpoint;
});

const drill = new dbbackup.RestoredTenant("demo-restore-drill", {
  sourceInstanceId: OB_INSTANCE,
  sourceTenantId: OB_TENANT,
  targetInstanceId: DRILL_INSTANCE,
  targetTenantName: "drill_demo",
  targetTenantDescription: "quickstart restore drill of t-demo",
  targetTenantPrimaryZone: "cn-shanghai-e",
  tenantResource: { cpu: 2, memory: 8, unitNum: 1 },
  restoreTime,
});

export const strategyId = strategy.strategyId;
export const strategyTaskStatus = strategy.taskStatus;

export const tableBackupId = tables.backupId;
export const tableBackupStatus = tables.status;
export const tableBackupSizeBytes = tables.sizeBytes;

export const tenantBackupId = tenant.backupId;
export const tenantBackupStatus = tenant.status;
export const tenantBackupSizeBytes = tenant.sizeBytes;
export const tenantBackupCheckpoint = tenant.checkpoint;

export const taurusBackupId = taurus.backupId;
export const taurusBackupStatus = taurus.status;
export const taurusBackupSizeBytes = taurus.sizeBytes;

export const restoredTenantId = drill.tenantId;
export const restoredTenantStatus = drill.status;
export const restoredTo = pulumi.interpolate`${drill.targetInstanceId}/${drill.targetTenantName} at ${drill.restoreTime}`;
