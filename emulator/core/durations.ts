// Durations (ms) of the families' asynchronous transitions: family defaults, overridden by start options,
// overridden again at run time by POST /__emulator/durations. Unknown keys are refused: a typo would
// otherwise silently leave the default in place.
import { isPlainObject } from "./faults";

export class DurationError extends Error {}

export class Durations {
  private current: Record<string, number>;
  private readonly start: Record<string, number>;

  constructor(familyDefaults: ReadonlyArray<Record<string, number>>, overrides: Record<string, number> = {}) {
    const defaults: Record<string, number> = {};
    for (const map of familyDefaults) {
      for (const [key, ms] of Object.entries(map)) {
        if (key in defaults) throw new DurationError(`duration key "${key}" is declared by two families`);
        defaults[key] = checkMs(key, ms);
      }
    }
    this.current = defaults;
    this.start = this.merged(overrides);
    this.current = { ...this.start };
  }

  get(key: string): number {
    const ms = Object.hasOwn(this.current, key) ? this.current[key] : undefined;
    if (ms === undefined) {
      throw new DurationError(`unknown duration key "${key}" (known: ${Object.keys(this.current).sort().join(", ") || "none"})`);
    }
    return ms;
  }

  /** Merges new values (validated) into the current map and returns the result. */
  set(update: unknown): Record<string, number> {
    this.current = this.merged(update);
    return this.snapshot();
  }

  /** Back to the family defaults merged with the start options. */
  reset(): void {
    this.current = { ...this.start };
  }

  snapshot(): Record<string, number> {
    return { ...this.current };
  }

  private merged(update: unknown): Record<string, number> {
    if (!isPlainObject(update)) throw new DurationError("durations must be a JSON object of key → milliseconds");
    const next = { ...this.current };
    for (const [key, ms] of Object.entries(update)) {
      if (!Object.hasOwn(next, key)) {
        throw new DurationError(`unknown duration key "${key}" (known: ${Object.keys(next).sort().join(", ") || "none"})`);
      }
      next[key] = checkMs(key, ms);
    }
    return next;
  }
}

function checkMs(key: string, ms: unknown): number {
  if (typeof ms !== "number" || !Number.isFinite(ms) || ms < 0) {
    throw new DurationError(`duration "${key}" must be a finite number of milliseconds >= 0`);
  }
  return ms;
}
