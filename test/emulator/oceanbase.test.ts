// The OceanBase Cloud family of the emulator, spoken to over raw HTTP with a Digest answer computed here
// (no sdk code): the Digest checks, every documented validation, async statuses, restorable windows and
// pagination, in the family's error shape.
import { createHash, randomBytes } from "node:crypto";
import { useEmulator } from "../support/emulator";

const AK = "emulator-ak";
const SK = "emulator-sk";
const PROJECT = "emulator-project";
const DAY = 86_400_000;
const DEMO = "/api/v2/instances/obcluster-demo";
const DRILL = "/api/v2/instances/obcluster-drill";

interface Challenge {
  algorithm: string;
  realm: string;
  nonce: string;
  opaque: string;
  stale: boolean;
}

interface Answer {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON answers, checked field by field
  challenges: Challenge[];
}

/** The challenges of a WWW-Authenticate value (the emulator sends them in one value). */
function challengesOf(header: string | null): Challenge[] {
  if (header === null) return [];
  return header
    .split(/,\s*(?=Digest\s)/)
    .map((part) => {
      const get = (k: string): string => new RegExp(`${k}="?([^",]*)"?`).exec(part)?.[1] ?? "";
      return { algorithm: get("algorithm"), realm: get("realm"), nonce: get("nonce"), opaque: get("opaque"), stale: /stale=true/.test(part) };
    });
}

function hex(alg: string, s: string): string {
  return createHash(alg === "SHA-256" ? "sha256" : "md5").update(s).digest("hex");
}

interface DigestParams {
  user?: string;
  pass?: string;
  uri?: string;
  nc?: number;
  algorithm?: string;
}

/** RFC 7616 Authorization for qop=auth, computed here. */
function authorization(method: string, target: string, ch: Challenge, p: DigestParams = {}): string {
  const user = p.user ?? AK;
  const uri = p.uri ?? target;
  const alg = p.algorithm ?? ch.algorithm;
  const nc = (p.nc ?? 1).toString(16).padStart(8, "0");
  const cnonce = randomBytes(8).toString("hex");
  const ha1 = hex(alg, `${user}:${ch.realm}:${p.pass ?? SK}`);
  const ha2 = hex(alg, `${method}:${uri}`);
  const response = hex(alg, `${ha1}:${ch.nonce}:${nc}:${cnonce}:auth:${ha2}`);
  return `Digest username="${user}", realm="${ch.realm}", nonce="${ch.nonce}", uri="${uri}", algorithm=${alg}, qop=auth, nc=${nc}, cnonce="${cnonce}", response="${response}", opaque="${ch.opaque}"`;
}

describe("OceanBase Cloud emulator family", () => {
  const emu = useEmulator();

  async function send(method: string, target: string, opts: { body?: unknown; headers?: Record<string, string>; authorization?: string } = {}): Promise<Answer> {
    const body = opts.body === undefined ? undefined : typeof opts.body === "string" ? opts.body : JSON.stringify(opts.body);
    const res = await fetch(`${emu.url}${target}`, {
      method,
      headers: {
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
        ...(opts.authorization ? { authorization: opts.authorization } : {}),
        ...opts.headers,
      },
      body,
    });
    const text = await res.text();
    return { status: res.status, body: text === "" ? undefined : JSON.parse(text), challenges: challengesOf(res.headers.get("www-authenticate")) };
  }

  /** Challenge round, then the answer (MD5 unless told otherwise). */
  async function call(method: string, target: string, opts: { body?: unknown; headers?: Record<string, string>; digest?: DigestParams } = {}): Promise<Answer> {
    const first = await send(method, target, opts);
    expect(first.status).toBe(401);
    const ch = first.challenges.find((c) => c.algorithm === (opts.digest?.algorithm ?? "MD5")) ?? (first.challenges[0] as Challenge);
    return send(method, target, { ...opts, authorization: authorization(method, target, ch, opts.digest) });
  }

  const post = (target: string, body: unknown, headers?: Record<string, string>) => call("POST", target, { body, ...(headers ? { headers } : {}) });
  const get = (target: string, headers?: Record<string, string>) => call("GET", target, headers ? { headers } : {});
  const now = async (): Promise<number> => Math.floor((await emu.control.clock()).now / 1000) * 1000;
  const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
  const expectError = (a: Answer, status: number, code: string, message?: RegExp): void => {
    expect({ status: a.status, success: a.body?.success, errorCode: a.body?.errorCode }).toEqual({ status, success: false, errorCode: code });
    expect(typeof a.body.requestId).toBe("string");
    if (message) expect(a.body.errorMessage).toMatch(message);
  };

  describe("Digest", () => {
    test("challenge: SHA-256 and MD5, qop=auth, one nonce and opaque, in the OceanBase error shape", async () => {
      const a = await send("GET", `${DEMO}?requestId=r1`);
      expectError(a, 401, "Unauthorized");
      expect(a.body.requestId).toBe("r1");
      expect(a.challenges.map((c) => c.algorithm)).toEqual(["SHA-256", "MD5"]);
      expect(new Set(a.challenges.map((c) => c.nonce)).size).toBe(1);
      expect(a.challenges.every((c) => c.realm === "OceanBase Cloud API" && c.opaque.length > 0 && !c.stale)).toBe(true);
    });

    test("MD5 and SHA-256 answers are both accepted; the nonce serves again with a higher nc", async () => {
      const target = `${DEMO}?requestId=r1`;
      const ch = (await send("GET", target)).challenges;
      const md5 = ch.find((c) => c.algorithm === "MD5") as Challenge;
      const sha = ch.find((c) => c.algorithm === "SHA-256") as Challenge;
      expect((await send("GET", target, { authorization: authorization("GET", target, md5, { nc: 1 }) })).status).toBe(200);
      expect((await send("GET", target, { authorization: authorization("GET", target, sha, { nc: 2 }) })).status).toBe(200);
      expect((await send("GET", `${DEMO}?requestId=r2`, { authorization: authorization("GET", `${DEMO}?requestId=r2`, md5, { nc: 3 }) })).body.data.instanceId).toBe("obcluster-demo");
    });

    test("a wrong secret or an unknown user → 401 without stale; nothing reaches the route", async () => {
      expectError(await call("GET", `${DEMO}?requestId=r`, { digest: { pass: "wrong" } }), 401, "Unauthorized", /failed/);
      const unknown = await call("GET", `${DEMO}?requestId=r`, { digest: { user: "someone" } });
      expectError(unknown, 401, "Unauthorized");
      expect(unknown.challenges.every((c) => !c.stale)).toBe(true);
      expect((await emu.control.requests()).every((r) => !r.authorized)).toBe(true);
    });

    test("a replayed nc, or a nonce older than oceanbase.nonceTtlMs, → 401 stale=true", async () => {
      const target = `${DEMO}?requestId=r`;
      const ch = (await send("GET", target)).challenges[1] as Challenge;
      const header = authorization("GET", target, ch, { nc: 1 });
      expect((await send("GET", target, { authorization: header })).status).toBe(200);
      const replay = await send("GET", target, { authorization: header });
      expectError(replay, 401, "Unauthorized", /reused/);
      expect(replay.challenges.every((c) => c.stale)).toBe(true);

      await emu.control.setDurations({ "oceanbase.nonceTtlMs": 1000 });
      expect((await send("GET", target, { authorization: authorization("GET", target, ch, { nc: 2 }) })).status).toBe(200);
      await emu.control.advance(1001);
      const expired = await send("GET", target, { authorization: authorization("GET", target, ch, { nc: 3 }) });
      expectError(expired, 401, "Unauthorized", /expired/);
      expect(expired.challenges.every((c) => c.stale)).toBe(true);
      const fresh = expired.challenges[1] as Challenge;
      expect((await send("GET", target, { authorization: authorization("GET", target, fresh) })).status).toBe(200);
    });

    test("the answer must be for this request-target; unsupported algorithms are refused", async () => {
      const target = `${DEMO}?requestId=r`;
      const ch = (await send("GET", target)).challenges[1] as Challenge;
      expectError(await send("GET", target, { authorization: authorization("GET", target, ch, { uri: `${DEMO}?requestId=other` }) }), 400, "IllegalArgument", /uri/);
      expectError(await send("GET", target, { authorization: authorization("GET", target, ch, { algorithm: "SHA-512", nc: 2 }) }), 401, "Unauthorized", /algorithm/);
      expectError(await send("GET", target, { authorization: "Digest garbage" }), 401, "Unauthorized", /malformed/);
      expectError(await send("GET", target, { authorization: "Basic ZW11bGF0b3ItYWs6ZW11bGF0b3Itc2s=" }), 401, "Unauthorized");
    });
  });

  describe("common checks", () => {
    test("requestId is required and echoed; unknown instance, tenant, backup set and project → 404", async () => {
      expectError(await get(DEMO), 400, "MissingParameter", /requestId/);
      expect((await get(`${DEMO}?requestId=abc-1`)).body).toMatchObject({ success: true, requestId: "abc-1" });
      expectError(await get("/api/v2/instances/obcluster-nope?requestId=r"), 404, "InstanceNotFound");
      expectError(await get(`${DEMO}/tenants/t-nope?requestId=r`), 404, "TenantNotFound");
      expectError(await get(`${DRILL}/tenants/t-demo?requestId=r`), 404, "TenantNotFound"); // t-demo lives on obcluster-demo
      expectError(await get(`${DEMO}/backup/data/sets/bak-nope?requestId=r`), 404, "BackupSetNotFound");
      expectError(await get(`${DEMO}?requestId=r`, { "x-ob-project-id": "other-project" }), 404, "ProjectNotFound");
      expect((await get(`${DEMO}?requestId=r`, { "x-ob-project-id": PROJECT })).status).toBe(200);
      expectError(await get(`${DEMO}/nothing-here?requestId=r`), 404, "NotFound");
    });

    test("pagination: pageNumber from 1, pageSize default 10, at most 100", async () => {
      await emu.control.setDurations({ "oceanbase.backupBeginMs": 0, "oceanbase.backupMs": 0 });
      for (let i = 0; i < 11; i++) expect((await post(`${DEMO}/backup/data/start?requestId=r${i}`, { backupObjectType: "database", tenantId: "t-report", databaseTables: '[{"database":"reports"}]' })).status).toBe(200);
      const first = await get(`${DEMO}/backup/data/sets?requestId=r`);
      expect([first.body.data.dataList.length, first.body.data.total]).toEqual([10, 13]);
      const second = await get(`${DEMO}/backup/data/sets?requestId=r&pageNumber=2`);
      expect(second.body.data.dataList).toHaveLength(3);
      expect((await get(`${DEMO}/backup/data/sets?requestId=r&pageNumber=2&pageSize=100`)).body.data.dataList).toHaveLength(0);
      expectError(await get(`${DEMO}/backup/data/sets?requestId=r&pageSize=101`), 400, "IllegalArgument", /pageSize/);
      expectError(await get(`${DEMO}/backup/data/sets?requestId=r&pageNumber=0`), 400, "IllegalArgument", /pageNumber/);
      expectError(await get(`${DEMO}/tenants?requestId=r&pageSize=abc`), 400, "IllegalArgument", /pageSize/);
      const tenants = await get(`${DEMO}/tenants?requestId=r&pageSize=1`);
      expect(tenants.body.data).toMatchObject({ total: 2, hasMore: true });
      expect((await get(`${DEMO}/tenants?requestId=r&pageSize=1&pageNumber=2`)).body.data.hasMore).toBe(false);
    });
  });

  describe("start backup", () => {
    const start = `${DEMO}/backup/data/start?requestId=r`;

    test("physical: backupPolicy manual required; tenant or whole cluster; the task id is the set's id", async () => {
      expectError(await post(start, { backupObjectType: "tenant", tenantId: "t-demo" }), 400, "MissingParameter", /backupPolicy/);
      expectError(await post(start, { backupObjectType: "tenant", backupPolicy: "auto", tenantId: "t-demo" }), 400, "IllegalArgument");
      expectError(await post(start, { backupObjectType: "tenant", backupPolicy: "manual", tenantId: "t-nope" }), 404, "TenantNotFound");
      expectError(await post(start, { backupObjectType: "cluster", backupPolicy: "manual" }), 400, "IllegalArgument", /backupObjectType/);
      const one = await post(start, { needPreCheck: true, backupObjectType: "tenant", backupPolicy: "manual", tenantId: "t-demo" });
      expect(one.body.data.backupTaskId).toMatch(/^bak-[a-z0-9]{12}$/);
      const set = await get(`${DEMO}/backup/data/sets/${one.body.data.backupTaskId}?requestId=r`);
      expect(set.body.data).toMatchObject({ backupSetId: one.body.data.backupTaskId, backupObjectType: "TENANT", tenantId: "t-demo", status: "BEGINNING" });
      const cluster = await post(start, { backupObjectType: "tenant", backupPolicy: "manual" });
      const cset = await get(`${DEMO}/backup/data/sets/${cluster.body.data.backupTaskId}?requestId=r`);
      expect(cset.body.data).toMatchObject({ backupObjectType: "CLUSTER", tenantId: "sys", tenantName: "*" });
      expect(cset.body.data.tenantBackupSetList.map((t: { tenantId: string }) => t.tenantId)).toEqual(["t-demo", "t-report"]);
    });

    test("logical: databaseTables must be a JSON string; table-level and database-level rules; data {}", async () => {
      const tl = (databaseTables: unknown) => post(start, { backupObjectType: "table", tenantId: "t-demo", databaseTables });
      const dl = (databaseTables: unknown) => post(start, { backupObjectType: "database", tenantId: "t-demo", databaseTables });
      const names = (n: number): string[] => Array.from({ length: n }, (_, i) => `stock_${String(i + 1).padStart(3, "0")}`);
      expectError(await post(start, { backupObjectType: "table", databaseTables: "[]" }), 400, "MissingParameter", /tenantId/);
      expectError(await tl([{ database: "shop", tables: ["orders"] }]), 400, "IllegalArgument", /JSON string/);
      expectError(await tl("[{oops"), 400, "IllegalArgument", /not valid JSON/);
      expectError(await tl(JSON.stringify([{ database: "shop", tables: ["orders"] }, { database: "warehouse", tables: ["stock_001"] }])), 400, "IllegalArgument", /exactly one database/);
      expectError(await tl(JSON.stringify([{ database: "shop" }])), 400, "IllegalArgument", /tables/);
      expectError(await tl(JSON.stringify([{ database: "warehouse", tables: [...names(199), "stock_200", "stock_201"] }])), 400, "IllegalArgument", /at most 200/);
      expectError(await tl(JSON.stringify([{ database: "shop", tables: ["orders", "orders"] }])), 400, "IllegalArgument", /twice/);
      expectError(await tl(JSON.stringify([{ database: "shop", tables: ["refunds"] }])), 400, "IllegalArgument", /shop\.refunds does not exist/);
      expectError(await tl(JSON.stringify([{ database: "nope", tables: ["orders"] }])), 400, "IllegalArgument", /database nope does not exist/);
      expectError(await dl(JSON.stringify([{ database: "shop" }, { database: "warehouse" }])), 400, "IllegalArgument", /202 tables/);
      expectError(await dl(JSON.stringify([{ database: "shop", tables: [] }])), 400, "IllegalArgument", /non-empty tables list/);
      expectError(await dl(JSON.stringify([{ database: "shop" }, { database: "shop" }])), 400, "IllegalArgument", /twice/);
      expect(await emu.control.objects().then((o) => o["oceanbase-cloud"].backupSets.length)).toBe(2);

      expect((await tl(JSON.stringify([{ database: "warehouse", tables: names(199) }]))).body).toMatchObject({ success: true, data: {} });
      expect((await dl(JSON.stringify([{ database: "warehouse" }]))).body.data).toEqual({});
      // Database level: tables are "not required" [seed 000], and may be given.
      expect((await dl(JSON.stringify([{ database: "shop", tables: ["orders"] }]))).body).toMatchObject({ success: true, data: {} });
      const sets = (await get(`${DEMO}/backup/data/sets?requestId=r`)).body.data.dataList;
      expect(sets.filter((s: { backupMode: string }) => s.backupMode === "LOGICAL_BACKUP").map((s: { backupObjectType: string }) => s.backupObjectType).sort()).toEqual(["DATABASE", "DATABASE", "TABLE"]);
    });

    test("a JSON body is required", async () => {
      expectError(await call("POST", start, { body: "backupObjectType=tenant", headers: { "content-type": "application/x-www-form-urlencoded" } }), 415, "UnsupportedMediaType");
      expectError(await call("POST", start, { body: "{not json" }), 400, "IllegalArgument", /not valid JSON/);
    });

    test("backups of a tenant that is not ONLINE are refused", async () => {
      expect((await call("DELETE", `${DEMO}/tenants/t-report?requestId=r`)).status).toBe(200);
      expectError(await post(start, { backupObjectType: "tenant", backupPolicy: "manual", tenantId: "t-report" }), 409, "TenantStatusNotAllowed", /DELETING/);
    });
  });

  describe("backup strategy (ModifyBackupStrategy)", () => {
    const modify = `${DEMO}/backup/strategy?action=ModifyBackupStrategy&requestId=r`;
    const body = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
      instanceId: "obcluster-demo",
      backupScheduleMode: "MONTH",
      scheduleTime: "02:30:00Z",
      timeList: [1, 15],
      lastDayOfMonth: true,
      dataMaintainDays: 30,
      retainMode: "TIME",
      backupStorageConfig: JSON.stringify({ backupStorageType: "COS", crossRegionFlag: true }),
      ...extra,
    });
    const strategies = async (): Promise<Record<string, Record<string, unknown>>> => (await emu.control.objects())["oceanbase-cloud"].backupStrategies;

    test("every instance has a default strategy; a valid body replaces it and answers the envelope without data", async () => {
      expect(Object.keys(await strategies()).sort()).toEqual(["obcluster-demo", "obcluster-drill"]);
      expect((await strategies())["obcluster-demo"]).toMatchObject({ backupScheduleMode: "WEEK", dataMaintainDays: 7, retainMode: "TIME" });
      const ok = await post(modify, body());
      expect(ok.status).toBe(200);
      expect(ok.body).toEqual({ success: true, requestId: "r", data: null });
      expect((await strategies())["obcluster-demo"]).toMatchObject({
        backupScheduleMode: "MONTH",
        scheduleTime: "02:30:00Z",
        timeList: [1, 15],
        lastDayOfMonth: true,
        dataMaintainDays: 30,
        backupStorageConfig: JSON.stringify({ backupStorageType: "COS", crossRegionFlag: true }),
      });
      // The same body again: still one strategy, the same one.
      await post(modify, body());
      expect(Object.keys(await strategies()).sort()).toEqual(["obcluster-demo", "obcluster-drill"]);
      expect((await strategies())["obcluster-drill"]).toMatchObject({ backupScheduleMode: "WEEK" });
    });

    test("each documented rule is enforced; the strategy stays as it was", async () => {
      const before = (await strategies())["obcluster-demo"];
      expectError(await post(`${DEMO}/backup/strategy?requestId=r`, body()), 400, "MissingParameter", /action/);
      expectError(await post(`${DEMO}/backup/strategy?action=DescribeBackupStrategy&requestId=r`, body()), 400, "IllegalArgument", /action/);
      expectError(await post(`${DEMO}/backup/strategy?action=ModifyBackupStrategy`, body()), 400, "MissingParameter", /requestId/);
      expectError(await post(modify, body({ instanceId: undefined })), 400, "MissingParameter", /instanceId/);
      expectError(await post(modify, body({ instanceId: "obcluster-drill" })), 400, "IllegalArgument", /instanceId/);
      expectError(await post(modify, body({ backupScheduleMode: undefined, backupschedulemode: "WEEK" })), 400, "MissingParameter", /backupScheduleMode/);
      expectError(await post(modify, body({ backupScheduleMode: "DAY" })), 400, "IllegalArgument", /backupScheduleMode/);
      expectError(await post(modify, body({ scheduleTime: "02:30:00+08:00" })), 400, "IllegalArgument", /scheduleTime/);
      expectError(await post(modify, body({ backupScheduleMode: "WEEK", timeList: [1, 8] })), 400, "IllegalArgument", /1 to 7/);
      expectError(await post(modify, body({ timeList: [32] })), 400, "IllegalArgument", /1 to 31/);
      expectError(await post(modify, body({ timeList: [] })), 400, "IllegalArgument", /timeList/);
      expectError(await post(modify, body({ timeList: [3, 3] })), 400, "IllegalArgument", /repeat/);
      expectError(await post(modify, body({ lastDayOfMonth: "yes" })), 400, "IllegalArgument", /lastDayOfMonth/);
      expectError(await post(modify, body({ dataMaintainDays: 0 })), 400, "IllegalArgument", /dataMaintainDays/);
      expectError(await post(modify, body({ dataMaintainDays: undefined })), 400, "MissingParameter", /dataMaintainDays/);
      expectError(await post(modify, body({ retainMode: "COUNT" })), 400, "IllegalArgument", /retainMode/);
      expectError(await post(modify, body({ backupStorageConfig: { backupStorageType: "COS" } })), 400, "IllegalArgument", /JSON string/);
      expectError(await post(modify, body({ backupStorageConfig: "{oops" })), 400, "IllegalArgument", /not valid JSON/);
      expectError(await post(modify, body({ backupStorageConfig: "{}" })), 400, "MissingParameter", /backupStorageType/);
      expectError(await post(modify, body({ backupStorageConfig: JSON.stringify({ backupStorageType: "COS", crossRegionFlag: "no" }) })), 400, "IllegalArgument", /crossRegionFlag/);
      expectError(await post(`/api/v2/instances/obcluster-nope/backup/strategy?action=ModifyBackupStrategy&requestId=r`, body({ instanceId: "obcluster-nope" })), 404, "InstanceNotFound");
      expect((await strategies())["obcluster-demo"]).toEqual(before);
    });

    test("no read of a strategy is served (none is documented)", async () => {
      const read = await get(`${DEMO}/backup/strategy?requestId=r`);
      expect(read.status).toBe(405);
    });
  });

  describe("backup sets", () => {
    test("statuses follow the clock; times and checkpoint appear when reached; download flag only when asked", async () => {
      const started = await post(`${DEMO}/backup/data/start?requestId=r`, { backupObjectType: "tenant", backupPolicy: "manual", tenantId: "t-demo" });
      const id = started.body.data.backupTaskId as string;
      const read = async (q = "") => (await get(`${DEMO}/backup/data/sets/${id}?requestId=r${q}`)).body.data;
      const t0 = await now();
      expect(await read()).toMatchObject({ status: "BEGINNING", startTime: iso(t0), checkpoint: null, endTime: null, backupMode: "PHYSICAL_BACKUP", validity: "VALID" });
      await emu.control.advance(5_000);
      expect((await read()).status).toBe("DOING");
      await emu.control.advance(60_000);
      expect(await read()).toMatchObject({ status: "DONE", checkpoint: iso(t0 + 5_000), endTime: iso(t0 + 65_000), downloadEnabled: false, downloadTaskId: -1 });
      expect((await read("&checkBackupSetDownloadEnable=true")).downloadEnabled).toBe(true);
      expectError(await get(`${DEMO}/backup/data/sets?requestId=r&checkBackupSetDownloadEnable=yes`), 400, "IllegalArgument");
    });

    test("startTime/endTime filter on the set's start; both must be UTC ISO-8601", async () => {
      const t = await now();
      const list = async (q: string) => (await get(`${DEMO}/backup/data/sets?requestId=r${q}`)).body.data;
      expect((await list(`&startTime=${iso(t - 3 * DAY)}&endTime=${iso(t)}`)).dataList.map((s: { backupSetId: string }) => s.backupSetId)).toEqual(["bak-demo0tenant"]);
      expect((await list(`&endTime=${iso(t - 3 * DAY)}`)).total).toBe(1);
      expectError(await get(`${DEMO}/backup/data/sets?requestId=r&startTime=2026-01-13T05:58:34%2B08:00`), 400, "IllegalArgument", /startTime/);
      expectError(await get(`${DEMO}/backup/data/sets?requestId=r&startTime=${iso(t)}&endTime=${iso(t - DAY)}`), 400, "IllegalArgument", /after endTime/);
    });
  });

  describe("restore", () => {
    const restore = `${DEMO}/backup/restore?requestId=r`;
    const project = { "x-ob-project-id": PROJECT };
    const body = (restoreTime: string, over: Record<string, unknown> = {}): Record<string, unknown> => ({
      sourceInstanceId: "obcluster-demo",
      tenantResource: { cpu: 1, memory: 4, unitNum: 1 },
      fromRemote: false,
      sourceTenantId: "t-demo",
      restoreTime,
      restoreObjectType: "tenant",
      restoreObjects: [],
      restoreMode: "from_backup_set",
      targetInstanceId: "obcluster-drill",
      targetTenantName: "RestoredTenant001",
      targetTenantDescription: "Test",
      targetTenantPrimaryZone: "cn-shanghai-e",
      ...over,
    });

    test("restorable windows: from each DONE physical set's checkpoint to the end of its log-archive span", async () => {
      const t = await now();
      const list = await get(`${DEMO}/backup/restore/tenants?requestId=r&restoreObjectType=tenant&fromRemote=false`);
      expect(list.body.data.map((x: { tenantId: string; timeIntervalList: unknown }) => [x.tenantId, x.timeIntervalList])).toEqual([
        [
          "t-demo",
          [
            { startTime: iso(t - 7 * DAY), endTime: iso(t - 5 * DAY) },
            { startTime: iso(t - 2 * DAY), endTime: iso(t) },
          ],
        ],
        ["t-report", [{ startTime: iso(t - 7 * DAY), endTime: iso(t) }]],
      ]);
      const bySet = await get(`${DEMO}/backup/restore/tenants?requestId=r&tenantId=t-demo&backupSetId=bak-demo0cluster`);
      expect(bySet.body.data[0].timeIntervalList).toEqual([{ startTime: iso(t - 7 * DAY), endTime: iso(t - 5 * DAY) }]);
      expect((await get(`${DRILL}/backup/restore/tenants?requestId=r`)).body.data).toEqual([]);
      expectError(await get(`${DEMO}/backup/restore/tenants?requestId=r&restoreObjectType=database`), 400, "IllegalArgument");
    });

    test("the seed's body restores into a new tenant: CREATING → RESTORING → ONLINE", async () => {
      const t = await now();
      const ok = await post(restore, body(iso(t - 6 * DAY)), project);
      expect(ok.body).toMatchObject({ success: true, data: {} });
      const tenant = async () => (await get(`${DRILL}/tenants?requestId=r&tenantName=restoredtenant`)).body.data.dataList;
      expect(await tenant()).toEqual([
        expect.objectContaining({ tenantName: "RestoredTenant001", status: "CREATING", cpu: 1, mem: 4, unitNum: 1, primaryZone: "cn-shanghai-e" }),
      ]);
      await emu.control.advance(10_000);
      expect((await tenant())[0].status).toBe("RESTORING");
      await emu.control.advance(120_000);
      expect((await tenant())[0].status).toBe("ONLINE");
      // The path may also name the target instance.
      expect((await post(`${DRILL}/backup/restore?requestId=r`, body(iso(t - 6 * DAY), { targetTenantName: "second" }), project)).status).toBe(200);
    });

    test("project header, required fields, formats, window, zone and unique name are enforced", async () => {
      const t = await now();
      const inWindow = iso(t - DAY);
      expectError(await post(restore, body(inWindow)), 400, "MissingParameter", /X-Ob-Project-Id/);
      expectError(await post(restore, body(inWindow), { "x-ob-project-id": "elsewhere" }), 404, "ProjectNotFound");
      for (const field of ["sourceInstanceId", "sourceTenantId", "targetInstanceId", "targetTenantName", "targetTenantDescription", "targetTenantPrimaryZone", "restoreTime", "restoreObjectType", "restoreMode", "tenantResource", "fromRemote"]) {
        expectError(await post(restore, body(inWindow, { [field]: undefined }), project), 400, "MissingParameter", new RegExp(field));
      }
      expectError(await post(restore, body(inWindow, { tenantResource: { cpu: 1, memory: 4, unitnum: 1 } }), project), 400, "MissingParameter", /unitNum/);
      expectError(await post(restore, body(inWindow, { tenantResource: { cpu: 0, memory: 4, unitNum: 1 } }), project), 400, "IllegalArgument", /cpu/);
      expectError(await post(restore, body(inWindow, { fromRemote: "false" }), project), 400, "IllegalArgument", /fromRemote/);
      expectError(await post(restore, body("2026-01-13T13:58:34+08:00"), project), 400, "IllegalArgument", /restoreTime/);
      expectError(await post(restore, body(inWindow, { restoreMode: "from_time_point" }), project), 400, "IllegalArgument", /restoreMode/);
      expectError(await post(restore, body(inWindow, { targetTenantName: "sys" }), project), 400, "IllegalArgument", /targetTenantName/);
      expectError(await post(restore, body(inWindow, { targetTenantPrimaryZone: "cn-beijing-a" }), project), 400, "IllegalArgument", /cn-shanghai-e/);
      expectError(await post(restore, body(inWindow, { sourceTenantId: "t-nope" }), project), 404, "TenantNotFound");
      expectError(await post(restore, body(inWindow, { targetInstanceId: "obcluster-nope" }), project), 404, "InstanceNotFound");
      expectError(await post(`/api/v2/instances/obcluster-nope/backup/restore?requestId=r`, body(inWindow), project), 404, "InstanceNotFound");
      expectError(await post(restore, body(iso(t - 3 * DAY)), project), 400, "RestoreTimeNotInRange", /outside the restorable windows/);
      expectError(await post(restore, body(iso(t + 1000)), project), 400, "RestoreTimeNotInRange");
      expectError(await post(restore, body(inWindow, { targetTenantName: "demo", targetInstanceId: "obcluster-demo" }), project), 409, "TenantNameAlreadyExists");
      expect(Object.keys((await emu.control.objects())["oceanbase-cloud"].tenants)).toEqual(["t-demo", "t-report"]);
    });
  });

  describe("tenants", () => {
    test("delete: DELETING (again accepted), then gone; a tenant still being created cannot be deleted", async () => {
      const del = (target: string) => call("DELETE", target);
      expect((await del(`${DEMO}/tenants/t-report?requestId=r`)).body.data).toEqual({ tenantId: "t-report" });
      expect((await del(`${DEMO}/tenants/t-report?requestId=r`)).status).toBe(200);
      expect((await get(`${DEMO}/tenants/t-report?requestId=r`)).body.data.status).toBe("DELETING");
      await emu.control.advance(30_000);
      expectError(await get(`${DEMO}/tenants/t-report?requestId=r`), 404, "TenantNotFound");
      expectError(await del(`${DEMO}/tenants/t-report?requestId=r`), 404, "TenantNotFound");
      expect(Object.keys((await emu.control.objects())["oceanbase-cloud"].tenants)).toEqual(["t-demo"]);

      const t = await now();
      await post(`${DEMO}/backup/restore?requestId=r`, {
        sourceInstanceId: "obcluster-demo", sourceTenantId: "t-demo", targetInstanceId: "obcluster-drill", targetTenantName: "drill",
        targetTenantDescription: "d", targetTenantPrimaryZone: "cn-shanghai-f", tenantResource: { cpu: 1, memory: 4, unitNum: 1 },
        fromRemote: false, restoreTime: iso(t - DAY), restoreObjectType: "tenant", restoreMode: "from_backup_set",
      }, { "x-ob-project-id": PROJECT });
      const id = (await get(`${DRILL}/tenants?requestId=r`)).body.data.dataList[0].tenantId;
      expectError(await del(`${DRILL}/tenants/${id}?requestId=r`), 409, "TenantStatusNotAllowed", /CREATING/);
    });
  });
});
