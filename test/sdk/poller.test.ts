import {
  AbortedError,
  ApiError,
  DbBackupError,
  DeadlineExceededError,
  ErrorCodes,
  InvalidInputError,
  OperationFailedError,
} from "../../sdk/errors";
import { poll, pollDelay, formatMs, type PollOptions, type PollProgress, type PollStep } from "../../sdk/poller";
import { FakeClock } from "../support/fake-clock";
import { rejection } from "../support/rejection";

type Outcome = PollStep<string> | Error;

/** A check that plays `script` in order (the last entry repeats) and records the virtual time of each call. */
function scripted(clock: FakeClock, script: Outcome[]): { check: () => Promise<PollStep<string>>; at: number[] } {
  const t0 = clock.now();
  const at: number[] = [];
  const check = async (): Promise<PollStep<string>> => {
    const next = script[Math.min(at.length, script.length - 1)];
    at.push(clock.now() - t0);
    if (next === undefined) throw new Error("empty script");
    if (next instanceof Error) throw next;
    return next;
  };
  return { check, at };
}

const doing: PollStep<string> = { done: false, status: "DOING" };
const done: PollStep<string> = { done: true, value: "bak-1" };

/** Advances virtual time from one sleep to the next until the poll settles. */
async function runToEnd<T>(p: Promise<T>, clock: FakeClock): Promise<T> {
  const outcome = p.then(
    () => "settled" as const,
    () => "settled" as const,
  );
  for (;;) {
    const r = await Promise.race([outcome, clock.nextSleep().then(() => "sleeping" as const)]);
    if (r === "settled") return p;
    await clock.advanceToNextSleep();
  }
}

function throttled(): ApiError {
  return new ApiError("huawei.getBackup: HTTP 429 APIG.0308", { httpStatus: 429, retryable: true }, ErrorCodes.THROTTLED);
}

const base = (clock: FakeClock, extra: Partial<PollOptions> = {}): PollOptions => ({
  description: "backup bak-1 of obcluster-demo",
  timeoutMs: 60_000,
  initialDelayMs: 1000,
  multiplier: 2,
  maxDelayMs: 8000,
  jitter: "equal",
  random: () => 0.5,
  clock,
  ...extra,
});

describe("poll: delays", () => {
  it("sleeps nominal/2 + random*nominal/2 (equal jitter), growing by the multiplier up to the cap", async () => {
    const clock = new FakeClock();
    const { check, at } = scripted(clock, [doing, doing, doing, doing, doing, done]);
    await expect(runToEnd(poll(check, base(clock)), clock)).resolves.toBe("bak-1");
    // nominal 1000, 2000, 4000, 8000, 8000 (capped) → 750, 1500, 3000, 6000, 6000
    expect(clock.sleeps).toEqual([750, 1500, 3000, 6000, 6000]);
    expect(at).toEqual([0, 750, 2250, 5250, 11250, 17250]);
    expect(clock.pending).toBe(0);
  });

  it("does not check again before the delay has fully elapsed", async () => {
    const clock = new FakeClock();
    const { check, at } = scripted(clock, [doing, done]);
    const p = poll(check, base(clock));
    await clock.nextSleep();
    await clock.advance(749);
    expect(at).toEqual([0]);
    await clock.advance(1);
    await expect(p).resolves.toBe("bak-1");
    expect(at).toEqual([0, 750]);
  });

  it.each([
    ["full", [500, 1000, 2000, 4000, 4000]],
    ["none", [1000, 2000, 4000, 8000, 8000]],
    ["equal", [750, 1500, 3000, 6000, 6000]],
  ] as const)("jitter %s gives exact delays with a stubbed random", async (jitter, expected) => {
    const clock = new FakeClock();
    const { check } = scripted(clock, [doing, doing, doing, doing, doing, done]);
    await runToEnd(poll(check, base(clock, { jitter })), clock);
    expect(clock.sleeps).toEqual(expected);
  });

  it("draws one random number per sleep and uses its full range", async () => {
    const clock = new FakeClock();
    const draws = [0, 0.999, 0.25];
    const random = jest.fn(() => draws.shift() ?? 0);
    const { check } = scripted(clock, [doing, doing, doing, done]);
    await runToEnd(poll(check, base(clock, { jitter: "full", random })), clock);
    expect(random).toHaveBeenCalledTimes(3);
    expect(clock.sleeps).toEqual([0, 1998, 1000]);
  });

  it("defaults to equal jitter from 2 s growing by 1.5 up to 30 s", async () => {
    const clock = new FakeClock();
    const { check } = scripted(clock, [...Array<Outcome>(12).fill(doing), done]);
    await runToEnd(poll(check, { description: "x", timeoutMs: 3_600_000, clock, random: () => 0 }), clock);
    const nominal = [2000, 3000, 4500, 6750, 10125, 15187.5, 22781.25, 30000, 30000, 30000, 30000, 30000];
    expect(clock.sleeps).toEqual(nominal.map((n) => Math.floor(n / 2)));
  });

  it("justStarted: sleeps the first delay before the first check (an operation just started), then grows as usual", async () => {
    const clock = new FakeClock();
    const { check, at } = scripted(clock, [doing, done]);
    await runToEnd(poll(check, { description: "x", timeoutMs: 60_000, clock, random: () => 0, justStarted: true }), clock);
    expect(at).toEqual([2000, 3000]);
  });

  it("pollDelay exposes the same computation", () => {
    const o = { initialDelayMs: 1000, maxDelayMs: 8000, multiplier: 2, jitter: "equal" as const };
    expect([1, 2, 3, 4, 5].map((n) => pollDelay(n, o, () => 1))).toEqual([1000, 2000, 4000, 8000, 8000]);
  });
});

describe("poll: deadline", () => {
  it("clips the last sleep to the deadline, checks once more there, then throws DeadlineExceededError", async () => {
    const clock = new FakeClock();
    const { check, at } = scripted(clock, [{ done: false, status: "BEGINNING" }, doing]);
    const e = await rejection(runToEnd(poll(check, base(clock, { timeoutMs: 10_000, platform: "ocp", operation: "ocp.waitTask" })), clock));
    // 750, 1500, 3000, then 6000 would end at 11250: clipped to 4750 so the fifth check is at exactly 10000.
    expect(clock.sleeps).toEqual([750, 1500, 3000, 4750]);
    expect(at).toEqual([0, 750, 2250, 5250, 10_000]);
    expect(e).toBeInstanceOf(DeadlineExceededError);
    const d = e as DeadlineExceededError;
    expect(d.code).toBe(ErrorCodes.DEADLINE);
    expect(d.message).toBe("backup bak-1 of obcluster-demo: not done after 10s (5 checks); last status: DOING");
    expect(d.platform).toBe("ocp");
    expect(d.operation).toBe("ocp.waitTask");
    expect(d.retryable).toBe(false);
    expect(d.cause).toBeUndefined();
    expect(clock.pending).toBe(0);
  });

  it("with timeoutMs 0 checks exactly once and never sleeps", async () => {
    const clock = new FakeClock();
    const { check, at } = scripted(clock, [doing]);
    const e = await rejection(poll(check, base(clock, { timeoutMs: 0 })));
    expect(e).toBeInstanceOf(DeadlineExceededError);
    expect((e as Error).message).toBe("backup bak-1 of obcluster-demo: not done after 0ms (1 check); last status: DOING");
    expect(at).toEqual([0]);
    expect(clock.sleeps).toEqual([]);
  });

  it("still returns a value found by the final check at the deadline", async () => {
    const clock = new FakeClock();
    const { check, at } = scripted(clock, [doing, doing, done]);
    await expect(runToEnd(poll(check, base(clock, { timeoutMs: 1000 })), clock)).resolves.toBe("bak-1");
    expect(clock.sleeps).toEqual([750, 250]);
    expect(at).toEqual([0, 750, 1000]);
  });

  it("says when no status was ever reported, and formats long waits in minutes", async () => {
    const clock = new FakeClock({ auto: true });
    const { check } = scripted(clock, [{ done: false }]);
    const e = await rejection(poll(check, { description: "restore of drill_0113", timeoutMs: 200_000, clock, random: () => 0.5 }));
    expect((e as Error).message).toMatch(/^restore of drill_0113: not done after 3m 20s \(\d+ checks\); last status: none reported$/);
  });
});

describe("poll: errors from the check", () => {
  it("stops at once on OperationFailedError and rethrows it unchanged", async () => {
    const clock = new FakeClock();
    const failed = new OperationFailedError("backup bak-1 ended FAILED", { vendorMessage: "disk full" });
    const { check, at } = scripted(clock, [doing, failed, done]);
    const e = await rejection(runToEnd(poll(check, base(clock)), clock));
    expect(e).toBe(failed);
    expect(at).toEqual([0, 750]);
    expect(clock.sleeps).toEqual([750]);
    expect(clock.pending).toBe(0);
  });

  it("stops on OperationFailedError even if it is marked retryable", async () => {
    const clock = new FakeClock();
    const failed = new OperationFailedError("job failed", { retryable: true });
    const { check, at } = scripted(clock, [failed, done]);
    await expect(poll(check, base(clock))).rejects.toBe(failed);
    expect(at).toEqual([0]);
  });

  it.each([
    ["a plain Error", new TypeError("bug in the check")],
    ["a non-retryable DbBackupError", new ApiError("HTTP 404", { httpStatus: 404 }, ErrorCodes.NOT_FOUND)],
  ])("stops at once on %s", async (_name, err) => {
    const clock = new FakeClock();
    const { check, at } = scripted(clock, [err, done]);
    await expect(poll(check, base(clock))).rejects.toBe(err);
    expect(at).toEqual([0]);
    expect(clock.sleeps).toEqual([]);
  });

  it("treats a retryable DbBackupError as not done yet, with its code as the status", async () => {
    const clock = new FakeClock();
    const progress: PollProgress[] = [];
    const { check, at } = scripted(clock, [throttled(), throttled(), done]);
    const p = poll(check, base(clock, { onProgress: (x) => progress.push(x) }));
    await expect(runToEnd(p, clock)).resolves.toBe("bak-1");
    expect(at).toEqual([0, 750, 2250]);
    expect(progress.map((x) => x.status)).toEqual(["DBB_ERR_THROTTLED", "DBB_ERR_THROTTLED"]);
  });

  it("carries the last retryable error as the cause when the deadline passes", async () => {
    const clock = new FakeClock();
    const errors: DbBackupError[] = [];
    const check = async (): Promise<PollStep<string>> => {
      const e = throttled();
      errors.push(e);
      throw e;
    };
    const e = await rejection(runToEnd(poll(check, base(clock, { timeoutMs: 2000 })), clock));
    expect(e).toBeInstanceOf(DeadlineExceededError);
    expect(errors).toHaveLength(3); // at 0, 750, 2000
    expect((e as Error).cause).toBe(errors[2]);
    expect((e as Error).message).toContain("last status: DBB_ERR_THROTTLED");
  });

  it("drops the transient cause once a later check answers normally", async () => {
    const clock = new FakeClock();
    const { check } = scripted(clock, [throttled(), doing]);
    const e = await rejection(runToEnd(poll(check, base(clock, { timeoutMs: 2000 })), clock));
    expect((e as Error).cause).toBeUndefined();
    expect((e as Error).message).toContain("last status: DOING");
  });
});

describe("poll: abort", () => {
  it("rejects with AbortedError in the middle of a sleep, without time passing", async () => {
    const clock = new FakeClock();
    const ac = new AbortController();
    const { check, at } = scripted(clock, [doing]);
    const p = poll(check, base(clock, { signal: ac.signal }));
    await clock.nextSleep();
    expect(clock.pending).toBe(1);
    const t = clock.now();
    ac.abort();
    const e = await rejection(p);
    expect(e).toBeInstanceOf(AbortedError);
    expect((e as AbortedError).code).toBe(ErrorCodes.ABORTED);
    expect((e as Error).message).toBe("backup bak-1 of obcluster-demo: wait aborted after 0ms");
    expect(clock.now()).toBe(t);
    expect(clock.pending).toBe(0);
    expect(at).toEqual([0]);
  });

  it("rejects promptly while a check hangs", async () => {
    const clock = new FakeClock();
    const ac = new AbortController();
    let calls = 0;
    const check = (): Promise<PollStep<string>> => {
      calls++;
      return new Promise(() => undefined);
    };
    const p = poll(check, base(clock, { signal: ac.signal }));
    ac.abort();
    await expect(p).rejects.toBeInstanceOf(AbortedError);
    expect(calls).toBe(1);
  });

  it("never checks when the signal is already aborted", async () => {
    const clock = new FakeClock();
    const { check, at } = scripted(clock, [done]);
    await expect(poll(check, base(clock, { signal: AbortSignal.abort() }))).rejects.toBeInstanceOf(AbortedError);
    expect(at).toEqual([]);
  });
});

describe("poll: progress and options", () => {
  it("reports status, elapsed time, attempt and the coming sleep after every check that is not done", async () => {
    const clock = new FakeClock();
    const onProgress = jest.fn();
    const { check } = scripted(clock, [{ done: false, status: "BEGINNING" }, doing, { done: false }, done]);
    await runToEnd(poll(check, base(clock, { onProgress })), clock);
    expect(onProgress.mock.calls).toEqual([
      [{ status: "BEGINNING", elapsedMs: 0, attempt: 1, nextDelayMs: 750 }],
      [{ status: "DOING", elapsedMs: 750, attempt: 2, nextDelayMs: 1500 }],
      [{ status: "DOING", elapsedMs: 2250, attempt: 3, nextDelayMs: 3000 }], // no status reported: the last one seen stays
    ]);
  });

  it.each([
    [{ timeoutMs: -1 }, "timeoutMs"],
    [{ timeoutMs: Number.NaN }, "timeoutMs"],
    [{ initialDelayMs: Number.POSITIVE_INFINITY }, "initialDelayMs"],
    [{ maxDelayMs: -5 }, "maxDelayMs"],
    [{ multiplier: 0.5 }, "multiplier"],
  ])("refuses %p before checking", async (extra, field) => {
    const clock = new FakeClock();
    const { check, at } = scripted(clock, [done]);
    const e = await rejection(poll(check, base(clock, extra)));
    expect(e).toBeInstanceOf(InvalidInputError);
    expect((e as InvalidInputError).field).toBe(field);
    expect(at).toEqual([]);
  });

  it("formatMs", () => {
    expect([0, 999, 1000, 12_500, 59_999, 60_000, 200_000, 3_599_499, 3_600_000, 3_900_000].map(formatMs)).toEqual([
      "0ms",
      "999ms",
      "1s",
      "12.5s",
      "1m 0s",
      "1m 0s",
      "3m 20s",
      "59m 59s",
      "1h 0m",
      "1h 5m",
    ]);
  });
});

describe("FakeClock", () => {
  it("wakes sleeps in virtual-time order and records every request", async () => {
    const clock = new FakeClock({ start: 0 });
    const woke: string[] = [];
    void clock.sleep(300).then(() => woke.push(`b@${clock.now()}`));
    void clock.sleep(100).then(() => woke.push(`a@${clock.now()}`));
    await clock.advance(200);
    expect(woke).toEqual(["a@100"]);
    expect(clock.now()).toBe(200);
    await clock.advance(100);
    expect(woke).toEqual(["a@100", "b@300"]);
    expect(clock.sleeps).toEqual([300, 100]);
  });

  it("auto mode advances now() by each sleep and resolves at once", async () => {
    const clock = new FakeClock({ start: 5, auto: true });
    await clock.sleep(1000);
    await clock.sleep(-3);
    expect(clock.now()).toBe(1005);
    expect(clock.sleeps).toEqual([1000, -3]);
  });

  it("rejects with AbortedError on abort, before or during the sleep", async () => {
    const clock = new FakeClock();
    await expect(clock.sleep(10, AbortSignal.abort())).rejects.toBeInstanceOf(AbortedError);
    await expect(new FakeClock({ auto: true }).sleep(10, AbortSignal.abort())).rejects.toBeInstanceOf(AbortedError);
    const ac = new AbortController();
    const p = clock.sleep(10, ac.signal);
    ac.abort();
    await expect(p).rejects.toBeInstanceOf(AbortedError);
    expect(clock.pending).toBe(0);
  });
});
