// getBackupSets: the backup sets a platform lists, every page, in one typed shape (docs/functions.md#getbackupsets).
// OceanBase Cloud: GET …/backup/data/sets [seed 001] with startTime/endTime, pageNumber/pageSize and
// checkBackupSetDownloadEnable; TaurusDB: GET …/backups with instance_id, backup_type, begin_time/end_time, name and
// offset/limit (docs/api-huawei-taurusdb.md#list-backups). Read-only, so usable at preview.
import { InvalidInputError } from "../../sdk/errors";
import { withoutUndefined } from "../../sdk/validate";
import type { ObBackupSet, ObTenantBackupSet } from "../../sdk/oceanbase/schemas";
import { checkId, toObTime } from "../../sdk/oceanbase/inputs";
import type { Backup } from "../../sdk/taurusdb/schemas";
import * as taurusRules from "../../sdk/taurusdb/validate";
import { isoUtc, toBytes } from "../manual-backup/outputs";
import { ArgumentRules, FUNCTION_PLATFORMS } from "./arguments";
import { withOceanBase, withTaurusDb } from "./program-config";
import type {
  GetBackupSetsArgs,
  GetBackupSetsResult,
  GetOceanBaseBackupSetsArgs,
  GetTaurusDbBackupSetsArgs,
  OceanBaseBackupSetInfo,
  OceanBaseTenantBackupSetInfo,
  TaurusDbBackupInfo,
} from "./types";

const FN = "getBackupSets";
const OCEANBASE_ARGS: readonly (keyof GetOceanBaseBackupSetsArgs)[] = ["platform", "instanceId", "startTime", "endTime", "checkBackupSetDownloadEnable", "pageSize"];
const TAURUSDB_ARGS: readonly (keyof GetTaurusDbBackupSetsArgs)[] = ["platform", "instanceId", "backupType", "beginTime", "endTime", "name", "limit"];
/** The arguments of each platform (the README's Functions tables list exactly these). */
export const BACKUP_SETS_ARGS = { "oceanbase-cloud": OCEANBASE_ARGS, "huawei-taurusdb": TAURUSDB_ARGS } as const;

const text = (v: string | null | undefined): string | undefined => (v === null || v === undefined ? undefined : v);

function tenantSetInfo(instanceId: string, s: ObTenantBackupSet): OceanBaseTenantBackupSetInfo {
  return withoutUndefined({
    platform: "oceanbase-cloud" as const,
    instanceId,
    id: s.backupSetId,
    status: s.status,
    type: s.backupMode,
    beginTime: text(s.startTime),
    endTime: text(s.endTime),
    sizeBytes: toBytes(s.dataBackupSize, "GiB"),
    backupMode: s.backupMode,
    backupObjectType: s.backupObjectType,
    dataBackupMode: text(s.dataBackupMode),
    checkpoint: text(s.checkpoint),
    tenantId: text(s.tenantId),
    tenantName: text(s.tenantName),
    triggerMode: text(s.triggerMode),
    validity: text(s.validity),
    storageClass: text(s.storageClass),
    downloadEnabled: s.downloadEnabled ?? undefined,
  });
}

export function oceanBaseSetInfo(instanceId: string, s: ObBackupSet): OceanBaseBackupSetInfo {
  return { ...tenantSetInfo(instanceId, s), tenantBackupSets: (s.tenantBackupSetList ?? []).map((t) => tenantSetInfo(instanceId, t)) };
}

export function taurusDbBackupInfo(b: Backup): TaurusDbBackupInfo {
  return withoutUndefined({
    platform: "huawei-taurusdb" as const,
    instanceId: b.instanceId,
    id: b.id,
    status: b.status,
    type: b.type,
    beginTime: isoUtc(b.beginTime),
    endTime: isoUtc(b.endTime),
    sizeBytes: toBytes(b.size, "MB"),
    name: b.name,
    instanceName: b.instanceName,
    description: b.description,
    takeUpTimeMinutes: b.takeUpTime,
    datastore: b.datastore,
  });
}

async function oceanBaseSets(r: ArgumentRules): Promise<GetBackupSetsResult> {
  r.only(OCEANBASE_ARGS, `${FN} on oceanbase-cloud`);
  const instanceId = r.check("instanceId", (v) => checkId("instanceId", v), true);
  const { from, to } = r.bounds("startTime", "endTime", false);
  const check = r.boolean("checkBackupSetDownloadEnable");
  const pageSize = r.pageSize("pageSize");
  r.done();
  const id = instanceId as string;
  const sets = await withOceanBase(FN, (c) =>
    c.listAllBackupSets({
      instanceId: id,
      ...(from !== undefined ? { startTime: toObTime(from) } : {}),
      ...(to !== undefined ? { endTime: toObTime(to) } : {}),
      ...(check !== undefined ? { checkBackupSetDownloadEnable: check } : {}),
      pageSize: pageSize ?? 100,
    }),
  );
  return { backupSets: sets.map((s) => oceanBaseSetInfo(id, s)) };
}

async function taurusDbBackups(r: ArgumentRules): Promise<GetBackupSetsResult> {
  r.only(TAURUSDB_ARGS, `${FN} on huawei-taurusdb`);
  const instanceId = r.check("instanceId", (v) => taurusRules.instanceId("instanceId", v));
  const backupType = r.check("backupType", (v) => {
    if (v !== "auto" && v !== "manual") throw new InvalidInputError("backupType", "must be 'auto' or 'manual'");
    return v;
  });
  const { from, to } = r.bounds("beginTime", "endTime", true);
  const name = r.check("name", (v) => taurusRules.backupName(v));
  const limit = r.pageSize("limit");
  r.done();
  const backups = await withTaurusDb(FN, (c) =>
    c.listAllBackups({
      ...(instanceId !== undefined ? { instanceId } : {}),
      ...(backupType !== undefined ? { backupType } : {}),
      ...(from !== undefined && to !== undefined ? { beginTime: from, endTime: to } : {}),
      ...(name !== undefined ? { name } : {}),
      ...(limit !== undefined ? { limit } : {}),
    }),
  );
  return { backupSets: backups.map(taurusDbBackupInfo) };
}

/**
 * The backup sets of an OceanBase Cloud instance, or the backups of a TaurusDB project (optionally one instance's),
 * every page, newest first. Arguments are checked before anything is sent; credentials come from the stack config
 * (`dbbackup:` keys) or the environment, as for the resources.
 */
export async function getBackupSets(args: GetBackupSetsArgs): Promise<GetBackupSetsResult> {
  const r = new ArgumentRules(FN, args);
  const platform = r.value("platform");
  if (platform === "oceanbase-cloud") return oceanBaseSets(r);
  if (platform === "huawei-taurusdb") return taurusDbBackups(r);
  return r.refusePlatform(FUNCTION_PLATFORMS);
}
