// examples/huawei-only through the Pulumi CLI: two TaurusDB backups named after the stack; preview → up → no
// changes → a wait-only edit (in place, nothing sent) → a new name (replacement) → destroy.
import {
  changingRequests,
  dbbackupResources,
  expectExit,
  expectNoChanges,
  resourceNamed,
  taurusManualBackups,
  useExampleStack,
} from "./support";

describe("examples/huawei-only through the Pulumi CLI", () => {
  const e2e = useExampleStack("huawei-only");
  const emu = e2e.emu;

  it("preview plans two backups and sends nothing; up takes them, named after the stack", async () => {
    const preview = await e2e.stack.deploy(["--preview"]);
    expectExit(preview, 0);
    expect(preview.stdout).toMatch(/\+ 3 to create/);
    expect(changingRequests(await emu.control.requests())).toEqual([]);

    const up = await e2e.stack.deploy();
    expectExit(up, 0);
    expect(up.stdout).toMatch(/\+ 3 created/);
    const out = await e2e.stack.outputs();
    expect([out.baselineStatus, out.beforeMigrationStatus]).toEqual(["COMPLETED", "COMPLETED"]);
    const backups = taurusManualBackups(await emu.control.objects());
    expect(backups.map((b) => [b.id, b.name]).sort()).toEqual(
      [
        [out.baselineBackupId, "e2e-baseline"],
        [out.beforeMigrationBackupId, "e2e-before-migration"],
      ].sort(),
    );
  }, 120_000);

  it("a second preview and a refresh find nothing to change", async () => {
    await expectNoChanges(e2e.stack, emu.control);
  }, 120_000);

  it("a new timeoutMinutes is an in-place update that sends nothing to TaurusDB", async () => {
    await e2e.stack.setConfig("beforeMigrationTimeoutMinutes", "45");
    await emu.control.clearRequests();
    const run = await e2e.stack.deploy();
    expectExit(run, 0);
    expect(run.stdout).toMatch(/~ 1 updated/);
    expect(changingRequests(await emu.control.requests())).toEqual([]);
    expect(resourceNamed(await e2e.stack.exportState(), "before-migration").inputs?.timeoutMinutes).toBe(45);
  }, 120_000);

  it("a new name replaces the backup: a new one carries it and the old one is deleted", async () => {
    const { beforeMigrationBackupId: oldId, baselineBackupId } = await e2e.stack.outputs();
    await e2e.stack.setConfig("beforeMigrationName", "e2e-second-try");
    const run = await e2e.stack.deploy();
    expectExit(run, 0);
    expect(run.stdout).toMatch(/\+-1 replaced/);
    const { beforeMigrationBackupId: newId } = await e2e.stack.outputs();
    expect(newId).not.toBe(oldId);
    const backups = taurusManualBackups(await emu.control.objects());
    expect(backups.map((b) => b.id).sort()).toEqual([baselineBackupId, newId].sort());
    expect(backups.find((b) => b.id === newId)?.name).toBe("e2e-second-try");
  }, 120_000);

  it("destroy deletes both backups", async () => {
    const run = await e2e.stack.deploy(["--destroy"]);
    expectExit(run, 0);
    expect(run.stdout).toMatch(/- 3 deleted/);
    expect(taurusManualBackups(await emu.control.objects())).toEqual([]);
    expect(dbbackupResources(await e2e.stack.exportState())).toEqual([]);
  }, 120_000);
});
