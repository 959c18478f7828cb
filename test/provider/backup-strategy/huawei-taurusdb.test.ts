// BackupStrategy on Huawei Cloud TaurusDB through the real dynamic-provider host, against the emulator: bad inputs
// refused at check with their path and no request; create adopts the policy (kept as adoptedPolicy), applies the
// program's, waits for ACTIVE, then sets the offsite policy; the same program diffs empty; an in-place update; refresh
// from the id alone; a policy changed outside shows as drift; an instance gone; delete with onDelete keep (nothing
// sent, backups still scheduled) and restore (the adopted values written back, ACTIVE awaited); a wait that runs out
// is a partial failure the next update finishes; lost answers on both PUTs leave the policy as the program says.
import { HostError, type PropertyMap } from "../../support/pulumi-host";
import { EMULATOR_CREDENTIALS, useProviderHost } from "../../support/provider-host";
import { eventually } from "../../support/eventually";

const PROJECT_ID = EMULATOR_CREDENTIALS.huawei.projectId;
const INSTANCE = "d8e6ca5a624745bcb546a227aa3ae1cfin01";
const OTHER_INSTANCE = "5f1e3c9b2a7d4e6f8b0c1d2e3f4a5b6cin07";
const ID = `huawei-taurusdb/${PROJECT_ID}/${INSTANCE}`;
const POLICY_PATH = `/v3/${PROJECT_ID}/instances/${INSTANCE}/backups/policy/update`;
const OFFSITE_PATH = `/v3/${PROJECT_ID}/instances/${INSTANCE}/backups/offsite-policy`;
/** taurusdb.policyApplyMs default: a policy change keeps the instance MODIFYING for 10 s. */
const APPLY_MS = 10_000;
/** The fixtures' policy: what create adopts. */
const FIXTURE_POLICY = { keepDays: 7, startTime: "19:00-20:00", period: "1,2,3,4,5,6,7" };

const offsite = { openAutoBackup: true, openIncrementalBackup: true, destinationProjectId: "1fa4b6c2d3e84f5a9b0c7d6e5f4a3b2c", destinationRegion: "cn-east-3", keepDays: 30 };
const args = {
  platform: "huawei-taurusdb",
  instanceId: INSTANCE,
  backupPolicy: { keepDays: 14, startTime: "21:00-22:00", period: "7,1,3,5" },
};

interface InstanceRec {
  policy: { keep_days: number; start_time: string; period: string; retention_num_backup_level1?: number };
  offsitePolicy?: Record<string, unknown>;
}

describe("BackupStrategy on TaurusDB through the dynamic-provider host", () => {
  const h = useProviderHost();
  const bs = h.backupStrategy;

  const instance = async (): Promise<InstanceRec> => (await h.control.objects())["huawei-taurusdb"].instances[INSTANCE];
  const puts = async (path: string, mark = 0) => (await h.requestsSince(mark)).filter((r) => r.method === "PUT" && r.path === path);

  async function checked(a: PropertyMap): Promise<PropertyMap> {
    const r = await bs.check(await h.programInputs("BackupStrategy", a));
    expect(r.failures).toEqual([]);
    return r.inputs;
  }

  /** Create with policy changes applied at once (no ACTIVE wait to drive). */
  async function created(a: PropertyMap): Promise<{ inputs: PropertyMap; id: string; properties: PropertyMap }> {
    await h.control.setDurations({ "taurusdb.policyApplyMs": 0 });
    const inputs = await checked(a);
    const { id, properties } = await bs.create(inputs);
    return { inputs, id, properties };
  }

  test("bad inputs are refused at check with their property path, and nothing is sent", async () => {
    const mark = await h.mark();
    const cases: Array<[PropertyMap, string, RegExp]> = [
      [{ ...args, backupPolicy: undefined }, "backupPolicy", /is required/],
      [{ ...args, backupPolicy: { ...args.backupPolicy, keepDays: 733 } }, "backupPolicy.keepDays", /from 1 to 732/],
      [{ ...args, backupPolicy: { ...args.backupPolicy, startTime: "01:00-03:00" } }, "backupPolicy.startTime", /one hour/],
      [{ ...args, backupPolicy: { ...args.backupPolicy, period: "0,1" } }, "backupPolicy.period", /days of the week 1-7/],
      [{ ...args, backupPolicy: { ...args.backupPolicy, retentionNumBackupLevel1: 2 } }, "backupPolicy.retentionNumBackupLevel1", /0 or 1/],
      [{ ...args, backupPolicy: { keepDays: 7, startTime: "01:00-02:00" } }, "backupPolicy.period", /is required/],
      [{ ...args, backupPolicy: { ...args.backupPolicy, keep_days: 7 } }, "backupPolicy.keep_days", /not a known property/],
      [{ ...args, offsitePolicy: { ...offsite, keepDays: 1826 } }, "offsitePolicy.keepDays", /from 1 to 1825/],
      [{ ...args, offsitePolicy: { ...offsite, destinationRegion: undefined } }, "offsitePolicy.destinationRegion", /is required/],
      [{ ...args, offsitePolicy: { ...offsite, openAutoBackup: false } }, "offsitePolicy.openIncrementalBackup", /only when openAutoBackup/],
      [{ ...args, instanceId: "taurus-demo" }, "instanceId", /in.*two digits/],
      [{ ...args, instanceId: undefined }, "instanceId", /is required/],
      [{ ...args, onDelete: "reset" }, "onDelete", /"keep", "restore"/],
      [{ ...args, scheduleTime: "21:00:00Z" }, "scheduleTime", /argument of platform "oceanbase-cloud": not allowed with platform "huawei-taurusdb"/],
      [{ ...args, tenantId: 1002 }, "tenantId", /argument of platform "ocp"/],
    ];
    for (const [program, property, reason] of cases) {
      const r = await bs.check(program);
      expect({ property, failures: r.failures }).toEqual({ property, failures: expect.arrayContaining([{ property, reason: expect.stringMatching(reason) }]) });
    }
    // instanceId and onDelete are refused with OCP, naming both platforms that have them.
    const ocp = await bs.check({ clusterId: 1000005, instanceId: INSTANCE, onDelete: "keep" });
    expect(ocp.failures).toEqual(
      expect.arrayContaining([{ property: "instanceId", reason: 'is an argument of platforms "oceanbase-cloud" and "huawei-taurusdb": not allowed with platform "ocp"' }]),
    );
    await h.expectNoRequestsSince(mark);
  });

  test("create adopts the policy (adoptedPolicy), applies the program's, waits for ACTIVE, then sets the offsite policy; the same program diffs empty", async () => {
    const inputs = await checked({ ...args, offsitePolicy: offsite });
    expect(inputs).toMatchObject({ backupPolicy: { keepDays: 14, startTime: "21:00-22:00", period: "1,3,5,7" }, onDelete: "keep", waitForCompletion: true, timeoutMinutes: 30 });
    const pending = bs.create(inputs);
    await h.requestArrived(0, "PUT", new RegExp(`${POLICY_PATH}$`));
    // The offsite policy waits out the busy instance (the policy change is being applied).
    await eventually("a busy answer to the offsite policy", async () => ((await puts(OFFSITE_PATH)).some((r) => r.status === 409) ? true : undefined));
    await h.control.advance(APPLY_MS);
    await eventually("the offsite policy accepted", async () => ((await puts(OFFSITE_PATH)).some((r) => r.status === 200) ? true : undefined));
    await h.control.advance(APPLY_MS);
    const { id, properties } = await pending;

    expect(id).toBe(ID);
    expect(properties).toMatchObject({ ...inputs, adoptedPolicy: FIXTURE_POLICY, instanceStatus: "ACTIVE" });
    expect(await instance()).toMatchObject({
      policy: { keep_days: 14, start_time: "21:00-22:00", period: "1,3,5,7" },
      offsitePolicy: { open_auto_backup: true, open_incremental_backup: true, destination_project_id: offsite.destinationProjectId, destination_region: "cn-east-3", keep_days: 30 },
    });
    expect(h.host.transcript()).toMatch(/TaurusDB instance d8e6ca5a624745bcb546a227aa3ae1cfin01: the instance's backup policy always exists .*adopting it \(found keep_days 7, start_time 19:00-20:00, period 1,2,3,4,5,6,7, kept as adoptedPolicy\)/);
    // The program's own period is sent (not "every day").
    expect((await puts(POLICY_PATH)).map((r) => r.body)).toEqual([{ backup_policy: { keep_days: 14, start_time: "21:00-22:00", period: "1,3,5,7" } }]);

    expect(await bs.diff(id, properties, await checked({ ...args, offsitePolicy: offsite }))).toMatchObject({ changes: "none", replaces: [] });
    expect(await bs.diff(id, properties, await checked({ ...args, offsitePolicy: offsite, backupPolicy: { ...args.backupPolicy, period: "1,3,5,7" } }))).toMatchObject({ changes: "none" });
  });

  test("a policy change updates in place (waiting for ACTIVE); onDelete alone sends nothing; another instance replaces", async () => {
    const { id, properties } = await created(args);
    await h.control.setDurations({ "taurusdb.policyApplyMs": APPLY_MS });
    const news = await checked({ ...args, backupPolicy: { keepDays: 30, startTime: "02:00-03:00", period: "1,2,3,4,5" } });
    expect(await bs.diff(id, properties, news)).toMatchObject({ changes: "some", replaces: [] });
    const mark = await h.mark();
    const pending = bs.update(id, properties, news);
    await h.requestArrived(mark, "PUT", new RegExp(`${POLICY_PATH}$`));
    await h.host.waitForLog(/instance status: MODIFYING/);
    await h.control.advance(APPLY_MS);
    const { properties: updated } = await pending;
    expect(updated).toMatchObject({ ...news, adoptedPolicy: FIXTURE_POLICY, instanceStatus: "ACTIVE" });
    expect((await instance()).policy).toEqual({ keep_days: 30, start_time: "02:00-03:00", period: "1,2,3,4,5" });

    const restoreOnDelete = await checked({ ...args, backupPolicy: { keepDays: 30, startTime: "02:00-03:00", period: "1,2,3,4,5" }, onDelete: "restore" });
    expect(await bs.diff(id, updated, restoreOnDelete)).toMatchObject({ changes: "some", replaces: [] });
    const quiet = await h.mark();
    const { properties: recorded } = await bs.update(id, updated, restoreOnDelete);
    await h.expectNoRequestsSince(quiet);
    expect(recorded).toMatchObject({ onDelete: "restore", adoptedPolicy: FIXTURE_POLICY });

    expect(await bs.diff(id, recorded, await checked({ ...args, instanceId: OTHER_INSTANCE }))).toMatchObject({ changes: "some", replaces: ["instanceId"] });
  });

  test("refresh from the id alone: the policy read now, taken as adopted; the offsite policy is kept from the state", async () => {
    const { id, properties } = await created({ ...args, offsitePolicy: offsite });
    const refreshed = await bs.read(id, properties);
    expect(refreshed.properties).toEqual(properties);
    const imported = await bs.read(id, {});
    expect(imported.inputs).toEqual({
      platform: "huawei-taurusdb",
      instanceId: INSTANCE,
      backupPolicy: { keepDays: 14, startTime: "21:00-22:00", period: "1,3,5,7" },
      __provider: await h.providerText("BackupStrategy"),
    });
    expect(imported.properties).toMatchObject({ adoptedPolicy: { keepDays: 14, startTime: "21:00-22:00", period: "1,3,5,7" }, instanceStatus: "ACTIVE" });
    // The offsite policy cannot be read: an imported state lacks it, and the next up sends it.
    expect(await bs.diff(id, imported.properties, await checked({ ...args, offsitePolicy: offsite }))).toMatchObject({ changes: "some", replaces: [] });
    expect(await bs.diff(id, imported.properties, await checked(args))).toMatchObject({ changes: "none" });
  });

  test("a policy changed outside Pulumi shows as drift, and the next update puts the program's back", async () => {
    const { id, properties, inputs } = await created({ ...args, offsitePolicy: offsite });
    const state = await h.control.objects();
    state["huawei-taurusdb"].instances[INSTANCE].policy = { keep_days: 3, start_time: "10:00-11:00", period: "6" };
    await h.control.replaceObjects("huawei-taurusdb", state["huawei-taurusdb"]);
    const refreshed = await bs.read(id, properties);
    expect(refreshed.properties).toMatchObject({ backupPolicy: { keepDays: 3, startTime: "10:00-11:00", period: "6" }, offsitePolicy: offsite, adoptedPolicy: FIXTURE_POLICY });
    expect(await bs.diff(id, refreshed.properties, inputs)).toMatchObject({ changes: "some", replaces: [] });
    await bs.update(id, refreshed.properties, inputs);
    expect((await instance()).policy).toEqual({ keep_days: 14, start_time: "21:00-22:00", period: "1,3,5,7" });
  });

  test("an instance deleted outside Pulumi reads as gone", async () => {
    const { id, properties } = await created(args);
    const state = (await h.control.objects())["huawei-taurusdb"];
    delete state.instances[INSTANCE];
    await h.control.replaceObjects("huawei-taurusdb", state);
    expect((await bs.read(id, properties)).gone).toBe(true);
  });

  test("delete with onDelete keep (the default) sends nothing, says so, and backups stay scheduled", async () => {
    const { id, properties } = await created({ ...args, offsitePolicy: offsite });
    const mark = await h.mark();
    await bs.delete(id, properties);
    await h.expectNoRequestsSince(mark);
    const said = await h.host.waitForLog(/the backup policy stays as last applied \(keep_days 14, .*backups remain scheduled/);
    expect(said.message).toContain("cross-region backup policy is left as it is too");
    expect(await instance()).toMatchObject({ policy: { keep_days: 14, start_time: "21:00-22:00", period: "1,3,5,7" }, offsitePolicy: { keep_days: 30 } });
  });

  test("delete with onDelete restore writes the adopted values back and waits for ACTIVE; the offsite policy is left as it is", async () => {
    const { id, properties } = await created({ ...args, offsitePolicy: offsite, onDelete: "restore" });
    await h.control.setDurations({ "taurusdb.policyApplyMs": APPLY_MS });
    const mark = await h.mark();
    const pending = bs.delete(id, properties);
    await h.requestArrived(mark, "PUT", new RegExp(`${POLICY_PATH}$`));
    await h.host.waitForLog(/instance status: MODIFYING/);
    expect((await instance()).policy).toEqual({ keep_days: 7, start_time: "19:00-20:00", period: "1,2,3,4,5,6,7" });
    await h.control.advance(APPLY_MS);
    await pending;
    expect(h.host.transcript()).toMatch(/wrote back the adopted policy \(keep_days 7, start_time 19:00-20:00, period 1,2,3,4,5,6,7\).*cross-region backup policy is left as it is too/);
    expect((await instance()).offsitePolicy).toMatchObject({ keep_days: 30 });
    expect((await puts(OFFSITE_PATH, mark)).length).toBe(0);
  });

  test("a wait for ACTIVE that runs out is a partial failure; the next update resumes it without sending the policy again", async () => {
    const inputs = await checked({ ...args, timeoutMinutes: 0.02 });
    const err = await bs.create(inputs).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(HostError);
    const failure = (err as HostError).initFailure;
    expect(failure?.id).toBe(ID);
    expect(failure?.properties).toMatchObject({ backupPolicy: { keepDays: 14 }, adoptedPolicy: FIXTURE_POLICY, instanceStatus: "MODIFYING" });
    expect(failure?.reasons.join(" ")).toMatch(/is not ACTIVE after .*last status MODIFYING.*resumes the wait/);
    await h.control.advance(APPLY_MS);
    const mark = await h.mark();
    const { properties } = await bs.update(ID, failure!.properties, inputs);
    expect(properties).toMatchObject({ instanceStatus: "ACTIVE", adoptedPolicy: FIXTURE_POLICY });
    expect(await puts(POLICY_PATH, mark)).toEqual([]);
  });

  test("a lost answer to the policy PUT: sent again once the instance is free, the policy as the program says", async () => {
    await h.control.addFault({ method: "PUT", path: `${POLICY_PATH}$`, action: "reset-after" });
    const pending = bs.create(await checked(args));
    // The transport sends it again at once; the instance is still applying the first one and answers busy.
    await eventually("a busy answer", async () => ((await puts(POLICY_PATH)).some((r) => r.status === 409) ? true : undefined));
    await h.control.advance(APPLY_MS);
    await eventually("the policy accepted", async () => ((await puts(POLICY_PATH)).some((r) => r.status === 200) ? true : undefined));
    await h.control.advance(APPLY_MS);
    const { properties } = await pending;
    const statuses = (await puts(POLICY_PATH)).map((r) => r.status);
    expect(statuses[0]).toBe("reset");
    expect(statuses.at(-1)).toBe(200);
    expect(new Set((await puts(POLICY_PATH)).map((r) => JSON.stringify(r.body))).size).toBe(1);
    expect((await instance()).policy).toEqual({ keep_days: 14, start_time: "21:00-22:00", period: "1,3,5,7" });
    // What was adopted is the policy before the first PUT, not the program's.
    expect(properties).toMatchObject({ adoptedPolicy: FIXTURE_POLICY, instanceStatus: "ACTIVE" });
  });

  test("a lost answer to the offsite PUT: sent again, one offsite policy, as the program says", async () => {
    await h.control.setDurations({ "taurusdb.policyApplyMs": 0 });
    await h.control.addFault({ method: "PUT", path: `${OFFSITE_PATH}$`, action: "reset-after" });
    const { properties } = await bs.create(await checked({ ...args, offsitePolicy: offsite }));
    expect((await puts(OFFSITE_PATH)).map((r) => r.status)).toEqual(["reset", 200]);
    expect((await instance()).offsitePolicy).toEqual({
      open_auto_backup: true,
      open_incremental_backup: true,
      destination_project_id: offsite.destinationProjectId,
      destination_region: "cn-east-3",
      keep_days: 30,
    });
    expect(properties).toMatchObject({ offsitePolicy: offsite });
  });
});
