// emulator/core/backup-time.ts: a backup lasts a fixed part plus a part per GB varied by ±10% per backup, fixed by
// its id; without a per-GB part, exactly the fixed part.
import { backupLengthMs, unitFromId } from "../../emulator/core/backup-time";

describe("backupLengthMs", () => {
  it("is the fixed part alone when nothing depends on size", () => {
    expect(backupLengthMs(3_000, 0, 50, "a")).toBe(3_000);
    expect(backupLengthMs(3_000, 60_000, 0, "a")).toBe(3_000);
  });

  it("grows with the size, varies within ±10% of the sized part from one id to the next, and is stable per id", () => {
    const lengths = Array.from({ length: 200 }, (_, i) => backupLengthMs(1_000, 60_000, 10, `bak-${i}`));
    const sized = lengths.map((l) => (l - 1_000) / 600_000);
    expect(Math.min(...sized)).toBeGreaterThanOrEqual(0.9);
    expect(Math.max(...sized)).toBeLessThanOrEqual(1.1);
    // Spread over the range, not stuck at one value.
    expect(Math.max(...sized) - Math.min(...sized)).toBeGreaterThan(0.15);
    expect(backupLengthMs(1_000, 60_000, 10, "bak-7")).toBe(lengths[7]);
    expect(backupLengthMs(1_000, 60_000, 20, "bak-7")).toBeGreaterThan(backupLengthMs(1_000, 60_000, 10, "bak-7"));
  });

  it("spreads ids that differ only in their last character (consecutive task ids)", () => {
    const units = Array.from({ length: 10 }, (_, i) => unitFromId(`ocp-task-300020${i}`));
    const gaps = units.slice(1).map((u, i) => Math.abs(u - (units[i] as number)));
    expect(gaps.filter((g) => g > 0.1).length).toBeGreaterThan(5);
  });

  it("unitFromId is in [0, 1)", () => {
    for (const id of ["", "x", "bak-0", "ocp-task-3000041"]) {
      const u = unitFromId(id);
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
    }
  });
});
