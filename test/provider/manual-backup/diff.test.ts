// ManualBackup's diff rules and id format, as plain functions (the host forwards only changes, replaces and
// deleteBeforeReplace, so the diffs list and the corner cases are asserted here).
import { diffManualBackup } from "../../../provider/manual-backup/diff";
import { manualBackupId, parseManualBackupId } from "../../../provider/manual-backup/id";
import { isoUtc, toBytes } from "../../../provider/manual-backup/outputs";

const obInputs = {
  platform: "oceanbase-cloud",
  instanceId: "obcluster-demo",
  tenantId: "t-demo",
  backupObjectType: "table",
  databaseTables: [{ database: "shop", tables: ["orders", "items"] }],
  waitForCompletion: true,
  timeoutMinutes: 60,
};
const obState = { ...obInputs, backupId: "bak-1", backupSetId: "bak-1", status: "DONE", sizeBytes: 1, checkpoint: "2026-01-13T05:58:34Z" };
const hwInputs = {
  platform: "huawei-taurusdb",
  instanceId: "d8e6ca5a624745bcb546a227aa3ae1cfin01",
  name: "before-migration",
  description: "taken by pulumi",
  waitForCompletion: true,
  timeoutMinutes: 60,
};
const hwState = { ...hwInputs, backupId: "b-1", status: "COMPLETED", sizeBytes: 1 };
/** What read() from the id alone gives: nothing the platform cannot tell. */
const importedOb = { platform: "oceanbase-cloud", instanceId: "obcluster-demo", tenantId: "t-demo", backupObjectType: "table", backupId: "bak-1", status: "DONE" };

describe("ManualBackup diff", () => {
  it("an unchanged program is no change", () => {
    expect(diffManualBackup(obState, obInputs)).toEqual({ changes: false, replaces: [], diffs: [] });
    expect(diffManualBackup(hwState, hwInputs)).toEqual({ changes: false, replaces: [], diffs: [] });
  });

  it("lists the wait arguments as in-place diffs, never as replacements", () => {
    expect(diffManualBackup(obState, { ...obInputs, waitForCompletion: false, timeoutMinutes: 1 })).toEqual({
      changes: true,
      replaces: [],
      diffs: ["waitForCompletion", "timeoutMinutes"],
    });
  });

  it("replaces on every argument that chooses the backup, and lists them all", () => {
    const d = diffManualBackup(obState, { ...obInputs, tenantId: "t-report", databaseTables: [{ database: "crm", tables: ["leads"] }], timeoutMinutes: 5 });
    expect(d).toEqual({ changes: true, replaces: ["tenantId", "databaseTables"], diffs: ["tenantId", "databaseTables", "timeoutMinutes"] });
  });

  it("databaseTables ignore order; an empty description is none; an absent backupObjectType is tenant", () => {
    const reordered = [{ database: "crm" }, { database: "shop" }];
    const dbState = { ...obState, backupObjectType: "database", databaseTables: [{ database: "shop" }, { database: "crm" }] };
    expect(diffManualBackup(dbState, { ...obInputs, backupObjectType: "database", databaseTables: reordered }).changes).toBe(false);
    expect(diffManualBackup({ ...hwState, description: "" }, { ...hwInputs, description: undefined }).changes).toBe(false);
    const tenantState = { ...obState, backupObjectType: "tenant", databaseTables: undefined };
    expect(diffManualBackup({ ...tenantState, backupObjectType: undefined }, { ...obInputs, backupObjectType: "tenant", databaseTables: undefined }).changes).toBe(false);
  });

  it("an imported state does not know databaseTables, needPreCheck or the wait arguments: they compare equal", () => {
    expect(diffManualBackup(importedOb, obInputs)).toEqual({ changes: false, replaces: [], diffs: [] });
    const importedTenant = { ...importedOb, backupObjectType: "tenant" };
    expect(diffManualBackup(importedTenant, { ...obInputs, backupObjectType: "tenant", databaseTables: undefined, needPreCheck: true }).changes).toBe(false);
    // What the platform does report still counts.
    expect(diffManualBackup(importedOb, { ...obInputs, tenantId: "t-report" }).replaces).toEqual(["tenantId"]);
  });

  it("a created state without needPreCheck replaces when the program adds it", () => {
    const tenantState = { ...obState, backupObjectType: "tenant", databaseTables: undefined };
    const d = diffManualBackup(tenantState, { ...obInputs, backupObjectType: "tenant", databaseTables: undefined, needPreCheck: true });
    expect(d.replaces).toEqual(["needPreCheck"]);
  });

  it.each(["FAILED", "CANCELED"])("a backup that ended %s is replaced even when the program is unchanged", (status) => {
    expect(diffManualBackup({ ...obState, status }, obInputs)).toEqual({ changes: true, replaces: ["status"], diffs: ["status"] });
  });

  it("deletes first only a FAILED TaurusDB backup whose replacement keeps name and instance; a good backup never", () => {
    expect(diffManualBackup({ ...hwState, status: "FAILED" }, hwInputs).deleteBeforeReplace).toBe(true);
    expect(diffManualBackup({ ...hwState, status: "FAILED" }, { ...hwInputs, name: "other-name" }).deleteBeforeReplace).toBeUndefined();
    expect(diffManualBackup(hwState, { ...hwInputs, description: "x" }).deleteBeforeReplace).toBeUndefined();
    expect(diffManualBackup(hwState, { ...hwInputs, name: "other-name" }).deleteBeforeReplace).toBeUndefined();
    expect(diffManualBackup(hwState, { ...hwInputs, instanceId: "5f1e3c9b2a7d4e6f8b0c1d2e3f4a5b6cin07" }).deleteBeforeReplace).toBeUndefined();
    expect(diffManualBackup(hwState, { ...hwInputs, timeoutMinutes: 1 }).deleteBeforeReplace).toBeUndefined();
    expect(diffManualBackup(obState, { ...obInputs, tenantId: "t-report" }).deleteBeforeReplace).toBeUndefined();
  });

  it("a platform change replaces without deleting first", () => {
    const d = diffManualBackup(hwState, obInputs);
    expect(d.replaces).toEqual(expect.arrayContaining(["platform", "instanceId", "tenantId", "name", "description"]));
    expect(d.deleteBeforeReplace).toBeUndefined();
  });
});

describe("ManualBackup ids and output units", () => {
  it("round-trips every id form and refuses others, saying what an id looks like", () => {
    const ob = { platform: "oceanbase-cloud", instanceId: "obcluster-demo", backupId: "bak-1" } as const;
    const hw = { platform: "huawei-taurusdb", projectId: "0483b6b16e954cb88930a360d2c4e663", backupId: "2f4ddb93-b901" } as const;
    const ocpCluster = { platform: "ocp", clusterId: 1000005, backupId: "3000041" } as const;
    const ocpTenant = { platform: "ocp", clusterId: 1000005, tenantId: 1002, backupId: "3000042" } as const;
    expect(manualBackupId(ob)).toBe("oceanbase-cloud/obcluster-demo/bak-1");
    expect(manualBackupId(ocpCluster)).toBe("ocp/1000005/tasks/3000041");
    expect(manualBackupId(ocpTenant)).toBe("ocp/1000005/tenants/1002/tasks/3000042");
    for (const ref of [ob, hw, ocpCluster, ocpTenant]) expect(parseManualBackupId(manualBackupId(ref))).toEqual(ref);
    const bads = ["obcluster-demo/bak-1", "aws/x/y", "oceanbase-cloud/a/b/c", "huawei-taurusdb//b", "oceanbase-cloud/a/..", "ocp/1000005/3000041", "ocp/0/tasks/1", "ocp/1/tenants/x/tasks/2", "ocp/1/tasks/02"];
    for (const bad of bads) {
      expect(() => parseManualBackupId(bad)).toThrow(/a ManualBackup id is oceanbase-cloud\/\{instanceId\}\/\{backupId\}, huawei-taurusdb\/\{projectId\}\/\{backupId\}, ocp\/\{clusterId\}\/tasks\/\{taskId\} or ocp\/\{clusterId\}\/tenants/);
    }
  });

  it("converts GiB and MB to bytes (binary units, rounded) and TaurusDB times to ISO-8601 UTC", () => {
    expect(toBytes(0.04, "GiB")).toBe(42949673);
    expect(toBytes(2048, "MB")).toBe(2147483648);
    expect(toBytes(null, "GiB")).toBeUndefined();
    expect(isoUtc("2020-07-07T01:17:05+0800")).toBe("2020-07-06T17:17:05Z");
    expect(isoUtc("not a time")).toBe("not a time");
    expect(isoUtc(undefined)).toBeUndefined();
  });
});
