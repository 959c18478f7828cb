// The OceanBase Cloud family's state slice. JSON only (persists with --state). Asynchronous objects store
// the instants of their status changes, fixed when they are created from ctx.duration(); their status is
// read lazily against the virtual clock, so a frozen clock plus /__emulator/clock advance moves them.
import { randomBytes } from "node:crypto";
import type { EmuContext } from "../core/types";

export interface InstanceRec {
  instanceId: string;
  instanceName: string;
  projectId: string;
  status: string;
  obVersion: string;
  deployMode: string;
  cloudProvider: string;
  region: string;
  availableZones: string[];
  createdAt: number;
}

/** A span of continuous log archiving; `end: null` means still archiving (up to "now"). */
export interface LogSpan {
  start: number;
  end: number | null;
}

export interface TenantRec {
  tenantId: string;
  instanceId: string;
  tenantName: string;
  tenantMode: string;
  description: string;
  primaryZone: string;
  cpu: number;
  mem: number;
  unitNum: number;
  createdAt: number;
  /** The tenant's data in GiB (backups take longer for more, see oceanbase.backupMsPerGiB); absent: 0.01. */
  dataSizeGiB?: number;
  /** database → tables (what logical backups are checked against). */
  databases: Record<string, string[]>;
  logArchive: LogSpan[];
  /** Restored tenants: CREATING until restoringAt, RESTORING until onlineAt, then `outcome`. */
  restoringAt?: number;
  onlineAt?: number;
  /** The status once settled (ONLINE; a test may set ABNORMAL through PUT /__emulator/objects). */
  outcome: string;
  /** Deletion: DELETING from deletingAt, gone from goneAt. */
  deletingAt?: number;
  goneAt?: number;
}

export interface TenantPart {
  tenantId: string;
  tenantName: string;
  /** This tenant's backup set id inside a cluster-level set. */
  backupSetId: string;
}

export interface BackupSetRec {
  backupSetId: string;
  instanceId: string;
  backupMode: "PHYSICAL_BACKUP" | "LOGICAL_BACKUP";
  /** CLUSTER | TENANT (physical), DATABASE | TABLE (logical). */
  backupObjectType: string;
  /** "sys" / "*" for a cluster-level set (as in seed 001). */
  tenantId: string;
  tenantName: string;
  tenants: TenantPart[];
  triggerMode: string;
  /** The logical selection as sent (databaseTables JSON string). */
  databaseTables?: string;
  /** BEGINNING from startedAt, DOING from doingAt, `outcome` from doneAt. */
  startedAt: number;
  doingAt: number;
  doneAt: number;
  /** DONE; a test may set FAILED through PUT /__emulator/objects. */
  outcome: string;
  /** Listed from this time on (absent: at once). A get by id finds the set before that. */
  listedAt?: number;
  sizeGiB: number;
}

/** An instance's backup strategy as ModifyBackupStrategy last set it (every instance has one from its creation). */
export interface BackupStrategyRec {
  backupScheduleMode: string;
  scheduleTime: string;
  timeList: number[];
  lastDayOfMonth: boolean;
  dataMaintainDays: number;
  retainMode: string;
  /** As the API takes it: a JSON string. */
  backupStorageConfig: string;
  /** Virtual time of the last change (absent: the default the instance was created with). */
  modifiedAt?: number;
}

export interface ObState {
  projects: string[];
  instances: Record<string, InstanceRec>;
  tenants: Record<string, TenantRec>;
  backupSets: BackupSetRec[];
  /** By instance id. */
  backupStrategies: Record<string, BackupStrategyRec>;
}

/** The live slice, with any part a test replaced away put back empty. */
export function stateOf(ctx: EmuContext): ObState {
  const s = ctx.state as Partial<ObState>;
  s.projects ??= [];
  s.instances ??= {};
  s.tenants ??= {};
  s.backupSets ??= [];
  s.backupStrategies ??= {};
  return s as ObState;
}

/** Drops tenants whose deletion finished; marks the state dirty when it did. */
export function sweep(ctx: EmuContext, s: ObState): void {
  const now = ctx.clock.now();
  for (const [id, t] of Object.entries(s.tenants)) {
    if (t.goneAt !== undefined && now >= t.goneAt) {
      delete s.tenants[id];
      ctx.markDirty();
    }
  }
}

export function tenantStatus(t: TenantRec, now: number): string {
  if (t.deletingAt !== undefined && now >= t.deletingAt) return "DELETING";
  if (t.restoringAt !== undefined && now < t.restoringAt) return "CREATING";
  if (t.onlineAt !== undefined && now < t.onlineAt) return "RESTORING";
  return t.outcome;
}

export function backupSetStatus(b: BackupSetRec, now: number): string {
  if (now < b.doingAt) return "BEGINNING";
  if (now < b.doneAt) return "DOING";
  return b.outcome;
}

/** Tenants of an instance, oldest first (the list order). */
export function tenantsOf(s: ObState, instanceId: string): TenantRec[] {
  return Object.values(s.tenants)
    .filter((t) => t.instanceId === instanceId)
    .sort((a, b) => a.createdAt - b.createdAt || a.tenantId.localeCompare(b.tenantId));
}

/** Ids like the platform's: "bak-7aqvtc4ugvuo", "t7amdemq4iu9s". */
export function newId(prefix: string): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  return prefix + [...randomBytes(12)].map((b) => alphabet.charAt(b % alphabet.length)).join("");
}
