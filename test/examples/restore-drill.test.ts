// examples/restore-drill through the offline runner, as checked in: a fresh tenant backup restored into a scratch
// tenant whose name comes from the stack (no date: a second run is unchanged), a PASS verdict that names the tenant,
// the restore point and the backup set; another stack drills side by side under its own name; destroy removes the
// scratch tenants (the backup sets stay: OceanBase Cloud has no delete API).
import * as path from "node:path";
import {
  EXAMPLES_DIR,
  TempDirs,
  backupSetIds,
  expectUnchangedRerun,
  copyExampleForStack,
  exampleStack,
  expectExit,
  stringOutput,
  tenantsOn,
  useRunnerEmulator,
  type ExampleStack,
} from "./support";

// Tenant names (OceanBase Cloud restore rule): 2–20 letters, digits or "_", starting with a letter or "_".
const TENANT_NAME = /^[A-Za-z_][A-Za-z0-9_]{1,19}$/;

describe("examples/restore-drill through the offline runner", () => {
  const emu = useRunnerEmulator();
  const temp = new TempDirs();
  let dev: ExampleStack;
  let other: ExampleStack;
  beforeAll(() => {
    dev = exampleStack(path.join(EXAMPLES_DIR, "restore-drill"), "dev", () => emu.url, temp);
    other = exampleStack(copyExampleForStack("restore-drill", "ci.weekly-drill", temp), "ci.weekly-drill", () => emu.url, temp);
  });
  afterAll(() => temp.removeAll());

  it("backs up, restores into a scratch tenant named after the stack, and exports a PASS verdict", async () => {
    const run = await dev.run();
    expectExit(run, 0);
    expect(run.stdout).toContain("Plan: 2 to create.");
    const out = dev.outputs();
    expect(out.backupStatus).toBe("DONE");
    const setId = stringOutput(out, "backupSetId");
    const checkpoint = stringOutput(out, "backupCheckpoint");
    const tenantId = stringOutput(out, "scratchTenantId");
    const [instance, tenantName] = stringOutput(out, "scratchTenant").split("/");
    expect(instance).toBe("obcluster-drill");
    expect(tenantName).toMatch(/^drill_dev_[0-9a-f]{6}$/);
    expect(out.verdict).toBe(`PASS: tenant ${String(tenantName)} (${tenantId}) ONLINE, restored to ${checkpoint} from ${setId}`);
    expect(run.stdout).toMatch(/\n {4}verdict *: "PASS: /);

    const objects = await emu.control.objects();
    expect(tenantsOn(objects, "obcluster-drill")).toEqual([{ tenantId, tenantName }]);
    expect(backupSetIds(objects)).toContain(setId);
  }, 60_000);

  it("a second run of the same stack is unchanged and sends nothing that changes anything", async () => {
    await expectUnchangedRerun(dev, emu.control, 2);
  }, 60_000);

  it("another stack drills beside it under its own valid scratch tenant name", async () => {
    const run = await other.run();
    expectExit(run, 0);
    const out = other.outputs();
    const tenantName = stringOutput(out, "scratchTenant").split("/")[1];
    expect(tenantName).toMatch(TENANT_NAME);
    expect(tenantName).toMatch(/^drill_ci_week_[0-9a-f]{6}$/);
    expect(stringOutput(out, "verdict")).toMatch(/^PASS: /);
    const names = tenantsOn(await emu.control.objects(), "obcluster-drill").map((t) => t.tenantName);
    expect(names.sort()).toEqual([tenantName, stringOutput(dev.outputs(), "scratchTenant").split("/")[1]].sort());
  }, 60_000);

  it("destroy removes the scratch tenants; the drills' backup sets stay on the platform", async () => {
    const sets = [stringOutput(dev.outputs(), "backupSetId"), stringOutput(other.outputs(), "backupSetId")];
    for (const s of [dev, other]) {
      const run = await s.run(["--destroy"]);
      expectExit(run, 0);
      expect(run.stdout).toContain("Resources: 2 deleted.");
      expect(s.resources()).toEqual([]);
    }
    const objects = await emu.control.objects();
    expect(tenantsOn(objects, "obcluster-drill")).toEqual([]);
    expect(backupSetIds(objects)).toEqual(expect.arrayContaining(sets));
  }, 90_000);
});
