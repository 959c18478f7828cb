// OCP's answer envelopes as the emulator writes them: success (docs/api-ocp.md#success-envelope) and error (docs/api-ocp.md#error-envelope).
import { randomBytes } from "node:crypto";
import type { EmuContext, EmuResponse } from "../core/types";
import { formatOffsetDateTime } from "./time";

/**
 * The integer error codes the emulator answers with. OCP documents `error.code` as an int but publishes no
 * table we could find, so these values are the emulator's own: 60000 + the HTTP status, except a Date out
 * of the 15-minute window (61401), so tests can tell it from a bad signature.
 */
export const OcpErrorCode = {
  ILLEGAL_ARGUMENT: 60400,
  AUTHENTICATION_FAILED: 60401,
  DATE_OUT_OF_RANGE: 61401,
  NOT_FOUND: 60404,
  STRATEGY_ALREADY_EXISTS: 60409,
} as const;

/** The code for a status when the caller has none (route misses, injected faults). */
export function codeForStatus(status: number): number {
  return 60000 + status;
}

export const SERVER_NAME = "emulator-ocp";

export function traceId(): string {
  return randomBytes(8).toString("hex");
}

export function ok(ctx: EmuContext, data: unknown): EmuResponse {
  return {
    status: 200,
    body: {
      data,
      successful: true,
      timestamp: formatOffsetDateTime(ctx.clock.now()),
      duration: 3,
      status: 200,
      traceId: traceId(),
      server: SERVER_NAME,
    },
  };
}

export interface SubError {
  target: string;
  message: string;
}

/** The error envelope body; `code` is an int, or a string the core passed that is not one. */
export function errorEnvelope(status: number, code: number | string, message: string, target: string | null = null, subErrors: SubError[] = []): unknown {
  return {
    successful: false,
    timestamp: formatOffsetDateTime(Date.now()),
    duration: 1,
    status,
    traceId: traceId(),
    server: SERVER_NAME,
    error: { code, message, target, subErrors },
  };
}

export function fail(status: number, code: number, message: string, target: string | null = null, subErrors: SubError[] = []): EmuResponse {
  return { status, body: errorEnvelope(status, code, message, target, subErrors) };
}

export function notFound(message: string): EmuResponse {
  return fail(404, OcpErrorCode.NOT_FOUND, message);
}

export function illegalArgument(field: string, rule: string): EmuResponse {
  return fail(400, OcpErrorCode.ILLEGAL_ARGUMENT, `Invalid argument: ${field} ${rule}`, field, [{ target: field, message: rule }]);
}
