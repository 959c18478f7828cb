// The emulator's background traffic conditions: the per-family rate limit (a token bucket, 429 with Retry-After) and
// random 5xx answers on a fraction of requests (seeded, before or after the server acted), as units and through HTTP
// with a small test family.
import { RandomFaults } from "../../emulator/core/random-faults";
import { RateLimits, TokenBucket, TrafficSpecError } from "../../emulator/core/rate-limit";
import type { Family } from "../../emulator/core/types";
import { useEmulator } from "../support/emulator";

describe("TokenBucket", () => {
  it("starts full, then gives a token per 1/rate seconds and says how long until the next", () => {
    const b = new TokenBucket(20, 3, 1_000);
    expect([b.take(1_000), b.take(1_000), b.take(1_000)]).toEqual([0, 0, 0]);
    expect(b.take(1_000)).toBeCloseTo(50, 6);
    expect(b.take(1_030)).toBeCloseTo(20, 6); // 0.6 of a token refilled: 0.4 to go
    expect(b.take(1_050)).toBe(0);
    expect(b.take(1_050)).toBeCloseTo(50, 6);
  });

  it("never holds more than burst, however long it was idle", () => {
    const b = new TokenBucket(10, 2, 0);
    b.take(0);
    const taken = [1, 2, 3].map(() => b.take(60_000));
    expect(taken.map((w) => w === 0)).toEqual([true, true, false]);
  });
});

describe("RateLimits", () => {
  it("keeps one bucket per family and answers 429 with Retry-After in whole seconds, at least 1", () => {
    let now = 0;
    const limits = new RateLimits({ requestsPerSecond: 4, burst: 2 }, () => now);
    expect(limits.take("ocp")).toBeUndefined();
    expect(limits.take("ocp")).toBeUndefined();
    const refused = limits.take("ocp");
    expect(refused).toMatchObject({ id: "rate-limit", action: "status", status: 429, retryAfterSeconds: 1 });
    // Another family has its own bucket.
    expect(limits.take("huawei-taurusdb")).toBeUndefined();
    now += 250;
    expect(limits.take("ocp")).toBeUndefined();
    expect(limits.snapshot()).toEqual({ rateLimit: { requestsPerSecond: 4, burst: 2 }, throttled: 1 });
  });

  it("rounds a long wait up to whole seconds", () => {
    const limits = new RateLimits({ requestsPerSecond: 0.4, burst: 1 }, () => 0);
    limits.take("ocp");
    expect(limits.take("ocp")?.retryAfterSeconds).toBe(3);
  });

  it("limits only the families named, is off without a spec, and reset goes back to the start setting", () => {
    const limits = new RateLimits({ requestsPerSecond: 1, burst: 1, families: ["ocp"] }, () => 0);
    expect([1, 2, 3].map(() => limits.take("oceanbase-cloud"))).toEqual([undefined, undefined, undefined]);
    limits.take("ocp");
    expect(limits.take("ocp")).toBeDefined();
    limits.set(undefined);
    expect(limits.take("ocp")).toBeUndefined();
    limits.reset();
    expect(limits.take("ocp")).toBeUndefined();
    expect(limits.take("ocp")).toBeDefined();
  });

  it("refuses a bad start setting, naming the field", () => {
    expect(() => new RateLimits({ requestsPerSecond: 0 })).toThrow(TrafficSpecError);
    expect(() => new RateLimits({ requestsPerSecond: 5, families: ["nope" as "ocp"] })).toThrow(/families/);
  });
});

describe("RandomFaults", () => {
  const draws = (f: RandomFaults, n: number): Array<string | undefined> =>
    Array.from({ length: n }, () => {
      const d = f.draw("ocp");
      return d === undefined ? undefined : `${d.action}:${String(d.status)}`;
    });

  it("hits about the fraction asked, the same requests for the same seed, other ones for another seed", () => {
    const a = draws(new RandomFaults({ rate: 0.1, seed: 7 }), 10_000);
    const hits = a.filter((d) => d !== undefined).length;
    expect(hits).toBeGreaterThan(900);
    expect(hits).toBeLessThan(1100);
    expect(draws(new RandomFaults({ rate: 0.1, seed: 7 }), 10_000)).toEqual(a);
    expect(draws(new RandomFaults({ rate: 0.1, seed: 8 }), 10_000)).not.toEqual(a);
  });

  it("draws statuses from the list; 'before' answers as status, 'after' as status-after, 'mixed' both", () => {
    const before = draws(new RandomFaults({ rate: 1, when: "before", statuses: [503] }), 50);
    expect(new Set(before)).toEqual(new Set(["status:503"]));
    const after = draws(new RandomFaults({ rate: 1, when: "after", statuses: [502, 504] }), 200);
    expect(new Set(after)).toEqual(new Set(["status-after:502", "status-after:504"]));
    const mixed = new RandomFaults({ rate: 1, when: "mixed", statuses: [500] });
    draws(mixed, 1_000);
    const { injected } = mixed.snapshot();
    expect(injected.before + injected.after).toBe(1_000);
    expect(injected.before).toBeGreaterThan(400);
    expect(injected.after).toBeGreaterThan(400);
  });

  it("never hits at rate 0 or families not named, and set() re-seeds", () => {
    expect(draws(new RandomFaults({ rate: 0 }), 1_000).every((d) => d === undefined)).toBe(true);
    const f = new RandomFaults({ rate: 1, families: ["huawei-taurusdb"] });
    expect(draws(f, 10).every((d) => d === undefined)).toBe(true);
    f.set({ rate: 0.5, seed: 3 });
    const first = draws(f, 100);
    f.set({ rate: 0.5, seed: 3 });
    expect(draws(f, 100)).toEqual(first);
    expect(f.snapshot()).toMatchObject({ randomFaults: { rate: 0.5, seed: 3 }, drawn: 100 });
  });
});

interface Things {
  things: string[];
}

/** Needs header x-key: ok; POST /t/things adds one, GET /t/things lists them. */
const thingsFamily: Family = {
  name: "ocp",
  owns: (p) => p.startsWith("/t/"),
  authenticate: (req) => (req.headers["x-key"] === "ok" ? undefined : { status: 401, body: { denied: true } }),
  routes: [
    {
      method: "POST",
      pattern: "/t/things",
      handler: (_req, ctx) => {
        (ctx.state as unknown as Things).things.push(`thing-${(ctx.state as unknown as Things).things.length + 1}`);
        ctx.markDirty();
        return { status: 200, body: { ok: true } };
      },
    },
    { method: "GET", pattern: "/t/things", handler: (_req, ctx) => ({ status: 200, body: ctx.state }) },
  ],
  defaultDurations: {},
  seed: () => ({ things: [] }),
  errorBody: (status, code, message) => ({ status, code, message }),
};

describe("rate limit and random faults through the emulator", () => {
  // 0.1 requests a second: no token comes back while a test runs, however slow the machine.
  const emu = useEmulator({ families: [thingsFamily], rateLimit: { requestsPerSecond: 0.1, burst: 3 } });
  const api = (method: string, path: string, key = "ok"): Promise<Response> => fetch(`${emu.url}${path}`, { method, headers: { "x-key": key } });
  const control = async (method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> => {
    const r = await fetch(`${emu.url}/__emulator/${path}`, {
      method,
      ...(body === undefined ? {} : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
    });
    return { status: r.status, body: await r.json() };
  };
  const things = async (): Promise<string[]> => ((await emu.control.objects()).ocp as Things).things;

  it("answers 429 in the family's shape once the bucket is empty, runs nothing, and logs it as the rate-limit fault", async () => {
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await api("POST", "/t/things")).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const refused = await api("GET", "/t/things");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("10");
    expect(await refused.json()).toEqual({ status: 429, code: "TooManyRequests", message: "rate limit exceeded: this API accepts 0.1 requests a second" });
    expect(await things()).toHaveLength(3);
    const log = await emu.control.requests();
    expect(log.filter((r) => r.fault?.id === "rate-limit").map((r) => r.status)).toEqual([429, 429, 429]);
    expect((await control("GET", "rate-limit")).body).toEqual({ rateLimit: { requestsPerSecond: 0.1, burst: 3 }, throttled: 3 });
  });

  it("charges no token for a request that fails authentication", async () => {
    for (let i = 0; i < 4; i++) expect((await api("GET", "/t/things", "wrong")).status).toBe(401);
    expect((await api("GET", "/t/things")).status).toBe(200);
  });

  it("is changed and turned off through the control API, refusing a bad spec with 400; reset puts the start setting back", async () => {
    expect((await control("POST", "rate-limit", { requestsPerSecond: 0.1, burst: 1 })).status).toBe(200);
    expect((await api("GET", "/t/things")).status).toBe(200);
    expect((await api("GET", "/t/things")).status).toBe(429);
    expect(await control("POST", "rate-limit", { requestsPerSecond: -1 })).toMatchObject({ status: 400, body: { error: expect.stringMatching(/requestsPerSecond/) } });
    expect((await control("DELETE", "rate-limit")).body).toEqual({ rateLimit: null, throttled: 0 });
    for (let i = 0; i < 6; i++) expect((await api("GET", "/t/things")).status).toBe(200);
    await emu.control.reset();
    expect((await control("GET", "rate-limit")).body).toEqual({ rateLimit: { requestsPerSecond: 0.1, burst: 3 }, throttled: 0 });
  });

  it("random faults 'before': a 5xx and nothing done; 'after': a 5xx and the work done; both logged as the random fault", async () => {
    await control("DELETE", "rate-limit");
    expect((await control("POST", "random-faults", { rate: 1, when: "before", statuses: [503] })).status).toBe(200);
    const before = await api("POST", "/t/things");
    expect(before.status).toBe(503);
    expect(await before.json()).toMatchObject({ status: 503, code: "ServiceUnavailable" });
    expect(await things()).toEqual([]);
    await control("POST", "random-faults", { rate: 1, when: "after", statuses: [502] });
    expect((await api("POST", "/t/things")).status).toBe(502);
    expect(await things()).toEqual(["thing-1"]);
    const log = await emu.control.requests();
    expect(log.filter((r) => r.fault?.id === "random").map((r) => `${r.fault?.action ?? ""} ${String(r.status)}`)).toEqual(["status 503", "status-after 502"]);
    expect((await control("GET", "random-faults")).body).toEqual({
      randomFaults: { rate: 1, when: "after", statuses: [502] },
      drawn: 1,
      injected: { before: 0, after: 1 },
    });
    expect((await control("POST", "random-faults", { rate: 2 })).status).toBe(400);
  });

  it("an explicit fault wins over a random one; a 401 draws nothing; DELETE turns random faults off", async () => {
    await control("DELETE", "rate-limit");
    await control("POST", "random-faults", { rate: 1 });
    await emu.control.addFault({ method: "GET", path: "^/t/things$", action: "status", status: 418 });
    expect((await api("GET", "/t/things")).status).toBe(418);
    expect((await api("GET", "/t/things", "wrong")).status).toBe(401);
    expect((await control("GET", "random-faults")).body).toMatchObject({ drawn: 0 });
    await control("DELETE", "random-faults");
    expect((await api("GET", "/t/things")).status).toBe(200);
  });
});
