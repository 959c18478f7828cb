// The TaurusDB family's state (JSON, persisted by the core) and the statuses derived from it. Statuses
// are never stored: they follow from the virtual clock and the times fixed when an object was created.

export interface PolicyRecord {
  keep_days: number;
  start_time: string;
  period: string;
}

export interface InstanceRecord {
  id: string;
  name: string;
  projectId: string;
  /** Data volume; a full backup of it has this size (MB). */
  dataSizeMb: number;
  createdAt: number;
  policy: PolicyRecord;
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

export type BackupStatus = "BUILDING" | "COMPLETED";
export type JobStatus = "Pending" | "Running" | "Completed";

export function backupStatus(b: BackupRecord, now: number): BackupStatus {
  return now < b.completesAt ? "BUILDING" : "COMPLETED";
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
