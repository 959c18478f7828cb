// getRestoreWindows from the package root, as a program calls it, against the in-process emulator (frozen clock).
// Fixtures: on obcluster-demo, t-demo is restorable from 7 to 5 days ago and from 2 days ago to now, t-report from 7
// days ago to now; TaurusDB instance …in01 from the end of its first automated backup (2 days ago, 19:12 UTC) to now.
import { getRestoreWindows } from "../../../provider/index";
import { InvalidArgumentsError } from "../../../provider/functions/arguments";
import { MissingConfigError, UnknownConfigKeyError } from "../../../provider/config";
import { useEmulator } from "../../support/emulator";
import { DEMO, programStackConfig, setProgramConfig, withoutSettingsEnvironment } from "../../support/program-config";
import { rejection } from "../../support/rejection";

const OB_INSTANCE = "obcluster-demo";
const HW_INSTANCE = "d8e6ca5a624745bcb546a227aa3ae1cfin01";
const DAY = 86_400_000;
const RESTORABLE = `/api/v2/instances/${OB_INSTANCE}/backup/restore/tenants`;
const RESTORE_TIME = `/v3/${DEMO.huawei.projectId}/instances/${HW_INSTANCE}/restore-time`;
const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

describe("getRestoreWindows", () => {
  withoutSettingsEnvironment();
  const emu = useEmulator();
  let now: number;
  beforeEach(async () => {
    setProgramConfig(programStackConfig(emu.url));
    now = Math.floor((await emu.control.clock()).now / 1000) * 1000;
  });

  const queries = async (path: string): Promise<Record<string, string | string[]>[]> =>
    (await emu.control.requests()).filter((r) => r.path === path && r.authorized).map((r) => r.query);

  test("OceanBase Cloud: every restorable tenant's windows, earliest first, and the latest point", async () => {
    const r = await getRestoreWindows({ platform: "oceanbase-cloud", instanceId: OB_INSTANCE });
    expect(r).toEqual({
      windows: [
        { tenantId: "t-demo", tenantName: "demo", start: iso(now - 7 * DAY), end: iso(now - 5 * DAY) },
        { tenantId: "t-demo", tenantName: "demo", start: iso(now - 2 * DAY), end: iso(now) },
        { tenantId: "t-report", tenantName: "report", start: iso(now - 7 * DAY), end: iso(now) },
      ],
      latest: iso(now),
    });
  });

  test("OceanBase Cloud: the tenantId, backupSetId and fromRemote filters are the API's", async () => {
    const r = await getRestoreWindows({ platform: "oceanbase-cloud", instanceId: OB_INSTANCE, tenantId: "t-demo", backupSetId: "bak-demo0cluster" });
    expect(r).toEqual({ windows: [{ tenantId: "t-demo", tenantName: "demo", start: iso(now - 7 * DAY), end: iso(now - 5 * DAY) }], latest: iso(now - 5 * DAY) });
    expect(await getRestoreWindows({ platform: "oceanbase-cloud", instanceId: OB_INSTANCE, tenantId: "t-none", fromRemote: false })).toEqual({ windows: [] });
    expect(await queries(RESTORABLE)).toEqual([
      expect.objectContaining({ tenantId: "t-demo", backupSetId: "bak-demo0cluster", restoreObjectType: "tenant" }),
      expect.objectContaining({ tenantId: "t-none", fromRemote: "false" }),
    ]);
  });

  test("TaurusDB: the instance's ranges in ISO-8601 UTC, for all time, one day, or between two instants", async () => {
    const firstEnd = Math.floor(now / DAY) * DAY - 2 * DAY + 19 * 3_600_000 + 12 * 60_000;
    expect(await getRestoreWindows({ platform: "huawei-taurusdb", instanceId: HW_INSTANCE })).toEqual({
      windows: [{ start: iso(firstEnd), end: iso(now) }],
      latest: iso(now),
    });
    const day = iso(now - DAY).slice(0, 10);
    expect(await getRestoreWindows({ platform: "huawei-taurusdb", instanceId: HW_INSTANCE, date: day })).toEqual({
      windows: [{ start: `${day}T00:00:00Z`, end: `${day}T23:59:59Z` }],
      latest: `${day}T23:59:59Z`,
    });
    const between = { startTime: iso(now - 3 * 3_600_000), endTime: iso(now - 3_600_000) };
    expect(await getRestoreWindows({ platform: "huawei-taurusdb", instanceId: HW_INSTANCE, ...between })).toEqual({
      windows: [{ start: between.startTime, end: between.endTime }],
      latest: between.endTime,
    });
    expect(await queries(RESTORE_TIME)).toEqual([
      {},
      { date: day },
      { start_time: String(Date.parse(between.startTime)), end_time: String(Date.parse(between.endTime)) },
    ]);
  });

  const BAD: [string, Record<string, unknown>, string][] = [
    ["no instanceId", { platform: "oceanbase-cloud" }, "instanceId (absent) is required"],
    ["fromRemote not a boolean", { platform: "oceanbase-cloud", instanceId: OB_INSTANCE, fromRemote: "no" }, 'fromRemote "no" must be a boolean'],
    ["a date that is no calendar date", { platform: "huawei-taurusdb", instanceId: HW_INSTANCE, date: "2026-02-30" }, 'date "2026-02-30" must be a date in the form yyyy-mm-dd'],
    ["a date and instants at once", { platform: "huawei-taurusdb", instanceId: HW_INSTANCE, date: "2026-01-13", startTime: "2026-01-13T00:00:00Z", endTime: "2026-01-13T01:00:00Z" }, "date \"2026-01-13\" is not allowed with startTime/endTime"],
    ["startTime alone", { platform: "huawei-taurusdb", instanceId: HW_INSTANCE, startTime: "2026-01-13T00:00:00Z" }, "endTime (absent) is required with startTime"],
    ["an OceanBase argument on TaurusDB", { platform: "huawei-taurusdb", instanceId: HW_INSTANCE, tenantId: "t-demo" }, 'tenantId "t-demo" is not an argument of getRestoreWindows on huawei-taurusdb'],
  ];

  test.each(BAD)("refuses %s before any request, naming property, value and rule", async (_what, args, expected) => {
    await emu.control.clearRequests();
    const e = await rejection(getRestoreWindows(args as never));
    expect(e).toBeInstanceOf(InvalidArgumentsError);
    expect(e.message).toContain(expected);
    expect(await emu.control.requests()).toEqual([]);
  });

  test("missing credentials name their keys; an unknown dbbackup: key is refused like the resources do; nothing is sent", async () => {
    await emu.control.clearRequests();
    setProgramConfig(programStackConfig(emu.url, { "dbbackup:huaweiAccessKey": undefined }));
    const e = await rejection(getRestoreWindows({ platform: "huawei-taurusdb", instanceId: HW_INSTANCE }));
    expect(e).toBeInstanceOf(MissingConfigError);
    expect(e.message).toContain("dbbackup:huaweiAccessKey");
    expect(e.message).toContain("HW_ACCESS_KEY");

    setProgramConfig({ ...programStackConfig(emu.url), "dbbackup:oceanbaseAccesKeyId": "typo" });
    const typo = await rejection(getRestoreWindows({ platform: "oceanbase-cloud", instanceId: OB_INSTANCE }));
    expect(typo).toBeInstanceOf(UnknownConfigKeyError);
    expect(typo.message).toContain("dbbackup:oceanbaseAccesKeyId (did you mean dbbackup:oceanbaseAccessKeyId?)");
    expect(await emu.control.requests()).toEqual([]);
  });

  test("no secret in a result", async () => {
    const text = JSON.stringify([
      await getRestoreWindows({ platform: "oceanbase-cloud", instanceId: OB_INSTANCE }),
      await getRestoreWindows({ platform: "huawei-taurusdb", instanceId: HW_INSTANCE }),
    ]);
    for (const secret of [DEMO.oceanbase.accessKeySecret, DEMO.huawei.secretKey, DEMO.huawei.accessKey]) expect(text).not.toContain(secret);
  });
});
