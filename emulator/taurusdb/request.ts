// Reading a TaurusDB request: the JSON body and query parameters, with the family's 400 answers.
import type { EmuRequest, EmuResponse } from "../core/types";
import { CODES, fail } from "./errors";

export type Parsed<T> = { ok: true; value: T } | { ok: false; response: EmuResponse };

export function ok<T>(value: T): Parsed<T> {
  return { ok: true, value };
}

export function bad<T>(code: string, message: string, status = 400): Parsed<T> {
  return { ok: false, response: fail(status, code, message) };
}

/** The body as a JSON object; anything else is a parameter error. */
export function jsonBody(req: EmuRequest): Parsed<Record<string, unknown>> {
  if (req.rawBody.length === 0) return bad(CODES.PARAMETER, "The request is null. Enter a request parameter.");
  let parsed: unknown;
  try {
    parsed = JSON.parse(req.rawBody.toString("utf8"));
  } catch {
    return bad(CODES.PARAMETER, "Parameter error: the body is not valid JSON");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    return bad(CODES.PARAMETER, "Parameter error: the body must be a JSON object");
  }
  return ok(parsed as Record<string, unknown>);
}

/** An optional integer query parameter within [min, max]; a repeated parameter is refused. */
export function intParam(req: EmuRequest, name: string, min: number, max: number): Parsed<number | undefined> {
  const values = req.query.getAll(name);
  if (values.length === 0) return ok(undefined);
  const [text] = values;
  if (values.length > 1 || text === undefined || !/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    return bad(CODES.PARAMETER, `Parameter error: ${name} must be an integer from ${min} to ${max}`);
  }
  return ok(Number(text));
}

/** "yyyy-mm-ddThh:mm:ss" + "Z" or an offset such as +0800 → epoch ms. */
export function parseApiTime(text: string): number | undefined {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(Z|[+-]\d{4})$/.exec(text);
  if (!m) return undefined;
  const zone = m[2] === "Z" ? "Z" : `${m[2]?.slice(0, 3)}:${m[2]?.slice(3)}`;
  const ms = Date.parse(`${m[1]}${zone}`);
  return Number.isNaN(ms) ? undefined : ms;
}
