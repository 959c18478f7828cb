// The quickstart (the repository's root project, program examples/quickstart/) through the real Pulumi CLI, step by
// step as Pulumi's ProgramTest does: preview → up → preview and refresh expecting no changes → an edit updated in
// place → an edit that replaces → destroy, each checked against Pulumi's display, `pulumi stack export` and the
// emulator's own objects and request log.
import {
  backupSetIds,
  changingRequests,
  dbbackupResources,
  expectExit,
  expectNoChanges,
  ocpStrategies,
  resourceNamed,
  taurusManualBackups,
  tenantsOn,
  useExampleStack,
} from "./support";

const TYPE = "pulumi-nodejs:dynamic/dbbackup:";
const RESOURCES = {
  "weekly-physical": "BackupStrategy",
  "shop-orders-items": "ManualBackup",
  "demo-tenant": "ManualBackup",
  "taurus-before-upgrade": "ManualBackup",
  "demo-restore-drill": "RestoredTenant",
} as const;

describe("examples/quickstart through the Pulumi CLI", () => {
  const e2e = useExampleStack("quickstart");
  const emu = e2e.emu;

  it("preview: plans the five resources and sends nothing that changes anything", async () => {
    const run = await e2e.stack.deploy(["--preview"]);
    expectExit(run, 0);
    expect(run.stdout).toContain("Previewing update (e2e)");
    for (const [name, kind] of Object.entries(RESOURCES)) expect(run.stdout).toMatch(new RegExp(`\\+ +${TYPE}${kind} ${name} create`));
    expect(run.stdout).toMatch(/\+ 6 to create/);
    expect(changingRequests(await emu.control.requests())).toEqual([]);
  }, 120_000);

  it("up: creates every resource; outputs, state and the platforms agree", async () => {
    const run = await e2e.stack.deploy();
    expectExit(run, 0);
    expect(run.stdout).toContain("Updating (e2e)");
    expect(run.stdout).toMatch(/\+ 6 created/);

    const out = await e2e.stack.outputs();
    expect(out.strategyTaskStatus).toBe("SUCCESSFUL");
    expect([out.tableBackupStatus, out.tenantBackupStatus, out.taurusBackupStatus]).toEqual(["DONE", "DONE", "COMPLETED"]);
    expect(out.restoredTenantStatus).toBe("ONLINE");
    expect(out.restoredTo).toBe(`obcluster-drill/drill_demo at ${String(out.tenantBackupCheckpoint)}`);

    const objects = await emu.control.objects();
    expect(tenantsOn(objects, "obcluster-drill")).toEqual([{ tenantId: out.restoredTenantId, tenantName: "drill_demo" }]);
    expect(backupSetIds(objects)).toEqual(expect.arrayContaining([out.tableBackupId, out.tenantBackupId]));
    expect(taurusManualBackups(objects).map((b) => b.id)).toEqual([out.taurusBackupId]);
    expect(Object.keys(ocpStrategies(objects))).toEqual(["1000005"]);

    const ids = Object.fromEntries(dbbackupResources(await e2e.stack.exportState()).map((r) => [r.urn.split("::").pop(), r.id]));
    expect(ids).toEqual({
      "weekly-physical": "1000005",
      "shop-orders-items": `oceanbase-cloud/obcluster-demo/${String(out.tableBackupId)}`,
      "demo-tenant": `oceanbase-cloud/obcluster-demo/${String(out.tenantBackupId)}`,
      "taurus-before-upgrade": `huawei-taurusdb/0483b6b16e954cb88930a360d2c4e663/${String(out.taurusBackupId)}`,
      "demo-restore-drill": `obcluster-drill/${String(out.restoredTenantId)}`,
    });
  }, 120_000);

  it("preview and refresh with --expect-no-changes pass and change nothing on the platforms", async () => {
    await expectNoChanges(e2e.stack, emu.control);
  }, 120_000);

  it("an edit of the strategy's retention updates it in place: same strategy, new retention, nothing else touched", async () => {
    const before = ocpStrategies(await emu.control.objects())["1000005"];
    await e2e.stack.setConfig("retentionDays", "21");
    await emu.control.clearRequests();
    const run = await e2e.stack.deploy();
    expectExit(run, 0);
    expect(run.stdout).toMatch(/~ 1 updated/);
    expect(run.stdout).toMatch(/5 unchanged/);
    const after = ocpStrategies(await emu.control.objects())["1000005"];
    expect(after.id).toBe(before.id);
    expect(after.body.obBackupScheduleConfig.backupDataRetentionDays).toBe(21);
    expect(changingRequests(await emu.control.requests()).every((r) => r.includes("/clusters/1000005/"))).toBe(true);
    expect((await e2e.stack.outputs()).strategyId).toBe(before.id);
  }, 120_000);

  it("an edit of the TaurusDB backup's name replaces it: the new backup is taken before the old one is deleted", async () => {
    const oldId = (await e2e.stack.outputs()).taurusBackupId;
    await e2e.stack.setConfig("taurusBackupName", "quickstart-before-upgrade-2");
    await emu.control.clearRequests();
    const run = await e2e.stack.deploy();
    expectExit(run, 0);
    expect(run.stdout).toMatch(/\+-1 replaced/);
    const newId = (await e2e.stack.outputs()).taurusBackupId;
    expect(newId).not.toBe(oldId);
    expect(taurusManualBackups(await emu.control.objects()).map((b) => [b.id, b.name])).toEqual([[newId, "quickstart-before-upgrade-2"]]);
    // Create before delete: the old backup goes only once the new one exists.
    const writes = changingRequests(await emu.control.requests()).filter((r) => r.includes("/backups"));
    const created = writes.findIndex((r) => r.startsWith("POST "));
    const deleted = writes.findIndex((r) => r.startsWith("DELETE ") && r.includes(String(oldId)));
    expect(created).toBeGreaterThanOrEqual(0);
    expect(deleted).toBeGreaterThan(created);
    expect(resourceNamed(await e2e.stack.exportState(), "taurus-before-upgrade").id).toContain(String(newId));
  }, 120_000);

  it("destroy: no strategy, drill tenant or TaurusDB backup is left; the OceanBase Cloud backup sets are only forgotten", async () => {
    const { tableBackupId, tenantBackupId } = await e2e.stack.outputs();
    await emu.control.clearRequests();
    const run = await e2e.stack.deploy(["--destroy"]);
    expectExit(run, 0);
    expect(run.stdout).toMatch(/- 6 deleted/);
    expect(run.stdout).toContain("OceanBase Cloud has no API to delete a backup set");
    expect(dbbackupResources(await e2e.stack.exportState())).toEqual([]);

    const objects = await emu.control.objects();
    expect(ocpStrategies(objects)).toEqual({});
    expect(tenantsOn(objects, "obcluster-drill")).toEqual([]);
    expect(taurusManualBackups(objects)).toEqual([]);
    // The fixtures' tenants are untouched; the program's two backup sets remain on the platform, as on the real one.
    expect(tenantsOn(objects, "obcluster-demo").map((t) => t.tenantId).sort()).toEqual(["t-demo", "t-report"]);
    expect(backupSetIds(objects)).toEqual(expect.arrayContaining([tableBackupId, tenantBackupId]));
    const deletes = changingRequests(await emu.control.requests()).filter((r) => r.startsWith("DELETE "));
    expect(deletes.some((r) => r.includes(String(tableBackupId)) || r.includes(String(tenantBackupId)))).toBe(false);
  }, 120_000);
});
