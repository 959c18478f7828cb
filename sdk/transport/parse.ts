// Every response body goes through zod before use; failures name the first bad field.
import { z } from "zod";
import { InvalidResponseError, type Platform } from "../errors";
import type { RawResponse } from "./types";

export function parseJson(res: RawResponse, ctx: { platform: Platform; operation: string }): unknown {
  try {
    return JSON.parse(res.body) as unknown;
  } catch {
    throw new InvalidResponseError(
      `${ctx.operation}: the server answered HTTP ${res.status} with a body that is not JSON (${Buffer.byteLength(res.body)} bytes)`,
      // Retryable: a cut or non-JSON body is a proxy's or a connection's hiccup, so a poll reads again. A write's
      // unreadable answer is never resent on this flag alone (the transport decides by status, the provider looks up).
      { ...ctx, httpStatus: res.status, retryable: true },
    );
  }
}

export function parseWith<S extends z.ZodType>(
  schema: S,
  value: unknown,
  ctx: { platform: Platform; operation: string; httpStatus?: number; requestId?: string },
): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const field = issue ? issue.path.map(String).join(".") || "(body)" : "(body)";
  const rule = issue ? issue.message : "invalid";
  throw new InvalidResponseError(`${ctx.operation}: unexpected response: field '${field}': ${rule}`, { ...ctx, field });
}
