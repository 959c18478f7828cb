// getBackupSets from the package root, as a program calls it: the stack config set the way @pulumi/pulumi hands it
// to a program, against the in-process emulator (frozen clock). Fixtures: obcluster-demo holds a cluster-level set
// (7 days ago) and a t-demo tenant set (2 days ago); TaurusDB instance …in01 has two automated backups.
import { getBackupSets } from "../../../provider/index";
import { InvalidArgumentsError } from "../../../provider/functions/arguments";
import { MissingConfigError } from "../../../provider/config";
import { TaurusDbClient } from "../../../sdk/taurusdb/client";
import { useEmulator } from "../../support/emulator";
import { DEMO, programStackConfig, setProgramConfig, withoutSettingsEnvironment } from "../../support/program-config";
import { rejection } from "../../support/rejection";

const OB_INSTANCE = "obcluster-demo";
const HW_INSTANCE = "d8e6ca5a624745bcb546a227aa3ae1cfin01";
const DAY = 86_400_000;
const SETS_PATH = `/api/v2/instances/${OB_INSTANCE}/backup/data/sets`;
const HW_LIST = `/v3/${DEMO.huawei.projectId}/backups`;
const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

describe("getBackupSets", () => {
  withoutSettingsEnvironment();
  const emu = useEmulator();
  beforeEach(() => setProgramConfig(programStackConfig(emu.url)));

  const requests = async (path: string): Promise<{ query: Record<string, string | string[]> }[]> =>
    (await emu.control.requests()).filter((r) => r.path === path && r.authorized);

  test("OceanBase Cloud: every set of the instance, newest first, in the common shape with the platform's fields", async () => {
    const { backupSets } = await getBackupSets({ platform: "oceanbase-cloud", instanceId: OB_INSTANCE });
    expect(backupSets.map((s) => s.id)).toEqual(["bak-demo0tenant", "bak-demo0cluster"]);
    const [tenantSet, clusterSet] = backupSets;
    expect(tenantSet).toMatchObject({
      platform: "oceanbase-cloud",
      instanceId: OB_INSTANCE,
      status: "DONE",
      type: "PHYSICAL_BACKUP",
      backupMode: "PHYSICAL_BACKUP",
      backupObjectType: "TENANT",
      tenantId: "t-demo",
      tenantName: "demo",
      triggerMode: "SCHEDULED",
      beginTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      endTime: expect.stringMatching(/Z$/),
      sizeBytes: Math.round(0.04 * 2 ** 30),
    });
    expect(clusterSet).toMatchObject({ backupObjectType: "CLUSTER", tenantId: "sys" });
    expect(clusterSet?.platform === "oceanbase-cloud" ? clusterSet.tenantBackupSets.map((t) => t.tenantId) : []).toEqual(["t-demo", "t-report"]);
    // Results are plain data: no undefined member, nothing but what the platform said.
    expect(JSON.parse(JSON.stringify(backupSets))).toEqual(backupSets);
  });

  test("OceanBase Cloud: startTime/endTime are sent as the API's filters; every page is fetched", async () => {
    const now = (await emu.control.clock()).now;
    const since = iso(now - 3 * DAY);
    expect((await getBackupSets({ platform: "oceanbase-cloud", instanceId: OB_INSTANCE, startTime: since })).backupSets.map((s) => s.id)).toEqual([
      "bak-demo0tenant",
    ]);
    const until = iso(now - 3 * DAY);
    expect((await getBackupSets({ platform: "oceanbase-cloud", instanceId: OB_INSTANCE, endTime: until })).backupSets.map((s) => s.id)).toEqual([
      "bak-demo0cluster",
    ]);
    const [first, second] = await requests(SETS_PATH);
    expect(first?.query).toMatchObject({ startTime: since, pageNumber: "1", pageSize: "100" });
    expect(second?.query).toMatchObject({ endTime: until });

    await emu.control.clearRequests();
    const paged = await getBackupSets({ platform: "oceanbase-cloud", instanceId: OB_INSTANCE, pageSize: 1, checkBackupSetDownloadEnable: true });
    expect(paged.backupSets.map((s) => s.id)).toEqual(["bak-demo0tenant", "bak-demo0cluster"]);
    expect((await requests(SETS_PATH)).map((r) => [r.query.pageNumber, r.query.pageSize, r.query.checkBackupSetDownloadEnable])).toEqual([
      ["1", "1", "true"],
      ["2", "1", "true"],
    ]);
  });

  test("TaurusDB: the project's backups with the API's filters, every page, times in ISO-8601 UTC", async () => {
    const client = new TaurusDbClient({ endpoint: emu.url, projectId: DEMO.huawei.projectId, accessKey: DEMO.huawei.accessKey, secretKey: DEMO.huawei.secretKey });
    try {
      await client.createBackup({ instanceId: HW_INSTANCE, name: "before-change", description: "functions test" });
    } finally {
      await client.close();
    }
    const all = await getBackupSets({ platform: "huawei-taurusdb", instanceId: HW_INSTANCE, limit: 2 });
    expect(all.backupSets.map((b) => (b.platform === "huawei-taurusdb" ? b.name : ""))).toEqual(["before-change", "autobackup-1", "autobackup-2"]);
    expect(all.backupSets[1]).toMatchObject({
      platform: "huawei-taurusdb",
      instanceId: HW_INSTANCE,
      instanceName: "taurus-demo",
      id: "6d4c6e3a-8f0b-4b7e-9a51-3c2f1e0d9a02",
      status: "COMPLETED",
      type: "auto",
      beginTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT19:00:00Z$/),
      endTime: expect.stringMatching(/T19:12:00Z$/),
      sizeBytes: 2010 * 2 ** 20,
      takeUpTimeMinutes: 12,
      datastore: { type: "gaussdb-mysql", version: "8.0" },
    });
    expect((await requests(HW_LIST)).map((r) => [r.query.offset, r.query.limit])).toEqual([
      ["0", "2"],
      ["2", "2"],
    ]);

    await emu.control.clearRequests();
    const manual = await getBackupSets({ platform: "huawei-taurusdb", backupType: "manual", name: "before-change" });
    expect(manual.backupSets.map((b) => b.status)).toEqual(["BUILDING"]);
    // From yesterday 18:00 UTC (before autobackup-1, after autobackup-2, whatever the time of day) to now.
    const now = (await emu.control.clock()).now;
    const window = { beginTime: iso(Math.floor(now / DAY) * DAY - DAY + 18 * 3_600_000), endTime: iso(now) };
    const recent = await getBackupSets({ platform: "huawei-taurusdb", instanceId: HW_INSTANCE, backupType: "auto", ...window });
    expect(recent.backupSets.map((b) => b.id)).toEqual(["6d4c6e3a-8f0b-4b7e-9a51-3c2f1e0d9a02"]);
    const [byName, byTime] = await requests(HW_LIST);
    expect(byName?.query).toMatchObject({ backup_type: "manual", name: "before-change" });
    expect(byName?.query).not.toHaveProperty("instance_id");
    expect(byTime?.query).toMatchObject({
      instance_id: HW_INSTANCE,
      backup_type: "auto",
      begin_time: `${window.beginTime.slice(0, 19)}+0000`,
      end_time: `${window.endTime.slice(0, 19)}+0000`,
    });
  });

  const BAD: [string, Record<string, unknown>, string][] = [
    ["no platform", { instanceId: OB_INSTANCE }, 'platform (absent) is required: "oceanbase-cloud" or "huawei-taurusdb"'],
    ["an unknown platform", { platform: "ocp", clusterId: 1 }, 'platform "ocp" must be: "oceanbase-cloud" or "huawei-taurusdb"'],
    ["no instanceId on OceanBase Cloud", { platform: "oceanbase-cloud" }, "instanceId (absent) is required"],
    ["an instanceId with '/'", { platform: "oceanbase-cloud", instanceId: "a/b" }, 'instanceId "a/b" must not contain'],
    ["a time with an offset", { platform: "oceanbase-cloud", instanceId: OB_INSTANCE, startTime: "2026-01-13T13:58:34+08:00" }, 'startTime "2026-01-13T13:58:34+08:00" must be an ISO-8601 UTC time'],
    ["bounds the wrong way round", { platform: "oceanbase-cloud", instanceId: OB_INSTANCE, startTime: "2026-01-14T00:00:00Z", endTime: "2026-01-13T00:00:00Z" }, 'endTime "2026-01-13T00:00:00Z" must not be before startTime'],
    ["a page size over 100", { platform: "oceanbase-cloud", instanceId: OB_INSTANCE, pageSize: 101 }, "pageSize 101 must be an integer from 1 to 100"],
    ["a TaurusDB argument on OceanBase Cloud", { platform: "oceanbase-cloud", instanceId: OB_INSTANCE, backupType: "auto" }, 'backupType "auto" is not an argument of getBackupSets on oceanbase-cloud'],
    ["a TaurusDB instance id of the wrong form", { platform: "huawei-taurusdb", instanceId: "abc" }, 'instanceId "abc" must be 32 letters or digits'],
    ["a backup type other than auto and manual", { platform: "huawei-taurusdb", backupType: "full" }, `backupType "full" must be 'auto' or 'manual'`],
    ["beginTime without endTime", { platform: "huawei-taurusdb", beginTime: "2026-01-13T00:00:00Z" }, "endTime (absent) is required with beginTime (the API takes the two together)"],
    ["a name TaurusDB cannot have", { platform: "huawei-taurusdb", name: "1x" }, 'name "1x" must be 4 to 64 characters'],
  ];

  test.each(BAD)("refuses %s before any request, naming property, value and rule", async (_what, args, expected) => {
    await emu.control.clearRequests();
    const e = await rejection(getBackupSets(args as never));
    expect(e).toBeInstanceOf(InvalidArgumentsError);
    expect(e.message).toContain("getBackupSets: invalid arguments, nothing was sent: ");
    expect(e.message).toContain(expected);
    expect(await emu.control.requests()).toEqual([]);
  });

  test("every broken rule is listed at once", async () => {
    const e = (await rejection(getBackupSets({ platform: "oceanbase-cloud", instanceId: "", pageSize: 0, startTime: "yesterday" } as never))) as InvalidArgumentsError;
    expect(e.failures.map((f) => f.property)).toEqual(["instanceId", "startTime", "pageSize"]);
  });

  test("missing credentials: an error naming the config key and the variable, before any request", async () => {
    setProgramConfig(programStackConfig(emu.url, { "dbbackup:oceanbaseAccessKeySecret": undefined }));
    await emu.control.clearRequests();
    const e = await rejection(getBackupSets({ platform: "oceanbase-cloud", instanceId: OB_INSTANCE }));
    expect(e).toBeInstanceOf(MissingConfigError);
    expect(e.message).toContain("dbbackup:oceanbaseAccessKeySecret");
    expect(e.message).toContain("OCEANBASE_ACCESS_KEY_SECRET");

    setProgramConfig(programStackConfig(emu.url, { "dbbackup:huaweiProjectId": undefined }));
    const hw = await rejection(getBackupSets({ platform: "huawei-taurusdb" }));
    expect(hw).toBeInstanceOf(MissingConfigError);
    expect((hw as MissingConfigError).keys).toEqual(["dbbackup:huaweiProjectId"]);
    expect(await emu.control.requests()).toEqual([]);
  });

  test("the environment stands in for a key the stack config lacks, as for the resources", async () => {
    setProgramConfig(programStackConfig(emu.url, { "dbbackup:huaweiAccessKey": undefined, "dbbackup:huaweiSecretKey": undefined }));
    process.env.HW_ACCESS_KEY = DEMO.huawei.accessKey;
    process.env.HW_SECRET_KEY = DEMO.huawei.secretKey;
    try {
      expect((await getBackupSets({ platform: "huawei-taurusdb", instanceId: HW_INSTANCE })).backupSets).toHaveLength(2);
    } finally {
      delete process.env.HW_ACCESS_KEY;
      delete process.env.HW_SECRET_KEY;
    }
  });

  test("a refused credential: the error names the keys to check and never the secret", async () => {
    const wrong = "not-the-right-secret-4711";
    setProgramConfig(programStackConfig(emu.url, { "dbbackup:oceanbaseAccessKeySecret": wrong }));
    const e = await rejection(getBackupSets({ platform: "oceanbase-cloud", instanceId: OB_INSTANCE }));
    expect(e.message).toMatch(/^getBackupSets: /);
    expect(e.message).toContain("check the credentials: dbbackup:oceanbaseAccessKeyId (OCEANBASE_ACCESS_KEY_ID), dbbackup:oceanbaseAccessKeySecret");
    expect((e as { code?: string }).code).toBe("DBB_ERR_AUTH");
    for (const text of [e.message, e.stack ?? "", JSON.stringify(e)]) expect(text).not.toContain(wrong);

    setProgramConfig(programStackConfig(emu.url));
    const result = JSON.stringify(await getBackupSets({ platform: "huawei-taurusdb" }));
    for (const secret of [DEMO.huawei.secretKey, DEMO.oceanbase.accessKeySecret]) expect(result).not.toContain(secret);
  });

  test("an instance the platform does not know: says so, with what to check", async () => {
    const e = await rejection(getBackupSets({ platform: "oceanbase-cloud", instanceId: "obcluster-nope" }));
    expect(e.message).toMatch(/^getBackupSets: /);
    expect(e.message).toContain("check instanceId and that dbbackup:oceanbaseEndpoint (OCEANBASE_ENDPOINT) points at the right platform");
  });
});
