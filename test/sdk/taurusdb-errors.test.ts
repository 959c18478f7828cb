// TaurusDbClient failure paths against the emulator: auth, clock skew, busy, throttling, lost
// connections around a create, and broken responses.
import { inspect } from "node:util";
import { ApiError, ErrorCodes, InvalidResponseError, NetworkError } from "../../sdk/errors";
import { TaurusDbClient, type TaurusDbClientOptions } from "../../sdk/taurusdb";
import { FakeClock } from "../support/fake-clock";
import { useEmulator } from "../support/emulator";

const PROJECT = "0483b6b16e954cb88930a360d2c4e663";
const OTHER_PROJECT = "9f0e1d2c3b4a59687766554433221100";
const INSTANCE = "d8e6ca5a624745bcb546a227aa3ae1cfin01";
const AK = "EMULATORAK0000000000";
const SK = "emulator-huawei-sk";
const FAMILY = "huawei-taurusdb";

describe("TaurusDbClient errors", () => {
  const emu = useEmulator();
  const clients: TaurusDbClient[] = [];
  let clock: FakeClock;
  const client = (overrides: Partial<TaurusDbClientOptions> = {}): TaurusDbClient => {
    const c = new TaurusDbClient({ endpoint: emu.url, projectId: PROJECT, accessKey: AK, secretKey: SK, clock, ...overrides });
    clients.push(c);
    return c;
  };
  beforeEach(() => {
    clock = new FakeClock({ start: Date.now(), auto: true });
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
  });
  const taurusRequests = async () => (await emu.control.requests()).filter((r) => r.family === FAMILY);
  const manualBackups = async (): Promise<Array<{ name: string }>> =>
    ((await emu.control.objects())[FAMILY].backups as Array<{ name: string; type: string }>).filter((b) => b.type === "manual");

  test("a wrong secret key is a 401 AUTH error that does not carry the secret", async () => {
    const secret = "wrong-secret-value-123";
    const c = client({ secretKey: secret });
    const err = await c.getBackupPolicy(INSTANCE).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: ErrorCodes.AUTH, httpStatus: 401, vendorCode: "APIG.0301", retryable: false });
    expect((err as ApiError).requestId).toMatch(/^[0-9a-f]{32}$/);
    expect(`${(err as Error).message} ${JSON.stringify(err)} ${inspect(err, { depth: 5 })}`).not.toContain(secret);
    expect(`${JSON.stringify(c)} ${inspect(c, { depth: 10, showHidden: true })}`).not.toContain(secret);
    expect((await taurusRequests()).map((r) => r.authorized)).toEqual([false]);
  });

  test("an unknown access key answers like a wrong signature", async () => {
    const err = await client({ accessKey: "UNKNOWNAK00000000000" }).getBackupPolicy(INSTANCE).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: ErrorCodes.AUTH, vendorCode: "APIG.0301" });
  });

  test("valid credentials used on another project's path are refused", async () => {
    const err = await client({ projectId: OTHER_PROJECT }).getBackupPolicy(INSTANCE).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: ErrorCodes.AUTH, httpStatus: 403 });
  });

  test("a client clock 20 minutes off gives CLOCK_SKEW, not retried; 10 minutes off is accepted", async () => {
    const skewed = client({ clock: new FakeClock({ start: Date.now() + 20 * 60_000, auto: true }) });
    const err = await skewed.getBackupPolicy(INSTANCE).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: ErrorCodes.CLOCK_SKEW, httpStatus: 401, vendorCode: "APIG.0303", retryable: false });
    expect(await taurusRequests()).toHaveLength(1);
    const slightly = client({ clock: new FakeClock({ start: Date.now() - 10 * 60_000, auto: true }) });
    await expect(slightly.getBackupPolicy(INSTANCE)).resolves.toHaveProperty("keepDays");
  });

  test("a second backup while one is BUILDING is a retryable BUSY error, and the POST is not resent", async () => {
    await emu.control.setDurations({ "taurusdb.backupMs": 600_000 });
    const c = client();
    await c.createBackup({ instanceId: INSTANCE, name: "first-one" });
    const err = await c.createBackup({ instanceId: INSTANCE, name: "second-one" }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: ErrorCodes.BUSY, httpStatus: 409, vendorCode: "DBS.201205", retryable: true });
    const posts = (await taurusRequests()).filter((r) => r.method === "POST");
    expect(posts.map((r) => r.status)).toEqual([200, 409]);
    expect(clock.sleeps).toEqual([]);
  });

  test("429 APIG.0308 with Retry-After on a GET is waited out and retried", async () => {
    await emu.control.addFault({ method: "GET", path: "/backups$", action: "status", status: 429, code: "APIG.0308", message: "The throttling threshold has been reached", retryAfterSeconds: 2 });
    const page = await client().listBackups({ instanceId: INSTANCE });
    expect(page.totalCount).toBe(2);
    expect((await taurusRequests()).map((r) => r.status)).toEqual([429, 200]);
    expect(clock.sleeps).toEqual([2_000]);
  });

  test("throttling that does not stop ends as a THROTTLED error after the attempts allowed (twice maxAttempts for 429s)", async () => {
    await emu.control.addFault({ method: "GET", path: "/backups$", action: "status", status: 429, code: "APIG.0308", message: "throttled", times: 10 });
    const err = await client({ retry: { maxAttempts: 3 } }).listBackups().catch((e: unknown) => e);
    expect(err).toMatchObject({ code: ErrorCodes.THROTTLED, vendorCode: "APIG.0308", retryable: true });
    expect(await taurusRequests()).toHaveLength(6);
  });

  test("connection reset before the create ran: NetworkError, not retried, no backup exists", async () => {
    await emu.control.addFault({ method: "POST", path: "/backups/create$", action: "reset-before" });
    const err = await client().createBackup({ instanceId: INSTANCE, name: "lost-before" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect(await taurusRequests()).toHaveLength(1);
    expect(await manualBackups()).toEqual([]);
  });

  test("connection reset after the create ran: NetworkError, not retried, exactly one backup, found by name", async () => {
    await emu.control.addFault({ method: "POST", path: "/backups/create$", action: "reset-after" });
    const c = client();
    const err = await c.createBackup({ instanceId: INSTANCE, name: "lost-after" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect((await taurusRequests()).filter((r) => r.method === "POST")).toHaveLength(1);
    expect((await manualBackups()).map((b) => b.name)).toEqual(["lost-after"]);
    expect((await c.findBackupsByName(INSTANCE, "lost-after")).map((b) => b.name)).toEqual(["lost-after"]);
  });

  test("a truncated body is an InvalidResponseError", async () => {
    await emu.control.addFault({ method: "GET", path: "/backups/policy$", action: "malformed" });
    const err = await client().getBackupPolicy(INSTANCE).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidResponseError);
  });

  test("a response missing a field is an InvalidResponseError naming it", async () => {
    const body = { backup: { name: "x-backup", begin_time: "2020-07-07T01:17:05+0800", status: "BUILDING", type: "manual", instance_id: INSTANCE } };
    await emu.control.addFault({ method: "POST", path: "/backups/create$", action: "status", status: 200, body });
    const err = await client().createBackup({ instanceId: INSTANCE, name: "x-backup" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidResponseError);
    expect((err as InvalidResponseError).field).toBe("backup.id");
  });

  test("a mistyped field is an InvalidResponseError naming it", async () => {
    await emu.control.addFault({ method: "GET", path: "/backups/policy$", action: "status", status: 200, body: { backup_policy: { keep_days: "7", start_time: "01:00-02:00", period: "1" } } });
    const err = await client().getBackupPolicy(INSTANCE).catch((e: unknown) => e);
    expect((err as InvalidResponseError).field).toBe("backup_policy.keep_days");
  });

  it("a status or type the docs do not list passes through instead of rejecting the whole page", async () => {
    const backup = (id: string, status: string, type: string) => ({
      id, name: `b-${id}`, begin_time: "2026-11-20T19:00:00+0000", status, type, instance_id: INSTANCE, size: 10,
    });
    await emu.control.addFault({
      method: "GET", path: "/backups$", action: "status", status: 200,
      body: { backups: [backup("a", "COMPLETED", "manual"), backup("b", "RESTORING", "incremental")], total_count: 2 },
    });
    const page = await client().listBackups({ instanceId: INSTANCE });
    expect(page.backups.map((b) => [b.id, b.status, b.type])).toEqual([["a", "COMPLETED", "manual"], ["b", "RESTORING", "incremental"]]);
  });
});
