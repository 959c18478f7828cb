// When to look again at an operation whose length can be foretold from earlier runs of the same kind (a platform's
// list of earlier backups gives their start and end times). Instead of checking on a growing schedule from the start,
// the wait sleeps until the window the operation is expected to end in, then checks at a short fixed gap, so a long
// backup costs few requests and is still seen soon after it ends. A wait that outlives its window falls back to a
// growing gap; no gap ever exceeds preWindowMaxMs, so an estimate that is far too long still bounds the delay.

/** What earlier runs say about this one. */
export interface Expectation {
  /** Expected length of the operation, from its start. */
  durationMs: number;
  /** Half-width of the window it is expected to end in: it should end within durationMs ± spreadMs. */
  spreadMs: number;
  /** For progress lines, e.g. "from 6 earlier manual backups of instance x". */
  basis: string;
}

export interface PacingOptions {
  /** Gap between checks inside the expected window (default 10 s). */
  windowGapMs: number;
  /** Longest gap between checks before the window (default 60 s): the worst delay when the estimate is too long. */
  preWindowMaxMs: number;
  /** Longest gap after the window, when the operation runs late (default 30 s). */
  lateMaxMs: number;
  /** Shortest gap (default 250 ms). */
  minGapMs: number;
}

export const DEFAULT_PACING: PacingOptions = { windowGapMs: 10_000, preWindowMaxMs: 60_000, lateMaxMs: 30_000, minGapMs: 250 };

/** At most this many earlier runs count (the most recent ones): the data of a tenant grows, old runs say less. */
export const MAX_SAMPLES = 10;

/** Student's t at 97.5% for 2 to 9 degrees of freedom (n = 3 to 10 runs). */
const T975 = [4.3, 3.18, 2.78, 2.57, 2.45, 2.36, 2.31, 2.26];

/**
 * The expectation from the lengths of earlier runs of the same kind on the same object, most recent first (older
 * ones are ignored). From three runs on, the window is a 95% prediction interval for one more run: their mean ± t ×
 * their standard deviation × √(1 + 1/n); with fewer, ± 1.5 times their deviation from the mean, at least 20%. Never
 * narrower than 5% of the mean or one second.
 */
export function expectFromHistory(durationsMs: readonly number[], what: string): Expectation | undefined {
  const samples = durationsMs.filter((d) => Number.isFinite(d) && d > 0).slice(0, MAX_SAMPLES);
  const n = samples.length;
  if (n === 0) return undefined;
  const mean = samples.reduce((a, b) => a + b, 0) / n;
  let spreadMs: number;
  if (n < 3) {
    spreadMs = Math.max(1.5 * Math.max(...samples.map((d) => Math.abs(d - mean))), 0.2 * mean);
  } else {
    const sd = Math.sqrt(samples.reduce((a, d) => a + (d - mean) ** 2, 0) / (n - 1));
    spreadMs = (T975[n - 3] ?? 2.26) * sd * Math.sqrt(1 + 1 / n);
  }
  spreadMs = Math.max(spreadMs, 0.05 * mean, 1000);
  return { durationMs: mean, spreadMs, basis: `from ${n} earlier ${what}` };
}

/**
 * How long to sleep before the next check, given how long the operation has run (elapsedMs, from its start) and what
 * is expected of it. `random` in [0, 1) spreads the long sleeps before the window by up to 10%.
 */
export function pacedDelay(elapsedMs: number, e: Expectation, o: PacingOptions, random: () => number): number {
  const lo = e.durationMs - e.spreadMs;
  const hi = e.durationMs + e.spreadMs;
  // The first check: one gap into the window, or its end when the window is narrower than a gap.
  const firstAt = Math.min(hi, Math.max(0, lo) + o.windowGapMs);
  let delay: number;
  if (elapsedMs < firstAt) {
    const untilFirst = firstAt - elapsedMs;
    delay = untilFirst <= o.preWindowMaxMs ? untilFirst : o.preWindowMaxMs * (0.9 + 0.1 * random());
  } else if (elapsedMs <= hi) {
    delay = o.windowGapMs;
  } else {
    // Late: the estimate was short. The gap grows with the lateness, up to lateMaxMs.
    delay = Math.min(o.lateMaxMs, o.windowGapMs + (elapsedMs - hi) / 4);
  }
  return Math.max(o.minGapMs, Math.floor(delay));
}
