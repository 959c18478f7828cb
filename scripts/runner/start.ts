// `npm start [-- --destroy] [-- --stack dev]`: the quickstart in one command.
//   1. reads Pulumi.yaml and Pulumi.<stack>.yaml in the current directory (default stack "dev");
//   2. when every configured endpoint is local, reuses the emulator answering there or starts one in this process
//      (state in .pulumi-offline/emulator-state.json, short demo durations) and stops it at the end;
//   3. with a Pulumi CLI on PATH: `pulumi up --yes` (or `destroy`) on the file backend .pulumi-state/ (pulumi-cli.ts);
//      without one: says so in one line and runs the same program through the offline runner (run.ts).
// The demo stack "dev" gets PULUMI_CONFIG_PASSPHRASE=pulumi-dbbackup-demo unless a passphrase is already set.
import * as path from "node:path";
import { commandLine } from "./args";
import { emulatorNeed, ensureEmulator, type LocalEmulator } from "./emulator-local";
import { loadProject } from "./project";
import { findPulumi, runWithPulumiCli } from "./pulumi-cli";
import { DEFAULT_STACK, runProgram, STATE_DIR } from "./run";
import { runAsCommand } from "./command";

export const DEMO_STACK = "dev";
export const DEMO_PASSPHRASE = "pulumi-dbbackup-demo";

const USAGE = `usage: npm start [-- options]
  --destroy        delete everything the program created (dependents first)
  --stack NAME     the stack, whose config is Pulumi.NAME.yaml (default: dev)
  --offline        use the offline runner even when a Pulumi CLI is installed
  --preview        only show the plan (offline runner)
  --verbose        also show the provider host's diagnostics (offline runner)
  --clear-pending  forget the creates an interrupted run left pending, once you have checked the platform
                   for their objects and deleted any that exist (offline runner)`;

const ALLOWED = ["--destroy", "--stack", "-s", "--offline", "--preview", "--verbose", "-v", "--clear-pending", "--help", "-h"];

async function main(): Promise<number> {
  const args = commandLine(process.argv.slice(2), ALLOWED, USAGE);
  if (typeof args === "number") return args;
  const projectDir = process.cwd();
  const stack = args.stack ?? DEFAULT_STACK;
  let project;
  try {
    // Only the endpoints are read here: encrypted values are the Pulumi CLI's business (the runner refuses them).
    project = loadProject(projectDir, stack, { allowSecure: true });
  } catch (e) {
    console.log(`error: ${(e as Error).message}`);
    return 1;
  }

  const env: NodeJS.ProcessEnv = { ...process.env };
  if (stack === DEMO_STACK && env.PULUMI_CONFIG_PASSPHRASE === undefined && env.PULUMI_CONFIG_PASSPHRASE_FILE === undefined) {
    env.PULUMI_CONFIG_PASSPHRASE = DEMO_PASSPHRASE;
  }

  let emulator: LocalEmulator | undefined;
  const need = emulatorNeed(project, env);
  if (need.kind === "local") {
    try {
      emulator = await ensureEmulator(need, path.join(projectDir, STATE_DIR));
    } catch (e) {
      console.log(`error: ${(e as Error).message}`);
      return 1;
    }
    if (emulator.startedHere) {
      console.log(`Emulator: started at ${emulator.url} (state ${path.relative(projectDir, emulator.statePath ?? "")}); it stops when this command ends`);
      // Short polls against the emulator's short demo waits (the provider's default is 2 s).
      env.DBBACKUP_POLL_INITIAL_MS ??= "500";
    } else {
      console.log(`Emulator: using the one already running at ${emulator.url}`);
    }
  } else {
    console.log(`Emulator: not started (${need.reason})`);
  }

  try {
    const pulumi = args.offline ? undefined : findPulumi(env);
    if (pulumi !== undefined) {
      console.log(`Pulumi CLI: ${pulumi} (backend file://${path.join(projectDir, ".pulumi-state")})`);
      return await runWithPulumiCli({ pulumi, projectDir, stack, destroy: args.destroy, env, log: (l) => console.log(l) });
    }
    console.log(args.offline ? "Offline runner requested (--offline)." : "No Pulumi CLI found on PATH: running the program with the offline runner instead.");
    const result = await runProgram({ projectDir, stack, destroy: args.destroy, previewOnly: args.preview, clearPending: args.clearPending, verbose: args.verbose, env });
    return result.exitCode;
  } finally {
    if (emulator?.startedHere === true) {
      await emulator.stop();
      console.log("Emulator: stopped (its objects are kept for the next run)");
    }
  }
}

if (require.main === module) runAsCommand(main);
