// The offline runner when things go wrong, and what it keeps out of sight: check failures stop the run before any
// request; a program that throws stops it at the preview; a create whose wait times out is recorded with its id and
// finished (updated, not re-created) by the next run; secrets never reach the state file in clear; long waits show
// one progress line per status change.
import * as fs from "node:fs";
import { huaweiBackup, program, strategy } from "./fixtures/programs";
import { createProject, expectExit, planLineOf, readState, resourceNamed, runRunner, useRunnerEmulator, writes, type TestProject } from "./support";
import { EMULATOR_CREDENTIALS, EMULATOR_SECRETS } from "../support/provider-host";

const HW_PROJECT = EMULATOR_CREDENTIALS.huawei.projectId;

describe("offline runner: failures before anything is applied", () => {
  const emu = useRunnerEmulator();
  const projects: TestProject[] = [];
  afterAll(() => projects.forEach((p) => p.remove()));

  it("check failures are printed with their property paths and nothing is sent or recorded", async () => {
    const project = createProject(emu.url, program(strategy(), huaweiBackup("9-starts-with-a-digit")));
    projects.push(project);
    await emu.control.clearRequests();
    const run = await runRunner(project);
    expectExit(run, 1);
    expect(run.stdout).toContain("Check failed; nothing was applied:");
    expect(run.stdout).toMatch(/\n {2}hw \(dbbackup:ManualBackup\):\n {4}name: [^\n]*letter/);
    expect(run.stdout).toContain("error: 1 resource failed its checks; nothing was applied");
    expect(run.stdout).not.toContain("Applying:");
    expect(await emu.control.requests()).toEqual([]);
    expect(fs.existsSync(project.stateFile)).toBe(false);
  });

  it("a program that throws fails the preview with its message", async () => {
    const project = createProject(emu.url, program(huaweiBackup(), `throw new Error("the program broke on purpose");`));
    projects.push(project);
    await emu.control.clearRequests();
    const run = await runRunner(project);
    expectExit(run, 1);
    expect(run.stdout).toContain("✗ the program failed: the program broke on purpose");
    expect(run.stdout).toContain("error: the preview failed; nothing was applied");
    expect(writes(await emu.control.requests())).toEqual([]);
  });
});

describe("offline runner: a partial failure is recorded and resumed", () => {
  // Frozen clock: the TaurusDB backup stays BUILDING until the test moves time on.
  const emu = useRunnerEmulator({ frozenClock: true });
  let project: TestProject;
  beforeAll(() => {
    project = createProject(emu.url, program(huaweiBackup("runner-partial", "\n  timeoutMinutes: 0.01,")));
  });
  afterAll(() => project?.remove());

  it("a create whose wait times out is recorded with its id and init errors; the run fails", async () => {
    const run = await runRunner(project);
    expectExit(run, 1);
    expect(run.stdout).toMatch(/✗ hw \(dbbackup:ManualBackup\): creating failed: .*BUILDING.*\(recorded in the state with id huawei-taurusdb\/[^)]+\)/);
    expect(run.stdout).toContain("error: the update failed (1 error)");
    const hw = resourceNamed(readState(project), "hw");
    expect(hw.id).toMatch(new RegExp(`^huawei-taurusdb/${HW_PROJECT}/`));
    expect(hw.outputs.status).toBe("BUILDING");
    expect(hw.initErrors?.length).toBeGreaterThan(0);
  });

  it("the next run finishes it with an update (no second create) and clears the init errors", async () => {
    const before = resourceNamed(readState(project), "hw");
    await emu.control.advance(60_000);
    await emu.control.clearRequests();
    const run = await runRunner(project);
    expectExit(run, 0);
    expect(planLineOf(run.stdout, "hw")).toMatch(/^ {2}~ {2}update {5}hw \(dbbackup:ManualBackup\) +\[finishes the last run's partial failure: .*BUILDING/);
    expect(run.stdout).toMatch(/\n {2}~ hw \(dbbackup:ManualBackup\): updated in /);
    expect(writes(await emu.control.requests())).toEqual([]);
    const after = resourceNamed(readState(project), "hw");
    expect(after.id).toBe(before.id);
    expect(after.outputs.status).toBe("COMPLETED");
    expect(after.initErrors).toBeUndefined();
  });
});

describe("offline runner: secrets and progress", () => {
  const emu = useRunnerEmulator();
  const OSS_SECRET = "oss-secret-runner-4711";
  const OUTPUT_SECRET = "output-secret-runner-8642";
  const oss = `{ backupStorageType: "BACKUP_STORAGE_OSS", storageUrl: "runner/backup", ossAccessKey: { endpoint: "oss-cn-hangzhou.aliyuncs.com", accessKeyId: "AKIDRUNNER", accessKeySecret: "${OSS_SECRET}" } }`;
  let project: TestProject;
  beforeAll(() => {
    project = createProject(emu.url, program(strategy("02:00:00+08:00", oss), `export const apiToken = pulumi.secret("${OUTPUT_SECRET}");`));
  });
  afterAll(() => project?.remove());

  it("secrets are encrypted in the state file and shown as [secret]", async () => {
    const run = await runRunner(project);
    expectExit(run, 0);
    expect(run.stdout).toMatch(/\n {4}apiToken *: \[secret\]\n/);
    const text = fs.readFileSync(project.stateFile, "utf8");
    for (const s of [OSS_SECRET, OUTPUT_SECRET, ...EMULATOR_SECRETS]) {
      expect(run.stdout).not.toContain(s);
      expect(text).not.toContain(s);
    }
    expect(text).toContain('"ciphertext": "v1:');
    expect(readState(project).resources).toHaveLength(1);
  });

  it("the encrypted state reads back: the next run (same passphrase) has no changes", async () => {
    const run = await runRunner(project);
    expectExit(run, 0);
    expect(run.stdout).toContain("No changes: 1 resource unchanged.");
    expect(run.stdout).toMatch(/\n {4}apiToken *: \[secret\]\n/);
  });

  it("a wrong or missing passphrase is refused before anything runs", async () => {
    await emu.control.clearRequests();
    const wrong = await runRunner(project, [], { PULUMI_CONFIG_PASSPHRASE: "not-the-passphrase" });
    expectExit(wrong, 1);
    expect(wrong.stdout).toContain("error: incorrect passphrase");
    const missing = await runRunner(project, [], { PULUMI_CONFIG_PASSPHRASE: undefined });
    expectExit(missing, 1);
    expect(missing.stdout).toContain("set PULUMI_CONFIG_PASSPHRASE");
    expect(await emu.control.requests()).toEqual([]);
  });

  it("a long wait shows one progress line per status change: resource, status, elapsed time", async () => {
    await emu.control.setDurations({ "taurusdb.backupMs": 1500 });
    const waiting = createProject(emu.url, program(huaweiBackup("runner-progress")), { name: "runner-progress" });
    try {
      const run = await runRunner(waiting);
      expectExit(run, 0);
      const lines = run.stdout.split("\n").filter((l) => l.startsWith("    hw (dbbackup:ManualBackup): "));
      expect(lines[0]).toBe("    hw (dbbackup:ManualBackup): creating");
      const building = lines.filter((l) => /is BUILDING; waiting until COMPLETED/.test(l));
      // The host polls every 50–200 ms for 1.5 s, yet the unchanged status is printed once, with its elapsed time.
      expect(building).toHaveLength(1);
      expect(building[0]).toMatch(/ \((\d+ms|\d+\.\ds)\)$/);
      expect(lines.some((l) => /is COMPLETED \(\d+\.\ds\)$/.test(l))).toBe(true);
      expect(new Set(lines).size).toBe(lines.length);
      expect(run.stdout).toMatch(/\n {2}\+ hw \(dbbackup:ManualBackup\): created in \d+\.\ds \(id huawei-taurusdb\//);
    } finally {
      waiting.remove();
    }
  });
});
