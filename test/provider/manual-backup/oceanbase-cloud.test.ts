// ManualBackup on OceanBase Cloud through the real dynamic-provider host, against the emulator: tenant, database and
// table backups; the same program diffs empty; replacements; a wait-only change updates in place without a request;
// import from the id alone; deleted outside; a timed-out wait is a partial failure that the next update finishes;
// FAILED; a lost answer to the start call is adopted, not duplicated; delete only forgets, and says so.
import { HostError, type PropertyMap } from "../../support/pulumi-host";
import { useProviderHost } from "../../support/provider-host";
import { eventually } from "../../support/eventually";

const DEMO = "obcluster-demo";
const TENANT = "t-demo";
const START_PATH = `/api/v2/instances/${DEMO}/backup/data/start`;
/** Emulator defaults: BEGINNING 5 s, then DOING 60 s (oceanbase.backupBeginMs / backupMs). */
const PAST_DONE_MS = 70_000;
/** 0.01 GiB, the emulator's set size, in bytes (rounded). */
const SIZE_BYTES = Math.round(0.01 * 2 ** 30);

interface SetRec {
  backupSetId: string;
  backupMode: string;
  backupObjectType: string;
  tenantId: string;
  databaseTables?: string;
  outcome: string;
}

const tenantArgs = { platform: "oceanbase-cloud", instanceId: DEMO, tenantId: TENANT };
const databaseArgs = { ...tenantArgs, backupObjectType: "database", databaseTables: [{ database: "shop" }, { database: "crm" }] };
const tableArgs = { ...tenantArgs, backupObjectType: "table", databaseTables: [{ database: "shop", tables: ["orders", "items"] }] };

describe("ManualBackup on OceanBase Cloud through the dynamic-provider host", () => {
  const h = useProviderHost();
  const mb = h.manualBackup;

  const obState = async (): Promise<{ backupSets: SetRec[] } & Record<string, unknown>> => (await h.control.objects())["oceanbase-cloud"];
  const fixtureIds = new Set(["bak-demo0cluster", "bak-demo0tenant"]);
  const newSets = async (): Promise<SetRec[]> => (await obState()).backupSets.filter((s) => !fixtureIds.has(s.backupSetId));

  const setStarted = (): Promise<SetRec> => eventually("the new backup set", async () => (await newSets())[0]);

  async function checked(args: PropertyMap): Promise<PropertyMap> {
    const r = await mb.check(args);
    expect(r.failures).toEqual([]);
    return r.inputs;
  }

  /** check, create (advancing the emulator's clock once the set exists), then the outputs. */
  async function createDone(args: PropertyMap): Promise<{ inputs: PropertyMap; id: string; properties: PropertyMap; set: SetRec }> {
    const inputs = await checked(args);
    const pending = mb.create(inputs);
    const set = await setStarted();
    await h.control.advance(PAST_DONE_MS);
    const { id, properties } = await pending;
    return { inputs, id, properties, set };
  }

  function expectDoneOutputs(properties: PropertyMap, set: SetRec): void {
    expect(properties).toMatchObject({
      backupId: set.backupSetId,
      backupSetId: set.backupSetId,
      status: "DONE",
      sizeBytes: SIZE_BYTES,
      waitForCompletion: true,
      timeoutMinutes: 60,
    });
    for (const t of ["beginTime", "endTime", "checkpoint"]) expect(properties[t]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(properties.name).toBeUndefined();
    expect(properties.description).toBeUndefined();
  }

  it("tenant backup: starts a physical backup, waits until DONE, and the same program diffs empty", async () => {
    const { inputs, id, properties, set } = await createDone({ ...tenantArgs, needPreCheck: true });
    expect(inputs).toMatchObject({ backupObjectType: "tenant", waitForCompletion: true, timeoutMinutes: 60, needPreCheck: true });
    expect(id).toBe(`oceanbase-cloud/${DEMO}/${set.backupSetId}`);
    expect(set).toMatchObject({ backupMode: "PHYSICAL_BACKUP", backupObjectType: "TENANT", tenantId: TENANT });
    expectDoneOutputs(properties, set);
    expect(properties).toMatchObject({ platform: "oceanbase-cloud", instanceId: DEMO, tenantId: TENANT, backupObjectType: "tenant", needPreCheck: true });
    expect(typeof properties.__provider).toBe("string");
    const start = (await h.requestsSince(0)).filter((r) => r.method === "POST" && r.path === START_PATH && r.authorized);
    expect(start.map((r) => r.body)).toEqual([{ needPreCheck: true, backupObjectType: "tenant", backupPolicy: "manual", tenantId: TENANT }]);
    expect(await mb.diff(id, properties, await checked({ ...tenantArgs, needPreCheck: true }))).toMatchObject({ changes: "none", replaces: [] });
  });

  it("database backup: sends databaseTables as the JSON string, finds the new set by listing, waits until DONE", async () => {
    const { id, properties, set } = await createDone(databaseArgs);
    expect(set).toMatchObject({ backupMode: "LOGICAL_BACKUP", backupObjectType: "DATABASE", databaseTables: '[{"database":"shop"},{"database":"crm"}]' });
    expect(id).toBe(`oceanbase-cloud/${DEMO}/${set.backupSetId}`);
    expectDoneOutputs(properties, set);
    expect(properties.databaseTables).toEqual(databaseArgs.databaseTables);
    const start = (await h.requestsSince(0)).filter((r) => r.method === "POST" && r.path === START_PATH && r.authorized);
    expect(start.map((r) => r.body)).toEqual([{ backupObjectType: "database", tenantId: TENANT, databaseTables: '[{"database":"shop"},{"database":"crm"}]' }]);
    expect((await mb.diff(id, properties, await checked(databaseArgs))).changes).toBe("none");
    // The same databases in another order are the same backup.
    const reordered = await checked({ ...databaseArgs, databaseTables: [{ database: "crm" }, { database: "shop" }] });
    expect((await mb.diff(id, properties, reordered)).changes).toBe("none");
  });

  it("table backup: one database's tables; a changed table list replaces, a reordered one does not", async () => {
    const { id, properties, set } = await createDone(tableArgs);
    expect(set).toMatchObject({ backupMode: "LOGICAL_BACKUP", backupObjectType: "TABLE", databaseTables: '[{"database":"shop","tables":["orders","items"]}]' });
    expectDoneOutputs(properties, set);
    expect((await mb.diff(id, properties, await checked(tableArgs))).changes).toBe("none");
    const reordered = await checked({ ...tableArgs, databaseTables: [{ database: "shop", tables: ["items", "orders"] }] });
    expect((await mb.diff(id, properties, reordered)).changes).toBe("none");
    const more = await checked({ ...tableArgs, databaseTables: [{ database: "shop", tables: ["orders", "items", "customers"] }] });
    expect(await mb.diff(id, properties, more)).toMatchObject({ changes: "some", replaces: ["databaseTables"], deleteBeforeReplace: false });
  });

  it("every argument that chooses the backup replaces it; timeoutMinutes alone updates in place without a request", async () => {
    const { inputs, id, properties } = await createDone(tenantArgs);
    for (const [change, key] of [
      [{ tenantId: "t-report" }, "tenantId"],
      [{ instanceId: "obcluster-drill" }, "instanceId"],
      [{ needPreCheck: false }, "needPreCheck"],
      [{ backupObjectType: "database", databaseTables: [{ database: "shop" }] }, "backupObjectType"],
    ] as const) {
      const d = await mb.diff(id, properties, await checked({ ...tenantArgs, ...change }));
      expect(d.changes).toBe("some");
      expect(d.replaces).toContain(key);
      expect(d.deleteBeforeReplace).toBe(false);
    }
    const news = await checked({ ...tenantArgs, timeoutMinutes: 30, waitForCompletion: false });
    expect(await mb.diff(id, properties, news)).toMatchObject({ changes: "some", replaces: [] });
    const mark = await h.mark();
    const { properties: updated } = await mb.update(id, properties, news, { oldInputs: inputs });
    await h.expectNoRequestsSince(mark);
    expect(updated).toMatchObject({ ...properties, timeoutMinutes: 30, waitForCompletion: false });
    expect((await mb.diff(id, updated, news)).changes).toBe("none");
  });

  it.each([
    ["tenant", tenantArgs],
    ["table", tableArgs],
  ])("import of a %s backup by id alone: read reconstructs the inputs and the next diff is empty", async (_level, args) => {
    const { id, properties, set } = await createDone(args);
    const imported = await mb.read(id, {});
    expect(imported.id).toBe(id);
    expect(imported.inputs).toMatchObject({ platform: "oceanbase-cloud", instanceId: DEMO, tenantId: TENANT, backupObjectType: args === tableArgs ? "table" : "tenant" });
    // The set does not tell a logical backup's selection, nor the wait arguments: an imported state has none.
    expect(imported.inputs?.databaseTables).toBeUndefined();
    expect(imported.properties).toMatchObject({ backupId: set.backupSetId, status: "DONE", sizeBytes: SIZE_BYTES, checkpoint: properties.checkpoint });
    expect((await mb.diff(id, imported.properties, await checked(args))).changes).toBe("none");
    // A refresh of a created state keeps what the platform cannot tell.
    const refreshed = await mb.read(id, properties);
    expect(refreshed.properties).toEqual(properties);
    expect((await mb.diff(id, refreshed.properties, await checked(args))).changes).toBe("none");
  });

  it("a backup set removed outside Pulumi reads as gone", async () => {
    const { id, properties, set } = await createDone(tenantArgs);
    const state = await obState();
    await h.control.replaceObjects("oceanbase-cloud", { ...state, backupSets: state.backupSets.filter((s) => s.backupSetId !== set.backupSetId) });
    const r = await mb.read(id, properties);
    expect(r.gone).toBe(true);
  });

  it("a wait that times out is a partial failure with id and __provider; the next update finishes the wait", async () => {
    const inputs = await checked({ ...tableArgs, timeoutMinutes: 0.02 });
    const err = await mb.create(inputs).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(HostError);
    const failure = (err as HostError).initFailure;
    expect(failure).toBeDefined();
    const [set] = await newSets();
    expect(failure?.id).toBe(`oceanbase-cloud/${DEMO}/${set?.backupSetId}`);
    expect(failure?.properties).toMatchObject({ backupId: set?.backupSetId, status: "BEGINNING", tenantId: TENANT, timeoutMinutes: 0.02 });
    expect(failure?.properties.__provider).toBe(await h.providerText("ManualBackup"));
    expect(failure?.reasons.join(" ")).toMatch(/not DONE after .*last status BEGINNING.*next `pulumi up` resumes the wait/);
    // The engine then diffs the same program (nothing changed) and calls Update, which waits again.
    expect((await mb.diff(failure!.id, failure!.properties, inputs)).changes).toBe("none");
    await h.control.advance(PAST_DONE_MS);
    const { properties } = await mb.update(failure!.id, failure!.properties, inputs);
    expect(properties).toMatchObject({ status: "DONE", backupId: set?.backupSetId, sizeBytes: SIZE_BYTES });
    expect((await newSets()).length).toBe(1);
    expect((await mb.diff(failure!.id, properties, inputs)).changes).toBe("none");
  });

  it("a backup set that ends FAILED is a partial failure with the platform's words, and the next diff replaces it", async () => {
    const inputs = await checked(databaseArgs);
    const pending = mb.create(inputs).then(
      () => undefined,
      (e: unknown) => e,
    );
    const set = await setStarted();
    const state = await obState();
    await h.control.replaceObjects("oceanbase-cloud", {
      ...state,
      backupSets: state.backupSets.map((s) => (s.backupSetId === set.backupSetId ? { ...s, outcome: "FAILED" } : s)),
    });
    await h.control.advance(PAST_DONE_MS);
    const failure = ((await pending) as HostError).initFailure;
    expect(failure?.properties).toMatchObject({ status: "FAILED", backupId: set.backupSetId });
    expect(failure?.reasons.join(" ")).toMatch(new RegExp(`${set.backupSetId} .*ended FAILED \\(validity INVALID\\).*replaces it`));
    expect(await mb.diff(failure!.id, failure!.properties, inputs)).toMatchObject({ changes: "some", replaces: ["status"] });
  });

  it.each([
    ["tenant", tenantArgs, "PHYSICAL_BACKUP"],
    ["database", databaseArgs, "LOGICAL_BACKUP"],
  ])("a lost answer to the %s start call: the set it made is adopted, none is started twice", async (_level, args, mode) => {
    await h.control.addFault({ method: "POST", path: `${START_PATH}$`, action: "reset-after" });
    const { id, properties, set } = await createDone(args);
    const sets = await newSets();
    expect(sets).toHaveLength(1);
    expect(set.backupMode).toBe(mode);
    expect(id).toBe(`oceanbase-cloud/${DEMO}/${set.backupSetId}`);
    expect(properties.status).toBe("DONE");
    const starts = (await h.requestsSince(0)).filter((r) => r.method === "POST" && r.path === START_PATH && r.authorized);
    expect(starts.map((r) => r.status)).toEqual(["reset"]);
    expect(h.host.transcript()).toMatch(new RegExp(`backup set ${set.backupSetId} is the one it started: adopted`));
  });

  it("delete only forgets the backup set (no API exists) and says so; deleting again is fine", async () => {
    const { id, properties, set } = await createDone(tenantArgs);
    const mark = await h.mark();
    const logs = h.host.logs.length;
    await mb.delete(id, properties);
    await mb.delete(id, properties);
    await h.expectNoRequestsSince(mark);
    expect((await newSets()).map((s) => s.backupSetId)).toEqual([set.backupSetId]);
    const said = await h.host.waitForLog(new RegExp(`backup set ${set.backupSetId} of tenant ${TENANT} on ${DEMO}: OceanBase Cloud has no API to delete`));
    expect(said.message).toMatch(/only removed from the Pulumi state; it stays on the platform until the instance's backup retention expires it/);
    expect(h.host.logs.slice(logs).filter((l) => l.message.includes("no API to delete"))).toHaveLength(2);
  });
});

describe("ManualBackup on OceanBase Cloud: the shapes seed 000 and seed 001 allow", () => {
  const h = useProviderHost();
  const mb = h.manualBackup;
  const fixtureIds = new Set(["bak-demo0cluster", "bak-demo0tenant"]);
  const newSets = async (): Promise<SetRec[]> => ((await h.control.objects())["oceanbase-cloud"].backupSets as SetRec[]).filter((s) => !fixtureIds.has(s.backupSetId));

  async function createDone(args: PropertyMap): Promise<{ inputs: PropertyMap; id: string; properties: PropertyMap; set: SetRec }> {
    const r = await mb.check(args);
    expect(r.failures).toEqual([]);
    const pending = mb.create(r.inputs);
    const set = await eventually("the new backup set", async () => (await newSets())[0]);
    await h.control.advance(PAST_DONE_MS);
    const { id, properties } = await pending;
    return { inputs: r.inputs, id, properties, set };
  }

  it("a tenant backup listed as a CLUSTER set of tenant sys (seed 001's example): the tenant's part, and tenantId never becomes sys", async () => {
    await h.control.setDurations({ "oceanbase.tenantSetsNested": 1 });
    const { inputs, id, properties, set } = await createDone(tenantArgs);
    expect(set).toMatchObject({ backupObjectType: "CLUSTER", tenantId: "sys" });
    expect(id).toBe(`oceanbase-cloud/${DEMO}/${set.backupSetId}`);
    // The id keeps what the start answered; backupSetId and the rest are the tenant's own nested set.
    expect(properties).toMatchObject({ tenantId: TENANT, backupId: set.backupSetId, backupSetId: `${set.backupSetId}-1002`, status: "DONE" });
    expect(properties.checkpoint).toMatch(/Z$/);
    const refreshed = await mb.read(id, properties);
    expect(refreshed.properties.tenantId).toBe(TENANT);
    expect(refreshed.properties).toEqual(properties);
    expect((await mb.diff(id, refreshed.properties, inputs)).changes).toBe("none");
    // From the id alone: the one tenant the CLUSTER set holds.
    const imported = await mb.read(id, {});
    expect(imported.inputs).toMatchObject({ tenantId: TENANT, backupObjectType: "tenant" });
  });

  it("after a lost start answer, the set listed in seed 001's shape is adopted, not started again", async () => {
    await h.control.setDurations({ "oceanbase.tenantSetsNested": 1 });
    await h.control.addFault({ method: "POST", path: `^${START_PATH}$`, action: "reset-after" });
    const { id, set } = await createDone(tenantArgs);
    expect(await newSets()).toHaveLength(1);
    expect(id).toBe(`oceanbase-cloud/${DEMO}/${set.backupSetId}`);
  });

  it("a physical backup without tenantId backs up the whole cluster (seed 000); refresh and diff keep it so", async () => {
    const { inputs, id, properties, set } = await createDone({ platform: "oceanbase-cloud", instanceId: DEMO });
    expect(set).toMatchObject({ backupObjectType: "CLUSTER", tenantId: "sys" });
    expect(properties).toMatchObject({ backupId: set.backupSetId, backupSetId: set.backupSetId, status: "DONE" });
    expect("tenantId" in properties).toBe(false);
    const sent = (await h.control.requests()).find((r) => r.method === "POST" && r.path === START_PATH);
    expect(sent).toBeDefined();
    const refreshed = await mb.read(id, properties);
    expect("tenantId" in refreshed.properties).toBe(false);
    expect((await mb.diff(id, refreshed.properties, inputs)).changes).toBe("none");
  });

  it("backupPolicy \"manual\", as the seed's body has it, is accepted, and writing it or not is the same backup", async () => {
    const { id, properties } = await createDone({ ...tenantArgs, backupPolicy: "manual" });
    expect(properties.backupPolicy).toBe("manual");
    const without = await mb.check(tenantArgs);
    expect((await mb.diff(id, properties, without.inputs)).changes).toBe("none");
    const bad = await mb.check({ ...tenantArgs, backupPolicy: "auto" });
    expect(bad.failures).toEqual([{ property: "backupPolicy", reason: 'must be "manual" (an on-demand backup), got "auto"' }]);
  });
});
