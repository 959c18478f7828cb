// The OCP backup routes the emulator serves (docs/api-ocp.md#path-sources). Every strategy change answers a
// BackupCommonResponse with one new task; the change itself is applied at once (a FAILED task does not
// roll it back). Choices where the docs are silent:
//   - create when a strategy exists → 409 STRATEGY_ALREADY_EXISTS; modify/delete/stop/start/GET when none → 404;
//   - a change while an earlier task on the same strategy is still RUNNING → HTTP 200 with
//     beSuccessful:false, errorCode "OB_BACKUP_TASK_RUNNING" and a hint (one task per strategy at a time);
//   - PATCH takes the full body (as create); an omitted backupScheduleEnabled keeps the current value,
//     on create it defaults to true; stopSchedule/startSchedule set it false/true (idempotent: a new task each time);
//   - a backupMode the cluster's backupAbility lacks → 400.
import type { EmuContext, EmuRequest, EmuResponse, Route } from "../core/types";
import { fail, illegalArgument, notFound, ok, OcpErrorCode } from "./envelope";
import type { ClusterFixture } from "./fixtures";
import {
  newTask,
  primaryStorageUrl,
  renderStrategy,
  renderTask,
  runningTaskOn,
  stateOf,
  storableBody,
  targetKey,
  type OcpState,
  type StoredTask,
} from "./state";
import { isObject, validateStrategyBody } from "./validate";

const CLUSTER_STRATEGY = "/api/v2/ob/clusters/:clusterId/backup/config/backupStrategy";
const TENANT_STRATEGY = "/api/v2/ob/clusters/:clusterId/tenants/:tenantId/backup/config/backupStrategy";

export interface Target {
  state: OcpState;
  cluster: ClusterFixture;
  clusterId: number;
  tenantId?: number;
  key: string;
}

export const ID = /^[1-9]\d{0,15}$/;

/** The cluster (and tenant) named in the path, or the 400/404 to answer. */
export function resolveTarget(req: EmuRequest, ctx: EmuContext): Target | EmuResponse {
  const state = stateOf(ctx);
  const rawCluster = req.params["clusterId"] ?? "";
  if (!ID.test(rawCluster)) return illegalArgument("id", "must be a positive integer cluster id");
  const cluster = state.clusters[rawCluster];
  if (cluster === undefined) return notFound(`Cluster not found: ${rawCluster}`);
  const rawTenant = req.params["tenantId"];
  if (rawTenant === undefined) return { state, cluster, clusterId: cluster.id, key: targetKey(cluster.id) };
  if (!ID.test(rawTenant)) return illegalArgument("tenantId", "must be a positive integer tenant id");
  const tenant = cluster.tenants[rawTenant];
  if (tenant === undefined) return notFound(`Tenant not found: ${rawTenant} in cluster ${cluster.id}`);
  return { state, cluster, clusterId: cluster.id, tenantId: tenant.id, key: targetKey(cluster.id, tenant.id) };
}

export function isResponse(v: Target | EmuResponse): v is EmuResponse {
  return "status" in v;
}

function what(t: Target): string {
  return t.tenantId === undefined ? `cluster ${t.clusterId}` : `tenant ${t.tenantId} of cluster ${t.clusterId}`;
}

export function backupObject(t: Target): Record<string, unknown> {
  return t.tenantId === undefined
    ? { clusterId: t.clusterId, backupDimension: "CLUSTER" }
    : { clusterId: t.clusterId, tenantId: t.tenantId, backupDimension: "TENANT" };
}

function opsResponse(ctx: EmuContext, type: string, t: Target, task: StoredTask): EmuResponse {
  return ok(ctx, {
    obBackupTaskType: type,
    backupObjectOpsResultList: [{ obBackupObjectList: [backupObject(t)], beSuccessful: true, taskIdList: [task.id] }],
  });
}

/** One task per strategy at a time: a change while one runs is refused per object, under HTTP 200. */
function busy(ctx: EmuContext, type: string, t: Target): EmuResponse | undefined {
  const running = runningTaskOn(t.state, t.key, ctx);
  if (running === undefined) return undefined;
  return ok(ctx, {
    obBackupTaskType: type,
    backupObjectOpsResultList: [
      {
        obBackupObjectList: [backupObject(t)],
        beSuccessful: false,
        taskIdList: [],
        errorCode: "OB_BACKUP_TASK_RUNNING",
        hint: `Task ${running.id} (${running.name}) is still running on the backup strategy of ${what(t)}; retry after it has ended`,
      },
    ],
  });
}

type Accepted = { body: Record<string, unknown> } | { refused: EmuResponse };

/** The parsed, validated body, or the 400 to answer. */
function acceptedBody(req: EmuRequest, t: Target): Accepted {
  let body: unknown;
  try {
    body = JSON.parse(req.rawBody.toString("utf8"));
  } catch {
    return { refused: illegalArgument("(body)", "must be a JSON object") };
  }
  const violations = validateStrategyBody(body, { clusterId: t.clusterId, ...(t.tenantId !== undefined ? { tenantId: t.tenantId } : {}) });
  const first = violations[0];
  if (first !== undefined) {
    const subErrors = violations.map((v) => ({ target: v.field, message: v.rule }));
    return { refused: fail(400, OcpErrorCode.ILLEGAL_ARGUMENT, `Invalid argument: ${first.field} ${first.rule}`, first.field, subErrors) };
  }
  const accepted = body as Record<string, unknown>;
  const mode = accepted["backupMode"];
  const ability = t.cluster.backupAbility;
  if (ability !== "LOGICAL_AND_PHYSICAL" && mode !== ability) {
    return { refused: illegalArgument("backupMode", `${String(mode)} is not supported by cluster ${t.clusterId} (backup ability ${ability})`) };
  }
  return { body: accepted };
}

function noStrategy(t: Target): EmuResponse {
  return notFound(`No backup strategy is configured for ${what(t)}`);
}

function create(req: EmuRequest, ctx: EmuContext): EmuResponse {
  const t = resolveTarget(req, ctx);
  if (isResponse(t)) return t;
  const accepted = acceptedBody(req, t);
  if ("refused" in accepted) return accepted.refused;
  if (t.state.strategies[t.key] !== undefined) {
    return fail(409, OcpErrorCode.STRATEGY_ALREADY_EXISTS, `A backup strategy already exists for ${what(t)}; modify or delete it instead`);
  }
  const type = "CREATE_BACKUP_STRATEGY";
  const refused = busy(ctx, type, t);
  if (refused) return refused;
  const now = ctx.clock.now();
  const stored = storableBody(accepted.body);
  const schedule = stored["obBackupScheduleConfig"] as Record<string, unknown>;
  schedule["backupScheduleEnabled"] ??= true;
  t.state.strategies[t.key] = {
    id: t.state.nextStrategyId++,
    createdAt: now,
    updatedAt: now,
    clusterId: t.clusterId,
    ...(t.tenantId !== undefined ? { tenantId: t.tenantId } : {}),
    body: stored,
  };
  const task = newTask(ctx, t.state, { name: "Create backup strategy", obBackupTaskType: type, ...ids(t), storageUrl: primaryStorageUrl(stored) });
  return opsResponse(ctx, type, t, task);
}

function ids(t: Target): { clusterId: number; tenantId?: number } {
  return { clusterId: t.clusterId, ...(t.tenantId !== undefined ? { tenantId: t.tenantId } : {}) };
}

function get(req: EmuRequest, ctx: EmuContext): EmuResponse {
  const t = resolveTarget(req, ctx);
  if (isResponse(t)) return t;
  const s = t.state.strategies[t.key];
  return s === undefined ? noStrategy(t) : ok(ctx, renderStrategy(s, t.cluster));
}

function modify(req: EmuRequest, ctx: EmuContext): EmuResponse {
  const t = resolveTarget(req, ctx);
  if (isResponse(t)) return t;
  const s = t.state.strategies[t.key];
  if (s === undefined) return noStrategy(t);
  const accepted = acceptedBody(req, t);
  if ("refused" in accepted) return accepted.refused;
  const type = "MODIFY_BACKUP_STRATEGY";
  const refused = busy(ctx, type, t);
  if (refused) return refused;
  const stored = storableBody(accepted.body);
  const schedule = stored["obBackupScheduleConfig"] as Record<string, unknown>;
  const previous = (s.body["obBackupScheduleConfig"] as Record<string, unknown> | undefined)?.["backupScheduleEnabled"];
  schedule["backupScheduleEnabled"] ??= previous ?? true;
  s.body = stored;
  s.updatedAt = ctx.clock.now();
  const task = newTask(ctx, t.state, { name: "Modify backup strategy", obBackupTaskType: type, ...ids(t), storageUrl: primaryStorageUrl(stored) });
  return opsResponse(ctx, type, t, task);
}

function remove(req: EmuRequest, ctx: EmuContext): EmuResponse {
  const t = resolveTarget(req, ctx);
  if (isResponse(t)) return t;
  const s = t.state.strategies[t.key];
  if (s === undefined) return noStrategy(t);
  const type = "DELETE_BACKUP_STRATEGY";
  const refused = busy(ctx, type, t);
  if (refused) return refused;
  delete t.state.strategies[t.key];
  const task = newTask(ctx, t.state, { name: "Delete backup strategy", obBackupTaskType: type, ...ids(t), storageUrl: primaryStorageUrl(s.body) });
  return opsResponse(ctx, type, t, task);
}

function schedule(enabled: boolean): (req: EmuRequest, ctx: EmuContext) => EmuResponse {
  return (req, ctx) => {
    const t = resolveTarget(req, ctx);
    if (isResponse(t)) return t;
    const s = t.state.strategies[t.key];
    if (s === undefined) return noStrategy(t);
    const type = enabled ? "START_BACKUP_SCHEDULE" : "STOP_BACKUP_SCHEDULE";
    const refused = busy(ctx, type, t);
    if (refused) return refused;
    const config = s.body["obBackupScheduleConfig"];
    if (isObject(config)) config["backupScheduleEnabled"] = enabled;
    s.updatedAt = ctx.clock.now();
    const name = enabled ? "Start backup schedule" : "Stop backup schedule";
    const task = newTask(ctx, t.state, { name, obBackupTaskType: type, ...ids(t), storageUrl: primaryStorageUrl(s.body) });
    return opsResponse(ctx, type, t, task);
  };
}

function ability(req: EmuRequest, ctx: EmuContext): EmuResponse {
  const t = resolveTarget(req, ctx);
  if (isResponse(t)) return t;
  return ok(ctx, { backupAbility: t.cluster.backupAbility, obDataBackupSupportAbility: t.cluster.obDataBackupSupportAbility });
}

function task(req: EmuRequest, ctx: EmuContext): EmuResponse {
  const raw = req.params["taskInstanceId"] ?? "";
  if (!ID.test(raw)) return illegalArgument("taskInstanceId", "must be a positive integer");
  const found = stateOf(ctx).tasks[raw];
  return found === undefined ? notFound(`Task instance not found: ${raw}`) : ok(ctx, renderTask(found, ctx));
}

export const ocpRoutes: Route[] = [
  { method: "POST", pattern: CLUSTER_STRATEGY, handler: create },
  { method: "GET", pattern: CLUSTER_STRATEGY, handler: get },
  { method: "PATCH", pattern: CLUSTER_STRATEGY, handler: modify },
  { method: "DELETE", pattern: CLUSTER_STRATEGY, handler: remove },
  { method: "POST", pattern: TENANT_STRATEGY, handler: create },
  { method: "GET", pattern: TENANT_STRATEGY, handler: get },
  { method: "PATCH", pattern: TENANT_STRATEGY, handler: modify },
  { method: "DELETE", pattern: TENANT_STRATEGY, handler: remove },
  { method: "POST", pattern: `${CLUSTER_STRATEGY}/stopSchedule`, handler: schedule(false) },
  { method: "POST", pattern: `${CLUSTER_STRATEGY}/startSchedule`, handler: schedule(true) },
  { method: "GET", pattern: "/api/v2/ob/clusters/:clusterId/backup/ability", handler: ability },
  { method: "GET", pattern: "/api/v2/tasks/instances/:taskInstanceId", handler: task },
];
