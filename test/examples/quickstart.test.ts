// The quickstart (root Pulumi.yaml → examples/quickstart/, stack dev) through the offline runner, as checked in:
// the first run creates the five resources and every output is what the platforms report; the restore drill lands
// at the tenant backup's checkpoint and comes up ONLINE; a second run changes nothing and sends nothing that
// changes anything; destroy removes the strategy, the drill tenant and the TaurusDB backup, while the OceanBase
// Cloud backup sets stay on the platform (it has no delete API: the provider only forgets them, and says so).
import {
  REPO_ROOT,
  TempDirs,
  backupSetIds,
  changingRequests,
  expectUnchangedRerun,
  exampleStack,
  expectExit,
  ocpStrategyKeys,
  stringOutput,
  taurusManualBackups,
  tenantsOn,
  useRunnerEmulator,
  type ExampleStack,
} from "./support";

const KINDS = {
  "weekly-physical": "BackupStrategy",
  "shop-orders-items": "ManualBackup",
  "demo-tenant": "ManualBackup",
  "taurus-before-upgrade": "ManualBackup",
  "demo-restore-drill": "RestoredTenant",
} as const;

describe("examples/quickstart through the offline runner", () => {
  const emu = useRunnerEmulator();
  const temp = new TempDirs();
  let stack: ExampleStack;
  beforeAll(() => {
    stack = exampleStack(REPO_ROOT, "dev", () => emu.url, temp);
  });
  afterAll(() => temp.removeAll());

  it("first run: creates every resource and prints the backup ids, statuses, sizes and the restored tenant", async () => {
    const run = await stack.run();
    expectExit(run, 0);
    for (const [name, kind] of Object.entries(KINDS)) expect(run.stdout).toMatch(new RegExp(`\\+ {2}create {5}${name} \\(dbbackup:${kind}\\)`));
    expect(run.stdout).toContain("Plan: 5 to create.");
    expect(run.stdout).toContain("Resources: 5 created.");

    const out = stack.outputs();
    expect(run.stdout).toContain("Outputs:");
    for (const key of Object.keys(out)) expect(run.stdout).toMatch(new RegExp(`\\n {4}${key} *: `));

    expect(out.strategyId).toEqual(expect.any(Number));
    expect(out.strategyTaskStatus).toBe("SUCCESSFUL");
    expect(stringOutput(out, "tableBackupId")).toMatch(/^bak-[a-z0-9]+$/);
    expect(stringOutput(out, "tenantBackupId")).toMatch(/^bak-[a-z0-9]+$/);
    expect(out.tableBackupId).not.toBe(out.tenantBackupId);
    expect(stringOutput(out, "taurusBackupId")).toMatch(/^[0-9a-f-]{36}$/);
    expect([out.tableBackupStatus, out.tenantBackupStatus, out.taurusBackupStatus]).toEqual(["DONE", "DONE", "COMPLETED"]);
    for (const key of ["tableBackupSizeBytes", "tenantBackupSizeBytes", "taurusBackupSizeBytes"]) expect(out[key]).toBeGreaterThan(0);
    expect(out.restoredTenantStatus).toBe("ONLINE");

    // The drill restored to the tenant backup's checkpoint (a window's start, so restorable by construction).
    const checkpoint = stringOutput(out, "tenantBackupCheckpoint");
    expect(checkpoint).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(out.restoredTo).toBe(`obcluster-drill/drill_demo at ${checkpoint}`);

    // What the platforms hold now is what the outputs say.
    const objects = await emu.control.objects();
    expect(tenantsOn(objects, "obcluster-drill")).toEqual([{ tenantId: stringOutput(out, "restoredTenantId"), tenantName: "drill_demo" }]);
    expect(backupSetIds(objects)).toEqual(expect.arrayContaining([out.tableBackupId, out.tenantBackupId]));
    expect(taurusManualBackups(objects)).toEqual([{ id: out.taurusBackupId, name: "quickstart-before-upgrade" }]);
    expect(ocpStrategyKeys(objects)).toEqual(["1000005"]);
    const ids = Object.fromEntries(stack.resources().map((r) => [r.urn.split("::").pop(), r.id]));
    expect(ids).toEqual({
      "weekly-physical": "1000005",
      "shop-orders-items": `oceanbase-cloud/obcluster-demo/${String(out.tableBackupId)}`,
      "demo-tenant": `oceanbase-cloud/obcluster-demo/${String(out.tenantBackupId)}`,
      "taurus-before-upgrade": `huawei-taurusdb/0483b6b16e954cb88930a360d2c4e663/${String(out.taurusBackupId)}`,
      "demo-restore-drill": `obcluster-drill/${String(out.restoredTenantId)}`,
    });
  }, 60_000);

  it("second run: every resource unchanged, the same outputs, and no request that changes anything", async () => {
    const run = await expectUnchangedRerun(stack, emu.control, 5);
    for (const name of Object.keys(KINDS)) expect(run.stdout).toMatch(new RegExp(` unchanged {2}${name} \\(`));
  }, 60_000);

  it("destroy: no strategy, drill tenant or TaurusDB backup is left; the OceanBase Cloud backup sets are only forgotten", async () => {
    const { tableBackupId, tenantBackupId } = stack.outputs();
    await emu.control.clearRequests();
    const run = await stack.run(["--destroy"]);
    expectExit(run, 0);
    expect(run.stdout).toContain("Resources: 5 deleted.");
    expect(run.stdout).toContain("OceanBase Cloud has no API to delete a backup set");
    expect(stack.resources()).toEqual([]);
    expect(stack.outputs()).toEqual({});

    const objects = await emu.control.objects();
    expect(ocpStrategyKeys(objects)).toEqual([]);
    expect(tenantsOn(objects, "obcluster-drill")).toEqual([]);
    expect(taurusManualBackups(objects)).toEqual([]);
    // The fixtures' tenants are untouched; the program's two backup sets remain on the platform, as on the real one.
    expect(tenantsOn(objects, "obcluster-demo").map((t) => t.tenantId).sort()).toEqual(["t-demo", "t-report"]);
    expect(backupSetIds(objects)).toEqual(expect.arrayContaining([tableBackupId, tenantBackupId]));
    const deletes = changingRequests(await emu.control.requests()).filter((r) => r.startsWith("DELETE "));
    expect(deletes.some((r) => r.includes(String(tableBackupId)) || r.includes(String(tenantBackupId)))).toBe(false);
  }, 60_000);
});
