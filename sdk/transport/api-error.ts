// One place that turns a vendor's error answer into a typed ApiError; each family parses its own error
// shape and calls this with what it found, adding a code override for platform specifics (busy, skew).
import { ApiError, ErrorCodes, type ErrorCode, type Platform } from "../errors";

export interface VendorErrorFacts {
  platform: Platform;
  operation: string;
  httpStatus: number;
  vendorCode?: string;
  vendorMessage?: string;
  requestId?: string;
  /** Overrides the code derived from the HTTP status (e.g. BUSY for Huawei's DBS.200019). */
  code?: ErrorCode;
  retryable?: boolean;
}

export function codeForStatus(status: number): ErrorCode {
  if (status === 401 || status === 403) return ErrorCodes.AUTH;
  if (status === 404) return ErrorCodes.NOT_FOUND;
  if (status === 429) return ErrorCodes.THROTTLED;
  return ErrorCodes.API;
}

export function apiError(f: VendorErrorFacts): ApiError {
  const code = f.code ?? codeForStatus(f.httpStatus);
  const retryable =
    f.retryable ?? (code === ErrorCodes.THROTTLED || code === ErrorCodes.BUSY || f.httpStatus >= 500);
  const vendor = [f.vendorCode, f.vendorMessage].filter((s) => s !== undefined && s !== "").join(": ");
  const id = f.requestId ? ` (request id ${f.requestId})` : "";
  const message = `${f.operation}: HTTP ${f.httpStatus}${vendor ? ` ${vendor}` : ""}${id}`;
  return new ApiError(
    message,
    {
      platform: f.platform,
      operation: f.operation,
      httpStatus: f.httpStatus,
      ...(f.vendorCode !== undefined ? { vendorCode: f.vendorCode } : {}),
      ...(f.vendorMessage !== undefined ? { vendorMessage: f.vendorMessage } : {}),
      ...(f.requestId !== undefined ? { requestId: f.requestId } : {}),
      retryable,
    },
    code,
  );
}
