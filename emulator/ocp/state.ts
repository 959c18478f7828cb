// The OCP family's state slice: fixture clusters, stored strategies and async tasks. JSON only, so it
// persists with --state; task status is computed lazily from the virtual clock (no timers).
import { createHash } from "node:crypto";
import type { EmuContext } from "../core/types";
import { clusterFixtures, type ClusterFixture } from "./fixtures";
import { formatOffsetDateTime, formatOffsetTimeJava, parseOffsetTime } from "./time";
import { isObject } from "./validate";

export interface StoredStrategy {
  id: number;
  createdAt: number;
  updatedAt: number;
  clusterId: number;
  tenantId?: number;
  /** The accepted body, storage secrets replaced by a SHA-256 fingerprint (accessKeySecretSha256). */
  body: Record<string, unknown>;
}

export interface StoredTask {
  id: number;
  name: string;
  obBackupTaskType: string;
  clusterId: number;
  tenantId?: number;
  /**
   * The strategy the task works on ("1000005" or "1000005/tenants/1002"): one running task per target. A backupNow
   * task runs in its own lane ("1000005/backupNow"), so it never blocks a strategy change.
   */
  target: string;
  createdAt: number;
  /** How long it runs; absent: the current "ocp.taskMs" (strategy tasks). */
  durationMs?: number;
  /** Ends FAILED instead of SUCCESSFUL (see FAIL_MARKER). */
  fails: boolean;
}

/** One accepted backupNow call (tests count them: a lost answer must not make two). */
export interface StoredBackup {
  id: number;
  clusterId: number;
  tenantId?: number;
  backupMode: string;
  dataBackupMode: string;
  /** The body as accepted, storage secrets replaced by their fingerprint (as for strategies). */
  body: Record<string, unknown>;
  taskId: number;
  createdAt: number;
}

export interface OcpState {
  clusters: Record<string, ClusterFixture>;
  strategies: Record<string, StoredStrategy>;
  tasks: Record<string, StoredTask>;
  backups: Record<string, StoredBackup>;
  nextTaskId: number;
  nextStrategyId: number;
  nextBackupId: number;
}

export function seedState(): OcpState {
  return { clusters: clusterFixtures(), strategies: {}, tasks: {}, backups: {}, nextTaskId: 3000041, nextStrategyId: 1, nextBackupId: 1 };
}

/** The live slice, with any part a test replaced away put back empty. */
export function stateOf(ctx: EmuContext): OcpState {
  const s = ctx.state as Partial<OcpState>;
  s.clusters ??= {};
  s.strategies ??= {};
  s.tasks ??= {};
  s.backups ??= {};
  s.nextTaskId ??= 3000041;
  s.nextStrategyId ??= 1;
  s.nextBackupId ??= 1;
  return s as OcpState;
}

export function targetKey(clusterId: number, tenantId?: number): string {
  return tenantId === undefined ? String(clusterId) : `${clusterId}/tenants/${tenantId}`;
}

// ---------------------------------------------------------------------------------------------------
// Tasks

/**
 * Test hook: a strategy operation ends its task FAILED (instead of SUCCESSFUL, after ocp.taskMs) when the
 * strategy's primary storageUrl contains this marker, e.g. "/obbackup/emulator-fail-task/".
 */
export const FAIL_MARKER = "emulator-fail-task";

export type TaskStatus = "RUNNING" | "SUCCESSFUL" | "FAILED";

/** When the task ends: its creation (virtual time) plus its own length or the current "ocp.taskMs", read lazily. */
export function taskEnd(task: StoredTask, ctx: EmuContext): number {
  return task.createdAt + (task.durationMs ?? ctx.duration("ocp.taskMs"));
}

export function taskStatus(task: StoredTask, ctx: EmuContext): TaskStatus {
  if (ctx.clock.now() < taskEnd(task, ctx)) return "RUNNING";
  return task.fails ? "FAILED" : "SUCCESSFUL";
}

export function runningTaskOn(state: OcpState, target: string, ctx: EmuContext): StoredTask | undefined {
  return Object.values(state.tasks).find((t) => t.target === target && taskStatus(t, ctx) === "RUNNING");
}

export function newTask(
  ctx: EmuContext,
  state: OcpState,
  t: { name: string; obBackupTaskType: string; clusterId: number; tenantId?: number; storageUrl: string | undefined; lane?: string; durationMs?: number },
): StoredTask {
  const task: StoredTask = {
    id: state.nextTaskId++,
    name: t.name,
    obBackupTaskType: t.obBackupTaskType,
    clusterId: t.clusterId,
    ...(t.tenantId !== undefined ? { tenantId: t.tenantId } : {}),
    // A lane keeps tasks of another kind (backupNow) from counting as a task running on the strategy.
    target: t.lane === undefined ? targetKey(t.clusterId, t.tenantId) : `${targetKey(t.clusterId, t.tenantId)}/${t.lane}`,
    createdAt: ctx.clock.now(),
    ...(t.durationMs !== undefined ? { durationMs: t.durationMs } : {}),
    fails: t.storageUrl?.includes(FAIL_MARKER) ?? false,
  };
  state.tasks[String(task.id)] = task;
  ctx.markDirty();
  return task;
}

export function renderTask(task: StoredTask, ctx: EmuContext): Record<string, unknown> {
  const status = taskStatus(task, ctx);
  return {
    id: task.id,
    name: task.name,
    type: "MANUAL",
    status,
    clusterId: task.clusterId,
    tenantId: task.tenantId ?? null,
    creator: "admin",
    prohibitRollback: false,
    createTime: formatOffsetDateTime(task.createdAt),
    startTime: formatOffsetDateTime(task.createdAt),
    finishTime: status === "RUNNING" ? null : formatOffsetDateTime(taskEnd(task, ctx)),
  };
}

// ---------------------------------------------------------------------------------------------------
// Strategies

function fingerprintSecrets(storage: unknown): void {
  if (!isObject(storage) || !isObject(storage["obBackupStorageBaseInfo"])) return;
  const base = storage["obBackupStorageBaseInfo"];
  for (const key of ["ossAccessKey", "cosAccessKey"]) {
    const ak = base[key];
    if (isObject(ak) && typeof ak["accessKeySecret"] === "string") {
      ak["accessKeySecretSha256"] = createHash("sha256").update(ak["accessKeySecret"]).digest("hex");
      delete ak["accessKeySecret"];
    }
  }
}

/** A deep copy of an accepted body, fit to store: no storage secret is kept, only its fingerprint. */
export function storableBody(body: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(body);
  delete copy["obBackupObjectList"]; // the target is the path
  fingerprintSecrets(copy["obBackupServiceStorageConfig"]);
  const secondary = copy["obSecondaryBackupConfig"];
  if (isObject(secondary)) fingerprintSecrets(secondary["storageConfig"]);
  return copy;
}

export function primaryStorageUrl(body: Record<string, unknown>): string | undefined {
  const storage = body["obBackupServiceStorageConfig"];
  const base = isObject(storage) ? storage["obBackupStorageBaseInfo"] : undefined;
  const url = isObject(base) ? base["storageUrl"] : undefined;
  return typeof url === "string" ? url : undefined;
}

function withoutFingerprints(storage: unknown): unknown {
  if (!isObject(storage)) return storage;
  const copy = structuredClone(storage);
  const base = copy["obBackupStorageBaseInfo"];
  if (isObject(base)) {
    for (const key of ["ossAccessKey", "cosAccessKey"]) {
      const ak = base[key];
      if (isObject(ak)) delete ak["accessKeySecretSha256"];
    }
  }
  return copy;
}

function javaTime(v: unknown): unknown {
  if (typeof v !== "string") return v;
  const t = parseOffsetTime(v);
  return t === undefined ? v : formatOffsetTimeJava(t);
}

/**
 * GET's view of a strategy: the body as accepted plus server fields. On purpose NOT normalised back to
 * what the client sent, so callers meet realistic drift:
 *   - OffsetTimes come back in java.time's toString() form: "02:00:00.000+08:00" → "02:00+08:00";
 *   - storage secrets are never echoed: ossAccessKey / cosAccessKey come back without accessKeySecret;
 *   - backupScheduleEnabled (default true) and secondaryBackupEnabled (default false) are always present,
 *     obSecondaryBackupConfig is null when absent; every other field is returned exactly as sent.
 */
export function renderStrategy(s: StoredStrategy, cluster: ClusterFixture): Record<string, unknown> {
  const body = structuredClone(s.body);
  const schedule = isObject(body["obBackupScheduleConfig"]) ? body["obBackupScheduleConfig"] : {};
  schedule["backupScheduleTime"] = javaTime(schedule["backupScheduleTime"]);
  if (schedule["cleanScheduleTime"] !== undefined) schedule["cleanScheduleTime"] = javaTime(schedule["cleanScheduleTime"]);
  schedule["backupScheduleEnabled"] ??= true;
  const secondary = isObject(body["obSecondaryBackupConfig"]) ? body["obSecondaryBackupConfig"] : null;
  if (secondary) secondary["storageConfig"] = withoutFingerprints(secondary["storageConfig"]);
  return {
    id: s.id,
    createTime: formatOffsetDateTime(s.createdAt),
    updateTime: formatOffsetDateTime(s.updatedAt),
    clusterId: s.clusterId,
    obClusterId: cluster.obClusterId,
    clusterName: cluster.name,
    ...(s.tenantId !== undefined ? { tenantId: s.tenantId, tenantName: cluster.tenants[String(s.tenantId)]?.name ?? null } : {}),
    backupDimension: s.tenantId === undefined ? "CLUSTER" : "TENANT",
    type: "BACKUP",
    ...body,
    obBackupScheduleConfig: schedule,
    obBackupServiceStorageConfig: withoutFingerprints(body["obBackupServiceStorageConfig"]),
    secondaryBackupEnabled: body["secondaryBackupEnabled"] ?? false,
    obSecondaryBackupConfig: secondary,
  };
}
