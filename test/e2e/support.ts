// End-to-end tests through the real Pulumi CLI, in the spirit of Pulumi's ProgramTest: a project directory outside
// the repository (Pulumi.yaml, Pulumi.<stack>.yaml pointing every platform at an emulator the test starts), a file
// backend in a temporary directory, and every operation run by npm start's own script (scripts/deploy/cli.js) in a
// child process: `pulumi up`, `preview`, `refresh`, `destroy` run by the CLI's engine, the program run inline by the
// Automation API. State is read back with the CLI itself (`pulumi stack export`), the platforms with the emulator's
// control API.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { startEmulator, type RunningEmulator } from "../../emulator/server";
import { findPulumiCli, type PulumiCli } from "../../scripts/pulumi-cli/ensure";
import { COMPILED_ROOT, pulumiRequire, REPO_ROOT } from "../../scripts/paths";
import { controlClient, type EmulatorControl, type RequestLogEntry } from "../support/emulator";
import { createPackageWorkdir } from "../support/host-workdir";
import { emulatorConfig } from "../support/provider-host";
import { stripSecrets } from "../support/pulumi-host";
import { cliEnvironment } from "../../scripts/deploy/run";

const yaml = pulumiRequire("js-yaml") as { load(text: string): unknown; dump(value: unknown): string };

export const PASSPHRASE = "e2e-test-passphrase";

/** Every wait of the emulator in a few hundred ms (the provider polls every 50–200 ms here). */
export const SHORT_DURATIONS: Record<string, number> = {
  "oceanbase.backupBeginMs": 100,
  "oceanbase.backupMs": 300,
  "oceanbase.restoreCreateMs": 100,
  "oceanbase.restoreMs": 300,
  "oceanbase.tenantDeleteMs": 200,
  "ocp.taskMs": 200,
  "taurusdb.backupMs": 300,
  "taurusdb.jobVisibleAfterMs": 0,
  "taurusdb.jobPendingMs": 0,
  "taurusdb.restoreMs": 300,
  "taurusdb.policyApplyMs": 200,
};

let found: PulumiCli | undefined;

/** The CLI the tests run, found once (npm test runs `npm run pulumi:ensure` first, which builds it when none exists). */
export function pulumiCli(): PulumiCli {
  found ??= findPulumiCli();
  if (found === undefined) throw new Error("no Pulumi CLI on PATH or in the build cache: run `npm run pulumi:ensure` (npm test does)");
  return found;
}

export interface TestEmulator {
  readonly url: string;
  readonly control: EmulatorControl;
}

/**
 * An emulator for one describe(), started in beforeAll and closed in afterAll; not reset between tests (the tests of
 * a describe() are the successive operations on one stack). Real clock and SHORT_DURATIONS.
 */
export function useTestEmulator(durations: Record<string, number> = {}): TestEmulator {
  let running: RunningEmulator | undefined;
  const url = (): string => {
    if (running === undefined) throw new Error("the emulator is not running: use it inside tests or hooks");
    return running.url;
  };
  beforeAll(async () => {
    running = await startEmulator({ port: 0, frozenClock: false, durations: { ...SHORT_DURATIONS, ...durations } });
  });
  afterAll(async () => {
    await running?.close();
    running = undefined;
  });
  const control = new Proxy({} as EmulatorControl, { get: (_t, key: keyof EmulatorControl) => controlClient(url())[key] });
  return {
    get url() {
      return url();
    },
    control,
  };
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Fails with the run's whole output when its exit code is not the expected one. */
export function expectExit(run: Run, code: number): void {
  if (run.code !== code) throw new Error(`exited ${String(run.code)}, expected ${code}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`);
}

/** A child process still running, in a session of its own so that it can be killed with everything it started. */
export interface RunningChild {
  readonly done: Promise<Run>;
  /**
   * SIGKILL to the whole session (the deploy script, the Pulumi CLI and the plugins it started in process groups of
   * their own, the provider host among them), as a crash or a CI runner's kill would.
   */
  killGroup(): void;
}

/** The processes of a session (Linux: the session id is field 6 of /proc/<pid>/stat). */
function sessionMembers(sid: number): number[] {
  const members: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[3]) === sid) members.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return members;
}

function killSession(sid: number): void {
  for (const pid of sessionMembers(sid)) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // gone meanwhile
    }
  }
}

function startChild(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv, timeoutMs: number, detached = false): RunningChild {
  let killGroup = (): void => {};
  const done = new Promise<Run>((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"], detached });
    // A detached child is a session leader (setsid): its pid is the session id of everything it starts.
    killGroup = () => {
      if (child.pid !== undefined) killSession(child.pid);
    };
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
    child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
    const timer = setTimeout(() => (detached ? killGroup() : child.kill("SIGKILL")), timeoutMs);
    child.once("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.once("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
  return { done, killGroup: () => killGroup() };
}

function runChild(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<Run> {
  return startChild(command, args, cwd, env, timeoutMs).done;
}

/** A resource in `pulumi stack export`'s deployment. */
export interface ExportedResource {
  urn: string;
  type: string;
  id?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  initErrors?: string[];
}

export interface Deployment {
  resources?: ExportedResource[];
  pending_operations?: unknown[];
}

/** The resource named `name` (the last part of its URN) in a deployment; fails listing what is there. */
export function resourceNamed(d: Deployment, name: string): ExportedResource {
  const r = (d.resources ?? []).find((x) => x.urn.endsWith(`::${name}`));
  if (r === undefined) throw new Error(`no resource ${name} in the state (has ${(d.resources ?? []).map((x) => x.urn).join(", ")})`);
  return r;
}

/** The dbbackup resources of a deployment (the stack resource left out). */
export function dbbackupResources(d: Deployment): ExportedResource[] {
  return (d.resources ?? []).filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/dbbackup:"));
}

export interface StackOptions {
  /** The project name (the namespace of the program's own config keys). */
  name: string;
  stack: string;
  /** The compiled program. */
  program: string;
  /** Config values beside the platform settings, "key" (project namespace) or "ns:key". */
  config?: Record<string, unknown>;
  /** Platform settings to start from (endpoints are pointed at the emulator); default: every platform's. */
  platformConfig?: Record<string, unknown>;
}

/** A stack of a project outside the repository, deployed against the emulator at `url`. */
export class TestStack {
  readonly dir: string;
  readonly backendDir: string;
  private readonly removeDir: () => void;

  constructor(
    readonly opts: StackOptions,
    url: string,
  ) {
    const workdir = createPackageWorkdir();
    this.dir = workdir.dir;
    this.removeDir = workdir.remove;
    this.backendDir = path.join(this.dir, ".pulumi-state");
    fs.writeFileSync(path.join(this.dir, "Pulumi.yaml"), yaml.dump({ name: opts.name, runtime: "nodejs" }));
    const platform = pointedAt(opts.platformConfig ?? emulatorPlatformConfig("http://127.0.0.1:8787"), url);
    this.writeConfig({ ...platform, ...(opts.config ?? {}) });
  }

  /** The stack's config file, written as `pulumi config set` would (plain values). */
  writeConfig(config: Record<string, unknown>): void {
    fs.writeFileSync(path.join(this.dir, `Pulumi.${this.opts.stack}.yaml`), yaml.dump({ config }));
  }

  /** The environment of the deploy script and the CLI: no platform variables, short polls, the test passphrase. */
  env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {};
    for (const [k, v] of Object.entries(process.env)) if (!/^(OCEANBASE_|OCP_|HW_|DBBACKUP_|PULUMI_)/.test(k)) env[k] = v;
    return {
      ...env,
      DBBACKUP_POLL_INITIAL_MS: "50",
      DBBACKUP_POLL_MAX_MS: "200",
      PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
      ...extra,
    };
  }

  /** npm start's script on this stack: `flags` as npm start takes them, e.g. [], ["--preview"], ["--destroy"]. */
  deploy(flags: string[] = [], opts: { env?: Record<string, string>; timeoutMs?: number } = {}): Promise<Run> {
    return this.startDeploy(flags, opts).done;
  }

  /** deploy(), returned while it runs, in a process group of its own (see RunningChild.killGroup). */
  startDeploy(flags: string[] = [], opts: { env?: Record<string, string>; timeoutMs?: number } = {}): RunningChild {
    const script = path.join(COMPILED_ROOT, "scripts", "deploy", "cli.js");
    const args = [script, "--cwd", this.dir, "--stack", this.opts.stack, "--program", this.opts.program, "--backend", pathToFileURL(this.backendDir).href, ...flags];
    return startChild(process.execPath, args, this.dir, this.env(opts.env), opts.timeoutMs ?? 120_000, true);
  }

  /** The Pulumi CLI itself on this stack's project and backend (stack export, config set, …). */
  pulumi(args: string[]): Promise<Run> {
    const env = this.env(cliEnvironment({ backend: pathToFileURL(this.backendDir).href, stack: this.opts.stack, env: {} }, {}));
    return runChild(pulumiCli().command, [...args, "--stack", this.opts.stack, "--non-interactive"], this.dir, env, 60_000);
  }

  /** `pulumi stack export` (secrets stay encrypted, as stored). */
  async exportState(): Promise<Deployment> {
    const run = await this.pulumi(["stack", "export"]);
    expectExit(run, 0);
    return (JSON.parse(run.stdout) as { deployment: Deployment }).deployment;
  }

  /** The raw text of `pulumi stack export`. */
  async exportText(): Promise<string> {
    const run = await this.pulumi(["stack", "export"]);
    expectExit(run, 0);
    return run.stdout;
  }

  /** `pulumi stack output --json --show-secrets`. */
  async outputs(): Promise<Record<string, unknown>> {
    const run = await this.pulumi(["stack", "output", "--json", "--show-secrets"]);
    expectExit(run, 0);
    return JSON.parse(run.stdout) as Record<string, unknown>;
  }

  /** `pulumi config set` (project namespace unless the key has one). */
  async setConfig(key: string, value: string, opts: { secret?: boolean } = {}): Promise<void> {
    expectExit(await this.pulumi(["config", "set", key, value, ...(opts.secret === true ? ["--secret"] : ["--plaintext"])]), 0);
  }

  remove(): void {
    this.removeDir();
  }
}

/** Platform settings for every platform at `url`, with the emulator's demo credentials in plain text. */
export function emulatorPlatformConfig(url: string): Record<string, string> {
  return stripSecrets(emulatorConfig(url)) as Record<string, string>;
}

/** The config with every dbbackup:*Endpoint moved to `url` (keeping its path, e.g. Huawei's /v3). */
function pointedAt(config: Record<string, unknown>, url: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(config)) {
    out[k] = /^dbbackup:\w+Endpoint$/.test(k) && typeof v === "string" ? `${url}${new URL(v).pathname.replace(/\/$/, "")}` : v;
  }
  return out;
}

/** The source tree's examples. */
export const EXAMPLES_DIR = path.join(REPO_ROOT, "examples");

/** The examples the end-to-end suite runs. */
export type ExampleName = "quickstart" | "huawei-only" | "restore-drill" | "estate";

/** An example's project name, compiled program and dev-stack config (the repository's root project: the quickstart). */
export function example(name: ExampleName): { name: string; program: string; config: Record<string, unknown> } {
  const projectDir = name === "quickstart" ? REPO_ROOT : path.join(EXAMPLES_DIR, name);
  const project = yaml.load(fs.readFileSync(path.join(projectDir, "Pulumi.yaml"), "utf8")) as { name: string };
  const stack = yaml.load(fs.readFileSync(path.join(projectDir, "Pulumi.dev.yaml"), "utf8")) as { config: Record<string, unknown> };
  return { name: project.name, program: path.join(COMPILED_ROOT, "examples", name, "index.js"), config: stack.config };
}

/** A stack of an example, its dev-stack config pointed at the emulator. */
export function exampleStack(name: ExampleName, stack: string, url: string, config: Record<string, unknown> = {}): TestStack {
  const ex = example(name);
  return new TestStack({ name: ex.name, stack, program: ex.program, platformConfig: ex.config, config }, url);
}

/** For a describe(): an emulator and a stack "e2e" of the example on it, made in beforeAll, removed in afterAll. */
export function useExampleStack(name: ExampleName): { readonly emu: TestEmulator; readonly stack: TestStack } {
  const emu = useTestEmulator();
  let stack: TestStack | undefined;
  beforeAll(() => {
    stack = exampleStack(name, "e2e", emu.url);
  });
  afterAll(() => stack?.remove());
  return {
    emu,
    get stack(): TestStack {
      if (stack === undefined) throw new Error("the stack exists inside tests and hooks only");
      return stack;
    },
  };
}

/** Requests of the log that change something (not GETs) and belong to a platform, as "METHOD path". */
export function changingRequests(log: RequestLogEntry[]): string[] {
  return log.filter((r) => r.method !== "GET" && r.family !== null).map((r) => `${r.method} ${r.path}`);
}

/** A temporary directory, removed by the caller. */
export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
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

/** The TaurusDB manual backups, as { id, name, description }. */
export function taurusManualBackups(objects: Record<string, any>): { id: string; name: string; description: string | undefined }[] {
  return (objects["huawei-taurusdb"].backups as any[])
    .filter((b) => b.type === "manual")
    .map((b) => ({ id: b.id as string, name: b.name as string, description: b.description as string | undefined }));
}

/** The OCP strategies by key ("1000005" or "1000005/tenants/1002"). */
export function ocpStrategies(objects: Record<string, any>): Record<string, any> {
  return objects.ocp.strategies as Record<string, any>;
}

/**
 * ProgramTest's "nothing to do" step: `preview --expect-no-changes` and `refresh --expect-no-changes` both pass, and
 * no request that changes anything reaches the platforms.
 */
export async function expectNoChanges(stack: TestStack, control: EmulatorControl): Promise<void> {
  await control.clearRequests();
  expectExit(await stack.deploy(["--preview", "--expect-no-changes"]), 0);
  expectExit(await stack.deploy(["--refresh", "--expect-no-changes"]), 0);
  expect(changingRequests(await control.requests())).toEqual([]);
}
