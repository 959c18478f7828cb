// The offline runner's guards against losing track of cloud objects: Ctrl-C lets the steps in flight finish, a create
// cut off by a second Ctrl-C stays pending and blocks the next run until --clear-pending; a run without the passphrase
// its secrets need stops before anything is sent; protected resources are neither replaced nor deleted;
// ignoreChanges hides changes; one run at a time per stack (lock file); additionalSecretOutputs stay secret in
// --preview.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import { huaweiBackup, program, strategy, tenantBackupAndDrill } from "./fixtures/programs";
import { childEnv, createProject, expectExit, planLineOf, readState, resourceNamed, runRunner, STACK, useRunnerEmulator, writes, type TestProject } from "./support";
import { runRunnerChild, type ChildRun } from "../../scripts/runner/spawn";

interface PendingState {
  pendingOperations?: { urn: string; type: string; name: string; op: string; startedAt: string }[];
}

/** Runs the runner and sends it SIGINT each time one of `triggers` (in order) first appears on its stdout. */
function runInterrupted(project: TestProject, triggers: RegExp[]): Promise<ChildRun> {
  let seen = "";
  let next = 0;
  let kill: ((s: NodeJS.Signals) => void) | undefined;
  return runRunnerChild(["--cwd", project.dir, "--stack", STACK], {
    env: childEnv(),
    onSpawn: (child) => (kill = (s) => child.kill(s)),
    onStdout: (chunk) => {
      seen += chunk;
      while (next < triggers.length && (triggers[next] as RegExp).test(seen)) {
        next++;
        kill?.("SIGINT");
      }
    },
  });
}

describe("offline runner: Ctrl-C and pending creates", () => {
  // Waits long enough (1.5 s) for a signal to land while a create is in flight.
  const emu = useRunnerEmulator({ durations: { "oceanbase.backupMs": 1500, "taurusdb.backupMs": 1500 } });
  const projects: TestProject[] = [];
  afterAll(() => projects.forEach((p) => p.remove()));

  it("the first Ctrl-C lets the create in flight finish and be recorded, and starts nothing after it", async () => {
    const project = createProject(emu.url, program(tenantBackupAndDrill()), { name: "runner-sigint" });
    projects.push(project);
    const run = await runInterrupted(project, [/tenant \(dbbackup:ManualBackup\): creating/]);
    expectExit(run, 130);
    expect(run.stdout).toContain("interrupted (SIGINT): finishing the steps in progress");
    expect(run.stdout).toMatch(/\n {2}\+ tenant \(dbbackup:ManualBackup\): created in /);
    expect(run.stdout).not.toMatch(/drill \(dbbackup:RestoredTenant\): creating/);
    expect(run.stdout).toContain("error: interrupted: the steps in progress finished and are recorded in the state file");
    const state = readState(project) as ReturnType<typeof readState> & PendingState;
    expect(state.resources.map((r) => r.urn.split("::").pop())).toEqual(["tenant"]);
    expect(resourceNamed(state, "tenant").outputs.status).toBeDefined();
    expect(state.pendingOperations).toEqual([]);
    expect(fs.existsSync(`${project.stateFile}.lock`)).toBe(false);
  });

  it("a second Ctrl-C exits at once; the create stays pending and the next run refuses until --clear-pending", async () => {
    const project = createProject(emu.url, program(huaweiBackup("runner-pending")), { name: "runner-pending" });
    projects.push(project);
    const cut = await runInterrupted(project, [/hw \(dbbackup:ManualBackup\): creating/, /finishing the steps in progress/]);
    expectExit(cut, 130);
    expect(cut.stdout).toContain("interrupted again (SIGINT): exiting now");
    const state = readState(project) as ReturnType<typeof readState> & PendingState;
    expect(state.resources).toEqual([]);
    expect(state.pendingOperations).toHaveLength(1);
    const pending = state.pendingOperations?.[0];
    expect(pending).toMatchObject({ type: "pulumi-nodejs:dynamic/dbbackup:ManualBackup", name: "hw", op: "creating" });
    expect(pending?.urn).toMatch(/::hw$/);
    expect(fs.existsSync(`${project.stateFile}.lock`)).toBe(false);

    await emu.control.clearRequests();
    const refused = await runRunner(project);
    expectExit(refused, 1);
    expect(refused.stdout).toContain(`  ${String(pending?.urn)} (creating since `);
    expect(refused.stdout).toContain("The object may exist on the platform: check it, delete it there if it exists, then run again with --clear-pending.");
    expect(refused.stdout).not.toContain("Previewing:");
    expect(await emu.control.requests()).toEqual([]);

    const cleared = await runRunner(project, ["--clear-pending"]);
    expectExit(cleared, 0);
    expect(cleared.stdout).toContain(`--clear-pending: forgetting the pending create of ${String(pending?.urn)}`);
    const after = readState(project) as ReturnType<typeof readState> & PendingState;
    expect(resourceNamed(after, "hw").id).toMatch(/^huawei-taurusdb\//);
    expect(after.pendingOperations).toEqual([]);
  });
});

describe("offline runner: guards before anything is sent", () => {
  const emu = useRunnerEmulator();
  const projects: TestProject[] = [];
  afterAll(() => projects.forEach((p) => p.remove()));
  const track = (p: TestProject): TestProject => {
    projects.push(p);
    return p;
  };

  it("a plan with a secret input and no passphrase fails before applying, having sent nothing", async () => {
    const oss = `{ backupStorageType: "BACKUP_STORAGE_OSS", storageUrl: "runner/backup", ossAccessKey: { endpoint: "oss-cn-hangzhou.aliyuncs.com", accessKeyId: "AKIDRUNNER", accessKeySecret: "oss-secret-guard" } }`;
    const project = track(createProject(emu.url, program(strategy("02:00:00+08:00", oss)), { name: "runner-nopass" }));
    await emu.control.clearRequests();
    const run = await runRunner(project, [], { PULUMI_CONFIG_PASSPHRASE: undefined });
    expectExit(run, 1);
    expect(run.stdout).toContain("set PULUMI_CONFIG_PASSPHRASE");
    expect(run.stdout).not.toContain("Applying:");
    expect(writes(await emu.control.requests())).toEqual([]);
    expect(fs.existsSync(project.stateFile)).toBe(false);
  });

  it("--preview shows additionalSecretOutputs as [secret]", async () => {
    const project = track(
      createProject(emu.url, program(huaweiBackup("preview-secret-4242", "", `{ additionalSecretOutputs: ["name"] }`), `export const hwName = hw.name;`), { name: "runner-preview-secret" }),
    );
    const run = await runRunner(project, ["--preview"]);
    expectExit(run, 0);
    expect(run.stdout).toMatch(/\n {4}hwName *: \[secret\]\n/);
    expect(run.stdout).not.toContain("preview-secret-4242");
  });

  it("a live lock refuses the run naming its pid; a stale one is taken over with a warning", async () => {
    const project = track(createProject(emu.url, program(huaweiBackup("runner-lock")), { name: "runner-lock" }));
    const lockFile = `${project.stateFile}.lock`;
    fs.mkdirSync(`${project.dir}/.pulumi-offline`, { recursive: true });
    fs.writeFileSync(lockFile, JSON.stringify({ pid: process.pid, startedAt: "2024-01-01T00:00:00.000Z" }));
    await emu.control.clearRequests();
    const refused = await runRunner(project);
    expectExit(refused, 1);
    expect(refused.stdout).toContain(`error: the stack is locked by another run (pid ${process.pid}, started 2024-01-01T00:00:00.000Z`);
    expect(await emu.control.requests()).toEqual([]);
    expect(fs.existsSync(lockFile)).toBe(true);

    const dead = spawnSync(process.execPath, ["-e", ""]).pid;
    fs.writeFileSync(lockFile, JSON.stringify({ pid: dead, startedAt: "2024-01-01T00:00:00.000Z" }));
    const run = await runRunner(project, ["--preview"]);
    expectExit(run, 0);
    expect(run.stdout).toContain(`warning: taking over a stale lock ${lockFile} (pid ${dead} is not running)`);
    expect(fs.existsSync(lockFile)).toBe(false);
  });

  it("ignoreChanges (top-level and nested paths) hides those changes: unchanged, nothing sent", async () => {
    const ignoring = (time: string, minutes: number, description: string): string =>
      program(
        strategy(time)
          .replace("dataBackupTimeoutMinutes: 240", `dataBackupTimeoutMinutes: ${minutes}`)
          .replace("});\nexport const strategyId", `}, { ignoreChanges: ["obBackupThresholdConfig.dataBackupTimeoutMinutes"] });\nexport const strategyId`),
        huaweiBackup("runner-ignore", "", `{ ignoreChanges: ["description"] }`).replace("taken by the runner test", description),
      );
    const project = track(createProject(emu.url, ignoring("02:00:00+08:00", 240, "first"), { name: "runner-ignore" }));
    expectExit(await runRunner(project), 0);
    project.write(ignoring("02:00:00+08:00", 120, "second"));
    await emu.control.clearRequests();
    const run = await runRunner(project);
    expectExit(run, 0);
    expect(planLineOf(run.stdout, "hw")).toMatch(/^ {5}unchanged {2}/);
    expect(planLineOf(run.stdout, "weekly")).toMatch(/^ {5}unchanged {2}/);
    expect(writes(await emu.control.requests())).toEqual([]);
    // A change outside the ignored paths still shows.
    project.write(ignoring("03:00:00+08:00", 120, "second"));
    const changed = await runRunner(project, ["--preview"]);
    expectExit(changed, 0);
    expect(planLineOf(changed.stdout, "weekly")).toMatch(/update .*backupScheduleTime/);
  });

  it("a protected resource is neither replaced nor deleted: the plan shows why and nothing is sent", async () => {
    const project = track(createProject(emu.url, program(huaweiBackup("runner-protect", "", "{ protect: true }")), { name: "runner-protect" }));
    expectExit(await runRunner(project), 0);
    const hw = resourceNamed(readState(project), "hw");

    project.write(program(huaweiBackup("runner-protect", "", "{ protect: true }").replace("taken by the runner test", "edited")));
    await emu.control.clearRequests();
    const replace = await runRunner(project);
    expectExit(replace, 1);
    expect(planLineOf(replace.stdout, "hw")).toMatch(/replace .*✗ unable to replace resource ".*::hw" as it is currently marked for protection/);
    expect(replace.stdout).toContain("error: the preview failed; nothing was applied");
    expect(writes(await emu.control.requests())).toEqual([]);

    project.write(program(""));
    const remove = await runRunner(project);
    expectExit(remove, 1);
    expect(planLineOf(remove.stdout, "hw")).toMatch(/delete .*✗ unable to delete resource ".*::hw" as it is currently marked for protection/);
    expect(writes(await emu.control.requests())).toEqual([]);
    expect(resourceNamed(readState(project), "hw").id).toBe(hw.id);
  });
});
