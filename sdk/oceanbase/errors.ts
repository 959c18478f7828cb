// OceanBase Cloud's error answers → typed ApiError. The body is `{"success": false, "errorCode", "errorMessage",
// "requestId"}` [docs]; a non-JSON body (a proxy's HTML page, an empty 401) still gives an error by status.
import type { ApiError } from "../errors";
import { apiError } from "../transport/api-error";
import type { RawResponse } from "../transport/types";
import { errorEnvelopeSchema } from "./schemas";

export const PLATFORM = "oceanbase-cloud" as const;

interface ErrorFacts {
  vendorCode?: string;
  vendorMessage?: string;
  requestId?: string;
}

/** Whatever the body tells about the error; nothing when it is not the documented shape. */
export function errorFacts(body: unknown): ErrorFacts {
  const r = errorEnvelopeSchema.safeParse(body);
  if (!r.success) return {};
  const { errorCode, errorMessage, requestId } = r.data;
  return {
    ...(errorCode !== undefined && errorCode !== null ? { vendorCode: String(errorCode) } : {}),
    ...(errorMessage !== undefined && errorMessage !== null ? { vendorMessage: errorMessage } : {}),
    ...(requestId !== undefined && requestId !== null ? { requestId } : {}),
  };
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The transport's ErrorMapper for non-2xx answers (the code follows the status: 401 → AUTH, 404 → NOT_FOUND…). */
export function oceanbaseErrorMapper(res: RawResponse, operation: string): ApiError {
  return apiError({ platform: PLATFORM, operation, httpStatus: res.status, ...errorFacts(tryJson(res.body)) });
}

/** A 2xx answer with `success: false` is an error too [inferred]. */
export function unsuccessfulAnswerError(body: unknown, httpStatus: number, operation: string): ApiError {
  return apiError({ platform: PLATFORM, operation, httpStatus, ...errorFacts(body) });
}
