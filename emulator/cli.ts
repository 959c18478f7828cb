// `npm run emulator`: runs the emulator in the foreground until SIGINT/SIGTERM (state saved on the way out).
import { DEFAULT_HOST, DEFAULT_PORT, startEmulator } from "./server";
import type { RunningEmulator } from "./server";
import { fixturesSummary } from "./core/fixtures-summary";

const USAGE = "usage: node dist/emulator/cli.js [--port N (default 8787, 0 = any free port)] [--host H (default 127.0.0.1)] [--state FILE]";

interface CliOptions {
  port: number;
  host: string;
  statePath?: string;
}

class UsageError extends Error {}

export function parseArgs(argv: readonly string[]): CliOptions | "help" {
  const options: CliOptions = { port: DEFAULT_PORT, host: DEFAULT_HOST };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--help" || arg === "-h") return "help";
    const eq = arg.indexOf("=");
    const flag = eq >= 0 ? arg.slice(0, eq) : arg;
    const value = (): string => {
      const v = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
      if (v === undefined || v === "") throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case "--port": {
        const text = value();
        const port = Number(text);
        if (!/^\d+$/.test(text) || port > 65535) throw new UsageError(`--port must be an integer from 0 to 65535, got "${text}"`);
        options.port = port;
        break;
      }
      case "--host":
        options.host = value();
        break;
      case "--state":
        options.statePath = value();
        break;
      default:
        throw new UsageError(`unknown argument "${arg}"`);
    }
  }
  return options;
}

async function main(): Promise<void> {
  let options: CliOptions | "help";
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  if (options === "help") {
    console.log(USAGE);
    return;
  }
  let emulator: RunningEmulator;
  try {
    emulator = await startEmulator(options);
  } catch (error) {
    console.error(`emulator failed to start: ${(error as Error).message}`);
    process.exit(1);
  }
  // One write, so a reader of stdout never sees half the banner.
  console.log([`pulumi-dbbackup emulator listening on ${emulator.url}`, ...fixturesSummary.map((line) => `  ${line}`)].join("\n"));

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) process.exit(1); // a second signal: give up waiting
    stopping = true;
    emulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`emulator: failed to save state on ${signal}: ${(error as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

if (require.main === module) void main();
