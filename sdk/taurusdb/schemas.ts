// Zod schemas of TaurusDB's v3 responses, in the wire's snake_case (docs/api-huawei-taurusdb.md#list-backups and the official
// SDK models). The client types are derived from them with Camelize, so a field is declared once.
import { z } from "zod";
import type { Camelize } from "./case";

// Optional fields may come back absent or null; both become undefined.
function optional<S extends z.ZodType>(schema: S) {
  return schema.nullish().transform((v) => v ?? undefined);
}

// The documented values [seed 004, docs], named for readers; any other non-empty value passes through, so that a
// status or type the docs do not list yet cannot reject a whole list page (and with it a lookup after a lost answer).
function documented<const V extends readonly [string, ...string[]]>(values: V) {
  return z.union([z.enum(values), z.string().min(1)]);
}
export const backupStatusSchema = documented(["BUILDING", "COMPLETED", "FAILED", "AVAILABLE"]);
export const backupTypeSchema = documented(["auto", "manual"]);
export const jobStatusSchema = documented(["Pending", "Running", "Completed", "Failed"]);

const createdBackupWire = z.object({
  id: z.string().min(1),
  name: z.string(),
  description: optional(z.string()),
  begin_time: z.string(),
  status: backupStatusSchema,
  type: backupTypeSchema,
  instance_id: z.string(),
});
export const createBackupResponse = z.object({ backup: createdBackupWire });

const backupWire = z.object({
  id: z.string().min(1),
  name: z.string(),
  begin_time: z.string(),
  end_time: optional(z.string()),
  status: backupStatusSchema,
  /** Minutes. */
  take_up_time: optional(z.number()),
  type: backupTypeSchema,
  /** Megabytes. */
  size: optional(z.number().nonnegative()),
  datastore: optional(z.object({ type: z.string(), version: z.string() })),
  instance_id: z.string(),
  instance_name: optional(z.string()),
  description: optional(z.string()),
});
export const listBackupsResponse = z.object({
  backups: z.array(backupWire),
  total_count: z.number().int().nonnegative(),
});

export const deleteBackupResponse = z.object({
  backup_id: z.string(),
  backup_name: optional(z.string()),
});

export const restoreResponse = z.object({ job_id: z.string().min(1) });

export const restoreTimesResponse = z.object({
  restore_times: z.array(z.object({ start_time: z.number().int(), end_time: z.number().int() })),
});

const backupPolicyWire = z.object({
  keep_days: z.number().int(),
  start_time: z.string(),
  period: z.string(),
  retention_num_backup_level1: optional(z.number().int()),
});
export const backupPolicyResponse = z.object({ backup_policy: backupPolicyWire });

export const updateBackupPolicyResponse = z.object({
  status: optional(z.string()),
  instance_id: optional(z.string()),
  instance_name: optional(z.string()),
});

/** Instance detail [docs: ShowGaussMySqlInstanceInfo]: only what the provider reads (status, to wait for ACTIVE). */
const instanceWire = z.object({
  id: z.string().min(1),
  name: optional(z.string()),
  /** ACTIVE when normal; BACKING UP, MODIFYING, RESTORING, … while the instance is busy [docs]. */
  status: z.string().min(1),
});
export const instanceResponse = z.object({ instance: instanceWire });

/** The cross-region policy's answer [docs: UpdateBackupOffsitePolicy]: `result` "SUCCESS" when applied. */
export const offsitePolicyResponse = z.object({ result: z.string() });

const jobWire = z.object({
  id: z.string(),
  name: z.string(),
  status: jobStatusSchema,
  created: optional(z.string()),
  ended: optional(z.string()),
  process: optional(z.string()),
  instance: optional(z.object({ id: z.string(), name: optional(z.string()) })),
  entities: optional(z.record(z.string(), z.unknown())),
  fail_reason: optional(z.string()),
});
export const jobResponse = z.object({ job: jobWire });

export type BackupStatus = z.output<typeof backupStatusSchema>;
export type BackupType = z.output<typeof backupTypeSchema>;
export type JobStatus = z.output<typeof jobStatusSchema>;
/** A backup as the create call returns it. */
export type CreatedBackup = Camelize<z.output<typeof createdBackupWire>>;
/** A backup as listed: `size` is in MB, `takeUpTime` in minutes, times like 2020-07-07T01:17:05+0800. */
export type Backup = Camelize<z.output<typeof backupWire>>;
export type BackupPage = Camelize<z.output<typeof listBackupsResponse>>;
export type DeletedBackup = Camelize<z.output<typeof deleteBackupResponse>>;
/** Restorable range, epoch milliseconds. */
export type RestoreTimeRange = Camelize<z.output<typeof restoreTimesResponse>["restore_times"][number]>;
export type BackupPolicy = Camelize<z.output<typeof backupPolicyWire>>;
export type BackupPolicyUpdate = Camelize<z.output<typeof updateBackupPolicyResponse>>;
export type Job = Camelize<z.output<typeof jobWire>>;
export type Instance = Camelize<z.output<typeof instanceWire>>;
