// The one rule for requests that may have changed something (provider/uncertain.ts), through the real dynamic-provider
// host against the emulator: for each resource's create on each platform, a fault on the mutating call that lets the
// server act but hides or garbles the answer (a gateway 502/503 after it acted, a reset after it acted, a cut body, an
// HTML page under 200) must leave exactly one object, recorded (the result, or a partial failure carrying its id), and
// the engine's follow-up (the same-input diff, or the update it runs after a partial failure) must finish the job. The
// definite cases leave nothing behind: a 400 refusal creates nothing, a reset before the server acted creates one; 5xx
// answers before the server acted are looked up and sent again up to MAX_SENDS times, never making a second object.
// Then the other mutating calls: OCP strategy PATCH and DELETE, the restored tenant's DELETE, an OCP task status that
// cannot be read after the strategy POST, a TaurusDB policy PUT whose answer is unreadable.
import { useProviderHost, EMULATOR_CREDENTIALS } from "../support/provider-host";
import { HostError, type PropertyMap } from "../support/pulumi-host";
import { ossStorageConfig } from "../support/ocp-seed";
import { drillRestore } from "../support/restore-drill-fixture";
import { rejection } from "../support/rejection";
import { INSTANT_DURATIONS, type FaultSpec } from "../support/emulator";
import { ossProgram, CLUSTER } from "./backup-strategy/support";
import { MAX_SENDS } from "../../provider/uncertain";

const DEMO = "obcluster-demo";
const DRILL = "obcluster-drill";
const HW_INSTANCE = "d8e6ca5a624745bcb546a227aa3ae1cfin01";
const HW_PROJECT = EMULATOR_CREDENTIALS.huawei.projectId;
const DAY = 86_400_000;
const OB_FIXTURE_SETS = new Set(["bak-demo0cluster", "bak-demo0tenant"]);
const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

type Kind = "ManualBackup" | "RestoredTenant" | "BackupStrategy";

interface Target {
  what: string;
  kind: Kind;
  /** The mutating call: method and path (a regular expression source, as faults take it). */
  method: string;
  path: string;
  args(): Promise<PropertyMap>;
  /** The ids of the objects this resource made in the emulator (fixtures left out). */
  made(): Promise<string[]>;
  /** The object's id inside the resource id. */
  recorded(resourceId: string, objectId: string): boolean;
}

/** Faults after which the server acted: the object exists, the answer does not say so. */
const AFTER_ACTING: Array<[string, Omit<FaultSpec, "method" | "path">]> = [
  ["a gateway 502 after it acted", { action: "status-after", status: 502 }],
  ["a gateway 503 after it acted", { action: "status-after", status: 503 }],
  ["a reset after it acted", { action: "reset-after" }],
  ["a cut JSON body under 200", { action: "malformed" }],
  ["an HTML page under 200", { action: "garbage" }],
];

describe("uncertain outcomes through the dynamic-provider host: nothing lost, nothing doubled", () => {
  const h = useProviderHost();

  type Objects = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- emulator state
  const objects = async (family: string): Promise<Objects> => (await h.control.objects())[family] as Objects;

  const TARGETS: Target[] = [
    {
      what: "ManualBackup, OceanBase Cloud tenant backup (start)",
      kind: "ManualBackup",
      method: "POST",
      path: `^/api/v2/instances/${DEMO}/backup/data/start$`,
      args: async () => ({ platform: "oceanbase-cloud", instanceId: DEMO, tenantId: "t-demo" }),
      made: async () => ((await objects("oceanbase-cloud")).backupSets as Array<{ backupSetId: string }>).map((s) => s.backupSetId).filter((id) => !OB_FIXTURE_SETS.has(id)),
      recorded: (id, obj) => id === `oceanbase-cloud/${DEMO}/${obj}`,
    },
    {
      what: "ManualBackup, OceanBase Cloud database backup (start, no id answered)",
      kind: "ManualBackup",
      method: "POST",
      path: `^/api/v2/instances/${DEMO}/backup/data/start$`,
      args: async () => ({ platform: "oceanbase-cloud", instanceId: DEMO, tenantId: "t-demo", backupObjectType: "database", databaseTables: [{ database: "shop" }] }),
      made: async () => ((await objects("oceanbase-cloud")).backupSets as Array<{ backupSetId: string }>).map((s) => s.backupSetId).filter((id) => !OB_FIXTURE_SETS.has(id)),
      recorded: (id, obj) => id === `oceanbase-cloud/${DEMO}/${obj}`,
    },
    {
      what: "ManualBackup, TaurusDB (create)",
      kind: "ManualBackup",
      method: "POST",
      path: `^/v3/${HW_PROJECT}/backups/create$`,
      args: async () => ({ platform: "huawei-taurusdb", instanceId: HW_INSTANCE, name: "uncertain-one" }),
      made: async () => ((await objects("huawei-taurusdb")).backups as Array<{ id: string; name: string }>).filter((b) => b.name === "uncertain-one").map((b) => b.id),
      recorded: (id, obj) => id === `huawei-taurusdb/${HW_PROJECT}/${obj}`,
    },
    {
      what: "ManualBackup, OCP (backupNow)",
      kind: "ManualBackup",
      method: "POST",
      path: "/backup/backupNow$",
      args: async () => ({ platform: "ocp", clusterId: CLUSTER, backupMode: "PHYSICAL_BACKUP", dataBackupMode: "FULL_BACKUP", obBackupServiceStorageConfig: ossStorageConfig("oss-uncertain-SECRET-1", "osstest/backup") }),
      made: async () => Object.values((await objects("ocp")).backups as Record<string, { taskId: number }>).map((b) => String(b.taskId)),
      recorded: (id, obj) => id === `ocp/${CLUSTER}/tasks/${obj}`,
    },
    {
      what: "RestoredTenant, OceanBase Cloud (restore)",
      kind: "RestoredTenant",
      method: "POST",
      path: `^/api/v2/instances/${DEMO}/backup/restore$`,
      args: async () => drillRestore({ targetTenantName: "drill_uncertain", restoreTime: iso((await h.control.clock()).now - DAY) }),
      made: async () =>
        Object.values((await objects("oceanbase-cloud")).tenants as Record<string, { tenantId: string; tenantName: string }>)
          .filter((t) => t.tenantName === "drill_uncertain")
          .map((t) => t.tenantId),
      recorded: (id, obj) => id === `${DRILL}/${obj}`,
    },
    {
      what: "BackupStrategy, OCP (POST)",
      kind: "BackupStrategy",
      method: "POST",
      path: "/clusters/1000005/backup/config/backupStrategy$",
      args: async () => ossProgram(),
      made: async () => Object.keys((await objects("ocp")).strategies as Record<string, unknown>).filter((k) => k === String(CLUSTER)),
      recorded: (id, obj) => id === obj,
    },
  ];

  const driver = (kind: Kind) => h.resource(kind, "uncertain");

  beforeEach(async () => {
    await h.control.setDurations(INSTANT_DURATIONS);
  });

  async function checked(t: Target): Promise<PropertyMap> {
    const r = await driver(t.kind).check(await h.programInputs(t.kind, await t.args()));
    expect(r.failures).toEqual([]);
    return r.inputs;
  }

  /** create; a partial failure is what the engine records, so it counts as recorded. */
  async function createRecorded(kind: Kind, inputs: PropertyMap): Promise<{ id: string; properties: PropertyMap; partial: boolean }> {
    try {
      return { ...(await driver(kind).create(inputs)), partial: false };
    } catch (e) {
      if (e instanceof HostError && e.initFailure !== undefined) return { id: e.initFailure.id, properties: e.initFailure.properties, partial: true };
      throw e;
    }
  }

  /** What the engine does next: after a partial failure its update (same inputs), then the same-input diff is empty. */
  async function followUp(kind: Kind, r: { id: string; properties: PropertyMap; partial: boolean }, inputs: PropertyMap): Promise<void> {
    let properties = r.properties;
    if (r.partial) properties = (await driver(kind).update(r.id, properties, inputs)).properties;
    expect((await driver(kind).diff(r.id, properties, inputs)).changes).toBe("none");
  }

  describe.each(TARGETS.map((t) => [t.what, t] as const))("%s", (_what, t) => {
    it.each(AFTER_ACTING)("%s: one object, recorded, and the follow-up finishes the job", async (_fault, fault) => {
      const inputs = await checked(t);
      await h.control.addFault({ method: t.method, path: t.path, ...fault });
      const r = await createRecorded(t.kind, inputs);
      const made = await t.made();
      expect(made).toHaveLength(1);
      expect({ id: r.id, recorded: t.recorded(r.id, made[0] ?? "") }).toEqual({ id: r.id, recorded: true });
      await followUp(t.kind, r, inputs);
      expect(await t.made()).toEqual(made);
    });

    it("a 400 refusal: nothing is made, nothing recorded, and the error names the platform and the status", async () => {
      const inputs = await checked(t);
      await h.control.addFault({ method: t.method, path: t.path, action: "status", status: 400, code: "InvalidParameter", message: "refused by the test" });
      const e = await rejection(driver(t.kind).create(inputs));
      expect((e as HostError).initFailure).toBeUndefined();
      expect(e.message).toMatch(/400/);
      expect(e.message).toMatch(/oceanbase|ocp|taurusdb/i);
      expect(await t.made()).toEqual([]);
    });

    it("a reset before the server acted: looked up, sent again, one object, recorded", async () => {
      const inputs = await checked(t);
      await h.control.addFault({ method: t.method, path: t.path, action: "reset-before" });
      const r = await createRecorded(t.kind, inputs);
      const made = await t.made();
      expect(made).toHaveLength(1);
      expect(t.recorded(r.id, made[0] ?? "")).toBe(true);
      await followUp(t.kind, r, inputs);
    });
  });

  describe.each(TARGETS.map((t) => [t.what, t] as const))("%s, answered 503 before the server acted", (_what, t) => {
    const sends = async (): Promise<number> =>
      (await h.control.requests()).filter((r) => r.authorized && r.method === t.method && new RegExp(t.path).test(r.path)).length;

    it(`${MAX_SENDS - 1} times: looked up after each, sent ${MAX_SENDS} times in all, one object, recorded`, async () => {
      const inputs = await checked(t);
      await h.control.clearRequests();
      await h.control.addFault({ method: t.method, path: t.path, action: "status", status: 503, times: MAX_SENDS - 1 });
      const r = await createRecorded(t.kind, inputs);
      const made = await t.made();
      expect(made).toHaveLength(1);
      expect(t.recorded(r.id, made[0] ?? "")).toBe(true);
      expect(await sends()).toBe(MAX_SENDS);
    });

    it(`${MAX_SENDS} times: no more sends, nothing made, and the error says nothing was created`, async () => {
      const inputs = await checked(t);
      await h.control.clearRequests();
      await h.control.addFault({ method: t.method, path: t.path, action: "status", status: 503, times: MAX_SENDS });
      const e = await rejection(driver(t.kind).create(inputs));
      expect((e as HostError).initFailure).toBeUndefined();
      expect(e.message).toMatch(/got no definite answer .* nothing was created/);
      expect(await t.made()).toEqual([]);
      expect(await sends()).toBe(MAX_SENDS);
    });
  });

  it("a failed restore's reason names the platform", async () => {
    await h.control.setDurations({ "oceanbase.restoreCreateMs": 10_000, "oceanbase.restoreMs": 120_000 });
    const t = TARGETS.find((x) => x.kind === "RestoredTenant") as Target;
    const inputs = await checked(t);
    const mark = await h.mark();
    const pending = rejection(driver("RestoredTenant").create(inputs));
    await h.requestArrived(mark, "POST", new RegExp(t.path));
    const s = await objects("oceanbase-cloud");
    for (const tenant of Object.values(s.tenants as Record<string, { tenantName: string; outcome: string }>)) if (tenant.tenantName === "drill_uncertain") tenant.outcome = "ABNORMAL";
    await h.control.replaceObjects("oceanbase-cloud", s);
    await h.control.advance(130_000);
    const failure = ((await pending) as HostError).initFailure;
    expect(failure?.reasons[0]).toMatch(/^restored tenant drill_uncertain on OceanBase Cloud instance obcluster-drill \(t\w+\) is ABNORMAL/);
  });

  it("an OCP task status that cannot be read after the strategy POST: a partial failure with the id; the next update resumes the wait", async () => {
    const bs = driver("BackupStrategy");
    const inputs = (await bs.check(await h.programInputs("BackupStrategy", ossProgram({ timeoutMinutes: 0.02 })))).inputs;
    await h.control.addFault({ method: "GET", path: "^/api/v2/tasks/instances/", action: "garbage", times: 1000 });
    const e = await rejection(bs.create(inputs));
    const failure = (e as HostError).initFailure;
    expect(failure?.id).toBe(String(CLUSTER));
    expect(failure?.properties).toMatchObject({ taskStatus: "RUNNING" });
    expect(failure?.reasons.join(" ")).toMatch(/exists and is recorded in the stack/);
    await h.control.clearFaults();
    const { properties } = await bs.update(failure!.id, failure!.properties, inputs);
    expect(properties).toMatchObject({ taskStatus: "SUCCESSFUL" });
    expect((await bs.diff(failure!.id, properties, inputs)).changes).toBe("none");
  });

  it.each(AFTER_ACTING)("OCP strategy PATCH with %s: sent again, the update finishes", async (_fault, fault) => {
    const bs = driver("BackupStrategy");
    const { id, properties, inputs } = await bs.up(ossProgram());
    const changed = (await bs.check(await h.programInputs("BackupStrategy", ossProgram({ backupMode: "PHYSICAL_BACKUP", obBackupThresholdConfig: { dataBackupTimeoutMinutes: 9, logBackupDelaySeconds: 300, noSuccessfulDataBackupAlarmDays: 2 } })), inputs)).inputs;
    await h.control.addFault({ method: "PATCH", path: "/clusters/1000005/backup/config/backupStrategy$", ...fault });
    const updated = await bs.update(id, properties, changed, { oldInputs: inputs });
    expect(updated.properties).toMatchObject({ taskStatus: "SUCCESSFUL" });
    const stored = (await objects("ocp")).strategies[String(CLUSTER)];
    expect(JSON.stringify(stored)).toContain('"dataBackupTimeoutMinutes":9');
  });

  it.each(AFTER_ACTING)("OCP strategy DELETE with %s: the strategy is gone and the delete succeeds", async (_fault, fault) => {
    const bs = driver("BackupStrategy");
    const { id, properties } = await bs.up(ossProgram());
    await h.control.addFault({ method: "DELETE", path: "/clusters/1000005/backup/config/backupStrategy$", ...fault });
    await bs.delete(id, properties);
    expect((await objects("ocp")).strategies[String(CLUSTER)]).toBeUndefined();
  });

  it.each(AFTER_ACTING)("RestoredTenant DELETE with %s: the tenant is gone and the delete succeeds", async (_fault, fault) => {
    const rt = driver("RestoredTenant");
    const t = TARGETS.find((x) => x.kind === "RestoredTenant") as Target;
    const { id, properties } = await rt.up(await t.args());
    await h.control.addFault({ method: "DELETE", path: "/tenants/", ...fault });
    await rt.delete(id, properties);
    expect(await t.made()).toEqual([]);
  });

  it.each(AFTER_ACTING)("TaurusDB BackupStrategy policy PUT with %s: no adopted policy is lost, the follow-up applies the program's", async (_fault, fault) => {
    const bs = driver("BackupStrategy");
    const program = { platform: "huawei-taurusdb", instanceId: HW_INSTANCE, backupPolicy: { keepDays: 9, startTime: "01:00-02:00", period: "1,3,5" }, onDelete: "restore" };
    const inputs = (await bs.check(await h.programInputs("BackupStrategy", program))).inputs;
    await h.control.addFault({ method: "PUT", path: "/backups/policy/update$", ...fault });
    const r = await createRecorded("BackupStrategy", inputs);
    expect(r.id).toBe(`huawei-taurusdb/${HW_PROJECT}/${HW_INSTANCE}`);
    const adopted = r.properties.adoptedPolicy as Record<string, unknown>;
    expect(adopted.keepDays).not.toBe(9);
    let properties = r.properties;
    if (r.partial) {
      const d = await bs.diff(r.id, properties, inputs);
      if (d.changes === "some") properties = (await bs.update(r.id, properties, inputs)).properties;
    }
    expect(properties.adoptedPolicy).toEqual(adopted);
    expect((await bs.diff(r.id, properties, inputs)).changes).toBe("none");
    expect((await bs.read(r.id, properties)).properties.backupPolicy).toMatchObject({ keepDays: 9 });
  });

  it("TaurusDB BackupStrategy: every policy PUT answered unreadably is a partial failure keeping the adopted policy; the update sends the program's", async () => {
    const bs = driver("BackupStrategy");
    const program = { platform: "huawei-taurusdb", instanceId: HW_INSTANCE, backupPolicy: { keepDays: 9, startTime: "01:00-02:00", period: "1,3,5" }, onDelete: "restore" };
    const inputs = (await bs.check(await h.programInputs("BackupStrategy", program))).inputs;
    await h.control.addFault({ method: "PUT", path: "/backups/policy/update$", action: "garbage", times: MAX_SENDS });
    const failure = ((await rejection(bs.create(inputs))) as HostError).initFailure;
    expect(failure?.id).toBe(`huawei-taurusdb/${HW_PROJECT}/${HW_INSTANCE}`);
    expect(failure?.reasons.join(" ")).toMatch(/not definite.*adopted policy is recorded/);
    // The adopted policy is the one found before the first PUT (the fixture's), never the program's.
    const adopted = failure?.properties.adoptedPolicy as Record<string, unknown>;
    expect(adopted.keepDays).toBe(7);
    expect(failure?.properties.backupPolicy).toEqual(adopted);
    expect(await bs.diff(failure!.id, failure!.properties, inputs)).toMatchObject({ changes: "some" });
    const { properties } = await bs.update(failure!.id, failure!.properties, inputs);
    expect(properties.adoptedPolicy).toEqual(adopted);
    expect((await bs.diff(failure!.id, properties, inputs)).changes).toBe("none");
    expect((await objects("huawei-taurusdb")).instances[HW_INSTANCE]).toBeDefined();
  });
});
