// runProgram(): one `pulumi up` (or `pulumi destroy`) of a Pulumi program without the Pulumi CLI.
//
//   1. read Pulumi.yaml and Pulumi.<stack>.yaml (project.ts) and the state file (state.ts);
//   2. preview: run the program under pulumi.runtime.setMocks (program-run.ts); each registration is checked and
//      diffed against the state through the real dynamic-provider host (engine.ts); values not known before apply
//      flow on as unknown; then resources in the state but not in the program are planned for deletion;
//   3. print the plan; stop with exit code 1 on any check failure or program error, before anything is applied;
//   4. apply: run the program again; each registration is created / updated / replaced when it arrives, so a
//      dependent registers (and is applied) only once its dependencies' real outputs exist; then the deletes, in
//      reverse dependency order; the state file is written after every step;
//   5. print the stack outputs (secrets as [secret]) and a summary.
// Runs in the calling process (it installs module-resolution hooks while the program loads): from jest, use
// runRunnerCli() (spawn.ts), which runs the CLI in a child process.
import * as path from "node:path";
import { Display, formatElapsed } from "./display";
import { Engine, type Tally } from "./engine";
import { HostPool } from "./host-pool";
import { createPackageWorkdir } from "./host-workdir";
import { countSteps, displayValue, hasChanges, planLine, planSummary, type Step } from "./plan";
import { ProgramLoader, programEntry } from "./program-loader";
import { runPass, type PassResult } from "./program-run";
import { loadProject, withEmulatorEndpoints, type Project } from "./project";
import type { PropertyMap } from "./properties";
import { containsSecrets } from "./properties";
import { passphraseFromEnv } from "./secrets-crypto";
import { NO_PASSPHRASE, StateStore } from "./state";
import { acquireStateLock, type StateLock } from "./state-lock";
import { interruptRequested } from "./interrupt";

export const DEFAULT_STACK = "dev";
/** Inside the project directory (gitignored). */
export const STATE_DIR = ".pulumi-offline";

export interface RunOptions {
  /** The directory holding Pulumi.yaml (and Pulumi.<stack>.yaml). */
  projectDir: string;
  /** Default "dev". */
  stack?: string;
  /** Delete every resource of the stack (reverse dependency order) instead of running the program. */
  destroy?: boolean;
  /** Default <projectDir>/.pulumi-offline/<project>-<stack>.json. */
  stateFile?: string;
  /** Point every dbbackup endpoint at this emulator URL (Huawei: <url>/v3), overriding the stack config. */
  emulatorUrl?: string;
  /** Only show the plan. */
  previewOnly?: boolean;
  /** Forget the creates a crashed run left pending (after checking the platform for their objects). */
  clearPending?: boolean;
  /** Where to print (default process.stdout). */
  out?: NodeJS.WritableStream;
  /** Rewrite progress lines in place (default: whether `out` is a TTY). */
  tty?: boolean;
  /** Also print the hosts' stderr (stack traces of failed provider calls). */
  verbose?: boolean;
  /** Environment for the passphrase and the provider hosts (default process.env). */
  env?: NodeJS.ProcessEnv;
}

export interface RunResult {
  exitCode: 0 | 1;
  /** What went wrong, when exitCode is 1. */
  error?: string;
  project?: string;
  stack: string;
  stateFile?: string;
  /** The plan: one step per resource of the program, then the deletes. */
  steps: Step[];
  /** Stack outputs for display (secrets as "[secret]"), after a successful apply. */
  outputs?: Record<string, unknown>;
  tally: Tally;
}

function relative(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel.startsWith("..") ? file : rel;
}

function outputLines(outputs: PropertyMap): string[] {
  const shown = displayValue(outputs) as Record<string, unknown>;
  const keys = Object.keys(shown).sort();
  const width = Math.max(0, ...keys.map((k) => k.length));
  return keys.map((k) => {
    const v = shown[k];
    const text = v === "[secret]" || v === "(known after apply)" ? String(v) : JSON.stringify(v, null, 2).replace(/\n/g, `\n    ${" ".repeat(width + 2)}`);
    return `    ${k.padEnd(width)}: ${text}`;
  });
}

function tallyText(t: Tally): string {
  const parts = [
    t.created > 0 ? `${t.created} created` : "",
    t.updated > 0 ? `${t.updated} updated` : "",
    t.replaced > 0 ? `${t.replaced} replaced` : "",
    t.deleted > 0 ? `${t.deleted} deleted` : "",
    t.same > 0 ? `${t.same} unchanged` : "",
  ].filter((p) => p !== "");
  return parts.length === 0 ? "none" : parts.join(", ");
}

export async function runProgram(opts: RunOptions): Promise<RunResult> {
  const started = Date.now();
  const stack = opts.stack ?? DEFAULT_STACK;
  const env = opts.env ?? process.env;
  const display = new Display({ out: opts.out ?? process.stdout, ...(opts.tty !== undefined ? { tty: opts.tty } : {}) });
  const emptyTally: Tally = { created: 0, updated: 0, replaced: 0, deleted: 0, same: 0 };
  const result: RunResult = { exitCode: 1, stack, steps: [], tally: emptyTally };
  const failWith = (message: string): RunResult => {
    display.line(`error: ${message}`);
    result.error = message;
    result.exitCode = 1;
    return result;
  };

  let project: Project;
  let store: StateStore;
  let loader: ProgramLoader | undefined;
  let lock: StateLock | undefined;
  try {
    project = loadProject(path.resolve(opts.projectDir), stack);
    if (opts.emulatorUrl !== undefined) project = withEmulatorEndpoints(project, opts.emulatorUrl);
    result.project = project.name;
    result.stateFile = path.resolve(opts.stateFile ?? path.join(project.dir, STATE_DIR, `${project.name}-${stack}.json`));
    lock = acquireStateLock(result.stateFile, (l) => display.line(l));
    store = StateStore.open(result.stateFile, project.name, stack, passphraseFromEnv(env));
    if (opts.destroy !== true) loader = new ProgramLoader(programEntry(project.main));
  } catch (e) {
    lock?.release();
    return failWith((e as Error).message);
  }

  // Creates a crashed run left unrecorded: their objects may exist, and running on would create them a second time.
  const pendingCreates = store.state.pendingOperations;
  if (pendingCreates.length > 0 && opts.clearPending !== true) {
    display.line(`The last run was stopped while creating ${pendingCreates.length === 1 ? "this resource" : "these resources"}; the state does not record the result:`);
    for (const o of pendingCreates) display.line(`  ${o.urn} (${o.op} since ${o.startedAt})`);
    display.line("The object may exist on the platform: check it, delete it there if it exists, then run again with --clear-pending.");
    lock.release();
    return failWith(`${pendingCreates.length} pending create${pendingCreates.length === 1 ? "" : "s"} from an interrupted run; nothing was applied`);
  }
  if (pendingCreates.length > 0) {
    for (const o of pendingCreates) display.line(`--clear-pending: forgetting the pending create of ${o.urn} (started ${o.startedAt})`);
    store.state.pendingOperations = [];
    store.save();
  }

  display.line(`pulumi-dbbackup offline runner: project ${project.name}, stack ${stack} (state ${relative(result.stateFile)})`);
  const workdir = createPackageWorkdir();
  const pool = new HostPool({
    cwd: workdir.dir,
    project: project.name,
    config: project.providerConfig,
    env: { ...env },
    onProgress: (owner, line) => {
      // The runtime prefixes each line with the resource kind; the live line already names the resource.
      const text = line.replace(/^(BackupStrategy|ManualBackup|RestoredTenant): /, "");
      if (owner !== undefined) display.progress(owner, text);
      else if (opts.verbose === true) display.line(`    (provider) ${text}`);
    },
    onStderr: (line) => {
      if (opts.verbose === true) display.line(`    (provider stderr) ${line}`);
    },
  });

  const pass = (engine: Engine, preview: boolean): Promise<PassResult> =>
    runPass({
      loader: loader as ProgramLoader,
      project: project.name,
      stack,
      preview,
      config: project.config,
      secretKeys: project.secretKeys,
      register: (reg) => (preview ? engine.preview(reg) : engine.apply(reg)),
      isReported: (e) => engine.isReported(e),
    });

  try {
    // ---- preview
    const destroy = opts.destroy === true;
    const plan = new Engine({ store, pool, display });
    display.line();
    display.line(destroy ? "Previewing destroy:" : "Previewing:");
    let previewErrors: string[] = [];
    let previewOutputs: PropertyMap | undefined;
    if (!destroy) {
      const previewed = await pass(plan, true);
      previewErrors = previewed.errors;
      previewOutputs = previewed.outputs;
    }
    const steps = [...plan.orderedSteps(), ...(plan.failed || previewErrors.length > 0 ? [] : plan.deleteSteps(destroy))];
    result.steps = steps;
    for (const s of steps) display.line(planLine(s));
    if (plan.checkFailures.length > 0) {
      display.line();
      display.line("Check failed; nothing was applied:");
      for (const f of plan.checkFailures) {
        display.line(`  ${f.label}:`);
        for (const x of f.failures) display.line(`    ${x.property === "" ? "" : `${x.property}: `}${x.reason}`);
      }
      const n = plan.checkFailures.length;
      return failWith(`${n} resource${n === 1 ? "" : "s"} failed ${n === 1 ? "its" : "their"} checks; nothing was applied`);
    }
    const problems = [...plan.errors, ...previewErrors.map((e) => `the program failed: ${e}`)];
    if (problems.length > 0) {
      for (const p of problems) display.line(`  ✗ ${p}`);
      return failWith(`the preview failed; nothing was applied`);
    }
    const counts = countSteps(steps);
    display.line(planSummary(counts));
    if (opts.previewOnly === true) {
      if (previewOutputs !== undefined && Object.keys(previewOutputs).length > 0) {
        display.line();
        display.line("Outputs (preview):");
        for (const l of outputLines(previewOutputs)) display.line(l);
      }
      result.outputs = displayValue(previewOutputs ?? {}) as Record<string, unknown>;
      result.exitCode = 0;
      return result;
    }

    // Secrets go into the state file encrypted with the passphrase: without one, a create would succeed on the
    // platform and then fail to be recorded.
    if (passphraseFromEnv(env) === undefined && (plan.usesSecrets || containsSecrets(previewOutputs ?? {}) || containsSecrets(store.state))) {
      return failWith(NO_PASSPHRASE);
    }

    // ---- apply
    const apply = new Engine({ store, pool, display });
    result.tally = apply.tally;
    display.line();
    if (hasChanges(counts)) display.line(destroy ? "Destroying:" : "Applying:");
    let applyErrors: string[] = [];
    let outputs: PropertyMap | undefined = {};
    if (!destroy) {
      const applied = await pass(apply, false);
      applyErrors = applied.errors;
      outputs = applied.outputs;
    }
    if (!apply.failed && applyErrors.length === 0) await apply.applyDeletes(destroy);
    if (interruptRequested()) {
      display.line();
      display.line(`Resources: ${tallyText(apply.tally)}.`);
      return failWith("interrupted: the steps in progress finished and are recorded in the state file; run again to continue");
    }
    if (apply.failed || applyErrors.length > 0) {
      for (const e of applyErrors) display.line(`  ✗ the program failed: ${e}`);
      display.line();
      display.line(`Resources: ${tallyText(apply.tally)}.`);
      const n = apply.errors.filter((m) => !m.includes("skipped: an earlier step failed")).length + applyErrors.length;
      return failWith(`the update failed (${n} error${n === 1 ? "" : "s"}); the state file records what was done, run again to continue`);
    }
    store.state.outputs = outputs ?? {};
    store.save();
    if (!destroy) {
      if (hasChanges(counts)) display.line();
      display.line("Outputs:");
      for (const l of outputLines(store.state.outputs)) display.line(l);
      display.line();
    }
    result.outputs = displayValue(store.state.outputs) as Record<string, unknown>;
    display.line(`Resources: ${tallyText(apply.tally)}. Duration: ${formatElapsed(Date.now() - started)}`);
    result.exitCode = 0;
    return result;
  } catch (e) {
    return failWith(e instanceof Error ? e.message : String(e));
  } finally {
    loader?.dispose();
    display.close();
    await pool.close();
    workdir.remove();
    lock.release();
  }
}
