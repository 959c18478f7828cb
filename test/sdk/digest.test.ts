// HTTP Digest (RFC 7616) authenticator: the RFC's own vectors, challenge parsing, algorithm choice, the
// challenge/answer flow, preemptive reuse with nc counting, stale nonces and giving up.
import { createHash } from "node:crypto";
import { inspect } from "node:util";
import { digestAuth, digestResponse, parseChallenges, selectDigestChallenge } from "../../sdk/auth/digest";
import type { OutgoingRequest, RawResponse } from "../../sdk/transport/types";

// RFC 7616 §3.9.1.
const RFC = {
  username: "Mufasa",
  password: "Circle of Life",
  realm: "http-auth@example.org",
  method: "GET",
  uri: "/dir/index.html",
  nonce: "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v",
  cnonce: "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ",
  nc: "00000001",
  opaque: "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS",
};
const RFC_MD5 = "8ca523f5e9506fed4657c9700eebdbec";
const RFC_SHA256 = "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1";
// The RFC's 401: the SHA-256 challenge first, then MD5, in one header value (as repeated headers are joined).
const RFC_CHALLENGE =
  `Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=SHA-256, nonce="${RFC.nonce}", opaque="${RFC.opaque}", ` +
  `Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=MD5, nonce="${RFC.nonce}", opaque="${RFC.opaque}"`;

function h(alg: "md5" | "sha256", s: string): string {
  return createHash(alg).update(s).digest("hex");
}

function request(path = "/dir/index.html", body?: string): OutgoingRequest {
  return { method: body === undefined ? "GET" : "POST", url: new URL(`http://www.example.org${path}`), headers: { accept: "application/json" }, ...(body === undefined ? {} : { body }) };
}

/** A scripted server: answers each send with the next response and records what was sent. */
function script(...responses: RawResponse[]): { send: (r: OutgoingRequest) => Promise<RawResponse>; sent: OutgoingRequest[] } {
  const sent: OutgoingRequest[] = [];
  return {
    sent,
    send: (r) => {
      sent.push(r);
      const next = responses.shift();
      if (next === undefined) throw new Error("unexpected extra request");
      return Promise.resolve(next);
    },
  };
}

const challenge = (header: string): RawResponse => ({ status: 401, headers: { "www-authenticate": header }, body: "{}" });
const OK: RawResponse = { status: 200, headers: {}, body: "{}" };

/** The Authorization header's parameters, parsed here by a regex independent of the module under test. */
function authParams(req: OutgoingRequest | undefined): Record<string, string> {
  const header = req?.headers.authorization ?? "";
  expect(header.startsWith("Digest ")).toBe(true);
  const out: Record<string, string> = {};
  for (const m of header.slice(7).matchAll(/(\w+)=(?:"((?:[^"\\]|\\.)*)"|([^,\s]+))/g)) {
    out[m[1] as string] = m[2] !== undefined ? m[2].replace(/\\(.)/g, "$1") : (m[3] as string);
  }
  return out;
}

describe("RFC 7616 §3.9.1 vectors", () => {
  test("the vectors themselves, computed by hand from the RFC's formula", () => {
    for (const [alg, expected] of [["md5", RFC_MD5], ["sha256", RFC_SHA256]] as const) {
      const ha1 = h(alg, `${RFC.username}:${RFC.realm}:${RFC.password}`);
      const ha2 = h(alg, `${RFC.method}:${RFC.uri}`);
      expect(h(alg, `${ha1}:${RFC.nonce}:${RFC.nc}:${RFC.cnonce}:auth:${ha2}`)).toBe(expected);
    }
  });

  test("digestResponse gives the RFC's MD5 and SHA-256 responses", () => {
    expect(digestResponse({ ...RFC, algorithm: "MD5" })).toBe(RFC_MD5);
    expect(digestResponse({ ...RFC, algorithm: "SHA-256" })).toBe(RFC_SHA256);
  });

  test("-sess variants hash the nonce and cnonce into HA1", () => {
    const ha1 = h("sha256", `${h("sha256", `${RFC.username}:${RFC.realm}:${RFC.password}`)}:${RFC.nonce}:${RFC.cnonce}`);
    const ha2 = h("sha256", `${RFC.method}:${RFC.uri}`);
    expect(digestResponse({ ...RFC, algorithm: "SHA-256-sess" })).toBe(h("sha256", `${ha1}:${RFC.nonce}:${RFC.nc}:${RFC.cnonce}:auth:${ha2}`));
  });

  test("the authenticator answers the RFC's challenge with SHA-256 (preferred) and the RFC's response", async () => {
    const server = script(challenge(RFC_CHALLENGE), OK);
    const auth = digestAuth({ username: RFC.username, password: RFC.password, cnonce: () => RFC.cnonce });
    expect((await auth.authenticate(request(), server.send)).status).toBe(200);
    expect(server.sent).toHaveLength(2);
    expect(server.sent[0]?.headers.authorization).toBeUndefined();
    expect(authParams(server.sent[1])).toEqual({
      username: RFC.username,
      realm: RFC.realm,
      nonce: RFC.nonce,
      uri: RFC.uri,
      algorithm: "SHA-256",
      qop: "auth",
      nc: "00000001",
      cnonce: RFC.cnonce,
      response: RFC_SHA256,
      opaque: RFC.opaque,
    });
  });

  test("with only the MD5 challenge it answers with the RFC's MD5 response", async () => {
    const md5Only = `Digest realm="${RFC.realm}", qop="auth", algorithm=MD5, nonce="${RFC.nonce}", opaque="${RFC.opaque}"`;
    const server = script(challenge(md5Only), OK);
    await digestAuth({ username: RFC.username, password: RFC.password, cnonce: () => RFC.cnonce }).authenticate(request(), server.send);
    expect(authParams(server.sent[1])).toMatchObject({ algorithm: "MD5", response: RFC_MD5 });
  });
});

describe("challenge parsing", () => {
  test("several challenges, quoted commas and escapes, other schemes and token68", () => {
    const parsed = parseChallenges(
      'Negotiate abc123==, Basic realm="a, b", Digest realm="say \\"hi\\", ok", nonce=n1, qop="auth,auth-int", stale=TRUE, Bearer',
    );
    expect(parsed.map((c) => c.scheme)).toEqual(["Negotiate", "Basic", "Digest", "Bearer"]);
    expect(parsed[1]?.params).toEqual({ realm: "a, b" });
    expect(parsed[2]?.params).toEqual({ realm: 'say "hi", ok', nonce: "n1", qop: "auth,auth-int", stale: "TRUE" });
    expect(selectDigestChallenge(parsed)).toEqual({ realm: 'say "hi", ok', nonce: "n1", opaque: undefined, algorithm: "MD5", stale: true });
  });

  test("picks the strongest supported algorithm whatever the order; skips unsupported ones and qop-less challenges", () => {
    const pick = (header: string): string | undefined => selectDigestChallenge(parseChallenges(header))?.algorithm;
    expect(pick('Digest realm="r", nonce="1", qop="auth", algorithm=MD5, Digest realm="r", nonce="2", qop="auth", algorithm=SHA-256')).toBe("SHA-256");
    expect(pick('Digest realm="r", nonce="1", qop="auth", algorithm=SHA-512-256, Digest realm="r", nonce="2", qop="auth", algorithm=md5-sess')).toBe("MD5-sess");
    expect(pick('Digest realm="r", nonce="1", algorithm=MD5')).toBeUndefined(); // RFC 2069 style, no qop
    expect(pick('Digest realm="r", nonce="1", qop="auth-int"')).toBeUndefined();
    expect(pick('Basic realm="r"')).toBeUndefined();
  });
});

describe("digestAuth flow", () => {
  const CH = (nonce: string, extra = ""): RawResponse => challenge(`Digest realm="r", qop="auth", algorithm=MD5, nonce="${nonce}", opaque="op"${extra}`);

  test("uri is the request-target as sent (path + query, encoded); the body goes out in full both times", async () => {
    const body = JSON.stringify({ databaseTables: '[{"database":"db1"}]' });
    const server = script(CH("n1"), OK);
    let i = 0;
    const auth = digestAuth({ username: "ak", password: "sk", cnonce: () => `c${++i}` });
    await auth.authenticate(request("/api/v2/x%2Fy/start?requestId=a%20b&z=1", body), server.send);
    expect(server.sent.map((r) => r.body)).toEqual([body, body]);
    const p = authParams(server.sent[1]);
    expect(p.uri).toBe("/api/v2/x%2Fy/start?requestId=a%20b&z=1");
    expect(p.response).toBe(
      h("md5", `${h("md5", "ak:r:sk")}:n1:00000001:c1:auth:${h("md5", "POST:/api/v2/x%2Fy/start?requestId=a%20b&z=1")}`),
    );
  });

  test("a challenge that worked is answered preemptively next time, nc counting up", async () => {
    const server = script(CH("n1"), OK, OK, OK);
    const auth = digestAuth({ username: "ak", password: "sk" });
    await auth.authenticate(request("/a"), server.send);
    await auth.authenticate(request("/b"), server.send);
    await auth.authenticate(request("/c"), server.send);
    expect(server.sent).toHaveLength(4);
    expect(server.sent.slice(1).map((r) => [authParams(r).nonce, authParams(r).nc, authParams(r).uri])).toEqual([
      ["n1", "00000001", "/a"],
      ["n1", "00000002", "/b"],
      ["n1", "00000003", "/c"],
    ]);
    // Each answer has its own cnonce.
    expect(new Set(server.sent.slice(1).map((r) => authParams(r).cnonce)).size).toBe(3);
  });

  test("a stale cached nonce: 401 stale=true, then one retry with the new nonce at nc=1", async () => {
    const server = script(CH("n1"), OK, CH("n2", ", stale=true"), OK, OK);
    const auth = digestAuth({ username: "ak", password: "sk" });
    await auth.authenticate(request("/a"), server.send);
    expect((await auth.authenticate(request("/b"), server.send)).status).toBe(200);
    expect(server.sent.slice(2).map((r) => [authParams(r).nonce, authParams(r).nc])).toEqual([
      ["n1", "00000002"],
      ["n2", "00000001"],
    ]);
    await auth.authenticate(request("/c"), server.send);
    expect([authParams(server.sent[4]).nonce, authParams(server.sent[4]).nc]).toEqual(["n2", "00000002"]);
  });

  test("a fresh challenge rejected with stale=true is retried once, not forever", async () => {
    const server = script(CH("n1"), CH("n2", ", stale=true"), CH("n3", ", stale=true"));
    const res = await digestAuth({ username: "ak", password: "sk" }).authenticate(request(), server.send);
    expect(res.status).toBe(401);
    expect(server.sent.map((r) => (r.headers.authorization ? authParams(r).nonce : "-"))).toEqual(["-", "n1", "n2"]);
  });

  test("a wrong password: the 401 to a fresh challenge (no stale) is returned after two requests, nothing cached", async () => {
    const server = script(CH("n1"), CH("n2"), CH("n3"), CH("n4"));
    const auth = digestAuth({ username: "ak", password: "wrong" });
    expect((await auth.authenticate(request(), server.send)).status).toBe(401);
    expect(server.sent).toHaveLength(2);
    // The next call starts over without credentials: a rejected challenge is never reused.
    await auth.authenticate(request(), server.send);
    expect(server.sent[2]?.headers.authorization).toBeUndefined();
  });

  test("a cached nonce the server forgot (401 without stale) is renewed once", async () => {
    const server = script(CH("n1"), OK, CH("n2"), OK);
    const auth = digestAuth({ username: "ak", password: "sk" });
    await auth.authenticate(request(), server.send);
    expect((await auth.authenticate(request(), server.send)).status).toBe(200);
    expect(authParams(server.sent[3]).nonce).toBe("n2");
  });

  test("answers that need no auth, and 401s without a usable Digest challenge, pass through untouched", async () => {
    const server = script(OK, challenge('Basic realm="x"'), { status: 401, headers: {}, body: "" });
    const auth = digestAuth({ username: "ak", password: "sk" });
    expect((await auth.authenticate(request(), server.send)).status).toBe(200);
    expect((await auth.authenticate(request(), server.send)).headers["www-authenticate"]).toBe('Basic realm="x"');
    expect((await auth.authenticate(request(), server.send)).status).toBe(401);
    expect(server.sent).toHaveLength(3);
  });

  test("user names are quoted with escapes; the password is nowhere to be seen on the object", async () => {
    const server = script(CH("n1"), OK);
    const auth = digestAuth({ username: 'a"b\\c', password: "s3cret-value" });
    await auth.authenticate(request(), server.send);
    expect(server.sent[1]?.headers.authorization).toContain('username="a\\"b\\\\c"');
    expect(authParams(server.sent[1]).username).toBe('a"b\\c');
    expect(inspect(auth, { depth: 10, showHidden: true })).not.toContain("s3cret-value");
    expect(JSON.stringify(auth)).not.toContain("s3cret-value");
    expect(server.sent[1]?.headers.authorization).not.toContain("s3cret-value");
  });
});
