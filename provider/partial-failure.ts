// A create/update whose cloud object exists but whose wait failed or timed out. The dynamic-provider host
// turns an error carrying id, properties and reasons into ErrorResourceInitFailed, so the engine records the
// resource anyway and nothing is orphaned. The engine shows only `reasons` to the user, so they say it all.
export class PartialFailureError extends Error {
  readonly id: string;
  properties: Record<string, unknown>;
  readonly reasons: string[];

  constructor(id: string, properties: Record<string, unknown>, reasons: string[], options?: { cause?: unknown }) {
    super(reasons.join("; "), options);
    this.name = "PartialFailureError";
    this.id = id;
    this.properties = properties;
    this.reasons = reasons;
  }
}

export interface RanOut {
  /** What was awaited, named as in the progress lines ("TaurusDB backup "nightly" (id) of instance …"). */
  what: string;
  /** The state awaited, in words: "DONE", "ONLINE", "done" (OCP tasks). */
  awaited: string;
  elapsed: string;
  timeoutMinutes: number;
  /** The last status seen, when one was. */
  lastStatus?: string;
}

/**
 * The one way a wait that ran out of time becomes a partial failure: the object exists, so it is recorded with its
 * id and outputs, and the reason says what was awaited, for how long, the last status, and that the next
 * `pulumi up` resumes the wait.
 */
export function waitRanOut(id: string, properties: Record<string, unknown>, r: RanOut, options?: { cause?: unknown }): PartialFailureError {
  const last = r.lastStatus === undefined ? "" : `; last status ${r.lastStatus}`;
  return new PartialFailureError(
    id,
    properties,
    [
      `${r.what} is not ${r.awaited} after ${r.elapsed} (timeoutMinutes ${r.timeoutMinutes})${last}. It exists and is recorded in the stack: ` +
        "the next `pulumi up` resumes the wait (raise timeoutMinutes to wait longer).",
    ],
    options,
  );
}
