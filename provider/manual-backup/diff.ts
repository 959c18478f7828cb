// ManualBackup's diff: a backup is what it was taken of, so every change of an argument that chooses the backup
// replaces it; waitForCompletion/timeoutMinutes only say how long to wait and update in place (no cloud call). Never
// calls the cloud. Compares normalised values:
// - databaseTables ignores order (databases by name, tables by name): the same tables are the same backup, and
//   replacing it would only take the same backup again;
// - an empty description is no description; an absent backupObjectType is "tenant" (check()'s default); backupPolicy
//   ("manual", or left out) never differs.
// Properties the platform does not report (a logical backup's databaseTables, needPreCheck, OCP's backupMode,
// dataBackupMode and storage config, and the wait arguments) come only from a previous create/update. A state made by import (read from the id alone) has none of them; there
// they are unknown and compare equal, so importing works and the next diff is empty (a changed databaseTables on an
// imported logical backup is therefore not seen until the state records it: use `pulumi up --replace` to force it).
// A backup that ended FAILED or CANCELED is replaced ("status"), so the next `pulumi up` takes a new one.
// A replacement takes the new backup before the old one is deleted, so no backup is lost when taking the new one
// fails. TaurusDB backup names are unique per instance, so such a replacement needs a new name (create says so
// before sending anything). The one exception: an old TaurusDB backup that FAILED is no backup to keep, so when the
// name stays it is deleted first, freeing the name for the new one.
import { BACKUP_ARGS } from "./args";
import { argsWhere } from "../spec";
import { MANUAL_BACKUP_ARGS } from "./spec";
import { WAIT_ARGS } from "../common-args";
import { FAILED_STATUSES } from "./wait";
import type { DiffResult, Props } from "../types";

/** Only a create or update records the wait arguments (check() always sets them): their absence means an import. */
function isImported(olds: Props): boolean {
  return olds.waitForCompletion === undefined && olds.timeoutMinutes === undefined;
}

/** Arguments an imported state cannot know. */
const UNREPORTED: readonly string[] = [...argsWhere(MANUAL_BACKUP_ARGS, (f) => f.unreported === true), ...WAIT_ARGS];

function canonicalTables(v: unknown): unknown {
  if (!Array.isArray(v)) return v;
  const entries = v.map((e: unknown) => {
    if (typeof e !== "object" || e === null) return e;
    const { database, tables } = e as { database?: unknown; tables?: unknown };
    return Array.isArray(tables) ? { database, tables: [...tables].map(String).sort() } : { database };
  });
  return entries.sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
}

function normalised(name: string, props: Props): unknown {
  const v = props[name] === null ? undefined : props[name];
  switch (name) {
    case "databaseTables":
      return canonicalTables(v);
    case "description":
      return v === "" ? undefined : v;
    case "backupObjectType":
      return v === undefined && props.platform === "oceanbase-cloud" ? "tenant" : v;
    case "backupPolicy":
      // "manual" is what is always sent: writing it or leaving it out is the same backup.
      return undefined;
    default:
      return v;
  }
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function diffManualBackup(olds: Props, news: Props): DiffResult {
  const imported = isImported(olds);
  const changed = (name: string): boolean => {
    if (imported && UNREPORTED.includes(name) && (olds[name] === undefined || olds[name] === null)) return false;
    return !same(normalised(name, olds), normalised(name, news));
  };
  const replaces = BACKUP_ARGS.filter(changed);
  const diffs = [...replaces, ...WAIT_ARGS.filter(changed)];
  if (typeof olds.status === "string" && FAILED_STATUSES.includes(olds.status)) {
    replaces.push("status");
    diffs.push("status");
  }
  const result: DiffResult = { changes: diffs.length > 0, replaces, diffs };
  const huawei = olds.platform === "huawei-taurusdb" && news.platform === "huawei-taurusdb";
  if (replaces.includes("status") && huawei && same(olds.name, news.name) && same(olds.instanceId, news.instanceId)) {
    result.deleteBeforeReplace = true;
  }
  return result;
}
