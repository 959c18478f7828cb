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
