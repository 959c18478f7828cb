// TaurusDbClient against the emulator: every operation, pagination, async statuses, and input refused
// before anything is sent.
import { ApiError, ErrorCodes, InvalidInputError } from "../../sdk/errors";
import { TaurusDbClient, type TaurusDbClientOptions } from "../../sdk/taurusdb";
import { FakeClock } from "../support/fake-clock";
import { useEmulator } from "../support/emulator";

const PROJECT = "0483b6b16e954cb88930a360d2c4e663";
const INSTANCE = "d8e6ca5a624745bcb546a227aa3ae1cfin01";
const TARGET = "5f1e3c9b2a7d4e6f8b0c1d2e3f4a5b6cin07";
const AK = "EMULATORAK0000000000";
const SK = "emulator-huawei-sk";
const FAMILY = "huawei-taurusdb";
const offsite = { openAutoBackup: true, openIncrementalBackup: false, destinationProjectId: "1fa4b6c2d3e84f5a9b0c7d6e5f4a3b2c", destinationRegion: "cn-east-3", keepDays: 90 };

describe("TaurusDbClient against the emulator", () => {
  const emu = useEmulator();
  const clients: TaurusDbClient[] = [];
  const client = (overrides: Partial<TaurusDbClientOptions> = {}): TaurusDbClient => {
    const c = new TaurusDbClient({
      endpoint: emu.url,
      projectId: PROJECT,
      accessKey: AK,
      secretKey: SK,
      clock: new FakeClock({ start: Date.now(), auto: true }),
      ...overrides,
    });
    clients.push(c);
    return c;
  };
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
  });
  const taurusRequests = async () => (await emu.control.requests()).filter((r) => r.family === FAMILY);
  const manualBackups = async (): Promise<Array<{ name: string }>> =>
    ((await emu.control.objects())[FAMILY].backups as Array<{ name: string; type: string }>).filter((b) => b.type === "manual");

  test("createBackup answers BUILDING; the backup completes after taurusdb.backupMs with end time and size in MB", async () => {
    await emu.control.setDurations({ "taurusdb.backupMs": 60_000 });
    const c = client();
    const created = await c.createBackup({ instanceId: INSTANCE, name: "before-migration", description: "taken by pulumi" });
    expect(created).toMatchObject({ name: "before-migration", description: "taken by pulumi", status: "BUILDING", type: "manual", instanceId: INSTANCE });
    expect(created.beginTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0000$/);

    const building = await c.findBackup(INSTANCE, created.id);
    expect(building).toMatchObject({ status: "BUILDING", size: 0 });
    expect(building?.endTime).toBeUndefined();

    await emu.control.advance(60_000);
    const done = await c.findBackup(INSTANCE, created.id);
    expect(done).toMatchObject({ id: created.id, status: "COMPLETED", size: 2048, takeUpTime: 1, instanceName: "taurus-demo" });
    expect(done?.endTime).toBeDefined();
    expect(done?.datastore).toEqual({ type: "gaussdb-mysql", version: "8.0" });
  });

  test("the historical /mysql/v3 prefix and IAM token auth reach the same API", async () => {
    const c = client({ pathPrefix: "/mysql/v3", accessKey: undefined, secretKey: undefined, token: "emulator-huawei-iam-token" });
    const policy = await c.getBackupPolicy(INSTANCE);
    expect(policy.keepDays).toBe(7);
    const [req] = await taurusRequests();
    expect(req?.path).toBe(`/mysql/v3/${PROJECT}/instances/${INSTANCE}/backups/policy`);
  });

  test("listBackups filters by type and pages with offset/limit; newest first", async () => {
    await emu.control.setDurations({ "taurusdb.backupMs": 0 });
    const c = client();
    for (const name of ["manual-one", "manual-two", "manual-three"]) {
      await emu.control.advance(1_000);
      await c.createBackup({ instanceId: INSTANCE, name });
    }
    const auto = await c.listBackups({ instanceId: INSTANCE, backupType: "auto" });
    expect(auto.totalCount).toBe(2);
    expect(auto.backups.every((b) => b.type === "auto" && b.status === "COMPLETED")).toBe(true);

    const page = await c.listBackups({ instanceId: INSTANCE, backupType: "manual", offset: 1, limit: 1 });
    expect(page.totalCount).toBe(3);
    expect(page.backups.map((b) => b.name)).toEqual(["manual-two"]);

    const byName = await c.findBackupsByName(INSTANCE, "manual-one");
    expect(byName.map((b) => b.name)).toEqual(["manual-one"]);
  });

  test("listBackups with a time window keeps the backups that began in it", async () => {
    const c = client();
    const all = await c.listAllBackups({ instanceId: INSTANCE });
    const newest = all[0];
    expect(newest).toBeDefined();
    const began = Date.parse((newest?.beginTime ?? "").replace("+0000", "Z"));
    const window = await c.listBackups({ instanceId: INSTANCE, beginTime: new Date(began - 1_000), endTime: began + 1_000 });
    expect(window.backups.map((b) => b.id)).toEqual([newest?.id]);
  });

  test("listAllBackups follows every page of 100", async () => {
    const state = (await emu.control.objects())[FAMILY] as { backups: Array<Record<string, unknown>> };
    const base = Date.now() - 10 * 86_400_000;
    for (let i = 0; i < 203; i++) {
      state.backups.push({ id: `bulk-${i}`, name: `bulk-${i}`, instanceId: INSTANCE, type: "manual", beganAt: base + i, completesAt: base + i, sizeMb: 1 });
    }
    await emu.control.replaceObjects(FAMILY, state);
    const c = client();
    const all = await c.listAllBackups({ instanceId: INSTANCE });
    expect(all).toHaveLength(205);
    expect(new Set(all.map((b) => b.id)).size).toBe(205);
    const offsets = (await taurusRequests()).map((r) => r.query.offset);
    expect(offsets).toEqual(["0", "100", "200"]);
  });

  test("findBackup answers undefined for an unknown id", async () => {
    expect(await client().findBackup(INSTANCE, "0b5c2a8e-0000-4000-8000-000000000000")).toBeUndefined();
  });

  test("deleteBackup removes a finished manual backup; deleting it again is NOT_FOUND", async () => {
    await emu.control.setDurations({ "taurusdb.backupMs": 0 });
    const c = client();
    const created = await c.createBackup({ instanceId: INSTANCE, name: "to-delete" });
    await expect(c.deleteBackup(created.id)).resolves.toEqual({ backupId: created.id, backupName: "to-delete" });
    expect(await c.findBackup(INSTANCE, created.id)).toBeUndefined();
    const again = await c.deleteBackup(created.id).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(ApiError);
    expect(again).toMatchObject({ code: ErrorCodes.NOT_FOUND, httpStatus: 404, retryable: false });
  });

  test("deleting an automated backup or one still BUILDING is refused", async () => {
    await emu.control.setDurations({ "taurusdb.backupMs": 60_000 });
    const c = client();
    const [auto] = (await c.listBackups({ instanceId: INSTANCE, backupType: "auto" })).backups;
    const autoErr = await c.deleteBackup(auto?.id ?? "").catch((e: unknown) => e);
    expect(autoErr).toMatchObject({ code: ErrorCodes.API, httpStatus: 400, vendorCode: "DBS.200004" });
    const building = await c.createBackup({ instanceId: INSTANCE, name: "in-progress" });
    const busy = await c.deleteBackup(building.id).catch((e: unknown) => e);
    expect(busy).toMatchObject({ code: ErrorCodes.BUSY, retryable: true, vendorCode: "DBS.201205" });
  });

  test("restore from a backup returns a job that is first not found, then Pending, Running, Completed", async () => {
    await emu.control.setDurations({ "taurusdb.jobVisibleAfterMs": 1_000, "taurusdb.jobPendingMs": 2_000, "taurusdb.restoreMs": 5_000 });
    const c = client();
    const [auto] = (await c.listBackups({ instanceId: INSTANCE, backupType: "auto" })).backups;
    const { jobId } = await c.restore({ type: "backup", sourceInstanceId: INSTANCE, targetInstanceId: TARGET, backupId: auto?.id ?? "" });
    const missing = await c.getJob(jobId).catch((e: unknown) => e);
    expect(missing).toMatchObject({ code: ErrorCodes.NOT_FOUND });
    await emu.control.advance(1_000);
    expect(await c.getJob(jobId)).toMatchObject({ id: jobId, status: "Pending", instance: { id: TARGET } });
    await emu.control.advance(1_000);
    expect((await c.getJob(jobId)).status).toBe("Running");
    await emu.control.advance(5_000);
    const done = await c.getJob(jobId);
    expect(done.status).toBe("Completed");
    expect(done.ended).toBeDefined();
  });

  test("restore to a point in time inside the restorable range; outside it is refused by the server", async () => {
    const c = client();
    const ranges = await c.getRestoreTimes(INSTANCE);
    expect(ranges).toHaveLength(1);
    const [range] = ranges;
    expect(range !== undefined && range.startTime < range.endTime).toBe(true);
    const inside = Math.floor(((range?.startTime ?? 0) + (range?.endTime ?? 0)) / 2);
    await expect(c.restore({ type: "timestamp", sourceInstanceId: INSTANCE, targetInstanceId: TARGET, restoreTime: new Date(inside) })).resolves.toHaveProperty("jobId");
    const outside = await c
      .restore({ type: "timestamp", sourceInstanceId: INSTANCE, targetInstanceId: INSTANCE, restoreTime: (range?.startTime ?? 0) - 60_000 })
      .catch((e: unknown) => e);
    expect(outside).toMatchObject({ code: ErrorCodes.API, httpStatus: 400, vendorCode: "DBS.200001" });
  });

  test("getRestoreTimes for one day is clamped to that UTC day", async () => {
    const c = client();
    const [range] = await c.getRestoreTimes(INSTANCE);
    const firstDay = new Date(range?.startTime ?? 0).toISOString().slice(0, 10);
    const [day] = await c.getRestoreTimes(INSTANCE, firstDay);
    expect(day?.startTime).toBe(range?.startTime);
    expect(day?.endTime).toBe(Date.parse(`${firstDay}T00:00:00Z`) + 86_400_000 - 1);
    expect(await c.getRestoreTimes(INSTANCE, "2001-01-01")).toEqual([]);
  });

  test("getBackupPolicy and updateBackupPolicy", async () => {
    const c = client();
    expect(await c.getBackupPolicy(INSTANCE)).toEqual({ keepDays: 7, startTime: "19:00-20:00", period: "1,2,3,4,5,6,7" });
    const updated = await c.updateBackupPolicy(INSTANCE, { keepDays: 14, startTime: "23:00-00:00", period: "1,3,5" });
    expect(updated).toEqual({ status: "BUILDING", instanceId: INSTANCE, instanceName: "taurus-demo" });
    expect(await c.getBackupPolicy(INSTANCE)).toEqual({ keepDays: 14, startTime: "23:00-00:00", period: "1,3,5" });
    const [, put] = await taurusRequests();
    expect(put?.body).toEqual({ backup_policy: { keep_days: 14, start_time: "23:00-00:00", period: "1,3,5" } });
  });

  test("getInstance tells the status; setOffsitePolicy sends all five fields and answers SUCCESS; a level-1 retention is sent when given", async () => {
    const c = client();
    expect(await c.getInstance(INSTANCE)).toEqual({ id: INSTANCE, name: "taurus-demo", status: "ACTIVE" });
    await c.updateBackupPolicy(INSTANCE, { keepDays: 10, startTime: "01:00-02:00", period: "1", retentionNumBackupLevel1: 1 });
    expect((await c.getInstance(INSTANCE)).status).toBe("MODIFYING");
    const busy = await c.setOffsitePolicy(INSTANCE, offsite).catch((e: unknown) => e);
    expect(busy).toMatchObject({ code: ErrorCodes.BUSY, httpStatus: 409, vendorCode: "DBS.200019" });
    await emu.control.advance(10_000);
    expect(await c.setOffsitePolicy(INSTANCE, offsite)).toEqual({ result: "SUCCESS" });
    const puts = (await taurusRequests()).filter((r) => r.method === "PUT");
    expect(puts[0]?.body).toEqual({ backup_policy: { keep_days: 10, start_time: "01:00-02:00", period: "1", retention_num_backup_level1: 1 } });
    expect(puts.at(-1)?.body).toEqual({
      backup_policy: { open_auto_backup: true, open_incremental_backup: false, destination_project_id: offsite.destinationProjectId, destination_region: "cn-east-3", keep_days: 90 },
    });
    expect((await emu.control.objects())[FAMILY].instances[INSTANCE].offsitePolicy).toMatchObject({ keep_days: 90 });
    const missing = await c.getInstance("00000000000000000000000000000000in07").catch((e: unknown) => e);
    expect(missing).toMatchObject({ code: ErrorCodes.NOT_FOUND, vendorCode: "DBS.200002" });
  });

  test("setOffsitePolicy fails unless the answer is SUCCESS; a lost answer is sent again (a setting, not an object)", async () => {
    const c = client({ retry: { baseDelayMs: 1, maxDelayMs: 2 } });
    await emu.control.addFault({ method: "PUT", path: "/offsite-policy$", action: "status", status: 200, body: { result: "FAILED" } });
    await expect(c.setOffsitePolicy(INSTANCE, offsite)).rejects.toMatchObject({ code: ErrorCodes.OPERATION_FAILED, message: expect.stringContaining('"FAILED"') });
    await emu.control.setDurations({ "taurusdb.policyApplyMs": 0 });
    await emu.control.addFault({ method: "PUT", path: "/offsite-policy$", action: "reset-after" });
    expect(await c.setOffsitePolicy(INSTANCE, offsite)).toEqual({ result: "SUCCESS" });
    const puts = (await taurusRequests()).filter((r) => r.method === "PUT").map((r) => r.status);
    expect(puts.slice(-2)).toEqual(["reset", 200]);
  });

  test("bad input is refused with InvalidInputError before any request is sent", async () => {
    const c = client();
    const cases: Array<[string, () => Promise<unknown>]> = [
      ["name", () => c.createBackup({ instanceId: INSTANCE, name: "abc" })],
      ["name", () => c.createBackup({ instanceId: INSTANCE, name: "1backup" })],
      ["name", () => c.createBackup({ instanceId: INSTANCE, name: "back.up" })],
      ["name", () => c.createBackup({ instanceId: INSTANCE, name: "b".repeat(65) })],
      ["description", () => c.createBackup({ instanceId: INSTANCE, name: "backup-1", description: "a & b" })],
      ["description", () => c.createBackup({ instanceId: INSTANCE, name: "backup-1", description: "x".repeat(257) })],
      ["instanceId", () => c.createBackup({ instanceId: `${INSTANCE}/x`, name: "backup-1" })],
      ["instanceId", () => c.createBackup({ instanceId: "..", name: "backup-1" })],
      ["instanceId", () => c.createBackup({ instanceId: "", name: "backup-1" })],
      ["instanceId", () => c.getBackupPolicy("d8e6ca5a624745bcb546a227aa3ae1cf")],
      ["instanceId", () => c.getInstance("nope")],
      ["retentionNumBackupLevel1", () => c.updateBackupPolicy(INSTANCE, { keepDays: 7, startTime: "01:00-02:00", period: "1", retentionNumBackupLevel1: 2 })],
      ["keepDays", () => c.setOffsitePolicy(INSTANCE, { ...offsite, keepDays: 1826 })],
      ["openIncrementalBackup", () => c.setOffsitePolicy(INSTANCE, { ...offsite, openAutoBackup: false, openIncrementalBackup: true })],
      ["destinationProjectId", () => c.setOffsitePolicy(INSTANCE, { ...offsite, destinationProjectId: "p" })],
      ["destinationRegion", () => c.setOffsitePolicy(INSTANCE, { ...offsite, destinationRegion: "East 3" })],
      ["limit", () => c.listBackups({ limit: 0 })],
      ["limit", () => c.listBackups({ limit: 101 })],
      ["offset", () => c.listBackups({ offset: -1 })],
      ["endTime", () => c.listBackups({ beginTime: new Date() })],
      ["backupId", () => c.deleteBackup("../etc")],
      ["backupId", () => c.deleteBackup("")],
      ["jobId", () => c.getJob("a/b")],
      ["date", () => c.getRestoreTimes(INSTANCE, "2024-02-30")],
      ["restoreTime", () => c.restore({ type: "timestamp", sourceInstanceId: INSTANCE, targetInstanceId: TARGET, restoreTime: -5 })],
      ["keepDays", () => c.updateBackupPolicy(INSTANCE, { keepDays: 733, startTime: "01:00-02:00", period: "1" })],
      ["startTime", () => c.updateBackupPolicy(INSTANCE, { keepDays: 7, startTime: "01:00-03:00", period: "1" })],
      ["startTime", () => c.updateBackupPolicy(INSTANCE, { keepDays: 7, startTime: "01:30-02:30", period: "1" })],
      ["period", () => c.updateBackupPolicy(INSTANCE, { keepDays: 7, startTime: "01:00-02:00", period: "1,8" })],
      ["period", () => c.updateBackupPolicy(INSTANCE, { keepDays: 7, startTime: "01:00-02:00", period: "2,2" })],
    ];
    for (const [field, run] of cases) {
      const err = await run().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InvalidInputError);
      expect((err as InvalidInputError).field).toBe(field);
    }
    expect(await taurusRequests()).toEqual([]);
    expect(await manualBackups()).toEqual([]);
  });

  test("client options are checked at construction", () => {
    const base = { projectId: PROJECT, accessKey: AK, secretKey: SK };
    expect(() => new TaurusDbClient({ ...base })).toThrow(/region/);
    expect(() => new TaurusDbClient({ ...base, region: "cn-north-4", projectId: "0483b6b1/e954cb88930a360d2c4e663" })).toThrow(InvalidInputError);
    expect(() => new TaurusDbClient({ ...base, region: "cn-north-4", projectId: "short" })).toThrow(/32 letters/);
    expect(() => new TaurusDbClient({ ...base, endpoint: emu.url, pathPrefix: "/v3/../x" })).toThrow(/pathPrefix/);
    expect(() => new TaurusDbClient({ ...base, endpoint: emu.url, token: "t" })).toThrow(/not both/);
    expect(() => new TaurusDbClient({ projectId: PROJECT, endpoint: emu.url })).toThrow(/accessKey/);
    expect(() => new TaurusDbClient({ ...base, endpoint: emu.url, secretKey: undefined })).toThrow(/secretKey/);
  });
});
