// The OceanBase Cloud family's fresh fixtures (README.md in this folder lists them).
import type { BackupSetRec, BackupStrategyRec, InstanceRec, ObState, TenantRec } from "./state";

export const PROJECT_ID = "emulator-project";
/** Digest credentials: the AccessKey ID is the user name, the secret the password. */
export const ACCESS_KEYS: Readonly<Record<string, string>> = { "emulator-ak": "emulator-sk" };

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ZONES = ["cn-shanghai-e", "cn-shanghai-f", "cn-shanghai-g"];

function instance(instanceId: string, instanceName: string, createdAt: number): InstanceRec {
  return {
    instanceId,
    instanceName,
    projectId: PROJECT_ID,
    status: "ONLINE",
    obVersion: "4.2.1.8",
    deployMode: "1-1-1",
    cloudProvider: "ALIBABA",
    region: "cn-shanghai",
    availableZones: [...ZONES],
    createdAt,
  };
}

function tenant(p: Pick<TenantRec, "tenantId" | "instanceId" | "tenantName" | "databases" | "logArchive" | "createdAt">): TenantRec {
  return { tenantMode: "MYSQL", description: "", primaryZone: "cn-shanghai-e", cpu: 2, mem: 8, unitNum: 1, outcome: "ONLINE", ...p };
}

/**
 * The strategy an instance is created with: "a local level-1 backup strategy is created by default" [docs, Alibaba-hosted
 * variant]. Its values are not published; these are the API page's example values, on the instance's cloud's storage
 * [inferred].
 */
export function defaultStrategy(): BackupStrategyRec {
  return {
    backupScheduleMode: "WEEK",
    scheduleTime: "20:00:00Z",
    timeList: [1, 3, 5],
    lastDayOfMonth: false,
    dataMaintainDays: 7,
    retainMode: "TIME",
    backupStorageConfig: JSON.stringify({ backupStorageType: "OSS", crossRegionFlag: false }),
  };
}

/** A finished scheduled backup: BEGINNING at `startedAt`, checkpoint 2 minutes later, done 3 minutes after that. */
function pastSet(p: Pick<BackupSetRec, "backupSetId" | "backupObjectType" | "tenantId" | "tenantName" | "tenants" | "startedAt">): BackupSetRec {
  return {
    instanceId: "obcluster-demo",
    backupMode: "PHYSICAL_BACKUP",
    triggerMode: "SCHEDULED",
    doingAt: p.startedAt + 2 * 60_000,
    doneAt: p.startedAt + 5 * 60_000,
    outcome: "DONE",
    sizeGiB: 0.04,
    ...p,
  };
}

/**
 * obcluster-demo holds t-demo (databases shop: orders, items, customers; crm: contacts, leads; warehouse: 199
 * tables, so shop + warehouse is 202 tables, over the 200 limit of a database-level backup) and t-report. Its log
 * archive broke between 5 and 4 days ago, so t-demo's restorable windows are [7d ago, 5d ago] (from the
 * cluster set) and [2d ago, now] (from its own set); t-report's is [7d ago, now]. obcluster-drill is empty.
 */
export function seedState(nowMs: number): ObState {
  // Whole seconds, like the API's times: a listed checkpoint is then exactly a window's start.
  const now = Math.floor(nowMs / 1000) * 1000;
  const warehouse = Array.from({ length: 199 }, (_, i) => `stock_${String(i + 1).padStart(3, "0")}`);
  const tDemo = tenant({
    tenantId: "t-demo",
    instanceId: "obcluster-demo",
    tenantName: "demo",
    createdAt: now - 30 * DAY,
    databases: { shop: ["orders", "items", "customers"], crm: ["contacts", "leads"], warehouse },
    logArchive: [
      { start: now - 10 * DAY, end: now - 5 * DAY },
      { start: now - 4 * DAY, end: null },
    ],
  });
  const tReport = tenant({
    tenantId: "t-report",
    instanceId: "obcluster-demo",
    tenantName: "report",
    createdAt: now - 20 * DAY,
    databases: { reports: ["daily", "monthly"] },
    logArchive: [{ start: now - 10 * DAY, end: null }],
  });
  const clusterSetStart = now - 7 * DAY - 2 * 60_000;
  const backupSets: BackupSetRec[] = [
    pastSet({
      backupSetId: "bak-demo0cluster",
      backupObjectType: "CLUSTER",
      tenantId: "sys",
      tenantName: "*",
      tenants: [
        { tenantId: "t-demo", tenantName: "demo", backupSetId: "bak-demo0cluster-1002" },
        { tenantId: "t-report", tenantName: "report", backupSetId: "bak-demo0cluster-1004" },
      ],
      startedAt: clusterSetStart,
    }),
    pastSet({
      backupSetId: "bak-demo0tenant",
      backupObjectType: "TENANT",
      tenantId: "t-demo",
      tenantName: "demo",
      tenants: [{ tenantId: "t-demo", tenantName: "demo", backupSetId: "bak-demo0tenant-1002" }],
      startedAt: now - 2 * DAY - 2 * 60_000,
    }),
  ];
  return {
    projects: [PROJECT_ID],
    instances: {
      "obcluster-demo": instance("obcluster-demo", "demo", now - 60 * DAY),
      "obcluster-drill": instance("obcluster-drill", "drill", now - 60 * DAY),
    },
    tenants: { "t-demo": tDemo, "t-report": tReport },
    backupSets,
    backupStrategies: { "obcluster-demo": defaultStrategy(), "obcluster-drill": defaultStrategy() },
  };
}
