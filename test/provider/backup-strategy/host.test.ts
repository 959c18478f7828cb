// BackupStrategy through the real @pulumi/pulumi dynamic-provider host, driven over gRPC as the engine does, with the
// __provider Pulumi serializes from the exported class, against the emulator (frozen clock).
import { OcpClient } from "../../../sdk/ocp/client";
import { parseArgs } from "../../../provider/backup-strategy/args";
import { useProviderHost, EMULATOR_CREDENTIALS, EMULATOR_SECRETS } from "../../support/provider-host";
import { HostError, isSecret, unwrappedPaths, type PropertyMap } from "../../support/pulumi-host";
import { rejection } from "../../support/rejection";
import { badInputs, CLUSTER, edited, ossProgram, OSS_SECRET, seedProgram, TENANT, SECONDARY_OSS_SECRET } from "./support";

function unwrap(v: unknown): unknown {
  return isSecret(v) ? v.value : v;
}

describe("BackupStrategy through the dynamic-provider host", () => {
  const h = useProviderHost();
  const bs = h.backupStrategy;

  const ocp = (): OcpClient =>
    new OcpClient({ endpoint: h.url, accessKeyId: EMULATOR_CREDENTIALS.ocp.accessKeyId, accessKeySecret: EMULATOR_CREDENTIALS.ocp.accessKeySecret });

  /** The engine's first step of `pulumi up` for a program: the class's registered inputs, checked. */
  async function checked(args: PropertyMap): Promise<PropertyMap> {
    const r = await bs.check(await h.programInputs("BackupStrategy", args));
    expect(r.failures).toEqual([]);
    return r.inputs;
  }

  async function strategies(): Promise<Record<string, { id: number; body: Record<string, any> }>> { // eslint-disable-line @typescript-eslint/no-explicit-any -- emulator state
    return (await h.control.objects())["ocp"].strategies;
  }

  function expectNoSecretLeak(...values: unknown[]): void {
    for (const secret of [OSS_SECRET, SECONDARY_OSS_SECRET, ...EMULATOR_SECRETS]) {
      for (const v of values) expect(unwrappedPaths(v, secret)).toEqual([]);
      expect(h.host.transcript()).not.toContain(secret);
    }
  }

  test("create follows the task; outputs are every input plus strategyId, secrets marked; the same program diffs empty", async () => {
    const inputs = await checked(ossProgram());
    expect(isSecret(inputs["obBackupServiceStorageConfig"])).toBe(true);
    const mark = await h.mark();
    const pending = bs.create(inputs);
    await h.requestArrived(mark, "POST", /\/backupStrategy$/);
    await h.control.advance(3000); // the create task ends
    const { id, properties } = await pending;

    expect(id).toBe("1000005");
    expect(properties).toMatchObject({
      clusterId: CLUSTER,
      backupMode: "PHYSICAL_BACKUP",
      strategyId: 1,
      clusterName: "demo-cluster",
      backupDimension: "CLUSTER",
      secondaryBackupEnabled: false,
      waitForCompletion: true,
      timeoutMinutes: 30,
      taskIds: [3000041],
      taskStatus: "SUCCESSFUL",
      __provider: await h.providerText("BackupStrategy"),
    });
    expect(isSecret(properties["obBackupServiceStorageConfig"])).toBe(true);
    expect(unwrap(properties["obBackupServiceStorageConfig"])).toMatchObject({ obBackupStorageBaseInfo: { ossAccessKey: { accessKeySecret: OSS_SECRET } } });
    const sent = await h.requestsSince(mark);
    expect(sent.filter((r) => r.path.endsWith("/backupStrategy")).map((r) => r.method)).toEqual(["GET", "POST", "GET"]);
    const taskPolls = sent.filter((r) => r.path.startsWith("/api/v2/tasks/"));
    expect(taskPolls.length).toBeGreaterThanOrEqual(1);
    expect(new Set(taskPolls.map((r) => r.path))).toEqual(new Set(["/api/v2/tasks/instances/3000041"]));

    // A second `pulumi up` of the same program, and of the same program written differently.
    const same = await bs.diff(id, properties, await checked(ossProgram()));
    expect(same).toMatchObject({ changes: "none", replaces: [] });
    const rewritten = await checked(
      edited(ossProgram({ clusterId: "1000005", secondaryBackupEnabled: false, timeoutMinutes: 30 }), (p) => {
        p.obBackupScheduleConfig.backupScheduleTime = "02:00+08:00";
        p.obBackupScheduleConfig.dayAndDataBackupModelMap = { 6: "INCREMENTAL_BACKUP", 2: "FULL_BACKUP", "04": "FULL_BACKUP" };
        p.obBackupScheduleConfig.backupScheduleEnabled = true;
        p.obBackupScheduleConfig.cleanEnabled = false;
      }),
    );
    expect(await bs.diff(id, properties, rewritten)).toMatchObject({ changes: "none", replaces: [] });
    expectNoSecretLeak(properties, inputs, rewritten);
  });

  test("an in-place update PATCHes and returns all outputs; a waiting-only change touches nothing", async () => {
    await h.control.setDurations({ "ocp.taskMs": 0 });
    const { id, properties } = await bs.up(await h.programInputs("BackupStrategy", ossProgram()));
    const news = await checked(
      edited(ossProgram(), (p) => {
        p.obBackupScheduleConfig.backupScheduleTime = "03:30:00Z";
        p.obBackupScheduleConfig.backupScheduleEnabled = false;
        p.obBackupThresholdConfig.logBackupDelaySeconds = 600;
      }),
    );
    const d = await bs.diff(id, properties, news);
    expect(d).toMatchObject({ changes: "some", replaces: [] });

    const mark = await h.mark();
    const updated = (await bs.update(id, properties, news)).properties;
    expect((await h.requestsSince(mark)).map((r) => r.method)).toContain("PATCH");
    expect(updated).toMatchObject({
      clusterId: CLUSTER,
      strategyId: 1,
      clusterName: "demo-cluster",
      obClusterId: 1650000005,
      backupDimension: "CLUSTER",
      taskIds: [3000042],
      taskStatus: "SUCCESSFUL",
      obBackupThresholdConfig: { logBackupDelaySeconds: 600 },
      obBackupScheduleConfig: { backupScheduleTime: "03:30:00.000Z", backupScheduleEnabled: false },
    });
    expect(isSecret(updated["obBackupServiceStorageConfig"])).toBe(true);
    expect((await strategies())["1000005"]?.body["obBackupScheduleConfig"]).toMatchObject({ backupScheduleTime: "03:30:00.000Z", backupScheduleEnabled: false });
    expect(await bs.diff(id, updated, news)).toMatchObject({ changes: "none" });

    const waitingOnly = await checked(
      edited(ossProgram({ timeoutMinutes: 45, waitForCompletion: false }), (p) => {
        p.obBackupScheduleConfig.backupScheduleTime = "03:30:00Z";
        p.obBackupScheduleConfig.backupScheduleEnabled = false;
        p.obBackupThresholdConfig.logBackupDelaySeconds = 600;
      }),
    );
    expect(await bs.diff(id, updated, waitingOnly)).toMatchObject({ changes: "some", replaces: [] });
    const mark2 = await h.mark();
    const after = (await bs.update(id, updated, waitingOnly)).properties;
    await h.expectNoRequestsSince(mark2);
    expect(after).toMatchObject({ timeoutMinutes: 45, waitForCompletion: false, strategyId: 1, taskIds: [3000042], taskStatus: "SUCCESSFUL" });
    expectNoSecretLeak(updated, after);
  });

  test("a change of clusterId or tenantId is a replacement", async () => {
    await h.control.setDurations({ "ocp.taskMs": 0 });
    const { id, properties } = await bs.up(await h.programInputs("BackupStrategy", ossProgram()));
    expect(await bs.diff(id, properties, await checked(ossProgram({ clusterId: 1000006 })))).toMatchObject({ changes: "some", replaces: ["clusterId"] });
    expect(await bs.diff(id, properties, await checked(ossProgram({ tenantId: TENANT })))).toMatchObject({ changes: "some", replaces: ["tenantId"] });

    // The engine's replacement: create the new one, then delete the old one. (Cluster 1000006 does no incremental
    // backups: full backups only there.)
    const other = h.resource("BackupStrategy", "moved");
    const fullOnly = ossProgram({ clusterId: 1000006 });
    (fullOnly.obBackupScheduleConfig as { dayAndDataBackupModelMap: Record<string, string> }).dayAndDataBackupModelMap = { "2": "FULL_BACKUP" };
    const moved = await other.up(await h.programInputs("BackupStrategy", fullOnly));
    expect(moved.id).toBe("1000006");
    await bs.delete(id, properties);
    expect(Object.keys(await strategies())).toEqual(["1000006"]);
  });

  test("create adopts a strategy that already exists, and says so", async () => {
    await h.control.setDurations({ "ocp.taskMs": 0 });
    const client = ocp();
    try {
      await client.createBackupStrategy({ clusterId: CLUSTER }, parseArgs(seedProgram()).body);
    } finally {
      await client.close();
    }
    const mark = await h.mark();
    const { properties } = await bs.up(await h.programInputs("BackupStrategy", ossProgram()));
    const sent = (await h.requestsSince(mark)).filter((r) => r.path.endsWith("/backupStrategy")).map((r) => r.method);
    expect(sent).toEqual(["GET", "PATCH", "GET"]);
    expect(properties).toMatchObject({ strategyId: 1, taskIds: [3000042], secondaryBackupEnabled: false });
    expect(properties).not.toHaveProperty("obSecondaryBackupConfig");
    await h.host.waitForLog(/BackupStrategy of cluster 1000005: a strategy already exists \(OCP id 1\); adopting it/);
    expect((await strategies())["1000005"]?.body).toMatchObject({ secondaryBackupEnabled: false, obBackupServiceStorageConfig: { configName: "oss-main" } });
  });

  test("import by id alone: read with no state, then the program's diff is empty", async () => {
    await h.control.setDurations({ "ocp.taskMs": 0 });
    const client = ocp();
    try {
      await client.createBackupStrategy({ clusterId: CLUSTER }, parseArgs(ossProgram()).body);
      await client.createBackupStrategy({ clusterId: CLUSTER, tenantId: TENANT }, parseArgs(seedProgram()).body);
    } finally {
      await client.close();
    }
    const imported = await bs.read("1000005", {});
    expect(imported.gone).toBe(false);
    expect(imported.id).toBe("1000005");
    expect(imported.inputs).toMatchObject({ clusterId: CLUSTER, backupMode: "PHYSICAL_BACKUP", obBackupScheduleConfig: { backupScheduleTime: "02:00:00.000+08:00" } });
    // OCP never returns the storage secret, so the imported state cannot hold it.
    expect(imported.inputs).not.toHaveProperty("obBackupServiceStorageConfig.obBackupStorageBaseInfo.ossAccessKey.accessKeySecret");
    expect(imported.properties).toMatchObject({ strategyId: 1, clusterName: "demo-cluster" });
    expect(await bs.diff(imported.id, imported.properties, await checked(ossProgram({ timeoutMinutes: 10 })))).toMatchObject({ changes: "none", replaces: [] });

    const tenant = await bs.read("1000005/tenants/1002", {});
    expect(tenant.inputs).toMatchObject({ clusterId: CLUSTER, tenantId: TENANT, secondaryBackupEnabled: true });
    expect(await bs.diff(tenant.id, tenant.properties, await checked(seedProgram({ tenantId: TENANT })))).toMatchObject({ changes: "none" });

    // A refresh with the state keeps the secret the state already had.
    const state = { ...imported.properties, obBackupServiceStorageConfig: unwrap((await checked(ossProgram()))["obBackupServiceStorageConfig"]) };
    const refreshed = await h.resource("BackupStrategy", "with-state").read("1000005", state);
    expect(refreshed.inputs).toHaveProperty("obBackupServiceStorageConfig.obBackupStorageBaseInfo.ossAccessKey.accessKeySecret", OSS_SECRET);
  });

  test("deleted outside Pulumi: read reports it gone", async () => {
    await h.control.setDurations({ "ocp.taskMs": 0 });
    const { id, properties } = await bs.up(await h.programInputs("BackupStrategy", ossProgram()));
    const state = (await h.control.objects())["ocp"];
    await h.control.replaceObjects("ocp", { ...state, strategies: {} });
    const read = await bs.read(id, properties);
    expect(read.gone).toBe(true);
    expect(read.id).toBe("");
  });

  test("a wait that times out is a partial failure with the id and __provider; the next up resumes the wait", async () => {
    const inputs = await checked(ossProgram({ timeoutMinutes: 0.005 })); // 0.3 s of real time; the frozen task never ends
    const err = await rejection(bs.create(inputs));
    expect(err).toBeInstanceOf(HostError);
    const failure = (err as HostError).initFailure;
    expect(failure).toBeDefined();
    expect(failure!.id).toBe("1000005");
    expect(failure!.properties).toMatchObject({
      clusterId: CLUSTER,
      strategyId: 1,
      taskIds: [3000041],
      taskStatus: "RUNNING",
      __provider: await h.providerText("BackupStrategy"),
    });
    expect(isSecret(failure!.properties["obBackupServiceStorageConfig"])).toBe(true);
    expect(failure!.reasons.join("\n")).toMatch(/OCP task 3000041 of BackupStrategy of cluster 1000005 \(OCP accepted the settings\) is not done after .* \(timeoutMinutes 0.005\); last status task 3000041 RUNNING\. .*next `pulumi up` resumes the wait/s);

    // Next `pulumi up`: the engine diffs against the recorded outputs, then calls Update (init errors) even when Diff finds nothing.
    await h.control.advance(3000);
    const news = await checked(ossProgram({ timeoutMinutes: 0.005 }));
    expect(await bs.diff(failure!.id, failure!.properties, news)).toMatchObject({ changes: "none" });
    const mark = await h.mark();
    const resumed = (await bs.update(failure!.id, failure!.properties, news)).properties;
    expect(resumed).toMatchObject({ taskStatus: "SUCCESSFUL", taskIds: [3000041], strategyId: 1 });
    expect((await h.requestsSince(mark)).map((r) => r.method)).not.toContain("PATCH");
    expectNoSecretLeak(failure!.properties, resumed, failure!.reasons);
  });

  test("a resumed wait whose task ended FAILED sends the settings again in the same update", async () => {
    const inputs = await checked(ossProgram({ timeoutMinutes: 0.005 })); // the frozen task never ends in time
    const failure = ((await rejection(bs.create(inputs))) as HostError).initFailure;
    expect(failure?.properties).toMatchObject({ taskIds: [3000041], taskStatus: "RUNNING" });
    const ocpState = (await h.control.objects())["ocp"];
    ocpState.tasks["3000041"].fails = true; // the change OCP was running fails meanwhile
    await h.control.replaceObjects("ocp", ocpState);
    await h.control.advance(3000);
    const news = await checked(ossProgram());
    const mark = await h.mark();
    const pending = bs.update(failure!.id, failure!.properties, news);
    await h.requestArrived(mark, "PATCH", /\/backupStrategy$/);
    await h.control.advance(3000); // the new task ends
    const done = (await pending).properties;
    expect(done).toMatchObject({ taskStatus: "SUCCESSFUL", strategyId: 1 });
    expect(done["taskIds"]).not.toEqual([3000041]);
    await h.host.waitForLog(/OCP task 3000041 ended FAILED; sending the settings again/);
  });

  test("a task that ends FAILED is a partial failure naming it; the next diff sends the settings again", async () => {
    await h.control.setDurations({ "ocp.taskMs": 0 });
    const failing = edited(ossProgram(), (p) => (p.obBackupServiceStorageConfig.obBackupStorageBaseInfo.storageUrl = "osstest/emulator-fail-task/"));
    const inputs = await checked(failing);
    const err = await rejection(bs.create(inputs));
    const failure = (err as HostError).initFailure;
    expect(failure).toMatchObject({ id: "1000005", properties: { taskStatus: "FAILED", strategyId: 1 } });
    expect(failure!.properties["__provider"]).toBe(await h.providerText("BackupStrategy"));
    expect(failure!.reasons.join("\n")).toMatch(/OCP task 3000041 \(Create backup strategy\) ended FAILED/);
    expect(await bs.diff(failure!.id, failure!.properties, inputs)).toMatchObject({ changes: "some", replaces: [] });
    expectNoSecretLeak(failure!.properties, failure!.reasons);
  });

  test("delete waits for its task; delete again when already gone succeeds", async () => {
    await h.control.setDurations({ "ocp.taskMs": 0 });
    const { id, properties } = await bs.up(await h.programInputs("BackupStrategy", ossProgram()));
    await bs.delete(id, properties);
    expect(await strategies()).toEqual({});
    const mark = await h.mark();
    await bs.delete(id, properties);
    // The 404 counts as "gone" only because the cluster itself still answers.
    expect((await h.requestsSince(mark)).map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      "DELETE /api/v2/ob/clusters/1000005/backup/config/backupStrategy 404",
      "GET /api/v2/ob/clusters/1000005/backup/ability 200",
    ]);
    expect((await bs.read(id, properties)).gone).toBe(true);
  });

  test("tenant-level strategy: create, empty diff, update in place, read, delete", async () => {
    await h.control.setDurations({ "ocp.taskMs": 0 });
    const t = h.resource("BackupStrategy", "tenant");
    const inputs = await checked(seedProgram({ tenantId: TENANT }));
    const { id, properties } = await t.create(inputs);
    expect(id).toBe("1000005/tenants/1002");
    expect(properties).toMatchObject({ tenantId: TENANT, backupDimension: "TENANT", secondaryBackupEnabled: true, taskStatus: "SUCCESSFUL" });
    expect(await t.diff(id, properties, await checked(seedProgram({ tenantId: "1002" })))).toMatchObject({ changes: "none" });

    const news = await checked(seedProgram({ tenantId: TENANT, secondaryBackupEnabled: false, obSecondaryBackupConfig: undefined }));
    expect(await t.diff(id, properties, news)).toMatchObject({ changes: "some", replaces: [] });
    const updated = (await t.update(id, properties, news)).properties;
    expect(updated).toMatchObject({ tenantId: TENANT, secondaryBackupEnabled: false, strategyId: properties["strategyId"] });
    expect(updated).not.toHaveProperty("obSecondaryBackupConfig");
    expect((await strategies())["1000005/tenants/1002"]?.body).toMatchObject({ secondaryBackupEnabled: false });

    const read = await t.read(id, updated);
    expect(await t.diff(id, read.properties, news)).toMatchObject({ changes: "none" });
    await t.delete(id, updated);
    expect((await t.read(id, updated)).gone).toBe(true);
  });

  describe("check refuses bad inputs before any request", () => {
    test.each(badInputs())("%s", async (_what, program, property, reason) => {
      const mark = await h.mark();
      const r = await bs.check(program);
      expect(r.failures).toContainEqual({ property, reason: expect.stringMatching(reason) });
      await h.expectNoRequestsSince(mark);
    });

    test("every failure of one program at once, none of them quoting a secret", async () => {
      const mark = await h.mark();
      const program = edited(ossProgram({ timeoutMinutes: -1, backupMode: "X" }), (p) => {
        p.obBackupServiceStorageConfig.obBackupStorageBaseInfo.ossAccessKey.accessKeyId = "";
      });
      const r = await bs.check(await h.programInputs("BackupStrategy", program));
      expect(r.failures.map((f) => f.property).sort()).toEqual([
        "backupMode",
        "obBackupServiceStorageConfig.obBackupStorageBaseInfo.ossAccessKey.accessKeyId",
        "timeoutMinutes",
      ]);
      expect(JSON.stringify(r.failures)).not.toContain(OSS_SECRET);
      expectNoSecretLeak(r.inputs);
      await h.expectNoRequestsSince(mark);
    });
  });

  test("secondary storage secrets stay secret too", async () => {
    await h.control.setDurations({ "ocp.taskMs": 0 });
    const program = edited(seedProgram(), (p) => {
      p.obSecondaryBackupConfig.storageConfig.obBackupStorageBaseInfo = {
        backupStorageType: "BACKUP_STORAGE_OSS",
        storageUrl: "osstest/secondary",
        ossAccessKey: { endpoint: "oss-cn-hangzhou.aliyuncs.com", accessKeyId: "oss-ak-2", accessKeySecret: SECONDARY_OSS_SECRET },
      };
    });
    const { id, properties, inputs } = await bs.up(await h.programInputs("BackupStrategy", program));
    expect(isSecret(properties["obSecondaryBackupConfig"])).toBe(true);
    const read = await bs.read(id, properties, inputs); // a refresh: the engine sends the state and the old inputs
    expect(isSecret(read.properties["obSecondaryBackupConfig"])).toBe(true);
    expect(unwrap(read.properties["obSecondaryBackupConfig"])).toHaveProperty("storageConfig.obBackupStorageBaseInfo.ossAccessKey.accessKeySecret", SECONDARY_OSS_SECRET);
    expectNoSecretLeak(properties, read.properties, read.inputs);
    const log = JSON.stringify(await h.control.requests());
    expect(log).not.toContain(SECONDARY_OSS_SECRET);
  });

  test("a backupMode the cluster cannot do, or incremental days on a cluster without them, is refused before anything is sent", async () => {
    // Cluster 1000006 (emulator fixture): backup ability PHYSICAL_BACKUP, incremental backups switched off.
    const cases: Array<[PropertyMap, string]> = [
      [ossProgram({ clusterId: 1000006, backupMode: "LOGICAL_BACKUP" }), 'backupMode: "LOGICAL_BACKUP" is not supported by OCP cluster 1000006, whose backup ability is PHYSICAL_BACKUP; nothing was sent'],
      [
        ossProgram({ clusterId: 1000006 }),
        "obBackupScheduleConfig.dayAndDataBackupModelMap: day 6 is INCREMENTAL_BACKUP, but OCP cluster 1000006 has incremental backups switched off (obDataBackupSupportAbility); nothing was sent",
      ],
    ];
    for (const [program, message] of cases) {
      const mark = await h.mark();
      const err = await bs.create(await checked(program)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(HostError);
      expect((err as HostError).message).toContain(message);
      expect((await h.requestsSince(mark)).filter((r) => r.method !== "GET")).toEqual([]);
    }
    expect(await strategies()).toEqual({});
    // Full backups only: accepted on that cluster.
    const full = ossProgram({ clusterId: 1000006 });
    (full.obBackupScheduleConfig as { dayAndDataBackupModelMap: Record<string, string> }).dayAndDataBackupModelMap = { "2": "FULL_BACKUP" };
    const mark = await h.mark();
    const pending = bs.create(await checked(full));
    await h.requestArrived(mark, "POST", /\/backupStrategy$/);
    await h.control.advance(60_000);
    expect((await pending).id).toBe("1000006");
  });
});
