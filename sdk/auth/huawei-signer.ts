// Huawei Cloud API Gateway request signing, "SDK-HMAC-SHA256" (docs/api-huawei-taurusdb.md#authentication-sdk-hmac-sha256), and the IAM token
// alternative. The canonical-request builders are pure functions so the published test vectors can
// check them; the authenticators keep the secret key / token inside closures only.
import { createHash, createHmac } from "node:crypto";
import { systemClock, type Clock } from "../clock";
import { InvalidInputError } from "../errors";
import type { Authenticator, HttpMethod, OutgoingRequest } from "../transport/types";

export const HUAWEI_SIGN_ALGORITHM = "SDK-HMAC-SHA256";

/** What one signature covers. Header names are matched case-insensitively. */
export interface HuaweiSignInput {
  method: HttpMethod | string;
  url: URL;
  headers: Record<string, string>;
  /** Lower-case names of the headers to sign; sorted by the builder. */
  signedHeaders: readonly string[];
  /** The exact body text sent (UTF-8), or undefined for none. */
  body?: string;
}

/** Percent-encodes every byte outside A-Z a-z 0-9 - _ . ~ with upper-case hex (the gateway's escape()). */
export function huaweiEscape(s: string): string {
  let out = "";
  for (const byte of Buffer.from(s, "utf8")) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // not valid percent-encoding: sign the text as it stands
  }
}

/** The URL path with each segment re-encoded, always ending with "/" (the URL sent stays unchanged). */
export function huaweiCanonicalUri(url: URL): string {
  const path = url.pathname
    .split("/")
    .map((seg) => huaweiEscape(decodeSegment(seg)))
    .join("/");
  return path.endsWith("/") ? path : `${path}/`;
}

/** Query parameters sorted by key (then value), each side encoded, joined by "&". */
export function huaweiCanonicalQuery(url: URL): string {
  const pairs = [...url.searchParams.entries()].map(([k, v]) => [huaweiEscape(k), huaweiEscape(v)] as const);
  pairs.sort(([ak, av], [bk, bv]) => (ak === bk ? compare(av, bv) : compare(ak, bk)));
  return pairs.map(([k, v]) => `${k}=${v}`).join("&");
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortedSignedHeaders(names: readonly string[]): string[] {
  return [...new Set(names.map((n) => n.toLowerCase()))].sort(compare);
}

/** CanonicalRequest = METHOD \n URI \n query \n headers (name:value\n each) \n signed names \n hex(sha256(body)). */
export function huaweiCanonicalRequest(input: HuaweiSignInput): string {
  const lower: Record<string, string> = {};
  for (const [k, v] of Object.entries(input.headers)) lower[k.toLowerCase()] = v;
  const signed = sortedSignedHeaders(input.signedHeaders);
  const canonicalHeaders = signed.map((name) => `${name}:${(lower[name] ?? "").trim()}\n`).join("");
  return [
    input.method.toUpperCase(),
    huaweiCanonicalUri(input.url),
    huaweiCanonicalQuery(input.url),
    canonicalHeaders,
    signed.join(";"),
    sha256Hex(input.body ?? ""),
  ].join("\n");
}

export function huaweiStringToSign(sdkDate: string, canonicalRequest: string): string {
  return `${HUAWEI_SIGN_ALGORITHM}\n${sdkDate}\n${sha256Hex(canonicalRequest)}`;
}

export function huaweiSignature(secretKey: string, stringToSign: string): string {
  return createHmac("sha256", secretKey).update(stringToSign, "utf8").digest("hex");
}

/** X-Sdk-Date: YYYYMMDDTHHMMSSZ in UTC. */
export function huaweiSdkDate(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}Z$/, "Z");
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

export interface HuaweiAkSkOptions {
  accessKey: string;
  secretKey: string;
  /** Source of X-Sdk-Date (tests inject a skewed or fixed clock). */
  clock?: Clock;
}

// Headers signed when present besides host and x-sdk-date: the gateway requires x-project-id to be
// signed when sent, and signing content-type binds the body's media type.
const SIGN_WHEN_SENT = ["content-type", "x-project-id"];

/** AK/SK signing. The secret key lives only in this closure, never on an object property. */
export function huaweiAkSkAuth(opts: HuaweiAkSkOptions): Authenticator {
  const accessKey = requireCredential("accessKey", opts.accessKey);
  const secretKey = requireCredential("secretKey", opts.secretKey);
  const clock = opts.clock ?? systemClock;
  return {
    authenticate(req, send) {
      const sdkDate = huaweiSdkDate(clock.now());
      const headers: Record<string, string> = { ...req.headers, host: req.url.host, "x-sdk-date": sdkDate };
      const signedHeaders = ["host", "x-sdk-date", ...SIGN_WHEN_SENT.filter((h) => headers[h] !== undefined)];
      const signed = sortedSignedHeaders(signedHeaders);
      const canonical = huaweiCanonicalRequest({ ...signInputOf(req), headers, signedHeaders: signed });
      const signature = huaweiSignature(secretKey, huaweiStringToSign(sdkDate, canonical));
      headers.authorization = `${HUAWEI_SIGN_ALGORITHM} Access=${accessKey}, SignedHeaders=${signed.join(";")}, Signature=${signature}`;
      return send({ ...req, headers });
    },
  };
}

/** IAM token authentication: the token goes in X-Auth-Token and nowhere else. */
export function huaweiTokenAuth(token: string): Authenticator {
  const value = requireCredential("token", token);
  return {
    authenticate: (req, send) => send({ ...req, headers: { ...req.headers, "x-auth-token": value } }),
  };
}

function signInputOf(req: OutgoingRequest): Omit<HuaweiSignInput, "headers" | "signedHeaders"> {
  return { method: req.method, url: req.url, ...(req.body === undefined ? {} : { body: req.body }) };
}

function requireCredential(field: string, value: unknown): string {
  if (typeof value !== "string" || value.trim() === "") throw new InvalidInputError(field, "must be a non-empty string");
  if (/[\r\n]/.test(value)) throw new InvalidInputError(field, "must not contain line breaks");
  return value;
}
