// OceanBase Cloud's envelopes and the checks every route shares (requestId, project header, JSON body).
import { randomUUID } from "node:crypto";
import type { EmuRequest, EmuResponse } from "../core/types";

/**
 * The error codes the emulator answers with. OceanBase Cloud documents the envelope (`errorCode`,
 * `errorMessage`) but publishes no code table we could find, so these are the emulator's own choices.
 */
export const ObErrorCode = {
  MISSING_PARAMETER: "MissingParameter",
  ILLEGAL_ARGUMENT: "IllegalArgument",
  RESTORE_TIME_NOT_IN_RANGE: "RestoreTimeNotInRange",
  UNAUTHORIZED: "Unauthorized",
  PROJECT_NOT_FOUND: "ProjectNotFound",
  INSTANCE_NOT_FOUND: "InstanceNotFound",
  TENANT_NOT_FOUND: "TenantNotFound",
  BACKUP_SET_NOT_FOUND: "BackupSetNotFound",
  TENANT_NAME_EXISTS: "TenantNameAlreadyExists",
  TENANT_STATUS_NOT_ALLOWED: "TenantStatusNotAllowed",
  UNSUPPORTED_MEDIA_TYPE: "UnsupportedMediaType",
} as const;

/** The client's requestId when it sent one (the API echoes it for tracking), else a fresh one. */
function requestIdOf(req: EmuRequest | undefined): string {
  const id = req?.query.get("requestId");
  return id !== null && id !== undefined && id !== "" ? id : randomUUID();
}

/** The error envelope [docs]; the status travels on the response line only. */
export function errorBody(_status: number, code: string, message: string, req?: EmuRequest): unknown {
  return { success: false, errorCode: code, errorMessage: message, requestId: requestIdOf(req) };
}

export function fail(req: EmuRequest, status: number, code: string, message: string, headers?: Record<string, string>): EmuResponse {
  return { status, ...(headers ? { headers } : {}), body: errorBody(status, code, message, req) };
}

export const missing = (req: EmuRequest, what: string): EmuResponse => fail(req, 400, ObErrorCode.MISSING_PARAMETER, `${what} is required`);
export const illegal = (req: EmuRequest, message: string): EmuResponse => fail(req, 400, ObErrorCode.ILLEGAL_ARGUMENT, message);

/** `{"success": true, "requestId", "data"}` [seed]. */
export function ok(req: EmuRequest, data: unknown): EmuResponse {
  return { status: 200, body: { success: true, requestId: requestIdOf(req), data } };
}

/** Every call must carry a requestId query parameter [seed 000/001/003]. */
export function checkRequestId(req: EmuRequest): EmuResponse | undefined {
  const id = req.query.get("requestId");
  if (id === null || id === "") return missing(req, "requestId");
  if (id.length > 128) return illegal(req, "requestId must be at most 128 characters");
  return undefined;
}

export function projectHeader(req: EmuRequest): string | undefined {
  const h = req.headers["x-ob-project-id"];
  const v = Array.isArray(h) ? h[0] : h;
  return v === undefined || v === "" ? undefined : v;
}

/** A POST body: JSON object sent as application/json. */
export function jsonBody(req: EmuRequest): { body: Record<string, unknown> } | { error: EmuResponse } {
  const type = req.headers["content-type"] ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    return { error: fail(req, 415, ObErrorCode.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be application/json") };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(req.rawBody.toString("utf8"));
  } catch {
    return { error: illegal(req, "request body is not valid JSON") };
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return { error: illegal(req, "request body must be a JSON object") };
  return { body: parsed as Record<string, unknown> };
}

/** Reads an optional query parameter that must be "true" or "false". */
export function queryBoolean(req: EmuRequest, name: string): { value: boolean | undefined } | { error: EmuResponse } {
  const raw = req.query.get(name);
  if (raw === null) return { value: undefined };
  if (raw !== "true" && raw !== "false") return { error: illegal(req, `${name} must be true or false`) };
  return { value: raw === "true" };
}

export const DEFAULT_PAGE_SIZE = 10;
export const MAX_PAGE_SIZE = 100;

/** pageNumber (from 1, default 1) and pageSize (1–100, default 10). */
export function pageOf(req: EmuRequest): { pageNumber: number; pageSize: number } | { error: EmuResponse } {
  const read = (name: string, dflt: number, max: number): number | EmuResponse => {
    const raw = req.query.get(name);
    if (raw === null) return dflt;
    if (!/^[1-9]\d{0,8}$/.test(raw)) return illegal(req, `${name} must be a positive integer`);
    const n = Number(raw);
    return n > max ? illegal(req, `${name} must be at most ${max}`) : n;
  };
  const pageNumber = read("pageNumber", 1, 1e9);
  if (typeof pageNumber !== "number") return { error: pageNumber };
  const pageSize = read("pageSize", DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  if (typeof pageSize !== "number") return { error: pageSize };
  return { pageNumber, pageSize };
}

export function pageSlice<T>(items: readonly T[], page: { pageNumber: number; pageSize: number }): T[] {
  const start = (page.pageNumber - 1) * page.pageSize;
  return items.slice(start, start + page.pageSize);
}

const OB_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** An API time ("2026-01-13T05:58:34Z": UTC, seconds) as epoch ms, or undefined when not that form. */
export function parseObTime(value: unknown): number | undefined {
  if (typeof value !== "string" || !OB_TIME.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) || formatObTime(ms) !== value ? undefined : ms;
}

export function formatObTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}
