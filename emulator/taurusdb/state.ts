// The TaurusDB family's state (JSON, persisted by the core) and the statuses derived from it. Statuses
// are never stored: they follow from the virtual clock and the times fixed when an object was created.

export interface PolicyRecord {
  keep_days: number;
  start_time: string;
  period: string;
  /** Only once a PUT set it (the level-1 switch is not modelled). */
  retention_num_backup_level1?: number;
}

/** The cross-region policy as last PUT (write-only: no route reads it back). */
export interface OffsitePolicyRecord {
  open_auto_backup: boolean;
  open_incremental_backup: boolean;
  destination_project_id: string;
  destination_region: string;
  keep_days: number;
}

export interface InstanceRecord {
  id: string;
  name: string;
  projectId: string;
  /** Data volume; a full backup of it has this size (MB). */
  dataSizeMb: number;
  createdAt: number;
  policy: PolicyRecord;
  /** Absent until a PUT sets it (off by default [docs]). */
  offsitePolicy?: OffsitePolicyRecord;
  /** A policy change is being applied until then: the instance is not ACTIVE meanwhile. */
  modifyingUntil?: number;
}

export interface BackupRecord {
  id: string;
  name: string;
  description?: string;
  instanceId: string;
  type: "auto" | "manual";
  beganAt: number;
  /** BUILDING until then, COMPLETED from then on. */
  completesAt: number;
  sizeMb: number;
  /** Test hook (set through the control API): the backup ends FAILED instead of COMPLETED [docs: FAILED is a backup status]. */
  fails?: boolean;
}

export interface JobRecord {
  id: string;
  name: string;
  projectId: string;
  instanceId: string;
  /** The backup a restore job reads, which cannot be deleted meanwhile. */
  backupId?: string;
  /** GET /jobs answers "not found" for this job until then. */
  visibleAt: number;
  createdAt: number;
  /** Pending until then, Running until completesAt, Completed afterwards. */
  runningAt: number;
  completesAt: number;
}

export interface TaurusState {
  instances: Record<string, InstanceRecord>;
  backups: BackupRecord[];
  jobs: JobRecord[];
}

/** The live state, filled in where a replaced slice lacks a collection. */
export function stateOf(slice: Record<string, unknown>): TaurusState {
  if (typeof slice.instances !== "object" || slice.instances === null) slice.instances = {};
  if (!Array.isArray(slice.backups)) slice.backups = [];
  if (!Array.isArray(slice.jobs)) slice.jobs = [];
  return slice as unknown as TaurusState;
}

export type BackupStatus = "BUILDING" | "COMPLETED" | "FAILED";
export type JobStatus = "Pending" | "Running" | "Completed";

export function backupStatus(b: BackupRecord, now: number): BackupStatus {
  if (now < b.completesAt) return "BUILDING";
  return b.fails === true ? "FAILED" : "COMPLETED";
}

export function jobStatus(j: JobRecord, now: number): JobStatus {
  if (now < j.runningAt) return "Pending";
  return now < j.completesAt ? "Running" : "Completed";
}

export function findInstance(state: TaurusState, projectId: string, id: string): InstanceRecord | undefined {
  const inst = Object.hasOwn(state.instances, id) ? state.instances[id] : undefined;
  return inst !== undefined && inst.projectId === projectId ? inst : undefined;
}

/** Time in the API's format, yyyy-mm-ddThh:mm:ss+0000 (UTC). */
export function apiTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19) + "+0000";
}
