// Huawei Cloud TaurusDB (GaussDB for MySQL) API v3, under both the current /v3/{project_id}/ prefix and
// the historical /mysql/v3/{project_id}/ one (seed 004). See fixtures.ts for credentials and objects,
// errors.ts for the error codes answered.
import type { Family, Handler, Route } from "../core/types";
import { authenticate } from "./auth";
import { BACKUP_PER_GB_KEY, createBackup, deleteBackup, listBackups } from "./backups";
import { errorBody } from "./errors";
import { seedState } from "./fixtures";
import { getInstance } from "./instances";
import { getPolicy, POLICY_APPLY_KEY, setOffsitePolicy, updatePolicy } from "./policy";
import { getJob, restore, restoreTimes } from "./restore";

const PREFIXES = ["/v3", "/mysql/v3"];

function route(method: Route["method"], path: string, handler: Handler): Route[] {
  return PREFIXES.map((prefix) => ({ method, pattern: `${prefix}/:projectId${path}`, handler }));
}

export const taurusdbFamily: Family = {
  name: "huawei-taurusdb",
  owns: (path) => PREFIXES.some((prefix) => path.startsWith(`${prefix}/`)),
  authenticate,
  routes: [
    ...route("POST", "/backups/create", createBackup),
    ...route("GET", "/backups", listBackups),
    ...route("DELETE", "/backups/:backupId", deleteBackup),
    ...route("POST", "/instances/restore", restore),
    ...route("GET", "/instances/:instanceId/restore-time", restoreTimes),
    ...route("GET", "/instances/:instanceId", getInstance),
    ...route("GET", "/instances/:instanceId/backups/policy", getPolicy),
    ...route("PUT", "/instances/:instanceId/backups/policy/update", updatePolicy),
    ...route("PUT", "/instances/:instanceId/backups/offsite-policy", setOffsitePolicy),
    ...route("GET", "/jobs", getJob),
  ],
  defaultDurations: {
    /** A manual backup stays BUILDING this long. */
    "taurusdb.backupMs": 60_000,
    /** Plus this much per GB of the instance's data (dataSizeMb), ±10% per backup (core/backup-time.ts); 0: off. */
    [BACKUP_PER_GB_KEY]: 0,
    /** A new job id answers "not found" this long. */
    "taurusdb.jobVisibleAfterMs": 3_000,
    /** A restore job is Pending this long, then Running for restoreMs. */
    "taurusdb.jobPendingMs": 2_000,
    "taurusdb.restoreMs": 30_000,
    /** A backup policy change keeps the instance MODIFYING this long. */
    [POLICY_APPLY_KEY]: 10_000,
  },
  seed: (nowMs) => ({ ...seedState(nowMs) }),
  errorBody,
};
