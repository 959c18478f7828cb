// Interrupted deployments through the real Pulumi CLI: `pulumi up` killed (SIGKILL to the deploy script, the CLI and
// the provider host at once) while a resource is being created, after its create request reached the platform. The
// state then holds a pending create. Recovery as Pulumi documents it: `pulumi refresh --clear-pending-creates`, then
// `pulumi up` again, which must not create a second object where the provider can recognise its own.
import * as path from "node:path";
import { COMPILED_ROOT } from "../../scripts/paths";
import { eventually } from "../support/eventually";
import { expectExit, TestStack, useTestEmulator, type Deployment } from "./support";

const PROGRAM = path.join(COMPILED_ROOT, "test", "e2e", "fixtures", "from-config.js");
const HW_INSTANCE = "d8e6ca5a624745bcb546a227aa3ae1cfin01";
/** Another TaurusDB instance, free of the backup the first case leaves building there. */
const HW_OTHER_INSTANCE = "5f1e3c9b2a7d4e6f8b0c1d2e3f4a5b6cin07";

/* eslint-disable @typescript-eslint/no-explicit-any -- the emulator's family state is untyped JSON */
type Objects = Record<string, any>;

/** Creates are held this long on the emulator's clock, so the kill lands during the provider's wait. */
const HELD = {
  "oceanbase.backupMs": 600_000,
  "oceanbase.restoreMs": 600_000,
  "ocp.taskMs": 600_000,
  "taurusdb.backupMs": 600_000,
  "taurusdb.policyApplyMs": 600_000,
};
/** And then let go (statuses are computed from the durations when asked). */
const RELEASED = { "oceanbase.backupMs": 300, "oceanbase.restoreMs": 300, "ocp.taskMs": 200, "taurusdb.backupMs": 300, "taurusdb.policyApplyMs": 200 };

interface Case {
  name: string;
  resource: Record<string, unknown>;
  /** The create request whose arrival means the object may exist. */
  create: { method: string; path: RegExp };
  /** The platform's objects this test's resource made or adopted. */
  count(objects: Objects): number;
  /** Durations of this case's hold, where the emulator fixes the end when the operation starts. */
  held?: Record<string, number>;
  /** What the `up` after the recovery does: finish (adopting the object), or refuse naming the object to check. */
  after: { exit: 0; objects: number } | { exit: 1; objects: number; says: RegExp };
}

const OSS_STORAGE = {
  configName: "nfs-e2e",
  obBackupStorageBaseInfo: { backupStorageType: "BACKUP_STORAGE_FILE", storageUrl: "/obbackup/e2e/" },
  alarmStoragePercentageThreshold: 80,
};

const CASES: Case[] = [
  {
    name: "a TaurusDB backup (named: recognised, refused with the backup to check)",
    resource: { kind: "ManualBackup", args: { platform: "huawei-taurusdb", instanceId: HW_INSTANCE, name: "e2e-interrupted" } },
    create: { method: "POST", path: /\/backups\/create$/ },
    count: (o) => (o["huawei-taurusdb"].backups as any[]).filter((b) => b.name === "e2e-interrupted").length,
    after: { exit: 1, objects: 1, says: /name "e2e-interrupted" is already taken on TaurusDB instance \w+ by backup [\w-]+/ },
  },
  {
    name: "a restored tenant (named: recognised, refused with the tenant to check)",
    resource: {
      kind: "RestoredTenant",
      args: {
        sourceInstanceId: "obcluster-demo",
        sourceTenantId: "t-demo",
        targetInstanceId: "obcluster-drill",
        targetTenantName: "drill_killed",
        targetTenantDescription: "interrupted",
        targetTenantPrimaryZone: "cn-shanghai-e",
        tenantResource: { cpu: 1, memory: 4, unitNum: 1 },
        restoreTime: "latest",
      },
    },
    create: { method: "POST", path: /\/backup\/restore$/ },
    count: (o) => Object.values(o["oceanbase-cloud"].tenants as Record<string, any>).filter((t) => t.tenantName === "drill_killed").length,
    after: { exit: 1, objects: 1, says: /a tenant named drill_killed already exists on obcluster-drill \(tenant \w+/ },
  },
  {
    name: "an OCP strategy (looked up first: adopted)",
    resource: {
      kind: "BackupStrategy",
      args: {
        clusterId: 1000005,
        backupMode: "PHYSICAL_BACKUP",
        obBackupScheduleConfig: { backupScheduleMode: "WEEK", backupScheduleTime: "02:00:00+08:00", dayAndDataBackupModelMap: { "7": "FULL_BACKUP" }, startLogBackup: true },
        obBackupThresholdConfig: { dataBackupTimeoutMinutes: 240, noSuccessfulDataBackupAlarmDays: 8, logBackupDelaySeconds: 300 },
        obBackupServiceStorageConfig: OSS_STORAGE,
      },
    },
    create: { method: "POST", path: /\/backupStrategy$/ },
    count: (o) => Object.keys(o.ocp.strategies as Record<string, unknown>).filter((k) => k === "1000005").length,
    after: { exit: 0, objects: 1 },
  },
  {
    name: "a TaurusDB backup policy (a singleton: adopted)",
    resource: {
      kind: "BackupStrategy",
      args: { platform: "huawei-taurusdb", instanceId: HW_OTHER_INSTANCE, backupPolicy: { keepDays: 9, startTime: "21:00-22:00", period: "1,2,3,4,5,6,7" } },
    },
    create: { method: "PUT", path: /\/backups\/policy\/update$/ },
    // The emulator fixes when a policy change ends as it starts it: a short hold, which the next up waits out.
    held: { "taurusdb.policyApplyMs": 5_000 },
    count: (o) => (o["huawei-taurusdb"].instances[HW_OTHER_INSTANCE].policy.keep_days === 9 ? 1 : 0),
    after: { exit: 0, objects: 1 },
  },
  {
    name: "an OceanBase Cloud tenant backup (no name to recognise: a second backup, as the README warns)",
    resource: { kind: "ManualBackup", args: { platform: "oceanbase-cloud", instanceId: "obcluster-demo", tenantId: "t-report" } },
    create: { method: "POST", path: /\/backup\/data\/start$/ },
    count: (o) => (o["oceanbase-cloud"].backupSets as any[]).filter((b) => b.tenantId === "t-report" && b.triggerMode === "BACKUP_NOW").length,
    after: { exit: 0, objects: 2 },
  },
  {
    name: "an OCP backupNow (no name to recognise: a second backup, as the README warns)",
    resource: {
      kind: "ManualBackup",
      args: { platform: "ocp", clusterId: 1000005, tenantId: 1002, backupMode: "PHYSICAL_BACKUP", dataBackupMode: "FULL_BACKUP", obBackupServiceStorageConfig: OSS_STORAGE },
    },
    create: { method: "POST", path: /\/backup\/backupNow$/ },
    count: (o) => Object.keys(o.ocp.backups as Record<string, unknown>).length,
    after: { exit: 0, objects: 2 },
  },
];

function pendingOperations(d: Deployment): { type?: string; resource?: { urn?: string } }[] {
  return (d.pending_operations ?? []) as { type?: string; resource?: { urn?: string } }[];
}

describe("interrupted deployments through the Pulumi CLI", () => {
  const emu = useTestEmulator();
  const stacks: TestStack[] = [];
  afterAll(() => stacks.forEach((s) => s.remove()));

  it.each(CASES)("$name: killed during its create; once refresh cleared the pending create, up again does what the README says", async (c) => {
    const stack = new TestStack({ name: "dbbackup-e2e", stack: `kill${stacks.length}`, program: PROGRAM, config: { "fixture:resources": { it: c.resource } } }, emu.url);
    stacks.push(stack);
    await emu.control.setDurations({ ...HELD, ...c.held });
    await emu.control.clearRequests();
    const up = stack.startDeploy();
    // Answered with success: the object exists from here on, whatever happens to this process.
    await eventually(
      "the create request",
      async () => ((await emu.control.requests()).some((r) => r.method === c.create.method && c.create.path.test(r.path) && typeof r.status === "number" && r.status < 300) ? true : undefined),
      120_000,
    );
    up.killGroup();
    const killed = await up.done;
    expect(killed.code).not.toBe(0);
    expect(pendingOperations(await stack.exportState()).map((p) => p.type)).toEqual(["creating"]);
    expect(c.count(await emu.control.objects())).toBe(1);

    await emu.control.setDurations(RELEASED);
    // The killed update still holds the stack's lock: `pulumi cancel` is the documented way to drop it.
    expectExit(await stack.pulumi(["cancel", "--yes"]), 0);
    expectExit(await stack.pulumi(["refresh", "--clear-pending-creates", "--yes", "--skip-preview"]), 0);
    expect(pendingOperations(await stack.exportState())).toEqual([]);

    const again = await stack.deploy([], { timeoutMs: 180_000 });
    expectExit(again, c.after.exit);
    if ("says" in c.after) expect(again.stdout + again.stderr).toMatch(c.after.says);
    expect(c.count(await emu.control.objects())).toBe(c.after.objects);
  }, 420_000);
});
