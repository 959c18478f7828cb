// ManualBackup on OCP through the real dynamic-provider host, against the emulator: bad inputs refused at check with
// nothing sent; a cluster and a tenant backupNow followed to SUCCESSFUL; the same program diffs empty; a wait-only
// change updates in place without a request; refresh from the id alone; a task that ends FAILED; a timed-out wait
// resumed; the cluster or the task deleted outside; delete only forgets; a lost answer on the POST (reset after the
// server acted, or a 5xx before) never makes two backups; the storage secret never leaves a secret wrapper.
import { HostError, isSecret, unwrappedPaths, type PropertyMap } from "../../support/pulumi-host";
import { EMULATOR_SECRETS, useProviderHost } from "../../support/provider-host";
import { eventually } from "../../support/eventually";
import { ossStorageConfig } from "../../support/ocp-seed";

const CLUSTER = 1000005;
const TENANT = 1002;
const SECRET = "oss-manual-backup-SECRET-5d1e";
const NOW_PATH = /\/backup\/backupNow$/;
/** The emulator's ocp.taskMs default. */
const TASK_MS = 3000;

function storage(storageUrl = "osstest/backup"): Record<string, unknown> {
  return ossStorageConfig(SECRET, storageUrl);
}

const clusterArgs = (): PropertyMap => ({ platform: "ocp", clusterId: CLUSTER, backupMode: "PHYSICAL_BACKUP", dataBackupMode: "FULL_BACKUP", obBackupServiceStorageConfig: storage() });
const tenantArgs = (): PropertyMap => ({ ...clusterArgs(), tenantId: TENANT, dataBackupMode: "INCREMENTAL_BACKUP" });

function without(args: PropertyMap, key: string): PropertyMap {
  const { [key]: _dropped, ...rest } = args;
  return rest;
}

/** Bad inputs, one broken rule each: [what, program, property path, rule]. */
const BAD: Array<[string, PropertyMap, string, RegExp]> = [
  ["clusterId missing", without(clusterArgs(), "clusterId"), "clusterId", /is required/],
  ["clusterId zero", { ...clusterArgs(), clusterId: 0 }, "clusterId", /must be a positive integer \(a number, or a string of digits\)/],
  ["tenantId an OceanBase Cloud id", { ...tenantArgs(), tenantId: "t-demo" }, "tenantId", /must be a positive integer/],
  ["backupMode not an enum value", { ...clusterArgs(), backupMode: "SNAPSHOT" }, "backupMode", /must be one of PHYSICAL_BACKUP, LOGICAL_BACKUP/],
  ["dataBackupMode missing", without(clusterArgs(), "dataBackupMode"), "dataBackupMode", /is required/],
  ["storage config missing", without(clusterArgs(), "obBackupServiceStorageConfig"), "obBackupServiceStorageConfig", /is required/],
  [
    "storageUrl with a protocol",
    { ...clusterArgs(), obBackupServiceStorageConfig: storage("oss://bucket/backup") },
    "obBackupServiceStorageConfig.obBackupStorageBaseInfo.storageUrl",
    /without a protocol prefix/,
  ],
  [
    "OSS storage without its key",
    { ...clusterArgs(), obBackupServiceStorageConfig: { ...storage(), obBackupStorageBaseInfo: { backupStorageType: "BACKUP_STORAGE_OSS", storageUrl: "a/b" } } },
    "obBackupServiceStorageConfig.obBackupStorageBaseInfo.ossAccessKey",
    /is required when backupStorageType is BACKUP_STORAGE_OSS/,
  ],
  ["a misspelt storage field", { ...clusterArgs(), obBackupServiceStorageConfig: { ...storage(), configname: "x" } }, "obBackupServiceStorageConfig.configname", /is not a known property/],
  ["alarm threshold over 100", { ...clusterArgs(), obBackupServiceStorageConfig: { ...storage(), alarmStoragePercentageThreshold: 101 } }, "obBackupServiceStorageConfig.alarmStoragePercentageThreshold", /percentage from 1 to 100/],
  ["instanceId with ocp", { ...clusterArgs(), instanceId: "obcluster-demo" }, "instanceId", /is an argument of platforms "oceanbase-cloud" and "huawei-taurusdb": not allowed with platform "ocp"/],
  ["a TaurusDB name with ocp", { ...clusterArgs(), name: "before-change" }, "name", /is an argument of platform "huawei-taurusdb": not allowed with platform "ocp"/],
  ["clusterId with oceanbase-cloud", { platform: "oceanbase-cloud", instanceId: "obcluster-demo", tenantId: "t-demo", clusterId: CLUSTER }, "clusterId", /is an argument of platform "ocp": not allowed with platform "oceanbase-cloud"/],
  ["an OCP storage config with TaurusDB", { platform: "huawei-taurusdb", instanceId: "d8e6ca5a624745bcb546a227aa3ae1cfin01", name: "before-change", obBackupServiceStorageConfig: storage() }, "obBackupServiceStorageConfig", /is an argument of platform "ocp"/],
];

interface BackupRec {
  id: number;
  clusterId: number;
  tenantId?: number;
  taskId: number;
}

describe("ManualBackup on OCP through the dynamic-provider host", () => {
  const h = useProviderHost();
  const mb = h.manualBackup;

  const backups = async (): Promise<BackupRec[]> => Object.values((await h.control.objects())["ocp"].backups as Record<string, BackupRec>);
  const backupStarted = (): Promise<BackupRec> => eventually("the backup in the emulator", async () => (await backups())[0]);

  /** The engine's first step of `pulumi up` for a program: the class's registered inputs (secrets wrapped), checked. */
  async function checked(args: PropertyMap): Promise<PropertyMap> {
    const r = await mb.check(await h.programInputs("ManualBackup", args));
    expect(r.failures).toEqual([]);
    return r.inputs;
  }

  /** check, create (advancing the emulator's clock once the backup exists), then the outputs. */
  async function createDone(args: PropertyMap): Promise<{ inputs: PropertyMap; id: string; properties: PropertyMap; backup: BackupRec }> {
    const inputs = await checked(args);
    const pending = mb.create(inputs);
    const backup = await backupStarted();
    await h.control.advance(TASK_MS);
    const { id, properties } = await pending;
    return { inputs, id, properties, backup };
  }

  function expectNoSecretLeak(...values: unknown[]): void {
    for (const secret of [SECRET, ...EMULATOR_SECRETS]) {
      for (const v of values) expect(unwrappedPaths(v, secret)).toEqual([]);
      expect(h.host.transcript()).not.toContain(secret);
    }
  }

  it.each(BAD)("refuses %s at check, naming the property and the rule, sending nothing", async (_what, news, property, rule) => {
    const mark = await h.mark();
    const { failures } = await mb.check(news);
    expect(failures.find((f) => f.property === property)).toMatchObject({ property, reason: expect.stringMatching(rule) });
    await h.expectNoRequestsSince(mark);
  });

  it("reports every broken rule at once, none quoting the storage secret", async () => {
    const { failures } = await mb.check({ platform: "ocp", clusterId: -1, backupMode: "X", obBackupServiceStorageConfig: { ...storage(), alarmStoragePercentageThreshold: 0 } });
    expect(failures.map((f) => f.property).sort()).toEqual(["backupMode", "clusterId", "dataBackupMode", "obBackupServiceStorageConfig.alarmStoragePercentageThreshold"]);
    expect(JSON.stringify(failures)).not.toContain(SECRET);
  });

  it("cluster backup: checks the ability, sends backupNow, follows the task to SUCCESSFUL; the same program diffs empty", async () => {
    const { inputs, id, properties, backup } = await createDone(clusterArgs());
    expect(inputs).toMatchObject({ platform: "ocp", clusterId: CLUSTER, waitForCompletion: true, timeoutMinutes: 60 });
    expect(id).toBe(`ocp/${CLUSTER}/tasks/${backup.taskId}`);
    expect(backup).toMatchObject({ clusterId: CLUSTER, backupMode: "PHYSICAL_BACKUP", dataBackupMode: "FULL_BACKUP" });
    expect(backup.tenantId).toBeUndefined();
    expect(properties).toMatchObject({ platform: "ocp", clusterId: CLUSTER, backupId: String(backup.taskId), taskIds: [backup.taskId], status: "SUCCESSFUL", __provider: await h.providerText("ManualBackup") });
    for (const t of ["beginTime", "endTime"]) expect(properties[t]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect("tenantId" in properties).toBe(false);
    const sent = (await h.requestsSince(0)).filter((r) => r.authorized && !r.path.startsWith("/api/v2/tasks/instances/"));
    expect(sent.map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET /api/v2/ob/clusters/${CLUSTER}/backup/ability`,
      "GET /api/v2/tasks/instances",
      `POST /api/v2/ob/clusters/${CLUSTER}/backup/backupNow`,
    ]);
    expect(sent[1]?.query).toEqual({ clusterId: String(CLUSTER), type: "MANUAL", size: "2000", sort: "id,desc" });
    expect(sent[2]?.body).toMatchObject({ backupMode: "PHYSICAL_BACKUP", dataBackupMode: "FULL_BACKUP", obBackupServiceStorageConfig: { configName: "oss-main" } });
    expect(await mb.diff(id, properties, await checked(clusterArgs()))).toMatchObject({ changes: "none", replaces: [] });
    // The same cluster id written as a string of digits is the same backup.
    expect((await mb.diff(id, properties, await checked({ ...clusterArgs(), clusterId: String(CLUSTER) }))).changes).toBe("none");
  });

  it("a status read answered success:false under 200 is read again: the wait goes on to SUCCESSFUL", async () => {
    const inputs = await checked(clusterArgs());
    await h.control.addFault({ method: "GET", path: "^/api/v2/tasks/instances/\\d+$", action: "status", status: 200, body: { successful: false, data: null }, times: 2 });
    const pending = mb.create(inputs);
    const backup = await backupStarted();
    await h.host.waitForLog(/status not readable/);
    await h.control.advance(TASK_MS);
    const { properties } = await pending;
    expect(properties).toMatchObject({ backupId: String(backup.taskId), status: "SUCCESSFUL" });
    expect((await h.control.faults()).length).toBe(0); // both faulted reads happened
  });

  it("tenant backup: the storage config stays secret in inputs, outputs and the host's transcript", async () => {
    const { inputs, id, properties, backup } = await createDone(tenantArgs());
    expect(id).toBe(`ocp/${CLUSTER}/tenants/${TENANT}/tasks/${backup.taskId}`);
    expect(backup).toMatchObject({ clusterId: CLUSTER, tenantId: TENANT, dataBackupMode: "INCREMENTAL_BACKUP" });
    expect(properties).toMatchObject({ tenantId: TENANT, status: "SUCCESSFUL", dataBackupMode: "INCREMENTAL_BACKUP" });
    expect(isSecret(inputs.obBackupServiceStorageConfig)).toBe(true);
    expect(isSecret(properties.obBackupServiceStorageConfig)).toBe(true);
    expectNoSecretLeak(inputs, properties);
    expect((await mb.diff(id, properties, await checked(tenantArgs()))).changes).toBe("none");
  });

  it("every argument that chooses the backup replaces it; the wait arguments update in place without a request", async () => {
    const { inputs, id, properties } = await createDone(tenantArgs());
    for (const [change, key] of [
      [{ tenantId: 1003 }, "tenantId"],
      [{ clusterId: 1000006 }, "clusterId"],
      [{ backupMode: "LOGICAL_BACKUP" }, "backupMode"],
      [{ dataBackupMode: "FULL_BACKUP" }, "dataBackupMode"],
      [{ obBackupServiceStorageConfig: storage("osstest/other") }, "obBackupServiceStorageConfig"],
    ] as const) {
      const d = await mb.diff(id, properties, await checked({ ...tenantArgs(), ...change }));
      expect(d).toMatchObject({ changes: "some", deleteBeforeReplace: false });
      expect(d.replaces).toEqual([key]);
    }
    const news = await checked({ ...tenantArgs(), timeoutMinutes: 30, waitForCompletion: false });
    expect(await mb.diff(id, properties, news)).toMatchObject({ changes: "some", replaces: [] });
    const mark = await h.mark();
    const { properties: updated } = await mb.update(id, properties, news, { oldInputs: inputs });
    await h.expectNoRequestsSince(mark);
    expect(updated).toMatchObject({ timeoutMinutes: 30, waitForCompletion: false, status: "SUCCESSFUL", backupId: properties.backupId });
    expect((await mb.diff(id, updated, news)).changes).toBe("none");
  });

  it("refresh from the id alone: read rebuilds platform, cluster and tenant, and the next diff is empty", async () => {
    const { id, properties, backup } = await createDone(tenantArgs());
    const imported = await mb.read(id, {});
    expect(imported.id).toBe(id);
    const { __provider: _provider, ...importedInputs } = imported.inputs ?? {};
    expect(importedInputs).toEqual({ platform: "ocp", clusterId: CLUSTER, tenantId: TENANT });
    expect(imported.properties).toMatchObject({ backupId: String(backup.taskId), taskIds: [backup.taskId], status: "SUCCESSFUL", endTime: properties.endTime });
    // OCP's task tells neither the modes nor the storage: an imported state has none, so they compare equal.
    expect((await mb.diff(id, imported.properties, await checked(tenantArgs()))).changes).toBe("none");
    const refreshed = await mb.read(id, properties);
    expect(refreshed.properties).toEqual(properties);
  });

  it("a task that ends FAILED is a partial failure naming the task, and the next diff replaces the backup", async () => {
    const inputs = await checked({ ...clusterArgs(), obBackupServiceStorageConfig: storage("osstest/emulator-fail-task/x") });
    const pending = mb.create(inputs).then(
      () => undefined,
      (e: unknown) => e,
    );
    const backup = await backupStarted();
    await h.control.advance(TASK_MS);
    const failure = ((await pending) as HostError).initFailure;
    expect(failure?.id).toBe(`ocp/${CLUSTER}/tasks/${backup.taskId}`);
    expect(failure?.properties).toMatchObject({ status: "FAILED", backupId: String(backup.taskId) });
    expect(failure?.reasons.join(" ")).toMatch(new RegExp(`task ${backup.taskId}\\).*ended FAILED \\(OCP task ${backup.taskId} \\(Backup now\\) ended FAILED\\).*replaces it`));
    expect(await mb.diff(failure!.id, failure!.properties, inputs)).toMatchObject({ changes: "some", replaces: ["status"] });
  });

  it("a wait that runs out is a partial failure with the id; the next update finishes the wait without a second backup", async () => {
    const inputs = await checked({ ...tenantArgs(), timeoutMinutes: 0.02 });
    const err = await mb.create(inputs).then(
      () => undefined,
      (e: unknown) => e,
    );
    const failure = (err as HostError).initFailure;
    const [backup] = await backups();
    expect(failure?.id).toBe(`ocp/${CLUSTER}/tenants/${TENANT}/tasks/${backup?.taskId}`);
    expect(failure?.properties).toMatchObject({ status: "RUNNING", taskIds: [backup?.taskId] });
    expect(failure?.reasons.join(" ")).toMatch(/is not SUCCESSFUL after .*last status RUNNING.*resumes the wait/);
    expect((await mb.diff(failure!.id, failure!.properties, inputs)).changes).toBe("none");
    await h.control.advance(TASK_MS);
    const { properties } = await mb.update(failure!.id, failure!.properties, inputs);
    expect(properties).toMatchObject({ status: "SUCCESSFUL" });
    expect(await backups()).toHaveLength(1);
  });

  it("a backupMode the cluster cannot do is refused at create, naming the argument, before backupNow is sent", async () => {
    const inputs = await checked({ ...clusterArgs(), clusterId: 1000006, backupMode: "LOGICAL_BACKUP" });
    const err = await mb.create(inputs).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(String((err as Error).message)).toMatch(/backupMode: "LOGICAL_BACKUP" is not supported by OCP cluster 1000006, whose backup ability is PHYSICAL_BACKUP; nothing was sent/);
    expect((await h.requestsSince(0)).filter((r) => r.method === "POST")).toEqual([]);
  });

  it("a cluster OCP does not have fails the create naming clusterId, before backupNow is sent", async () => {
    const err = await mb.create(await checked({ ...clusterArgs(), clusterId: 999 })).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(String((err as Error).message)).toMatch(/clusterId 999: OCP has no such cluster/);
    expect((await h.requestsSince(0)).filter((r) => r.method === "POST")).toEqual([]);
  });

  it("the cluster deleted outside: read says gone; delete sends nothing and still says it forgets", async () => {
    const { id, properties } = await createDone(clusterArgs());
    const state = await h.control.objects();
    const { [String(CLUSTER)]: _gone, ...clusters } = state["ocp"].clusters as Record<string, unknown>;
    await h.control.replaceObjects("ocp", { ...state["ocp"], clusters });
    expect((await mb.read(id, properties)).gone).toBe(true);
    await h.host.waitForLog(/OCP no longer has cluster 1000005/);
    const mark = await h.mark();
    await mb.delete(id, properties);
    await h.expectNoRequestsSince(mark);
    await h.host.waitForLog(/OCP documents no API to delete a backup/);
  });

  it("the task deleted outside while the cluster answers: read says gone", async () => {
    const { id, properties } = await createDone(clusterArgs());
    const state = await h.control.objects();
    await h.control.replaceObjects("ocp", { ...state["ocp"], tasks: {} });
    expect((await mb.read(id, properties)).gone).toBe(true);
  });

  it("delete only forgets the backup (OCP documents no delete) and says so; deleting again is fine", async () => {
    const { id, properties, backup } = await createDone(tenantArgs());
    const mark = await h.mark();
    const logs = h.host.logs.length;
    await mb.delete(id, properties);
    await mb.delete(id, properties);
    await h.expectNoRequestsSince(mark);
    expect((await backups()).map((b) => b.taskId)).toEqual([backup.taskId]);
    const said = await h.host.waitForLog(new RegExp(`OCP backup of tenant ${TENANT} of cluster ${CLUSTER} \\(task ${backup.taskId}\\): OCP documents no API to delete a backup`));
    expect(said.message).toMatch(/only removed from the Pulumi state; the backup stays in its storage/);
    expect(h.host.logs.slice(logs).filter((l) => l.message.includes("no API to delete a backup"))).toHaveLength(2);
  });

  it("a reset after the server acted: the task it started is found in the task list and adopted, no second backup", async () => {
    await h.control.addFault({ method: "POST", path: NOW_PATH.source, action: "reset-after" });
    const { id, properties, backup } = await createDone(tenantArgs());
    expect(await backups()).toHaveLength(1);
    expect(id).toBe(`ocp/${CLUSTER}/tenants/${TENANT}/tasks/${backup.taskId}`);
    expect(properties.status).toBe("SUCCESSFUL");
    const posts = (await h.requestsSince(0)).filter((r) => r.method === "POST");
    expect(posts.map((r) => r.status)).toEqual(["reset"]);
    expect(h.host.transcript()).toMatch(new RegExp(`OCP task ${backup.taskId} \\(Backup now\\) is the one it started: adopted`));
    expectNoSecretLeak(properties);
  });

  it("a 503 before the server acted: no new task is listed, so the call is sent once more, one backup in all", async () => {
    await h.control.addFault({ method: "POST", path: NOW_PATH.source, action: "status", status: 503 });
    const { properties, backup } = await createDone(clusterArgs());
    expect(await backups()).toHaveLength(1);
    expect(properties).toMatchObject({ status: "SUCCESSFUL", backupId: String(backup.taskId) });
    const posts = (await h.requestsSince(0)).filter((r) => r.method === "POST");
    expect(posts.map((r) => r.status)).toEqual([503, 200]);
    expect(h.host.transcript()).toMatch(/was lost and OCP lists no new task on it: sending the request again$/m);
  });

  it("a lost answer while a sibling backup of another tenant runs: only the target's own new task counts", async () => {
    // Another tenant's task appears between the snapshot and the lost answer: the tenant filter keeps it out.
    await h.control.addFault({ method: "POST", path: NOW_PATH.source, action: "reset-after" });
    const state = await h.control.objects();
    const cluster = state["ocp"].clusters[String(CLUSTER)];
    await h.control.replaceObjects("ocp", { ...state["ocp"], clusters: { ...state["ocp"].clusters, [String(CLUSTER)]: { ...cluster, tenants: { ...cluster.tenants, "1003": { id: 1003, name: "other" } } } } });
    const other = await checked({ ...tenantArgs(), tenantId: 1003 });
    const mine = await checked(tenantArgs());
    const pendingMine = mb.create(mine);
    const pendingOther = mb.create(other);
    await eventually("both backups in the emulator", async () => ((await backups()).length === 2 ? true : undefined));
    await h.control.advance(TASK_MS);
    const results = await Promise.allSettled([pendingMine, pendingOther]);
    const all = await backups();
    expect(all).toHaveLength(2);
    const ids = results.map((r) => (r.status === "fulfilled" ? r.value.id : `rejected: ${String(r.reason)}`));
    const byTenant = Object.fromEntries(all.map((b) => [b.tenantId, b.taskId]));
    expect(ids).toEqual([`ocp/${CLUSTER}/tenants/${TENANT}/tasks/${byTenant[TENANT]}`, `ocp/${CLUSTER}/tenants/1003/tasks/${byTenant[1003]}`]);
  });
});
