// OceanBaseCloudClient against the emulator: every operation, async statuses, error shapes, Digest (wrong
// secret, stale nonce), retries (429) and non-retries (resets on the start POST), malformed answers, and
// input refused before anything is sent.
import { inspect } from "node:util";
import { Agent, type Dispatcher } from "undici";
import { ApiError, ErrorCodes, InvalidInputError, InvalidResponseError, NetworkError } from "../../sdk/errors";
import { OceanBaseCloudClient, type OceanBaseCloudClientOptions } from "../../sdk/oceanbase/client";
import type { RestoreTenantInput } from "../../sdk/oceanbase/inputs";
import { useEmulator, type RequestLogEntry } from "../support/emulator";
import { FakeClock } from "../support/fake-clock";
import { caught } from "../support/rejection";
import { drillRestore } from "../support/restore-drill-fixture";

const AK = "emulator-ak";
const SK = "emulator-sk";
const PROJECT = "emulator-project";
const DEMO = "obcluster-demo";
const DRILL = "obcluster-drill";
const DAY = 86_400_000;
const START = `/api/v2/instances/${DEMO}/backup/data/start`;

const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
const authorized = (log: RequestLogEntry[]): RequestLogEntry[] => log.filter((e) => e.authorized);

describe("OceanBaseCloudClient against the emulator", () => {
  const emu = useEmulator();
  const clients: OceanBaseCloudClient[] = [];
  function client(o: Partial<OceanBaseCloudClientOptions> = {}): OceanBaseCloudClient {
    const c = new OceanBaseCloudClient({
      endpoint: emu.url,
      accessKeyId: AK,
      accessKeySecret: SK,
      projectId: PROJECT,
      retry: { baseDelayMs: 1, maxDelayMs: 2 },
      ...o,
    });
    clients.push(c);
    return c;
  }
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
  });
  const emuNow = async (): Promise<number> => (await emu.control.clock()).now;
  const obState = async (): Promise<{ backupSets: Array<{ backupSetId: string }>; tenants: Record<string, { tenantName: string }> }> =>
    (await emu.control.objects())["oceanbase-cloud"];

  function restoreInput(restoreTime: string, name = "drill_0113"): RestoreTenantInput {
    return drillRestore({ targetTenantName: name, restoreTime, restoreMode: "from_backup_set", fromRemote: false, restoreObjectType: "tenant" });
  }

  test("instances, tenants and backups: every read and backup operation", async () => {
    await emu.control.setDurations({ "oceanbase.backupBeginMs": 0, "oceanbase.backupMs": 0 });
    const c = client();
    expect(await c.describeInstance({ instanceId: DEMO })).toMatchObject({ instanceId: DEMO, status: "ONLINE", projectId: PROJECT });

    const tenants = await c.listTenants({ instanceId: DEMO });
    expect(tenants.total).toBe(2);
    expect(tenants.dataList.map((t) => [t.tenantId, t.status])).toEqual([
      ["t-demo", "ONLINE"],
      ["t-report", "ONLINE"],
    ]);
    expect((await c.listTenants({ instanceId: DEMO, tenantName: "DEM" })).dataList.map((t) => t.tenantId)).toEqual(["t-demo"]);
    expect((await c.listAllTenants({ instanceId: DEMO, pageSize: 1 })).map((t) => t.tenantId)).toEqual(["t-demo", "t-report"]);
    expect(await c.getTenant({ instanceId: DEMO, tenantId: "t-demo" })).toMatchObject({ tenantId: "t-demo", tenantName: "demo", primaryZone: "cn-shanghai-e" });

    const physical = await c.startBackup({ instanceId: DEMO, backupObjectType: "tenant", tenantId: "t-demo", needPreCheck: true });
    expect(physical.backupTaskId).toMatch(/^bak-/);
    const set = await c.getBackupSet({ instanceId: DEMO, backupTaskId: physical.backupTaskId as string, checkBackupSetDownloadEnable: true });
    expect(set).toMatchObject({ backupSetId: physical.backupTaskId, status: "DONE", backupMode: "PHYSICAL_BACKUP", backupObjectType: "TENANT", tenantId: "t-demo", downloadEnabled: true });

    const table = await c.startBackup({ instanceId: DEMO, backupObjectType: "table", tenantId: "t-demo", databaseTables: [{ database: "shop", tables: ["orders", "items"] }] });
    expect(table.backupTaskId).toBeUndefined();
    await c.startBackup({ instanceId: DEMO, backupObjectType: "database", tenantId: "t-report", databaseTables: [{ database: "reports" }] });

    const first = await c.listBackupSets({ instanceId: DEMO, pageNumber: 1, pageSize: 2 });
    expect(first.total).toBe(5);
    expect(first.dataList).toHaveLength(2);
    const all = await c.listAllBackupSets({ instanceId: DEMO, pageSize: 2 });
    expect(all).toHaveLength(5);
    expect(new Set(all.map((s) => s.backupSetId)).size).toBe(5);
    expect(all.filter((s) => s.backupMode === "LOGICAL_BACKUP").map((s) => s.backupObjectType).sort()).toEqual(["DATABASE", "TABLE"]);
    const cluster = all.find((s) => s.backupObjectType === "CLUSTER");
    expect(cluster?.tenantBackupSetList?.map((t) => t.tenantId)).toEqual(["t-demo", "t-report"]);

    // The time filter: only the fixture sets started more than a day ago.
    const now = await emuNow();
    const old = await c.listAllBackupSets({ instanceId: DEMO, startTime: iso(now - 30 * DAY), endTime: iso(now - DAY) });
    expect(old.map((s) => s.backupObjectType).sort()).toEqual(["CLUSTER", "TENANT"]);

    // Pages were followed: 3 pages of 2 for listAll, every call with its own requestId and the project header honoured.
    const log = authorized(await emu.control.requests());
    expect(log.filter((e) => e.path.endsWith("/backup/data/sets") && e.query.pageSize === "2").map((e) => e.query.pageNumber)).toEqual(["1", "1", "2", "3"]);
    const ids = log.map((e) => e.query.requestId);
    expect(ids.every((id) => typeof id === "string" && /^[0-9a-f-]{36}$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    // The logical selection went out as the JSON string the API wants.
    expect(log.find((e) => e.method === "POST" && (e.body as { backupObjectType?: string }).backupObjectType === "table")?.body).toEqual({
      backupObjectType: "table",
      tenantId: "t-demo",
      databaseTables: '[{"database":"shop","tables":["orders","items"]}]',
    });
  });

  test("a backup set goes BEGINNING → DOING → DONE on the emulator's clock", async () => {
    await emu.control.setDurations({ "oceanbase.backupBeginMs": 5_000, "oceanbase.backupMs": 60_000 });
    const c = client();
    const { backupTaskId } = await c.startBackup({ instanceId: DEMO, backupObjectType: "tenant", tenantId: "t-report" });
    const get = () => c.getBackupSet({ instanceId: DEMO, backupTaskId: backupTaskId as string });
    expect(await get()).toMatchObject({ status: "BEGINNING", checkpoint: null, endTime: null });
    await emu.control.advance(5_000);
    expect((await get()).status).toBe("DOING");
    await emu.control.advance(60_000);
    const done = await get();
    expect(done.status).toBe("DONE");
    expect(typeof done.checkpoint).toBe("string");
    expect(Date.parse(done.endTime as string) - Date.parse(done.startTime as string)).toBe(65_000);
  });

  test("restore: windows, restore into a new tenant, CREATING → RESTORING → ONLINE, then delete → gone", async () => {
    const c = client();
    const restorable = await c.listRestorableTenants({ instanceId: DEMO, tenantId: "t-demo", restoreObjectType: "tenant", fromRemote: false });
    expect(restorable.map((t) => t.tenantId)).toEqual(["t-demo"]);
    const windows = restorable[0]?.timeIntervalList ?? [];
    expect(windows).toHaveLength(2); // the log archive broke between 5 and 4 days ago
    const last = windows[1] as { startTime: string; endTime: string };

    await c.restoreTenant(restoreInput(last.startTime));
    const log = authorized(await emu.control.requests());
    expect(log.at(-1)).toMatchObject({ method: "POST", path: `/api/v2/instances/${DEMO}/backup/restore`, status: 200 });
    expect(log.at(-1)?.body).toMatchObject({ tenantResource: { cpu: 1, memory: 4, unitNum: 1 }, restoreTime: last.startTime, targetInstanceId: DRILL });

    const find = async () => (await c.listAllTenants({ instanceId: DRILL, tenantName: "drill_0113" }))[0];
    const created = await find();
    expect(created?.status).toBe("CREATING");
    await emu.control.advance(10_000);
    expect((await find())?.status).toBe("RESTORING");
    await emu.control.advance(120_000);
    expect((await find())?.status).toBe("ONLINE");

    const tenantId = created?.tenantId as string;
    expect(await c.deleteTenant({ instanceId: DRILL, tenantId })).toEqual({ tenantId });
    expect((await c.getTenant({ instanceId: DRILL, tenantId })).status).toBe("DELETING");
    await emu.control.advance(30_000);
    const gone = await caught(c.getTenant({ instanceId: DRILL, tenantId }));
    expect(gone).toMatchObject({ code: ErrorCodes.NOT_FOUND, httpStatus: 404, vendorCode: "TenantNotFound" });
  });

  test("server-side rules come back as typed API errors with the vendor's code and the request id", async () => {
    const c = client();
    const unknown = await caught(c.describeInstance({ instanceId: "obcluster-nope" }));
    expect(unknown).toBeInstanceOf(ApiError);
    expect(unknown).toMatchObject({ code: ErrorCodes.NOT_FOUND, httpStatus: 404, platform: "oceanbase-cloud", operation: "oceanbase.describeInstance", vendorCode: "InstanceNotFound" });
    const sent = authorized(await emu.control.requests()).at(-1)?.query.requestId;
    expect(unknown.requestId).toBe(sent);

    const noTable = await caught(c.startBackup({ instanceId: DEMO, backupObjectType: "table", tenantId: "t-demo", databaseTables: [{ database: "shop", tables: ["nope"] }] }));
    expect(noTable).toMatchObject({ code: ErrorCodes.API, httpStatus: 400, vendorCode: "IllegalArgument" });
    expect(noTable.message).toMatch(/shop\.nope does not exist/);
    // shop (3) + warehouse (199) = 202 tables: the server counts them at database level.
    const tooMany = await caught(c.startBackup({ instanceId: DEMO, backupObjectType: "database", tenantId: "t-demo", databaseTables: [{ database: "shop" }, { database: "warehouse" }] }));
    expect(tooMany).toMatchObject({ httpStatus: 400, vendorCode: "IllegalArgument" });
    expect(tooMany.message).toMatch(/202 tables/);

    const now = await emuNow();
    const gap = await caught(c.restoreTenant(restoreInput(iso(now - 3 * DAY))));
    expect(gap).toMatchObject({ httpStatus: 400, vendorCode: "RestoreTimeNotInRange" });
    await c.restoreTenant(restoreInput(iso(now - 6 * DAY), "twice"));
    expect(await caught(c.restoreTenant(restoreInput(iso(now - 6 * DAY), "twice")))).toMatchObject({ httpStatus: 409, vendorCode: "TenantNameAlreadyExists" });
    expect((await obState()).backupSets).toHaveLength(2); // nothing above created a backup
  });

  test("a 200 answer with success:false is an error, not data", async () => {
    await emu.control.addFault({ method: "GET", path: "/tenants$", action: "status", status: 200, body: { success: false, errorCode: "E001R000", errorMessage: "tenant service busy", requestId: "r-1" } });
    const e = await caught(client().listTenants({ instanceId: DEMO }));
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject({ code: ErrorCodes.API, httpStatus: 200, vendorCode: "E001R000", vendorMessage: "tenant service busy", requestId: "r-1" });
  });

  test("malformed or mistyped answers → InvalidResponseError naming the field; nothing crashes", async () => {
    const c = client();
    await emu.control.addFault({ method: "GET", path: "/tenants$", action: "malformed" });
    expect(await caught(c.listTenants({ instanceId: DEMO }))).toBeInstanceOf(InvalidResponseError);
    await emu.control.addFault({ method: "GET", path: "/backup/data/sets$", action: "status", status: 200, body: { success: true, data: { dataList: [{ backupSetId: 7, status: "DONE" }], total: 1 } } });
    const e = await caught(c.listBackupSets({ instanceId: DEMO }));
    expect(e).toBeInstanceOf(InvalidResponseError);
    expect((e as InvalidResponseError).field).toBe("data.dataList.0.backupSetId");
    // The client still works afterwards.
    expect((await c.listTenants({ instanceId: DEMO })).total).toBe(2);
  });

  test("a wrong secret → 401 AUTH error; the secret is in no message and not visible on the client", async () => {
    const secret = "wrong-sk-do-not-leak";
    const c = client({ accessKeySecret: secret });
    const e = await caught(c.listTenants({ instanceId: DEMO }));
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject({ code: ErrorCodes.AUTH, httpStatus: 401, vendorCode: "Unauthorized" });
    expect(`${e.message} ${inspect(e)} ${JSON.stringify(e)}`).not.toContain(secret);
    expect(`${inspect(c, { depth: 10, showHidden: true })} ${JSON.stringify(c)}`).not.toContain(secret);
    // Challenge, then one answer: no loop, nothing authorized.
    expect((await emu.control.requests()).map((r) => [r.authorized, r.status])).toEqual([
      [false, 401],
      [false, 401],
    ]);
  });

  test("a nonce that went stale: 401 stale=true, then the same call succeeds with the new nonce", async () => {
    const agent = new Agent();
    const seen: Array<{ status: number; stale: boolean }> = [];
    // Records each raw answer (status and whether its challenge says stale=true) on the way to the transport.
    const recorder = {
      request: async (opts: Dispatcher.RequestOptions) => {
        const r = await agent.request(opts);
        seen.push({ status: r.statusCode, stale: /stale=true/i.test(String(r.headers["www-authenticate"] ?? "")) });
        return r;
      },
    } as unknown as Dispatcher;
    try {
      const c = client({ dispatcher: recorder });
      await c.listTenants({ instanceId: DEMO });
      await c.listTenants({ instanceId: DEMO }); // preemptive: one round-trip
      await emu.control.advance(301_000); // past oceanbase.nonceTtlMs (300 s)
      expect((await c.listTenants({ instanceId: DEMO })).total).toBe(2);
      expect(seen).toEqual([
        { status: 401, stale: false },
        { status: 200, stale: false },
        { status: 200, stale: false },
        { status: 401, stale: true },
        { status: 200, stale: false },
      ]);
      expect((await emu.control.requests()).map((r) => [r.authorized, r.status])).toEqual([
        [false, 401],
        [true, 200],
        [true, 200],
        [false, 401],
        [true, 200],
      ]);
    } finally {
      await agent.close();
    }
  });

  test("429 with Retry-After is retried after the advertised delay, on a GET and on the start POST", async () => {
    const clock = new FakeClock({ auto: true });
    // The advertised delays alone: no client-side pacing (its cut after a 429 is limiter.test.ts's).
    const c = client({ clock, limiter: false });
    await emu.control.addFault({ method: "GET", path: "/tenants$", action: "status", status: 429, retryAfterSeconds: 3 });
    expect((await c.listTenants({ instanceId: DEMO })).total).toBe(2);
    await emu.control.addFault({ method: "POST", path: "/backup/data/start$", action: "status", status: 429, retryAfterSeconds: 2 });
    const started = await c.startBackup({ instanceId: DEMO, backupObjectType: "tenant", tenantId: "t-demo" });
    expect(clock.sleeps).toEqual([3000, 2000]);
    expect(authorized(await emu.control.requests()).map((r) => `${r.method} ${r.status}`)).toEqual(["GET 429", "GET 200", "POST 429", "POST 200"]);
    // 429 means "not acted": exactly one new set, the one whose id came back.
    const sets = (await obState()).backupSets;
    expect(sets).toHaveLength(3);
    expect(sets.at(-1)?.backupSetId).toBe(started.backupTaskId);
  });

  test("a connection reset on the start POST is not retried: zero new sets before, exactly one after", async () => {
    const c = client();
    await emu.control.addFault({ method: "POST", path: "/backup/data/start$", action: "reset-before" });
    expect(await caught(c.startBackup({ instanceId: DEMO, backupObjectType: "tenant", tenantId: "t-demo" }))).toBeInstanceOf(NetworkError);
    expect(authorized(await emu.control.requests()).map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([`POST ${START} reset`]);
    expect((await obState()).backupSets).toHaveLength(2);

    await emu.control.clearRequests();
    await emu.control.addFault({ method: "POST", path: "/backup/data/start$", action: "reset-after" });
    expect(await caught(c.startBackup({ instanceId: DEMO, backupObjectType: "table", tenantId: "t-demo", databaseTables: [{ database: "shop", tables: ["orders"] }] }))).toBeInstanceOf(NetworkError);
    expect(authorized(await emu.control.requests()).map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([`POST ${START} reset`]);
    expect((await obState()).backupSets).toHaveLength(3);
  });

  test("modifyBackupStrategy: the documented body with the storage config as a JSON string; a lost answer is sent again", async () => {
    const c = client();
    const input = {
      instanceId: DEMO,
      backupScheduleMode: "WEEK" as const,
      scheduleTime: "21:00:00Z",
      timeList: [5, 1, 3],
      dataMaintainDays: 14,
      retainMode: "TIME" as const,
      backupStorageConfig: { backupStorageType: "OSS", crossRegionFlag: false },
    };
    await emu.control.addFault({ method: "POST", path: "/backup/strategy$", action: "reset-after" });
    expect((await c.modifyBackupStrategy(input)).requestId).toMatch(/^[0-9a-f-]{36}$/);
    const posts = authorized(await emu.control.requests()).filter((r) => r.method === "POST");
    expect(posts.map((r) => r.status)).toEqual(["reset", 200]);
    expect(posts[1]?.query).toMatchObject({ action: "ModifyBackupStrategy" });
    expect(posts[1]?.body).toEqual({
      instanceId: DEMO,
      backupScheduleMode: "WEEK",
      scheduleTime: "21:00:00Z",
      timeList: [1, 3, 5],
      dataMaintainDays: 14,
      retainMode: "TIME",
      backupStorageConfig: '{"backupStorageType":"OSS","crossRegionFlag":false}',
    });
    const strategies = (await emu.control.objects())["oceanbase-cloud"].backupStrategies;
    expect(Object.keys(strategies).sort()).toEqual([DEMO, DRILL]);
    expect(strategies[DEMO]).toMatchObject({ scheduleTime: "21:00:00Z", timeList: [1, 3, 5], dataMaintainDays: 14 });
    const gone = await caught(c.modifyBackupStrategy({ ...input, instanceId: "obcluster-nope" }));
    expect(gone).toMatchObject({ code: ErrorCodes.NOT_FOUND, vendorCode: "InstanceNotFound" });
  });

  test("bad input is refused before any request is sent", async () => {
    const c = client();
    const strategy = { instanceId: DEMO, backupScheduleMode: "WEEK" as const, scheduleTime: "21:00:00Z", timeList: [1], dataMaintainDays: 7, retainMode: "TIME" as const, backupStorageConfig: { backupStorageType: "OSS" } };
    const noProject = client({ projectId: undefined });
    const now = await emuNow();
    const tables = (n: number): string[] => Array.from({ length: n }, (_, i) => `t${i}`);
    const cases: Array<[Promise<unknown>, string]> = [
      [c.describeInstance({ instanceId: "obcluster/demo" }), "instanceId"],
      [c.describeInstance({ instanceId: ".." }), "instanceId"],
      [c.describeInstance({ instanceId: "" }), "instanceId"],
      [c.getTenant({ instanceId: DEMO, tenantId: "../t-demo" }), "tenantId"],
      [c.getBackupSet({ instanceId: DEMO, backupTaskId: "bak-1?x=1" }), "backupTaskId"],
      [c.startBackup({ instanceId: DEMO, backupObjectType: "table", tenantId: "t-demo", databaseTables: [{ database: "warehouse", tables: tables(201) }] }), "databaseTables[0].tables"],
      [c.startBackup({ instanceId: DEMO, backupObjectType: "table", tenantId: "t-demo", databaseTables: [{ database: "shop", tables: ["orders"] }, { database: "warehouse", tables: ["stock_001"] }] }), "databaseTables"],
      [c.startBackup({ instanceId: DEMO, backupObjectType: "table", tenantId: "t-demo", databaseTables: [{ database: "shop", tables: [] }] }), "databaseTables[0].tables"],
      [c.startBackup({ instanceId: DEMO, backupObjectType: "table", tenantId: "t-demo", databaseTables: [{ database: "shop" }] }), "databaseTables[0].tables"],
      [c.startBackup({ instanceId: DEMO, backupObjectType: "table", tenantId: "t-demo", databaseTables: [{ database: "shop", tables: ["orders", "orders"] }] }), "databaseTables[0].tables[1]"],
      [c.startBackup({ instanceId: DEMO, backupObjectType: "table", tenantId: "t-demo", databaseTables: [{ database: "shop", tables: [""] }] }), "databaseTables[0].tables[0]"],
      [c.startBackup({ instanceId: DEMO, backupObjectType: "database", tenantId: "t-demo", databaseTables: [{ database: "shop" }, { database: "shop" }] }), "databaseTables[1].database"],
      [c.startBackup({ instanceId: DEMO, backupObjectType: "database", tenantId: "t-demo", databaseTables: [{ database: "shop", tables: [] }] }), "databaseTables[0].tables"],
      [c.startBackup({ instanceId: DEMO, backupObjectType: "database", databaseTables: [{ database: "shop" }] } as never), "tenantId"],
      [c.startBackup({ instanceId: DEMO, backupObjectType: "database", tenantId: "t-demo", databaseTables: [] }), "databaseTables"],
      [c.startBackup({ instanceId: DEMO, backupObjectType: "cluster" } as never), "backupObjectType"],
      [c.listBackupSets({ instanceId: DEMO, startTime: "2026-01-13 05:58:34" }), "startTime"],
      [c.listBackupSets({ instanceId: DEMO, startTime: iso(now), endTime: iso(now - DAY) }), "endTime"],
      [c.listBackupSets({ instanceId: DEMO, pageSize: 101 }), "pageSize"],
      [c.listTenants({ instanceId: DEMO, pageNumber: 0 }), "pageNumber"],
      [c.restoreTenant(restoreInput("2026-01-13T05:58:34+08:00")), "restoreTime"],
      [c.restoreTenant(restoreInput("2026-02-30T05:58:34Z")), "restoreTime"],
      [c.restoreTenant(restoreInput(iso(now), "x")), "targetTenantName"],
      [c.restoreTenant({ ...restoreInput(iso(now)), tenantResource: { cpu: 1, memory: 4, unitnum: 1 } as never }), "tenantResource.unitnum"],
      [c.restoreTenant({ ...restoreInput(iso(now)), tenantResource: { cpu: 0.5, memory: 4, unitNum: 1 } }), "tenantResource.cpu"],
      [c.restoreTenant({ ...restoreInput(iso(now)), restoreMode: "from_time_point" as never }), "restoreMode"],
      [noProject.restoreTenant(restoreInput(iso(now - DAY))), "projectId"],
      [c.modifyBackupStrategy({ ...strategy, instanceId: "obcluster/demo" }), "instanceId"],
      [c.modifyBackupStrategy({ ...strategy, backupScheduleMode: "DAY" as never }), "backupScheduleMode"],
      [c.modifyBackupStrategy({ ...strategy, scheduleTime: "21:00:00+08:00" }), "scheduleTime"],
      [c.modifyBackupStrategy({ ...strategy, timeList: [8] }), "timeList[0]"],
      [c.modifyBackupStrategy({ ...strategy, timeList: [] }), "timeList"],
      [c.modifyBackupStrategy({ ...strategy, lastDayOfMonth: true }), "lastDayOfMonth"],
      [c.modifyBackupStrategy({ ...strategy, dataMaintainDays: 0 }), "dataMaintainDays"],
      [c.modifyBackupStrategy({ ...strategy, retainMode: "COUNT" as never }), "retainMode"],
      [c.modifyBackupStrategy({ ...strategy, backupStorageConfig: { backupStorageType: "" } }), "backupStorageConfig.backupStorageType"],
      [c.modifyBackupStrategy({ ...strategy, backupStorageConfig: { backupStorageType: "OSS", extra: 1 } as never }), "backupStorageConfig.extra"],
    ];
    for (const [promise, field] of cases) {
      const e = await caught(promise);
      expect(e).toBeInstanceOf(InvalidInputError);
      expect({ field: (e as InvalidInputError).field }).toEqual({ field });
    }
    expect(await emu.control.requests()).toEqual([]);
  });

  test("construction needs both keys and a usable endpoint", () => {
    expect(() => new OceanBaseCloudClient({ accessKeyId: AK, accessKeySecret: "" })).toThrow(InvalidInputError);
    expect(() => new OceanBaseCloudClient({ accessKeyId: "", accessKeySecret: SK })).toThrow(/accessKeyId/);
    expect(() => new OceanBaseCloudClient({ endpoint: "ftp://example.com", accessKeyId: AK, accessKeySecret: SK })).toThrow(InvalidInputError);
    expect(() => new OceanBaseCloudClient({ accessKeyId: AK, accessKeySecret: SK, projectId: "a/b" })).toThrow(/projectId/);
  });

  test("nulls where the platform has nothing to say are accepted, and an error keeps its code and request id", async () => {
    const c = client();
    // A Java server writes empty fields as null: the backup was started, the tenant deletion accepted.
    await emu.control.addFault({ method: "POST", path: `^${START}$`, action: "status", status: 200, body: { success: true, requestId: null, data: { backupTaskId: null } } });
    const started = await c.startBackup({ instanceId: DEMO, backupObjectType: "database", tenantId: "t-demo", databaseTables: [{ database: "shop" }] });
    expect(started).toEqual({ backupTaskId: undefined, requestId: undefined });
    await emu.control.addFault({ method: "DELETE", path: "/tenants/t-report$", action: "status", status: 200, body: { success: true, requestId: "rq-d", data: { tenantId: null } } });
    expect(await c.deleteTenant({ instanceId: DEMO, tenantId: "t-report" })).toEqual({ tenantId: "t-report" });
    await emu.control.addFault({ method: "GET", path: `^/api/v2/instances/${DEMO}$`, action: "status", status: 400, body: { success: false, errorCode: "E001R000", errorMessage: null, requestId: "rq-1" } });
    const e = await caught(c.describeInstance({ instanceId: DEMO }));
    expect({ vendorCode: e.vendorCode, requestId: e.requestId, httpStatus: e.httpStatus }).toEqual({ vendorCode: "E001R000", requestId: "rq-1", httpStatus: 400 });
  });
});
