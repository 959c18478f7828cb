// OCP's two ways of saying no: the error envelope (any non-2xx, or a 2xx with successful:false) and a
// BackupCommonResponse whose per-object result has beSuccessful:false under HTTP 200 (seed 002).
import type { Clock } from "../clock";
import { ApiError, ErrorCodes, type ErrorCode } from "../errors";
import { apiError } from "../transport/api-error";
import type { ErrorMapper, RawResponse } from "../transport/types";
import { errorEnvelopeSchema, type OcpBackupCommonResponse } from "./schemas";

// OCP refuses a Date more than 15 minutes off its own clock [docs]. The vendor's error code for that is
// not published, so skew is recognised from the server's own Date header instead: a 401 from a server
// whose clock is this far from ours is reported as CLOCK_SKEW (a little under 15 minutes allows for latency).
const SKEW_THRESHOLD_MS = 14 * 60_000;

function serverClockSkewed(res: RawResponse, nowMs: number): boolean {
  const date = res.headers["date"];
  if (date === undefined) return false;
  const serverMs = Date.parse(date);
  return !Number.isNaN(serverMs) && Math.abs(serverMs - nowMs) > SKEW_THRESHOLD_MS;
}

function tryJson(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

/** The vendor facts of an OCP error envelope; empty when the body is not one (e.g. a proxy's HTML page). */
export function errorEnvelopeFacts(body: string): { vendorCode?: string; vendorMessage?: string; requestId?: string } {
  const parsed = errorEnvelopeSchema.safeParse(tryJson(body));
  if (!parsed.success) return {};
  const { error, traceId } = parsed.data;
  return {
    ...(error.code !== undefined && error.code !== null ? { vendorCode: String(error.code) } : {}),
    ...(error.message ? { vendorMessage: error.message } : {}),
    ...(traceId ? { requestId: traceId } : {}),
  };
}

/** The transport's ErrorMapper for OCP; `clock` is the one the request was signed with. */
export function ocpErrorMapper(clock: Clock): ErrorMapper {
  return (res, operation) => {
    const skew = res.status === 401 && serverClockSkewed(res, clock.now());
    return apiError({
      platform: "ocp",
      operation,
      httpStatus: res.status,
      ...errorEnvelopeFacts(res.body),
      ...(skew ? { code: ErrorCodes.CLOCK_SKEW } : {}),
    });
  };
}

/** A backup operation the server refused per object (beSuccessful:false), even though HTTP said 200. */
export class OcpBackupOperationError extends ApiError {
  /** The result's errorCode, rendered as text ("Object" in the seed). */
  readonly errorCode: string | undefined;
  readonly hint: string | undefined;
  readonly obBackupTaskType: string | undefined;
  constructor(
    message: string,
    ctx: { operation: string; httpStatus: number; requestId?: string; errorCode?: string; hint?: string; obBackupTaskType?: string },
    code: ErrorCode = ErrorCodes.API,
  ) {
    super(
      message,
      {
        platform: "ocp",
        operation: ctx.operation,
        httpStatus: ctx.httpStatus,
        ...(ctx.errorCode !== undefined ? { vendorCode: ctx.errorCode } : {}),
        ...(ctx.hint !== undefined ? { vendorMessage: ctx.hint } : {}),
        ...(ctx.requestId !== undefined ? { requestId: ctx.requestId } : {}),
        retryable: false,
      },
      code,
    );
    this.errorCode = ctx.errorCode;
    this.hint = ctx.hint;
    this.obBackupTaskType = ctx.obBackupTaskType;
  }
}

function codeText(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  const s = typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : JSON.stringify(v);
  return s.length > 200 ? `${s.slice(0, 200)}…` : s;
}

/** Throws OcpBackupOperationError for the first per-object result with beSuccessful:false. */
export function assertBackupOpsSucceeded(
  data: OcpBackupCommonResponse,
  ctx: { operation: string; httpStatus: number; requestId?: string },
): void {
  for (const r of data.backupObjectOpsResultList) {
    if (r.beSuccessful) continue;
    const errorCode = codeText(r.errorCode);
    const hint = r.hint ?? undefined;
    const what = [errorCode, hint].filter((s) => s !== undefined && s !== "").join(": ");
    const id = ctx.requestId ? ` (request id ${ctx.requestId})` : "";
    throw new OcpBackupOperationError(
      `${ctx.operation}: the server refused the backup operation${what ? `: ${what}` : ""}${id}`,
      {
        ...ctx,
        ...(errorCode !== undefined ? { errorCode } : {}),
        ...(hint !== undefined ? { hint } : {}),
        ...(data.obBackupTaskType ? { obBackupTaskType: data.obBackupTaskType } : {}),
      },
    );
  }
}
