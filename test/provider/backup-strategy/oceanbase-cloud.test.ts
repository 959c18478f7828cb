// BackupStrategy on OceanBase Cloud through the real dynamic-provider host, against the emulator: bad inputs refused at
// check with their path and no request; create adopts the instance's strategy and applies the program's settings (and
// says so); the same program diffs empty; an in-place update; refresh from the id alone; an instance gone; delete keeps
// the strategy (nothing sent, backups still scheduled); a lost answer to ModifyBackupStrategy leaves one strategy,
// as the program says.
import type { PropertyMap } from "../../support/pulumi-host";
import { useProviderHost } from "../../support/provider-host";
import type { BackupStrategyRec } from "../../../emulator/oceanbase/state";
import { obCloudProgram } from "./support";

const DEMO = "obcluster-demo";
const MODIFY_PATH = `/api/v2/instances/${DEMO}/backup/strategy`;

const args = obCloudProgram({ instanceId: DEMO });

describe("BackupStrategy on OceanBase Cloud through the dynamic-provider host", () => {
  const h = useProviderHost();
  const bs = h.backupStrategy;

  /** Requests past the Digest challenge round (its 401s carry no answer). */
  const authorizedSince = async (mark: number) => (await h.requestsSince(mark)).filter((r) => r.authorized);
  const strategies = async (): Promise<Record<string, BackupStrategyRec>> => (await h.control.objects())["oceanbase-cloud"].backupStrategies;

  async function checked(a: PropertyMap): Promise<PropertyMap> {
    const r = await bs.check(await h.programInputs("BackupStrategy", a));
    expect(r.failures).toEqual([]);
    return r.inputs;
  }

  const applied = {
    backupScheduleMode: "WEEK",
    scheduleTime: "21:30:00Z",
    timeList: [1, 3, 5],
    lastDayOfMonth: false,
    dataMaintainDays: 14,
    retainMode: "TIME",
    backupStorageConfig: JSON.stringify({ backupStorageType: "OSS", crossRegionFlag: true }),
  };

  test("bad inputs are refused at check with their property path, and nothing is sent", async () => {
    const mark = await h.mark();
    const cases: Array<[PropertyMap, string, RegExp]> = [
      [{ ...args, scheduleTime: undefined }, "scheduleTime", /is required/],
      [{ ...args, scheduleTime: "21:30:00+08:00" }, "scheduleTime", /HH:MM:SSZ/],
      [{ ...args, timeList: [1, 8] }, "timeList[1]", /1–7/],
      [{ ...args, timeList: [1, 1] }, "timeList", /repeat/],
      [{ ...args, lastDayOfMonth: true }, "lastDayOfMonth", /MONTH/],
      [{ ...args, dataMaintainDays: 0 }, "dataMaintainDays", /at least 1/],
      [{ ...args, retainMode: "COUNT" }, "retainMode", /TIME/],
      [{ ...args, backupStorageConfig: { backupStorageType: "OSS", region: "x" } }, "backupStorageConfig.region", /not a known property/],
      [{ ...args, onDelete: "restore" }, "onDelete", /publishes no API that reads a backup strategy/],
      [{ ...args, instanceId: "obcluster/demo" }, "instanceId", /must not contain/],
      [{ ...args, clusterId: 1000005 }, "clusterId", /argument of platform "ocp": not allowed with platform "oceanbase-cloud"/],
      [{ ...args, backupPolicy: { keepDays: 7 } }, "backupPolicy", /argument of platform "huawei-taurusdb"/],
      [{ ...args, platform: "aws" }, "platform", /must be one of/],
    ];
    for (const [program, property, reason] of cases) {
      const r = await bs.check(program);
      expect({ property, failures: r.failures }).toEqual({ property, failures: expect.arrayContaining([{ property, reason: expect.stringMatching(reason) }]) });
    }
    // Every broken rule at once.
    const many = await bs.check({ ...args, scheduleTime: "9pm", dataMaintainDays: -1, timeoutMinutes: 5000 });
    expect(many.failures.map((f) => f.property).sort()).toEqual(["dataMaintainDays", "scheduleTime", "timeoutMinutes"]);
    await h.expectNoRequestsSince(mark);
  });

  test("create adopts the instance's strategy, applies the settings and says so; the same program diffs empty", async () => {
    const before = await strategies();
    expect(before[DEMO]).toMatchObject({ dataMaintainDays: 7 });
    const inputs = await checked(args);
    expect(inputs).toMatchObject({ ...args, timeList: [1, 3, 5], onDelete: "keep", waitForCompletion: true, timeoutMinutes: 30 });
    const mark = await h.mark();
    const { id, properties } = await bs.create(inputs);
    expect(id).toBe(`oceanbase-cloud/${DEMO}`);
    expect(properties).toEqual(inputs);
    expect((await authorizedSince(mark)).map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([`POST ${MODIFY_PATH} 200`]);
    expect(h.host.transcript()).toMatch(/OceanBase Cloud instance obcluster-demo: every instance has a backup strategy from its creation; adopting it/);
    expect(h.host.transcript()).toMatch(/changes made outside Pulumi are not detected/);
    const after = await strategies();
    expect(after[DEMO]).toMatchObject(applied);
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());

    expect(await bs.diff(id, properties, await checked(args))).toMatchObject({ changes: "none", replaces: [] });
    // The same days in another order are the same schedule.
    expect(await bs.diff(id, properties, await checked({ ...args, timeList: [3, 5, 1] }))).toMatchObject({ changes: "none" });
  });

  test("a settings change updates in place; onDelete and the waiting arguments alone send nothing; the instance replaces", async () => {
    const { id, properties } = await bs.create(await checked(args));
    const news = await checked({ ...args, backupScheduleMode: "MONTH", timeList: [1, 15], lastDayOfMonth: true, dataMaintainDays: 30 });
    expect(await bs.diff(id, properties, news)).toMatchObject({ changes: "some", replaces: [] });
    const mark = await h.mark();
    const { properties: updated } = await bs.update(id, properties, news);
    expect(updated).toEqual(news);
    expect((await authorizedSince(mark)).map((r) => r.method)).toEqual(["POST"]);
    expect((await strategies())[DEMO]).toMatchObject({ backupScheduleMode: "MONTH", timeList: [1, 15], lastDayOfMonth: true, dataMaintainDays: 30 });

    const steering = await checked({ ...args, backupScheduleMode: "MONTH", timeList: [1, 15], lastDayOfMonth: true, dataMaintainDays: 30, timeoutMinutes: 5, onDelete: "keep" });
    expect(await bs.diff(id, updated, steering)).toMatchObject({ changes: "some", replaces: [] });
    const quiet = await h.mark();
    await bs.update(id, updated, steering);
    await h.expectNoRequestsSince(quiet);

    expect(await bs.diff(id, updated, await checked({ ...args, instanceId: "obcluster-drill" }))).toMatchObject({ changes: "some", replaces: ["instanceId"] });
    const ocp = { clusterId: 1000005 };
    expect((await bs.diff(id, updated, ocp)).replaces).toEqual(["platform"]);
  });

  test("refresh: the state comes back as it is; from the id alone, what the id tells, and the next up applies the settings", async () => {
    const { id, properties } = await bs.create(await checked(args));
    const refreshed = await bs.read(id, properties);
    expect(refreshed.properties).toEqual(properties);
    const mark = await h.mark();
    const imported = await bs.read(id, {});
    expect(imported.id).toBe(id);
    expect(imported.inputs).toEqual({ platform: "oceanbase-cloud", instanceId: DEMO, __provider: await h.providerText("BackupStrategy") });
    // Only the instance is looked at: there is no strategy read.
    expect((await authorizedSince(mark)).map((r) => `${r.method} ${r.path}`)).toEqual([`GET /api/v2/instances/${DEMO}`]);
    expect(await bs.diff(id, imported.properties, await checked(args))).toMatchObject({ changes: "some", replaces: [] });
  });

  test("an instance deleted outside Pulumi reads as gone, and its strategy with it", async () => {
    const { id, properties } = await bs.create(await checked(args));
    const state = (await h.control.objects())["oceanbase-cloud"];
    const { [DEMO]: _gone, ...instances } = state.instances;
    await h.control.replaceObjects("oceanbase-cloud", { ...state, instances });
    expect((await bs.read(id, properties)).gone).toBe(true);
  });

  test("delete (onDelete keep, the default) sends nothing, says so, and backups stay scheduled", async () => {
    const { id, properties } = await bs.create(await checked(args));
    const mark = await h.mark();
    await bs.delete(id, properties);
    await h.expectNoRequestsSince(mark);
    const said = await h.host.waitForLog(/OceanBase Cloud instance obcluster-demo: the strategy stays in place .* and backups remain scheduled/);
    expect(said.message).toContain("only removed from the Pulumi state");
    expect((await strategies())[DEMO]).toMatchObject(applied);
  });

  test("a lost answer to ModifyBackupStrategy: sent again, one strategy, as the program says", async () => {
    await h.control.addFault({ method: "POST", path: `${MODIFY_PATH}$`, action: "reset-after" });
    const { properties } = await bs.create(await checked(args));
    const posts = (await authorizedSince(0)).filter((r) => r.method === "POST");
    expect(posts.map((r) => r.status)).toEqual(["reset", 200]);
    expect(posts[1]?.body).toEqual(posts[0]?.body);
    const after = await strategies();
    expect(Object.keys(after).sort()).toEqual([DEMO, "obcluster-drill"]);
    expect(after[DEMO]).toMatchObject(applied);
    expect(properties).toMatchObject({ dataMaintainDays: 14 });

    // The same on an update.
    const news = await checked({ ...args, dataMaintainDays: 21 });
    await h.control.addFault({ method: "POST", path: `${MODIFY_PATH}$`, action: "reset-after" });
    await bs.update(`oceanbase-cloud/${DEMO}`, properties, news);
    expect((await strategies())[DEMO]).toMatchObject({ ...applied, dataMaintainDays: 21 });
  });
});
