// ManualBackup's handlers called directly (plain functions with a HandlerContext over sdk clients pointed at the
// emulator), for what is awkward to stage through the host: concurrent starts on one tenant, a resend after an
// answer lost before the server acted, waitForCompletion false, a taken TaurusDB name, ids of another project,
// objects ManualBackup does not manage, and the update that teaches an imported state its databaseTables.
import { handlers } from "../../../provider/manual-backup/handlers";
import type { HandlerContext, Props } from "../../../provider/types";
import { useEmulator } from "../../support/emulator";
import { emulatorHandlerContext } from "../../support/handler-context";
import { EMULATOR_CREDENTIALS } from "../../support/provider-host";
import { rejection } from "../../support/rejection";
import { MAX_SENDS } from "../../../provider/uncertain";

process.env.DBBACKUP_POLL_INITIAL_MS = "20";
process.env.DBBACKUP_POLL_MAX_MS = "100";

const DEMO = "obcluster-demo";
const HW_PROJECT = EMULATOR_CREDENTIALS.huawei.projectId;
const HW_INSTANCE = "d8e6ca5a624745bcb546a227aa3ae1cfin01";
const START_PATH = `/api/v2/instances/${DEMO}/backup/data/start`;
const CREATE_PATH = `/v3/${HW_PROJECT}/backups/create`;

interface SetRec {
  backupSetId: string;
  backupObjectType: string;
  databaseTables?: string;
}

describe("ManualBackup handlers against the emulator", () => {
  const emu = useEmulator();
  const progress: string[] = [];

  const context = (overrides: Record<string, string> = {}): HandlerContext => emulatorHandlerContext(emu.url, overrides, progress);

  beforeEach(async () => {
    progress.length = 0;
    // Backups finish as soon as they start, unless a test says otherwise.
    await emu.control.setDurations({ "oceanbase.backupBeginMs": 0, "oceanbase.backupMs": 0, "taurusdb.backupMs": 0 });
  });

  async function checked(news: Props): Promise<Props> {
    const r = await handlers.check({}, news, context());
    expect(r.failures).toEqual([]);
    return r.inputs;
  }
  const newSets = async (): Promise<SetRec[]> =>
    ((await emu.control.objects())["oceanbase-cloud"].backupSets as SetRec[]).filter((s) => !["bak-demo0cluster", "bak-demo0tenant"].includes(s.backupSetId));

  it("concurrent logical backups of one tenant each find their own backup set", async () => {
    const ctx = context();
    const database = await checked({ platform: "oceanbase-cloud", instanceId: DEMO, tenantId: "t-demo", backupObjectType: "database", databaseTables: [{ database: "crm" }] });
    const table = await checked({
      platform: "oceanbase-cloud",
      instanceId: DEMO,
      tenantId: "t-demo",
      backupObjectType: "table",
      databaseTables: [{ database: "shop", tables: ["orders"] }],
    });
    const [a, b, c] = await Promise.all([handlers.create(database, ctx), handlers.create(table, ctx), handlers.create(database, ctx)]);
    const sets = await newSets();
    expect(sets).toHaveLength(3);
    const byId = new Map(sets.map((s) => [s.backupSetId, s]));
    expect(new Set([a.outs.backupId, b.outs.backupId, c.outs.backupId]).size).toBe(3);
    expect(byId.get(a.outs.backupId as string)).toMatchObject({ backupObjectType: "DATABASE", databaseTables: '[{"database":"crm"}]' });
    expect(byId.get(b.outs.backupId as string)).toMatchObject({ backupObjectType: "TABLE", databaseTables: '[{"database":"shop","tables":["orders"]}]' });
    expect(byId.get(c.outs.backupId as string)).toMatchObject({ backupObjectType: "DATABASE" });
  });

  it("OceanBase: an answer lost before the server acted is sent again, once", async () => {
    await emu.control.addFault({ method: "POST", path: `${START_PATH}$`, action: "reset-before" });
    const inputs = await checked({ platform: "oceanbase-cloud", instanceId: DEMO, tenantId: "t-demo" });
    const { outs } = await handlers.create(inputs, context());
    expect((await newSets()).map((s) => s.backupSetId)).toEqual([outs.backupId]);
    const starts = (await emu.control.requests()).filter((r) => r.method === "POST" && r.path === START_PATH && r.authorized);
    expect(starts.map((r) => r.status)).toEqual(["reset", 200]);
    expect(progress.join("\n")).toMatch(/no new backup set was listed: sending the request again$/m);
  });

  it(`OceanBase: ${MAX_SENDS} lost answers in a row give up without a duplicate (the last lookup still runs first)`, async () => {
    await emu.control.addFault({ method: "POST", path: `${START_PATH}$`, action: "reset-before", times: MAX_SENDS });
    const inputs = await checked({ platform: "oceanbase-cloud", instanceId: DEMO, tenantId: "t-demo" });
    const e = await rejection(handlers.create(inputs, context()));
    expect(e.message).toMatch(/oceanbase\.startBackup/);
    expect(await newSets()).toEqual([]);
  });

  it("OceanBase with waitForCompletion false returns as soon as the set exists", async () => {
    await emu.control.setDurations({ "oceanbase.backupBeginMs": 5000, "oceanbase.backupMs": 60000 });
    const inputs = await checked({ platform: "oceanbase-cloud", instanceId: DEMO, tenantId: "t-demo", waitForCompletion: false });
    const { id, outs } = await handlers.create(inputs, context());
    expect(outs).toMatchObject({ status: "BEGINNING", waitForCompletion: false });
    // An update that turns waiting on resumes the wait.
    await emu.control.advance(70_000);
    const { outs: after } = await handlers.update(id, outs, { ...inputs, waitForCompletion: true }, context());
    expect(after).toMatchObject({ status: "DONE", waitForCompletion: true });
  });

  it("an imported logical backup learns its databaseTables from the next update, with no request", async () => {
    const inputs = await checked({ platform: "oceanbase-cloud", instanceId: DEMO, tenantId: "t-demo", backupObjectType: "table", databaseTables: [{ database: "shop", tables: ["orders"] }] });
    const { id } = await handlers.create(inputs, context());
    const imported = await handlers.read(id, {}, context());
    expect(imported?.props.databaseTables).toBeUndefined();
    await emu.control.clearRequests();
    const { outs } = await handlers.update(id, imported!.props, { ...inputs, timeoutMinutes: 30 }, context());
    expect(await emu.control.requests()).toEqual([]);
    expect(outs.databaseTables).toEqual([{ database: "shop", tables: ["orders"] }]);
    expect((await handlers.diff(id, outs, { ...inputs, timeoutMinutes: 30, databaseTables: [{ database: "shop", tables: ["items"] }] }, context())).replaces).toEqual([
      "databaseTables",
    ]);
  });

  it("OceanBase read from the id alone: a cluster set of several tenants is a whole-cluster backup; a tenant set is the tenant's", async () => {
    const cluster = await handlers.read(`oceanbase-cloud/${DEMO}/bak-demo0cluster`, {}, context());
    expect(cluster?.inputs).toEqual({ platform: "oceanbase-cloud", instanceId: DEMO, backupObjectType: "tenant" });
    const fixture = await handlers.read(`oceanbase-cloud/${DEMO}/bak-demo0tenant`, {}, context());
    expect(fixture?.inputs).toEqual({ platform: "oceanbase-cloud", instanceId: DEMO, tenantId: "t-demo", backupObjectType: "tenant" });
    expect(await handlers.read(`oceanbase-cloud/${DEMO}/bak-nothere`, {}, context())).toBeUndefined();
    // An instance that does not answer either is not taken as "the backup is gone": refresh must not drop it on a guess.
    const lost = await rejection(handlers.read(`oceanbase-cloud/obcluster-gone/bak-demo0tenant`, {}, context()));
    expect(lost.message).toContain("OceanBase Cloud instance obcluster-gone does not answer either");
    expect(lost.message).toContain("pulumi state delete");
  });

  it("TaurusDB: an answer lost before the server acted is sent again, once", async () => {
    await emu.control.addFault({ method: "POST", path: `${CREATE_PATH}$`, action: "reset-before" });
    const inputs = await checked({ platform: "huawei-taurusdb", instanceId: HW_INSTANCE, name: "snap-1" });
    const { id, outs } = await handlers.create(inputs, context());
    expect(id).toBe(`huawei-taurusdb/${HW_PROJECT}/${outs.backupId}`);
    const posts = (await emu.control.requests()).filter((r) => r.method === "POST" && r.path === CREATE_PATH);
    expect(posts.map((r) => r.status)).toEqual(["reset", 200]);
  });

  it("TaurusDB: a name already taken on the instance is refused before anything is sent, naming the backup that holds it", async () => {
    const inputs = await checked({ platform: "huawei-taurusdb", instanceId: HW_INSTANCE, name: "snap-1" });
    const first = await handlers.create(inputs, context());
    await emu.control.clearRequests();
    const e = await rejection(handlers.create(inputs, context()));
    expect(e.message).toContain(`name "snap-1" is already taken on TaurusDB instance ${HW_INSTANCE} by backup ${first.id.split("/")[2]}`);
    expect(e.message).toContain("its new backup is taken before the old one is deleted (so that no backup is lost)");
    expect(e.message).toContain("nothing was deleted");
    expect(e.message).not.toContain("pulumi import");
    expect((await emu.control.requests()).filter((r) => r.method !== "GET")).toEqual([]);
  });

  it("TaurusDB: a name taken between the look-up and the request is refused with the platform's code", async () => {
    await emu.control.addFault({ method: "POST", path: `${CREATE_PATH}$`, action: "status", status: 409, body: { error_code: "DBS.201209", error_msg: "The backup name already exists." } });
    const inputs = await checked({ platform: "huawei-taurusdb", instanceId: HW_INSTANCE, name: "snap-2" });
    const e = await rejection(handlers.create(inputs, context()));
    expect(e.message).toContain(`name "snap-2" is already taken on TaurusDB instance ${HW_INSTANCE} (DBS.201209)`);
  });

  it("TaurusDB: ids of another project are refused before any request; automated backups are not imported", async () => {
    const other = "ffffffffffffffffffffffffffffffff";
    await emu.control.clearRequests();
    const e = await rejection(handlers.read(`huawei-taurusdb/${other}/b-1`, {}, context()));
    expect(e.message).toMatch(new RegExp(`belongs to Huawei Cloud project ${other}, but the provider is configured for project ${HW_PROJECT}`));
    await rejection(handlers.delete(`huawei-taurusdb/${other}/b-1`, {}, context()));
    expect(await emu.control.requests()).toEqual([]);
    const auto = await rejection(handlers.read(`huawei-taurusdb/${HW_PROJECT}/6d4c6e3a-8f0b-4b7e-9a51-3c2f1e0d9a01`, {}, context()));
    expect(auto.message).toMatch(/is an automated backup: ManualBackup manages manual backups only/);
  });

  it("TaurusDB: a busy instance that stays busy past the deadline creates nothing and says so", async () => {
    await emu.control.setDurations({ "taurusdb.backupMs": 600_000 });
    await handlers.create(await checked({ platform: "huawei-taurusdb", instanceId: HW_INSTANCE, name: "long-one", waitForCompletion: false }), context());
    const inputs = await checked({ platform: "huawei-taurusdb", instanceId: HW_INSTANCE, name: "snap-2", timeoutMinutes: 0.005 });
    const e = await rejection(handlers.create(inputs, context()));
    expect(e.message).toMatch(/instance d8e6ca5a624745bcb546a227aa3ae1cfin01 stayed busy for .* \(timeoutMinutes 0\.005\): the TaurusDB backup "snap-2" .* was not created/);
    const names = ((await emu.control.objects())["huawei-taurusdb"].backups as Array<{ name: string }>).map((b) => b.name);
    expect(names).not.toContain("snap-2");
  });

  it("TaurusDB: the instance's earlier manual backups, not its nightly automated ones, foretell the wait", async () => {
    // Backups of 1.5 s as time passes (the handlers sleep in real time here): the API's times have whole seconds.
    await emu.control.setDurations({ "taurusdb.backupMs": 1500 });
    await emu.control.unfreeze();
    const ctx = context();
    for (const name of ["hist-1", "hist-2", "hist-3"]) await handlers.create(await checked({ platform: "huawei-taurusdb", instanceId: HW_INSTANCE, name }), ctx);
    progress.length = 0;
    const { outs } = await handlers.create(await checked({ platform: "huawei-taurusdb", instanceId: HW_INSTANCE, name: "hist-4" }), ctx);
    expect(outs.status).toBe("COMPLETED");
    // A window of seconds from the three manual backups; the fixtures' 12-minute automated backups would make it minutes.
    expect(progress.join("\n")).toMatch(/expected to take [\d.]+m?s to [\d.]+s \(from 3 earlier manual backups of instance /);
  });

  it("update of a state with another platform than its id is refused", async () => {
    const hw = await checked({ platform: "huawei-taurusdb", instanceId: HW_INSTANCE, name: "snap-1" });
    const e = await rejection(handlers.update(`oceanbase-cloud/${DEMO}/bak-1`, { status: "BEGINNING" }, hw, context()));
    expect(e.message).toMatch(/is on oceanbase-cloud, not huawei-taurusdb/);
  });
});
