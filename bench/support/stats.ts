// Small statistics for the benchmark's sections.

/** The median of samples (the mean of the two middle ones for an even count); fails on none. */
export function median(samples: readonly number[]): number {
  if (samples.length === 0) throw new Error("median of no samples");
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** The smallest and largest sample, for a note ("12–15"). */
export function range(samples: readonly number[], digits = 2): string {
  const k = 10 ** digits;
  const r = (v: number): number => Math.round(v * k) / k;
  return `${r(Math.min(...samples))}–${r(Math.max(...samples))}`;
}
