// Typed errors with stable codes (the undici / AWS SDK v3 style): callers branch on `code`, never on
// message text. Messages never carry credentials: they are built only from method, path, vendor codes
// and vendor messages, never from headers or request bodies.

export type Platform = "oceanbase-cloud" | "ocp" | "huawei-taurusdb";

export const ErrorCodes = {
  INVALID_INPUT: "DBB_ERR_INVALID_INPUT",
  API: "DBB_ERR_API",
  AUTH: "DBB_ERR_AUTH",
  NOT_FOUND: "DBB_ERR_NOT_FOUND",
  THROTTLED: "DBB_ERR_THROTTLED",
  BUSY: "DBB_ERR_BUSY",
  CLOCK_SKEW: "DBB_ERR_CLOCK_SKEW",
  NETWORK: "DBB_ERR_NETWORK",
  REQUEST_TIMEOUT: "DBB_ERR_REQUEST_TIMEOUT",
  INVALID_RESPONSE: "DBB_ERR_INVALID_RESPONSE",
  DEADLINE: "DBB_ERR_DEADLINE",
  ABORTED: "DBB_ERR_ABORTED",
  OPERATION_FAILED: "DBB_ERR_OPERATION_FAILED",
  /** The provider's configuration: a setting missing, invalid, or not a setting at all. */
  MISSING_CONFIG: "DBB_ERR_MISSING_CONFIG",
  INVALID_CONFIG: "DBB_ERR_INVALID_CONFIG",
} as const;
export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

export interface ErrorContext {
  platform?: Platform;
  /** The sdk operation, e.g. "oceanbase.startBackup". */
  operation?: string;
  httpStatus?: number;
  vendorCode?: string;
  vendorMessage?: string;
  /** requestId (OceanBase Cloud), traceId (OCP) or X-Request-Id (Huawei), when the server sent one. */
  requestId?: string;
  retryable?: boolean;
  cause?: unknown;
}

export class DbBackupError extends Error {
  readonly code: ErrorCode;
  readonly platform: Platform | undefined;
  readonly operation: string | undefined;
  readonly httpStatus: number | undefined;
  readonly vendorCode: string | undefined;
  readonly vendorMessage: string | undefined;
  readonly requestId: string | undefined;
  readonly retryable: boolean;

  constructor(code: ErrorCode, message: string, ctx: ErrorContext = {}) {
    super(message, ctx.cause === undefined ? undefined : { cause: ctx.cause });
    this.name = new.target.name;
    this.code = code;
    this.platform = ctx.platform;
    this.operation = ctx.operation;
    this.httpStatus = ctx.httpStatus;
    this.vendorCode = ctx.vendorCode;
    this.vendorMessage = ctx.vendorMessage;
    this.requestId = ctx.requestId;
    this.retryable = ctx.retryable ?? false;
  }
}

/** Bad input, refused before any request is sent. `field` is the property path, `rule` what it breaks. */
export class InvalidInputError extends DbBackupError {
  readonly field: string;
  readonly rule: string;
  constructor(field: string, rule: string, ctx: ErrorContext = {}) {
    super(ErrorCodes.INVALID_INPUT, `${field}: ${rule}`, ctx);
    this.field = field;
    this.rule = rule;
  }
}

/** The server answered with an error (any non-success envelope or non-2xx status). */
export class ApiError extends DbBackupError {
  constructor(message: string, ctx: ErrorContext, code: ErrorCode = ErrorCodes.API) {
    super(code, message, ctx);
  }
}

/** The request reached the server, or may have, but no usable response came back. */
export class NetworkError extends DbBackupError {
  /** True when the failure happened before the request could reach the server (connect refused, DNS). */
  readonly beforeSend: boolean;
  constructor(message: string, ctx: ErrorContext & { beforeSend: boolean }) {
    super(ErrorCodes.NETWORK, message, ctx);
    this.beforeSend = ctx.beforeSend;
  }
}

export class RequestTimeoutError extends DbBackupError {
  constructor(message: string, ctx: ErrorContext = {}) {
    super(ErrorCodes.REQUEST_TIMEOUT, message, ctx);
  }
}

/** A 2xx answer whose body is not JSON or does not match the schema; `field` names the first bad field. */
export class InvalidResponseError extends DbBackupError {
  readonly field: string | undefined;
  constructor(message: string, ctx: ErrorContext & { field?: string } = {}) {
    super(ErrorCodes.INVALID_RESPONSE, message, ctx);
    this.field = ctx.field;
  }
}

/** A wait (poller or retry loop) ran past its deadline. */
export class DeadlineExceededError extends DbBackupError {
  constructor(message: string, ctx: ErrorContext = {}) {
    super(ErrorCodes.DEADLINE, message, ctx);
  }
}

export class AbortedError extends DbBackupError {
  constructor(message = "operation aborted", ctx: ErrorContext = {}) {
    super(ErrorCodes.ABORTED, message, ctx);
  }
}

/** An asynchronous platform operation (backup, task, restore, job) ended in failure. */
export class OperationFailedError extends DbBackupError {
  constructor(message: string, ctx: ErrorContext = {}) {
    super(ErrorCodes.OPERATION_FAILED, message, ctx);
  }
}

export function isDbBackupError(e: unknown): e is DbBackupError {
  return e instanceof DbBackupError;
}
