// RestoredTenant's diff rules as a plain function: what replaces, what is in place, when the old tenant must go first,
// how an imported state compares, and preview's unknown values.
import { UNKNOWN } from "../../../provider/common-args";
import { checkArgs } from "../../../provider/restored-tenant/args";
import { diffRestoredTenant } from "../../../provider/restored-tenant/diff";
import type { Props } from "../../../provider/types";
import { drillRestore } from "../../support/restore-drill-fixture";

const inputs = checkArgs(drillRestore()).inputs;
const outputs: Props = { ...inputs, tenantId: "t1", status: "ONLINE", tenantMode: "MYSQL", createTime: "2026-01-14T00:00:00Z" };

describe("RestoredTenant diff", () => {
  test("the same program, even with keys reordered or restoreTime written with .000Z, has no changes", () => {
    const reordered = Object.fromEntries(Object.entries(inputs).reverse());
    expect(diffRestoredTenant(outputs, { ...reordered, restoreTime: "2026-01-13T05:58:34.000Z", tenantResource: { unitNum: 1, memory: 4, cpu: 1 } })).toEqual({
      changes: false,
      replaces: [],
      diffs: [],
      deleteBeforeReplace: false,
    });
  });

  test("a change that keeps the name and the instance replaces, deleting the old tenant first", () => {
    expect(diffRestoredTenant(outputs, { ...inputs, tenantResource: { cpu: 2, memory: 4, unitNum: 1 } })).toEqual({
      changes: true,
      replaces: ["tenantResource"],
      diffs: ["tenantResource"],
      deleteBeforeReplace: true,
    });
  });

  test("a new name (or instance) lets the new tenant come first", () => {
    expect(diffRestoredTenant(outputs, { ...inputs, targetTenantName: "drill_0114" })).toMatchObject({ replaces: ["targetTenantName"], deleteBeforeReplace: false });
    expect(diffRestoredTenant(outputs, { ...inputs, targetInstanceId: "obcluster-demo" })).toMatchObject({ replaces: ["targetInstanceId"], deleteBeforeReplace: false });
  });

  test("waitForCompletion and timeoutMinutes change in place", () => {
    expect(diffRestoredTenant(outputs, { ...inputs, timeoutMinutes: 30, waitForCompletion: false })).toEqual({
      changes: true,
      replaces: [],
      diffs: ["waitForCompletion", "timeoutMinutes"],
      deleteBeforeReplace: false,
    });
  });

  test("an ABNORMAL tenant is replaced even when nothing else changed", () => {
    expect(diffRestoredTenant({ ...outputs, status: "ABNORMAL" }, inputs)).toMatchObject({ changes: true, replaces: ["status"], deleteBeforeReplace: true });
  });

  test("an imported state (no source arguments) equals the program; a created one does not ignore an added argument", () => {
    const imported: Props = { ...outputs };
    for (const k of ["sourceInstanceId", "sourceTenantId", "restoreTime", "restoreMode", "fromRemote", "restoreObjectType", "waitForCompletion", "timeoutMinutes"]) {
      delete imported[k];
    }
    expect(diffRestoredTenant(imported, { ...inputs, restoreObjects: ["x"] }).changes).toBe(false);
    expect(diffRestoredTenant(imported, { ...inputs, targetTenantDescription: "other" }).replaces).toEqual(["targetTenantDescription"]);
    expect(diffRestoredTenant(outputs, { ...inputs, restoreObjects: ["x"] }).replaces).toEqual(["restoreObjects"]);
  });

  test("an unknown new value (preview) is a change; an unknown name counts as kept", () => {
    expect(diffRestoredTenant(outputs, { ...inputs, targetTenantName: UNKNOWN })).toMatchObject({
      changes: true,
      replaces: ["targetTenantName"],
      deleteBeforeReplace: true,
    });
  });
});
