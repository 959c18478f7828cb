// Waits for an asynchronous platform operation (backup, task, restore, job): checks, sleeps with growing
// jittered delays, and gives up at a deadline with one last check exactly at it.
import { systemClock, type Clock, type Random } from "./clock";
import { DEFAULT_PACING, pacedDelay, type Expectation, type PacingOptions } from "./pacing";
import {
  AbortedError,
  DbBackupError,
  DeadlineExceededError,
  InvalidInputError,
  OperationFailedError,
  type ErrorContext,
  type Platform,
} from "./errors";

export type PollStep<T> = { done: true; value: T } | { done: false; status?: string };

export interface PollProgress {
  /** The status the last check reported (or the code of a retryable error it threw), if any. */
  status: string | undefined;
  /** Virtual milliseconds since poll() started. */
  elapsedMs: number;
  /** 1 for the first check. */
  attempt: number;
  /** How long poll() sleeps before the next check (0 when the deadline has come). */
  nextDelayMs: number;
}

/**
 * "full": random(0, d); "equal": d/2 + random(0, d/2); "none": d, where d is the nominal delay.
 * The default is "equal": a status poll that drew a delay near 0 (full jitter) would re-check at once and
 * spend the caller's API rate limit for nothing, while d/2 of randomness still spreads many resources
 * that started waiting at the same moment (one `pulumi up`).
 */
export type Jitter = "full" | "equal" | "none";

export interface PollOptions {
  /** What is awaited, for errors and progress ("OceanBase backup bak-123 of obcluster-1"). */
  description: string;
  /** Deadline, measured from the start of poll(). */
  timeoutMs: number;
  /** Nominal delay after the first check (default 2000). */
  initialDelayMs?: number;
  /** Upper bound of the nominal delay (default 30000). */
  maxDelayMs?: number;
  /** Growth of the nominal delay per check (default 1.5). */
  multiplier?: number;
  jitter?: Jitter;
  random?: Random;
  clock?: Clock;
  signal?: AbortSignal;
  onProgress?: (progress: PollProgress) => void;
  /** Copied into the errors poll() throws. */
  platform?: Platform;
  operation?: string;
  /**
   * What earlier runs say about this operation's length, asked before every sleep (so a check can refine it). While
   * it answers, the checks follow pacedDelay() (sdk/pacing.ts) instead of the growing delay, and the first check waits
   * for the expected window; undefined falls back to the growing delay.
   */
  expected?: () => Expectation | undefined;
  /**
   * The operation was just started: without an expectation, the first check comes after the first delay
   * (initialDelayMs), not at once, since a check then would only find it running and spend a request.
   */
  justStarted?: boolean;
  /** How long the operation had already run when poll() started (default 0): the expectation counts from its start. */
  ageMs?: number;
  pacing?: PacingOptions;
}

export const DEFAULT_POLL = { initialDelayMs: 2000, maxDelayMs: 30_000, multiplier: 1.5, jitter: "equal" as Jitter };

/** The delay to sleep after check number `attempt` (1-based), before clipping to the deadline. */
export function pollDelay(
  attempt: number,
  o: { initialDelayMs: number; maxDelayMs: number; multiplier: number; jitter: Jitter },
  random: Random,
): number {
  const nominal = Math.min(o.maxDelayMs, o.initialDelayMs * o.multiplier ** Math.max(0, attempt - 1));
  switch (o.jitter) {
    case "none":
      return Math.floor(nominal);
    case "full":
      return Math.floor(random() * nominal);
    case "equal":
      return Math.floor(nominal / 2 + random() * (nominal / 2));
  }
}

/**
 * Calls `check` until it reports done. A check that throws a DbBackupError with `retryable` true counts as
 * "not done yet" (its code becomes the status); any other error ends the wait at once.
 */
export async function poll<T>(check: () => Promise<PollStep<T>>, opts: PollOptions): Promise<T> {
  const o = resolveOptions(opts);
  const clock = opts.clock ?? systemClock;
  const random = opts.random ?? Math.random;
  const ctx: ErrorContext = {
    ...(opts.platform !== undefined ? { platform: opts.platform } : {}),
    ...(opts.operation !== undefined ? { operation: opts.operation } : {}),
  };
  const started = clock.now();
  const deadline = started + opts.timeoutMs;
  const age = Math.max(0, opts.ageMs ?? 0);
  const pacing = opts.pacing ?? DEFAULT_PACING;
  /** The paced delay at this moment, or undefined without an expectation. */
  const paced = (): number | undefined => {
    const e = opts.expected?.();
    return e === undefined ? undefined : pacedDelay(age + clock.now() - started, e, pacing, random);
  };
  let status: string | undefined;
  let lastError: DbBackupError | undefined;
  const aborted = (): AbortedError =>
    new AbortedError(`${opts.description}: wait aborted after ${formatMs(clock.now() - started)}`, ctx);

  // An operation expected to run for a while is not looked at before its window (the paced delay says how long); one
  // just started, of unknown length, not before the first delay.
  const before = opts.expected?.();
  const firstDelay =
    before !== undefined ? (age < before.durationMs - before.spreadMs ? pacedDelay(age, before, pacing, random) : 0) : opts.justStarted ? o.initialDelayMs : 0;
  if (firstDelay > 0) await sleepOrAbort(clock, Math.min(firstDelay, opts.timeoutMs), opts.signal, aborted);
  for (let attempt = 1; ; attempt++) {
    if (opts.signal?.aborted) throw aborted();
    let step: PollStep<T>;
    try {
      step = await untilAborted(check(), opts.signal);
      lastError = undefined; // a check that answered supersedes an earlier transient error
    } catch (e) {
      if (e === ABORTED) throw aborted();
      if (!(e instanceof DbBackupError) || !e.retryable) throw e;
      if (e instanceof OperationFailedError || e instanceof AbortedError) throw e;
      step = { done: false, status: e.code };
      lastError = e;
    }
    if (step.done) return step.value;
    if (step.status !== undefined) status = step.status;
    const now = clock.now();
    const remaining = deadline - now;
    const delay = remaining <= 0 ? 0 : Math.min(paced() ?? pollDelay(attempt, o, random), remaining);
    opts.onProgress?.({ status, elapsedMs: now - started, attempt, nextDelayMs: delay });
    if (remaining <= 0) {
      const checks = attempt === 1 ? "1 check" : `${attempt} checks`;
      throw new DeadlineExceededError(
        `${opts.description}: not done after ${formatMs(now - started)} (${checks}); last status: ${status ?? "none reported"}`,
        { ...ctx, ...(lastError ? { cause: lastError } : {}) },
      );
    }
    await sleepOrAbort(clock, delay, opts.signal, aborted);
  }
}

async function sleepOrAbort(clock: Clock, ms: number, signal: AbortSignal | undefined, aborted: () => AbortedError): Promise<void> {
  try {
    await clock.sleep(ms, signal);
  } catch (e) {
    if (e instanceof AbortedError || signal?.aborted) throw aborted();
    throw e;
  }
}

function resolveOptions(opts: PollOptions): { initialDelayMs: number; maxDelayMs: number; multiplier: number; jitter: Jitter } {
  const o = {
    initialDelayMs: opts.initialDelayMs ?? DEFAULT_POLL.initialDelayMs,
    maxDelayMs: opts.maxDelayMs ?? DEFAULT_POLL.maxDelayMs,
    multiplier: opts.multiplier ?? DEFAULT_POLL.multiplier,
    jitter: opts.jitter ?? DEFAULT_POLL.jitter,
  };
  // Programming errors, but a NaN here would otherwise turn into a busy loop or a wait that never ends.
  for (const [name, v] of [["timeoutMs", opts.timeoutMs], ["initialDelayMs", o.initialDelayMs], ["maxDelayMs", o.maxDelayMs]] as const) {
    if (!Number.isFinite(v) || v < 0) throw new InvalidInputError(name, "must be a finite number >= 0");
  }
  if (!Number.isFinite(o.multiplier) || o.multiplier < 1) throw new InvalidInputError("multiplier", "must be a finite number >= 1");
  return o;
}

const ABORTED = Symbol("aborted");

// A check may be stuck in I/O that ignores our signal: stop waiting for it as soon as the signal aborts.
function untilAborted<T>(p: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return p;
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(ABORTED);
    signal.addEventListener("abort", onAbort, { once: true });
    if (signal.aborted) onAbort();
    p.then(
      (v) => {
        signal.removeEventListener("abort", onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(e);
      },
    );
  });
}

/** "850ms", "12.5s", "3m 20s", "1h 5m". */
export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const tenths = Math.round(ms / 100) / 10;
  if (tenths < 60) return `${tenths}s`;
  const totalS = Math.round(ms / 1000);
  if (totalS < 3600) return `${Math.floor(totalS / 60)}m ${totalS % 60}s`;
  const totalM = Math.floor(totalS / 60);
  return `${Math.floor(totalM / 60)}h ${totalM % 60}m`;
}
