// examples/estate through the Pulumi CLI: a schedule, a pre-change backup on each platform and a restore drill at the
// latest restorable point; preview → up → no changes (preview and refresh) → destroy, which leaves the singleton
// schedules in place (OceanBase Cloud) or puts back what it found (TaurusDB).
import { changingRequests, dbbackupResources, expectExit, expectNoChanges, resourceNamed, tenantsOn, useExampleStack } from "./support";

/* eslint-disable @typescript-eslint/no-explicit-any -- the emulator's family state is untyped JSON */
function cloudStrategy(objects: Record<string, any>): any {
  return objects["oceanbase-cloud"].backupStrategies["obcluster-demo"];
}

function taurusPolicy(objects: Record<string, any>): any {
  return objects["huawei-taurusdb"].instances["d8e6ca5a624745bcb546a227aa3ae1cfin01"].policy;
}

function ocpTenantBackups(objects: Record<string, any>): any[] {
  return Object.values(objects.ocp.backups as Record<string, any>);
}
/* eslint-enable @typescript-eslint/no-explicit-any */

describe("examples/estate through the Pulumi CLI", () => {
  const e2e = useExampleStack("estate");
  const emu = e2e.emu;
  let policyBefore: unknown;

  it("preview reads the windows and backup sets but changes nothing", async () => {
    policyBefore = taurusPolicy(await emu.control.objects());
    const preview = await e2e.stack.deploy(["--preview"]);
    expectExit(preview, 0);
    expect(preview.stdout).toMatch(/\+ 8 to create/);
    const log = await emu.control.requests();
    expect(changingRequests(log)).toEqual([]);
    expect(log.some((r) => r.method === "GET" && r.path === "/api/v2/instances/obcluster-demo/backup/restore/tenants")).toBe(true);
  }, 180_000);

  it("up applies three schedules, takes three backups and passes the drill at the latest point", async () => {
    const up = await e2e.stack.deploy();
    expectExit(up, 0);
    expect(up.stdout).toMatch(/\+ 8 created/);
    const out = await e2e.stack.outputs();
    expect(out.verdict).toMatch(/^PASS: tenant estate_drill ONLINE, restored to \d{4}-\d\d-\d\dT/);
    expect(out.backupsBeforeChange).toEqual({ ocp: "SUCCESSFUL", oceanbaseCloud: "DONE", taurusdb: "COMPLETED" });
    expect(out.restoreWindowCount).toBeGreaterThan(0);

    const objects = await emu.control.objects();
    expect(cloudStrategy(objects)).toMatchObject({ backupScheduleMode: "WEEK", scheduleTime: "20:00:00Z", timeList: [1, 3, 5], dataMaintainDays: 14 });
    expect(taurusPolicy(objects)).toMatchObject({ keep_days: 7, start_time: "21:00-22:00", period: "1,2,3,4,5,6,7" });
    expect(ocpTenantBackups(objects)).toHaveLength(1);
    expect(tenantsOn(objects, "obcluster-drill").map((t) => t.tenantName)).toEqual(["estate_drill"]);
    // The point "latest" chose is recorded; the argument stays "latest".
    const drill = resourceNamed(await e2e.stack.exportState(), "estate-restore-drill");
    expect(drill.outputs?.["restoreTime"]).toBe("latest");
    expect(drill.outputs?.["restorePoint"]).toBe(out.drillRestorePoint);
  }, 180_000);

  it("a second preview and a refresh find nothing to change, though the latest point has moved", async () => {
    await expectNoChanges(e2e.stack, emu.control);
  }, 180_000);

  it("destroy leaves OceanBase Cloud's schedule in place, puts TaurusDB's back and removes the drill tenant", async () => {
    const run = await e2e.stack.deploy(["--destroy"]);
    expectExit(run, 0);
    expect(run.stdout).toMatch(/instance obcluster-demo: the strategy stays in place .* backups remain scheduled/);
    expect(run.stdout).toMatch(/TaurusDB instance d8e6ca5a624745bcb546a227aa3ae1cfin01: wrote back the adopted policy/);
    const objects = await emu.control.objects();
    expect(cloudStrategy(objects)).toMatchObject({ backupScheduleMode: "WEEK", timeList: [1, 3, 5] });
    expect(taurusPolicy(objects)).toEqual(policyBefore);
    expect(tenantsOn(objects, "obcluster-drill")).toEqual([]);
    expect(ocpTenantBackups(objects)).toHaveLength(1);
    expect(dbbackupResources(await e2e.stack.exportState())).toEqual([]);
  }, 180_000);
});
