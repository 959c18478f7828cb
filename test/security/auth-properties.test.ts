// The sdk's auth schemes (sdk/auth/*) against the emulator's own verifiers, over HTTP, on random requests: paths with
// unicode, percent-encoded and reserved characters, queries with repeated keys, empty values, unicode, spaces and
// "+", JSON bodies with unicode or none. Each signed request is accepted (it reaches the router: 404, as no route
// lies under the __prop segment); the same request altered on the wire after signing (a path segment, a query
// value, the body, the signed date) is refused with 401.
// The seed is random per run and printed with any failure; DBB_AUTH_SEED=<seed> repeats a run.
import { Pool } from "undici";
import { startEmulator, type RunningEmulator } from "../../emulator/server";
import { basicAuth } from "../../sdk/auth/basic";
import { digestAuth } from "../../sdk/auth/digest";
import { huaweiAkSkAuth } from "../../sdk/auth/huawei-signer";
import { ocpHmacAuth } from "../../sdk/auth/ocp-hmac";
import type { Authenticator, HttpMethod, OutgoingRequest, RawResponse } from "../../sdk/transport/types";
import { seeded, type Prng } from "../../emulator/core/prng";
import { EMULATOR_CREDENTIALS } from "../support/provider-host";

const c = EMULATOR_CREDENTIALS;
const CASES = 150;
const SEED = process.env.DBB_AUTH_SEED !== undefined ? Number(process.env.DBB_AUTH_SEED) : Math.floor(Math.random() * 2 ** 31);

// ---------------------------------------------------------------------------------------------------------------
// Random requests

const WORDS = ["backup", "t-demo", "obcluster", "a", "Z9", "x_y", "~tilde", "1000005"];
const UNICODE = ["数据库", "ünïcödé", "Ω", "😀", "é", "\u00a0nbsp", "ß"];
/** Characters a URL keeps as they are in a path segment (RFC 3986 sub-delims, ":" and "@"). */
const RAW_IN_PATH = ["!", "$", "&", "'", "(", ")", "*", "+", ",", ";", "=", ":", "@"];
/** Characters that must be percent-encoded inside a segment (or mean something else). */
const ENCODED = ["/", "?", "#", "%", " ", '"', "<", ">", "\\", "^", "`", "{", "|", "}", "[", "]"];
const QUERY_TEXT = ["", " ", "+", "a b", "a+b", "=", "&", "1", "x", "ümlaut", "中文", "😀", "%", "a=b", "'quoted'", "~", "-_."];

function piece(r: Prng): string {
  switch (r.int(4)) {
    case 0:
      return r.pick(WORDS);
    case 1:
      return r.pick(UNICODE);
    case 2:
      return r.pick(RAW_IN_PATH);
    default:
      return encodeURIComponent(r.pick(ENCODED));
  }
}

/** A segment as written into the URL: raw characters the URL keeps, unicode it encodes, %XX already encoded. */
function segment(r: Prng): string {
  let s = "";
  for (let i = 0, n = 1 + r.int(3); i < n; i++) s += piece(r);
  return s === "." || s === ".." ? `${s}x` : s;
}

function queryText(r: Prng): string {
  return r.chance(0.6) ? r.pick(QUERY_TEXT) : `${r.pick(WORDS)}${r.pick(QUERY_TEXT)}`;
}

/** The query as sent: built with URLSearchParams (form encoding, space as "+") or written raw (%20, literal "+"). */
function query(r: Prng): string {
  const pairs: Array<[string, string]> = [];
  for (let i = 0, n = r.int(5); i < n; i++) {
    const key = i > 0 && r.chance(0.3) ? (pairs[r.int(pairs.length)] as [string, string])[0] : r.chance(0.2) ? "" : queryText(r) || "k";
    pairs.push([key, queryText(r)]);
  }
  if (pairs.length === 0) return "";
  if (r.chance(0.5)) return new URLSearchParams(pairs).toString();
  // Raw: encodeURIComponent, with "+" kept literal now and then (a "+" that a form decoder reads as a space).
  const enc = (s: string): string => (r.chance(0.2) ? encodeURIComponent(s).replace(/%2B/g, "+") : encodeURIComponent(s));
  return pairs.map(([k, v]) => (v === "" && r.chance(0.3) ? enc(k) : `${enc(k)}=${enc(v)}`)).join("&");
}

function jsonValue(r: Prng, depth = 0): unknown {
  switch (depth > 2 ? r.int(3) : r.int(5)) {
    case 0:
      return queryText(r);
    case 1:
      return r.int(1e6) - 5e5;
    case 2:
      return r.pick([true, false, null, 1.5, "line\nbreak", 'quote"back\\slash', "\u2028"]);
    case 3:
      return Array.from({ length: r.int(3) }, () => jsonValue(r, depth + 1));
    default:
      return Object.fromEntries(Array.from({ length: r.int(4) }, () => [queryText(r) || "k", jsonValue(r, depth + 1)]));
  }
}

interface Case {
  method: HttpMethod;
  url: URL;
  body?: string;
}

function randomCase(r: Prng, origin: string, prefix: string): Case {
  const method = r.pick<HttpMethod>(["GET", "POST", "PUT", "PATCH", "DELETE"]);
  const segments = Array.from({ length: 1 + r.int(4) }, () => segment(r));
  const q = query(r);
  const url = new URL(`${origin}${prefix}/__prop/${segments.join("/")}${q === "" ? "" : `?${q}`}`);
  const body = method === "GET" || method === "DELETE" || r.chance(0.15) ? undefined : JSON.stringify(jsonValue(r));
  return { method, url, ...(body === undefined ? {} : { body }) };
}

function outgoing(k: Case): OutgoingRequest {
  return {
    method: k.method,
    url: new URL(k.url.href),
    headers: { accept: "application/json", "user-agent": "pulumi-dbbackup", ...(k.body === undefined ? {} : { "content-type": "application/json" }) },
    ...(k.body === undefined ? {} : { body: k.body }),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Tampering: the signed request, changed on the wire

type Tamper = "path" | "query" | "body" | "date";

/** The first character of the last segment changed (decoded text differs too). */
function tamperPath(url: URL): URL {
  const u = new URL(url.href);
  const parts = u.pathname.split("/");
  parts[parts.length - 1] = `Q${parts[parts.length - 1] ?? ""}`;
  u.pathname = parts.join("/");
  return u;
}

/** One query value changed, or a pair added when there is none. */
function tamperQuery(url: URL): URL {
  const u = new URL(url.href);
  const raw = u.search.replace(/^\?/, "");
  const pairs = raw === "" ? [] : raw.split("&");
  if (pairs.length === 0) u.search = "?tampered=1";
  else {
    pairs[pairs.length - 1] = `${pairs[pairs.length - 1] ?? ""}${(pairs[pairs.length - 1] ?? "").includes("=") ? "" : "="}Q`;
    u.search = `?${pairs.join("&")}`;
  }
  return u;
}

function shiftDate(value: string, format: "rfc1123" | "sdk"): string {
  if (format === "rfc1123") return new Date(Date.parse(value) + 1000).toUTCString();
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) throw new Error(`not an X-Sdk-Date: ${value}`);
  const ms = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) + 1000;
  return new Date(ms).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}Z$/, "Z");
}

function tampered(req: OutgoingRequest, how: Tamper, dateHeader: string | undefined): OutgoingRequest {
  switch (how) {
    case "path":
      return { ...req, url: tamperPath(req.url) };
    case "query":
      return { ...req, url: tamperQuery(req.url) };
    case "body":
      return { ...req, body: req.body === undefined ? "{}" : `${req.body} ` };
    case "date": {
      const name = dateHeader as string;
      const value = req.headers[name] as string;
      return { ...req, headers: { ...req.headers, [name]: shiftDate(value, name === "date" ? "rfc1123" : "sdk") } };
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The schemes

interface Scheme {
  name: string;
  auth: Authenticator;
  prefix: string;
  /** What the scheme binds; the other changes are not its job (Digest qop=auth signs method and request-target only). */
  tampers: readonly Tamper[];
  /** The header carrying the signed date, if any. */
  dateHeader?: string;
  /** Changes the signature's own copy of the target as well (Digest's uri), so the target check alone cannot catch it. */
  consistent?: (req: OutgoingRequest, original: OutgoingRequest) => OutgoingRequest;
}

/** Digest: rewrite uri="…" to the tampered request-target, as an attacker replaying the answer elsewhere would. */
function digestUriFollows(req: OutgoingRequest): OutgoingRequest {
  const auth = req.headers.authorization;
  if (auth === undefined) return req;
  const target = `${req.url.pathname}${req.url.search}`.replace(/["\\]/g, (ch) => `\\${ch}`);
  return { ...req, headers: { ...req.headers, authorization: auth.replace(/uri="(?:[^"\\]|\\.)*"/, () => `uri="${target}"`) } };
}

const SCHEMES: readonly Scheme[] = [
  { name: "HTTP Digest (OceanBase Cloud)", auth: digestAuth({ username: c.oceanbase.accessKeyId, password: c.oceanbase.accessKeySecret }), prefix: "/api/v2/instances", tampers: ["path", "query"], consistent: digestUriFollows },
  { name: "OCP-ACCESS-KEY-HMACSHA1", auth: ocpHmacAuth({ accessKeyId: c.ocp.accessKeyId, accessKeySecret: c.ocp.accessKeySecret }), prefix: "/api/v2/ob", tampers: ["path", "query", "body", "date"], dateHeader: "date" },
  { name: "HTTP Basic (OCP)", auth: basicAuth({ username: c.ocp.username, password: c.ocp.password }), prefix: "/api/v2/ob", tampers: [] },
  {
    name: "SDK-HMAC-SHA256 (Huawei)",
    auth: huaweiAkSkAuth({ accessKey: c.huawei.accessKey, secretKey: c.huawei.secretKey }),
    prefix: `/v3/${c.huawei.projectId}`,
    tampers: ["path", "query", "body", "date"],
    dateHeader: "x-sdk-date",
  },
];

describe(`auth schemes against the emulator's verifiers on random requests (seed ${SEED}; DBB_AUTH_SEED=${SEED} repeats it)`, () => {
  let emulator: RunningEmulator;
  let pool: Pool;
  const send = async (req: OutgoingRequest): Promise<RawResponse> => {
    const r = await pool.request({ path: `${req.url.pathname}${req.url.search}`, method: req.method, headers: req.headers, ...(req.body === undefined ? {} : { body: req.body }) });
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(r.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(", ") : v;
    return { status: r.statusCode, headers, body: await r.body.text() };
  };

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, frozenClock: true });
    pool = new Pool(emulator.url, { connections: 4 });
  });
  afterAll(async () => {
    await pool?.close();
    await emulator?.close();
  });

  it.each(SCHEMES.map((s) => [s.name, s] as const))("%s: every signed request is accepted, every tampered one refused", async (_name, scheme) => {
    const r = seeded(SEED ^ [...scheme.name].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) >>> 0, 7));
    const failures: unknown[] = [];
    const counts = { accepted: 0, refused: 0 };
    for (let i = 0; i < CASES; i++) {
      const k = randomCase(r, emulator.url, scheme.prefix);
      const summary = { seed: SEED, case: i, method: k.method, target: `${k.url.pathname}${k.url.search}`, body: k.body };
      const ok = await scheme.auth.authenticate(outgoing(k), send);
      if (ok.status === 404 || ok.status === 405) counts.accepted++;
      else failures.push({ ...summary, expected: "accepted (404 from the router)", status: ok.status, answer: ok.body.slice(0, 300) });

      if (scheme.tampers.length === 0) continue;
      const how = scheme.tampers[i % scheme.tampers.length] as Tamper;
      // Only requests that carry a signature are altered: Digest's unanswered first request must earn its challenge.
      const alter = (req: OutgoingRequest): OutgoingRequest => {
        if (req.headers.authorization === undefined) return req;
        const t = tampered(req, how, scheme.dateHeader);
        return scheme.consistent ? scheme.consistent(t, req) : t;
      };
      const bad = await scheme.auth.authenticate(outgoing(k), (req) => send(alter(req)));
      if (bad.status === 401) counts.refused++;
      else failures.push({ ...summary, tamper: how, expected: "401", status: bad.status, answer: bad.body.slice(0, 300) });
    }
    expect(failures).toEqual([]);
    expect(counts).toEqual({ accepted: CASES, refused: scheme.tampers.length === 0 ? 0 : CASES });
  });

  it("HTTP Digest: a request-target changed on the wire only is refused too (400: the uri is not the request-target, RFC 7616 §3.4.6)", async () => {
    const r = seeded(SEED);
    const digest = SCHEMES[0] as Scheme;
    for (let i = 0; i < 20; i++) {
      const k = randomCase(r, emulator.url, digest.prefix);
      const how: Tamper = i % 2 === 0 ? "path" : "query";
      const res = await digest.auth.authenticate(outgoing(k), (req) => send(req.headers.authorization === undefined ? req : tampered(req, how, undefined)));
      expect({ seed: SEED, case: i, how, status: res.status }).toEqual({ seed: SEED, case: i, how, status: 400 });
    }
  });

  it("HTTP Basic: a wrong password is refused with 401", async () => {
    const k = randomCase(seeded(SEED), emulator.url, "/api/v2/ob");
    const res = await basicAuth({ username: c.ocp.username, password: `${c.ocp.password}x` }).authenticate(outgoing(k), send);
    expect(res.status).toBe(401);
  });
});
