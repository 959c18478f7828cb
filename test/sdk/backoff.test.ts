import { fullJitterDelay, parseRetryAfter } from "../../sdk/transport/backoff";

describe("fullJitterDelay", () => {
  it("draws from [0, base * 2^attempt) and floors", () => {
    expect([0, 1, 2, 3].map((n) => fullJitterDelay(n, 100, 10_000, () => 0.5))).toEqual([50, 100, 200, 400]);
    expect(fullJitterDelay(2, 100, 10_000, () => 0.999)).toBe(399);
    expect(fullJitterDelay(5, 100, 10_000, () => 0)).toBe(0);
  });

  it("caps the ceiling at capMs, even for huge attempt numbers", () => {
    expect(fullJitterDelay(10, 100, 1000, () => 0.5)).toBe(500);
    expect(fullJitterDelay(5000, 100, 1000, () => 0.5)).toBe(500);
  });

  it("treats a negative attempt as the first", () => {
    expect(fullJitterDelay(-3, 100, 1000, () => 0.5)).toBe(50);
  });

  it("calls random once per delay", () => {
    const random = jest.fn(() => 0.25);
    expect(fullJitterDelay(1, 1000, 60_000, random)).toBe(500);
    expect(random).toHaveBeenCalledTimes(1);
  });
});

describe("parseRetryAfter", () => {
  const now = Date.UTC(2026, 0, 13, 5, 0, 0);

  it("reads delay-seconds", () => {
    expect(parseRetryAfter("3", now)).toBe(3000);
    expect(parseRetryAfter(" 120 ", now)).toBe(120_000);
    expect(parseRetryAfter("0", now)).toBe(0);
  });

  it("reads an IMF-fixdate relative to now", () => {
    expect(parseRetryAfter("Tue, 13 Jan 2026 05:00:07 GMT", now)).toBe(7000);
  });

  it("reads the obsolete RFC 850 and asctime forms as GMT", () => {
    expect(parseRetryAfter("Tuesday, 13-Jan-26 05:00:02 GMT", now)).toBe(2000);
    expect(parseRetryAfter("Tue Jan 13 05:00:09 2026", now)).toBe(9000);
    expect(parseRetryAfter("Tue Jan  3 05:00:00 2026", Date.UTC(2026, 0, 3, 4, 59, 59))).toBe(1000);
  });

  it("turns a date in the past into 0", () => {
    expect(parseRetryAfter("Tue, 13 Jan 2026 04:00:00 GMT", now)).toBe(0);
  });

  it.each([[undefined], [""], ["soon"], ["3.5"], ["-1"], ["1e3"], ["2026-01-13T05:00:07Z"], ["13 Jan 2026"]])(
    "returns undefined for %p",
    (value) => {
      expect(parseRetryAfter(value, now)).toBeUndefined();
    },
  );
});
