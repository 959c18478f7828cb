// Huawei API Gateway "SDK-HMAC-SHA256", verified from the raw request as received: the canonical request
// is rebuilt from the method, the request-target, the headers the client listed in SignedHeaders and the
// exact body bytes (Huawei's "API Request Signing Guide"; no code shared with sdk/).
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { EmuRequest } from "../core/types";

export interface ParsedAuthorization {
  accessKey: string;
  signedHeaders: string[];
  signature: string;
}

const AUTHORIZATION = /^SDK-HMAC-SHA256\s+Access=([^,\s]+)\s*,\s*SignedHeaders=([^,\s]+)\s*,\s*Signature=([0-9a-fA-F]+)\s*$/;

export function parseAuthorization(value: string | undefined): ParsedAuthorization | undefined {
  const m = value === undefined ? null : AUTHORIZATION.exec(value);
  if (!m) return undefined;
  return { accessKey: m[1] as string, signedHeaders: (m[2] as string).split(";"), signature: (m[3] as string).toLowerCase() };
}

/** Every byte but A-Z a-z 0-9 - _ . ~ as %XX (upper-case hex). */
function escapeForSigning(text: string): string {
  const bytes = Buffer.from(text, "utf8");
  let out = "";
  for (const b of bytes) {
    const unreserved =
      (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || (b >= 0x30 && b <= 0x39) || b === 0x2d || b === 0x5f || b === 0x2e || b === 0x7e;
    out += unreserved ? String.fromCharCode(b) : "%" + (b < 16 ? "0" : "") + b.toString(16).toUpperCase();
  }
  return out;
}

function splitTarget(rawTarget: string): { rawPath: string; rawQuery: string } {
  const noFragment = rawTarget.split("#")[0] ?? "";
  const q = noFragment.indexOf("?");
  return q < 0 ? { rawPath: noFragment, rawQuery: "" } : { rawPath: noFragment.slice(0, q), rawQuery: noFragment.slice(q + 1) };
}

function canonicalUri(rawPath: string): string {
  const segments = rawPath.split("/").map((seg) => {
    let decoded = seg;
    try {
      decoded = decodeURIComponent(seg);
    } catch {
      // leave an undecodable segment as sent; the signature will then simply not match
    }
    return escapeForSigning(decoded);
  });
  const uri = segments.join("/");
  return uri.endsWith("/") ? uri : uri + "/";
}

function canonicalQuery(rawQuery: string): string {
  // Decoding as application/x-www-form-urlencoded ("+" is a space), as Go's url.ParseQuery does.
  const pairs: Array<[string, string]> = [];
  for (const [k, v] of new URLSearchParams(rawQuery)) pairs.push([escapeForSigning(k), escapeForSigning(v)]);
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return pairs.map(([k, v]) => k + "=" + v).join("&");
}

function headerValue(req: EmuRequest, name: string): string | undefined {
  const v = req.headers[name];
  if (v === undefined) return undefined;
  return (Array.isArray(v) ? v.join(",") : v).trim();
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

/** Checks the signature with the secret key of the access key the request named. */
export function verifySignature(req: EmuRequest, auth: ParsedAuthorization, secretKey: string, sdkDate: string): SignatureCheck {
  const names = auth.signedHeaders;
  if (names.some((n) => n !== n.toLowerCase() || n === "")) return { ok: false, reason: "SignedHeaders must be lower-case names" };
  for (const required of ["host", "x-sdk-date"]) {
    if (!names.includes(required)) return { ok: false, reason: `SignedHeaders must include ${required}` };
  }
  if (req.headers["x-project-id"] !== undefined && !names.includes("x-project-id")) {
    return { ok: false, reason: "SignedHeaders must include x-project-id when it is sent" };
  }
  const headerLines: string[] = [];
  for (const name of names) {
    const value = headerValue(req, name);
    if (value === undefined) return { ok: false, reason: `signed header ${name} is missing from the request` };
    headerLines.push(name + ":" + value + "\n");
  }
  const { rawPath, rawQuery } = splitTarget(req.rawTarget);
  const canonicalRequest = [
    req.method.toUpperCase(),
    canonicalUri(rawPath),
    canonicalQuery(rawQuery),
    headerLines.join(""),
    names.join(";"),
    createHash("sha256").update(req.rawBody).digest("hex"),
  ].join("\n");
  const stringToSign = "SDK-HMAC-SHA256\n" + sdkDate + "\n" + createHash("sha256").update(canonicalRequest, "utf8").digest("hex");
  const expected = Buffer.from(createHmac("sha256", secretKey).update(stringToSign, "utf8").digest("hex"), "utf8");
  const given = Buffer.from(auth.signature, "utf8");
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: "signature mismatch" };
  return { ok: true };
}

/** X-Sdk-Date (YYYYMMDDTHHMMSSZ, UTC) → epoch ms, or undefined when malformed. */
export function parseSdkDate(value: string | undefined): number | undefined {
  const m = value === undefined ? null : /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(ms);
  // Reject impossible dates such as month 13 that Date.UTC would roll over.
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return undefined;
  return ms;
}
