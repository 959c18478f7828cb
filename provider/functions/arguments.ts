// How the functions refuse bad arguments: every broken rule at once, each with its property, the value given and the
// rule, before any request (and before the configuration is read). The rules are the sdk's, run one property at a
// time, as the resources' check() does.
import { ErrorCodes, InvalidInputError } from "../../sdk/errors";
import { checkObTime } from "../../sdk/oceanbase/inputs";

/** The platforms the functions read from. */
export const FUNCTION_PLATFORMS = ["oceanbase-cloud", "huawei-taurusdb"] as const;

export interface ArgumentFailure {
  property: string;
  /** The value given (arguments hold ids, times and names, never a credential). */
  value: unknown;
  reason: string;
}

/** A function's arguments broke rules; nothing was sent. */
export class InvalidArgumentsError extends Error {
  readonly code = ErrorCodes.INVALID_INPUT;
  readonly failures: ArgumentFailure[];
  constructor(fn: string, failures: ArgumentFailure[]) {
    const each = failures.map((f) => `${f.property} ${show(f.value)} ${f.reason}`);
    super(`${fn}: invalid arguments, nothing was sent: ${each.join("; ")}`);
    this.name = "InvalidArgumentsError";
    this.failures = failures;
  }
}

function show(value: unknown): string {
  if (value === undefined) return "(absent)";
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

const absent = (v: unknown): boolean => v === undefined || v === null;

/** Collects the failures of one call's arguments. */
export class ArgumentRules {
  readonly #fn: string;
  readonly #args: Record<string, unknown>;
  readonly #failures: ArgumentFailure[] = [];

  constructor(fn: string, args: unknown) {
    this.#fn = fn;
    if (typeof args !== "object" || args === null || Array.isArray(args)) {
      this.#args = {};
      this.#failures.push({ property: "args", value: args, reason: "must be an object with a platform" });
    } else this.#args = args as Record<string, unknown>;
  }

  /** The given value of a property (null counts as absent). */
  value(name: string): unknown {
    const v = this.#args[name];
    return absent(v) ? undefined : v;
  }

  fail(property: string, reason: string, value: unknown = this.value(property)): void {
    this.#failures.push({ property, value, reason });
  }

  /** Refuses every property not in `allowed` (a misspelt filter would otherwise widen the result silently). */
  only(allowed: readonly string[], what: string): void {
    for (const [k, v] of Object.entries(this.#args)) {
      if (!absent(v) && !allowed.includes(k)) this.fail(k, `is not an argument of ${what} (expected ${allowed.join(", ")})`, v);
    }
  }

  /** Runs an sdk rule on a given value; its InvalidInputError becomes a failure of `name`. Absent: undefined. */
  check<T>(name: string, rule: (value: unknown) => T, required = false): T | undefined {
    const v = this.value(name);
    if (v === undefined) {
      if (required) this.fail(name, "is required");
      return undefined;
    }
    try {
      return rule(v);
    } catch (e) {
      if (!(e instanceof InvalidInputError)) throw e;
      this.fail(name, e.rule, v);
      return undefined;
    }
  }

  /** An ISO-8601 UTC time ("2026-01-13T05:58:34Z"), as epoch ms. */
  time(name: string): number | undefined {
    return this.check(name, (v) => checkObTime(name, v));
  }

  boolean(name: string): boolean | undefined {
    const v = this.value(name);
    if (v === undefined || typeof v === "boolean") return v;
    this.fail(name, "must be a boolean");
    return undefined;
  }

  /** An integer page size from 1 to 100. */
  pageSize(name: string): number | undefined {
    const v = this.value(name);
    if (v === undefined) return undefined;
    if (typeof v === "number" && Number.isInteger(v) && v >= 1 && v <= 100) return v;
    this.fail(name, "must be an integer from 1 to 100");
    return undefined;
  }

  /** Two optional bounds that go together (or not), the second not before the first. */
  bounds(from: string, to: string, together: boolean): { from?: number; to?: number } {
    const a = this.time(from);
    const b = this.time(to);
    if (together && (this.value(from) === undefined) !== (this.value(to) === undefined)) {
      const missing = this.value(from) === undefined ? from : to;
      this.fail(missing, `is required with ${missing === from ? to : from} (the API takes the two together)`);
    }
    if (a !== undefined && b !== undefined && b < a) this.fail(to, `must not be before ${from}`);
    return { ...(a !== undefined ? { from: a } : {}), ...(b !== undefined ? { to: b } : {}) };
  }

  /** Refuses the call for its platform (absent or none of `platforms`), with every other failure so far. */
  refusePlatform(platforms: readonly string[]): never {
    const v = this.value("platform");
    this.fail("platform", `${v === undefined ? "is required" : "must be"}: ${platforms.map((p) => JSON.stringify(p)).join(" or ")}`);
    throw new InvalidArgumentsError(this.#fn, this.#failures);
  }

  /** Throws InvalidArgumentsError when any rule was broken. */
  done(): void {
    if (this.#failures.length > 0) throw new InvalidArgumentsError(this.#fn, this.#failures);
  }
}
