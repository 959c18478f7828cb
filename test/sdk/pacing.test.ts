// sdk/pacing.ts and the paced poll: an operation whose length earlier runs foretell is not looked at before its
// window, is looked at every windowGapMs inside it, and at a growing gap after it; no gap exceeds preWindowMaxMs.
import { DEFAULT_PACING, expectFromHistory, pacedDelay, type Expectation } from "../../sdk/pacing";
import { poll } from "../../sdk/poller";
import { Deadline, waitFor, type StatusReport } from "../../sdk/wait";
import { FakeClock } from "../support/fake-clock";

const HOUR = 3_600_000;

describe("expectFromHistory", () => {
  it("is the mean of the most recent ten runs, within a 95% prediction interval from their standard deviation", () => {
    const e = expectFromHistory([100_000, 110_000, 90_000, 104_000], "backups of x") as Expectation;
    expect(e.durationMs).toBe(101_000);
    // sd of the four: sqrt((1 + 81 + 121 + 9) * 1e6 / 3) = 8406.7 ms; t(3) = 3.18; sqrt(1 + 1/4) = 1.118.
    expect(e.spreadMs).toBeCloseTo(3.18 * 8406.7 * Math.sqrt(1.25), -1);
    expect(e.basis).toBe("from 4 earlier backups of x");
    // Older runs than the tenth most recent do not count.
    expect(expectFromHistory([...Array(10).fill(60_000), 5_000_000], "x")?.durationMs).toBe(60_000);
  });

  it("keeps a window of at least 5% (20% below three runs) and 1 s, and has nothing to say without a run", () => {
    expect(expectFromHistory([60_000, 60_000, 60_000], "x")?.spreadMs).toBe(3_000);
    expect(expectFromHistory([60_000], "x")?.spreadMs).toBe(12_000);
    expect(expectFromHistory([50_000, 70_000], "x")?.spreadMs).toBe(15_000);
    expect(expectFromHistory([2_000, 2_000, 2_000], "x")?.spreadMs).toBe(1_000);
    expect(expectFromHistory([], "x")).toBeUndefined();
    expect(expectFromHistory([0, -5, Number.NaN], "x")).toBeUndefined();
  });
});

describe("pacedDelay", () => {
  const e: Expectation = { durationMs: HOUR, spreadMs: 300_000, basis: "" };
  const mid = (): number => 0.5;

  it("sleeps at most preWindowMaxMs before the window, and straight to the first check when it is nearer", () => {
    expect(pacedDelay(0, e, DEFAULT_PACING, () => 0)).toBe(54_000);
    expect(pacedDelay(0, e, DEFAULT_PACING, () => 0.999)).toBeLessThanOrEqual(60_000);
    // The first check is one gap into the window (lo + 10 s): from 40 s before it, one sleep.
    expect(pacedDelay(HOUR - 300_000 + 10_000 - 40_000, e, DEFAULT_PACING, mid)).toBe(40_000);
  });

  it("checks every windowGapMs inside the window, then at a gap growing with the lateness up to lateMaxMs", () => {
    expect(pacedDelay(HOUR, e, DEFAULT_PACING, mid)).toBe(10_000);
    expect(pacedDelay(HOUR + 300_000 + 40_000, e, DEFAULT_PACING, mid)).toBe(20_000);
    expect(pacedDelay(HOUR + 2 * HOUR, e, DEFAULT_PACING, mid)).toBe(30_000);
  });

  it("checks a window narrower than a gap once, at its end", () => {
    const short: Expectation = { durationMs: 10_000, spreadMs: 1_000, basis: "" };
    expect(pacedDelay(0, short, DEFAULT_PACING, mid)).toBe(11_000);
  });
});

describe("a paced poll", () => {
  it("finds an hour-long operation that ends in its window with far fewer checks than a 30 s poller, soon after it ends", async () => {
    const clock = new FakeClock({ auto: true });
    const start = clock.now();
    const endsAt = start + HOUR + 120_000;
    let checks = 0;
    const expected: Expectation = { durationMs: HOUR, spreadMs: 300_000, basis: "" };
    await poll(
      async () => {
        checks++;
        return clock.now() >= endsAt ? { done: true, value: true } : { done: false, status: "RUNNING" };
      },
      { description: "x", timeoutMs: 3 * HOUR, clock, random: () => 0.5, expected: () => expected },
    );
    const delay = clock.now() - endsAt;
    expect(delay).toBeLessThanOrEqual(10_000);
    // 30 s apart, it would take 125 checks; paced: about 58 before the window (57 s apart on average), then one every
    // 10 s for the 410 s of the window until the end.
    expect(checks).toBeLessThan(105);
    // No check before the first paced sleep: the first sleep came before any check.
    expect(clock.sleeps[0]).toBeGreaterThan(50_000);
  });

  it("counts the expectation from the operation's start (ageMs), and checks at once when it is already late", async () => {
    const clock = new FakeClock({ auto: true });
    let checks = 0;
    const expected: Expectation = { durationMs: 60_000, spreadMs: 5_000, basis: "" };
    const v = await poll(async () => ({ done: ++checks > 0, value: checks }) as { done: true; value: number }, {
      description: "x",
      timeoutMs: HOUR,
      clock,
      expected: () => expected,
      ageMs: 120_000,
    });
    expect([v, clock.sleeps.length]).toEqual([1, 0]);
  });

  it("bounds the delay by preWindowMaxMs when the estimate was far too long", async () => {
    const clock = new FakeClock({ auto: true });
    const endsAt = clock.now() + 5_000;
    const expected: Expectation = { durationMs: HOUR, spreadMs: 60_000, basis: "" };
    await poll(async () => (clock.now() >= endsAt ? { done: true, value: 1 } : { done: false }), {
      description: "x",
      timeoutMs: 2 * HOUR,
      clock,
      random: () => 0.999,
      expected: () => expected,
    });
    expect(clock.now() - endsAt).toBeLessThanOrEqual(60_000 - 5_000);
  });

  it("still gives a status line at least every heartbeat while it sleeps past one, without checking", async () => {
    const clock = new FakeClock({ auto: true });
    const start = clock.now();
    const reports: Array<StatusReport & { at: number }> = [];
    let checks = 0;
    const expected: Expectation = { durationMs: 20 * 60_000, spreadMs: 60_000, basis: "" };
    await waitFor(
      async () => (++checks, clock.now() - start >= 20 * 60_000 ? { done: true, value: 1 } : { done: false, status: "BUILDING" }),
      { description: "x", deadline: Deadline.after(60, clock), clock, random: () => 0.5, expected: () => expected, onStatus: (r) => reports.push({ ...r, at: clock.now() - start }) },
    );
    const gaps = reports.slice(1).map((r, i) => r.at - (reports[i] as { at: number }).at);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(30_000);
    expect(reports.length).toBeGreaterThan(checks);
  });
});
