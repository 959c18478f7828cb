// Client-side pacing of one API's requests, shared by every Transport of a process that talks to the same API (the
// dynamic-provider host serves all resources of a program in one process, so hundreds of resources polling at once
// draw from one limiter instead of bursting into the platform's rate limit together).
//
// A token bucket whose rate adapts to the platform's answers, as TCP's congestion control does to a network's:
//   - it starts at INITIAL_PER_SECOND (10 a second, 10 at once): a small program never waits;
//   - while requests have to wait for a token and nothing is throttled, the rate grows: by one request a second per
//     answer at first (it doubles about every second: "slow start"), by one request a second per second after the
//     first 429 (it creeps up);
//   - a 429 cuts the rate to 90% of the lower of the current rate and the answers actually received in the last
//     second (what the API let through; at most halving it in one cut), at most once a second: the 429s that follow a
//     cut were sent before it;
//   - after QUIET_MS without a 429 it is back at no less than the starting rate: a few 429s in sparse traffic (another
//     client spending the quota, a gateway's hiccup) must not leave a long-running process crawling;
//   - never above `maxPerSecond` (a platform's published quota, when known), never below MIN_PER_SECOND.
// Requests wait in the order they asked (FIFO); an aborted wait leaves the queue at once. Time is the Transport's
// Clock, so tests drive it with a fake one.
import type { Clock } from "../clock";
import { AbortedError } from "../errors";

export const INITIAL_PER_SECOND = 10;
export const MIN_PER_SECOND = 1;
/** A spell without a 429 this long (ms) brings the rate back to at least the starting rate. */
export const QUIET_MS = 5000;
/** A 429 sets the rate to this share of what the API let through. */
const CUT = 0.9;
/** Cuts are at least this far apart (ms): the 429s answered meanwhile were sent at the old rate. */
const CUT_INTERVAL_MS = 1000;
/** The window (ms) over which the answers the API let through are counted. */
const WINDOW_MS = 1000;

export interface LimiterOptions {
  clock: Clock;
  /** Starting rate, requests a second (default INITIAL_PER_SECOND). */
  initialPerSecond?: number;
  /** Ceiling, requests a second (default none). */
  maxPerSecond?: number;
}

interface Waiter {
  resolve(): void;
  reject(e: unknown): void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

/** What the limiter reports, for tests and the benchmark. */
export interface LimiterStats {
  /** The current rate, requests a second. */
  perSecond: number;
  /** Requests waiting for a token now. */
  queued: number;
  /** 429s seen, and the cuts they caused. */
  throttled: number;
  cuts: number;
}

export class AdaptiveLimiter {
  private readonly clock: Clock;
  private readonly max: number;
  private readonly initial: number;
  private rate: number;
  private tokens: number;
  private refilledAt: number;
  private slowStart = true;
  private lastCutAt = -Infinity;
  private lastThrottledAt = -Infinity;
  private readonly answered: number[] = [];
  private readonly queue: Waiter[] = [];
  private pumping = false;
  private throttledCount = 0;
  private cuts = 0;

  constructor(o: LimiterOptions) {
    this.clock = o.clock;
    this.max = o.maxPerSecond ?? Infinity;
    this.initial = Math.min(this.max, Math.max(MIN_PER_SECOND, o.initialPerSecond ?? INITIAL_PER_SECOND));
    this.rate = this.initial;
    this.tokens = this.burst();
    this.refilledAt = this.clock.now();
  }

  stats(): LimiterStats {
    return { perSecond: this.rate, queued: this.queue.length, throttled: this.throttledCount, cuts: this.cuts };
  }

  /**
   * Resolves when the request may go: at once while the bucket has a token and nobody waits, else in turn. Resolves
   * true when it had to wait (the API's demand exceeds the rate: a sign to grow it). Rejects with AbortedError when
   * `signal` aborts first.
   */
  acquire(signal?: AbortSignal): Promise<boolean> {
    if (signal?.aborted) return Promise.reject(new AbortedError());
    this.refill();
    if (this.queue.length === 0 && this.tokens >= 1) {
      this.tokens -= 1;
      return Promise.resolve(false);
    }
    return new Promise<boolean>((resolve, reject) => {
      const waiter: Waiter = {
        resolve: () => resolve(true),
        reject,
        signal,
        onAbort: () => {
          const i = this.queue.indexOf(waiter);
          if (i >= 0) this.queue.splice(i, 1);
          reject(new AbortedError());
        },
      };
      signal?.addEventListener("abort", waiter.onAbort, { once: true });
      this.queue.push(waiter);
      void this.pump();
    });
  }

  /** An answer other than 429 arrived for a request that `waited` (acquire's result) or not. */
  succeeded(waited: boolean): void {
    const now = this.clock.now();
    this.answered.push(now);
    this.trim(now);
    if (!waited) return;
    // Growth only while demand exceeds the rate: an idle client learns nothing about the API's limit.
    const step = this.slowStart ? 1 : 1 / this.rate;
    this.setRate(this.rate + step);
  }

  /** A 429 arrived. */
  throttled(): void {
    const now = this.clock.now();
    this.throttledCount++;
    this.lastThrottledAt = now;
    this.slowStart = false;
    if (now - this.lastCutAt < CUT_INTERVAL_MS) return;
    this.lastCutAt = now;
    this.cuts++;
    this.trim(now);
    // What the API let through in the last second, but never less than half the rate: a 429 in sparse traffic (one
    // request a minute) says little about the limit, and one cut must not stall the client.
    const letThrough = (this.answered.length * 1000) / WINDOW_MS;
    this.setRate(CUT * Math.min(this.rate, Math.max(letThrough, this.rate / 2)));
    // No saved-up burst beyond the new, smaller one into an API that just said no.
    this.tokens = Math.min(this.tokens, this.burst());
  }

  private setRate(perSecond: number): void {
    this.refill();
    this.rate = Math.min(this.max, Math.max(MIN_PER_SECOND, perSecond));
  }

  /** How many requests may go at once after a quiet spell: INITIAL_PER_SECOND until the first 429, then a quarter second's worth. */
  private burst(): number {
    return this.slowStart ? Math.max(1, Math.min(this.rate, INITIAL_PER_SECOND)) : Math.max(1, Math.floor(this.rate / 4));
  }

  private refill(): void {
    const now = this.clock.now();
    if (this.rate < this.initial && now - this.lastThrottledAt >= QUIET_MS) this.rate = this.initial;
    if (now > this.refilledAt) {
      this.tokens = Math.min(this.burst(), this.tokens + ((now - this.refilledAt) * this.rate) / 1000);
      this.refilledAt = now;
    }
  }

  private trim(now: number): void {
    while (this.answered.length > 0 && (this.answered[0] as number) <= now - WINDOW_MS) this.answered.shift();
  }

  /** Hands tokens to the queue in order, sleeping until each is due. One pump at a time. */
  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.queue.length > 0) {
        this.refill();
        if (this.tokens >= 1) {
          this.tokens -= 1;
          const w = this.queue.shift() as Waiter;
          w.signal?.removeEventListener("abort", w.onAbort);
          w.resolve();
          continue;
        }
        await this.clock.sleep(Math.ceil(((1 - this.tokens) * 1000) / this.rate));
      }
    } finally {
      this.pumping = false;
    }
  }
}

// One limiter per API and clock in this process: every Transport of the same platform and origin shares it.
const shared = new WeakMap<Clock, Map<string, AdaptiveLimiter>>();

/** The process's limiter for `platform` at `origin`, made on first use with `options`. */
export function sharedLimiter(platform: string, origin: string, o: LimiterOptions): AdaptiveLimiter {
  let byKey = shared.get(o.clock);
  if (byKey === undefined) {
    byKey = new Map();
    shared.set(o.clock, byKey);
  }
  const key = `${platform} ${origin}`;
  let limiter = byKey.get(key);
  if (limiter === undefined) {
    limiter = new AdaptiveLimiter(o);
    byKey.set(key, limiter);
  }
  return limiter;
}
