// HTTP Digest (RFC 7616), as OceanBase Cloud's multi-cloud API uses it (`curl --digest -u ak:sk`).
//
// Flow: the first request goes out without credentials and earns a 401 challenge; the request is sent again
// with an Authorization answer to it. A challenge that worked is kept and answered preemptively on the next
// requests (nc counts up), so a steady client pays the extra round-trip once per nonce lifetime.
//
// The first, unauthenticated request carries the full body (curl sends it empty instead). Bodies here are
// small JSON documents, the round-trip happens once per nonce, and sending the real request means that a
// server which answers without asking for credentials has answered the request we meant, never an empty one.
import { createHash, randomBytes } from "node:crypto";
import type { Authenticator, OutgoingRequest, RawResponse, Send } from "../transport/types";

export type DigestAlgorithm = "MD5" | "MD5-sess" | "SHA-256" | "SHA-256-sess";

/** One challenge from a WWW-Authenticate header: the scheme and its parameters (names lower-case). */
export interface AuthChallenge {
  scheme: string;
  params: Record<string, string>;
}

/** A Digest challenge this module can answer. */
export interface DigestChallenge {
  realm: string;
  nonce: string;
  opaque: string | undefined;
  algorithm: DigestAlgorithm;
  /** Was the previous answer rejected only because its nonce was stale? */
  stale: boolean;
}

export interface DigestCredentials {
  username: string;
  password: string;
  /** Client nonce source; random 16 bytes (hex) by default. Injectable for tests. */
  cnonce?: () => string;
}

// Strongest first: RFC 7616 §3.7 asks clients to use the first (strongest) challenge they support.
const PREFERENCE: readonly DigestAlgorithm[] = ["SHA-256", "SHA-256-sess", "MD5", "MD5-sess"];

const TCHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;

/**
 * Parses a WWW-Authenticate value into its challenges. Handles several challenges in one value (also what
 * repeated headers become once joined with ", "), quoted strings holding commas and backslash escapes.
 */
export function parseChallenges(header: string): AuthChallenge[] {
  const out: AuthChallenge[] = [];
  let current: AuthChallenge | undefined;
  let i = 0;
  const skip = (re: RegExp): void => {
    while (i < header.length && re.test(header.charAt(i))) i++;
  };
  const token = (): string => {
    const start = i;
    while (i < header.length && TCHAR.test(header.charAt(i))) i++;
    return header.slice(start, i);
  };
  while (i < header.length) {
    skip(/[\s,]/);
    const name = token();
    if (name === "") {
      i++; // a character that starts nothing: skip it rather than loop
      continue;
    }
    skip(/[ \t]/);
    if (header.charAt(i) !== "=") {
      current = { scheme: name, params: {} };
      out.push(current);
      continue;
    }
    i++; // "="
    skip(/[ \t]/);
    let value: string;
    if (header.charAt(i) === '"') {
      i++;
      value = "";
      while (i < header.length && header.charAt(i) !== '"') {
        if (header.charAt(i) === "\\" && i + 1 < header.length) i++;
        value += header.charAt(i);
        i++;
      }
      i++; // closing quote
    } else {
      const start = i;
      while (i < header.length && !/[\s,]/.test(header.charAt(i))) i++;
      value = header.slice(start, i);
    }
    // A name=value before any scheme, or a token68 of another scheme, is not ours to read.
    if (current !== undefined) current.params[name.toLowerCase()] = value;
  }
  return out;
}

/** The strongest Digest challenge with qop=auth that this module supports, or undefined. */
export function selectDigestChallenge(challenges: readonly AuthChallenge[]): DigestChallenge | undefined {
  let best: DigestChallenge | undefined;
  for (const c of challenges) {
    if (c.scheme.toLowerCase() !== "digest") continue;
    const { realm, nonce, qop } = c.params;
    if (realm === undefined || nonce === undefined || qop === undefined) continue;
    if (!qop.split(",").some((q) => q.trim().toLowerCase() === "auth")) continue;
    const algorithm = PREFERENCE.find((a) => a.toLowerCase() === (c.params.algorithm ?? "MD5").toLowerCase());
    if (algorithm === undefined) continue;
    if (best === undefined || PREFERENCE.indexOf(algorithm) < PREFERENCE.indexOf(best.algorithm)) {
      best = { realm, nonce, opaque: c.params.opaque, algorithm, stale: c.params.stale?.toLowerCase() === "true" };
    }
  }
  return best;
}

export interface DigestResponseInput {
  algorithm: DigestAlgorithm;
  username: string;
  password: string;
  realm: string;
  method: string;
  uri: string;
  nonce: string;
  /** Eight hex digits, e.g. "00000001". */
  nc: string;
  cnonce: string;
}

/** The `response` value for qop=auth (RFC 7616 §3.4.1). */
export function digestResponse(p: DigestResponseInput): string {
  const hash = (s: string): string => createHash(p.algorithm.startsWith("SHA-256") ? "sha256" : "md5").update(s, "utf8").digest("hex");
  let ha1 = hash(`${p.username}:${p.realm}:${p.password}`);
  if (p.algorithm.endsWith("-sess")) ha1 = hash(`${ha1}:${p.nonce}:${p.cnonce}`);
  const ha2 = hash(`${p.method}:${p.uri}`);
  return hash(`${ha1}:${p.nonce}:${p.nc}:${p.cnonce}:auth:${ha2}`);
}

/** A quoted-string (RFC 9110 §5.6.4): backslash before '"' and '\'. */
function quoted(s: string): string {
  return `"${s.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

/** The Authorization header value answering `challenge` for `req` with nonce count `nc`. */
export function digestAuthorization(
  req: Pick<OutgoingRequest, "method" | "url">,
  challenge: DigestChallenge,
  creds: { username: string; password: string },
  nc: number,
  cnonce: string,
): string {
  // The request-target exactly as the transport sends it (path + query).
  const uri = `${req.url.pathname}${req.url.search}`;
  const ncHex = nc.toString(16).padStart(8, "0");
  const response = digestResponse({
    algorithm: challenge.algorithm,
    username: creds.username,
    password: creds.password,
    realm: challenge.realm,
    method: req.method,
    uri,
    nonce: challenge.nonce,
    nc: ncHex,
    cnonce,
  });
  const parts = [
    `username=${quoted(creds.username)}`,
    `realm=${quoted(challenge.realm)}`,
    `nonce=${quoted(challenge.nonce)}`,
    `uri=${quoted(uri)}`,
    `algorithm=${challenge.algorithm}`,
    `qop=auth`,
    `nc=${ncHex}`,
    `cnonce=${quoted(cnonce)}`,
    `response=${quoted(response)}`,
  ];
  if (challenge.opaque !== undefined) parts.push(`opaque=${quoted(challenge.opaque)}`);
  return `Digest ${parts.join(", ")}`;
}

function challengeOf(res: RawResponse): DigestChallenge | undefined {
  if (res.status !== 401) return undefined;
  const header = res.headers["www-authenticate"];
  return header === undefined ? undefined : selectDigestChallenge(parseChallenges(header));
}

/**
 * An Authenticator doing HTTP Digest. The password lives only in this closure; the returned object has no
 * property that holds it. A 401 it cannot get past is returned as it is, for the transport's error mapper.
 */
export function digestAuth(creds: DigestCredentials): Authenticator {
  const { username, password } = creds;
  const makeCnonce = creds.cnonce ?? ((): string => randomBytes(16).toString("hex"));
  // The challenge that last worked and the last nonce count used with it; shared by concurrent requests
  // (each takes its own nc synchronously, so counts never repeat).
  let cached: { challenge: DigestChallenge; nc: number } | undefined;

  const sendAnswering = (req: OutgoingRequest, send: Send, entry: { challenge: DigestChallenge; nc: number }): Promise<RawResponse> => {
    const nc = ++entry.nc;
    const authorization = digestAuthorization(req, entry.challenge, { username, password }, nc, makeCnonce());
    return send({ ...req, headers: { ...req.headers, authorization } });
  };

  return {
    async authenticate(req: OutgoingRequest, send: Send): Promise<RawResponse> {
      let entry = cached;
      // With a cached challenge, a 401 may only mean the server forgot or expired the nonce: one renewal is
      // allowed whatever the stale flag says. With a fresh challenge only stale=true earns another try.
      let renewals = 1;
      let fromCache = entry !== undefined;
      if (entry === undefined) {
        const res = await send(req);
        const challenge = challengeOf(res);
        if (challenge === undefined) return res;
        entry = { challenge, nc: 0 };
      }
      for (;;) {
        const res = await sendAnswering(req, send, entry);
        if (res.status !== 401) {
          cached = entry;
          return res;
        }
        const next = challengeOf(res);
        if (cached === entry) cached = undefined;
        if (next === undefined || renewals === 0 || !(fromCache || next.stale)) return res;
        renewals--;
        fromCache = false;
        entry = { challenge: next, nc: 0 };
      }
    },
  };
}
