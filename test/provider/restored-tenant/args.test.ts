// RestoredTenant's check rules and normalisation as plain functions (the host tests repeat the failures end to end):
// defaults, the canonical restoreTime, every failure reported at once with its path, preview's unknown values.
import { canonicalRestoreTime, checkArgs } from "../../../provider/restored-tenant/args";
import { UNKNOWN } from "../../../provider/common-args";
import { parseRestoredTenantId } from "../../../provider/restored-tenant/id";
import { latestPoint, resolveRestorePoint } from "../../../provider/restored-tenant/windows";
import { drillRestore } from "../../support/restore-drill-fixture";

const program = drillRestore();

describe("RestoredTenant arguments", () => {
  test("defaults are applied and nothing else is added", () => {
    expect(checkArgs(program)).toEqual({
      failures: [],
      inputs: { ...program, restoreMode: "from_backup_set", restoreObjectType: "tenant", fromRemote: false, waitForCompletion: true, timeoutMinutes: 120 },
    });
  });

  test("restoreTime: zero fractions are the same instant, written the API's way; a real fraction is refused", () => {
    expect(canonicalRestoreTime("2026-01-13T05:58:34.000Z")).toBe("2026-01-13T05:58:34Z");
    expect(canonicalRestoreTime("2026-01-13T05:58:34.0Z")).toBe("2026-01-13T05:58:34Z");
    expect(checkArgs({ ...program, restoreTime: "2026-01-13T05:58:34.000Z" }).inputs.restoreTime).toBe("2026-01-13T05:58:34Z");
    expect(checkArgs({ ...program, restoreTime: "2026-01-13T05:58:34.500Z" }).failures).toEqual([
      { property: "restoreTime", reason: "must be whole seconds: the API restores to a second (like 2026-01-13T05:58:34Z)" },
    ]);
    expect(checkArgs({ ...program, restoreTime: "2026-02-30T00:00:00Z" }).failures).toEqual([{ property: "restoreTime", reason: "is not a real calendar time" }]);
  });

  test('restoreTime "latest" is kept as is; a literal time after the given now is refused, naming the clock', () => {
    const now = Date.parse("2026-01-13T05:58:34Z");
    expect(checkArgs({ ...program, restoreTime: "latest" }, now)).toMatchObject({ failures: [], inputs: { restoreTime: "latest" } });
    expect(checkArgs({ ...program, restoreTime: "2026-01-13T05:58:34Z" }, now).failures).toEqual([]);
    expect(checkArgs({ ...program, restoreTime: "2026-01-13T05:58:35Z" }, now).failures).toEqual([
      {
        property: "restoreTime",
        reason: '2026-01-13T05:58:35Z is in the future (this machine\'s clock says 2026-01-13T05:58:34Z): choose a point that has passed, or "latest"',
      },
    ]);
    // Without a clock (create and update re-reading checked inputs) the time is not judged again.
    expect(checkArgs({ ...program, restoreTime: "2026-01-13T05:58:35Z" }).failures).toEqual([]);
    expect(checkArgs({ ...program, restoreTime: "Latest" }, now).failures).toEqual([
      { property: "restoreTime", reason: 'must be "latest" or an ISO-8601 UTC time like 2026-01-13T05:58:34Z' },
    ]);
  });

  test("an empty restoreObjects is the same as none; a non-empty one is kept", () => {
    expect("restoreObjects" in checkArgs({ ...program, restoreObjects: [] }).inputs).toBe(false);
    expect(checkArgs({ ...program, restoreObjects: [{ database: "shop" }] }).inputs.restoreObjects).toEqual([{ database: "shop" }]);
  });

  test("every broken rule is reported at once, each with its property path, and the raw inputs are kept", () => {
    const news = {
      ...program,
      targetTenantName: "sys",
      tenantResource: { cpu: 0, memory: 4, unitNum: 1, unitnum: 1 },
      restoreMode: "physical",
      timeoutMinutes: 0,
      tenantResources: {},
    };
    const r = checkArgs(news);
    expect(r.inputs).toBe(news);
    expect(r.failures).toEqual([
      { property: "tenantResources", reason: expect.stringContaining("is not a RestoredTenant argument") },
      { property: "targetTenantName", reason: "must not be 'sys'" },
      { property: "tenantResource.unitnum", reason: "give the unit count once: unitNum or unitnum (the API page spells it both ways), not both" },
      { property: "tenantResource.cpu", reason: "must be a positive integer" },
      { property: "restoreMode", reason: "must be 'from_backup_set'" },
      { property: "timeoutMinutes", reason: "must be a positive number of minutes, at most 1440 (default 120)" },
    ]);
  });

  test("values not known yet (preview) pass unchecked; the known ones are still checked", () => {
    const r = checkArgs({ ...program, targetInstanceId: UNKNOWN, tenantResource: { cpu: UNKNOWN, memory: 4, unitNum: 1 }, restoreTime: UNKNOWN });
    expect(r.failures).toEqual([]);
    expect(r.inputs).toMatchObject({ targetInstanceId: UNKNOWN, tenantResource: { cpu: UNKNOWN, memory: 4, unitNum: 1 }, restoreTime: UNKNOWN });
    expect(checkArgs({ ...program, targetInstanceId: UNKNOWN, sourceTenantId: "a/b" }).failures.map((f) => f.property)).toEqual(["sourceTenantId"]);
  });

  test("the id is {targetInstanceId}/{tenantId} and nothing else", () => {
    expect(parseRestoredTenantId("obcluster-drill/t123")).toEqual({ instanceId: "obcluster-drill", tenantId: "t123" });
    for (const bad of ["obcluster-drill", "a/b/c", "/t1", "a/", "a/.."]) {
      expect(() => parseRestoredTenantId(bad)).toThrow(/a RestoredTenant id is "\{targetInstanceId\}\/\{tenantId\}"/);
    }
  });

  test("the window check holds both bounds, names the nearest windows when outside, and resolves latest", () => {
    const restorable = [
      {
        tenantId: "t-demo",
        tenantName: "demo",
        timeIntervalList: [
          { startTime: "2026-01-01T00:00:00Z", endTime: "2026-01-03T00:00:00Z" },
          { startTime: "2026-01-05T00:00:00Z", endTime: "2026-01-06T00:00:00Z" },
        ],
      },
    ];
    const source = { instanceId: "obcluster-demo", tenantId: "t-demo" };
    expect(resolveRestorePoint(restorable, source, "2026-01-01T00:00:00Z")).toEqual({ ok: true, point: "2026-01-01T00:00:00Z" });
    expect(resolveRestorePoint(restorable, source, "2026-01-06T00:00:00Z")).toEqual({ ok: true, point: "2026-01-06T00:00:00Z" });
    expect(resolveRestorePoint(restorable, source, "latest")).toEqual({ ok: true, point: "2026-01-06T00:00:00Z" });
    expect(resolveRestorePoint(restorable, source, "2026-01-04T12:00:00Z")).toEqual({
      ok: false,
      message:
        "restoreTime 2026-01-04T12:00:00Z is outside every restorable window of tenant t-demo of obcluster-demo; the nearest: " +
        '2026-01-05T00:00:00Z to 2026-01-06T00:00:00Z, 2026-01-01T00:00:00Z to 2026-01-03T00:00:00Z. Choose a restoreTime inside one of them, or "latest"',
    });
    for (const time of ["2026-01-01T00:00:00Z", "latest"]) {
      const other = resolveRestorePoint(restorable, { ...source, tenantId: "t-other" }, time);
      expect(other.ok ? "" : other.message).toContain("has no restorable window");
    }
  });

  test("a refusal names at most the three nearest windows and counts the rest; latest is the last end, in whole seconds", () => {
    const day = (d: number): string => `2026-01-${String(d).padStart(2, "0")}T00:00:00Z`;
    const list = [1, 3, 5, 7, 9].map((d) => ({ startTime: day(d), endTime: day(d + 1) }));
    const verdict = resolveRestorePoint([{ tenantId: "t", tenantName: "n", timeIntervalList: list }], { instanceId: "i", tenantId: "t" }, day(8).replace("T00", "T18"));
    expect(verdict.ok ? "" : verdict.message).toContain(`the nearest: ${day(9)} to ${day(10)}, ${day(7)} to ${day(8)}, ${day(5)} to ${day(6)} (and 2 more).`);
    expect(latestPoint(list)).toBe(day(10));
    expect(latestPoint([{ startTime: "2026-01-01T00:00:00Z", endTime: "2026-01-02T00:00:00.750Z" }])).toBe("2026-01-02T00:00:00Z");
    expect(latestPoint([])).toBeUndefined();
  });
});
