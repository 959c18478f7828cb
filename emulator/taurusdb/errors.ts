// Huawei's error shape {"error_code", "error_msg"} and the codes this family answers with. Where the
// docs name a code for the case it is used ([docs]); otherwise the choice is ours ([inferred]).
import { randomUUID } from "node:crypto";
import type { EmuResponse } from "../core/types";

export const CODES = {
  /** 400 Parameter error [docs]. */
  PARAMETER: "DBS.200001",
  /** 404 The DB instance does not exist [docs]. */
  INSTANCE_NOT_FOUND: "DBS.200002",
  /** 400 Operation not allowed (e.g. deleting an automated backup) [docs: "Invalid operation"]. */
  ILLEGAL_OPERATION: "DBS.200004",
  /** 409 Another operation is being performed on the DB instance [docs]. */
  INSTANCE_BUSY: "DBS.200019",
  /** 409 A backup is in progress [docs/api-huawei-taurusdb.md#busy-codes]. */
  BACKUP_IN_PROGRESS: "DBS.201205",
  /** 409 The backup name already exists [docs, GaussDB]. */
  BACKUP_NAME_EXISTS: "DBS.201209",
  /** 400 Invalid backup name [docs]. */
  INVALID_BACKUP_NAME: "DBS.201210",
  /** 404 The backup does not exist [docs: "Invalid backup ID"; 404 inferred]. */
  BACKUP_NOT_FOUND: "DBS.280124",
  /** 400 Invalid backup description [docs]. */
  INVALID_DESCRIPTION: "DBS.280127",
  /** 400 Invalid retention days [docs]. */
  INVALID_KEEP_DAYS: "DBS.280214",
  /** 400 Invalid backup start time [docs]. */
  INVALID_WINDOW: "DBS.280216",
  /** 409 The DB instance is being operated on [docs/api-huawei-taurusdb.md#busy-codes]. */
  INSTANCE_BEING_OPERATED: "DBS.212033",
  /** 404 The job does not exist (yet) [inferred]. */
  JOB_NOT_FOUND: "DBS.280404",
  /** 500 Server failure [docs]. */
  SERVER: "DBS.200005",
  /** 401 IAM / AK-SK authentication failed [docs]. */
  IAM_AUTH: "APIG.0301",
  /** 403 Authorization failed [inferred]. */
  FORBIDDEN: "APIG.0302",
  /** 401 App authentication failed, including "signature expired" [docs]. */
  SIGNATURE_EXPIRED: "APIG.0303",
  /** 404 The API does not exist [docs]. */
  NO_SUCH_API: "APIG.0101",
  /** 429 The throttling threshold has been reached [docs]. */
  THROTTLED: "APIG.0308",
} as const;

/** Codes the core passes (e.g. "NotFound", "TooManyRequests") become the gateway's or DBS's own. */
function huaweiCode(status: number, code: string): string {
  if (/^(DBS|APIG)\./.test(code)) return code;
  if (status === 429) return CODES.THROTTLED;
  if (status === 404 || status === 405) return CODES.NO_SUCH_API;
  if (status === 401) return CODES.IAM_AUTH;
  if (status === 403) return CODES.FORBIDDEN;
  if (status === 409) return CODES.INSTANCE_BUSY;
  if (status >= 500) return CODES.SERVER;
  return CODES.PARAMETER;
}

export function errorBody(status: number, code: string, message: string): { error_code: string; error_msg: string } {
  return { error_code: huaweiCode(status, code), error_msg: message };
}

/** Every answer carries X-Request-Id, as the gateway's do. */
export function reply(status: number, body: unknown): EmuResponse {
  return { status, headers: { "x-request-id": randomUUID().replace(/-/g, "") }, body };
}

export function fail(status: number, code: string, message: string): EmuResponse {
  return reply(status, errorBody(status, code, message));
}
