// examples/restore-drill through the Pulumi CLI: a tenant backup, a scratch tenant restored at its checkpoint and a
// PASS verdict; preview → up → no changes → a wait-only edit → a size edit (replacement, old tenant first since the
// new one takes its name) → destroy.
import {
  backupSetIds,
  changingRequests,
  dbbackupResources,
  expectExit,
  expectNoChanges,
  tenantsOn,
  useExampleStack,
} from "./support";

describe("examples/restore-drill through the Pulumi CLI", () => {
  const e2e = useExampleStack("restore-drill");
  const emu = e2e.emu;

  it("preview sends nothing; up backs up, restores and exports a PASS verdict", async () => {
    expectExit(await e2e.stack.deploy(["--preview"]), 0);
    expect(changingRequests(await emu.control.requests())).toEqual([]);

    const up = await e2e.stack.deploy();
    expectExit(up, 0);
    const out = await e2e.stack.outputs();
    expect(out.verdict).toMatch(/^PASS: tenant drill_e2e_[0-9a-f]{6} \(.+\) ONLINE, restored to /);
    const objects = await emu.control.objects();
    expect(tenantsOn(objects, "obcluster-drill").map((t) => t.tenantId)).toEqual([out.scratchTenantId]);
    expect(backupSetIds(objects)).toContain(out.backupSetId);
  }, 120_000);

  it("a second preview and a refresh find nothing to change", async () => {
    await expectNoChanges(e2e.stack, emu.control);
  }, 120_000);

  it("a new restore timeout is an in-place update that sends nothing", async () => {
    await e2e.stack.setConfig("restoreTimeoutMinutes", "90");
    await emu.control.clearRequests();
    const run = await e2e.stack.deploy();
    expectExit(run, 0);
    expect(run.stdout).toMatch(/~ 1 updated/);
    expect(changingRequests(await emu.control.requests())).toEqual([]);
  }, 120_000);

  it("a new tenant size replaces the scratch tenant, deleting the old one before restoring the new one", async () => {
    const { scratchTenantId: oldId } = await e2e.stack.outputs();
    await e2e.stack.setConfig("tenantCpu", "2");
    await emu.control.clearRequests();
    const run = await e2e.stack.deploy();
    expectExit(run, 0);
    expect(run.stdout).toMatch(/\+-1 replaced/);
    const out = await e2e.stack.outputs();
    expect(out.scratchTenantId).not.toBe(oldId);
    expect(out.verdict).toMatch(/^PASS: /);
    expect(tenantsOn(await emu.control.objects(), "obcluster-drill").map((t) => t.tenantId)).toEqual([out.scratchTenantId]);
    const writes = changingRequests(await emu.control.requests());
    const deleted = writes.indexOf(`DELETE /api/v2/instances/obcluster-drill/tenants/${String(oldId)}`);
    const restored = writes.findIndex((r) => r.endsWith("/backup/restore"));
    expect(deleted).toBeGreaterThanOrEqual(0);
    expect(restored).toBeGreaterThan(deleted);
  }, 120_000);

  it("destroy removes the scratch tenant; the backup set stays (no delete API)", async () => {
    const { backupSetId } = await e2e.stack.outputs();
    const run = await e2e.stack.deploy(["--destroy"]);
    expectExit(run, 0);
    const objects = await emu.control.objects();
    expect(tenantsOn(objects, "obcluster-drill")).toEqual([]);
    expect(backupSetIds(objects)).toContain(backupSetId);
    expect(dbbackupResources(await e2e.stack.exportState())).toEqual([]);
  }, 120_000);
});
