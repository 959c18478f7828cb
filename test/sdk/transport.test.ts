// The transport against a real node:http server on 127.0.0.1: retries, socket failures, timeouts and
// keep-alive are about real sockets, so only classification-only cases use undici's MockAgent.
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";
import { MockAgent, errors as undiciErrors, type Dispatcher } from "undici";
import { z } from "zod";
import { noAuth } from "../../sdk/auth/none";
import {
  AbortedError,
  ApiError,
  DbBackupError,
  ErrorCodes,
  InvalidInputError,
  InvalidResponseError,
  NetworkError,
  RequestTimeoutError,
} from "../../sdk/errors";
import { apiError } from "../../sdk/transport/api-error";
import { parseJson, parseWith } from "../../sdk/transport/parse";
import { Transport, type TransportOptions } from "../../sdk/transport/transport";
import type { Authenticator, ErrorMapper, RawResponse } from "../../sdk/transport/types";
import { FakeClock } from "../support/fake-clock";
import { rejection } from "../support/rejection";

interface Hit {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}
type Handler = (req: http.IncomingMessage, res: http.ServerResponse, hit: Hit, n: number) => void;

interface TestServer {
  url: string;
  port: number;
  hits: Hit[];
  /** 'connection' events: TCP connections the server accepted. */
  connections: number;
  handle: Handler;
  close(): Promise<void>;
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Starts a server; `port` 0 picks a free one. The handler runs after the whole request body arrived. */
async function startServer(handle: Handler, port = 0): Promise<TestServer> {
  const server = http.createServer();
  const s: TestServer = {
    url: "",
    port: 0,
    hits: [],
    connections: 0,
    handle,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
  server.on("connection", () => s.connections++);
  server.on("request", (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const hit = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString() };
      s.hits.push(hit);
      s.handle(req, res, hit, s.hits.length);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  s.port = (server.address() as AddressInfo).port;
  s.url = `http://127.0.0.1:${s.port}`;
  cleanups.push(() => s.close());
  return s;
}

function json(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}
const ok = (res: http.ServerResponse): void => json(res, 200, { successful: true, data: { id: 1 } });

/** A port with nothing listening: bound once, then released. */
async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

// An OCP-shaped mapper: the transport must throw exactly what it returns.
const mapError: ErrorMapper = (res, operation) => {
  let code: string | undefined;
  let message: string | undefined;
  try {
    const b = JSON.parse(res.body) as { error?: { code?: unknown; message?: unknown } };
    code = b.error?.code === undefined ? undefined : String(b.error.code);
    message = typeof b.error?.message === "string" ? b.error.message : undefined;
  } catch {
    // not JSON: the status alone
  }
  return apiError({
    platform: "ocp",
    operation,
    httpStatus: res.status,
    ...(code !== undefined ? { vendorCode: code } : {}),
    ...(message !== undefined ? { vendorMessage: message } : {}),
    ...(res.headers["x-trace-id"] ? { requestId: res.headers["x-trace-id"] } : {}),
  });
};

function makeTransport(baseUrl: string, extra: Partial<TransportOptions> = {}): { t: Transport; clock: FakeClock } {
  const clock = extra.clock instanceof FakeClock ? extra.clock : new FakeClock({ auto: true });
  const t = new Transport({
    platform: "ocp",
    baseUrl,
    auth: noAuth,
    mapError,
    clock,
    random: () => 0.5,
    ...extra,
    retry: { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 10_000, totalBudgetMs: 60_000, ...extra.retry },
    timeouts: { connectMs: 2000, headersMs: 2000, bodyMs: 2000, ...extra.timeouts },
  });
  cleanups.push(() => t.close());
  return { t, clock };
}

const SECRET = "Sk-7f3a-very-secret-value";
// Adds the secret as headers, the way a real scheme would; the secret lives only in this closure.
const secretAuth: Authenticator = {
  authenticate: (req, send) => send({ ...req, headers: { ...req.headers, authorization: `Bearer ${SECRET}`, "x-password": SECRET } }),
};

/** No trace of SECRET in the error's message, JSON form, inspected form (causes included) or stack. */
function assertClean(e: unknown): void {
  expect(e).toBeInstanceOf(DbBackupError);
  const err = e as DbBackupError;
  expect(err.message).not.toContain(SECRET);
  expect(JSON.stringify(err)).not.toContain(SECRET);
  expect(inspect(err, { depth: 10, showHidden: true })).not.toContain(SECRET);
  expect(String(err.stack)).not.toContain(SECRET);
}

const get = { operation: "ocp.getStrategy", method: "GET" as const, path: "/api/v2/ob/clusters/1/backup/config/backupStrategy" };
const post = { operation: "ocp.createStrategy", method: "POST" as const, path: "/api/v2/ob/clusters/1/backup/config/backupStrategy", body: { backupMode: "PHYSICAL_BACKUP" } };

describe("Transport: requests", () => {
  it("sends method, path under the base prefix, query, JSON body and lower-cased headers", async () => {
    const srv = await startServer((_req, res) => ok(res));
    const { t } = makeTransport(`${srv.url}/prefix`);
    const res = await t.request({
      ...post,
      query: { requestId: "r-1", pageSize: 10, fromRemote: false, skipped: undefined },
      headers: { "X-Ob-Project-Id": "p-1" },
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ successful: true, data: { id: 1 } });
    expect(res.headers["content-type"]).toBe("application/json");
    const hit = srv.hits[0];
    expect(hit?.method).toBe("POST");
    expect(hit?.url).toBe("/prefix/api/v2/ob/clusters/1/backup/config/backupStrategy?requestId=r-1&pageSize=10&fromRemote=false");
    expect(hit?.body).toBe('{"backupMode":"PHYSICAL_BACKUP"}');
    expect(hit?.headers["content-type"]).toBe("application/json");
    expect(hit?.headers["accept"]).toBe("application/json");
    expect(hit?.headers["x-ob-project-id"]).toBe("p-1");
    expect(hit?.headers["user-agent"]).toBe("pulumi-dbbackup");
  });

  it("builds URLs that cannot leave the base, whatever the path looks like", () => {
    const { t } = makeTransport("https://gaussdb.example.com/v3");
    expect(t.url({ path: "/p1/backups", query: { a: "x y", b: 1 } }).href).toBe("https://gaussdb.example.com/v3/p1/backups?a=x+y&b=1");
    expect(t.url({ path: "//evil.example/x" }).href).toBe("https://gaussdb.example.com/v3/evil.example/x");
    expect(t.url({ path: "javascript:alert(1)" }).origin).toBe("https://gaussdb.example.com");
  });

  it.each([
    ["http://user:pw-secret@127.0.0.1:1", "credentials"],
    ["ftp://127.0.0.1/", "http(s)"],
    ["not a url pw-secret", "http(s)"],
    ["http://127.0.0.1/?x=1", "query"],
  ])("refuses the base URL %s without echoing it", (baseUrl, rule) => {
    let e: unknown;
    try {
      makeTransport(baseUrl);
    } catch (err) {
      e = err;
    }
    expect(e).toBeInstanceOf(InvalidInputError);
    expect((e as InvalidInputError).field).toBe("baseUrl");
    expect((e as InvalidInputError).rule).toContain(rule);
    expect(inspect(e)).not.toContain("pw-secret");
  });

  it("reuses one keep-alive connection for sequential requests, retries included", async () => {
    const srv = await startServer((_req, res, _hit, n) => (n === 2 ? json(res, 503, {}) : ok(res)));
    const { t } = makeTransport(srv.url);
    for (let i = 0; i < 4; i++) await t.request(get);
    expect(srv.hits).toHaveLength(5);
    expect(srv.connections).toBe(1);
  });

  it("throws exactly the error mapError returns", async () => {
    class VendorError extends Error {}
    const thrown: Error[] = [];
    const srv = await startServer((_req, res) => json(res, 404, { error: { code: 60018, message: "no strategy" } }));
    const { t } = makeTransport(srv.url, {
      mapError: (res: RawResponse, op: string) => {
        const e = new VendorError(`${op}: ${res.status}`);
        thrown.push(e);
        return e;
      },
    });
    const e = await rejection(t.request(get));
    expect(thrown).toHaveLength(1);
    expect(e).toBe(thrown[0]);

    const { t: t2 } = makeTransport(srv.url);
    const e2 = await rejection(t2.request(get));
    expect(e2).toBeInstanceOf(ApiError);
    expect(e2).toMatchObject({
      code: ErrorCodes.NOT_FOUND,
      platform: "ocp",
      operation: "ocp.getStrategy",
      httpStatus: 404,
      vendorCode: "60018",
      vendorMessage: "no strategy",
      retryable: false,
    });
  });
});

describe("Transport: retries", () => {
  it("retries a GET on 503 with full-jitter backoff, then succeeds", async () => {
    const srv = await startServer((_req, res, _hit, n) => (n <= 2 ? json(res, 503, { error: { code: 1 } }) : ok(res)));
    const { t, clock } = makeTransport(srv.url);
    await expect(t.request(get)).resolves.toMatchObject({ status: 200 });
    expect(srv.hits).toHaveLength(3);
    // random 0.5 × min(10000, 100 × 2^n) for n = 0, 1
    expect(clock.sleeps).toEqual([50, 100]);
  });

  it("waits exactly Retry-After seconds on 429", async () => {
    const srv = await startServer((_req, res, _hit, n) => (n === 1 ? json(res, 429, {}, { "retry-after": "3" }) : ok(res)));
    const { t, clock } = makeTransport(srv.url);
    await t.request(get);
    expect(clock.sleeps).toEqual([3000]);
    expect(srv.hits).toHaveLength(2);
  });

  it("waits until a Retry-After HTTP-date, read against the injected clock", async () => {
    const clock = new FakeClock({ auto: true, start: Date.UTC(2026, 0, 13, 5, 0, 0) });
    const srv = await startServer((_req, res, _hit, n) =>
      n === 1 ? json(res, 503, {}, { "retry-after": "Tue, 13 Jan 2026 05:00:07 GMT" }) : ok(res),
    );
    const { t } = makeTransport(srv.url, { clock });
    await t.request(get);
    expect(clock.sleeps).toEqual([7000]);
  });

  it("retries a POST on 429: the server did not act", async () => {
    const srv = await startServer((_req, res, _hit, n) => (n === 1 ? json(res, 429, {}) : ok(res)));
    const { t, clock } = makeTransport(srv.url);
    await expect(t.request(post)).resolves.toMatchObject({ status: 200 });
    expect(srv.hits.map((h) => h.body)).toEqual([post.body, post.body].map((b) => JSON.stringify(b)));
    expect(clock.sleeps).toEqual([50]);
  });

  it("never retries a POST after a 500, even with Retry-After", async () => {
    const srv = await startServer((_req, res) => json(res, 500, { error: { code: 5000, message: "internal" } }, { "retry-after": "1" }));
    const { t, clock } = makeTransport(srv.url);
    const e = await rejection(t.request(post));
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject({ httpStatus: 500, code: ErrorCodes.API });
    expect(srv.hits).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });

  it("retries a POST after a 500 when the caller marks it idempotent", async () => {
    const srv = await startServer((_req, res, _hit, n) => (n === 1 ? json(res, 500, {}) : ok(res)));
    const { t } = makeTransport(srv.url);
    await t.request({ ...post, idempotent: true });
    expect(srv.hits).toHaveLength(2);
  });

  it("never retries a POST whose socket was destroyed after the server received it", async () => {
    const srv = await startServer((req) => req.socket.destroy());
    const { t, clock } = makeTransport(srv.url);
    const e = await rejection(t.request(post));
    expect(e).toBeInstanceOf(NetworkError);
    expect(e).toMatchObject({ code: ErrorCodes.NETWORK, beforeSend: false, platform: "ocp", operation: "ocp.createStrategy" });
    expect(srv.hits).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });

  it("retries a GET after the socket was reset", async () => {
    const srv = await startServer((req, res, _hit, n) => (n === 1 ? req.socket.destroy() : ok(res)));
    const { t, clock } = makeTransport(srv.url);
    await expect(t.request(get)).resolves.toMatchObject({ status: 200 });
    expect(srv.hits).toHaveLength(2);
    expect(clock.sleeps).toEqual([50]);
  });

  it("reports connection refused as NetworkError beforeSend=true and retries a GET up to maxAttempts", async () => {
    const port = await closedPort();
    const { t, clock } = makeTransport(`http://127.0.0.1:${port}`);
    const e = await rejection(t.request(get));
    expect(e).toBeInstanceOf(NetworkError);
    expect(e).toMatchObject({ beforeSend: true, retryable: true });
    expect(e.message).toBe("ocp.getStrategy: GET /api/v2/ob/clusters/1/backup/config/backupStrategy failed: connection refused (ECONNREFUSED)");
    expect(clock.sleeps).toEqual([50, 100, 200]);
  });

  it("retries a POST refused before sending; the server then acts exactly once", async () => {
    const port = await closedPort();
    let srv: TestServer | undefined;
    // The server comes up on that port while the transport sleeps before its second attempt.
    const clock = new FakeClock({
      auto: true,
      onSleep: async () => {
        srv ??= await startServer((_req, res) => ok(res), port);
      },
    });
    const { t } = makeTransport(`http://127.0.0.1:${port}`, { clock });
    await expect(t.request(post)).resolves.toMatchObject({ status: 200 });
    expect(clock.sleeps).toEqual([50]);
    expect(srv?.hits).toHaveLength(1);
  });

  it("stops at maxAttempts and throws the last failure", async () => {
    const srv = await startServer((_req, res) => json(res, 503, { error: { code: 503, message: "busy" } }, { "x-trace-id": "tr-9" }));
    const { t, clock } = makeTransport(srv.url, { retry: { maxAttempts: 3 } });
    const e = await rejection(t.request(get));
    expect(e).toMatchObject({ httpStatus: 503, retryable: true, requestId: "tr-9", vendorMessage: "busy" });
    expect(e.message).toBe("ocp.getStrategy: HTTP 503 503: busy (request id tr-9)");
    expect(srv.hits).toHaveLength(3);
    expect(clock.sleeps).toEqual([50, 100]);
  });

  it("stops when the next retry would start after the total budget", async () => {
    const srv = await startServer((_req, res) => json(res, 502, {}));
    const { t, clock } = makeTransport(srv.url, {
      retry: { maxAttempts: 10, baseDelayMs: 1000, maxDelayMs: 100_000, totalBudgetMs: 3000 },
    });
    await rejection(t.request(get));
    // 500 then 1000 (elapsed 1500); the next, 2000, would start at 3500 > 3000.
    expect(clock.sleeps).toEqual([500, 1000]);
    expect(srv.hits).toHaveLength(3);
  });

  it("does not count a 429 against maxAttempts: 503, 429, 503, 429 then 200 with maxAttempts 3", async () => {
    const answers = [503, 429, 503, 429, 200];
    const srv = await startServer((_req, res, _hit, n) => (answers[n - 1] === 200 ? ok(res) : json(res, answers[n - 1] ?? 500, {}, { "retry-after": "1" })));
    const { t } = makeTransport(srv.url, { retry: { maxAttempts: 3 } });
    await expect(t.request(get)).resolves.toMatchObject({ status: 200 });
    expect(srv.hits).toHaveLength(5);
  });

  it("does not wait for a Retry-After beyond the budget", async () => {
    const srv = await startServer((_req, res) => json(res, 429, {}, { "retry-after": "120" }));
    const { t, clock } = makeTransport(srv.url, { retry: { totalBudgetMs: 60_000 } });
    const e = await rejection(t.request(post));
    expect(e).toMatchObject({ code: ErrorCodes.THROTTLED, httpStatus: 429 });
    expect(srv.hits).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });

  it("does not retry other 4xx answers", async () => {
    const srv = await startServer((_req, res) => json(res, 400, { error: { code: 400, message: "bad" } }));
    const { t } = makeTransport(srv.url);
    await expect(t.request(get)).rejects.toMatchObject({ httpStatus: 400 });
    expect(srv.hits).toHaveLength(1);
  });

  it("classifies a connect timeout as before-send, so even a POST is retried (MockAgent)", async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    const pool = agent.get("http://mock.invalid");
    pool.intercept({ path: post.path, method: "POST" }).replyWithError(new undiciErrors.ConnectTimeoutError());
    pool.intercept({ path: post.path, method: "POST" }).reply(200, "{}");
    const { t, clock } = makeTransport("http://mock.invalid", { dispatcher: agent });
    cleanups.push(() => agent.close());
    await expect(t.request(post)).resolves.toMatchObject({ status: 200 });
    expect(clock.sleeps).toEqual([50]);
    agent.assertNoPendingInterceptors();
  });
});

describe("Transport: timeouts", () => {
  // undici checks headers/body timeouts on a coarse timer (about 0.5–1 s whatever the setting), so the
  // three cases run at once to keep this file fast.
  it("turns headers and body timeouts into RequestTimeoutError; a GET is retried, a POST is not", async () => {
    const srv = await startServer((req, res, hit) => {
      if (hit.url.startsWith("/slow-body")) {
        res.writeHead(200, { "content-type": "application/json" });
        res.write('{"data":'); // and then nothing
      } else if (req.method === "GET" && srv.hits.filter((h) => h.method === "GET").length > 1) {
        ok(res);
      }
      // otherwise: never answer
    });
    const { t, clock } = makeTransport(srv.url, { auth: secretAuth, timeouts: { headersMs: 150, bodyMs: 150 } });
    const [getRes, postErr, bodyErr] = await Promise.all([
      t.request(get),
      rejection(t.request(post)),
      rejection(t.request({ ...post, path: "/slow-body" })),
    ]);
    expect(getRes.status).toBe(200);
    expect(srv.hits.filter((h) => h.method === "GET")).toHaveLength(2);
    expect(clock.sleeps).toEqual([50]);

    expect(postErr).toBeInstanceOf(RequestTimeoutError);
    expect(postErr.message).toBe(
      "ocp.createStrategy: POST /api/v2/ob/clusters/1/backup/config/backupStrategy timed out waiting for the response headers",
    );
    expect(postErr).toMatchObject({ code: ErrorCodes.REQUEST_TIMEOUT, platform: "ocp", operation: "ocp.createStrategy" });
    expect(bodyErr).toBeInstanceOf(RequestTimeoutError);
    expect(bodyErr.message).toBe("ocp.createStrategy: POST /slow-body timed out waiting for the response body");
    expect(srv.hits.filter((h) => h.method === "POST")).toHaveLength(2);
    assertClean(postErr);
    assertClean(bodyErr);
  });
});

describe("Transport: abort", () => {
  it("sends nothing when the signal is already aborted", async () => {
    const srv = await startServer((_req, res) => ok(res));
    const { t } = makeTransport(srv.url);
    await expect(t.request({ ...get, signal: AbortSignal.abort() })).rejects.toBeInstanceOf(AbortedError);
    expect(srv.hits).toHaveLength(0);
  });

  it("rejects promptly while the server is still thinking", async () => {
    const ac = new AbortController();
    const srv = await startServer(() => ac.abort());
    const { t } = makeTransport(srv.url);
    const e = await rejection(t.request({ ...get, signal: ac.signal }));
    expect(e).toBeInstanceOf(AbortedError);
    expect(e).toMatchObject({ code: ErrorCodes.ABORTED, operation: "ocp.getStrategy" });
    expect(srv.hits).toHaveLength(1);
  });

  it("rejects during the backoff sleep without another attempt", async () => {
    const clock = new FakeClock(); // manual: the sleep stays pending until aborted
    const ac = new AbortController();
    const srv = await startServer((_req, res) => json(res, 503, {}));
    const { t } = makeTransport(srv.url, { clock });
    const p = t.request({ ...get, signal: ac.signal });
    await clock.nextSleep();
    ac.abort();
    const e = await rejection(p);
    expect(e).toBeInstanceOf(AbortedError);
    expect(e).toMatchObject({ operation: "ocp.getStrategy" });
    expect(srv.hits).toHaveLength(1);
    expect(clock.sleeps).toEqual([50]);
  });
});

describe("Transport: credentials stay out of errors", () => {
  it("the server does receive the secret header", async () => {
    const srv = await startServer((_req, res) => ok(res));
    const { t } = makeTransport(srv.url, { auth: secretAuth });
    await t.request(get);
    expect(srv.hits[0]?.headers.authorization).toBe(`Bearer ${SECRET}`);
  });

  it.each([
    ["an API error", (res: http.ServerResponse) => json(res, 401, { error: { code: 401, message: "bad signature" } })],
    ["a 5xx after retries", (res: http.ServerResponse) => json(res, 503, {})],
    ["a reset socket", (_res: http.ServerResponse, req: http.IncomingMessage) => req.socket.destroy()],
  ])("after %s (timeouts: see above)", async (_name, behave) => {
    const srv = await startServer((req, res) => behave(res, req));
    const { t } = makeTransport(srv.url, { auth: secretAuth, retry: { maxAttempts: 2 } });
    assertClean(await rejection(t.request(post)));
    assertClean(await rejection(t.request(get)));
  });

  it("after a refused connection and an abort", async () => {
    const { t } = makeTransport(`http://127.0.0.1:${await closedPort()}`, { auth: secretAuth, retry: { maxAttempts: 2 } });
    assertClean(await rejection(t.request(post)));
    assertClean(await rejection(t.request({ ...get, signal: AbortSignal.abort() })));
  });

  it("is not visible on the transport object either", async () => {
    const srv = await startServer((_req, res) => ok(res));
    const { t } = makeTransport(srv.url, { auth: secretAuth });
    await t.request(get);
    expect(inspect(t, { depth: 6, showHidden: true })).not.toContain(SECRET);
  });
});

describe("parseJson / parseWith", () => {
  const ctx = { platform: "oceanbase-cloud" as const, operation: "oceanbase.startBackup" };
  const res = (body: string, status = 200): RawResponse => ({ status, headers: {}, body });

  it("parses JSON, and refuses a body that is not JSON with InvalidResponseError", () => {
    expect(parseJson(res('{"a":1}'), ctx)).toEqual({ a: 1 });
    let e: unknown;
    try {
      parseJson(res('{"data": {"backupTaskId": "bak-', 200), ctx);
    } catch (err) {
      e = err;
    }
    expect(e).toBeInstanceOf(InvalidResponseError);
    expect(e).toMatchObject({ code: ErrorCodes.INVALID_RESPONSE, httpStatus: 200, platform: "oceanbase-cloud" });
    expect((e as Error).message).toContain("not JSON");
  });

  it("tolerates unknown fields and names the first missing or mistyped field, without its value", () => {
    const schema = z.object({ success: z.boolean(), data: z.object({ backupTaskId: z.string() }) });
    expect(parseWith(schema, { success: true, extra: 1, data: { backupTaskId: "bak-1", more: [] } }, ctx)).toEqual({
      success: true,
      data: { backupTaskId: "bak-1" },
    });
    let e: unknown;
    try {
      parseWith(schema, { success: true, data: { backupTaskId: 12345678 } }, ctx);
    } catch (err) {
      e = err;
    }
    expect(e).toBeInstanceOf(InvalidResponseError);
    expect((e as InvalidResponseError).field).toBe("data.backupTaskId");
    expect((e as Error).message).toContain("field 'data.backupTaskId'");
    expect((e as Error).message).not.toContain("12345678");
  });
});

describe("Transport: what counts as 'before the request was sent'", () => {
  /** A dispatcher whose first request fails with `failure`, the next ones answer 200; counts the requests. */
  function failingOnce(failure: unknown): { dispatcher: Dispatcher; calls: () => number } {
    let calls = 0;
    const dispatcher = {
      request: async () => {
        calls++;
        if (calls === 1) throw failure;
        return { statusCode: 200, headers: {}, body: { text: async () => '{"successful":true,"data":{"id":1}}' } };
      },
      close: async () => undefined,
    } as unknown as Dispatcher;
    return { dispatcher, calls: () => calls };
  }

  it("an unreachable host while reading (the request may have been written) is not 'before send': a POST is not sent again", async () => {
    const { dispatcher, calls } = failingOnce({ code: "UND_ERR_SOCKET", cause: { code: "EHOSTUNREACH", syscall: "read" } });
    const { t } = makeTransport("http://127.0.0.1:9", { dispatcher });
    const e = await rejection(t.request(post));
    expect(e).toBeInstanceOf(NetworkError);
    expect((e as NetworkError).beforeSend).toBe(false);
    expect(calls()).toBe(1);
  });

  it("an unreachable host while connecting is 'before send': a POST is sent again", async () => {
    const { dispatcher, calls } = failingOnce({ code: "EHOSTUNREACH", syscall: "connect" });
    const { t } = makeTransport("http://127.0.0.1:9", { dispatcher });
    await t.request(post);
    expect(calls()).toBe(2);
  });
});
