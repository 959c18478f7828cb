// Reading request bodies and writing EmuResponses on node:http, shared by the family pipeline and the control API.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { EmuResponse } from "./types";

export type BodyResult = { kind: "ok"; body: Buffer } | { kind: "too-large"; bytes: number } | { kind: "aborted" };

/**
 * Reads the whole body. Past `limit` the rest is read and discarded (so the client reliably gets the 413
 * instead of a broken upload), up to `drainLimit`, beyond which the connection is dropped.
 */
export function readBody(req: IncomingMessage, limit: number, drainLimit = limit * 16): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    let settled = false;
    const settle = (result: BodyResult): void => {
      if (!settled) {
        settled = true;
        resolve(result);
      }
    };
    req.on("data", (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes <= limit) chunks.push(chunk);
      else if (bytes > drainLimit) {
        req.socket.destroy();
        settle({ kind: "aborted" });
      }
    });
    req.on("end", () => settle(bytes > limit ? { kind: "too-large", bytes } : { kind: "ok", body: Buffer.concat(chunks) }));
    req.on("error", () => settle({ kind: "aborted" }));
    req.on("close", () => settle({ kind: "aborted" }));
  });
}

/** Encodes an EmuResponse body: objects as JSON, strings and Buffers as they are. */
export function encodeBody(body: unknown): { bytes: Buffer; contentType: string } | undefined {
  if (body === undefined) return undefined;
  if (Buffer.isBuffer(body)) return { bytes: body, contentType: "application/octet-stream" };
  if (typeof body === "string") return { bytes: Buffer.from(body, "utf8"), contentType: "text/plain; charset=utf-8" };
  return { bytes: Buffer.from(JSON.stringify(body), "utf8"), contentType: "application/json; charset=utf-8" };
}

export function sendResponse(res: ServerResponse, response: EmuResponse): void {
  const bodiless = response.status === 204 || response.status === 304;
  const encoded = bodiless ? undefined : encodeBody(response.body);
  const headers: Record<string, string> = {};
  if (encoded) headers["content-type"] = encoded.contentType;
  // The response's own headers win (a family may send JSON text with its own content-type).
  for (const [name, value] of Object.entries(response.headers ?? {})) headers[name.toLowerCase()] = value;
  if (!bodiless) headers["content-length"] = String(encoded?.bytes.length ?? 0);
  res.writeHead(response.status, headers);
  res.end(encoded?.bytes);
}

export function jsonResponse(status: number, body: unknown): EmuResponse {
  return { status, body };
}
