// Per-API rate limits: one token bucket per API family, as a cloud's API gateway keeps one quota per API. A request
// that finds its family's bucket empty is answered 429 in the family's error shape, with Retry-After (whole seconds,
// rounded up, at least 1) saying when a token is back, and nothing else happens: the handler does not run, no fault is
// used up. It is logged like an injected fault, as { id: "rate-limit", action: "status" }, so a test counts them.
//
// The limit applies after authentication (a gateway knows whose quota to charge only then; a Digest challenge round
// costs no token), before the faults. Buckets run on real time (performance.now()), not the virtual clock: a frozen
// clock must not stop the refill. Off unless startEmulator's `rateLimit` or POST /__emulator/rate-limit sets it.
import { z } from "zod";
import type { Fault } from "./faults";
import type { FamilyName } from "./types";

/** Every family name, for the specs' `families`. */
export const FAMILIES = ["oceanbase-cloud", "ocp", "huawei-taurusdb"] as const satisfies readonly FamilyName[];

/** What startEmulator's `rateLimit` and POST /__emulator/rate-limit take. */
export interface RateLimitSpec {
  /** Requests a second each limited family accepts, refilled continuously (0.1 to 100000). */
  requestsPerSecond: number;
  /** Tokens the bucket holds: how many requests may come at once after a quiet spell (default: one second's worth). */
  burst?: number;
  /** The families limited, each with a bucket of its own (default: every family). */
  families?: FamilyName[];
}

/** A spec from the control API or the start options that cannot be used; the control API answers it 400. */
export class TrafficSpecError extends Error {}

const rateLimitSchema = z
  .object({
    requestsPerSecond: z.number().min(0.1).max(100_000),
    burst: z.number().int().min(1).max(1_000_000).optional(),
    families: z.array(z.enum(FAMILIES)).min(1).optional(),
  })
  .strict();

/** Checks an untrusted spec with `schema`; a failure names each bad field. */
export function parseSpec<T>(schema: z.ZodType<T>, input: unknown, what: string): T {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const why = r.error.issues.map((i) => `${i.path.length > 0 ? i.path.join(".") : what}: ${i.message}`).join("; ");
  throw new TrafficSpecError(`bad ${what}: ${why}`);
}

export function parseRateLimitSpec(input: unknown): RateLimitSpec {
  return parseSpec(rateLimitSchema, input, "rate limit") as RateLimitSpec;
}

/** A token bucket: `rate` tokens a second up to `burst`, starting full. Times in milliseconds, from any origin. */
export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    readonly rate: number,
    readonly burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.at = now;
  }

  /** Takes one token: 0 when there was one, else the milliseconds until there is (nothing taken then). */
  take(now: number): number {
    if (now > this.at) {
      this.tokens = Math.min(this.burst, this.tokens + ((now - this.at) * this.rate) / 1000);
      this.at = now;
    }
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return ((1 - this.tokens) * 1000) / this.rate;
  }
}

/** The limits in force: a bucket per limited family, made on its first request. */
export class RateLimits {
  private spec: RateLimitSpec | undefined;
  private buckets = new Map<FamilyName, TokenBucket>();
  private throttled = 0;

  /** `start`: the limit after start and reset (undefined: none); `now`: milliseconds of a monotonic clock. */
  constructor(
    private readonly start: RateLimitSpec | undefined,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.spec = start === undefined ? undefined : parseRateLimitSpec(start);
  }

  /** Replaces the limit (full buckets again); undefined turns it off. */
  set(spec: RateLimitSpec | undefined): void {
    this.spec = spec;
    this.buckets.clear();
    this.throttled = 0;
  }

  reset(): void {
    this.set(this.start === undefined ? undefined : { ...this.start });
  }

  /** GET /__emulator/rate-limit: the limit (null when off) and how many requests it answered 429 since it was set. */
  snapshot(): { rateLimit: RateLimitSpec | null; throttled: number } {
    return { rateLimit: this.spec === undefined ? null : { ...this.spec }, throttled: this.throttled };
  }

  /** undefined when the request may go on; else the 429 to answer, as a fault the pipeline answers and logs. */
  take(family: FamilyName): Fault | undefined {
    const spec = this.spec;
    if (spec === undefined || (spec.families !== undefined && !spec.families.includes(family))) return undefined;
    const now = this.now();
    let bucket = this.buckets.get(family);
    if (bucket === undefined) {
      bucket = new TokenBucket(spec.requestsPerSecond, spec.burst ?? Math.max(1, Math.round(spec.requestsPerSecond)), now);
      this.buckets.set(family, bucket);
    }
    const waitMs = bucket.take(now);
    if (waitMs === 0) return undefined;
    this.throttled++;
    return {
      id: "rate-limit",
      action: "status",
      path: "",
      status: 429,
      message: `rate limit exceeded: this API accepts ${spec.requestsPerSecond} requests a second`,
      retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)),
      remaining: 0,
    };
  }
}
