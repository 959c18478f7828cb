// The one rule for every request that may have changed something (a create, a start, a restore, a strategy POST,
// PATCH or PUT, a delete): unless its answer is a definite, readable success or a definite refusal, its outcome is
// uncertain, and it is resolved by looking the object up before anything else is sent:
//   found             → returned to the handler, which records it (its result, or a PartialFailureError with its id);
//   certainly absent  → sent again, each time only after a lookup found nothing, up to MAX_SENDS sends in all (then
//                       an UnansweredError that says nothing was created) and within the operation's deadline;
//   undecidable       → an UncertainOutcomeError that says what may exist and where to check; never a second send.
// Each resource says how it looks its object up (docs/design.md#uncertain-outcomes lists them); this file decides
// when to look, how long, and what to say.
import {
  ApiError,
  DbBackupError,
  DeadlineExceededError,
  ErrorCodes,
  InvalidInputError,
  InvalidResponseError,
  NetworkError,
  RequestTimeoutError,
  type Platform,
} from "../sdk/errors";
import { DEFAULT_RETRY } from "../sdk/transport/transport";
import { pollDefaults } from "./config";
import type { HandlerContext } from "./types";
import { startDeadline, StopWaiting, waitUntil, type Deadline, type StatusReport } from "./wait";

const PLATFORM_NAMES: Readonly<Record<Platform, string>> = { "oceanbase-cloud": "OceanBase Cloud", ocp: "OCP", "huawei-taurusdb": "Huawei Cloud TaurusDB" };

/** "OceanBase Cloud", "OCP", "Huawei Cloud TaurusDB": how messages name a platform. */
export function platformName(p: Platform): string {
  return PLATFORM_NAMES[p];
}

/**
 * What the failure of a mutating request says about the server: "refused" when it certainly did not act (a
 * documented refusal, or a connection that failed before sending), "uncertain" when it may have.
 */
export function classifyFailure(e: unknown): "refused" | "uncertain" {
  if (e instanceof NetworkError) return e.beforeSend ? "refused" : "uncertain";
  if (e instanceof RequestTimeoutError || e instanceof InvalidResponseError) return "uncertain";
  if (e instanceof InvalidInputError) return "refused";
  // A wait that ran out: only UnansweredError's requests may have acted; a busy platform refused each one.
  if (e instanceof DeadlineExceededError) return e instanceof UnansweredError ? "uncertain" : "refused";
  if (e instanceof ApiError) {
    const status = e.httpStatus ?? 0;
    // A 5xx may come from a gateway after the server acted; a 429 that outlasted the transport's retries of a
    // request with a body is treated alike: nothing proves the server did not act.
    if (status >= 500 || status === 429 || e.code === ErrorCodes.THROTTLED) return "uncertain";
    // success:false / successful:false / beSuccessful:false under a 2xx: a refusal only with a code that says why.
    if (status >= 200 && status < 300) return e.vendorCode === undefined || e.vendorCode === "" ? "uncertain" : "refused";
    return "refused";
  }
  // An aborted call or an unknown error from the wire: nothing says the server did not act.
  if (e instanceof DbBackupError) return "uncertain";
  return "refused";
}

/** A lookup that cannot tell whether the request acted (several candidates, or the lookup itself failed). */
export class Undecidable extends Error {
  override readonly name = "Undecidable";
}

/** The outcome stayed unknown: the message says what may exist and where to look. Nothing was sent again. */
export class UncertainOutcomeError extends DbBackupError {
  constructor(message: string, platform: Platform, cause: unknown) {
    super(ErrorCodes.API, message, { platform, cause });
    this.name = "UncertainOutcomeError";
  }
}

/**
 * Sends of one request in all: the first, and one more after each answer that was not definite and a lookup that found
 * nothing, as many as the transport gives a request it may repeat on its own (DEFAULT_RETRY.maxAttempts). A send
 * repeats nothing that a lookup found: where lookups are exact (a name or a singleton the platform keeps unique), no
 * number of sends can make a second object. The bound is for platforms that may list a new object late, beyond the
 * grace: there each send after a lost answer risks one duplicate, so the sends stop at a handful. With a platform
 * failing one request in ten before acting, a create still fails one time in 10^5 instead of one in 100 with two sends.
 */
export const MAX_SENDS = DEFAULT_RETRY.maxAttempts;

/** Every answer was uncertain (up to MAX_SENDS, or the deadline) and the lookups found nothing: nothing was created. */
export class UnansweredError extends DeadlineExceededError {
  constructor(message: string, ctx: { platform: Platform; cause: unknown }) {
    super(message, ctx);
    this.name = "UnansweredError";
  }
}

export interface UncertainRequest<T, F> {
  platform: Platform;
  /** The request in words: "the start of the tenant backup of t-demo on obcluster-demo". */
  what: string;
  /** Where a user checks by hand: "the backup sets of tenant t-demo on obcluster-demo in the OceanBase Cloud console". */
  where: string;
  send(): Promise<T>;
  /** What the request may have made or done: undefined when certainly absent; throws Undecidable when it cannot tell. */
  lookUp(): Promise<F | undefined>;
  /**
   * The request sets something and creates nothing (a strategy PATCH): an uncertain answer is not looked up, the
   * request is sent again (the same settings twice are the same settings).
   */
  idempotent?: boolean;
  /** A platform lists a new object a little late: keep looking about fifteen poll rounds before calling it absent. */
  listedLate?: boolean;
  /** A refusal that means "busy, send again later": the status to show while waiting; undefined for other errors. */
  busy?(e: unknown): string | undefined;
  /** The progress line when the lookup found nothing and the request is sent again. */
  absentLine?: string;
  /** The progress line when the lookup found it ("backup set bak-1 is the one it started: adopted"). */
  adoptedLine?(found: F): string;
  /** A refusal that, after an uncertain send, may be that send's own doing (a name now taken): looked up again. */
  mayBeOurs?(e: unknown): boolean;
  /** Progress while busy or sending again (the wait's status lines). */
  onStatus?(report: StatusReport): void;
  deadline: Deadline;
  ctx: HandlerContext;
}

export type Resolved<T, F> = { kind: "answered"; value: T } | { kind: "found"; value: F };

function reasonOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** How long to keep looking for a late listing: about fifteen poll rounds (30 s at the default 2 s), within the deadline. */
function graceMinutes(deadline: Deadline): number {
  return Math.min(deadline.remainingMs(), 15 * pollDefaults().initialDelayMs) / 60_000;
}

async function lookUpOnce<T, F>(r: UncertainRequest<T, F>, cause: unknown): Promise<F | undefined> {
  const look = async (): Promise<F | undefined> => {
    try {
      return await r.lookUp();
    } catch (e) {
      const why = e instanceof Undecidable ? e.message : `looking it up failed: ${reasonOf(e)}`;
      throw new UncertainOutcomeError(
        `${platformName(r.platform)}: the answer to ${r.what} was not definite (${reasonOf(cause)}), and ${why}. It may have been done: ` +
          `nothing was sent again and nothing was recorded in the stack. Check ${r.where} before running again, which would send it again`,
        r.platform,
        cause,
      );
    }
  };
  if (r.listedLate !== true) return look();
  try {
    return await waitUntil(
      async () => {
        const found = await look();
        return found === undefined ? { done: false, status: "not listed yet" } : { done: true, value: found };
      },
      { description: `what ${r.what} may have made`, deadline: startDeadline(graceMinutes(r.deadline), r.ctx.clock), clock: r.ctx.clock },
    );
  } catch (e) {
    if (e instanceof DeadlineExceededError) return undefined;
    throw e;
  }
}

/**
 * Sends the request under the rule in the top comment. Busy refusals wait and send again; other refusals are thrown
 * as they are; an uncertain answer is looked up, and only a certainly absent object is sent again, until the deadline.
 */
export async function sendResolved<T, F>(r: UncertainRequest<T, F>): Promise<Resolved<T, F>> {
  let uncertain: unknown;
  let sends = 0;
  try {
    return await waitUntil<Resolved<T, F>>(
      async () => {
        try {
          sends++;
          return { done: true, value: { kind: "answered", value: await r.send() } };
        } catch (e) {
          const busy = r.busy?.(e);
          if (busy !== undefined) {
            sends--;
            return { done: false, status: busy };
          }
          if (classifyFailure(e) === "refused") {
            if (uncertain !== undefined && r.mayBeOurs?.(e) === true) {
              const found = await lookUpOnce(r, uncertain);
              if (found !== undefined) return { done: true, value: adopted(r, found) };
            }
            throw new StopWaiting(e);
          }
          uncertain = e;
          const name = platformName(r.platform);
          if (r.idempotent !== true) {
            r.ctx.progress(`${name}: the answer to ${r.what} was not definite (${reasonOf(e)}): looking it up before anything else`);
            const found = await lookUpOnce(r, e);
            if (found !== undefined) return { done: true, value: adopted(r, found) };
          }
          if (sends >= MAX_SENDS) throw new StopWaiting(unanswered(r, e));
          r.ctx.progress(
            r.idempotent === true
              ? `${name}: the answer to ${r.what} was not definite (${reasonOf(e)}): sending it again (it sets, it creates nothing)`
              : (r.absentLine ?? `${name}: ${r.what} left nothing in ${r.where}: sending the request again (send ${sends + 1} of at most ${MAX_SENDS})`),
          );
          return { done: false, status: "sending again after an answer that was not definite" };
        }
      },
      { description: r.what, deadline: r.deadline, clock: r.ctx.clock, platform: r.platform, ...(r.onStatus ? { onStatus: r.onStatus } : {}) },
    );
  } catch (e) {
    if (e instanceof UncertainOutcomeError || e instanceof UnansweredError || !(e instanceof DeadlineExceededError) || uncertain === undefined) throw e;
    throw unanswered(r, uncertain);
  }
}

/** Nothing was found after the last uncertain answer, and no more sends are allowed (or the deadline passed). */
function unanswered<T, F>(r: UncertainRequest<T, F>, last: unknown): UnansweredError {
  return new UnansweredError(
    `${platformName(r.platform)}: ${r.what} got no definite answer after ${r.deadline.elapsed()}; the last was: ${reasonOf(last)}. ` +
      (r.idempotent === true
        ? `It may or may not have been applied to ${r.where}; run again (sending it again is harmless)`
        : `Nothing it made shows in ${r.where}, so nothing was created; run again`),
    { platform: r.platform, cause: last },
  );
}

function adopted<T, F>(r: UncertainRequest<T, F>, found: F): Resolved<T, F> {
  r.ctx.progress(r.adoptedLine?.(found) ?? `${platformName(r.platform)}: ${r.what} did take effect (found in ${r.where}): adopted, not sent again`);
  return { kind: "found", value: found };
}
