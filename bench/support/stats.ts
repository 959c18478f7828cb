// Small statistics for the benchmark's sections.

/** The q-quantile of samples (0.5: the median), interpolating between the two nearest; fails on none. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) throw new Error("quantile of no samples");
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const lo = sorted[Math.floor(at)] as number;
  const hi = sorted[Math.ceil(at)] as number;
  return lo + (hi - lo) * (at - Math.floor(at));
}

export function median(samples: readonly number[]): number {
  return quantile(samples, 0.5);
}

/** The smallest and largest sample, for a note ("12–15"). */
export function range(samples: readonly number[], digits = 2): string {
  const k = 10 ** digits;
  const r = (v: number): number => Math.round(v * k) / k;
  return `${r(Math.min(...samples))}–${r(Math.max(...samples))}`;
}
