// Command-line flags shared by the runner CLI and `npm start` (start.ts adds its own few).

export class UsageError extends Error {
  override readonly name = "UsageError";
}

export interface CommonArgs {
  stack?: string;
  destroy: boolean;
  cwd?: string;
  state?: string;
  emulatorUrl?: string;
  preview: boolean;
  verbose: boolean;
  offline: boolean;
  clearPending: boolean;
  help: boolean;
}

const VALUE_FLAGS = { "--stack": "stack", "-s": "stack", "--cwd": "cwd", "-C": "cwd", "--state": "state", "--emulator-url": "emulatorUrl" } as const;
const BOOL_FLAGS = { "--destroy": "destroy", "--preview": "preview", "--verbose": "verbose", "-v": "verbose", "--offline": "offline", "--clear-pending": "clearPending", "--help": "help", "-h": "help" } as const;

export function parseArgs(argv: readonly string[], allowed: readonly string[] = [...Object.keys(VALUE_FLAGS), ...Object.keys(BOOL_FLAGS)]): CommonArgs {
  const args: CommonArgs = { destroy: false, preview: false, verbose: false, offline: false, clearPending: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const eq = arg.indexOf("=");
    const flag = arg.startsWith("--") && eq > 0 ? arg.slice(0, eq) : arg;
    if (!allowed.includes(flag)) throw new UsageError(`unknown argument "${arg}"`);
    if (flag in VALUE_FLAGS) {
      const value = eq > 0 && arg.startsWith("--") ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || value === "") throw new UsageError(`${flag} needs a value`);
      args[VALUE_FLAGS[flag as keyof typeof VALUE_FLAGS]] = value;
    } else {
      if (eq > 0) throw new UsageError(`${flag} takes no value`);
      args[BOOL_FLAGS[flag as keyof typeof BOOL_FLAGS]] = true;
    }
  }
  if (args.stack !== undefined && !/^[A-Za-z0-9_.-]+$/.test(args.stack)) throw new UsageError(`--stack "${args.stack}": use letters, digits, "-", "_" and "."`);
  return args;
}

/** The flags of a command, or the exit code when it is done already: 0 after --help, 2 after a usage error. */
export function commandLine(argv: readonly string[], allowed: readonly string[], usage: string): CommonArgs | number {
  let args: CommonArgs;
  try {
    args = parseArgs(argv, allowed);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`${e.message}\n${usage}`);
    return 2;
  }
  if (!args.help) return args;
  console.log(usage);
  return 0;
}
