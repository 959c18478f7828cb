// The adaptive client-side limiter (sdk/transport/limiter.ts) on a fake clock: pacing in order, growth while demand
// exceeds the rate, the cut on a 429 to what the API let through, the ceiling, aborts, sharing per API; and a
// Transport paced by it against a local server that throttles like a gateway.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { AbortedError, ApiError } from "../../sdk/errors";
import { AdaptiveLimiter, INITIAL_PER_SECOND, MIN_PER_SECOND, QUIET_MS, sharedLimiter } from "../../sdk/transport/limiter";
import { Transport } from "../../sdk/transport/transport";
import { TokenBucket } from "../../emulator/core/rate-limit";
import { FakeClock } from "../support/fake-clock";

/** Lets every pending promise callback run (the limiter's pump hands tokens out between awaits). */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

/** Acquires `n` tokens at once; returns the virtual times at which each was granted, in grant order. */
async function grants(limiter: AdaptiveLimiter, clock: FakeClock, n: number, stepMs = 10, untilMs = 10_000): Promise<number[]> {
  const times: number[] = [];
  const start = clock.now();
  const all = Array.from({ length: n }, () => limiter.acquire().then(() => times.push(clock.now() - start)));
  await settle();
  while (times.length < n && clock.now() - start < untilMs) {
    clock.advance(stepMs);
    await settle();
  }
  await Promise.all(all);
  return times;
}

describe("AdaptiveLimiter", () => {
  it("lets a small burst through at once, then paces the rest at the starting rate, in order", async () => {
    const clock = new FakeClock();
    const l = new AdaptiveLimiter({ clock });
    const order: number[] = [];
    const pending = Array.from({ length: 14 }, (_, i) => l.acquire().then((waited) => order.push(waited ? i : -1)));
    await settle();
    expect(order).toEqual(Array(INITIAL_PER_SECOND).fill(-1));
    expect(l.stats().queued).toBe(4);
    clock.advance(100);
    await settle();
    expect(order.slice(INITIAL_PER_SECOND)).toEqual([10]);
    clock.advance(300);
    await settle();
    await Promise.all(pending);
    expect(order.slice(INITIAL_PER_SECOND)).toEqual([10, 11, 12, 13]);
  });

  it("grows while requests wait and nothing is throttled (doubling about every second), never above the ceiling", async () => {
    const clock = new FakeClock();
    const l = new AdaptiveLimiter({ clock, maxPerSecond: 35 });
    const rates: number[] = [];
    for (let round = 0; round < 3; round++) {
      const before = l.stats().perSecond;
      const granted = await grants(l, clock, Math.ceil(before) + 10);
      for (let i = 0; i < granted.length; i++) l.succeeded(true);
      rates.push(l.stats().perSecond);
    }
    expect(rates).toEqual([10 + 20, 35, 35]);
  });

  it("an idle client does not grow: answers to requests that did not wait teach nothing", async () => {
    const clock = new FakeClock();
    const l = new AdaptiveLimiter({ clock });
    for (let i = 0; i < 50; i++) {
      l.succeeded(await l.acquire());
      clock.advance(500);
    }
    expect(l.stats().perSecond).toBe(INITIAL_PER_SECOND);
  });

  it("a 429 cuts the rate to 90% of what the API let through in the last second, at most once a second", () => {
    const clock = new FakeClock();
    const l = new AdaptiveLimiter({ clock, initialPerSecond: 40 });
    for (let i = 0; i < 25; i++) l.succeeded(false);
    l.throttled();
    expect(l.stats().perSecond).toBeCloseTo(22.5, 6);
    l.throttled();
    l.throttled();
    expect(l.stats()).toMatchObject({ throttled: 3, cuts: 1 });
    clock.advance(1001);
    // Nothing answered in the last second: the cut is by half at most.
    l.throttled();
    expect(l.stats().perSecond).toBeCloseTo(22.5 * 0.5 * 0.9, 6);
  });

  it("a spell of QUIET_MS without a 429 brings it back to the starting rate; never below MIN_PER_SECOND", async () => {
    const clock = new FakeClock();
    const l = new AdaptiveLimiter({ clock });
    for (let i = 0; i < 8; i++) {
      l.throttled();
      clock.advance(1001);
    }
    expect(l.stats().perSecond).toBe(MIN_PER_SECOND);
    clock.advance(QUIET_MS - 1001);
    await l.acquire();
    expect(l.stats().perSecond).toBe(INITIAL_PER_SECOND);
  });

  it("after a 429 it creeps up by about one request a second per second", async () => {
    const clock = new FakeClock();
    const l = new AdaptiveLimiter({ clock, initialPerSecond: 20 });
    l.throttled();
    const cut = l.stats().perSecond;
    const waited = await grants(l, clock, Math.round(cut * 3));
    expect(waited.length).toBe(Math.round(cut * 3));
    for (let i = 0; i < waited.length; i++) l.succeeded(true);
    expect(l.stats().perSecond - cut).toBeGreaterThan(2);
    expect(l.stats().perSecond - cut).toBeLessThan(4);
  });

  it("an aborted wait leaves the queue and rejects with AbortedError; the others still go in order", async () => {
    const clock = new FakeClock();
    const l = new AdaptiveLimiter({ clock, initialPerSecond: 1 });
    await l.acquire();
    const ac = new AbortController();
    const gone = l.acquire(ac.signal);
    const next = l.acquire();
    ac.abort();
    await expect(gone).rejects.toBeInstanceOf(AbortedError);
    expect(l.stats().queued).toBe(1);
    clock.advance(1000);
    await settle();
    await expect(next).resolves.toBe(true);
    await expect(l.acquire(ac.signal)).rejects.toBeInstanceOf(AbortedError);
  });

  it("is shared per platform and origin (and clock) in a process", () => {
    const clock = new FakeClock();
    const a = sharedLimiter("ocp", "http://h:1", { clock });
    expect(sharedLimiter("ocp", "http://h:1", { clock })).toBe(a);
    expect(sharedLimiter("oceanbase-cloud", "http://h:1", { clock })).not.toBe(a);
    expect(sharedLimiter("ocp", "http://h:2", { clock })).not.toBe(a);
    expect(sharedLimiter("ocp", "http://h:1", { clock: new FakeClock() })).not.toBe(a);
  });
});

describe("the limiter against a gateway's token bucket (20 a second, 20 at once)", () => {
  it("300 requests at once: all answered at about the gateway's rate, with a few dozen 429s at most", async () => {
    const clock = new FakeClock();
    const l = new AdaptiveLimiter({ clock });
    const gateway = new TokenBucket(20, 20, clock.now());
    let refused = 0;
    const one = async (): Promise<void> => {
      for (;;) {
        const waited = await l.acquire();
        if (gateway.take(clock.now()) === 0) return l.succeeded(waited);
        refused++;
        l.throttled();
        await clock.sleep(1000); // Retry-After: 1
      }
    };
    let done = 0;
    const all = Array.from({ length: 300 }, () => one().then(() => done++));
    const start = clock.now();
    while (done < 300 && clock.now() - start < 60_000) {
      await settle();
      clock.advance(10);
    }
    await Promise.all(all);
    const seconds = (clock.now() - start) / 1000;
    // The floor: 20 at once, then 280 at 20 a second = 14 s.
    expect(seconds).toBeGreaterThanOrEqual(14);
    expect(seconds).toBeLessThan(14 * 1.1);
    expect(refused).toBeLessThan(40);
  });
});

describe("a Transport paced by a limiter", () => {
  let server: Server;
  let url: string;
  let hits = 0;

  beforeAll(async () => {
    // Throttles the first request, answers the others.
    server = createServer((_req, res) => {
      hits++;
      res.writeHead(hits === 1 ? 429 : 200, { "content-type": "application/json", ...(hits === 1 ? { "retry-after": "1" } : {}) });
      res.end("{}");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("takes a token for every request on the wire and tells the limiter about each 429", async () => {
    const clock = new FakeClock({ auto: true });
    const limiter = new AdaptiveLimiter({ clock, initialPerSecond: 3 });
    const t = new Transport({
      platform: "ocp",
      baseUrl: url,
      auth: { authenticate: (req, send) => send(req) },
      mapError: (res, operation) => new ApiError(`${operation}: HTTP ${res.status}`, { platform: "ocp", httpStatus: res.status }),
      clock,
      limiter,
    });
    try {
      await t.request({ operation: "t.get", method: "GET", path: "x" });
      expect(limiter.stats()).toMatchObject({ throttled: 1, cuts: 1 });
      expect(clock.sleeps).toEqual([1000]);
      // 3 a second at most: a fourth and fifth request wait for tokens.
      await Promise.all([1, 2, 3, 4].map(() => t.request({ operation: "t.get", method: "GET", path: "x" })));
      expect(hits).toBe(6);
      expect(clock.sleeps.length).toBeGreaterThan(1);
    } finally {
      await t.close();
    }
  });
});
