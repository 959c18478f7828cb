// HTTP Digest verification (RFC 7616), written from the RFC, not from the sdk. The challenge offers SHA-256
// and MD5 (both qop="auth") with one nonce and opaque; curl takes the MD5 one, the sdk the SHA-256 one.
//
// Nonces are self-certifying: base64("<issued ms>:<random>:<hmac>") under a key of this process, so the
// emulator needs no nonce table to know it issued one. Each nonce may be reused with a new nc (preemptive
// auth) until it is older than "oceanbase.nonceTtlMs" on the virtual clock; a repeated nc, an expired or
// unknown nonce or a foreign opaque with an otherwise correct answer get 401 with stale=true.
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { EmuContext, EmuRequest, EmuResponse } from "../core/types";
import { ACCESS_KEYS } from "./fixtures";
import { errorBody, fail, ObErrorCode } from "./http";

export const REALM = "OceanBase Cloud API";
export const NONCE_TTL_KEY = "oceanbase.nonceTtlMs";

const KEY = randomBytes(32);
const OPAQUE = createHmac("sha256", KEY).update("opaque").digest("hex").slice(0, 32);
const ALGORITHMS: Readonly<Record<string, "md5" | "sha256">> = { MD5: "md5", "SHA-256": "sha256" };

// nc values seen per nonce (replay check). Bounded: the oldest nonces are forgotten first, and a forgotten
// nonce is also past its lifetime in any realistic run.
const seenNc = new Map<string, Set<number>>();
const MAX_TRACKED_NONCES = 10_000;

function sign(text: string): string {
  return createHmac("sha256", KEY).update(text).digest("hex").slice(0, 24);
}

function newNonce(now: number): string {
  const body = `${now}:${randomBytes(12).toString("hex")}`;
  return Buffer.from(`${body}:${sign(body)}`).toString("base64");
}

/** The issue time of a nonce this process made, or undefined. */
function nonceIssuedAt(nonce: string): number | undefined {
  const parts = Buffer.from(nonce, "base64").toString("utf8").split(":");
  if (parts.length !== 3) return undefined;
  const [issued, rand, mac] = parts as [string, string, string];
  const expected = sign(`${issued}:${rand}`);
  if (mac.length !== expected.length || !timingSafeEqual(Buffer.from(mac), Buffer.from(expected))) return undefined;
  const at = Number(issued);
  return Number.isSafeInteger(at) ? at : undefined;
}

export function challengeHeader(now: number, stale: boolean): string {
  const nonce = newNonce(now);
  const extra = stale ? ", stale=true" : "";
  const one = (algorithm: string): string =>
    `Digest realm="${REALM}", qop="auth", algorithm=${algorithm}, nonce="${nonce}", opaque="${OPAQUE}"${extra}`;
  return `${one("SHA-256")}, ${one("MD5")}`;
}

function unauthorized(req: EmuRequest, ctx: EmuContext, message: string, stale = false): EmuResponse {
  return {
    status: 401,
    headers: { "www-authenticate": challengeHeader(ctx.clock.now(), stale) },
    body: errorBody(401, ObErrorCode.UNAUTHORIZED, message, req),
  };
}

/** Parses `Digest k=v, k="v", …` into lower-case keys; undefined when malformed or a key repeats. */
export function parseDigestCredentials(header: string): Record<string, string> | undefined {
  const m = /^Digest\s+/i.exec(header);
  if (!m) return undefined;
  const out: Record<string, string> = {};
  const re = /\s*([A-Za-z0-9_*-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,"]+))\s*(?:,|$)/gy;
  re.lastIndex = m[0].length;
  while (re.lastIndex < header.length) {
    const p = re.exec(header);
    if (p === null) return undefined;
    const key = (p[1] as string).toLowerCase();
    if (Object.hasOwn(out, key)) return undefined;
    out[key] = p[2] !== undefined ? p[2].replace(/\\(.)/g, "$1") : (p[3] as string);
  }
  return out;
}

function hash(algorithm: "md5" | "sha256", text: string): string {
  return createHash(algorithm).update(text, "utf8").digest("hex");
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The family's authenticate(): undefined when the request carries a valid Digest answer. */
export function verifyDigest(req: EmuRequest, ctx: EmuContext): EmuResponse | undefined {
  const header = req.headers.authorization;
  if (header === undefined) return unauthorized(req, ctx, "authentication required (HTTP Digest)");
  const p = parseDigestCredentials(header);
  if (p === undefined) return unauthorized(req, ctx, "malformed Digest credentials");
  const { username, realm, nonce, uri, response, qop, nc, cnonce } = p;
  if (username === undefined || realm === undefined || nonce === undefined || uri === undefined || response === undefined) {
    return unauthorized(req, ctx, "Digest credentials lack username, realm, nonce, uri or response");
  }
  if (qop !== "auth" || nc === undefined || cnonce === undefined || !/^[0-9a-fA-F]{8}$/.test(nc)) {
    return unauthorized(req, ctx, "Digest credentials must use qop=auth with nc and cnonce");
  }
  const algorithm = ALGORITHMS[(p.algorithm ?? "MD5").toUpperCase()];
  if (algorithm === undefined) return unauthorized(req, ctx, `unsupported Digest algorithm ${p.algorithm ?? ""}`);
  if (realm !== REALM) return unauthorized(req, ctx, "wrong Digest realm");
  // RFC 7616 §3.4.6: the uri must be the request-target; a mismatch is a bad request.
  if (uri !== req.rawTarget) return fail(req, 400, ObErrorCode.ILLEGAL_ARGUMENT, "Digest uri does not match the request-target");
  const password = Object.hasOwn(ACCESS_KEYS, username) ? ACCESS_KEYS[username] : undefined;
  if (password === undefined) return unauthorized(req, ctx, "unknown AccessKey ID");

  const ha1 = hash(algorithm, `${username}:${realm}:${password}`);
  const ha2 = hash(algorithm, `${req.method}:${uri}`);
  const expected = hash(algorithm, `${ha1}:${nonce}:${nc}:${cnonce}:auth:${ha2}`);
  if (!sameText(response.toLowerCase(), expected)) return unauthorized(req, ctx, "Digest authentication failed");

  // The answer is right: anything wrong from here on only needs a fresh nonce.
  const now = ctx.clock.now();
  const issuedAt = nonceIssuedAt(nonce);
  if (issuedAt === undefined || p.opaque !== OPAQUE) return unauthorized(req, ctx, "unknown nonce", true);
  if (issuedAt > now || now - issuedAt > ctx.duration(NONCE_TTL_KEY)) return unauthorized(req, ctx, "nonce expired", true);
  const count = parseInt(nc, 16);
  let seen = seenNc.get(nonce);
  if (seen === undefined) {
    seen = new Set();
    seenNc.set(nonce, seen);
    if (seenNc.size > MAX_TRACKED_NONCES) seenNc.delete(seenNc.keys().next().value as string);
  }
  if (count === 0 || seen.has(count)) return unauthorized(req, ctx, "nonce count reused", true);
  seen.add(count);
  return undefined;
}
