// How every resource waits: the sdk's one waitFor (sdk/wait.ts) with the provider's poll timing (DBBACKUP_POLL_*),
// and a deadline per operation (now + the resource's timeoutMinutes).
import type { Clock } from "../sdk/clock";
import { formatMs, type PollStep } from "../sdk/poller";
import { Deadline, DEFAULT_HEARTBEAT_MS, waitFor, type StatusReport, type WaitOptions } from "../sdk/wait";
import { fixedPollMs, pacingDefaults, pollDefaults } from "./config";

export { Deadline, StopWaiting, type StatusReport } from "../sdk/wait";

export function startDeadline(timeoutMinutes: number, clock: Clock): Deadline {
  return Deadline.after(timeoutMinutes, clock);
}

/** waitFor() with the provider's poll timing (and pacing, for a wait given an expectation). */
export function waitUntil<T>(check: () => Promise<PollStep<T>>, o: Omit<WaitOptions, "initialDelayMs" | "maxDelayMs" | "pacing">): Promise<T> {
  const fixed = fixedPollMs();
  if (fixed !== undefined) {
    // The benchmark's fixed poller: what earlier runs say is ignored, and the first look is at once.
    const { expected: _ignored, justStarted: _atOnce, ...rest } = o;
    return waitFor(check, { ...rest, initialDelayMs: fixed, maxDelayMs: fixed, multiplier: 1, jitter: "none", heartbeatMs: Math.max(fixed, DEFAULT_HEARTBEAT_MS) });
  }
  return waitFor(check, { ...o, ...pollDefaults(), pacing: pacingDefaults() });
}

/** A short progress line: "<label>: <status> after <elapsed>", the first time with what is awaited. */
export function statusLine(label: string, r: StatusReport, awaited?: string): string {
  return `${label}: ${r.status} after ${formatMs(r.elapsedMs)}${r.changed && awaited !== undefined ? ` (${awaited})` : ""}`;
}
