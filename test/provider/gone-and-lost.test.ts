// What may be called "gone", and what may be adopted after a lost answer, for every resource: the handlers against
// the emulator, with clients pointed at a wrong path prefix or project (every call then answers 404) and with a
// backup that already held the name before a create whose answer was lost.
import { handlers as strategyHandlers } from "../../provider/backup-strategy/handlers";
import { handlers as backupHandlers } from "../../provider/manual-backup/handlers";
import { handlers as tenantHandlers } from "../../provider/restored-tenant/handlers";
import type { HandlerContext, Props, ResourceHandlers } from "../../provider/types";
import { INSTANT_DURATIONS, useEmulator } from "../support/emulator";
import { emulatorHandlerContext } from "../support/handler-context";
import { EMULATOR_CREDENTIALS } from "../support/provider-host";
import { rejection } from "../support/rejection";
import { ossProgram } from "./backup-strategy/support";

process.env.DBBACKUP_POLL_INITIAL_MS = "20";
process.env.DBBACKUP_POLL_MAX_MS = "100";

const DEMO = "obcluster-demo";
const HW_INSTANCE = "d8e6ca5a624745bcb546a227aa3ae1cfin01";
const HW_CREATE = `/v3/${EMULATOR_CREDENTIALS.huawei.projectId}/backups/create`;
const OB_START = `/api/v2/instances/${DEMO}/backup/data/start`;

describe("gone means gone, and a lost answer never adopts what was there before", () => {
  const emu = useEmulator();

  const context = (overrides: Record<string, string> = {}): HandlerContext => emulatorHandlerContext(emu.url, overrides);


  /** Endpoints whose path prefix is wrong: every call answers 404, objects included. */
  const wrongPrefix = (): HandlerContext =>
    context({
      "dbbackup:oceanbaseEndpoint": `${emu.url}/ob`,
      "dbbackup:ocpEndpoint": `${emu.url}/ocp`,
      "dbbackup:huaweiEndpoint": `${emu.url}/v9`,
    });

  async function created(h: ResourceHandlers, news: Props): Promise<{ id: string; outs: Props }> {
    const { inputs, failures } = await h.check({}, news, context());
    expect(failures).toEqual([]);
    return h.create(inputs, context());
  }

  beforeEach(async () => {
    await emu.control.setDurations(INSTANT_DURATIONS);
  });

  it("a wrong endpoint never makes read() call a live object gone, nor delete() call it deleted", async () => {
    const strategy = await created(strategyHandlers, ossProgram());
    const tenantBackup = await created(backupHandlers, { platform: "oceanbase-cloud", instanceId: DEMO, tenantId: "t-demo" });
    const hw = await created(backupHandlers, { platform: "huawei-taurusdb", instanceId: HW_INSTANCE, name: "keep-me" });
    const cases: [string, ResourceHandlers, { id: string; outs: Props }][] = [
      ["BackupStrategy", strategyHandlers, strategy],
      ["ManualBackup on OceanBase Cloud", backupHandlers, tenantBackup],
      ["ManualBackup on TaurusDB", backupHandlers, hw],
    ];
    for (const [what, h, r] of cases) {
      const read = await rejection(h.read(r.id, r.outs, wrongPrefix()));
      expect({ what, message: read.message }).toEqual({ what, message: expect.stringMatching(/404/) });
    }
    // OceanBase Cloud has no delete call (delete only forgets), so only the other two can be asked to delete.
    for (const [what, h, r] of cases.filter(([what]) => what !== "ManualBackup on OceanBase Cloud")) {
      const del = await rejection(h.delete(r.id, r.outs, wrongPrefix()));
      expect({ what, message: del.message }).toEqual({ what, message: expect.stringMatching(/404/) });
    }
    const objects = await emu.control.objects();
    expect(Object.keys(objects["ocp"].strategies)).toHaveLength(1);
    const manual = (objects["huawei-taurusdb"].backups as { id: string }[]).filter((b) => b.id === hw.id.split("/")[2]);
    expect(manual).toHaveLength(1);
    // With the right endpoint the same calls work: the objects were there all along.
    expect(await strategyHandlers.read(strategy.id, strategy.outs, context())).toBeDefined();
    expect(await backupHandlers.read(tenantBackup.id, tenantBackup.outs, context())).toBeDefined();
  });

  it("a wrong project id never makes a refresh drop an OceanBase Cloud backup or restored tenant", async () => {
    const backup = await created(backupHandlers, { platform: "oceanbase-cloud", instanceId: DEMO, tenantId: "t-demo" });
    const badProject = context({ "dbbackup:oceanbaseProjectId": "no-such-project" });
    expect((await rejection(backupHandlers.read(backup.id, backup.outs, badProject))).message).toContain("ProjectNotFound");
    expect((await rejection(tenantHandlers.read(`${DEMO}/t-demo`, {}, badProject))).message).toContain("ProjectNotFound");
    expect(await backupHandlers.read(backup.id, backup.outs, context())).toBeDefined();
  });

  it("TaurusDB: a backup that held the name before the request is never taken as the new one", async () => {
    const first = await created(backupHandlers, { platform: "huawei-taurusdb", instanceId: HW_INSTANCE, name: "nightly-x" });
    await emu.control.addFault({ method: "POST", path: `^${HW_CREATE}$`, action: "reset-after" });
    const { inputs } = await backupHandlers.check({}, { platform: "huawei-taurusdb", instanceId: HW_INSTANCE, name: "nightly-x" }, context());
    const e = await rejection(backupHandlers.create(inputs, context()));
    expect(e.message).toContain(`name "nightly-x" is already taken on TaurusDB instance ${HW_INSTANCE} by backup ${first.id.split("/")[2]}`);
    const manual = ((await emu.control.objects())["huawei-taurusdb"].backups as { name: string }[]).filter((b) => b.name === "nightly-x");
    expect(manual).toHaveLength(1);
  });

  it("OceanBase: after a lost answer, a backup set the platform lists late is adopted, not started a second time", async () => {
    // The start acts but its answer is lost, and the list shows the new set only 200 ms (virtual and real) later.
    await emu.control.unfreeze();
    await emu.control.setDurations({ "oceanbase.setListedAfterMs": 200 });
    await emu.control.addFault({ method: "POST", path: `^${OB_START}$`, action: "reset-after" });
    const before = ((await emu.control.objects())["oceanbase-cloud"].backupSets as unknown[]).length;
    const { id } = await created(backupHandlers, { platform: "oceanbase-cloud", instanceId: DEMO, tenantId: "t-demo" });
    const sets = (await emu.control.objects())["oceanbase-cloud"].backupSets as { backupSetId: string }[];
    expect(sets).toHaveLength(before + 1);
    expect(id).toBe(`oceanbase-cloud/${DEMO}/${sets.at(-1)?.backupSetId}`);
    const starts = (await emu.control.requests()).filter((r) => r.method === "POST" && r.path === OB_START);
    expect(starts.map((r) => r.status)).toEqual(["reset"]);
  });
});
