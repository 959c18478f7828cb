// BackupStrategy's check and canonical form, as plain functions (no request can be sent: there is no client).
import { checkArgs, parseArgs } from "../../../provider/backup-strategy/args";
import { propertyPath } from "../../../provider/check-failures";
import { UNKNOWN } from "../../../provider/common-args";
import { diffStrategy } from "../../../provider/backup-strategy/diff";
import { canonicalOffsetTime } from "../../../provider/backup-strategy/normalise";
import { badInputs, edited, ossProgram, OSS_SECRET, seedProgram } from "./support";

describe("BackupStrategy canonical form", () => {
  test.each([
    ["02:00:00.000+08:00", "02:00:00.000+08:00"],
    ["02:00+08:00", "02:00:00.000+08:00"],
    ["02:00:00+08:00", "02:00:00.000+08:00"],
    ["02:00:00.5+08:00", "02:00:00.500+08:00"],
    ["02:00:00.000001-05:30", "02:00:00.000001-05:30"],
    ["23:59:59.123456789Z", "23:59:59.123456789Z"],
    ["01:30Z", "01:30:00.000Z"],
    ["01:30+00:00", "01:30:00.000Z"],
    ["01:30:00-00:00", "01:30:00.000Z"],
  ])("OffsetTime %s is %s", (input, canonical) => {
    expect(canonicalOffsetTime(input)).toBe(canonical);
  });

  test.each(["02:00:00+0800", "2:00+08:00", "24:00+08:00", "02:60+08:00", "02:00:00", "02:00+19:00", "02:00+08:60"])(
    "%s is not an OffsetTime and is left for the rules to refuse",
    (input) => {
      expect(canonicalOffsetTime(input)).toBe(input);
    },
  );

  test("defaults made explicit, ids as numbers, day keys as numbers, null as absent", () => {
    const r = checkArgs(
      ossProgram({
        clusterId: "1000005",
        tenantId: null,
        obSecondaryBackupConfig: null,
        obBackupScheduleConfig: {
          backupScheduleMode: "WEEK",
          backupScheduleTime: "02:00+08:00",
          dayAndDataBackupModelMap: { "02": "FULL_BACKUP", 4: "FULL_BACKUP" },
          startLogBackup: true,
          cleanScheduleTime: null,
        },
      }),
    );
    expect(r.failures).toEqual([]);
    expect(r.inputs).toMatchObject({
      clusterId: 1000005,
      waitForCompletion: true,
      timeoutMinutes: 30,
      secondaryBackupEnabled: false,
      obBackupScheduleConfig: {
        backupScheduleEnabled: true,
        cleanEnabled: false,
        backupScheduleTime: "02:00:00.000+08:00",
        dayAndDataBackupModelMap: { "2": "FULL_BACKUP", "4": "FULL_BACKUP" },
      },
    });
    expect(r.inputs).not.toHaveProperty("tenantId");
    expect(r.inputs).not.toHaveProperty("obSecondaryBackupConfig");
    expect(r.inputs).not.toHaveProperty("obBackupScheduleConfig.cleanScheduleTime");
  });

  test("check is idempotent: its output checks to itself", () => {
    for (const p of [ossProgram(), seedProgram({ tenantId: 1002, timeoutMinutes: 0.5, waitForCompletion: false })]) {
      const once = checkArgs(p);
      expect(once.failures).toEqual([]);
      expect(checkArgs(once.inputs)).toEqual(once);
    }
  });

  test("parseArgs gives the target, the body and the waiting settings", () => {
    const a = parseArgs(checkArgs(seedProgram({ tenantId: "1002", timeoutMinutes: 2 })).inputs);
    expect(a.target).toEqual({ clusterId: 1000005, tenantId: 1002 });
    expect(a.timeoutMinutes).toBe(2);
    expect(a.waitForCompletion).toBe(true);
    expect(Object.keys(a.body).sort()).toEqual(
      ["backupMode", "obBackupScheduleConfig", "obBackupServiceStorageConfig", "obBackupThresholdConfig", "obSecondaryBackupConfig", "secondaryBackupEnabled"],
    );
  });

  test("property paths use Pulumi's syntax", () => {
    expect(propertyPath(["a", "b", 0, "c"])).toBe("a.b[0].c");
    expect(propertyPath(["obBackupScheduleConfig", "dayAndDataBackupModelMap", "9"])).toBe('obBackupScheduleConfig.dayAndDataBackupModelMap["9"]');
  });
});

describe("BackupStrategy check failures", () => {
  const cases = badInputs();

  test.each(cases)("%s", (_name, program, property, reason) => {
    const r = checkArgs(program);
    expect(r.failures).toContainEqual({ property, reason: expect.stringMatching(reason) });
    expect(r.inputs).toBe(program); // the raw news come back with failures
  });

  test("every broken rule is reported, not only the first", () => {
    const r = checkArgs(ossProgram({ clusterId: -1, timeoutMinutes: 5000, backupMode: "X" }));
    expect(r.failures.map((f) => f.property).sort()).toEqual(["backupMode", "clusterId", "timeoutMinutes"]);
  });

  test("a value not known yet (preview) is not refused", () => {
    const r = checkArgs(ossProgram({ clusterId: UNKNOWN, obBackupServiceStorageConfig: UNKNOWN }));
    expect(r.failures).toEqual([]);
  });

  test("no failure message carries the storage secret", () => {
    const bad = edited(ossProgram(), (p) => (p.obBackupServiceStorageConfig.obBackupStorageBaseInfo.ossAccessKey.extra = OSS_SECRET));
    const r = checkArgs(bad);
    expect(r.failures).toContainEqual({ property: "obBackupServiceStorageConfig.obBackupStorageBaseInfo.ossAccessKey.extra", reason: "is not a known property" });
    expect(JSON.stringify(r.failures)).not.toContain(OSS_SECRET);
  });
});

describe("BackupStrategy diff", () => {
  const stored = { ...checkArgs(ossProgram()).inputs, strategyId: 1, taskIds: [3000041], taskStatus: "SUCCESSFUL", updateTime: "x" };

  test("the same program, written differently, is no change", () => {
    const news = checkArgs(
      edited(ossProgram({ clusterId: "1000005", secondaryBackupEnabled: false }), (p) => {
        p.obBackupScheduleConfig.backupScheduleTime = "02:00+08:00";
        p.obBackupScheduleConfig.dayAndDataBackupModelMap = { 6: "INCREMENTAL_BACKUP", 4: "FULL_BACKUP", "02": "FULL_BACKUP" };
        p.obBackupScheduleConfig.backupScheduleEnabled = true;
      }),
    ).inputs;
    expect(diffStrategy(stored, news)).toEqual({ changes: false, replaces: [], diffs: [] });
  });

  test("target changes replace; settings change in place", () => {
    expect(diffStrategy(stored, checkArgs(ossProgram({ clusterId: 1000006 })).inputs)).toEqual({ changes: true, replaces: ["clusterId"], diffs: ["clusterId"] });
    expect(diffStrategy(stored, checkArgs(ossProgram({ tenantId: 1002 })).inputs)).toMatchObject({ replaces: ["tenantId"] });
    const d = diffStrategy(stored, checkArgs(edited(ossProgram(), (p) => (p.obBackupScheduleConfig.backupScheduleTime = "03:00:00Z"))).inputs);
    expect(d).toEqual({ changes: true, replaces: [], diffs: ["obBackupScheduleConfig"] });
  });

  test("waiting settings are an in-place change, compared only when the state has them", () => {
    expect(diffStrategy(stored, checkArgs(ossProgram({ timeoutMinutes: 5 })).inputs)).toEqual({ changes: true, replaces: [], diffs: ["timeoutMinutes"] });
    const imported = { ...stored };
    delete (imported as Record<string, unknown>)["timeoutMinutes"];
    expect(diffStrategy(imported, checkArgs(ossProgram({ timeoutMinutes: 5 })).inputs).changes).toBe(false);
  });

  test("a secret counts only when both sides hold one", () => {
    const changedSecret = checkArgs(
      edited(ossProgram(), (p) => (p.obBackupServiceStorageConfig.obBackupStorageBaseInfo.ossAccessKey.accessKeySecret = "rotated")),
    ).inputs;
    expect(diffStrategy(stored, changedSecret)).toMatchObject({ changes: true, diffs: ["obBackupServiceStorageConfig"] });
    const withoutSecret = edited(stored, (p) => delete p.obBackupServiceStorageConfig.obBackupStorageBaseInfo.ossAccessKey.accessKeySecret);
    expect(diffStrategy(withoutSecret, changedSecret).changes).toBe(false);
  });

  test("a last change whose task FAILED is a change", () => {
    expect(diffStrategy({ ...stored, taskStatus: "FAILED" }, checkArgs(ossProgram()).inputs)).toEqual({ changes: true, replaces: [], diffs: ["taskStatus"] });
  });
});
