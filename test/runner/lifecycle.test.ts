// The offline runner over one stack's life, against the emulator and the real dynamic-provider host: the first run
// creates, the second changes nothing, an edited program updates in place or replaces (create-before-delete, or
// delete-before-replace where the platform needs the name back), a resource dropped from the program is deleted,
// and destroy deletes dependents before what they depend on.
import { huaweiBackup, program, strategy, tableBackup, tenantBackupAndDrill } from "./fixtures/programs";
import { createProject, expectExit, planLineOf, readState, resourceNamed, runRunner, useRunnerEmulator, writes, type TestProject } from "./support";
import { EMULATOR_CREDENTIALS } from "../support/provider-host";

const HW_PROJECT = EMULATOR_CREDENTIALS.huawei.projectId;

describe("offline runner: a stack's lifecycle", () => {
  const emu = useRunnerEmulator();
  let project: TestProject;
  const v1 = (): string => program(strategy(), tableBackup(), huaweiBackup(), tenantBackupAndDrill());

  beforeAll(() => {
    project = createProject(emu.url, v1());
  });
  afterAll(() => project?.remove());

  it("first run: plans a create for every resource, applies them (dependents after their dependencies) and prints the outputs", async () => {
    const run = await runRunner(project);
    expectExit(run, 0);
    for (const name of ["weekly", "tables", "hw", "tenant"]) expect(planLineOf(run.stdout, name)).toMatch(new RegExp(`^ {2}\\+ {2}create {5}${name} \\(dbbackup:`));
    // The drill's restore time comes from the tenant backup, unknown until it is applied.
    expect(planLineOf(run.stdout, "drill")).toMatch(/create .*drill \(dbbackup:RestoredTenant\) +\[restoreTime: \(known after apply\)\]/);
    expect(run.stdout).toContain("Plan: 5 to create.");
    const lines = run.stdout.split("\n");
    const createdAt = (name: string): number => lines.findIndex((l) => l.startsWith(`  + ${name} (`) && l.includes(": created in "));
    for (const name of ["weekly", "tables", "hw", "tenant", "drill"]) expect(createdAt(name)).toBeGreaterThan(0);
    expect(createdAt("drill")).toBeGreaterThan(createdAt("tenant"));

    const state = readState(project);
    expect(state.resources.map((r) => r.urn.split("::").pop()).sort()).toEqual(["drill", "hw", "tables", "tenant", "weekly"]);
    const drill = resourceNamed(state, "drill");
    expect(drill.dependencies).toContain(resourceNamed(state, "tenant").urn);
    expect(resourceNamed(state, "hw").id).toMatch(new RegExp(`^huawei-taurusdb/${HW_PROJECT}/`));
    // Outputs printed at the end, from the real outputs.
    const hwId = String(resourceNamed(state, "hw").outputs.backupId);
    expect(run.stdout).toMatch(new RegExp(`\\n {4}hwBackupId +: "${hwId}"\\n`));
    expect(run.stdout).toMatch(/\n {4}hwStatus +: "COMPLETED"\n/);
    expect(run.stdout).toMatch(/\n {4}restoredTenantId *: "[^"]+"\n/);
    expect(state.outputs.hwBackupId).toBe(hwId);
  });

  it("second run: every resource unchanged, no changes reported and nothing but reads sent", async () => {
    await emu.control.clearRequests();
    const run = await runRunner(project);
    expectExit(run, 0);
    for (const name of ["weekly", "tables", "hw", "tenant", "drill"]) expect(planLineOf(run.stdout, name)).toMatch(/^ {5}unchanged {2}/);
    expect(run.stdout).toContain("No changes: 5 resources unchanged.");
    expect(run.stdout).not.toContain("Applying:");
    expect(run.stdout).toContain("Resources: 5 unchanged.");
    expect(writes(await emu.control.requests())).toEqual([]);
  });

  it("edited program: BackupStrategy updated in place, ManualBackups replaced, with the changed properties named", async () => {
    const before = readState(project);
    const oldTables = resourceNamed(before, "tables");
    const oldHw = resourceNamed(before, "hw");
    project.write(program(strategy("03:30:00+08:00"), tableBackup(["orders"]), huaweiBackup("runner-backup", "", ""), tenantBackupAndDrill()).replace("taken by the runner test", "retaken by the runner test"));
    await emu.control.clearRequests();
    const run = await runRunner(project);
    expectExit(run, 0);

    expect(planLineOf(run.stdout, "weekly")).toMatch(/^ {2}~ {2}update {5}weekly \(dbbackup:BackupStrategy\) +\[obBackupScheduleConfig\.backupScheduleTime: "02:00:00\.000\+08:00" → "03:30:00\.000\+08:00"\]$/);
    expect(planLineOf(run.stdout, "tables")).toMatch(/^ {2}\+- replace {4}tables \(dbbackup:ManualBackup\) +\[.*databaseTables.*creates the new one, then deletes the old one\]/);
    // Same TaurusDB name on the same instance: the old backup must go first.
    expect(planLineOf(run.stdout, "hw")).toMatch(
      /^ {2}-\+ replace {4}hw \(dbbackup:ManualBackup\) +\[description: "taken by the runner test" → "retaken by the runner test"; deletes the old one first\]/,
    );
    expect(planLineOf(run.stdout, "tenant")).toMatch(/unchanged/);
    expect(run.stdout).toContain("Plan: 1 to update, 2 to replace, 2 unchanged.");

    const after = readState(project);
    expect(after.pendingDeletes).toEqual([]);
    expect(resourceNamed(after, "weekly").id).toBe(resourceNamed(before, "weekly").id);
    expect(resourceNamed(after, "tables").id).not.toBe(oldTables.id);
    expect(resourceNamed(after, "hw").id).not.toBe(oldHw.id);
    // Create-before-delete: the old table backup is deleted (forgotten: OceanBase Cloud has no delete API) after.
    const lines = run.stdout.split("\n");
    const replacedAt = lines.findIndex((l) => l.startsWith("  +- tables (dbbackup:ManualBackup): replaced"));
    const oldDeletedAt = lines.findIndex((l) => l.startsWith("  - tables (dbbackup:ManualBackup): deleted") && l.includes(oldTables.id));
    expect(replacedAt).toBeGreaterThan(0);
    expect(oldDeletedAt).toBeGreaterThan(replacedAt);
    // Delete-before-replace: DELETE of the old TaurusDB backup, then the POST creating the new one.
    const sent = writes(await emu.control.requests());
    const oldHwBackup = String(oldHw.outputs.backupId);
    const hwDelete = sent.indexOf(`DELETE /v3/${HW_PROJECT}/backups/${oldHwBackup}`);
    const hwCreate = sent.findIndex((w) => w === `POST /v3/${HW_PROJECT}/backups/create`);
    expect(hwDelete).toBeGreaterThanOrEqual(0);
    expect(hwCreate).toBeGreaterThan(hwDelete);
    // The in-place update: the strategy is changed (never deleted and re-created).
    const strategyWrites = sent.filter((w) => w.endsWith("/clusters/1000005/backup/config/backupStrategy"));
    expect(strategyWrites).toContain("PATCH /api/v2/ob/clusters/1000005/backup/config/backupStrategy");
    expect(strategyWrites.filter((w) => w.startsWith("DELETE ") || w.startsWith("POST "))).toEqual([]);
  });

  it("a resource dropped from the program is deleted", async () => {
    const hw = resourceNamed(readState(project), "hw");
    project.write(program(strategy("03:30:00+08:00"), tableBackup(["orders"]), tenantBackupAndDrill()));
    await emu.control.clearRequests();
    const run = await runRunner(project);
    expectExit(run, 0);
    expect(planLineOf(run.stdout, "hw")).toMatch(/^ {2}- {2}delete {5}hw \(dbbackup:ManualBackup\)/);
    expect(run.stdout).toContain("Plan: 1 to delete, 4 unchanged.");
    expect(writes(await emu.control.requests())).toEqual([`DELETE /v3/${HW_PROJECT}/backups/${String(hw.outputs.backupId)}`]);
    expect(readState(project).resources.map((r) => r.urn.split("::").pop()).sort()).toEqual(["drill", "tables", "tenant", "weekly"]);
  });

  it("destroy deletes every resource, dependents before their dependencies", async () => {
    // hw depends on drill (dependsOn) and drill on tenant (its restore time): destroy order hw, drill, tenant.
    project.write(program(strategy("03:30:00+08:00"), tableBackup(["orders"]), tenantBackupAndDrill(), huaweiBackup("runner-after-drill", "", "{ dependsOn: [drill] }")));
    expectExit(await runRunner(project), 0);
    const state = readState(project);
    expect(resourceNamed(state, "hw").dependencies).toEqual([resourceNamed(state, "drill").urn]);
    const drillTenant = String(resourceNamed(state, "drill").outputs.tenantId);
    const hwBackup = String(resourceNamed(state, "hw").outputs.backupId);

    await emu.control.clearRequests();
    const run = await runRunner(project, ["--destroy"]);
    expectExit(run, 0);
    expect(run.stdout).toContain("Plan: 5 to delete.");
    const lines = run.stdout.split("\n");
    const deletedAt = (name: string): number => lines.findIndex((l) => l.startsWith(`  - ${name} (`) && l.includes(": deleted in "));
    expect(deletedAt("hw")).toBeGreaterThan(0);
    expect(deletedAt("drill")).toBeGreaterThan(deletedAt("hw"));
    expect(deletedAt("tenant")).toBeGreaterThan(deletedAt("drill"));
    const sent = writes(await emu.control.requests());
    const hwDelete = sent.indexOf(`DELETE /v3/${HW_PROJECT}/backups/${hwBackup}`);
    const drillDelete = sent.indexOf(`DELETE /api/v2/instances/obcluster-drill/tenants/${drillTenant}`);
    expect(hwDelete).toBeGreaterThanOrEqual(0);
    expect(drillDelete).toBeGreaterThan(hwDelete);
    expect(readState(project).resources).toEqual([]);

    // Nothing the program created is left on the platforms (OceanBase Cloud backup sets cannot be deleted there).
    const json = JSON.stringify(await emu.control.objects());
    expect(json).not.toContain(hwBackup);
    expect(json).not.toContain(drillTenant);
  });
});
