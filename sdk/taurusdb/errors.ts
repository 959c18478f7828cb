// Turns a TaurusDB / API Gateway error answer ({"error_code", "error_msg"}) into the typed ApiError.
// The code lists are the ones docs/api-huawei-taurusdb.md#error-codes-relied-on names; classifying is kept in vendorErrorCode() so a
// misreading is corrected in one place.
import { z } from "zod";
import { ErrorCodes, type ErrorCode } from "../errors";
import { apiError } from "../transport/api-error";
import type { ErrorMapper, RawResponse } from "../transport/types";

/** "Busy, try again" answers (HTTP 409): another operation or a backup is running on the instance. */
export const BUSY_CODES: ReadonlySet<string> = new Set([
  "DBS.200019",
  "DBS.201205",
  "DBS.201014",
  "DBS.201015",
  "DBS.200047",
  "DBS.05000084",
  "DBS.212033",
]);

/**
 * Codes meaning "no such object" even when the status is not 404 (DBS answers 400 for some):
 * DBS.200002 instance, DBS.280124 backup id [docs]; DBS.280404 job [inferred, as the emulator answers].
 */
export const NOT_FOUND_CODES: ReadonlySet<string> = new Set(["DBS.200002", "DBS.280124", "DBS.280404"]);

const errorBody = z.object({
  error_code: z.string().optional(),
  error_msg: z.string().optional(),
  request_id: z.string().optional(),
});

function parseErrorBody(body: string): z.output<typeof errorBody> {
  try {
    const r = errorBody.safeParse(JSON.parse(body));
    return r.success ? r.data : {};
  } catch {
    return {};
  }
}

/**
 * The gateway prefixes its codes APIG. (older docs: APIGW.). APIG.0303 covers "signature expired"
 * (X-Sdk-Date more than 15 minutes off) but also app-auth failures, so those are told apart by message.
 */
export function vendorErrorCode(status: number, code: string | undefined, message: string | undefined): ErrorCode | undefined {
  const gateway = code?.replace(/^APIGW\./, "APIG.");
  const msg = message ?? "";
  if (code !== undefined && BUSY_CODES.has(code)) return ErrorCodes.BUSY;
  if (gateway === "APIG.0308" || status === 429) return ErrorCodes.THROTTLED;
  if (/signature expired/i.test(msg)) return ErrorCodes.CLOCK_SKEW;
  if (gateway === "APIG.0303") {
    return /not found|verify signature fail/i.test(msg) ? ErrorCodes.AUTH : ErrorCodes.CLOCK_SKEW;
  }
  if (code !== undefined && NOT_FOUND_CODES.has(code)) return ErrorCodes.NOT_FOUND;
  return undefined; // the HTTP status decides
}

export const taurusdbErrorMapper: ErrorMapper = (res: RawResponse, operation: string) => {
  const body = parseErrorBody(res.body);
  const code = vendorErrorCode(res.status, body.error_code, body.error_msg);
  const requestId = res.headers["x-request-id"] ?? body.request_id;
  return apiError({
    platform: "huawei-taurusdb",
    operation,
    httpStatus: res.status,
    ...(body.error_code !== undefined ? { vendorCode: body.error_code } : {}),
    ...(body.error_msg !== undefined ? { vendorMessage: body.error_msg } : {}),
    ...(requestId !== undefined ? { requestId } : {}),
    ...(code !== undefined ? { code } : {}),
    // A skewed clock does not fix itself by retrying.
    ...(code === ErrorCodes.CLOCK_SKEW ? { retryable: false } : {}),
  });
};
