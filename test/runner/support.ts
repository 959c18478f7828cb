// Shared by the runner tests: an emulator in this process (real clock unless frozen, short durations), project
// directories written from program text, and the runner CLI run in a child process against them.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startEmulator, type RunningEmulator } from "../../emulator/server";
import { controlClient, type EmulatorControl, type RequestLogEntry } from "../support/emulator";
import { EMULATOR_CREDENTIALS } from "../support/provider-host";
import { runRunnerChild, type ChildRun } from "../../scripts/runner/spawn";

export const STACK = "test";
export const PASSPHRASE = "runner-test-passphrase";

/** Every wait of the emulator in a few hundred ms (the host polls every 50–200 ms). */
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
};

export interface RunnerEmulator {
  readonly url: string;
  readonly control: EmulatorControl;
}

/**
 * The emulator for one describe(), started in beforeAll and closed in afterAll. Not reset between tests: the tests of
 * a describe() are the successive runs of one stack. Real clock (unless frozenClock) and SHORT_DURATIONS.
 */
export function useRunnerEmulator(opts: { frozenClock?: boolean; durations?: Record<string, number> } = {}): RunnerEmulator {
  let running: RunningEmulator | undefined;
  const url = (): string => {
    if (running === undefined) throw new Error("the emulator is not running: use it inside tests or hooks");
    return running.url;
  };
  beforeAll(async () => {
    running = await startEmulator({ port: 0, frozenClock: opts.frozenClock ?? false, durations: { ...SHORT_DURATIONS, ...opts.durations } });
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

/** Pulumi.<stack>.yaml pointing every platform at the emulator with its demo credentials (plain text, as the demo). */
export function stackYaml(url: string, extra: Record<string, string> = {}): string {
  const c = EMULATOR_CREDENTIALS;
  const config: Record<string, string> = {
    "dbbackup:oceanbaseEndpoint": url,
    "dbbackup:oceanbaseAccessKeyId": c.oceanbase.accessKeyId,
    "dbbackup:oceanbaseAccessKeySecret": c.oceanbase.accessKeySecret,
    "dbbackup:oceanbaseProjectId": c.oceanbase.projectId,
    "dbbackup:ocpEndpoint": url,
    "dbbackup:ocpAccessKeyId": c.ocp.accessKeyId,
    "dbbackup:ocpAccessKeySecret": c.ocp.accessKeySecret,
    "dbbackup:huaweiEndpoint": `${url}/v3`,
    "dbbackup:huaweiRegion": c.huawei.region,
    "dbbackup:huaweiProjectId": c.huawei.projectId,
    "dbbackup:huaweiAccessKey": c.huawei.accessKey,
    "dbbackup:huaweiSecretKey": c.huawei.secretKey,
    ...extra,
  };
  return `config:\n${Object.entries(config)
    .map(([k, v]) => `  ${k}: ${JSON.stringify(v)}`)
    .join("\n")}\n`;
}

export interface TestProject {
  dir: string;
  name: string;
  stateFile: string;
  /** Rewrites the program (index.ts). */
  write(program: string): void;
  remove(): void;
}

/** A project directory outside the repository: Pulumi.yaml, Pulumi.<stack>.yaml, index.ts. */
export function createProject(url: string, program: string, opts: { name?: string; stack?: string; config?: Record<string, string> } = {}): TestProject {
  const name = opts.name ?? "runner-test";
  const stack = opts.stack ?? STACK;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dbb-runner-project-"));
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `name: ${name}\nruntime:\n  name: nodejs\n  options:\n    typescript: true\n`);
  fs.writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), stackYaml(url, opts.config));
  const write = (text: string): void => fs.writeFileSync(path.join(dir, "index.ts"), text);
  write(program);
  return {
    dir,
    name,
    stateFile: path.join(dir, ".pulumi-offline", `${name}-${stack}.json`),
    write,
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** This process's environment without platform settings, with short polls and the test passphrase. */
export function childEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(OCEANBASE_|OCP_|HW_|DBBACKUP_|PULUMI_)/.test(k)) env[k] = v;
  Object.assign(env, { DBBACKUP_POLL_INITIAL_MS: "50", DBBACKUP_POLL_MAX_MS: "200", PULUMI_CONFIG_PASSPHRASE: PASSPHRASE });
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

/** The runner CLI on a project (stack "test"), in a child process. */
export function runRunner(project: TestProject, args: string[] = [], env: Record<string, string | undefined> = {}): Promise<ChildRun> {
  return runRunnerChild(["--cwd", project.dir, "--stack", STACK, ...args], { env: childEnv(env) });
}

/** Fails with the run's whole output when its exit code is not the expected one. */
export function expectExit(run: ChildRun, code: number): void {
  if (run.code !== code) throw new Error(`runner exited ${String(run.code)}, expected ${code}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`);
}

export interface SavedState {
  resources: { urn: string; type: string; id: string; inputs: Record<string, unknown>; outputs: Record<string, unknown>; dependencies: string[]; initErrors?: string[] }[];
  pendingDeletes: unknown[];
  outputs: Record<string, unknown>;
}

export function readState(project: TestProject): SavedState {
  return JSON.parse(fs.readFileSync(project.stateFile, "utf8")) as SavedState;
}

export function resourceNamed(state: SavedState, name: string): SavedState["resources"][number] {
  const r = state.resources.find((x) => x.urn.endsWith(`::${name}`));
  if (r === undefined) throw new Error(`no resource ${name} in the state (has ${state.resources.map((x) => x.urn).join(", ")})`);
  return r;
}

/** Requests that change something (everything but GET), as "METHOD path". */
export function writes(log: RequestLogEntry[]): string[] {
  return log.filter((r) => r.method !== "GET" && r.family !== null).map((r) => `${r.method} ${r.path}`);
}

/** The plan line of a resource ("  ~  update     name (dbbackup:Kind)  [...]"). */
export function planLineOf(stdout: string, name: string): string {
  const line = stdout.split("\n").find((l) => /^ {2}(\+-|-\+|[+~ -]) {1,2}\s?(create|update|replace|delete|unchanged) /.test(l) && l.includes(` ${name} (`));
  if (line === undefined) throw new Error(`no plan line for ${name} in:\n${stdout}`);
  return line;
}
