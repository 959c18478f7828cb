// The waiting shared by every platform's ManualBackup handlers (on the provider's one wait, ../wait.ts): the wait for a
// usable backup that turns a timeout or a failed backup into a partial failure, and the sdk error classes the
// handlers branch on.
import { DbBackupError, DeadlineExceededError, ErrorCodes } from "../../sdk/errors";
import { statusLine, StopWaiting, waitUntil, type Deadline } from "../wait";
import { outputsOf, type Observed } from "./outputs";
import { PartialFailureError, waitRanOut } from "../partial-failure";
import { classifyFailure } from "../uncertain";
import type { HandlerContext, Props } from "../types";
import { formatMs } from "../../sdk/poller";
import type { Expectation } from "../../sdk/pacing";

/** Statuses in which a backup can be used [seed 001, seed 004]; OCP: its tasks ended SUCCESSFUL [docs: task page]. */
export const USABLE_STATUSES: readonly string[] = ["DONE", "COMPLETED", "AVAILABLE", "SUCCESSFUL"];
/** Statuses in which a backup never becomes usable: the resource must be replaced. */
export const FAILED_STATUSES: readonly string[] = ["FAILED", "CANCELED"];

/** Not usable yet and not failed: a wait may still end well. */
export function isInProgress(status: string | undefined): boolean {
  return status === undefined || (!USABLE_STATUSES.includes(status) && !FAILED_STATUSES.includes(status));
}

/** The backup disappeared while being waited for: nothing to record, so not a partial failure. */
export class BackupGoneError extends Error {
  override readonly name = "BackupGoneError";
}

/** One look at the backup: what the outputs show, and the platform's own words about a failure. */
export interface Observation {
  observed: Observed;
  /** e.g. "validity INVALID" (OceanBase Cloud reports no failure message). */
  detail?: string;
}

export interface UsableWait {
  /** The resource id: the partial failure carries it. */
  id: string;
  /** The arguments, for the outputs (and the partial failure's properties). */
  args: Props;
  /** "OceanBase Cloud backup set bak-1 of tenant t-demo on obcluster-demo", for reasons and the last progress line. */
  what: string;
  /** A short name for the progress lines while waiting ("backup set bak-1"). */
  label: string;
  /** The statuses awaited, in words: "DONE", "COMPLETED or AVAILABLE". */
  usable: string;
  /** What is known before the first look (kept in the partial failure if no look succeeds). */
  last: Observed;
  /** Undefined when the backup no longer exists. */
  fetch(): Promise<Observation | undefined>;
  deadline: Deadline;
  ctx: HandlerContext;
  /** What earlier backups say about this one's length (history.ts); asked before each sleep, may change after a look. */
  expected?: () => Expectation | undefined;
  /** How long the backup had run when the wait began (for a fresh create: since the request was sent). */
  ageMs?: number;
}

const RESUMES = "The backup exists and is recorded in the state: the next `pulumi up` resumes the wait";

/**
 * Waits until the backup is usable and returns the outputs. A backup that exists but did not become usable in time,
 * could not be looked at, or ended FAILED/CANCELED becomes a PartialFailureError carrying the id and every known
 * output, so the engine records it (the runtime adds __provider): a later `pulumi up` resumes the wait, or, for a
 * failed backup, replaces it (diff proposes that from the status).
 */
export async function waitForUsable(w: UsableWait): Promise<Props> {
  let seen = w.last;
  let result: Observation;
  const e = w.expected?.();
  if (e !== undefined) {
    const lo = formatMs(Math.max(0, e.durationMs - e.spreadMs));
    w.ctx.progress(`${w.label}: expected to take ${lo} to ${formatMs(e.durationMs + e.spreadMs)} (${e.basis}); checking from then on`);
  }
  try {
    result = await waitUntil<Observation>(
      async () => {
        let o: Observation | undefined;
        try {
          o = await w.fetch();
        } catch (e) {
          // A status read whose answer was not definite (a cut or refused 200, a 5xx past the transport's retries):
          // reading is harmless, so read again until the deadline rather than give up on a backup that may be fine.
          if (classifyFailure(e) !== "uncertain") throw e;
          return { done: false, status: `status not readable (${e instanceof Error ? e.message : String(e)})` };
        }
        if (o === undefined) {
          throw new StopWaiting(
            new BackupGoneError(`${w.what} no longer exists (deleted outside Pulumi while being waited for): run \`pulumi refresh\`, then \`pulumi up\` to take a new backup`),
          );
        }
        seen = o.observed;
        return isInProgress(o.observed.status) ? { done: false, status: o.observed.status } : { done: true, value: o };
      },
      {
        description: w.what,
        deadline: w.deadline,
        clock: w.ctx.clock,
        ...(w.expected !== undefined ? { expected: w.expected } : {}),
        // A backup just started (ageMs given) is not done at once: without history, the first look waits a delay.
        ...(w.ageMs !== undefined ? { ageMs: w.ageMs, justStarted: true } : {}),
        onStatus: (r) => w.ctx.progress(statusLine(w.label, r, `waiting until ${w.usable}, timeoutMinutes ${w.deadline.timeoutMinutes}`)),
      },
    );
  } catch (e) {
    if (e instanceof BackupGoneError) throw e;
    if (e instanceof DeadlineExceededError) {
      const ranOut = { what: w.what, awaited: w.usable, elapsed: w.deadline.elapsed(), timeoutMinutes: w.deadline.timeoutMinutes, lastStatus: seen.status };
      throw waitRanOut(w.id, outputsOf(w.args, seen), ranOut, { cause: e });
    }
    const reason = `waiting for ${w.what} failed: ${e instanceof Error ? e.message : String(e)}. ${RESUMES}.`;
    throw new PartialFailureError(w.id, outputsOf(w.args, seen), [reason], { cause: e });
  }
  const outs = outputsOf(w.args, result.observed);
  const status = result.observed.status;
  if (FAILED_STATUSES.includes(status)) {
    const detail = result.detail === undefined ? "" : ` (${result.detail})`;
    throw new PartialFailureError(w.id, outs, [
      `${w.what} ended ${status}${detail} and cannot be used. It is recorded in the state; the next \`pulumi up\` replaces it with a new backup.`,
    ]);
  }
  w.ctx.progress(`${w.what} is ${status}`);
  return outs;
}

/** TaurusDB's "busy, try again" 409s (DBS.200019, DBS.201205, …). */
export function isBusy(e: unknown): e is DbBackupError {
  return e instanceof DbBackupError && e.code === ErrorCodes.BUSY;
}
