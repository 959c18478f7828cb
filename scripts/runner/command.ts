// How the runner's command-line entry points (cli.ts, start.ts) run: exit codes, signals and a closed stdout.

/** Runs main() as the process: its result is the exit code; an unexpected error prints and exits 1. */
export function runAsCommand(main: () => Promise<number>): void {
  // Ctrl-C: exit through process.exit so the 'exit' hooks end the provider hosts; the state file already holds
  // every finished step (it is written after each one), and the next run continues from there.
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      console.log(`\ninterrupted (${signal}): the state file records every step that finished; run again to continue`);
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
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(`error: ${e instanceof Error ? e.stack : String(e)}`);
      process.exit(1);
    },
  );
}
