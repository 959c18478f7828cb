// sdk/wait.ts: one deadline type and one waitFor, whose status lines come when the status changes and, while it
// stays the same, never more than a heartbeat (30 s) apart, without a line at every check.
import { DeadlineExceededError } from "../../sdk/errors";
import { Deadline, StopWaiting, waitFor, type StatusReport } from "../../sdk/wait";
import { FakeClock } from "../support/fake-clock";

describe("Deadline", () => {
  it("is fixed at start, counts down on its clock, and nests", async () => {
    const clock = new FakeClock({ auto: true });
    const d = Deadline.after(2, clock);
    expect(d.remainingMs()).toBe(120_000);
    await clock.sleep(90_000);
    expect([d.remainingMs(), d.elapsed()]).toEqual([30_000, "1m 30s"]);
    expect(d.within(5).remainingMs()).toBe(30_000);
    expect(d.within(0.25).remainingMs()).toBe(15_000);
  });
});

describe("waitFor", () => {
  it("reports each new status, then a heartbeat at most every 30 s, and ends at the deadline", async () => {
    const clock = new FakeClock({ auto: true });
    const start = clock.now();
    const reports: (StatusReport & { at: number })[] = [];
    let checks = 0;
    const statuses = ["BEGINNING", "BEGINNING", "DOING"];
    const wait = waitFor(
      async () => ({ done: false, status: statuses[Math.min(checks++, statuses.length - 1)] as string }),
      { description: "backup set bak-1", deadline: Deadline.after(10, clock), clock, random: () => 0.5, onStatus: (r) => reports.push({ ...r, at: clock.now() - start }) },
    );
    await expect(wait).rejects.toBeInstanceOf(DeadlineExceededError);
    expect(reports.filter((r) => r.changed).map((r) => r.status)).toEqual(["BEGINNING", "DOING"]);
    const gaps = reports.slice(1).map((r, i) => r.at - (reports[i] as { at: number }).at);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(30_000);
    // Fewer lines than checks: the early, quick checks of an unchanged status say nothing.
    expect(reports.length).toBeLessThan(checks);
    expect(reports.at(-1)?.at).toBeGreaterThan(9 * 60_000);
  });

  it("ends with the error a check gives through StopWaiting, and with the value when done", async () => {
    const clock = new FakeClock({ auto: true });
    const boom = new Error("gone while waited for");
    await expect(waitFor(async () => { throw new StopWaiting(boom); }, { description: "x", deadline: Deadline.after(1, clock), clock })).rejects.toBe(boom);
    let n = 0;
    await expect(waitFor(async () => (++n < 3 ? { done: false, status: "RUNNING" } : { done: true, value: n }), { description: "x", deadline: Deadline.after(1, clock), clock })).resolves.toBe(3);
  });
});
