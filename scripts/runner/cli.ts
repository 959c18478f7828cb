// The offline runner on its own: `node dist/scripts/runner/cli.js [--cwd DIR] [--stack dev] [--destroy] ...`
// (npm start uses it when no Pulumi CLI is installed). Exit code 0 on success, 1 on failure, 2 on bad usage.
import { commandLine } from "./args";
import { runProgram } from "./run";
import { runAsCommand } from "./command";

export const CLI_USAGE = `usage: node dist/scripts/runner/cli.js [options]
  --cwd DIR            the project directory holding Pulumi.yaml (default: the current directory)
  --stack NAME         the stack, whose config is Pulumi.NAME.yaml (default: dev)
  --destroy            delete every resource of the stack, dependents first
  --preview            only show the plan
  --state FILE         the state file (default: DIR/.pulumi-offline/<project>-<stack>.json)
  --emulator-url URL   point every dbbackup endpoint at this emulator (overrides the stack config)
  --verbose            also show the provider host's diagnostics
  --clear-pending      forget the creates an interrupted run left pending (check the platform for their objects
                       and delete any that exist first)
Secrets in the state file are encrypted with PULUMI_CONFIG_PASSPHRASE.`;

const ALLOWED = ["--cwd", "-C", "--stack", "-s", "--destroy", "--preview", "--state", "--emulator-url", "--verbose", "-v", "--clear-pending", "--help", "-h"];

async function main(): Promise<number> {
  const args = commandLine(process.argv.slice(2), ALLOWED, CLI_USAGE);
  if (typeof args === "number") return args;
  const result = await runProgram({
    projectDir: args.cwd ?? process.cwd(),
    ...(args.stack !== undefined ? { stack: args.stack } : {}),
    destroy: args.destroy,
    previewOnly: args.preview,
    clearPending: args.clearPending,
    ...(args.state !== undefined ? { stateFile: args.state } : {}),
    ...(args.emulatorUrl !== undefined ? { emulatorUrl: args.emulatorUrl } : {}),
    verbose: args.verbose,
  });
  return result.exitCode;
}

if (require.main === module) runAsCommand(main);
