// A virtual Clock for tests: delays are recorded, never waited for in real time.
//   auto mode   (`new FakeClock({ auto: true })`): sleep(ms) advances now() by ms and resolves at once;
//               good for retry loops whose delays are only asserted afterwards.
//   manual mode (default): sleep(ms) stays pending until the test moves time with advance(); good for
//               asserting what happens between checks, and for aborting in the middle of a sleep.
import type { Clock } from "../../sdk/clock";
import { AbortedError } from "../../sdk/errors";

export interface FakeClockOptions {
  /** Virtual epoch milliseconds at the start (default 1_700_000_000_000, a fixed instant). */
  start?: number;
  auto?: boolean;
  /**
   * Auto mode: awaited inside every sleep before it resolves, so a test can change the world "while the
   * code under test waits" (e.g. start a server on a port that refused the first attempt).
   */
  onSleep?: (ms: number) => void | Promise<void>;
}

interface Timer {
  wakeAt: number;
  seq: number;
  resolve: () => void;
}

export class FakeClock implements Clock {
  /** Every delay requested through sleep(), in order, as requested (before any clipping to 0). */
  readonly sleeps: number[] = [];
  readonly auto: boolean;
  private readonly onSleep: FakeClockOptions["onSleep"];
  private current: number;
  private timers: Timer[] = [];
  private seq = 0;
  private sleepWaiters: Array<() => void> = [];

  constructor(opts: FakeClockOptions = {}) {
    this.current = opts.start ?? 1_700_000_000_000;
    this.auto = opts.auto ?? false;
    this.onSleep = opts.onSleep;
  }

  now(): number {
    return this.current;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.sleeps.push(ms);
    if (signal?.aborted) return Promise.reject(new AbortedError());
    const delay = Math.max(0, ms);
    if (this.auto) {
      return Promise.resolve(this.onSleep?.(delay)).then(() => {
        if (signal?.aborted) throw new AbortedError();
        this.current += delay;
      });
    }
    if (delay === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const timer: Timer = {
        wakeAt: this.current + delay,
        seq: this.seq++,
        resolve: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        },
      };
      const onAbort = (): void => {
        this.timers = this.timers.filter((t) => t !== timer);
        reject(new AbortedError());
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.timers.push(timer);
      const waiters = this.sleepWaiters;
      this.sleepWaiters = [];
      for (const w of waiters) w();
    });
  }

  /** Sleeps started and not yet woken (manual mode). */
  get pending(): number {
    return this.timers.length;
  }

  /** Resolves once at least one sleep is pending (at once if one already is): "the code under test is waiting". */
  nextSleep(): Promise<void> {
    if (this.timers.length > 0) return Promise.resolve();
    return new Promise((resolve) => this.sleepWaiters.push(resolve));
  }

  /**
   * Moves virtual time forward by `ms`, waking due sleeps in order. After each wake it lets the woken code
   * run (until it blocks on I/O or a new sleep), so a sleep started by that code and due within the same
   * window is woken too, at its own virtual time.
   */
  async advance(ms: number): Promise<void> {
    const target = this.current + Math.max(0, ms);
    for (;;) {
      const due = this.timers
        .filter((t) => t.wakeAt <= target)
        .sort((a, b) => a.wakeAt - b.wakeAt || a.seq - b.seq)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.current = Math.max(this.current, due.wakeAt);
      due.resolve();
      await flushPromises();
    }
    this.current = target;
    await flushPromises();
  }

  /** Advances to the earliest pending sleep's wake time (manual mode); returns how far time moved. */
  async advanceToNextSleep(): Promise<number> {
    await this.nextSleep();
    const next = Math.min(...this.timers.map((t) => t.wakeAt));
    const step = next - this.current;
    await this.advance(step);
    return step;
  }
}

/** Lets every already-queued promise continuation run: setImmediate fires only after the microtask queue drains. */
export function flushPromises(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
