// `npm start [-- options]`: the quickstart (or any project given with --cwd) through the real Pulumi CLI.
//   1. finds or builds the Pulumi CLI (npm run pulumi:ensure);
//   2. reads Pulumi.yaml and Pulumi.<stack>.yaml; when every configured endpoint is local, reuses the emulator
//      answering there or starts one in this process (state in .pulumi-state/emulator-state.json, short demo
//      durations) and stops it at the end;
//   3. runs `pulumi up` (or preview, refresh, destroy) on a file backend in the project, printing Pulumi's display.
import * as path from "node:path";
import { describeCli, ensurePulumiCli, PulumiCliError } from "../pulumi-cli/ensure";
import { parseArgs, UsageError, USAGE, type StartArgs } from "./args";
import { emulatorNeed, ensureEmulator, type LocalEmulator } from "./emulator-local";
import { ensureRuntimeResolvable } from "./package-link";
import { loadProject, programFile, ProjectError } from "./project";
import { defaultBackend, deploy, STATE_DIR } from "./run";

async function main(argv: readonly string[]): Promise<number> {
  let args: StartArgs;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`${e.message}\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const projectDir = path.resolve(args.cwd ?? process.cwd());
  let project, program;
  try {
    project = loadProject(projectDir, args.stack);
    program = args.program !== undefined ? path.resolve(args.program) : programFile(project);
  } catch (e) {
    if (!(e instanceof ProjectError)) throw e;
    console.error(`error: ${e.message}`);
    return 1;
  }

  let cli;
  try {
    cli = await ensurePulumiCli();
  } catch (e) {
    if (!(e instanceof PulumiCliError)) throw e;
    console.error(`error: ${e.message}`);
    return 1;
  }
  console.log(describeCli(cli));

  const env: Record<string, string> = {};
  let emulator: LocalEmulator | undefined;
  const need = emulatorNeed(project);
  if (need.kind === "local") {
    try {
      emulator = await ensureEmulator(need, path.join(projectDir, STATE_DIR));
    } catch (e) {
      console.error(`error: ${(e as Error).message}`);
      return 1;
    }
    if (emulator.startedHere) {
      console.log(`Emulator: started at ${emulator.url} (state ${path.relative(projectDir, emulator.statePath ?? "")}); it stops when this command ends`);
      // Short polls against the emulator's short demo waits (the provider's default is 2 s).
      env.DBBACKUP_POLL_INITIAL_MS = process.env.DBBACKUP_POLL_INITIAL_MS ?? "500";
    } else {
      console.log(`Emulator: using the one already running at ${emulator.url}`);
    }
  } else {
    console.log(`Emulator: not started (${need.reason})`);
  }

  // Ctrl-C reaches the Pulumi CLI too (same process group): it cancels cleanly, recording what is in flight. This
  // process waits for it to finish, then stops the emulator.
  const onSignal = (signal: string): void => console.log(`\n${signal}: waiting for pulumi to stop (it records the operations in flight)`);
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    ensureRuntimeResolvable(path.dirname(program), projectDir);
    const backend = args.backend ?? defaultBackend(projectDir);
    console.log(`Backend: ${backend}`);
    await deploy({
      cli,
      project,
      programFile: program,
      operation: args.operation,
      expectNoChanges: args.expectNoChanges,
      backend,
      env,
      out: (t) => process.stdout.write(t),
      err: (t) => process.stderr.write(t),
    });
    return 0;
  } catch (e) {
    // The CLI's own output, its error included, has been shown as it came.
    const fromCli = e instanceof Error && ["CommandError", "ConcurrentUpdateError", "StackNotFoundError", "StackAlreadyExistsError"].includes(e.name);
    console.error(fromCli ? `error: pulumi ${args.operation} failed` : `error: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  } finally {
    if (emulator?.startedHere === true) {
      await emulator.stop();
      console.log("Emulator: stopped (its objects are kept for the next run)");
    }
  }
}

// Output piped into a reader that stops early (`| head`): drop the rest rather than stop halfway through a deployment.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code !== "EPIPE") throw e;
  process.stdout.write = () => true;
});

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`error: ${e instanceof Error ? e.stack : String(e)}`);
    process.exit(1);
  },
);
