// OCP's AccessKey signature (docs/api-ocp.md#accesskey-signature):
//   Authorization: OCP-ACCESS-KEY-HMACSHA1 {AK}:{Base64(HMAC-SHA1(SK, stringToSign))}
//   Date: RFC 1123, within 15 minutes of the server's clock
//   stringToSign = METHOD \n MD5 \n Content-Type \n Date \n Host \n x-ocp-* lines \n path?sorted-query
// No vendor test vector is published: test/sdk/ocp-hmac.test.ts pins our reading with a hand-built example.
import { createHash, createHmac } from "node:crypto";
import { systemClock, type Clock } from "../clock";
import type { Authenticator, OutgoingRequest } from "../transport/types";

export interface OcpHmacCredentials {
  accessKeyId: string;
  accessKeySecret: string;
  /** Source of the Date header; injectable so tests sign at a known instant. */
  clock?: Clock;
}

export const OCP_HMAC_SCHEME = "OCP-ACCESS-KEY-HMACSHA1";

/** Upper-case hex MD5 of the exact body bytes, or "" when there is no body. */
function md5Payload(body: string | undefined): string {
  if (body === undefined || body.length === 0) return "";
  return createHash("md5").update(body, "utf8").digest("hex").toUpperCase();
}

/** x-ocp-* headers as lower-case "name:value", sorted by name, one a line ("" when none). */
function ocpHeaderLines(headers: Record<string, string>): string {
  return Object.entries(headers)
    .map(([k, v]) => [k.toLowerCase(), v] as const)
    .filter(([k]) => k.startsWith("x-ocp-"))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}:${v.trim()}`)
    .join("\n");
}

/** The path as sent plus the query's "k=v" pairs (wire encoding kept) sorted by key, then value. */
function pathAndSortedQuery(url: URL): string {
  const pairs = url.search
    .replace(/^\?/, "")
    .split("&")
    .filter((p) => p.length > 0)
    .map((p) => {
      const eq = p.indexOf("=");
      return eq < 0 ? ([p, ""] as const) : ([p.slice(0, eq), p.slice(eq + 1)] as const);
    })
    .sort(([ka, va], [kb, vb]) => (ka !== kb ? (ka < kb ? -1 : 1) : va < vb ? -1 : va > vb ? 1 : 0));
  if (pairs.length === 0) return url.pathname;
  return `${url.pathname}?${pairs.map(([k, v]) => `${k}=${v}`).join("&")}`;
}

/** The string to sign for a request that carries `date` as its Date header. Exported for diagnostics only. */
export function ocpStringToSign(req: OutgoingRequest, date: string): string {
  return [
    req.method,
    md5Payload(req.body),
    req.headers["content-type"] ?? "",
    date,
    req.url.host,
    ocpHeaderLines(req.headers),
    pathAndSortedQuery(req.url),
  ].join("\n");
}

/** Signs every request with OCP's AccessKey scheme. The secret lives only in this closure. */
export function ocpHmacAuth(creds: OcpHmacCredentials): Authenticator {
  const { accessKeyId, accessKeySecret } = creds;
  const clock = creds.clock ?? systemClock;
  return {
    authenticate(req, send) {
      // The Date header is re-made on every attempt, so a retried request is signed afresh.
      const date = new Date(clock.now()).toUTCString();
      const signature = createHmac("sha1", accessKeySecret).update(ocpStringToSign(req, date), "utf8").digest("base64");
      return send({
        ...req,
        headers: { ...req.headers, date, authorization: `${OCP_HMAC_SCHEME} ${accessKeyId}:${signature}` },
      });
    },
  };
}
