// getRestoreWindows: the spans of time a restore may go to, and the latest restorable point
// (docs/functions.md#getrestorewindows). OceanBase Cloud: the restorable tenants and their timeIntervalList
// (docs/api-oceanbase-cloud.md#list-restorable-tenants); TaurusDB: the instance's restore-time ranges, for one day or
// between two instants (docs/api-huawei-taurusdb.md#restorable-time-ranges). Read-only, so usable at preview.
import type { ObRestorableTenant } from "../../sdk/oceanbase/schemas";
import { checkId, toObTime } from "../../sdk/oceanbase/inputs";
import type { RestoreTimeRange } from "../../sdk/taurusdb/schemas";
import * as taurusRules from "../../sdk/taurusdb/validate";
import { latestPoint } from "../restored-tenant/windows";
import { ArgumentRules, FUNCTION_PLATFORMS } from "./arguments";
import { withOceanBase, withTaurusDb } from "./program-config";
import type {
  GetOceanBaseRestoreWindowsArgs,
  GetRestoreWindowsArgs,
  GetRestoreWindowsResult,
  GetTaurusDbRestoreWindowsArgs,
  RestoreWindow,
} from "./types";

const FN = "getRestoreWindows";
const OCEANBASE_ARGS: readonly (keyof GetOceanBaseRestoreWindowsArgs)[] = ["platform", "instanceId", "tenantId", "backupSetId", "fromRemote"];
const TAURUSDB_ARGS: readonly (keyof GetTaurusDbRestoreWindowsArgs)[] = ["platform", "instanceId", "date", "startTime", "endTime"];
/** The arguments of each platform (the README's Functions tables list exactly these). */
export const RESTORE_WINDOWS_ARGS = { "oceanbase-cloud": OCEANBASE_ARGS, "huawei-taurusdb": TAURUSDB_ARGS } as const;

/** The windows with their latest point: the same rule as RestoredTenant's "latest" (../restored-tenant/windows.ts). */
function withLatest(windows: RestoreWindow[]): GetRestoreWindowsResult {
  const latest = latestPoint(windows.map((w) => ({ startTime: w.start, endTime: w.end })));
  return latest === undefined ? { windows } : { windows, latest };
}

export function oceanBaseWindows(tenants: readonly ObRestorableTenant[]): RestoreWindow[] {
  return tenants.flatMap((t) =>
    [...t.timeIntervalList]
      .sort((a, b) => Date.parse(a.startTime) - Date.parse(b.startTime))
      .map((w) => ({ tenantId: t.tenantId, tenantName: t.tenantName, start: w.startTime, end: w.endTime })),
  );
}

/**
 * TaurusDB's ranges are in milliseconds, windows here in whole seconds: the bounds move inwards (start up, end down)
 * so that every listed second is restorable; a range shorter than that is left out.
 */
export function taurusDbWindows(ranges: readonly RestoreTimeRange[]): RestoreWindow[] {
  return [...ranges]
    .sort((a, b) => a.startTime - b.startTime)
    .map((r) => ({ start: Math.ceil(r.startTime / 1000) * 1000, end: Math.floor(r.endTime / 1000) * 1000 }))
    .filter((r) => r.start <= r.end)
    .map((r) => ({ start: toObTime(r.start), end: toObTime(r.end) }));
}

async function oceanBase(r: ArgumentRules): Promise<GetRestoreWindowsResult> {
  r.only(OCEANBASE_ARGS, `${FN} on oceanbase-cloud`);
  const instanceId = r.check("instanceId", (v) => checkId("instanceId", v), true);
  const tenantId = r.check("tenantId", (v) => checkId("tenantId", v));
  const backupSetId = r.check("backupSetId", (v) => checkId("backupSetId", v));
  const fromRemote = r.boolean("fromRemote");
  r.done();
  const tenants = await withOceanBase(FN, (c) =>
    c.listRestorableTenants({
      instanceId: instanceId as string,
      restoreObjectType: "tenant",
      ...(tenantId !== undefined ? { tenantId } : {}),
      ...(backupSetId !== undefined ? { backupSetId } : {}),
      ...(fromRemote !== undefined ? { fromRemote } : {}),
    }),
  );
  return withLatest(oceanBaseWindows(tenants));
}

async function taurusDb(r: ArgumentRules): Promise<GetRestoreWindowsResult> {
  r.only(TAURUSDB_ARGS, `${FN} on huawei-taurusdb`);
  const instanceId = r.check("instanceId", (v) => taurusRules.instanceId("instanceId", v), true);
  const date = r.check("date", (v) => taurusRules.calendarDate("date", v));
  const { from, to } = r.bounds("startTime", "endTime", true);
  // The API lets date win when both are given [docs]; a program that gives both meant one of them.
  if (r.value("date") !== undefined && (r.value("startTime") !== undefined || r.value("endTime") !== undefined)) {
    r.fail("date", "is not allowed with startTime/endTime: give a day, or two instants");
  }
  r.done();
  const range = date ?? (from !== undefined && to !== undefined ? { startTime: from, endTime: to } : undefined);
  const ranges = await withTaurusDb(FN, (c) => c.getRestoreTimes(instanceId as string, range));
  return withLatest(taurusDbWindows(ranges));
}

/**
 * The restorable windows of an OceanBase Cloud instance's tenants (optionally one tenant's), or of a TaurusDB
 * instance, with `latest`, the end of the window that ends last. Arguments are checked before anything is sent;
 * credentials come from the stack config (`dbbackup:` keys) or the environment, as for the resources.
 */
export async function getRestoreWindows(args: GetRestoreWindowsArgs): Promise<GetRestoreWindowsResult> {
  const r = new ArgumentRules(FN, args);
  const platform = r.value("platform");
  if (platform === "oceanbase-cloud") return oceanBase(r);
  if (platform === "huawei-taurusdb") return taurusDb(r);
  return r.refusePlatform(FUNCTION_PLATFORMS);
}
