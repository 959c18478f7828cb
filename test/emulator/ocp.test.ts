// The emulator's OCP family over raw HTTP, signed by a small signer written here (not the sdk's), so the
// emulator's reading of the auth scheme and of the backup API is checked on its own.
import { createHash, createHmac } from "node:crypto";
import { request as httpRequest } from "node:http";
import { useEmulator } from "../support/emulator";
import { seedStrategy } from "../support/ocp-seed";

const AK = "emulator-ocp-ak";
const SK = "emulator-ocp-sk";
const STRATEGY = "/api/v2/ob/clusters/1000005/backup/config/backupStrategy";
const TENANT_STRATEGY = "/api/v2/ob/clusters/1000005/tenants/1002/backup/config/backupStrategy";

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- assertions dig into vendor JSON
}

interface CallOptions {
  body?: unknown;
  /** Extra headers sent (and, when x-ocp-*, signed unless signOcpHeaders is false). */
  headers?: Record<string, string>;
  /** "hmac" (default), "basic", or "none". */
  auth?: "hmac" | "basic" | "none";
  secret?: string;
  user?: string;
  password?: string;
  dateMs?: number;
  /** The path + query put into the string to sign (default: the one sent). */
  signTarget?: string;
  /** The body whose MD5 is signed (default: the one sent). */
  signBody?: string;
  signOcpHeaders?: boolean;
}

function call(baseUrl: string, method: string, target: string, o: CallOptions = {}): Promise<Reply> {
  const url = new URL(baseUrl);
  const body = o.body === undefined ? undefined : typeof o.body === "string" ? o.body : JSON.stringify(o.body);
  const headers: Record<string, string> = { accept: "application/json", ...o.headers };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (o.auth === "basic") {
    headers["authorization"] = `Basic ${Buffer.from(`${o.user ?? "admin"}:${o.password ?? "emulator"}`).toString("base64")}`;
  } else if (o.auth !== "none") {
    const date = new Date(o.dateMs ?? Date.now()).toUTCString();
    const signedBody = o.signBody ?? body;
    const ocp = Object.entries(o.signOcpHeaders === false ? {} : (o.headers ?? {}))
      .filter(([k]) => k.toLowerCase().startsWith("x-ocp-"))
      .map(([k, v]) => `${k.toLowerCase()}:${v}`)
      .sort()
      .join("\n");
    const toSign = [
      method,
      signedBody === undefined ? "" : createHash("md5").update(signedBody).digest("hex").toUpperCase(),
      headers["content-type"] ?? "",
      date,
      url.host,
      ocp,
      o.signTarget ?? target,
    ].join("\n");
    headers["date"] = date;
    headers["authorization"] = `OCP-ACCESS-KEY-HMACSHA1 ${AK}:${createHmac("sha1", o.secret ?? SK).update(toSign).digest("base64")}`;
  }
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, method, path: target, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        resolve({ status: res.statusCode ?? 0, headers: res.headers, json: text ? JSON.parse(text) : undefined });
      });
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** The seed 002 sample request as sent on the wire (PHYSICAL_BACKUP, FILE storage, secondary backup). */
function seedBody(): Record<string, any> { // eslint-disable-line @typescript-eslint/no-explicit-any -- edited per test
  return { ...seedStrategy(), obBackupObjectList: [{ clusterId: 1000005, backupDimension: "CLUSTER" }] };
}

function ossBody(): Record<string, any> { // eslint-disable-line @typescript-eslint/no-explicit-any -- edited per test
  const b = seedBody();
  delete b["obSecondaryBackupConfig"];
  b["secondaryBackupEnabled"] = false;
  b["obBackupServiceStorageConfig"] = {
    configName: "oss-main",
    obBackupStorageBaseInfo: {
      backupStorageType: "BACKUP_STORAGE_OSS",
      storageUrl: "osstest/backup",
      ossAccessKey: { endpoint: "oss-cn-hangzhou.aliyuncs.com", accessKeyId: "oss-ak-1", accessKeySecret: "oss-secret-value-1" },
    },
    alarmStoragePercentageThreshold: 90,
  };
  return b;
}

describe("OCP emulator: auth", () => {
  const emu = useEmulator();
  const ability = "/api/v2/ob/clusters/1000005/backup/ability";

  test("a correct HMAC-SHA1 signature is accepted and the success envelope is seed-shaped", async () => {
    const r = await call(emu.url, "GET", ability);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ successful: true, status: 200, data: { backupAbility: "LOGICAL_AND_PHYSICAL" } });
    expect(typeof r.json.traceId).toBe("string");
    expect(typeof r.json.server).toBe("string");
    expect(typeof r.json.duration).toBe("number");
    expect(r.json.timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+08:00$/);
  });

  test("a wrong secret, an unknown key, no credentials and an unsupported scheme get 401 in the error envelope", async () => {
    for (const r of [
      await call(emu.url, "GET", ability, { secret: "not-the-secret" }),
      await call(emu.url, "GET", ability, { auth: "none" }),
      await call(emu.url, "GET", ability, { auth: "none", headers: { authorization: "Bearer abc" } }),
    ]) {
      expect(r.status).toBe(401);
      expect(r.json).toMatchObject({ successful: false, status: 401, error: { code: 60401 } });
      expect(typeof r.json.error.message).toBe("string");
      expect(typeof r.json.traceId).toBe("string");
    }
    const unknownAk = await call(emu.url, "GET", ability, {
      auth: "none",
      headers: { date: new Date().toUTCString(), authorization: "OCP-ACCESS-KEY-HMACSHA1 nobody:abc=" },
    });
    expect(unknownAk.status).toBe(401);
    const log = await emu.control.requests();
    expect(log.every((e) => e.authorized === false && e.family === "ocp")).toBe(true);
  });

  test("a Date 15 minutes or more away from the server's clock is refused; 14 minutes is accepted", async () => {
    const late = await call(emu.url, "GET", ability, { dateMs: Date.now() - 16 * 60_000 });
    expect(late.status).toBe(401);
    expect(late.json.error.code).toBe(61401);
    const early = await call(emu.url, "GET", ability, { dateMs: Date.now() + 16 * 60_000 });
    expect(early.status).toBe(401);
    expect((await call(emu.url, "GET", ability, { dateMs: Date.now() - 14 * 60_000 })).status).toBe(200);
  });

  test("the query is signed sorted by name, in its wire encoding", async () => {
    const sent = `${ability}?b=2&a=x%20y`;
    expect((await call(emu.url, "GET", sent, { signTarget: `${ability}?a=x%20y&b=2` })).status).toBe(200);
    expect((await call(emu.url, "GET", sent, { signTarget: sent })).status).toBe(401);
    expect((await call(emu.url, "GET", sent, { signTarget: ability })).status).toBe(401);
  });

  test("x-ocp-* headers and the body's MD5 are part of the signature", async () => {
    const headers = { "x-ocp-origin": "pulumi", "X-OCP-Trace": "abc" };
    expect((await call(emu.url, "GET", ability, { headers })).status).toBe(200);
    expect((await call(emu.url, "GET", ability, { headers, signOcpHeaders: false })).status).toBe(401);
    const tampered = await call(emu.url, "POST", STRATEGY, { body: seedBody(), signBody: JSON.stringify(ossBody()) });
    expect(tampered.status).toBe(401);
    expect((await emu.control.objects())["ocp"].strategies).toEqual({});
  });

  test("HTTP Basic admin/emulator is accepted, a wrong password is not", async () => {
    expect((await call(emu.url, "GET", ability, { auth: "basic" })).status).toBe(200);
    const bad = await call(emu.url, "GET", ability, { auth: "basic", password: "wrong" });
    expect(bad.status).toBe(401);
    expect(bad.json.error.code).toBe(60401);
    expect((await call(emu.url, "GET", ability, { auth: "basic", user: "nobody" })).status).toBe(401);
  });
});

describe("OCP emulator: backup strategy", () => {
  const emu = useEmulator();

  test("create → task RUNNING until ocp.taskMs passed → SUCCESSFUL; GET shows server fields and drift", async () => {
    expect((await call(emu.url, "GET", STRATEGY)).json.error.code).toBe(60404);
    const created = await call(emu.url, "POST", STRATEGY, { body: seedBody() });
    expect(created.status).toBe(200);
    expect(created.json.data).toEqual({
      obBackupTaskType: "CREATE_BACKUP_STRATEGY",
      backupObjectOpsResultList: [
        { obBackupObjectList: [{ clusterId: 1000005, backupDimension: "CLUSTER" }], beSuccessful: true, taskIdList: [3000041] },
      ],
    });
    const running = await call(emu.url, "GET", "/api/v2/tasks/instances/3000041");
    expect(running.json.data).toMatchObject({ id: 3000041, status: "RUNNING", finishTime: null, clusterId: 1000005 });
    await emu.control.advance(2999);
    expect((await call(emu.url, "GET", "/api/v2/tasks/instances/3000041")).json.data.status).toBe("RUNNING");
    await emu.control.advance(1);
    const done = await call(emu.url, "GET", "/api/v2/tasks/instances/3000041");
    expect(done.json.data.status).toBe("SUCCESSFUL");
    expect(typeof done.json.data.finishTime).toBe("string");

    const got = (await call(emu.url, "GET", STRATEGY)).json.data;
    expect(got).toMatchObject({
      id: 1,
      clusterId: 1000005,
      obClusterId: 1650000005,
      clusterName: "demo-cluster",
      backupDimension: "CLUSTER",
      type: "BACKUP",
      backupMode: "PHYSICAL_BACKUP",
      secondaryBackupEnabled: true,
    });
    expect(got.createTime).toMatch(/\+08:00$/);
    expect(got.obBackupScheduleConfig.backupScheduleTime).toBe("02:00+08:00"); // java.time OffsetTime#toString
    expect(got.obBackupScheduleConfig.backupScheduleEnabled).toBe(true); // absent in the body: defaults to true
    expect(got.obSecondaryBackupConfig.scheduleConfig.logSecondaryBackupPeriod).toBe("ONCE_AN_HOUR");
    expect(got.obBackupObjectList).toBeUndefined();
  });

  test("create when one exists → 409; a change while a task runs → 200 with beSuccessful:false", async () => {
    expect((await call(emu.url, "POST", STRATEGY, { body: seedBody() })).status).toBe(200);
    const again = await call(emu.url, "POST", STRATEGY, { body: seedBody() });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe(60409);
    const busy = await call(emu.url, "PATCH", STRATEGY, { body: seedBody() });
    expect(busy.status).toBe(200);
    const result = busy.json.data.backupObjectOpsResultList[0];
    expect(result).toMatchObject({ beSuccessful: false, taskIdList: [], errorCode: "OB_BACKUP_TASK_RUNNING" });
    expect(result.hint).toContain("3000041");
    await emu.control.advance(3000);
    const modified = await call(emu.url, "PATCH", STRATEGY, { body: { ...seedBody(), obBackupScheduleConfig: { ...seedBody()["obBackupScheduleConfig"], backupScheduleTime: "03:30:15.250Z" } } });
    expect(modified.json.data).toMatchObject({ obBackupTaskType: "MODIFY_BACKUP_STRATEGY", backupObjectOpsResultList: [{ beSuccessful: true, taskIdList: [3000042] }] });
    expect((await call(emu.url, "GET", STRATEGY)).json.data.obBackupScheduleConfig.backupScheduleTime).toBe("03:30:15.250Z");
  });

  test("stopSchedule/startSchedule toggle backupScheduleEnabled; delete removes; then modify/delete → 404", async () => {
    await emu.control.setDurations({ "ocp.taskMs": 0 });
    await call(emu.url, "POST", STRATEGY, { body: seedBody() });
    const stop = await call(emu.url, "POST", `${STRATEGY}/stopSchedule`);
    expect(stop.json.data.obBackupTaskType).toBe("STOP_BACKUP_SCHEDULE");
    expect((await call(emu.url, "GET", STRATEGY)).json.data.obBackupScheduleConfig.backupScheduleEnabled).toBe(false);
    // A modify that omits backupScheduleEnabled keeps the stopped state.
    await call(emu.url, "PATCH", STRATEGY, { body: seedBody() });
    expect((await call(emu.url, "GET", STRATEGY)).json.data.obBackupScheduleConfig.backupScheduleEnabled).toBe(false);
    await call(emu.url, "POST", `${STRATEGY}/startSchedule`);
    expect((await call(emu.url, "GET", STRATEGY)).json.data.obBackupScheduleConfig.backupScheduleEnabled).toBe(true);
    const del = await call(emu.url, "DELETE", STRATEGY);
    expect(del.json.data.obBackupTaskType).toBe("DELETE_BACKUP_STRATEGY");
    expect((await call(emu.url, "GET", STRATEGY)).status).toBe(404);
    expect((await call(emu.url, "PATCH", STRATEGY, { body: seedBody() })).status).toBe(404);
    expect((await call(emu.url, "DELETE", STRATEGY)).status).toBe(404);
    expect((await call(emu.url, "POST", `${STRATEGY}/stopSchedule`)).status).toBe(404);
  });

  test("storage secrets are never echoed by GET nor kept in the emulator's state", async () => {
    expect((await call(emu.url, "POST", STRATEGY, { body: ossBody() })).status).toBe(200);
    const got = (await call(emu.url, "GET", STRATEGY)).json.data;
    expect(got.obBackupServiceStorageConfig.obBackupStorageBaseInfo.ossAccessKey).toEqual({
      endpoint: "oss-cn-hangzhou.aliyuncs.com",
      accessKeyId: "oss-ak-1",
    });
    expect(JSON.stringify(got)).not.toContain("oss-secret-value-1");
    expect(JSON.stringify(await emu.control.objects())).not.toContain("oss-secret-value-1");
    expect(JSON.stringify(await emu.control.requests())).not.toContain("oss-secret-value-1");
  });

  test("ocp.taskMs is read when the status is computed: setting it to 0 ends a running task", async () => {
    await call(emu.url, "POST", STRATEGY, { body: seedBody() });
    expect((await call(emu.url, "GET", "/api/v2/tasks/instances/3000041")).json.data.status).toBe("RUNNING");
    await emu.control.setDurations({ "ocp.taskMs": 0 });
    expect((await call(emu.url, "GET", "/api/v2/tasks/instances/3000041")).json.data.status).toBe("SUCCESSFUL");
  });

  test("a storageUrl with the emulator-fail-task marker makes the task end FAILED", async () => {
    const body = seedBody();
    body["obBackupServiceStorageConfig"].obBackupStorageBaseInfo.storageUrl = "/obbackup/emulator-fail-task/";
    const created = await call(emu.url, "POST", STRATEGY, { body });
    const id = created.json.data.backupObjectOpsResultList[0].taskIdList[0];
    await emu.control.advance(3000);
    expect((await call(emu.url, "GET", `/api/v2/tasks/instances/${id}`)).json.data.status).toBe("FAILED");
  });

  test("tenant-level strategy, unknown cluster/tenant/task, bad ids, backup ability, unknown routes", async () => {
    const body = { ...seedBody(), obBackupObjectList: [{ clusterId: 1000005, tenantId: 1002, backupDimension: "TENANT" }] };
    const created = await call(emu.url, "POST", TENANT_STRATEGY, { body });
    expect(created.json.data.backupObjectOpsResultList[0].obBackupObjectList).toEqual([{ clusterId: 1000005, tenantId: 1002, backupDimension: "TENANT" }]);
    expect((await call(emu.url, "GET", TENANT_STRATEGY)).json.data).toMatchObject({ backupDimension: "TENANT", tenantId: 1002, clusterId: 1000005 });
    expect((await call(emu.url, "GET", STRATEGY)).status).toBe(404); // the cluster level is separate
    expect((await call(emu.url, "GET", "/api/v2/ob/clusters/999/backup/config/backupStrategy")).status).toBe(404);
    expect((await call(emu.url, "GET", "/api/v2/ob/clusters/1000005/tenants/999/backup/config/backupStrategy")).status).toBe(404);
    expect((await call(emu.url, "GET", "/api/v2/ob/clusters/abc/backup/config/backupStrategy")).status).toBe(400);
    expect((await call(emu.url, "GET", "/api/v2/tasks/instances/999")).status).toBe(404);
    expect((await call(emu.url, "GET", "/api/v2/tasks/instances/0")).status).toBe(400);
    const logical = await call(emu.url, "POST", "/api/v2/ob/clusters/1000006/backup/config/backupStrategy", {
      body: { ...seedBody(), backupMode: "LOGICAL_BACKUP", obBackupObjectList: undefined },
    });
    expect(logical.status).toBe(400);
    expect(logical.json.error.target).toBe("backupMode");
    const miss = await call(emu.url, "GET", "/api/v2/ob/clusters/1000005/nothing");
    expect(miss.status).toBe(404);
    expect(miss.json).toMatchObject({ successful: false, status: 404, error: { code: 60404 } });
  });

  describe("body validation: 400 naming the field, nothing stored", () => {
    type Edit = (b: Record<string, any>) => void; // eslint-disable-line @typescript-eslint/no-explicit-any -- edits vendor JSON
    const cases: Array<[string, Edit, string]> = [
      ["missing backupMode", (b) => delete b["backupMode"], "backupMode"],
      ["bad backupMode", (b) => (b["backupMode"] = "SNAPSHOT"), "backupMode"],
      ["day 8 in WEEK mode", (b) => (b["obBackupScheduleConfig"].dayAndDataBackupModelMap = { "8": "FULL_BACKUP" }), "obBackupScheduleConfig.dayAndDataBackupModelMap.8"],
      [
        "day 32 in MONTH mode",
        (b) => Object.assign(b["obBackupScheduleConfig"], { backupScheduleMode: "MONTH", dayAndDataBackupModelMap: { "31": "FULL_BACKUP", "32": "FULL_BACKUP" } }),
        "obBackupScheduleConfig.dayAndDataBackupModelMap.32",
      ],
      ["bad data backup model", (b) => (b["obBackupScheduleConfig"].dayAndDataBackupModelMap = { "1": "DIFF" }), "obBackupScheduleConfig.dayAndDataBackupModelMap.1"],
      ["bad OffsetTime", (b) => (b["obBackupScheduleConfig"].backupScheduleTime = "2am"), "obBackupScheduleConfig.backupScheduleTime"],
      ["retention without cleanEnabled", (b) => (b["obBackupScheduleConfig"].backupDataRetentionDays = 7), "obBackupScheduleConfig.backupDataRetentionDays"],
      ["libObLogExpireDays with PHYSICAL_BACKUP", (b) => (b["obBackupThresholdConfig"].libObLogExpireDays = 3), "obBackupThresholdConfig.libObLogExpireDays"],
      ["missing threshold", (b) => delete b["obBackupThresholdConfig"].logBackupDelaySeconds, "obBackupThresholdConfig.logBackupDelaySeconds"],
      [
        "OSS keys with FILE storage",
        (b) => (b["obBackupServiceStorageConfig"].obBackupStorageBaseInfo.ossAccessKey = { endpoint: "e", accessKeyId: "a", accessKeySecret: "s" }),
        "obBackupServiceStorageConfig.obBackupStorageBaseInfo.ossAccessKey",
      ],
      [
        "OSS storage without keys",
        (b) => (b["obBackupServiceStorageConfig"].obBackupStorageBaseInfo.backupStorageType = "BACKUP_STORAGE_OSS"),
        "obBackupServiceStorageConfig.obBackupStorageBaseInfo.ossAccessKey",
      ],
      [
        "COS key without appId",
        (b) =>
          Object.assign(b["obBackupServiceStorageConfig"].obBackupStorageBaseInfo, {
            backupStorageType: "BACKUP_STORAGE_COS",
            cosAccessKey: { endpoint: "e", accessKeyId: "a", accessKeySecret: "s" },
          }),
        "obBackupServiceStorageConfig.obBackupStorageBaseInfo.cosAccessKey.appId",
      ],
      ["storageUrl with a protocol", (b) => (b["obBackupServiceStorageConfig"].obBackupStorageBaseInfo.storageUrl = "file:///obbackup"), "obBackupServiceStorageConfig.obBackupStorageBaseInfo.storageUrl"],
      ["alarm threshold over 100", (b) => (b["obBackupServiceStorageConfig"].alarmStoragePercentageThreshold = 101), "obBackupServiceStorageConfig.alarmStoragePercentageThreshold"],
      ["bad logSecondaryBackupPeriod", (b) => (b["obSecondaryBackupConfig"].scheduleConfig.logSecondaryBackupPeriod = "ONCE_A_WEEK"), "obSecondaryBackupConfig.scheduleConfig.logSecondaryBackupPeriod"],
      ["secondary config without secondaryBackupEnabled", (b) => (b["secondaryBackupEnabled"] = false), "obSecondaryBackupConfig"],
      ["secondaryBackupEnabled without config", (b) => delete b["obSecondaryBackupConfig"], "obSecondaryBackupConfig"],
      ["obBackupObjectList naming another cluster", (b) => (b["obBackupObjectList"] = [{ clusterId: 1, backupDimension: "CLUSTER" }]), "obBackupObjectList.0.clusterId"],
      ["a string where a number belongs", (b) => (b["obBackupThresholdConfig"].dataBackupTimeoutMinutes = "7"), "obBackupThresholdConfig.dataBackupTimeoutMinutes"],
    ];
    test.each(cases)("%s", async (_name, edit, field) => {
      const body = seedBody();
      edit(body);
      const r = await call(emu.url, "POST", STRATEGY, { body });
      expect(r.status).toBe(400);
      expect(r.json).toMatchObject({ successful: false, status: 400, error: { code: 60400, target: field } });
      expect(r.json.error.message).toContain(field);
      expect((await emu.control.objects())["ocp"].strategies).toEqual({});
    });

    test("not JSON", async () => {
      const r = await call(emu.url, "POST", STRATEGY, { body: "{nope" });
      expect(r.status).toBe(400);
      expect(r.json.error.target).toBe("(body)");
    });

    test("OffsetTime variants java.time accepts are accepted: 02:00, 02:00:00Z, 02:00:00.123456789-05:30", async () => {
      await emu.control.setDurations({ "ocp.taskMs": 0 });
      expect((await call(emu.url, "POST", STRATEGY, { body: seedBody() })).status).toBe(200);
      for (const time of ["02:00+08:00", "02:00:00Z", "02:00:00.123456789-05:30"]) {
        const body = seedBody();
        body["obBackupScheduleConfig"].backupScheduleTime = time;
        expect((await call(emu.url, "PATCH", STRATEGY, { body })).status).toBe(200);
      }
      expect((await call(emu.url, "GET", STRATEGY)).json.data.obBackupScheduleConfig.backupScheduleTime).toBe("02:00:00.123456789-05:30");
    });
  });
});
