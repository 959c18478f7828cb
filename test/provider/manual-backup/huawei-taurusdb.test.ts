// ManualBackup on Huawei Cloud TaurusDB through the real dynamic-provider host, against the emulator: create and wait
// until COMPLETED; the same program diffs empty; replacements (the new backup first, so one that keeps the name is
// refused before anything is sent: names are unique per instance); a wait-only change updates in place without a request; import from the id alone; deleted outside;
// a timed-out wait is a partial failure that the next update finishes; FAILED; busy 409s wait and retry; a lost answer
// to the create call is adopted, not duplicated; delete waits out a backup still being built; delete when gone.
import { TaurusDbClient } from "../../../sdk/taurusdb/client";
import { HostError, type PropertyMap } from "../../support/pulumi-host";
import { EMULATOR_CREDENTIALS, useProviderHost } from "../../support/provider-host";
import { eventually } from "../../support/eventually";

const PROJECT_ID = EMULATOR_CREDENTIALS.huawei.projectId;
const INSTANCE = "d8e6ca5a624745bcb546a227aa3ae1cfin01";
const OTHER_INSTANCE = "5f1e3c9b2a7d4e6f8b0c1d2e3f4a5b6cin07";
const CREATE_PATH = `/v3/${PROJECT_ID}/backups/create`;
/** taurusdb.backupMs default: a manual backup is BUILDING for 60 s. */
const PAST_BUILD_MS = 61_000;
/** The demo instance's data size (emulator fixtures), in bytes. */
const SIZE_BYTES = 2048 * 2 ** 20;
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

interface BackupRec {
  id: string;
  name: string;
  description?: string;
  instanceId: string;
  type: string;
}

const args = { platform: "huawei-taurusdb", instanceId: INSTANCE, name: "before-migration", description: "taken by pulumi" };

describe("ManualBackup on Huawei TaurusDB through the dynamic-provider host", () => {
  const h = useProviderHost();
  const mb = h.manualBackup;

  const manualBackups = async (): Promise<BackupRec[]> =>
    ((await h.control.objects())["huawei-taurusdb"].backups as BackupRec[]).filter((b) => b.type === "manual");

  const backupNamed = (name: string): Promise<BackupRec> => eventually(`backup ${name}`, async () => (await manualBackups()).find((b) => b.name === name));

  async function checked(a: PropertyMap): Promise<PropertyMap> {
    const r = await mb.check(a);
    expect(r.failures).toEqual([]);
    return r.inputs;
  }

  async function createCompleted(a: PropertyMap): Promise<{ inputs: PropertyMap; id: string; properties: PropertyMap; backup: BackupRec }> {
    const inputs = await checked(a);
    const pending = mb.create(inputs);
    const backup = await backupNamed(a.name as string);
    await h.control.advance(PAST_BUILD_MS);
    const { id, properties } = await pending;
    return { inputs, id, properties, backup };
  }

  function client(): TaurusDbClient {
    const c = EMULATOR_CREDENTIALS.huawei;
    return new TaurusDbClient({ endpoint: h.url, projectId: c.projectId, accessKey: c.accessKey, secretKey: c.secretKey });
  }

  it("creates a manual backup, waits until COMPLETED, and the same program diffs empty", async () => {
    const { inputs, id, properties, backup } = await createCompleted(args);
    expect(inputs).toEqual({ ...args, waitForCompletion: true, timeoutMinutes: 60, __provider: await h.providerText("ManualBackup") });
    expect(id).toBe(`huawei-taurusdb/${PROJECT_ID}/${backup.id}`);
    expect(backup).toMatchObject({ name: args.name, description: args.description, instanceId: INSTANCE });
    expect(properties).toMatchObject({ ...args, backupId: backup.id, status: "COMPLETED", sizeBytes: SIZE_BYTES, waitForCompletion: true, timeoutMinutes: 60 });
    expect(properties.beginTime).toMatch(ISO);
    expect(properties.endTime).toMatch(ISO);
    // OceanBase-only outputs are absent, not null.
    for (const k of ["backupSetId", "checkpoint", "tenantId", "backupObjectType", "databaseTables"]) expect(k in properties).toBe(false);
    expect(await mb.diff(id, properties, await checked(args))).toMatchObject({ changes: "none", replaces: [] });
  });

  it("a change replaces, never deleting the old backup first", async () => {
    const { id, properties } = await createCompleted(args);
    const description = await mb.diff(id, properties, await checked({ ...args, description: "another text" }));
    expect(description).toMatchObject({ changes: "some", replaces: ["description"], deleteBeforeReplace: false });
    const renamed = await mb.diff(id, properties, await checked({ ...args, name: "before-migration-2" }));
    expect(renamed).toMatchObject({ changes: "some", replaces: ["name"], deleteBeforeReplace: false });
    const moved = await mb.diff(id, properties, await checked({ ...args, instanceId: OTHER_INSTANCE }));
    expect(moved).toMatchObject({ changes: "some", replaces: ["instanceId"], deleteBeforeReplace: false });
    const noDescription = await mb.diff(id, properties, await checked({ ...args, description: undefined }));
    expect(noDescription).toMatchObject({ replaces: ["description"], deleteBeforeReplace: false });
  });

  it("a replacement that keeps the name is refused at create, before any request, and the old backup stays", async () => {
    const { id, properties, backup } = await createCompleted(args);
    const news = await checked({ ...args, description: "another text" });
    // The engine, told not to delete first, creates the replacement while the old backup still exists.
    const mark = await h.mark();
    const err = await mb.create(news).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HostError);
    expect((err as HostError).message).toContain(`name "${args.name}" is already taken on TaurusDB instance ${INSTANCE} by backup ${backup.id}`);
    expect((err as HostError).message).toContain("nothing was deleted");
    expect((await h.requestsSince(mark)).filter((r) => r.method !== "GET")).toEqual([]);
    expect((await manualBackups()).map((b) => b.id)).toEqual([backup.id]);
    expect((await mb.read(id, properties)).properties).toMatchObject({ status: "COMPLETED" });
  });

  it("a replacement under a new name: the new backup is complete while the old one still exists", async () => {
    const { backup: old } = await createCompleted(args);
    const { backup: replacement, properties } = await createCompleted({ ...args, name: "before-migration-2" });
    expect(properties.status).toBe("COMPLETED");
    expect((await manualBackups()).map((b) => b.id).sort()).toEqual([old.id, replacement.id].sort());
  });

  it("timeoutMinutes and waitForCompletion alone update in place, sending nothing", async () => {
    const { id, properties } = await createCompleted(args);
    const news = await checked({ ...args, timeoutMinutes: 5, waitForCompletion: false });
    // (The host forwards only changes, replaces and deleteBeforeReplace: the diffs list is unit-tested.)
    expect(await mb.diff(id, properties, news)).toMatchObject({ changes: "some", replaces: [], deleteBeforeReplace: false });
    const mark = await h.mark();
    const { properties: updated } = await mb.update(id, properties, news);
    await h.expectNoRequestsSince(mark);
    expect(updated).toEqual({ ...properties, timeoutMinutes: 5, waitForCompletion: false });
  });

  it("import by id alone reconstructs name, description and instance; the next diff is empty", async () => {
    const { id, properties, backup } = await createCompleted(args);
    const imported = await mb.read(id, {});
    expect(imported.id).toBe(id);
    expect(imported.inputs).toEqual({ platform: "huawei-taurusdb", instanceId: INSTANCE, name: args.name, description: args.description, __provider: await h.providerText("ManualBackup") });
    expect(imported.properties).toMatchObject({ backupId: backup.id, status: "COMPLETED", sizeBytes: SIZE_BYTES, beginTime: properties.beginTime });
    expect((await mb.diff(id, imported.properties, await checked(args))).changes).toBe("none");
    const refreshed = await mb.read(id, properties);
    expect(refreshed.properties).toEqual(properties);
  });

  it("a backup deleted outside Pulumi (through the API) reads as gone; deleting it then succeeds", async () => {
    const { id, properties, backup } = await createCompleted(args);
    const c = client();
    try {
      await c.deleteBackup(backup.id);
    } finally {
      await c.close();
    }
    expect((await mb.read(id, properties)).gone).toBe(true);
    await mb.delete(id, properties);
  });

  it("a wait that times out is a partial failure with id and __provider; the next update finishes the wait", async () => {
    const inputs = await checked({ ...args, timeoutMinutes: 0.02 });
    const err = await mb.create(inputs).then(
      () => undefined,
      (e: unknown) => e,
    );
    const failure = (err as HostError).initFailure;
    expect(err).toBeInstanceOf(HostError);
    const [backup] = await manualBackups();
    expect(failure?.id).toBe(`huawei-taurusdb/${PROJECT_ID}/${backup?.id}`);
    expect(failure?.properties).toMatchObject({ ...args, backupId: backup?.id, status: "BUILDING", timeoutMinutes: 0.02 });
    expect(failure?.properties.__provider).toBe(await h.providerText("ManualBackup"));
    expect(failure?.reasons.join(" ")).toMatch(/not COMPLETED or AVAILABLE after .*last status BUILDING.*resumes the wait/);
    expect((await mb.diff(failure!.id, failure!.properties, inputs)).changes).toBe("none");
    await h.control.advance(PAST_BUILD_MS);
    const { properties } = await mb.update(failure!.id, failure!.properties, inputs);
    expect(properties).toMatchObject({ status: "COMPLETED", backupId: backup?.id, sizeBytes: SIZE_BYTES });
    expect(await manualBackups()).toHaveLength(1);
  });

  it("a backup that ends FAILED is a partial failure, and the next diff replaces it (deleting first: same name)", async () => {
    const inputs = await checked(args);
    const pending = mb.create(inputs).then(
      () => undefined,
      (e: unknown) => e,
    );
    const backup = await backupNamed(args.name);
    // The emulator never fails a backup by itself: the next listing answers FAILED for this one.
    await h.control.addFault({
      method: "GET",
      path: `/v3/${PROJECT_ID}/backups$`,
      action: "status",
      status: 200,
      body: {
        backups: [{ id: backup.id, name: backup.name, begin_time: "2026-01-13T05:58:34+0000", status: "FAILED", type: "manual", instance_id: INSTANCE, description: args.description }],
        total_count: 1,
      },
    });
    const failure = ((await pending) as HostError).initFailure;
    expect(failure?.properties).toMatchObject({ status: "FAILED", backupId: backup.id });
    expect(failure?.reasons.join(" ")).toMatch(/ended FAILED and cannot be used.*replaces it/);
    expect(await mb.diff(failure!.id, failure!.properties, inputs)).toMatchObject({ changes: "some", replaces: ["status"], deleteBeforeReplace: true });
  });

  it("busy 409s (another backup BUILDING) wait and retry within the deadline", async () => {
    const other = h.resource("ManualBackup", "other");
    const first = await other.up({ ...args, name: "nightly-extra", waitForCompletion: false });
    expect(first.properties.status).toBe("BUILDING");
    // Once the first backup completes, the next one completes at once.
    await h.control.setDurations({ "taurusdb.backupMs": 0 });
    const inputs = await checked(args);
    const pending = mb.create(inputs);
    await eventually("a busy answer", async () =>
      (await h.requestsSince(0)).find((r) => r.method === "POST" && r.path === CREATE_PATH && r.status === 409) ?? undefined,
    );
    await h.host.waitForLog(/is busy \(DBS\.201205.*waits and retries/);
    await h.control.advance(PAST_BUILD_MS);
    const { properties } = await pending;
    expect(properties.status).toBe("COMPLETED");
    expect((await manualBackups()).map((b) => b.name).sort()).toEqual(["before-migration", "nightly-extra"]);
    const posts = (await h.requestsSince(0)).filter((r) => r.method === "POST" && r.path === CREATE_PATH);
    expect(posts.at(-1)?.status).toBe(200);
    expect(posts.filter((r) => r.status === 200)).toHaveLength(2);
  });

  it("a lost answer to the create call: the backup it made is adopted, none is created twice", async () => {
    await h.control.addFault({ method: "POST", path: `${CREATE_PATH}$`, action: "reset-after" });
    const { id, properties, backup } = await createCompleted(args);
    expect(await manualBackups()).toHaveLength(1);
    expect(id).toBe(`huawei-taurusdb/${PROJECT_ID}/${backup.id}`);
    expect(properties.status).toBe("COMPLETED");
    const posts = (await h.requestsSince(0)).filter((r) => r.method === "POST" && r.path === CREATE_PATH);
    expect(posts.map((r) => r.status)).toEqual(["reset"]);
    expect(h.host.transcript()).toMatch(new RegExp(`backup ${backup.id} is the one it created: adopted`));
  });

  it("delete waits out a backup still BUILDING, deletes it, and deleting again succeeds", async () => {
    const created = await mb.up({ ...args, waitForCompletion: false });
    expect(created.properties.status).toBe("BUILDING");
    const pending = mb.delete(created.id, created.properties);
    await eventually("a refused delete", async () =>
      (await h.requestsSince(0)).find((r) => r.method === "DELETE" && r.status === 409) ?? undefined,
    );
    expect(await manualBackups()).toHaveLength(1);
    await h.control.advance(PAST_BUILD_MS);
    await pending;
    expect(await manualBackups()).toEqual([]);
    await mb.delete(created.id, created.properties);
    const deletes = (await h.requestsSince(0)).filter((r) => r.method === "DELETE");
    expect(deletes.at(-1)?.status).toBe(404);
  });
});
