// examples/huawei-only through the offline runner, as checked in: two TaurusDB backups named after the stack, a
// second run unchanged, a stack name that breaks TaurusDB's name rules (a leading digit, dots, too long) made into
// valid names (the emulator enforces the rules, so a bad name would fail the run), and destroy deleting every
// backup the program created.
import * as path from "node:path";
import {
  EXAMPLES_DIR,
  TempDirs,
  expectUnchangedRerun,
  copyExampleForStack,
  exampleStack,
  expectExit,
  stringOutput,
  taurusManualBackups,
  useRunnerEmulator,
  type ExampleStack,
} from "./support";

// TaurusDB backup names: 4–64 characters, starting with a letter; letters, digits, "-" and "_".
const BACKUP_NAME = /^[A-Za-z][A-Za-z0-9_-]{3,63}$/;
// Starts with a digit, holds dots, and is longer than a backup name may be.
const ODD_STACK = `2024.q1.${"x".repeat(70)}`;

describe("examples/huawei-only through the offline runner", () => {
  const emu = useRunnerEmulator();
  const temp = new TempDirs();
  let dev: ExampleStack;
  let odd: ExampleStack;
  beforeAll(() => {
    dev = exampleStack(path.join(EXAMPLES_DIR, "huawei-only"), "dev", () => emu.url, temp);
    odd = exampleStack(copyExampleForStack("huawei-only", ODD_STACK, temp), ODD_STACK, () => emu.url, temp);
  });
  afterAll(() => temp.removeAll());

  it("creates two COMPLETED backups named after the stack", async () => {
    const run = await dev.run();
    expectExit(run, 0);
    expect(run.stdout).toContain("Plan: 2 to create.");
    const out = dev.outputs();
    expect([out.baselineBackupName, out.beforeMigrationBackupName]).toEqual(["dev-baseline", "dev-before-migration"]);
    expect([out.baselineStatus, out.beforeMigrationStatus]).toEqual(["COMPLETED", "COMPLETED"]);
    expect(out.baselineSizeBytes).toBeGreaterThan(0);
    expect(out.beforeMigrationSizeBytes).toBeGreaterThan(0);
    expect(taurusManualBackups(await emu.control.objects())).toEqual(
      expect.arrayContaining([
        { id: stringOutput(out, "baselineBackupId"), name: "dev-baseline" },
        { id: stringOutput(out, "beforeMigrationBackupId"), name: "dev-before-migration" },
      ]),
    );
  }, 60_000);

  it("a second run is unchanged and sends nothing that changes anything", async () => {
    await expectUnchangedRerun(dev, emu.control, 2);
  }, 60_000);

  it("a stack name that is no valid backup name gives valid ones: a letter first, no dots, at most 64 characters", async () => {
    expectExit(await odd.run(), 0);
    const names = [stringOutput(odd.outputs(), "baselineBackupName"), stringOutput(odd.outputs(), "beforeMigrationBackupName")];
    expect(names[0]).toMatch(/^stack-2024-q1-x+-baseline$/);
    expect(names[1]).toMatch(/^stack-2024-q1-x+-before-migration$/);
    for (const name of names) {
      expect(name).toMatch(BACKUP_NAME);
      expect(name).toHaveLength(64);
    }
    expect(odd.outputs().baselineStatus).toBe("COMPLETED");
  }, 60_000);

  it("destroy deletes every backup the stacks created", async () => {
    for (const s of [dev, odd]) {
      const run = await s.run(["--destroy"]);
      expectExit(run, 0);
      expect(run.stdout).toContain("Resources: 2 deleted.");
      expect(s.resources()).toEqual([]);
    }
    expect(taurusManualBackups(await emu.control.objects())).toEqual([]);
  }, 90_000);
});
