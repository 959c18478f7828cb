// The emulator core against a small test-only family: routing, auth-before-faults, each fault action,
// the request log, virtual time, durations, reset, persistence and the body limit.
import { request as httpRequest } from "node:http";
import type { IncomingHttpHeaders } from "node:http";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { createVirtualClock } from "../../emulator/core/clock";
import type { Family } from "../../emulator/core/types";
import { startEmulator } from "../../emulator/server";
import { useEmulator } from "../support/emulator";

interface Item {
  id: string;
  name: string;
  createdAt: number;
}
type TestState = { items: Record<string, Item>; nextId: number };

const KEY = { "x-key": "let-me-in" };

/** A family small enough to read at a glance: items that take "test.buildMs" to become DONE. */
const testFamily: Family = {
  name: "ocp",
  owns: (p) => p === "/t" || p.startsWith("/t/"),
  authenticate: (req) =>
    req.headers["x-key"] === KEY["x-key"] ? undefined : { status: 401, headers: { "www-authenticate": "Test" }, body: { fam: "test", denied: true } },
  routes: [
    {
      method: "GET",
      pattern: "/t/echo/:a/:b",
      handler: (req) => ({ status: 200, body: { params: req.params, query: Object.fromEntries(req.query), rawTarget: req.rawTarget, path: req.path } }),
    },
    {
      method: "POST",
      pattern: "/t/items",
      handler: (req, ctx) => {
        const state = ctx.state as TestState;
        const input = JSON.parse(req.rawBody.toString("utf8")) as { name: string };
        const id = `item-${state.nextId++}`;
        state.items[id] = { id, name: input.name, createdAt: ctx.clock.now() };
        ctx.markDirty();
        return { status: 201, body: { id, name: input.name } };
      },
    },
    {
      method: "GET",
      pattern: "/t/items/:id",
      handler: (req, ctx) => {
        const item = (ctx.state as TestState).items[req.params.id ?? ""];
        if (item === undefined) return { status: 404, body: { fam: "test", code: "NoItem" } };
        // Lazy status: derived from virtual time, no timers.
        const status = ctx.clock.now() - item.createdAt >= ctx.duration("test.buildMs") ? "DONE" : "BUILDING";
        return { status: 200, body: { ...item, status } };
      },
    },
    {
      method: "POST",
      pattern: "/t/blob",
      handler: (req) => ({ status: 200, body: { bytes: req.rawBody.length } }),
    },
    { method: "GET", pattern: "/t/time", handler: (_req, ctx) => ({ status: 200, body: { now: ctx.clock.now(), wall: ctx.wallNow() } }) },
    { method: "GET", pattern: "/t/unknown-duration", handler: (_req, ctx) => ({ status: 200, body: { ms: ctx.duration("test.nope") } }) },
    {
      method: "GET",
      pattern: "/t/boom",
      handler: () => {
        throw new Error("handler exploded");
      },
    },
  ],
  defaultDurations: { "test.buildMs": 60_000, "test.otherMs": 5 },
  seed: (now) => ({ items: { seeded: { id: "seeded", name: "seeded", createdAt: now } }, nextId: 1 }) satisfies TestState,
  errorBody: (status, code, message) => ({ fam: "test", status, code, message }),
};

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/** One request on a fresh connection (no pooling, no retries), so socket faults surface exactly once. */
function send(base: string, method: string, target: string, opts: { headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<RawResponse> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method,
        path: target,
        agent: false,
        headers: { ...opts.headers, ...(opts.body === undefined ? {} : { "content-length": String(Buffer.byteLength(opts.body)) }) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(opts.body);
  });
}

const json = (r: RawResponse): unknown => JSON.parse(r.text);

describe("virtual clock", () => {
  it("follows the wall clock plus offset, freezes, advances and resets", () => {
    let wall = 1_000_000;
    const clock = createVirtualClock({ wallNow: () => wall });
    expect(clock.isFrozen()).toBe(false);
    clock.advance(500);
    wall += 100;
    expect(clock.now()).toBe(1_000_600);
    clock.freeze();
    wall += 10_000;
    expect(clock.now()).toBe(1_000_600);
    clock.advance(400);
    expect(clock.now()).toBe(1_001_000);
    clock.unfreeze(); // resumes from the frozen time, not from the wall clock
    wall += 50;
    expect(clock.now()).toBe(1_001_050);
    expect(() => clock.advance(-1)).toThrow(RangeError);
    clock.reset(true);
    expect(clock.isFrozen()).toBe(true);
    expect(clock.now()).toBe(wall);
  });
});

describe("emulator core", () => {
  const emu = useEmulator({ families: [testFamily] });
  const call = (method: string, target: string, opts: { headers?: Record<string, string>; body?: string | Buffer } = {}) =>
    send(emu.url, method, target, { ...opts, headers: { ...KEY, ...opts.headers } });
  const postItem = (name: string) => call("POST", "/t/items", { headers: { "content-type": "application/json" }, body: JSON.stringify({ name }) });

  describe("routing", () => {
    it("matches method and pattern and decodes params", async () => {
      const res = await call("GET", "/t/echo/a%20b/c?x=1&y=%2F");
      expect(res.status).toBe(200);
      expect(json(res)).toEqual({ params: { a: "a b", b: "c" }, query: { x: "1", y: "/" }, rawTarget: "/t/echo/a%20b/c?x=1&y=%2F", path: "/t/echo/a b/c" });
    });

    it("never matches a param holding '/', '..' or nothing, answering 404 in the family's shape", async () => {
      for (const target of ["/t/echo/a%2Fb/c", "/t/echo/../c", "/t/echo//c", "/t/echo/a/b/c", "/t/echo/a/b/"]) {
        const res = await call("GET", target);
        expect({ target, status: res.status }).toEqual({ target, status: 404 });
        expect(json(res)).toMatchObject({ fam: "test", status: 404, code: "NotFound" });
      }
    });

    it("answers 405 in the family's shape with Allow when only the method is wrong", async () => {
      const res = await call("DELETE", "/t/echo/a/b");
      expect(res.status).toBe(405);
      expect(res.headers.allow).toBe("GET");
      expect(json(res)).toMatchObject({ fam: "test", status: 405, code: "MethodNotAllowed" });
    });

    it("answers a path no family owns with a plain 404", async () => {
      const res = await call("GET", "/nobody/here");
      expect(res.status).toBe(404);
      expect(json(res)).toEqual({ error: "NotFound", message: "no API family serves /nobody/here" });
    });

    it("turns a handler error into a 500 in the family's shape and logs it to stderr without the body", async () => {
      const errors = jest.spyOn(console, "error").mockImplementation(() => undefined);
      try {
        const res = await call("GET", "/t/boom", { body: JSON.stringify({ password: "hunter2" }) });
        expect(res.status).toBe(500);
        expect(json(res)).toMatchObject({ fam: "test", status: 500, code: "InternalError" });
        const logged = errors.mock.calls.flat().join(" ");
        expect(logged).toContain("handler exploded");
        expect(logged).not.toContain("hunter2");
        expect(logged).not.toContain(KEY["x-key"]);
      } finally {
        errors.mockRestore();
      }
    });

    it("reports an unknown duration key as a clear 500", async () => {
      jest.spyOn(console, "error").mockImplementationOnce(() => undefined);
      const res = await call("GET", "/t/unknown-duration");
      expect(res.status).toBe(500);
      expect(json(res)).toMatchObject({ message: expect.stringContaining('unknown duration key "test.nope"') });
    });
  });

  describe("auth before faults", () => {
    it("does not consume a fault on a request that fails authentication", async () => {
      const id = await emu.control.addFault({ path: "^/t/items", action: "status", status: 503 });
      const denied = await send(emu.url, "GET", "/t/items/seeded");
      expect(denied.status).toBe(401);
      expect(denied.headers["www-authenticate"]).toBe("Test");
      expect(await emu.control.faults()).toEqual([expect.objectContaining({ id, remaining: 1 })]);
      expect((await call("GET", "/t/items/seeded")).status).toBe(503);
      expect((await call("GET", "/t/items/seeded")).status).toBe(200);
      expect(await emu.control.faults()).toEqual([]);
    });
  });

  describe("faults", () => {
    it("reset-before drops the connection and the handler does not run", async () => {
      await emu.control.addFault({ method: "POST", path: "^/t/items$", action: "reset-before" });
      await expect(postItem("lost")).rejects.toThrow(/socket hang up|ECONNRESET/);
      const state = (await emu.control.objects()).ocp as TestState;
      expect(Object.keys(state.items)).toEqual(["seeded"]);
      expect((await emu.control.requests()).map((r) => r.status)).toEqual(["reset"]);
    });

    it("reset-after runs the handler (state changes) but the client gets a socket error", async () => {
      const id = await emu.control.addFault({ method: "POST", path: "^/t/items$", action: "reset-after" });
      await expect(postItem("made-but-unanswered")).rejects.toThrow(/socket hang up|ECONNRESET/);
      const state = (await emu.control.objects()).ocp as TestState;
      expect(state.items["item-1"]).toMatchObject({ name: "made-but-unanswered" });
      expect(await emu.control.requests()).toEqual([expect.objectContaining({ status: "reset", fault: { id, action: "reset-after" }, authorized: true })]);
    });

    it("malformed runs the handler and answers 200 with text that is not JSON", async () => {
      await emu.control.addFault({ path: "^/t/items$", action: "malformed" });
      const res = await postItem("garbled");
      expect(res.status).toBe(200);
      expect(res.text.length).toBeGreaterThan(0);
      expect(() => JSON.parse(res.text)).toThrow(SyntaxError);
      expect(((await emu.control.objects()).ocp as TestState).items["item-1"]).toMatchObject({ name: "garbled" });
    });

    it("status answers in the family's error shape with Retry-After, or with the given body", async () => {
      await emu.control.addFault({ path: "^/t/items/", action: "status", status: 429, retryAfterSeconds: 7 });
      const throttled = await call("GET", "/t/items/seeded");
      expect(throttled.status).toBe(429);
      expect(throttled.headers["retry-after"]).toBe("7");
      expect(json(throttled)).toEqual({ fam: "test", status: 429, code: "TooManyRequests", message: "injected fault" });

      await emu.control.addFault({ path: "^/t/items/", action: "status", status: 409, body: { vendor: "busy" }, headers: { "x-extra": "1" } });
      const busy = await call("GET", "/t/items/seeded");
      expect(busy.status).toBe(409);
      expect(busy.headers["retry-after"]).toBeUndefined();
      expect(busy.headers["x-extra"]).toBe("1");
      expect(json(busy)).toEqual({ vendor: "busy" });
    });

    it("status does not run the handler", async () => {
      await emu.control.addFault({ method: "POST", path: "^/t/items$", action: "status", status: 500 });
      expect((await postItem("refused")).status).toBe(500);
      expect(Object.keys(((await emu.control.objects()).ocp as TestState).items)).toEqual(["seeded"]);
    });

    it("status-after runs the handler (state changes), then answers the status in the family's error shape", async () => {
      const id = await emu.control.addFault({ method: "POST", path: "^/t/items$", action: "status-after", status: 502 });
      const res = await postItem("made-then-502");
      expect(res.status).toBe(502);
      expect(json(res)).toEqual({ fam: "test", status: 502, code: "BadGateway", message: "injected fault" });
      expect(((await emu.control.objects()).ocp as TestState).items["item-1"]).toMatchObject({ name: "made-then-502" });
      expect(await emu.control.requests()).toEqual([expect.objectContaining({ status: 502, fault: { id, action: "status-after" }, authorized: true })]);
    });

    it("status-after needs a status", async () => {
      await expect(emu.control.addFault({ path: "^/t/items$", action: "status-after" })).rejects.toThrow(/needs status/);
    });

    it("garbage runs the handler, then answers 200 with an HTML page that is not JSON", async () => {
      const id = await emu.control.addFault({ method: "POST", path: "^/t/items$", action: "garbage" });
      const res = await postItem("made-then-html");
      expect(res.status).toBe(200);
      expect(res.headers["content-type"]).toMatch(/^text\/html/);
      expect(res.text).toMatch(/^<html>/);
      expect(() => JSON.parse(res.text)).toThrow(SyntaxError);
      expect(((await emu.control.objects()).ocp as TestState).items["item-1"]).toMatchObject({ name: "made-then-html" });
      expect(await emu.control.requests()).toEqual([expect.objectContaining({ status: 200, fault: { id, action: "garbage" } })]);
    });

    it("latency delays the answer by latencyMs, then answers normally", async () => {
      await emu.control.addFault({ path: "^/t/items/seeded$", action: "latency", latencyMs: 150 });
      const started = performance.now();
      const res = await call("GET", "/t/items/seeded");
      expect(performance.now() - started).toBeGreaterThanOrEqual(140);
      expect(res.status).toBe(200);
      expect(json(res)).toMatchObject({ id: "seeded" });
    });

    it("counts down times, matches the method, and applies faults in the order added", async () => {
      await emu.control.addFault({ method: "POST", path: "^/t/items", action: "status", status: 502 });
      await emu.control.addFault({ path: "^/t/items/", action: "status", status: 503, times: 2 });
      await emu.control.addFault({ path: "^/t/items/", action: "status", status: 504 });
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await call("GET", "/t/items/seeded")).status);
      expect(statuses).toEqual([503, 503, 504, 200]);
      expect((await emu.control.faults()).map((f) => f.status)).toEqual([502]);
    });

    it("refuses an invalid fault spec", async () => {
      await expect(emu.control.addFault({ path: "(", action: "status", status: 500 })).rejects.toThrow(/400.*regular expression/);
      await expect(emu.control.addFault({ path: "x", action: "status" })).rejects.toThrow(/400.*needs status/);
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- deliberately wrong input
      await expect(emu.control.addFault({ path: "x", action: "explode" as any })).rejects.toThrow(/400.*action/);
    });

    it("are cleared by reset between tests", async () => {
      expect(await emu.control.faults()).toEqual([]);
    });
  });

  describe("request log", () => {
    it("records API requests with redacted bodies and excludes control calls", async () => {
      const body = { name: "n", password: "p1", nested: { accessKeySecret: "s1", list: [{ SECRET_TOKEN: "s2", keep: 1 }] } };
      await call("POST", "/t/blob?requestId=r1&k=a&k=b", { body: JSON.stringify(body) });
      await send(emu.url, "GET", "/t/items/seeded");
      await emu.control.clock();
      await emu.control.faults();
      const log = await emu.control.requests();
      expect(log).toHaveLength(2);
      const [first, second] = log;
      expect(first).toEqual({
        seq: 1,
        at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        method: "POST",
        path: "/t/blob",
        query: { requestId: "r1", k: ["a", "b"] },
        family: "ocp",
        authorized: true,
        status: 200,
        body: { name: "n", password: "***", nested: { accessKeySecret: "***", list: [{ SECRET_TOKEN: "***", keep: 1 }] } },
      });
      expect(second).toMatchObject({ seq: 2, method: "GET", authorized: false, status: 401 });
      expect(second).not.toHaveProperty("body");
      const text = JSON.stringify(log);
      for (const secret of ["p1", "s1", "s2", KEY["x-key"]]) expect(text).not.toContain(secret);
    });

    it("records unowned paths with family null, and clears on DELETE keeping the numbering", async () => {
      await call("GET", "/elsewhere");
      expect(await emu.control.requests()).toEqual([expect.objectContaining({ seq: 1, family: null, status: 404, authorized: false })]);
      await emu.control.clearRequests();
      expect(await emu.control.requests()).toEqual([]);
      await call("GET", "/t/items/seeded");
      expect(await emu.control.requests()).toEqual([expect.objectContaining({ seq: 2, status: 200 })]);
    });
  });

  describe("virtual time and durations", () => {
    it("is frozen by default in tests, moves only on advance, and keeps wallNow real", async () => {
      const a = json(await call("GET", "/t/time")) as { now: number; wall: number };
      const b = json(await call("GET", "/t/time")) as { now: number; wall: number };
      expect(b.now).toBe(a.now);
      expect(await emu.control.clock()).toEqual({ now: a.now, frozen: true });
      const day = 24 * 3600 * 1000;
      expect(await emu.control.advance(day)).toBe(a.now + day);
      const c = json(await call("GET", "/t/time")) as { now: number; wall: number };
      expect(c.now).toBe(a.now + day);
      expect(Math.abs(c.wall - Date.now())).toBeLessThan(5000);
    });

    it("derives statuses lazily from the clock and the family's durations", async () => {
      const { id } = json(await postItem("build")) as { id: string };
      const status = async (): Promise<string> => (json(await call("GET", `/t/items/${id}`)) as { status: string }).status;
      expect(await status()).toBe("BUILDING");
      await emu.control.advance(59_999);
      expect(await status()).toBe("BUILDING");
      await emu.control.advance(1);
      expect(await status()).toBe("DONE");
    });

    it("sets durations through the control API, refusing unknown keys and bad values", async () => {
      expect(await emu.control.durations()).toEqual({ "test.buildMs": 60_000, "test.otherMs": 5 });
      expect(await emu.control.setDurations({ "test.buildMs": 0 })).toEqual({ "test.buildMs": 0, "test.otherMs": 5 });
      const { id } = json(await postItem("instant")) as { id: string };
      expect(json(await call("GET", `/t/items/${id}`))).toMatchObject({ status: "DONE" });
      await expect(emu.control.setDurations({ "test.typo": 1 })).rejects.toThrow(/400.*unknown duration key.*test\.typo/);
      await expect(emu.control.setDurations({ "test.otherMs": -1 })).rejects.toThrow(/400/);
    });

    it("unfreezes and refreezes through the control API", async () => {
      await emu.control.unfreeze();
      expect((await emu.control.clock()).frozen).toBe(false);
      await emu.control.freeze();
      const frozen = await emu.control.clock();
      expect(frozen.frozen).toBe(true);
      expect((await emu.control.clock()).now).toBe(frozen.now);
    });
  });

  describe("reset", () => {
    it("restores fixtures, faults, log, durations and clock", async () => {
      const before = await emu.control.clock();
      await postItem("gone-after-reset");
      await emu.control.addFault({ path: "^/t/", action: "latency", latencyMs: 1 });
      await emu.control.setDurations({ "test.otherMs": 99 });
      await emu.control.advance(3_600_000);
      await emu.control.unfreeze();

      await emu.control.reset();
      expect(Object.keys(((await emu.control.objects()).ocp as TestState).items)).toEqual(["seeded"]);
      expect(await emu.control.faults()).toEqual([]);
      expect(await emu.control.requests()).toEqual([]);
      expect(await emu.control.durations()).toEqual({ "test.buildMs": 60_000, "test.otherMs": 5 });
      const after = await emu.control.clock();
      expect(after.frozen).toBe(true);
      expect(after.now - before.now).toBeLessThan(3_600_000);
    });

    it("replaces one family's state through PUT /__emulator/objects/:family", async () => {
      await emu.control.replaceObjects("ocp", { items: {}, nextId: 7 });
      expect((await call("GET", "/t/items/seeded")).status).toBe(404);
      expect(json(await postItem("seven"))).toEqual({ id: "item-7", name: "seven" });
      await expect(emu.control.replaceObjects("nope", {})).rejects.toThrow(/404/);
    });
  });

  describe("body limit", () => {
    it("accepts a body of exactly 1 MiB and answers 413 in the family's shape past it", async () => {
      const mib = 1024 * 1024;
      const ok = await call("POST", "/t/blob", { body: Buffer.alloc(mib, 0x61) });
      expect(json(ok)).toEqual({ bytes: mib });
      const tooBig = await call("POST", "/t/blob", { body: Buffer.alloc(mib + 1, 0x61) });
      expect(tooBig.status).toBe(413);
      expect(json(tooBig)).toMatchObject({ fam: "test", status: 413 });
    });
  });

  describe("control API", () => {
    it("answers unknown control paths with 404 and wrong methods with 405", async () => {
      expect((await send(emu.url, "GET", "/__emulator/nothing")).status).toBe(404);
      const wrong = await send(emu.url, "PATCH", "/__emulator/faults");
      expect(wrong.status).toBe(405);
      expect(wrong.headers.allow).toBe("GET, POST, DELETE");
      const bad = await send(emu.url, "POST", "/__emulator/clock", { body: "{not json" });
      expect(bad.status).toBe(400);
    });
  });
});

describe("state persistence", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "dbb-emu-state-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("seeds and writes a missing file, saves after each change and reloads it after a restart", async () => {
    const statePath = path.join(dir, "state.json");
    const first = await startEmulator({ port: 0, families: [testFamily], statePath, frozenClock: true });
    try {
      expect(JSON.parse(await readFile(statePath, "utf8"))).toEqual({ ocp: expect.objectContaining({ nextId: 1 }) });
      const created = await send(first.url, "POST", "/t/items", { headers: KEY, body: JSON.stringify({ name: "kept" }) });
      expect(created.status).toBe(201);
      // Written before the answer was sent.
      expect(JSON.parse(await readFile(statePath, "utf8")).ocp.items["item-1"]).toMatchObject({ name: "kept" });
    } finally {
      await first.close();
    }
    const second = await startEmulator({ port: 0, families: [testFamily], statePath, frozenClock: true });
    try {
      const res = await send(second.url, "GET", "/t/items/item-1", { headers: KEY });
      expect(res.status).toBe(200);
      expect(json(res)).toMatchObject({ name: "kept" });
    } finally {
      await second.close();
    }
  });

  it("refuses to start on a state file that is not JSON", async () => {
    const statePath = path.join(dir, "broken.json");
    await writeFile(statePath, "{oops");
    await expect(startEmulator({ port: 0, families: [testFamily], statePath })).rejects.toThrow(/not valid JSON/);
  });

  it("refuses start options with an unknown duration key", async () => {
    await expect(startEmulator({ port: 0, families: [testFamily], durations: { "test.typo": 1 } })).rejects.toThrow(/unknown duration key/);
  });
});
