// One way to wait for an asynchronous platform operation: a Deadline fixed when the operation starts (now +
// timeoutMinutes), and waitFor(), which polls a check (done, or not yet with a status) until the deadline, reporting
// each new status and, while the status stays the same, a heartbeat at least every 30 seconds, so a long backup
// never leaves the user without a line. A check ends the wait with an error of its choice by throwing StopWaiting.
import type { Clock } from "./clock";
import { DEFAULT_POLL, formatMs, poll, type PollOptions, type PollStep } from "./poller";

export class Deadline {
  private constructor(
    /** As the user gave it (the resource's timeoutMinutes). */
    readonly timeoutMinutes: number,
    readonly startedAt: number,
    readonly atMs: number,
    private readonly clock: Clock,
  ) {}

  /** Now + timeoutMinutes on this clock. */
  static after(timeoutMinutes: number, clock: Clock): Deadline {
    const now = clock.now();
    return new Deadline(timeoutMinutes, now, now + timeoutMinutes * 60_000, clock);
  }

  remainingMs(): number {
    return Math.max(0, this.atMs - this.clock.now());
  }

  elapsedMs(): number {
    return this.clock.now() - this.startedAt;
  }

  /** Time since the start in words, e.g. "1m 30s". */
  elapsed(): string {
    return formatMs(this.elapsedMs());
  }

  /** A deadline of at most `minutes` from now that never passes this one (a shorter wait inside a longer one). */
  within(minutes: number): Deadline {
    const now = this.clock.now();
    return new Deadline(minutes, now, Math.min(this.atMs, now + minutes * 60_000), this.clock);
  }
}

/** Thrown inside a wait's check to end the wait with `error` (the poller takes a retryable sdk error as "not yet"). */
export class StopWaiting {
  constructor(readonly error: unknown) {}
}

export interface StatusReport {
  status: string;
  elapsedMs: number;
  /** False for a heartbeat: the same status as the last report. */
  changed: boolean;
}

export const DEFAULT_HEARTBEAT_MS = 30_000;

export interface WaitOptions
  extends Pick<PollOptions, "initialDelayMs" | "maxDelayMs" | "multiplier" | "jitter" | "random" | "signal" | "platform" | "operation" | "expected" | "ageMs" | "pacing" | "justStarted"> {
  /** What is awaited, for errors ("OceanBase Cloud backup set bak-1 of obcluster-demo"). */
  description: string;
  deadline: Deadline;
  clock: Clock;
  /** Called when the status changes, and with the same status at least every heartbeatMs while it does not. */
  onStatus?: (report: StatusReport) => void;
  /** Default 30 s. */
  heartbeatMs?: number;
}

/**
 * Polls `check` until it is done (its value), the deadline passes (DeadlineExceededError from the poller), a check
 * throws StopWaiting (its error), or a check throws any error the poller does not retry (that error).
 */
export async function waitFor<T>(check: () => Promise<PollStep<T>>, o: WaitOptions): Promise<T> {
  const heartbeatMs = o.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
  let last: string | undefined;
  let lastReportAt = o.clock.now();
  const report = (status: string, changed: boolean): void => {
    last = status;
    lastReportAt = o.clock.now();
    o.onStatus?.({ status, elapsedMs: o.deadline.elapsedMs(), changed });
  };
  // A paced wait may sleep longer than a heartbeat without checking: the sleep is cut at each heartbeat for a line
  // with the last status, so the user still hears from a long backup at least that often, without a request.
  const clock: Clock = {
    now: () => o.clock.now(),
    sleep: async (ms, signal) => {
      const until = o.clock.now() + ms;
      for (;;) {
        const left = until - o.clock.now();
        const beatIn = lastReportAt + heartbeatMs - o.clock.now();
        if (left <= 0 || last === undefined || beatIn >= left) return o.clock.sleep(Math.max(0, left), signal);
        await o.clock.sleep(Math.max(0, beatIn), signal);
        report(last, false);
      }
    },
  };
  try {
    return await poll(check, {
      ...o,
      clock,
      timeoutMs: o.deadline.remainingMs(),
      // No growing sleep longer than a heartbeat, so that a check (and a line) comes at least that often.
      maxDelayMs: Math.min(o.maxDelayMs ?? DEFAULT_POLL.maxDelayMs, heartbeatMs),
      onProgress: (p) => {
        if (p.status === undefined) return;
        const changed = p.status !== last;
        // Unchanged: report only when waiting for the next check would leave more than a heartbeat without a line.
        if (!changed && o.clock.now() - lastReportAt + p.nextDelayMs <= heartbeatMs) return;
        report(p.status, changed);
      },
    });
  } catch (e) {
    if (e instanceof StopWaiting) throw e.error;
    throw e;
  }
}
