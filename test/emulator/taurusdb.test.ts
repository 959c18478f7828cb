// The TaurusDB family of the emulator, driven with raw HTTP so requests the sdk would refuse (bad names,
// tampered signatures, other projects) reach it.
import { request as httpRequest } from "node:http";
import { huaweiAkSkAuth } from "../../sdk/auth/huawei-signer";
import type { HttpMethod, OutgoingRequest } from "../../sdk/transport/types";
import { useEmulator } from "../support/emulator";

const PROJECT = "0483b6b16e954cb88930a360d2c4e663";
const INSTANCE = "d8e6ca5a624745bcb546a227aa3ae1cfin01";
const TARGET = "5f1e3c9b2a7d4e6f8b0c1d2e3f4a5b6cin07";
const AK = "EMULATORAK0000000000";
const SK = "emulator-huawei-sk";
const FAMILY = "huawei-taurusdb";

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- assertions dig into vendor JSON
}

function send(req: OutgoingRequest): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const r = httpRequest(
      { host: req.url.hostname, port: req.url.port, method: req.method, path: `${req.url.pathname}${req.url.search}`, headers: req.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let body: unknown = text;
          try {
            body = JSON.parse(text);
          } catch {
            // not JSON: keep the text
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
        });
      },
    );
    r.on("error", reject);
    r.end(req.body);
  });
}

interface CallOptions {
  body?: unknown;
  signAt?: number;
  secretKey?: string;
  /** Changes the request after it was signed. */
  tamper?: (req: OutgoingRequest) => OutgoingRequest;
  unsigned?: boolean;
  headers?: Record<string, string>;
}

describe("emulator: huawei-taurusdb", () => {
  const emu = useEmulator();

  async function call(method: HttpMethod, path: string, opts: CallOptions = {}): Promise<Answer> {
    const body = opts.body === undefined ? undefined : typeof opts.body === "string" ? opts.body : JSON.stringify(opts.body);
    const req: OutgoingRequest = {
      method,
      url: new URL(path, emu.url),
      headers: { ...(body === undefined ? {} : { "content-type": "application/json" }), ...opts.headers },
      ...(body === undefined ? {} : { body }),
    };
    if (opts.unsigned) return send(req);
    const signAt = opts.signAt ?? Date.now();
    const auth = huaweiAkSkAuth({ accessKey: AK, secretKey: opts.secretKey ?? SK, clock: { now: () => signAt, sleep: async () => undefined } });
    let signed: OutgoingRequest | undefined;
    await auth.authenticate(req, async (r) => {
      signed = r;
      return { status: 0, headers: {}, body: "" };
    });
    return send(opts.tamper ? opts.tamper(signed as OutgoingRequest) : (signed as OutgoingRequest));
  }
  const v3 = (rest: string): string => `/v3/${PROJECT}${rest}`;
  const createBody = (name: string, extra: Record<string, unknown> = {}) => ({ instance_id: INSTANCE, name, ...extra });
  const offsiteBody = () => ({
    open_auto_backup: true,
    open_incremental_backup: true,
    destination_project_id: "1fa4b6c2d3e84f5a9b0c7d6e5f4a3b2c",
    destination_region: "cn-east-3",
    keep_days: 30,
  });

  describe("authentication", () => {
    test("an unsigned request is 401 APIG.0301 in Huawei's error shape with X-Request-Id", async () => {
      const res = await call("GET", v3("/backups"), { unsigned: true });
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ error_code: "APIG.0301", error_msg: expect.stringContaining("x-auth-token not found") });
      expect(res.headers["x-request-id"]).toMatch(/^[0-9a-f]{32}$/);
    });

    test("a correctly signed request passes; a body changed after signing does not", async () => {
      expect((await call("POST", v3("/backups/create"), { body: createBody("signed-ok") })).status).toBe(200);
      const tampered = await call("POST", v3("/backups/create"), {
        body: createBody("signed-two"),
        tamper: (r) => ({ ...r, body: JSON.stringify(createBody("signed-xxx")) }),
      });
      expect(tampered.status).toBe(401);
      expect(tampered.body.error_code).toBe("APIG.0301");
      expect(tampered.body.error_msg).toContain("verify aksk signature fail");
    });

    test("the query string is signed: changing it after signing fails", async () => {
      const res = await call("GET", v3("/backups?limit=1"), { tamper: (r) => ({ ...r, url: new URL(v3("/backups?limit=2"), emu.url) }) });
      expect(res.status).toBe(401);
    });

    test("a wrong secret key fails and the answer does not echo it", async () => {
      const res = await call("GET", v3("/backups"), { secretKey: "not-the-secret" });
      expect(res.status).toBe(401);
      expect(JSON.stringify(res.body)).not.toContain("not-the-secret");
    });

    test("host and x-sdk-date must be among the signed headers", async () => {
      const res = await call("GET", v3("/backups"), {
        tamper: (r) => ({ ...r, headers: { ...r.headers, authorization: (r.headers.authorization ?? "").replace("host;x-sdk-date", "x-sdk-date") } }),
      });
      expect(res.status).toBe(401);
      expect(res.body.error_msg).toContain("host");
    });

    test("X-Sdk-Date more than 15 minutes from the server's clock is 401 APIG.0303 'signature expired'", async () => {
      const late = await call("GET", v3("/backups"), { signAt: Date.now() - 16 * 60_000 });
      expect(late.status).toBe(401);
      expect(late.body.error_code).toBe("APIG.0303");
      expect(late.body.error_msg).toContain("signature expired");
      expect((await call("GET", v3("/backups"), { signAt: Date.now() + 14 * 60_000 })).status).toBe(200);
    });

    test("the project in the path must be the credential's", async () => {
      const res = await call("GET", "/v3/9f0e1d2c3b4a59687766554433221100/backups");
      expect(res.status).toBe(403);
      expect(res.body.error_code).toBe("APIG.0302");
    });

    test("an IAM token works in place of a signature; a wrong one does not", async () => {
      const ok = await call("GET", v3("/backups"), { unsigned: true, headers: { "x-auth-token": "emulator-huawei-iam-token" } });
      expect(ok.status).toBe(200);
      const bad = await call("GET", v3("/backups"), { unsigned: true, headers: { "x-auth-token": "forged" } });
      expect(bad.body).toEqual({ error_code: "APIG.0301", error_msg: expect.stringContaining("decrypt token fail") });
    });

    test("the secret key never appears in the emulator's objects", async () => {
      expect(JSON.stringify(await emu.control.objects())).not.toContain(SK);
    });
  });

  describe("manual backups", () => {
    test("both prefixes serve the same API", async () => {
      const a = await call("GET", v3("/backups"));
      const b = await call("GET", `/mysql/v3/${PROJECT}/backups`);
      expect(a.status).toBe(200);
      expect(b.body).toEqual(a.body);
      expect(a.body.total_count).toBe(2);
    });

    test.each([
      ["too short", "DBS.201210", createBody("abc")],
      ["starting with a digit", "DBS.201210", createBody("1abc")],
      ["with a dot", "DBS.201210", createBody("ab.cd")],
      ["65 characters", "DBS.201210", createBody("a".repeat(65))],
      ["description with &", "DBS.280127", createBody("good-name", { description: "a&b" })],
      ["description of 257 characters", "DBS.280127", createBody("good-name", { description: "d".repeat(257) })],
      ["malformed instance id", "DBS.200001", { instance_id: "xyz", name: "good-name" }],
      ["not JSON", "DBS.200001", "{"],
    ])("create refuses a body %s with 400 %s", async (_what, code, body) => {
      const res = await call("POST", v3("/backups/create"), { body });
      expect(res.status).toBe(400);
      expect(res.body.error_code).toBe(code);
    });

    test("a backup marked to fail (test hook) ends FAILED instead of COMPLETED once built", async () => {
      const created = await call("POST", v3("/backups/create"), { body: createBody("will-fail") });
      const id = created.body.backup.id as string;
      const state = (await emu.control.objects())[FAMILY];
      state.backups.find((b: { id: string }) => b.id === id).fails = true;
      await emu.control.replaceObjects(FAMILY, state);
      const statusNow = async (): Promise<string> => (await call("GET", v3(`/backups?instance_id=${INSTANCE}&backup_id=${id}`))).body.backups[0].status;
      expect(await statusNow()).toBe("BUILDING");
      await emu.control.advance(24 * 3_600_000);
      expect(await statusNow()).toBe("FAILED");
    });

    test("boundary names and descriptions are accepted", async () => {
      await emu.control.setDurations({ "taurusdb.backupMs": 0 });
      expect((await call("POST", v3("/backups/create"), { body: createBody("abcd") })).status).toBe(200);
      const long = await call("POST", v3("/backups/create"), { body: createBody(`A${"b_-1".repeat(15)}xyz`, { description: "d".repeat(256) }) });
      expect(long.status).toBe(200);
      expect(long.body.backup.name).toHaveLength(64);
    });

    test("an unknown instance is 404 DBS.200002", async () => {
      const res = await call("POST", v3("/backups/create"), { body: { instance_id: "00000000000000000000000000000000in01", name: "good-name" } });
      expect(res.status).toBe(404);
      expect(res.body.error_code).toBe("DBS.200002");
    });

    test("one backup at a time per instance (409 DBS.201205); names are unique per instance (409 DBS.201209)", async () => {
      await emu.control.setDurations({ "taurusdb.backupMs": 60_000 });
      const first = await call("POST", v3("/backups/create"), { body: createBody("backup-1") });
      expect(first.body.backup.status).toBe("BUILDING");
      const second = await call("POST", v3("/backups/create"), { body: createBody("backup-2") });
      expect([second.status, second.body.error_code]).toEqual([409, "DBS.201205"]);
      await emu.control.advance(60_000);
      const dup = await call("POST", v3("/backups/create"), { body: createBody("backup-1") });
      expect([dup.status, dup.body.error_code]).toEqual([409, "DBS.201209"]);
      expect((await call("POST", v3("/backups/create"), { body: createBody("backup-2") })).status).toBe(200);
    });

    test("a listed backup is BUILDING with size 0 and no end_time, then COMPLETED with its size in MB", async () => {
      await emu.control.setDurations({ "taurusdb.backupMs": 120_000 });
      const { body } = await call("POST", v3("/backups/create"), { body: createBody("watch-me") });
      const list = async () => (await call("GET", v3(`/backups?backup_id=${body.backup.id}`))).body.backups[0];
      const building = await list();
      expect(building).toMatchObject({ status: "BUILDING", size: 0, type: "manual", instance_name: "taurus-demo" });
      expect(building.end_time).toBeUndefined();
      await emu.control.advance(119_999);
      expect((await list()).status).toBe("BUILDING");
      await emu.control.advance(1);
      expect(await list()).toMatchObject({ status: "COMPLETED", size: 2048, take_up_time: 2, end_time: expect.stringMatching(/\+0000$/) });
    });

    test.each(["limit=0", "limit=101", "limit=x", "offset=-1", "backup_type=full", "begin_time=2020-01-01T00:00:00%2B0000"])(
      "list refuses %s with 400 DBS.200001",
      async (query) => {
        const res = await call("GET", v3(`/backups?${query}`));
        expect([res.status, res.body.error_code]).toEqual([400, "DBS.200001"]);
      },
    );

    test("list pages with offset and limit over the total", async () => {
      const page = await call("GET", v3(`/backups?instance_id=${INSTANCE}&offset=1&limit=1`));
      expect(page.body.total_count).toBe(2);
      expect(page.body.backups).toHaveLength(1);
      expect(page.body.backups[0].name).toBe("autobackup-2");
    });

    test("delete: automated → 400 DBS.200004, in progress → 409 DBS.201205, unknown → 404 DBS.280124, finished manual → 200", async () => {
      await emu.control.setDurations({ "taurusdb.backupMs": 10_000 });
      const autoId = (await call("GET", v3("/backups?backup_type=auto"))).body.backups[0].id;
      const auto = await call("DELETE", v3(`/backups/${autoId}`));
      expect([auto.status, auto.body.error_code]).toEqual([400, "DBS.200004"]);
      const { body } = await call("POST", v3("/backups/create"), { body: createBody("delete-me") });
      const busy = await call("DELETE", v3(`/backups/${body.backup.id}`));
      expect([busy.status, busy.body.error_code]).toEqual([409, "DBS.201205"]);
      await emu.control.advance(10_000);
      const done = await call("DELETE", v3(`/backups/${body.backup.id}`));
      expect(done.body).toEqual({ backup_id: body.backup.id, backup_name: "delete-me" });
      const gone = await call("DELETE", v3(`/backups/${body.backup.id}`));
      expect([gone.status, gone.body.error_code]).toEqual([404, "DBS.280124"]);
    });
  });

  describe("restore and jobs", () => {
    const autoBackupId = async (): Promise<string> => (await call("GET", v3("/backups?backup_type=auto"))).body.backups[0].id;

    test("a restoring instance is busy (409 DBS.212033) until its job completes", async () => {
      await emu.control.setDurations({ "taurusdb.jobVisibleAfterMs": 0, "taurusdb.jobPendingMs": 1_000, "taurusdb.restoreMs": 4_000 });
      const restore = await call("POST", v3("/instances/restore"), {
        body: { source_instance_id: INSTANCE, target_instance_id: TARGET, type: "backup", backup_id: await autoBackupId() },
      });
      expect(restore.status).toBe(200);
      const again = await call("POST", v3("/instances/restore"), {
        body: { source_instance_id: INSTANCE, target_instance_id: TARGET, type: "backup", backup_id: await autoBackupId() },
      });
      expect([again.status, again.body.error_code]).toEqual([409, "DBS.212033"]);
      const backup = await call("POST", v3("/backups/create"), { body: { instance_id: TARGET, name: "during-restore" } });
      expect([backup.status, backup.body.error_code]).toEqual([409, "DBS.212033"]);
      const job = async () => (await call("GET", v3(`/jobs?id=${restore.body.job_id}`))).body.job;
      expect(await job()).toMatchObject({ status: "Pending", process: "", instance: { id: TARGET, name: "taurus-restore-target" } });
      await emu.control.advance(3_000);
      expect(await job()).toMatchObject({ status: "Running", process: "50%" });
      await emu.control.advance(2_000);
      expect((await job()).status).toBe("Completed");
      expect((await call("POST", v3("/backups/create"), { body: { instance_id: TARGET, name: "after-restore" } })).status).toBe(200);
    });

    test("a new job id is not found until taurusdb.jobVisibleAfterMs passed", async () => {
      await emu.control.setDurations({ "taurusdb.jobVisibleAfterMs": 5_000 });
      const { body } = await call("POST", v3("/instances/restore"), {
        body: { source_instance_id: INSTANCE, target_instance_id: TARGET, type: "backup", backup_id: await autoBackupId() },
      });
      const early = await call("GET", v3(`/jobs?id=${body.job_id}`));
      expect([early.status, early.body.error_code]).toEqual([404, "DBS.280404"]);
      await emu.control.advance(5_000);
      expect((await call("GET", v3(`/jobs?id=${body.job_id}`))).status).toBe(200);
    });

    test.each([
      ["no type", { source_instance_id: INSTANCE, target_instance_id: TARGET }],
      ["backup without backup_id", { source_instance_id: INSTANCE, target_instance_id: TARGET, type: "backup" }],
      ["timestamp without restore_time", { source_instance_id: INSTANCE, target_instance_id: TARGET, type: "timestamp" }],
      ["restore_time as a string", { source_instance_id: INSTANCE, target_instance_id: TARGET, type: "timestamp", restore_time: "1700000000000" }],
      ["restore_time before any backup", { source_instance_id: INSTANCE, target_instance_id: TARGET, type: "timestamp", restore_time: 1_000 }],
    ])("restore refuses %s with 400", async (_what, body) => {
      const res = await call("POST", v3("/instances/restore"), { body });
      expect([res.status, res.body.error_code]).toEqual([400, "DBS.200001"]);
    });

    test("restore-time: one range from the first finished backup to now; a bad date is 400", async () => {
      const { body } = await call("GET", v3(`/instances/${INSTANCE}/restore-time`));
      expect(body.restore_times).toHaveLength(1);
      const now = (await emu.control.clock()).now;
      expect(body.restore_times[0].end_time).toBe(now);
      expect(body.restore_times[0].start_time).toBeLessThan(now);
      const bad = await call("GET", v3(`/instances/${INSTANCE}/restore-time?date=2024-13-01`));
      expect([bad.status, bad.body.error_code]).toEqual([400, "DBS.200001"]);
      const none = await call("GET", v3(`/instances/${TARGET}/restore-time`));
      expect(none.body).toEqual({ restore_times: [] });
    });

    test("restore-time between start_time and end_time (Unix ms): clamped to them; one alone or the wrong way round is 400; date wins", async () => {
      const now = (await emu.control.clock()).now;
      const [from, to] = [now - 3_600_000, now - 60_000];
      const between = await call("GET", v3(`/instances/${INSTANCE}/restore-time?start_time=${from}&end_time=${to}`));
      expect(between.body).toEqual({ restore_times: [{ start_time: from, end_time: to }] });
      for (const query of [`start_time=${from}`, `end_time=${to}`, `start_time=${to}&end_time=${from}`, `start_time=soon&end_time=${to}`]) {
        const bad = await call("GET", v3(`/instances/${INSTANCE}/restore-time?${query}`));
        expect([query, bad.status, bad.body.error_code]).toEqual([query, 400, "DBS.200001"]);
      }
      const day = new Date(now - 86_400_000).toISOString().slice(0, 10);
      const both = await call("GET", v3(`/instances/${INSTANCE}/restore-time?date=${day}&start_time=${from}&end_time=${to}`));
      expect(both.body.restore_times[0].start_time).toBe(Date.parse(`${day}T00:00:00Z`));
    });
  });

  describe("backup policy", () => {
    test.each([
      ["keep_days 0", { keep_days: 0, start_time: "01:00-02:00", period: "1" }, "DBS.280214"],
      ["keep_days 733", { keep_days: 733, start_time: "01:00-02:00", period: "1" }, "DBS.280214"],
      ["a two-hour window", { keep_days: 7, start_time: "01:00-03:00", period: "1" }, "DBS.280216"],
      ["minutes other than 00", { keep_days: 7, start_time: "01:30-02:30", period: "1" }, "DBS.280216"],
      ["period with day 0", { keep_days: 7, start_time: "01:00-02:00", period: "0,1" }, "DBS.200001"],
      ["period with a repeated day", { keep_days: 7, start_time: "01:00-02:00", period: "1,1" }, "DBS.200001"],
    ])("update refuses %s", async (_what, policy, code) => {
      const res = await call("PUT", v3(`/instances/${INSTANCE}/backups/policy/update`), { body: { backup_policy: policy } });
      expect([res.status, res.body.error_code]).toEqual([400, code]);
      expect((await call("GET", v3(`/instances/${INSTANCE}/backups/policy`))).body.backup_policy.keep_days).toBe(7);
    });

    test("a window across midnight is one hour too", async () => {
      const res = await call("PUT", v3(`/instances/${INSTANCE}/backups/policy/update`), {
        body: { backup_policy: { keep_days: 732, start_time: "23:00-00:00", period: "7" } },
      });
      expect(res.body).toEqual({ status: "BUILDING", instance_id: INSTANCE, instance_name: "taurus-demo" });
    });

    test("an update is applied for taurusdb.policyApplyMs: the instance is MODIFYING and refuses another change with 409 DBS.200019", async () => {
      const detail = async () => (await call("GET", v3(`/instances/${INSTANCE}`))).body.instance;
      expect(await detail()).toMatchObject({ id: INSTANCE, name: "taurus-demo", status: "ACTIVE", backup_strategy: { start_time: "19:00-20:00", keep_days: "7" } });
      const policy = { keep_days: 14, start_time: "01:00-02:00", period: "1,3,5", retention_num_backup_level1: 1 };
      expect((await call("PUT", v3(`/instances/${INSTANCE}/backups/policy/update`), { body: { backup_policy: policy } })).body.status).toBe("BUILDING");
      expect((await detail()).status).toBe("MODIFYING");
      const again = await call("PUT", v3(`/instances/${INSTANCE}/backups/policy/update`), { body: { backup_policy: policy } });
      expect([again.status, again.body.error_code]).toEqual([409, "DBS.200019"]);
      const offsite = await call("PUT", v3(`/instances/${INSTANCE}/backups/offsite-policy`), { body: { backup_policy: offsiteBody() } });
      expect([offsite.status, offsite.body.error_code]).toEqual([409, "DBS.200019"]);
      await emu.control.advance(10_000);
      expect(await detail()).toMatchObject({ status: "ACTIVE", backup_strategy: { keep_days: "14" } });
      expect((await call("GET", v3(`/instances/${INSTANCE}/backups/policy`))).body.backup_policy).toEqual(policy);
      // Left out, the level-1 retention stays as it was; 0 and 1 are its only values.
      await call("PUT", v3(`/instances/${INSTANCE}/backups/policy/update`), { body: { backup_policy: { keep_days: 7, start_time: "01:00-02:00", period: "1" } } });
      await emu.control.advance(10_000);
      expect((await call("GET", v3(`/instances/${INSTANCE}/backups/policy`))).body.backup_policy).toMatchObject({ keep_days: 7, retention_num_backup_level1: 1 });
      const two = await call("PUT", v3(`/instances/${INSTANCE}/backups/policy/update`), { body: { backup_policy: { ...policy, retention_num_backup_level1: 2 } } });
      expect([two.status, two.body.error_code]).toEqual([400, "DBS.200001"]);
    });

    test("a manual backup being built makes the instance BACKING UP and a policy change answer busy", async () => {
      expect((await call("POST", v3("/backups/create"), { body: createBody("busy-maker") })).status).toBe(200);
      expect((await call("GET", v3(`/instances/${INSTANCE}`))).body.instance.status).toBe("BACKING UP");
      const res = await call("PUT", v3(`/instances/${INSTANCE}/backups/policy/update`), { body: { backup_policy: { keep_days: 7, start_time: "01:00-02:00", period: "1" } } });
      expect([res.status, res.body.error_code]).toEqual([409, "DBS.201205"]);
    });

    test("instance detail: an unknown instance is 404 DBS.200002", async () => {
      const res = await call("GET", v3("/instances/00000000000000000000000000000000in07"));
      expect([res.status, res.body.error_code]).toEqual([404, "DBS.200002"]);
    });
  });

  describe("cross-region (offsite) backup policy", () => {
    const put = (policy: unknown) => call("PUT", v3(`/instances/${INSTANCE}/backups/offsite-policy`), { body: { backup_policy: policy } });
    const stored = async () => (await emu.control.objects())[FAMILY].instances[INSTANCE].offsitePolicy;

    test("all five fields are required; keep_days 1-1825; incremental only with auto; answers result SUCCESS and is stored", async () => {
      for (const field of ["open_auto_backup", "open_incremental_backup", "destination_project_id", "destination_region", "keep_days"]) {
        const res = await put({ ...offsiteBody(), [field]: undefined });
        expect([res.status, res.body.error_code, res.body.error_msg]).toEqual([400, "DBS.200001", expect.stringContaining(field)]);
      }
      expect((await put({ ...offsiteBody(), keep_days: 1826 })).body.error_code).toBe("DBS.280214");
      expect((await put({ ...offsiteBody(), keep_days: 0 })).body.error_code).toBe("DBS.280214");
      expect((await put({ ...offsiteBody(), open_auto_backup: false, open_incremental_backup: true })).status).toBe(400);
      expect((await put({ ...offsiteBody(), destination_project_id: "short" })).status).toBe(400);
      expect(await stored()).toBeUndefined();
      const ok = await put(offsiteBody());
      expect([ok.status, ok.body]).toEqual([200, { result: "SUCCESS" }]);
      expect(await stored()).toEqual(offsiteBody());
    });

    test("there is no read of it", async () => {
      const res = await call("GET", v3(`/instances/${INSTANCE}/backups/offsite-policy`));
      expect(res.status).toBe(405);
    });
  });

  describe("error bodies from the core", () => {
    test("an unknown path is 404 APIG.0101; an injected 429 defaults to APIG.0308", async () => {
      const miss = await call("GET", v3("/no-such-api"));
      expect([miss.status, miss.body.error_code]).toEqual([404, "APIG.0101"]);
      await emu.control.addFault({ path: "/backups$", action: "status", status: 429, retryAfterSeconds: 1 });
      const throttled = await call("GET", v3("/backups"));
      expect([throttled.status, throttled.body.error_code, throttled.headers["retry-after"]]).toEqual([429, "APIG.0308", "1"]);
      const log = (await emu.control.requests()).filter((r) => r.family === FAMILY);
      expect(log.map((r) => r.status)).toEqual([404, 429]);
    });
  });
});
