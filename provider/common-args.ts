// Argument conventions every resource shares.

/**
 * The engine's placeholder for a value not known until apply (@pulumi/pulumi runtime/rpc unknownValue). Check and
 * Diff receive it during preview; rules about such a value are checked once it is known.
 */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** True when the value is, or contains, a value not known yet. */
export function isUnknown(v: unknown): boolean {
  if (v === UNKNOWN) return true;
  if (Array.isArray(v)) return v.some(isUnknown);
  if (typeof v === "object" && v !== null) return Object.values(v).some(isUnknown);
  return false;
}

/** Arguments that steer only how long the provider waits: changing them never touches the cloud. */
export const WAIT_ARGS = ["waitForCompletion", "timeoutMinutes"] as const;

export function isWaitArg(name: string): boolean {
  return (WAIT_ARGS as readonly string[]).includes(name);
}

/** timeoutMinutes: a positive number of minutes (fractions allowed), at most one day. */
export const MAX_TIMEOUT_MINUTES = 1440;

/** The rule timeoutMinutes is checked against, in check() failures. */
export const TIMEOUT_RULE = `must be a number of minutes greater than 0 and at most ${MAX_TIMEOUT_MINUTES}`;
