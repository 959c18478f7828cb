// How the runner's command-line entry points (cli.ts, start.ts) run: exit codes, signals and a closed stdout.
import { interruptRequested, requestInterrupt } from "./interrupt";

/** Runs main() as the process: its result is the exit code; an unexpected error prints and exits 1. */
export function runAsCommand(main: () => Promise<number>): void {
  // First Ctrl-C: no new step starts; the steps in flight finish and are recorded in the state file (a create cut
  // off halfway would leave an object the state does not know). Second: exit at once, through process.exit so the
  // 'exit' hooks end the provider hosts and drop the stack lock; an unfinished create stays listed as pending.
  let signals = 0;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      signals++;
      if (signals === 1) {
        requestInterrupt(signal);
        console.log(`\ninterrupted (${signal}): finishing the steps in progress and recording them; no new step starts (interrupt again to exit at once)`);
        return;
      }
      console.log(`\ninterrupted again (${signal}): exiting now; a create in progress stays listed as pending in the state file`);
      process.exit(130);
    });
  }
  // Output piped into a reader that stops early (`| head`): drop the rest of the output but finish the run, since
  // stopping halfway through a deployment because nobody reads any more would leave it half applied.
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code !== "EPIPE") throw e;
    process.stdout.write = () => true;
  });
  main().then(
    (code) => process.exit(interruptRequested() && code !== 0 ? 130 : code),
    (e: unknown) => {
      console.error(`error: ${e instanceof Error ? e.stack : String(e)}`);
      process.exit(1);
    },
  );
}
