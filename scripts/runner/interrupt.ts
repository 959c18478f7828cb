// The first Ctrl-C (SIGINT/SIGTERM) of a run: no new step starts, the steps in flight finish and are recorded.
// command.ts sets it; the engine reads it before starting each step.

let requestedBy: string | undefined;

export function requestInterrupt(signal: string): void {
  requestedBy ??= signal;
}

export function interruptRequested(): boolean {
  return requestedBy !== undefined;
}
