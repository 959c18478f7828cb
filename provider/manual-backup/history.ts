// How long this backup should take, from the platform's own record of earlier ones: the start and end times of the
// same target's earlier on-demand backups of the same kind, which each platform lists anyway before starting one
// (the name check, the listing that finds a set without an id, the task snapshot). Fed to the wait's pacing
// (sdk/pacing.ts), so a long backup is not checked on a growing schedule from its first second.
import { expectFromHistory, type Expectation } from "../../sdk/pacing";

/** One earlier run: when it began and ended (epoch ms), if the platform said. */
export interface EarlierRun {
  startMs: number | undefined;
  endMs: number | undefined;
}

/** The expectation from the finished runs, most recent first; undefined when none finished. */
export function expectationOf(runs: readonly EarlierRun[], what: string): Expectation | undefined {
  const finished = runs
    .filter((r): r is { startMs: number; endMs: number } => r.startMs !== undefined && r.endMs !== undefined && r.endMs > r.startMs)
    .sort((x, y) => y.startMs - x.startMs);
  return expectFromHistory(
    finished.map((r) => r.endMs - r.startMs),
    what,
  );
}

/** Epoch ms of an ISO-8601 time, or undefined. */
export function isoMs(iso: string | null | undefined): number | undefined {
  if (iso === undefined || iso === null) return undefined;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}
