// A whole backup estate in one program, on the emulator's fixtures by default (Pulumi.dev.yaml points every endpoint
// at it):
//   1. a schedule on each platform: OCP cluster 1000005's strategy, OceanBase Cloud instance obcluster-demo's backup
//      strategy and TaurusDB instance …in01's backup policy. The last two always exist on the platform: the resources
//      adopt them, and destroying the stack leaves them in place (onDelete "keep"), except TaurusDB's, which this
//      program asks to put back as it found it (onDelete "restore");
//   2. a backup on each platform before a risky change: an OCP tenant backup, an OceanBase Cloud tenant backup and a
//      TaurusDB manual backup;
//   3. a restore drill: tenant t-demo restored into obcluster-drill at a point chosen from getRestoreWindows ("latest"
//      by default), and a verdict exported that says whether the drill holds.
//
// Config (project namespace, all optional):
//   restoreTime ("latest"): "latest", or an ISO-8601 UTC time inside one of the windows that getRestoreWindows lists;
//   retentionDays (14): how long the OceanBase Cloud strategy keeps backups locally (a change updates in place);
//   taurusKeepDays (7): how long TaurusDB keeps automated backups (a change updates in place);
//   changeName (estate-before-change): the TaurusDB backup's name (a change takes a new backup before the old goes).
import * as pulumi from "@pulumi/pulumi";
import * as dbbackup from "pulumi-dbbackup";

const config = new pulumi.Config();

const OCP_CLUSTER_ID = 1000005;
const OCP_TENANT_ID = 1002;
const OB_INSTANCE = "obcluster-demo";
const OB_TENANT = "t-demo";
const DRILL_INSTANCE = "obcluster-drill";
const TAURUS_INSTANCE = "d8e6ca5a624745bcb546a227aa3ae1cfin01";

// OCP keeps its backups on this storage (a directory every OBServer mounts); the on-demand backup uses it too.
const ocpStorage: dbbackup.BackupStorageConfigArgs = {
  configName: "nfs-estate",
  obBackupStorageBaseInfo: { backupStorageType: "BACKUP_STORAGE_FILE", storageUrl: "/obbackup/estate/" },
  alarmStoragePercentageThreshold: 80,
};

// 1. Schedules.
// OCP: a full backup every Sunday and incrementals on Wednesday, at 02:00 Shanghai time, logs archived continuously.
const ocpSchedule = new dbbackup.BackupStrategy("ocp-cluster-weekly", {
  clusterId: OCP_CLUSTER_ID,
  backupMode: "PHYSICAL_BACKUP",
  obBackupScheduleConfig: {
    backupScheduleMode: "WEEK",
    backupScheduleTime: "02:00:00+08:00",
    dayAndDataBackupModelMap: { "7": "FULL_BACKUP", "3": "INCREMENTAL_BACKUP" },
    startLogBackup: true,
  },
  obBackupThresholdConfig: { dataBackupTimeoutMinutes: 240, noSuccessfulDataBackupAlarmDays: 8, logBackupDelaySeconds: 300 },
  obBackupServiceStorageConfig: ocpStorage,
});

// OceanBase Cloud: backups on Monday, Wednesday and Friday at 20:00 UTC, kept retentionDays days.
const cloudSchedule = new dbbackup.BackupStrategy("oceanbase-cloud-mwf", {
  platform: "oceanbase-cloud",
  instanceId: OB_INSTANCE,
  backupScheduleMode: "WEEK",
  scheduleTime: "20:00:00Z",
  timeList: [1, 3, 5],
  dataMaintainDays: config.getNumber("retentionDays") ?? 14,
  retainMode: "TIME",
  backupStorageConfig: { backupStorageType: "OSS", crossRegionFlag: false },
});

// TaurusDB: a backup every day between 21:00 and 22:00 UTC, kept taurusKeepDays days; destroy puts back the policy
// the instance had before.
const taurusSchedule = new dbbackup.BackupStrategy("taurus-daily", {
  platform: "huawei-taurusdb",
  instanceId: TAURUS_INSTANCE,
  backupPolicy: { keepDays: config.getNumber("taurusKeepDays") ?? 7, startTime: "21:00-22:00", period: "1,2,3,4,5,6,7" },
  onDelete: "restore",
});

// 2. A backup on each platform before the change.
const ocpBackup = new dbbackup.ManualBackup(
  "ocp-tenant-before-change",
  {
    platform: "ocp",
    clusterId: OCP_CLUSTER_ID,
    tenantId: OCP_TENANT_ID,
    backupMode: "PHYSICAL_BACKUP",
    dataBackupMode: "FULL_BACKUP",
    obBackupServiceStorageConfig: ocpStorage,
  },
  { dependsOn: [ocpSchedule] },
);

const cloudBackup = new dbbackup.ManualBackup(
  "oceanbase-tenant-before-change",
  { platform: "oceanbase-cloud", instanceId: OB_INSTANCE, tenantId: OB_TENANT, backupObjectType: "tenant" },
  { dependsOn: [cloudSchedule] },
);

const taurusBackup = new dbbackup.ManualBackup(
  "taurus-before-change",
  {
    platform: "huawei-taurusdb",
    instanceId: TAURUS_INSTANCE,
    name: config.get("changeName") ?? "estate-before-change",
    description: "taken by the estate example before the change",
  },
  { dependsOn: [taurusSchedule] },
);

// 3. The restore drill. The windows are read when the program runs (preview too): a literal restoreTime outside them
// would be refused at preview anyway, with the nearest windows named.
const windows = pulumi.output(dbbackup.getRestoreWindows({ platform: "oceanbase-cloud", instanceId: OB_INSTANCE, tenantId: OB_TENANT }));
const cloudSets = pulumi.output(dbbackup.getBackupSets({ platform: "oceanbase-cloud", instanceId: OB_INSTANCE }));
const taurusSets = pulumi.output(dbbackup.getBackupSets({ platform: "huawei-taurusdb", instanceId: TAURUS_INSTANCE }));

const drill = new dbbackup.RestoredTenant(
  "estate-restore-drill",
  {
    sourceInstanceId: OB_INSTANCE,
    sourceTenantId: OB_TENANT,
    targetInstanceId: DRILL_INSTANCE,
    targetTenantName: "estate_drill",
    targetTenantDescription: "estate example restore drill of t-demo",
    targetTenantPrimaryZone: "cn-shanghai-e",
    tenantResource: { cpu: 1, memory: 4, unitNum: 1 },
    restoreTime: config.get("restoreTime") ?? "latest",
  },
  { dependsOn: [cloudBackup] },
);

/** PASS when the scratch tenant is ONLINE at a point no earlier than the first window the program saw. */
function drillVerdict(v: { status: string; tenantName: string; restorePoint: string; windows: dbbackup.RestoreWindow[] }): string {
  const first = v.windows.map((w) => w.start).sort()[0];
  if (v.status !== "ONLINE") return `FAIL: tenant ${v.tenantName} is ${v.status}, not ONLINE`;
  if (first === undefined) return `FAIL: getRestoreWindows listed no window for ${OB_INSTANCE}/${OB_TENANT}`;
  if (Date.parse(v.restorePoint) < Date.parse(first)) return `FAIL: restored to ${v.restorePoint}, before the first window (${first})`;
  return `PASS: tenant ${v.tenantName} ONLINE, restored to ${v.restorePoint} (windows from ${first})`;
}

export const schedules = {
  ocp: ocpSchedule.taskStatus,
  oceanbaseCloud: cloudSchedule.id,
  taurusdb: taurusSchedule.instanceStatus,
};
export const backupsBeforeChange = {
  ocp: ocpBackup.status,
  oceanbaseCloud: cloudBackup.status,
  taurusdb: taurusBackup.status,
};
export const backupSetCounts = {
  oceanbaseCloud: cloudSets.apply((s) => s.backupSets.length),
  taurusdb: taurusSets.apply((s) => s.backupSets.length),
};
// How many windows, not their bounds: a window that ends "now" moves on every run, and the outputs stay stable.
export const restoreWindowCount = windows.apply((w) => w.windows.length);
export const drillTenantId = drill.tenantId;
export const drillRestorePoint = drill.restorePoint;
export const verdict = pulumi
  .all([drill.status, drill.targetTenantName, drill.restorePoint, windows])
  .apply(([status, tenantName, restorePoint, w]) => drillVerdict({ status, tenantName, restorePoint, windows: w.windows }));
