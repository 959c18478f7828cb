// Verifies OCP's two auth schemes on the emulator's own reading of the docs (docs/api-ocp.md#authentication):
//   OCP-ACCESS-KEY-HMACSHA1 {AK}:{Base64(HMAC-SHA1(SK, stringToSign))} with an RFC 1123 Date under 15
//   minutes from the server's (wall) clock, and HTTP Basic. The string to sign is rebuilt from the raw
//   request: method, MD5 of the raw body bytes, Content-Type, Date, Host, x-ocp-* headers, raw path + sorted query.
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { EmuContext, EmuRequest, EmuResponse } from "../core/types";
import { fail, OcpErrorCode } from "./envelope";
import { OCP_ACCESS_KEYS, OCP_BASIC_USERS } from "./fixtures";

const MAX_SKEW_MS = 15 * 60_000;
const HMAC_PREFIX = "OCP-ACCESS-KEY-HMACSHA1 "; // "HMACSHA1 must be written in uppercase" [docs]
const RFC1123 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

function header(req: EmuRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(", ") : v;
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  return x.length === y.length && timingSafeEqual(x, y);
}

function unauthorized(message: string, code: number = OcpErrorCode.AUTHENTICATION_FAILED): EmuResponse {
  const res = fail(401, code, message);
  return { ...res, headers: { "www-authenticate": 'Basic realm="OCP"' } };
}

/** The raw path and the raw query of the request-target as received (absolute-form and fragment dropped). */
function splitTarget(rawTarget: string): { path: string; query: string } {
  let t = rawTarget.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, "");
  const hash = t.indexOf("#");
  if (hash >= 0) t = t.slice(0, hash);
  const q = t.indexOf("?");
  return q < 0 ? { path: t || "/", query: "" } : { path: t.slice(0, q) || "/", query: t.slice(q + 1) };
}

/** Query pairs kept in their wire encoding, ordered by name then value. */
function sortedQuery(query: string): string {
  const pairs: Array<[string, string]> = [];
  for (const part of query.split("&")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    pairs.push(eq < 0 ? [part, ""] : [part.slice(0, eq), part.slice(eq + 1)]);
  }
  pairs.sort((a, b) => (a[0] === b[0] ? cmp(a[1], b[1]) : cmp(a[0], b[0])));
  return pairs.map(([k, v]) => `${k}=${v}`).join("&");
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function stringToSign(req: EmuRequest): string {
  const md5 = req.rawBody.length === 0 ? "" : createHash("md5").update(req.rawBody).digest("hex").toUpperCase();
  const ocpHeaders = Object.keys(req.headers)
    .filter((name) => name.toLowerCase().startsWith("x-ocp-"))
    .map((name) => name.toLowerCase())
    .sort(cmp)
    .map((name) => `${name}:${(header(req, name) ?? "").trim()}`)
    .join("\n");
  const { path, query } = splitTarget(req.rawTarget);
  const q = sortedQuery(query);
  return [
    req.method.toUpperCase(),
    md5,
    header(req, "content-type") ?? "",
    header(req, "date") ?? "",
    header(req, "host") ?? "",
    ocpHeaders,
    q === "" ? path : `${path}?${q}`,
  ].join("\n");
}

function verifyHmac(req: EmuRequest, credentials: string, ctx: EmuContext): EmuResponse | undefined {
  const colon = credentials.indexOf(":");
  if (colon <= 0) return unauthorized("Malformed Authorization header: expected OCP-ACCESS-KEY-HMACSHA1 {AccessKeyId}:{Signature}");
  const ak = credentials.slice(0, colon);
  const signature = credentials.slice(colon + 1);
  const sk = Object.hasOwn(OCP_ACCESS_KEYS, ak) ? OCP_ACCESS_KEYS[ak] : undefined;
  if (sk === undefined) return unauthorized("Invalid AccessKey: the AccessKey ID does not exist");
  const date = header(req, "date");
  if (date === undefined || !RFC1123.test(date)) return unauthorized("Missing or malformed Date header: an RFC 1123 date is required");
  const skew = Math.abs(ctx.wallNow() - Date.parse(date));
  if (!(skew < MAX_SKEW_MS)) {
    return unauthorized("Request expired: the Date header differs from the server time by 15 minutes or more", OcpErrorCode.DATE_OUT_OF_RANGE);
  }
  const expected = createHmac("sha1", sk).update(stringToSign(req), "utf8").digest("base64");
  if (!sameText(signature, expected)) return unauthorized("Signature mismatch: the request signature does not match");
  return undefined;
}

function verifyBasic(credentials: string): EmuResponse | undefined {
  const decoded = Buffer.from(credentials.trim(), "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return unauthorized("Malformed Basic credentials");
  const user = decoded.slice(0, colon);
  const expected = Object.hasOwn(OCP_BASIC_USERS, user) ? OCP_BASIC_USERS[user] : undefined;
  // Compare even for an unknown user, so timing does not tell which user names exist.
  const passwordOk = sameText(decoded.slice(colon + 1), expected ?? "\u0000never");
  if (expected === undefined || !passwordOk) return unauthorized("Bad credentials: wrong user name or password");
  return undefined;
}

/** undefined when the request is authorized, else the 401 in OCP's error envelope. */
export function authenticate(req: EmuRequest, ctx: EmuContext): EmuResponse | undefined {
  const auth = header(req, "authorization");
  if (auth === undefined || auth === "") return unauthorized("Authentication required: send an OCP-ACCESS-KEY-HMACSHA1 signature or HTTP Basic credentials");
  if (auth.startsWith(HMAC_PREFIX)) return verifyHmac(req, auth.slice(HMAC_PREFIX.length), ctx);
  const basic = /^Basic +(\S+)$/i.exec(auth);
  if (basic?.[1] !== undefined) return verifyBasic(basic[1]);
  return unauthorized("Unsupported Authorization scheme");
}
