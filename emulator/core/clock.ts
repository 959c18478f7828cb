// Virtual time for the emulator: the wall clock plus an offset that tests move forward, optionally frozen,
// so lazily computed statuses change exactly when a test says so.
import type { VirtualClock } from "./types";

/** The core's clock: the VirtualClock contract plus a reset to the start options (used by /__emulator/reset). */
export interface ResettableClock extends VirtualClock {
  reset(frozen: boolean): void;
}

export function createVirtualClock(options: { frozen?: boolean; wallNow?: () => number } = {}): ResettableClock {
  const wallNow = options.wallNow ?? Date.now;
  // Running: now = wall + offset. Frozen: now = frozenAt (advance moves frozenAt).
  let offset = 0;
  let frozenAt: number | undefined = options.frozen ? wallNow() : undefined;

  const clock: ResettableClock = {
    now: () => frozenAt ?? wallNow() + offset,
    advance(ms: number): void {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`clock advance must be a finite number >= 0, got ${ms}`);
      if (frozenAt !== undefined) frozenAt += ms;
      else offset += ms;
    },
    freeze(): void {
      if (frozenAt === undefined) frozenAt = wallNow() + offset;
    },
    unfreeze(): void {
      // Time resumes from where it stood, not from the wall clock.
      if (frozenAt !== undefined) {
        offset = frozenAt - wallNow();
        frozenAt = undefined;
      }
    },
    isFrozen: () => frozenAt !== undefined,
    reset(frozen: boolean): void {
      offset = 0;
      frozenAt = frozen ? wallNow() : undefined;
    },
  };
  return clock;
}
