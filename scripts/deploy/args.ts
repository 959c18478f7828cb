// npm start's command line.

export class UsageError extends Error {
  override readonly name = "UsageError";
}

export type Operation = "up" | "preview" | "refresh" | "destroy";

export interface StartArgs {
  operation: Operation;
  stack: string;
  /** The project directory (Pulumi.yaml); default the current directory. */
  cwd?: string;
  /** The compiled program to run instead of Pulumi.yaml's main. */
  program?: string;
  /** The state backend URL; default file://<project>/.pulumi-state. */
  backend?: string;
  expectNoChanges: boolean;
  help: boolean;
}

export const USAGE = `usage: npm start [-- options]
  (no option)          pulumi up: deploy the stack (the quickstart's dev stack from the repository's root)
  --preview            pulumi preview: show what up would do, change nothing
  --refresh            pulumi refresh: read every resource back from the platforms into the state
  --destroy            pulumi destroy: delete what the stack created
  --expect-no-changes  fail if preview, up or refresh finds anything to change
  --stack NAME         the stack, whose config is Pulumi.NAME.yaml (default: dev)
  --cwd DIR            the project directory holding Pulumi.yaml (default: the current directory)
  --program FILE       the compiled program to run (default: Pulumi.yaml's main, compiled by npm run build)
  --backend URL        where the state lives (default: file://<project>/.pulumi-state)`;

const OPERATIONS = { "--preview": "preview", "--refresh": "refresh", "--destroy": "destroy" } as const;
const VALUES = { "--stack": "stack", "-s": "stack", "--cwd": "cwd", "--program": "program", "--backend": "backend" } as const;

export function parseArgs(argv: readonly string[]): StartArgs {
  const args: StartArgs = { operation: "up", stack: "dev", expectNoChanges: false, help: false };
  let operationFlag: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    if (flag in VALUES) {
      const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || value === "") throw new UsageError(`${flag} needs a value`);
      args[VALUES[flag as keyof typeof VALUES]] = value;
      continue;
    }
    if (eq > 0) throw new UsageError(`${flag} takes no value`);
    if (flag in OPERATIONS) {
      if (operationFlag !== undefined) throw new UsageError(`${operationFlag} and ${flag} cannot be used together`);
      operationFlag = flag;
      args.operation = OPERATIONS[flag as keyof typeof OPERATIONS];
    } else if (flag === "--expect-no-changes") {
      args.expectNoChanges = true;
    } else if (flag === "--help" || flag === "-h") {
      args.help = true;
    } else {
      throw new UsageError(`unknown argument "${arg}"`);
    }
  }
  if (!/^[A-Za-z0-9_.-]+$/.test(args.stack)) throw new UsageError(`--stack "${args.stack}": use letters, digits, "-", "_" and "."`);
  if (args.expectNoChanges && args.operation === "destroy") throw new UsageError("--expect-no-changes does not go with --destroy");
  return args;
}
