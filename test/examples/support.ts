// Shared by the example tests: each example program runs, as checked in, through the offline runner CLI (a child
// process) against an emulator started by the test (real clock, short durations), with its own stack config
// (Pulumi.<stack>.yaml) and only the endpoints redirected to that emulator (--emulator-url). The state file lives in a
// temporary directory, so nothing is written into the repository.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO_ROOT } from "../support/provider-host";

export { REPO_ROOT };
import type { EmulatorControl, RequestLogEntry } from "../support/emulator";
import { runRunnerChild, type ChildRun } from "../../scripts/runner/spawn";
import { childEnv, expectExit } from "../runner/support";

export { expectExit, type ChildRun };
export { SHORT_DURATIONS, useRunnerEmulator } from "../runner/support";

/** The source tree's examples (the programs are read from there, not from the compiled tree). */
export const EXAMPLES_DIR = path.join(REPO_ROOT, "examples");

export interface ExampleStack {
  /** The project directory (Pulumi.yaml). */
  readonly dir: string;
  readonly stack: string;
  readonly stateFile: string;
  /** Runs the runner on this stack (extra args e.g. ["--destroy"]). */
  run(args?: string[]): Promise<ChildRun>;
  /** The stack outputs of the last run, from the state file. */
  outputs(): Record<string, unknown>;
  /** The resources recorded in the state file. */
  resources(): StateResource[];
}

export interface StateResource {
  urn: string;
  type: string;
  id: string;
  outputs: Record<string, unknown>;
}

interface StateFile {
  resources: StateResource[];
  pendingDeletes: unknown[];
  outputs: Record<string, unknown>;
}

/** Temporary directories made by the tests of one file; removeAll() in afterAll. */
export class TempDirs {
  private readonly dirs: string[] = [];

  make(prefix: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    this.dirs.push(dir);
    return dir;
  }

  removeAll(): void {
    for (const d of this.dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  }
}

/** A stack of the project in `dir`, run against the emulator at `url()`; its state file in a temporary directory. */
export function exampleStack(dir: string, stack: string, url: () => string, temp: TempDirs): ExampleStack {
  const stateFile = path.join(temp.make("dbb-example-state-"), "state.json");
  const read = (): StateFile => JSON.parse(fs.readFileSync(stateFile, "utf8")) as StateFile;
  return {
    dir,
    stack,
    stateFile,
    run: (args = []) =>
      runRunnerChild(["--cwd", dir, "--stack", stack, "--state", stateFile, "--emulator-url", url(), ...args], { env: childEnv() }),
    outputs: () => read().outputs,
    resources: () => read().resources,
  };
}

/**
 * A copy of an example's project (Pulumi.yaml, index.ts, tsconfig.json) in a temporary directory, with
 * Pulumi.<stack>.yaml copied from the example's dev stack: the same program on a stack of another name.
 */
export function copyExampleForStack(example: string, stack: string, temp: TempDirs): string {
  const from = path.join(EXAMPLES_DIR, example);
  const dir = temp.make(`dbb-example-${example}-`);
  for (const file of ["Pulumi.yaml", "index.ts", "tsconfig.json"]) fs.copyFileSync(path.join(from, file), path.join(dir, file));
  fs.copyFileSync(path.join(from, "Pulumi.dev.yaml"), path.join(dir, `Pulumi.${stack}.yaml`));
  return dir;
}

/** The value of a string output (fails naming the key when it is missing or not a string). */
export function stringOutput(outputs: Record<string, unknown>, key: string): string {
  const v = outputs[key];
  if (typeof v !== "string" || v === "") throw new Error(`output ${key} is ${JSON.stringify(v)}, expected a non-empty string`);
  return v;
}

/** Requests of the log that are not GETs and belong to a family, as "METHOD path". */
export function changingRequests(log: RequestLogEntry[]): string[] {
  return log.filter((r) => r.method !== "GET" && r.family !== null).map((r) => `${r.method} ${r.path}`);
}

// Views of the emulator's objects (GET /__emulator/objects) the tests assert on.
/* eslint-disable @typescript-eslint/no-explicit-any -- family state is untyped JSON here */

/** OceanBase Cloud tenants of one instance, as { tenantId, tenantName }. */
export function tenantsOn(objects: Record<string, any>, instanceId: string): { tenantId: string; tenantName: string }[] {
  return Object.values(objects["oceanbase-cloud"].tenants as Record<string, any>)
    .filter((t) => t.instanceId === instanceId)
    .map((t) => ({ tenantId: t.tenantId as string, tenantName: t.tenantName as string }));
}

/** Every OceanBase Cloud backup set id. */
export function backupSetIds(objects: Record<string, any>): string[] {
  return (objects["oceanbase-cloud"].backupSets as any[]).map((b) => b.backupSetId as string);
}

/** The TaurusDB manual backups, as { id, name }. */
export function taurusManualBackups(objects: Record<string, any>): { id: string; name: string }[] {
  return (objects["huawei-taurusdb"].backups as any[]).filter((b) => b.type === "manual").map((b) => ({ id: b.id as string, name: b.name as string }));
}

/** The OCP strategies' keys ("1000005" or "1000005/tenants/1002"). */
export function ocpStrategyKeys(objects: Record<string, any>): string[] {
  return Object.keys(objects.ocp.strategies as Record<string, unknown>);
}

/**
 * Runs the stack again and asserts what "nothing changed" means: exit 0, every resource reported unchanged, the same
 * outputs, and no request that changes anything reached the emulator. Returns the run for further assertions.
 */
export async function expectUnchangedRerun(
  stack: ExampleStack,
  control: EmulatorControl,
  resources: number,
): Promise<ChildRun> {
  const before = stack.outputs();
  await control.clearRequests();
  const run = await stack.run();
  expectExit(run, 0);
  expect(run.stdout).toContain(`No changes: ${resources} resources unchanged.`);
  expect(stack.outputs()).toEqual(before);
  expect(changingRequests(await control.requests())).toEqual([]);
  return run;
}
