// The resource kinds × platforms the fault suite drives: each one's program, the routes its operations call (where
// faults are injected), the emulator objects it creates (for duplicates and orphans), and what "done" means.
import type { ResourceKind } from "../../provider/types";
import type { EmulatorControl } from "../support/emulator";
import type { TickHook } from "./session";
import { ossStorageConfig } from "../support/ocp-seed";
import { EMULATOR_CREDENTIALS } from "../support/provider-host";
import type { PropertyMap } from "../support/pulumi-host";
import { drillRestore } from "../support/restore-drill-fixture";
import { edited, obCloudProgram, ossProgram } from "../provider/backup-strategy/support";

export type Op = "create" | "read" | "update" | "delete";
export type Platform = "ocp" | "oceanbase-cloud" | "huawei-taurusdb";
/** Where a fault is injected: the operation's own (mutating) call, or the status polls that follow it. */
export type SiteName = "call" | "poll";

export interface Site {
  method: string;
  /** Regular expression source matched against the request path. */
  path: string;
}

/** One emulator object a target creates, named by the resource id the provider would give it. */
export interface EmuObject {
  id: string;
  /** Not being deleted. */
  live: boolean;
  /** Ended failed (a FAILED set or task, an ABNORMAL tenant): replaced by the next up, not a duplicate. */
  failed: boolean;
}

export interface ProgramContext {
  /** The emulator's virtual now (ms). */
  now: number;
  /** Unique within a run: names TaurusDB backups and restored tenants. */
  unique: string;
  waitForCompletion: boolean;
}

type EmuState = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- family-specific emulator state

export interface Target {
  /** "ManualBackup/huawei-taurusdb". */
  name: string;
  kind: ResourceKind;
  platform: Platform;
  /** How errors must name the platform (its name, or the sdk call's prefix such as "ocp.backupNow"). */
  platformName: RegExp;
  /** What else names the resource in an error besides its kind: the ids and names in its arguments. */
  names(args: PropertyMap): string[];
  program(ctx: ProgramContext): PropertyMap;
  /** The update operation's new inputs; for backups and tenants the wait switched on (the setup created without it). */
  updated(program: PropertyMap): PropertyMap;
  /** The setup of an update creates without waiting (ManualBackup, RestoredTenant: update then resumes the wait). */
  updateResumesWait: boolean;
  /** Routes per operation and site; an operation without a call site is not in the matrix. */
  sites: Partial<Record<Op, Partial<Record<SiteName, Site[]>>>>;
  /** Objects of this kind in the emulator state. */
  objects(state: EmuState): EmuObject[];
  /** Whether delete removes the object (else it only forgets it, or keeps the adopted settings). */
  deleteRemoves: boolean;
  /** What the emulator must show once the resource is done (adopted settings applied); undefined when all is well. */
  settled(state: EmuState, inputs: PropertyMap): string | undefined;
  /** Outputs that say the resource is done. */
  doneStatus?: { key: string; values: readonly string[] };
  /** Installs a tick hook making the first object created from now on end failed; absent when the platform cannot. */
  failFirst?: (control: EmulatorControl) => Promise<TickHook>;
  /** The family whose Digest nonces can be made stale. */
  digest: boolean;
  /** Huawei's busy 409 applies. */
  huaweiBusy: boolean;
}

const PROJECT = EMULATOR_CREDENTIALS.huawei.projectId;
const CLUSTER = 1000005;
const DEMO = "obcluster-demo";
const DRILL = "obcluster-drill";
const HW_INSTANCE = "d8e6ca5a624745bcb546a227aa3ae1cfin01";
/** One of the test secrets the leak scanner knows (test/support/leaks.ts). */
const MANUAL_SECRET = "oss-manual-backup-SECRET-5d1e";
const DAY = 86_400_000;
const TIMEOUT_MINUTES = 0.5;
const OB_FIXTURE_SETS = new Set(["bak-demo0cluster", "bak-demo0tenant"]);

const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
const withWait = (p: PropertyMap): PropertyMap => ({ ...p, waitForCompletion: true });

/**
 * Makes the first object created after installation end failed, once: `fresh` names the new objects given the ids
 * present at installation, `fail` marks one (in the state read from the control API, which is then written back).
 */
function failFirstNew(family: string, ids: (state: EmuState) => string[], fail: (state: EmuState, id: string) => void): (control: EmulatorControl) => Promise<TickHook> {
  return async (control) => {
    const known = new Set(ids((await control.objects())[family] as EmuState));
    let done = false;
    return async (c) => {
      if (done) return;
      const state = (await c.objects())[family] as EmuState;
      const fresh = ids(state).find((id) => !known.has(id));
      if (fresh === undefined) return;
      done = true;
      fail(state, fresh);
      await c.replaceObjects(family, state);
    };
  };
}

const failFirstOcpTask = failFirstNew(
  "ocp",
  (s) => Object.keys(s.tasks as object),
  (s, id) => ((s.tasks as Record<string, { fails: boolean }>)[id] as { fails: boolean }).fails = true,
);

const OCP_STRATEGY = `^/api/v2/ob/clusters/${CLUSTER}/backup/config/backupStrategy$`;
const OCP_TASKS = "^/api/v2/tasks/instances";
const OB_INSTANCE = `^/api/v2/instances/${DEMO}$`;
const HW_POLICY = `^/v3/${PROJECT}/instances/${HW_INSTANCE}/backups/policy/update$`;
const HW_OFFSITE = `^/v3/${PROJECT}/instances/${HW_INSTANCE}/backups/offsite-policy$`;
const HW_INSTANCE_GET = `^/v3/${PROJECT}/instances/${HW_INSTANCE}$`;
const OB_SETS = `^/api/v2/instances/${DEMO}/backup/data/sets`;
const HW_BACKUPS = `^/v3/${PROJECT}/backups$`;
const OB_TENANTS = `^/api/v2/instances/${DRILL}/tenants`;

const obStrategyArgs = obCloudProgram({ instanceId: DEMO, timeList: [1, 3, 5] });

const hwStrategyArgs = {
  platform: "huawei-taurusdb",
  instanceId: HW_INSTANCE,
  backupPolicy: { keepDays: 14, startTime: "21:00-22:00", period: "1,3,5,7" },
  offsitePolicy: { openAutoBackup: true, openIncrementalBackup: true, destinationProjectId: "1fa4b6c2d3e84f5a9b0c7d6e5f4a3b2c", destinationRegion: "cn-east-3", keepDays: 30 },
};

const strategyOcp: Target = {
  name: "BackupStrategy/ocp",
  kind: "BackupStrategy",
  platform: "ocp",
  platformName: /\bOCP\b/i,
  names: () => [`cluster ${CLUSTER}`],
  program: () => ossProgram({ timeoutMinutes: TIMEOUT_MINUTES }),
  updated: (p) => edited(p, (c) => (c.obBackupThresholdConfig.logBackupDelaySeconds = 600)),
  updateResumesWait: false,
  sites: {
    create: { call: [{ method: "POST", path: OCP_STRATEGY }], poll: [{ method: "GET", path: OCP_TASKS }] },
    read: { call: [{ method: "GET", path: OCP_STRATEGY }] },
    update: { call: [{ method: "PATCH", path: OCP_STRATEGY }], poll: [{ method: "GET", path: OCP_TASKS }] },
    delete: { call: [{ method: "DELETE", path: OCP_STRATEGY }], poll: [{ method: "GET", path: OCP_TASKS }] },
  },
  objects: (s) => Object.keys(s["ocp"].strategies as object).map((id) => ({ id, live: true, failed: false })),
  deleteRemoves: true,
  settled: () => undefined,
  doneStatus: { key: "taskStatus", values: ["SUCCESSFUL"] },
  failFirst: failFirstOcpTask,
  digest: false,
  huaweiBusy: false,
};

const strategyOceanBase: Target = {
  name: "BackupStrategy/oceanbase-cloud",
  kind: "BackupStrategy",
  platform: "oceanbase-cloud",
  platformName: /OceanBase/i,
  names: () => [DEMO],
  program: () => ({ ...obStrategyArgs, timeoutMinutes: TIMEOUT_MINUTES }),
  updated: (p) => ({ ...p, dataMaintainDays: 21 }),
  updateResumesWait: false,
  sites: {
    create: { call: [{ method: "POST", path: `^/api/v2/instances/${DEMO}/backup/strategy$` }] },
    read: { call: [{ method: "GET", path: OB_INSTANCE }] },
    update: { call: [{ method: "POST", path: `^/api/v2/instances/${DEMO}/backup/strategy$` }] },
  },
  objects: () => [],
  deleteRemoves: false,
  settled: (s, inputs) => {
    const rec = s["oceanbase-cloud"].backupStrategies[DEMO] as { dataMaintainDays: number } | undefined;
    return rec?.dataMaintainDays === inputs.dataMaintainDays ? undefined : `the instance's strategy keeps dataMaintainDays ${rec?.dataMaintainDays}, the program says ${String(inputs.dataMaintainDays)}`;
  },
  digest: true,
  huaweiBusy: false,
};

const strategyTaurus: Target = {
  name: "BackupStrategy/huawei-taurusdb",
  kind: "BackupStrategy",
  platform: "huawei-taurusdb",
  platformName: /TaurusDB|Huawei/i,
  names: () => [HW_INSTANCE],
  program: () => ({ ...hwStrategyArgs, timeoutMinutes: TIMEOUT_MINUTES }),
  updated: (p) => ({ ...p, backupPolicy: { ...hwStrategyArgs.backupPolicy, keepDays: 21 } }),
  updateResumesWait: false,
  sites: {
    create: { call: [{ method: "PUT", path: HW_POLICY }, { method: "PUT", path: HW_OFFSITE }], poll: [{ method: "GET", path: HW_INSTANCE_GET }] },
    read: { call: [{ method: "GET", path: `^/v3/${PROJECT}/instances/${HW_INSTANCE}/backups/policy$` }] },
    update: { call: [{ method: "PUT", path: HW_POLICY }], poll: [{ method: "GET", path: HW_INSTANCE_GET }] },
  },
  objects: () => [],
  deleteRemoves: false,
  settled: (s, inputs) => {
    const rec = s["huawei-taurusdb"].instances[HW_INSTANCE] as { policy: { keep_days: number }; offsitePolicy?: { keep_days: number } };
    const wanted = (inputs.backupPolicy as { keepDays: number }).keepDays;
    if (rec.policy.keep_days !== wanted) return `the instance's policy keeps ${rec.policy.keep_days} days, the program says ${wanted}`;
    if (rec.offsitePolicy?.keep_days !== 30) return `the offsite policy is ${JSON.stringify(rec.offsitePolicy)}, the program sets keepDays 30`;
    return undefined;
  },
  doneStatus: { key: "instanceStatus", values: ["ACTIVE"] },
  digest: false,
  huaweiBusy: true,
};

const backupOceanBase: Target = {
  name: "ManualBackup/oceanbase-cloud",
  kind: "ManualBackup",
  platform: "oceanbase-cloud",
  platformName: /OceanBase/i,
  names: () => [DEMO, "t-demo"],
  program: (c) => ({ platform: "oceanbase-cloud", instanceId: DEMO, tenantId: "t-demo", waitForCompletion: c.waitForCompletion, timeoutMinutes: TIMEOUT_MINUTES }),
  updated: withWait,
  updateResumesWait: true,
  sites: {
    create: { call: [{ method: "POST", path: `^/api/v2/instances/${DEMO}/backup/data/start$` }], poll: [{ method: "GET", path: OB_SETS }] },
    read: { call: [{ method: "GET", path: OB_SETS }] },
    update: { poll: [{ method: "GET", path: OB_SETS }] },
  },
  objects: (s) =>
    (s["oceanbase-cloud"].backupSets as { backupSetId: string; outcome: string }[])
      .filter((b) => !OB_FIXTURE_SETS.has(b.backupSetId))
      .map((b) => ({ id: `oceanbase-cloud/${DEMO}/${b.backupSetId}`, live: true, failed: b.outcome !== "DONE" })),
  deleteRemoves: false,
  settled: () => undefined,
  doneStatus: { key: "status", values: ["DONE"] },
  failFirst: failFirstNew(
    "oceanbase-cloud",
    (s) => (s.backupSets as { backupSetId: string }[]).map((b) => b.backupSetId),
    (s, id) => ((s.backupSets as { backupSetId: string; outcome: string }[]).find((b) => b.backupSetId === id) as { outcome: string }).outcome = "FAILED",
  ),
  digest: true,
  huaweiBusy: false,
};

const backupTaurus: Target = {
  name: "ManualBackup/huawei-taurusdb",
  kind: "ManualBackup",
  platform: "huawei-taurusdb",
  platformName: /TaurusDB|Huawei/i,
  names: (a) => [HW_INSTANCE, String(a.name)],
  program: (c) => ({ platform: "huawei-taurusdb", instanceId: HW_INSTANCE, name: `fault-${c.unique}`, waitForCompletion: c.waitForCompletion, timeoutMinutes: TIMEOUT_MINUTES }),
  updated: withWait,
  updateResumesWait: true,
  sites: {
    create: { call: [{ method: "POST", path: `^/v3/${PROJECT}/backups/create$` }], poll: [{ method: "GET", path: HW_BACKUPS }] },
    read: { call: [{ method: "GET", path: HW_BACKUPS }] },
    update: { poll: [{ method: "GET", path: HW_BACKUPS }] },
    // Delete sends the DELETE and returns: nothing is polled.
    delete: { call: [{ method: "DELETE", path: `^/v3/${PROJECT}/backups/` }] },
  },
  objects: (s) =>
    (s["huawei-taurusdb"].backups as { id: string; type: string; fails?: boolean }[])
      .filter((b) => b.type === "manual")
      .map((b) => ({ id: `huawei-taurusdb/${PROJECT}/${b.id}`, live: true, failed: b.fails === true })),
  failFirst: failFirstNew(
    "huawei-taurusdb",
    (s) => (s.backups as { id: string; type: string }[]).filter((b) => b.type === "manual").map((b) => b.id),
    (s, id) => ((s.backups as { id: string; fails?: boolean }[]).find((b) => b.id === id) as { fails?: boolean }).fails = true,
  ),
  deleteRemoves: true,
  settled: () => undefined,
  doneStatus: { key: "status", values: ["COMPLETED"] },
  digest: false,
  huaweiBusy: true,
};

const backupOcp: Target = {
  name: "ManualBackup/ocp",
  kind: "ManualBackup",
  platform: "ocp",
  platformName: /\bOCP\b/i,
  names: () => [`cluster ${CLUSTER}`],
  program: (c) => ({
    platform: "ocp",
    clusterId: CLUSTER,
    backupMode: "PHYSICAL_BACKUP",
    dataBackupMode: "FULL_BACKUP",
    obBackupServiceStorageConfig: ossStorageConfig(MANUAL_SECRET),
    waitForCompletion: c.waitForCompletion,
    timeoutMinutes: TIMEOUT_MINUTES,
  }),
  updated: withWait,
  updateResumesWait: true,
  sites: {
    create: { call: [{ method: "POST", path: `^/api/v2/ob/clusters/${CLUSTER}/backup/backupNow$` }], poll: [{ method: "GET", path: OCP_TASKS }] },
    read: { call: [{ method: "GET", path: OCP_TASKS }] },
    update: { poll: [{ method: "GET", path: OCP_TASKS }] },
  },
  objects: (s) => {
    const tasks = s["ocp"].tasks as Record<string, { fails: boolean }>;
    return Object.values(s["ocp"].backups as Record<string, { clusterId: number; taskId: number }>).map((b) => ({
      id: `ocp/${b.clusterId}/tasks/${b.taskId}`,
      live: true,
      failed: tasks[String(b.taskId)]?.fails === true,
    }));
  },
  deleteRemoves: false,
  settled: () => undefined,
  doneStatus: { key: "status", values: ["SUCCESSFUL"] },
  failFirst: failFirstOcpTask,
  digest: false,
  huaweiBusy: false,
};

const restoredTenant: Target = {
  name: "RestoredTenant/oceanbase-cloud",
  kind: "RestoredTenant",
  platform: "oceanbase-cloud",
  platformName: /OceanBase/i,
  names: (a) => [String(a.targetTenantName)],
  program: (c) => drillRestore({ targetTenantName: `fs_${c.unique}`, restoreTime: iso(c.now - DAY), waitForCompletion: c.waitForCompletion, timeoutMinutes: TIMEOUT_MINUTES }),
  updated: withWait,
  updateResumesWait: true,
  sites: {
    create: { call: [{ method: "POST", path: `^/api/v2/instances/${DEMO}/backup/restore$` }], poll: [{ method: "GET", path: OB_TENANTS }] },
    read: { call: [{ method: "GET", path: OB_TENANTS }] },
    update: { poll: [{ method: "GET", path: OB_TENANTS }] },
    delete: { call: [{ method: "DELETE", path: OB_TENANTS }], poll: [{ method: "GET", path: OB_TENANTS }] },
  },
  objects: (s) =>
    Object.values(s["oceanbase-cloud"].tenants as Record<string, { tenantId: string; instanceId: string; outcome: string; deletingAt?: number }>)
      .filter((t) => t.instanceId === DRILL)
      .map((t) => ({ id: `${DRILL}/${t.tenantId}`, live: t.deletingAt === undefined, failed: t.outcome !== "ONLINE" })),
  deleteRemoves: true,
  settled: () => undefined,
  doneStatus: { key: "status", values: ["ONLINE"] },
  failFirst: failFirstNew(
    "oceanbase-cloud",
    (s) => Object.keys(s.tenants as object),
    (s, id) => ((s.tenants as Record<string, { outcome: string }>)[id] as { outcome: string }).outcome = "ABNORMAL",
  ),
  digest: true,
  huaweiBusy: false,
};

export const TARGETS: readonly Target[] = [strategyOcp, strategyOceanBase, strategyTaurus, backupOceanBase, backupTaurus, backupOcp, restoredTenant];

/** The per-scenario durations: every asynchronous status settles within a few ticks of the suite's clock. */
export const FAST_DURATIONS: Record<string, number> = {
  "oceanbase.backupBeginMs": 1000,
  "oceanbase.backupMs": 2000,
  "oceanbase.restoreCreateMs": 1000,
  "oceanbase.restoreMs": 2000,
  "oceanbase.tenantDeleteMs": 1000,
  "ocp.taskMs": 1500,
  "taurusdb.backupMs": 2000,
  "taurusdb.policyApplyMs": 1500,
};

export { esc };
