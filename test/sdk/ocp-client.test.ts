// OcpClient against the emulator: every operation, both auth schemes, error mapping, async tasks,
// retries and faults, and input refused before anything is sent.
import { inspect } from "node:util";
import { systemClock, type Clock } from "../../sdk/clock";
import {
  ApiError,
  DeadlineExceededError,
  ErrorCodes,
  InvalidInputError,
  InvalidResponseError,
  NetworkError,
  OperationFailedError,
} from "../../sdk/errors";
import { OcpClient, type OcpClientOptions } from "../../sdk/ocp/client";
import { OcpBackupOperationError } from "../../sdk/ocp/errors";
import type { OcpBackupStrategyInput } from "../../sdk/ocp/schemas";
import { useEmulator } from "../support/emulator";
import { FakeClock } from "../support/fake-clock";
import { seedStrategy } from "../support/ocp-seed";
import { caught } from "../support/rejection";

const AK = "emulator-ocp-ak";
const SK = "emulator-ocp-sk";
const CLUSTER = { clusterId: 1000005 };
const TENANT = { clusterId: 1000005, tenantId: 1002 };
const STRATEGY_PATH = "/api/v2/ob/clusters/1000005/backup/config/backupStrategy";

function logicalOssStrategy(): OcpBackupStrategyInput {
  return {
    backupMode: "LOGICAL_BACKUP",
    obBackupScheduleConfig: {
      backupScheduleMode: "MONTH",
      backupScheduleEnabled: true,
      backupScheduleTime: "01:30:00Z",
      dayAndDataBackupModelMap: { "1": "FULL_BACKUP", "15": "INCREMENTAL_BACKUP", "31": "INCREMENTAL_BACKUP" },
      startLogBackup: true,
      cleanEnabled: true,
      backupDataRetentionDays: 7,
      cleanScheduleTime: "04:00:00+08:00",
    },
    obBackupThresholdConfig: { dataBackupTimeoutMinutes: 60, noSuccessfulDataBackupAlarmDays: 2, libObLogExpireDays: 3, logBackupDelaySeconds: 600 },
    obBackupServiceStorageConfig: {
      configName: "oss-main",
      obBackupStorageBaseInfo: {
        backupStorageType: "BACKUP_STORAGE_OSS",
        storageUrl: "osstest/backup",
        ossAccessKey: { endpoint: "oss-cn-hangzhou.aliyuncs.com", accessKeyId: "oss-ak", accessKeySecret: "oss-storage-secret" },
      },
      alarmStoragePercentageThreshold: 85,
    },
  };
}

describe("OcpClient against the emulator", () => {
  const emu = useEmulator();
  const clients: OcpClient[] = [];
  function client(o: Partial<OcpClientOptions> = {}): OcpClient {
    const c = new OcpClient({ endpoint: emu.url, accessKeyId: AK, accessKeySecret: SK, retry: { baseDelayMs: 1, maxDelayMs: 2 }, ...o });
    clients.push(c);
    return c;
  }
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
  });

  test("every operation, cluster and tenant level, with AK/SK", async () => {
    await emu.control.setDurations({ "ocp.taskMs": 0 });
    const c = client();
    expect(await c.getBackupAbility(1000005)).toEqual({
      backupAbility: "LOGICAL_AND_PHYSICAL",
      obDataBackupSupportAbility: { fullBackupEnabled: true, incrementBackupEnabled: true },
    });
    expect(await c.getBackupStrategy(CLUSTER)).toBeUndefined();

    const created = await c.createBackupStrategy(CLUSTER, seedStrategy());
    expect(created.obBackupTaskType).toBe("CREATE_BACKUP_STRATEGY");
    expect(created.taskIds).toEqual([3000041]);
    expect(typeof created.traceId).toBe("string");
    expect(await c.getTask(3000041)).toMatchObject({ id: 3000041, status: "SUCCESSFUL" });

    const got = await c.getBackupStrategy(CLUSTER);
    expect(got).toMatchObject({ clusterId: 1000005, clusterName: "demo-cluster", backupDimension: "CLUSTER", type: "BACKUP", backupMode: "PHYSICAL_BACKUP" });
    expect(got?.obBackupScheduleConfig.backupScheduleTime).toBe("02:00+08:00"); // the server's own form: callers normalise

    const modified = await c.modifyBackupStrategy(CLUSTER, { ...seedStrategy(), secondaryBackupEnabled: false, obSecondaryBackupConfig: undefined });
    expect(modified.taskIds).toEqual([3000042]);
    expect((await c.getBackupStrategy(CLUSTER))?.secondaryBackupEnabled).toBe(false);

    expect((await c.stopSchedule(1000005)).taskIds).toEqual([3000043]);
    expect((await c.getBackupStrategy(CLUSTER))?.obBackupScheduleConfig.backupScheduleEnabled).toBe(false);
    expect((await c.startSchedule("1000005")).taskIds).toEqual([3000044]);
    expect((await c.getBackupStrategy(CLUSTER))?.obBackupScheduleConfig.backupScheduleEnabled).toBe(true);

    const tenantCreated = await c.createBackupStrategy(TENANT, logicalOssStrategy());
    expect(tenantCreated.backupObjectOpsResultList[0]?.obBackupObjectList).toEqual([{ clusterId: 1000005, tenantId: 1002, backupDimension: "TENANT" }]);
    const tenantGot = await c.getBackupStrategy(TENANT);
    expect(tenantGot).toMatchObject({ backupDimension: "TENANT", tenantId: 1002, backupMode: "LOGICAL_BACKUP" });
    expect(tenantGot?.obBackupServiceStorageConfig.obBackupStorageBaseInfo.ossAccessKey).toMatchObject({ accessKeyId: "oss-ak" });
    expect(tenantGot?.obBackupServiceStorageConfig.obBackupStorageBaseInfo.ossAccessKey?.accessKeySecret ?? undefined).toBeUndefined();
    await c.modifyBackupStrategy(TENANT, logicalOssStrategy());
    await c.deleteBackupStrategy(TENANT);
    expect(await c.getBackupStrategy(TENANT)).toBeUndefined();

    const deleted = await c.deleteBackupStrategy(CLUSTER);
    expect(deleted.obBackupTaskType).toBe("DELETE_BACKUP_STRATEGY");
    expect(await c.getBackupStrategy(CLUSTER)).toBeUndefined();

    const log = await emu.control.requests();
    expect(log.every((e) => e.authorized && e.family === "ocp")).toBe(true);
    expect(log.map((e) => `${e.method} ${e.path}`)).toEqual([
      "GET /api/v2/ob/clusters/1000005/backup/ability",
      `GET ${STRATEGY_PATH}`,
      `POST ${STRATEGY_PATH}`,
      "GET /api/v2/tasks/instances/3000041",
      `GET ${STRATEGY_PATH}`,
      `PATCH ${STRATEGY_PATH}`,
      `GET ${STRATEGY_PATH}`,
      `POST ${STRATEGY_PATH}/stopSchedule`,
      `GET ${STRATEGY_PATH}`,
      `POST ${STRATEGY_PATH}/startSchedule`,
      `GET ${STRATEGY_PATH}`,
      "POST /api/v2/ob/clusters/1000005/tenants/1002/backup/config/backupStrategy",
      "GET /api/v2/ob/clusters/1000005/tenants/1002/backup/config/backupStrategy",
      "PATCH /api/v2/ob/clusters/1000005/tenants/1002/backup/config/backupStrategy",
      "DELETE /api/v2/ob/clusters/1000005/tenants/1002/backup/config/backupStrategy",
      "GET /api/v2/ob/clusters/1000005/tenants/1002/backup/config/backupStrategy",
      `DELETE ${STRATEGY_PATH}`,
      `GET ${STRATEGY_PATH}`,
    ]);
    // The client names the target in the body as the seed's example does.
    expect(log[2]?.body).toMatchObject({ obBackupObjectList: [{ clusterId: 1000005, backupDimension: "CLUSTER" }] });
  });

  test("HTTP Basic works; AK/SK wins when both are configured", async () => {
    expect((await client({ accessKeyId: undefined, accessKeySecret: undefined, username: "admin", password: "emulator" }).getBackupAbility(1000005)).backupAbility).toBe(
      "LOGICAL_AND_PHYSICAL",
    );
    // A wrong password is ignored when the AccessKey pair is right, and vice versa: the pair is what is used.
    await expect(client({ username: "admin", password: "wrong" }).getBackupAbility(1000005)).resolves.toBeDefined();
    const e = await caught(client({ accessKeySecret: "wrong-sk", username: "admin", password: "emulator" }).getBackupAbility(1000005));
    expect(e.code).toBe(ErrorCodes.AUTH);
  });

  test("missing endpoint or credentials are refused at construction, naming the options", () => {
    expect(() => new OcpClient({ endpoint: emu.url })).toThrow(InvalidInputError);
    try {
      new OcpClient({ endpoint: emu.url });
    } catch (e) {
      expect((e as InvalidInputError).field).toBe("accessKeyId/accessKeySecret or username/password");
    }
    expect(() => new OcpClient({ endpoint: "", accessKeyId: AK, accessKeySecret: SK })).toThrow(/endpoint/);
    expect(() => new OcpClient({ endpoint: "ftp://x", accessKeyId: AK, accessKeySecret: SK })).toThrow(/endpoint/);
    expect(() => new OcpClient({ endpoint: emu.url, accessKeyId: AK })).toThrow(/accessKeySecret/);
    expect(() => new OcpClient({ endpoint: emu.url, username: "admin" })).toThrow(/password/);
  });

  test("a wrong secret or password → 401 AUTH error that never contains the secret", async () => {
    const secret = "wrong-sk-do-not-leak";
    const c = client({ accessKeySecret: secret });
    const e = await caught(c.getBackupAbility(1000005));
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject({ code: ErrorCodes.AUTH, httpStatus: 401, platform: "ocp", operation: "ocp.getBackupAbility", vendorCode: "60401" });
    expect(typeof e.requestId).toBe("string");
    for (const text of [e.message, JSON.stringify(e), inspect(e, { depth: 10 }), String(e.stack)]) expect(text).not.toContain(secret);
    for (const text of [JSON.stringify(c), inspect(c, { depth: 10, showHidden: true })]) expect(text).not.toContain(secret);

    const password = "wrong-password-do-not-leak";
    const b = client({ accessKeyId: undefined, accessKeySecret: undefined, username: "admin", password });
    const be = await caught(b.getBackupAbility(1000005));
    expect(be.code).toBe(ErrorCodes.AUTH);
    for (const text of [be.message, JSON.stringify(be), inspect(be, { depth: 10 }), JSON.stringify(b), inspect(b, { depth: 10, showHidden: true })]) {
      expect(text).not.toContain(password);
      expect(text).not.toContain(Buffer.from(`admin:${password}`).toString("base64"));
    }
  });

  test("a client clock 20 minutes off → CLOCK_SKEW", async () => {
    const skewed: Clock = { now: () => Date.now() + 20 * 60_000, sleep: systemClock.sleep };
    const e = await caught(client({ clock: skewed }).getBackupAbility(1000005));
    expect(e).toMatchObject({ code: ErrorCodes.CLOCK_SKEW, httpStatus: 401, vendorCode: "61401" });
    // A 401 from a server whose clock agrees with ours stays AUTH (see the wrong-secret test).
  });

  test("error envelopes map to typed errors with the vendor code, message and traceId", async () => {
    const c = client();
    const missing = await caught(c.modifyBackupStrategy(CLUSTER, seedStrategy()));
    expect(missing).toMatchObject({ code: ErrorCodes.NOT_FOUND, httpStatus: 404, vendorCode: "60404", retryable: false });
    expect(missing.vendorMessage).toContain("1000005");
    expect(missing.requestId).toMatch(/^[0-9a-f]{16}$/);
    expect(missing.message).toContain(missing.requestId);

    // The cluster's backup ability is a server-side rule the client cannot check before sending.
    const unsupported = await caught(c.createBackupStrategy({ clusterId: 1000006 }, logicalOssStrategy()));
    expect(unsupported).toMatchObject({ code: ErrorCodes.API, httpStatus: 400, vendorCode: "60400" });
    expect(unsupported.vendorMessage).toContain("backupMode");

    await emu.control.setDurations({ "ocp.taskMs": 0 });
    await c.createBackupStrategy(CLUSTER, seedStrategy());
    const exists = await caught(c.createBackupStrategy(CLUSTER, seedStrategy()));
    expect(exists).toMatchObject({ code: ErrorCodes.API, httpStatus: 409, vendorCode: "60409" });

    // A 2xx whose envelope says successful:false is an error too.
    await emu.control.addFault({
      method: "GET",
      path: "/backup/ability$",
      action: "status",
      status: 200,
      body: { successful: false, status: 500, traceId: "feedface00000001", error: { code: 60500, message: "internal", target: null, subErrors: [] } },
    });
    const unsuccessful = await caught(c.getBackupAbility(1000005));
    expect(unsuccessful).toMatchObject({ code: ErrorCodes.API, httpStatus: 200, vendorCode: "60500", requestId: "feedface00000001" });
  });

  test("beSuccessful:false under HTTP 200 → OcpBackupOperationError with errorCode and hint", async () => {
    const c = client();
    const created = await c.createBackupStrategy(CLUSTER, seedStrategy()); // its task runs for ocp.taskMs (3 s, frozen)
    const e = await caught(c.modifyBackupStrategy(CLUSTER, seedStrategy()));
    expect(e).toBeInstanceOf(OcpBackupOperationError);
    const op = e as OcpBackupOperationError;
    expect(op).toMatchObject({ code: ErrorCodes.API, httpStatus: 200, errorCode: "OB_BACKUP_TASK_RUNNING", obBackupTaskType: "MODIFY_BACKUP_STRATEGY" });
    expect(op.hint).toContain(String(created.taskIds[0]));
    expect(op.message).toContain("OB_BACKUP_TASK_RUNNING");

    // errorCode is an "Object" in the seed: a structured one is rendered as JSON.
    await emu.control.addFault({
      method: "DELETE",
      path: "backupStrategy$",
      action: "status",
      status: 200,
      body: {
        successful: true,
        status: 200,
        data: {
          obBackupTaskType: "DELETE_BACKUP_STRATEGY",
          backupObjectOpsResultList: [{ obBackupObjectList: [], beSuccessful: false, taskIdList: [], errorCode: { code: "X1" }, hint: null }],
        },
      },
    });
    const structured = await caught(c.deleteBackupStrategy(CLUSTER));
    expect(structured).toMatchObject({ errorCode: '{"code":"X1"}', hint: undefined });
  });

  test("waitForTasks follows tasks while the frozen emulator clock is advanced", async () => {
    const clock = new FakeClock({ start: Date.now() });
    const c = client({ clock, random: () => 0.5 });
    const op = await c.createBackupStrategy(CLUSTER, seedStrategy());
    const waiting = c.waitForTasks(op.taskIds, { deadline: 60_000, initialDelayMs: 1000 });
    await clock.nextSleep(); // first check done: RUNNING
    expect((await emu.control.requests()).filter((e) => e.path.startsWith("/api/v2/tasks/"))).toHaveLength(1);
    await emu.control.advance(3000);
    await clock.advanceToNextSleep();
    const tasks = await waiting;
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ id: op.taskIds[0], status: "SUCCESSFUL" });
    expect((await emu.control.requests()).filter((e) => e.path.startsWith("/api/v2/tasks/"))).toHaveLength(2);
  });

  test("waitForTasks gives up at its deadline while the task still runs", async () => {
    const clock = new FakeClock({ start: Date.now() });
    const c = client({ clock, random: () => 0.5 });
    const op = await c.createBackupStrategy(CLUSTER, seedStrategy());
    let settled = false;
    const waiting = c.waitForTasks(op.taskIds, { deadline: 5000, initialDelayMs: 1000 }).finally(() => (settled = true));
    waiting.catch(() => undefined);
    while (!settled) await Promise.race([waiting.catch(() => undefined), clock.advanceToNextSleep()]);
    const e = await caught(waiting);
    expect(e).toBeInstanceOf(DeadlineExceededError);
    expect(e.message).toContain("RUNNING");
  });

  test("a task that ends FAILED → OperationFailedError", async () => {
    await emu.control.setDurations({ "ocp.taskMs": 0 });
    const c = client();
    const s = seedStrategy();
    s.obBackupServiceStorageConfig.obBackupStorageBaseInfo.storageUrl = "/obbackup/emulator-fail-task/";
    const op = await c.createBackupStrategy(CLUSTER, s);
    const e = await caught(c.waitForTasks(op.taskIds, { deadline: 10_000 }));
    expect(e).toBeInstanceOf(OperationFailedError);
    expect(e.message).toContain(String(op.taskIds[0]));
  });

  test("429 with Retry-After on a GET is retried after the server's delay", async () => {
    const clock = new FakeClock({ start: Date.now(), auto: true });
    await emu.control.addFault({ method: "GET", path: "/backup/ability$", action: "status", status: 429, retryAfterSeconds: 2 });
    const r = await client({ clock }).getBackupAbility(1000005);
    expect(r.backupAbility).toBe("LOGICAL_AND_PHYSICAL");
    expect(clock.sleeps).toEqual([2000]);
    expect((await emu.control.requests()).map((e) => e.status)).toEqual([429, 200]);
  });

  test("a connection reset before the create POST is handled: not retried, nothing created", async () => {
    await emu.control.addFault({ method: "POST", path: "backupStrategy$", action: "reset-before" });
    const e = await caught(client().createBackupStrategy(CLUSTER, seedStrategy()));
    expect(e).toBeInstanceOf(NetworkError);
    expect((await emu.control.requests()).filter((r) => r.method === "POST")).toHaveLength(1);
    expect((await emu.control.objects())["ocp"].strategies).toEqual({});
  });

  test("a connection reset after the create POST ran: not retried, the strategy exists exactly once", async () => {
    await emu.control.addFault({ method: "POST", path: "backupStrategy$", action: "reset-after" });
    const c = client();
    const e = await caught(c.createBackupStrategy(CLUSTER, seedStrategy()));
    expect(e).toBeInstanceOf(NetworkError);
    expect((await emu.control.requests()).filter((r) => r.method === "POST")).toHaveLength(1);
    expect(Object.keys((await emu.control.objects())["ocp"].strategies)).toEqual(["1000005"]);
    expect(await c.getBackupStrategy(CLUSTER)).toMatchObject({ clusterId: 1000005 }); // what a caller looks up next
  });

  test("a malformed or mistyped 200 → InvalidResponseError naming the field", async () => {
    const c = client();
    await emu.control.addFault({ method: "GET", path: "/backup/ability$", action: "malformed" });
    expect(await caught(c.getBackupAbility(1000005))).toBeInstanceOf(InvalidResponseError);
    await emu.control.addFault({
      method: "GET",
      path: "/backup/ability$",
      action: "status",
      status: 200,
      body: { successful: true, data: { backupAbility: 5 } },
    });
    const e = await caught(c.getBackupAbility(1000005));
    expect(e).toBeInstanceOf(InvalidResponseError);
    expect((e as InvalidResponseError).field).toBe("data.backupAbility");
  });

  describe("bad input is refused before any request", () => {
    type Edit = (s: OcpBackupStrategyInput) => void;
    const strategyCases: Array<[string, Edit, string]> = [
      ["bad OffsetTime", (s) => (s.obBackupScheduleConfig.backupScheduleTime = "2:00"), "obBackupScheduleConfig.backupScheduleTime"],
      ["OffsetTime without offset", (s) => (s.obBackupScheduleConfig.backupScheduleTime = "02:00:00"), "obBackupScheduleConfig.backupScheduleTime"],
      ["OffsetTime offset +19:00", (s) => (s.obBackupScheduleConfig.backupScheduleTime = "02:00:00+19:00"), "obBackupScheduleConfig.backupScheduleTime"],
      ["bad cleanScheduleTime", (s) => Object.assign(s.obBackupScheduleConfig, { cleanEnabled: true, cleanScheduleTime: "25:00:00Z" }), "obBackupScheduleConfig.cleanScheduleTime"],
      ["retention without cleanEnabled", (s) => (s.obBackupScheduleConfig.backupDataRetentionDays = 7), "obBackupScheduleConfig.backupDataRetentionDays"],
      ["retention with cleanEnabled false", (s) => Object.assign(s.obBackupScheduleConfig, { cleanEnabled: false, backupDataRetentionDays: 7 }), "obBackupScheduleConfig.backupDataRetentionDays"],
      ["day 8 in WEEK mode", (s) => (s.obBackupScheduleConfig.dayAndDataBackupModelMap = { "8": "FULL_BACKUP" }), "obBackupScheduleConfig.dayAndDataBackupModelMap.8"],
      ["day 0 in WEEK mode", (s) => (s.obBackupScheduleConfig.dayAndDataBackupModelMap = { "0": "FULL_BACKUP" }), "obBackupScheduleConfig.dayAndDataBackupModelMap.0"],
      [
        "day 32 in MONTH mode",
        (s) => Object.assign(s.obBackupScheduleConfig, { backupScheduleMode: "MONTH", dayAndDataBackupModelMap: { "31": "FULL_BACKUP", "32": "FULL_BACKUP" } }),
        "obBackupScheduleConfig.dayAndDataBackupModelMap.32",
      ],
      ["no day", (s) => (s.obBackupScheduleConfig.dayAndDataBackupModelMap = {}), "obBackupScheduleConfig.dayAndDataBackupModelMap"],
      ["bad data backup model", (s) => (s.obBackupScheduleConfig.dayAndDataBackupModelMap = { "1": "DIFF" as "FULL_BACKUP" }), "obBackupScheduleConfig.dayAndDataBackupModelMap.1"],
      ["bad backupScheduleMode", (s) => (s.obBackupScheduleConfig.backupScheduleMode = "DAY" as "WEEK"), "obBackupScheduleConfig.backupScheduleMode"],
      ["bad backupMode", (s) => (s.backupMode = "SNAPSHOT" as "PHYSICAL_BACKUP"), "backupMode"],
      ["libObLogExpireDays with PHYSICAL_BACKUP", (s) => (s.obBackupThresholdConfig.libObLogExpireDays = 3), "obBackupThresholdConfig.libObLogExpireDays"],
      ["zero timeout", (s) => (s.obBackupThresholdConfig.dataBackupTimeoutMinutes = 0), "obBackupThresholdConfig.dataBackupTimeoutMinutes"],
      [
        "OSS keys with FILE storage",
        (s) => (s.obBackupServiceStorageConfig.obBackupStorageBaseInfo.ossAccessKey = { endpoint: "e", accessKeyId: "a", accessKeySecret: "s" }),
        "obBackupServiceStorageConfig.obBackupStorageBaseInfo.ossAccessKey",
      ],
      [
        "COS keys with OSS storage",
        (s) =>
          Object.assign(s.obBackupServiceStorageConfig.obBackupStorageBaseInfo, {
            backupStorageType: "BACKUP_STORAGE_OSS",
            ossAccessKey: { endpoint: "e", accessKeyId: "a", accessKeySecret: "s" },
            cosAccessKey: { endpoint: "e", accessKeyId: "a", accessKeySecret: "s", appId: "1" },
          }),
        "obBackupServiceStorageConfig.obBackupStorageBaseInfo.cosAccessKey",
      ],
      [
        "OSS storage without keys",
        (s) => (s.obBackupServiceStorageConfig.obBackupStorageBaseInfo.backupStorageType = "BACKUP_STORAGE_OSS"),
        "obBackupServiceStorageConfig.obBackupStorageBaseInfo.ossAccessKey",
      ],
      [
        "COS storage without keys (secondary storage)",
        (s) => (s.obSecondaryBackupConfig!.storageConfig.obBackupStorageBaseInfo.backupStorageType = "BACKUP_STORAGE_COS"),
        "obSecondaryBackupConfig.storageConfig.obBackupStorageBaseInfo.cosAccessKey",
      ],
      ["storageUrl with protocol", (s) => (s.obBackupServiceStorageConfig.obBackupStorageBaseInfo.storageUrl = "oss://bucket/backup"), "obBackupServiceStorageConfig.obBackupStorageBaseInfo.storageUrl"],
      ["empty storageUrl", (s) => (s.obBackupServiceStorageConfig.obBackupStorageBaseInfo.storageUrl = ""), "obBackupServiceStorageConfig.obBackupStorageBaseInfo.storageUrl"],
      ["alarm threshold 0", (s) => (s.obBackupServiceStorageConfig.alarmStoragePercentageThreshold = 0), "obBackupServiceStorageConfig.alarmStoragePercentageThreshold"],
      ["bad logSecondaryBackupPeriod", (s) => (s.obSecondaryBackupConfig!.scheduleConfig.logSecondaryBackupPeriod = "WEEKLY" as "ONCE_A_DAY"), "obSecondaryBackupConfig.scheduleConfig.logSecondaryBackupPeriod"],
      ["secondary enabled without config", (s) => delete s.obSecondaryBackupConfig, "obSecondaryBackupConfig"],
      ["secondary config while disabled", (s) => (s.secondaryBackupEnabled = false), "obSecondaryBackupConfig"],
      ["misspelled property", (s) => Object.assign(s.obBackupThresholdConfig, { dataBackupTimeoutMinute: 5 }), "obBackupThresholdConfig.dataBackupTimeoutMinute"],
      ["obBackupObjectList is the client's job", (s) => Object.assign(s, { obBackupObjectList: [] }), "obBackupObjectList"],
    ];
    test.each(strategyCases)("strategy: %s", async (_name, edit, field) => {
      const s = seedStrategy();
      edit(s);
      const c = client();
      for (const p of [c.createBackupStrategy(CLUSTER, s), c.modifyBackupStrategy(TENANT, s)]) {
        const e = await caught(p);
        expect(e).toBeInstanceOf(InvalidInputError);
        expect((e as InvalidInputError).field).toBe(field);
        expect(e.message.startsWith(`${field}: `)).toBe(true);
      }
      expect(await emu.control.requests()).toEqual([]);
    });

    test("the valid variants are accepted: OffsetTime forms, ONCE_A_DAY, MONTH day 31, COS with appId", async () => {
      await emu.control.setDurations({ "ocp.taskMs": 0 });
      const c = client();
      await c.createBackupStrategy(CLUSTER, seedStrategy());
      for (const time of ["02:00:00+08:00", "02:00:00Z", "23:59:59.999999999-12:00", "00:00:00+18:00"]) {
        const s = seedStrategy();
        s.obBackupScheduleConfig.backupScheduleTime = time;
        s.obSecondaryBackupConfig!.scheduleConfig.logSecondaryBackupPeriod = "ONCE_A_DAY";
        await c.modifyBackupStrategy(CLUSTER, s);
      }
      const cos = logicalOssStrategy();
      cos.obBackupServiceStorageConfig.configName = "备份配置-cos"; // non-ASCII body bytes: MD5 and signature over UTF-8
      cos.obBackupServiceStorageConfig.obBackupStorageBaseInfo = {
        backupStorageType: "BACKUP_STORAGE_COS",
        storageUrl: "bucket/backup",
        cosAccessKey: { endpoint: "cos.ap-shanghai.myqcloud.com", accessKeyId: "cos-ak", accessKeySecret: "cos-secret", appId: "1250000000" },
      };
      await c.createBackupStrategy(TENANT, cos);
      expect((await c.getBackupStrategy(TENANT))?.obBackupServiceStorageConfig.obBackupStorageBaseInfo.backupStorageType).toBe("BACKUP_STORAGE_COS");
    });

    const idCases: Array<[string, (c: OcpClient) => Promise<unknown>, string]> = [
      ["cluster id 0", (c) => c.getBackupStrategy({ clusterId: 0 }), "clusterId"],
      ["negative cluster id", (c) => c.createBackupStrategy({ clusterId: -5 }, seedStrategy()), "clusterId"],
      ["fractional cluster id", (c) => c.getBackupAbility(1.5), "clusterId"],
      ["unsafe integer cluster id", (c) => c.getBackupAbility(2 ** 60), "clusterId"],
      ["cluster id with '/'", (c) => c.deleteBackupStrategy({ clusterId: "1000005/tenants" }), "clusterId"],
      ["cluster id '..'", (c) => c.stopSchedule(".."), "clusterId"],
      ["empty cluster id", (c) => c.startSchedule(""), "clusterId"],
      ["tenant id with '/'", (c) => c.getBackupStrategy({ clusterId: 1000005, tenantId: "10/02" }), "tenantId"],
      ["tenant id 0", (c) => c.modifyBackupStrategy({ clusterId: 1000005, tenantId: 0 }, seedStrategy()), "tenantId"],
      ["task id with letters", (c) => c.getTask("30a"), "taskInstanceId"],
      ["task id 007", (c) => c.getTask("007"), "taskInstanceId"],
      ["waitForTasks with task id 0", (c) => c.waitForTasks([3000041, 0], { deadline: 1000 }), "taskIds.1"],
    ];
    test.each(idCases)("ids: %s", async (_name, run, field) => {
      const e = await caught(run(client()));
      expect(e).toBeInstanceOf(InvalidInputError);
      expect((e as InvalidInputError).field).toBe(field);
      expect(await emu.control.requests()).toEqual([]);
    });
  });
});
