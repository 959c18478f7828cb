// OCP's on-demand backup (docs/api-ocp.md#back-up-now): POST …/backup/backupNow for a cluster, or for one of its
// tenants. Each accepted call is recorded in state.backups (so tests can count them) and starts one task, RUNNING
// until ocp.taskMs has passed, then SUCCESSFUL, or FAILED when the storageUrl holds the emulator-fail-task marker
// (as for strategy tasks). Choices where the docs are silent, each [inferred]:
//   - the answer is a BackupCommonResponse (as every backup operation's) with obBackupTaskType "BACKUP_NOW" and the
//     one task's id in taskIdList; the task is named "Backup now" and is of type MANUAL;
//   - the call does not need a backup strategy (its body carries its own storage) and is not refused while another
//     backup or a strategy task runs; its task never blocks a strategy change (it runs in its own lane);
//   - a backupMode outside the cluster's backupAbility, or a dataBackupMode the cluster has switched off
//     (obDataBackupSupportAbility), → 400, as for strategies.
import type { EmuContext, EmuRequest, EmuResponse, Route } from "../core/types";
import { fail, illegalArgument, ok, OcpErrorCode } from "./envelope";
import { backupObject, isResponse, resolveTarget, type Target } from "./routes";
import { newTask, primaryStorageUrl, storableBody } from "./state";
import { validateBackupNowBody } from "./validate";
import { backupLengthMs } from "../core/backup-time";

/** The task type the answer names [inferred: not documented for backupNow]. */
export const BACKUP_NOW_TASK_TYPE = "BACKUP_NOW";
/** The name of the task a backupNow starts [inferred: OCP does not document it]. */
export const BACKUP_NOW_TASK_NAME = "Backup now";
/** Duration key: ms per GB of the target's data added to a backupNow task's ocp.taskMs; 0 (default): off. */
export const BACKUP_NOW_PER_GB_KEY = "ocp.backupNowMsPerGb";

/** The 400 for a body the docs refuse, or undefined when it is acceptable. */
function refusedBody(body: unknown, t: Target): EmuResponse | undefined {
  const violations = validateBackupNowBody(body, { clusterId: t.clusterId, ...(t.tenantId !== undefined ? { tenantId: t.tenantId } : {}) });
  const first = violations[0];
  if (first === undefined) return undefined;
  const subErrors = violations.map((v) => ({ target: v.field, message: v.rule }));
  return fail(400, OcpErrorCode.ILLEGAL_ARGUMENT, `Invalid argument: ${first.field} ${first.rule}`, first.field, subErrors);
}

/** The cluster's backup ability [docs: Query backup capabilities of a cluster] decides what it can back up. */
function refusedByAbility(body: Record<string, unknown>, t: Target): EmuResponse | undefined {
  const ability = t.cluster.backupAbility;
  const mode = body["backupMode"];
  if (ability !== "LOGICAL_AND_PHYSICAL" && mode !== ability) {
    return illegalArgument("backupMode", `${String(mode)} is not supported by cluster ${t.clusterId} (backup ability ${ability})`);
  }
  const support = t.cluster.obDataBackupSupportAbility;
  const data = body["dataBackupMode"];
  if ((data === "FULL_BACKUP" && !support.fullBackupEnabled) || (data === "INCREMENTAL_BACKUP" && !support.incrementBackupEnabled)) {
    return illegalArgument("dataBackupMode", `${String(data)} is switched off for cluster ${t.clusterId} (obDataBackupSupportAbility)`);
  }
  return undefined;
}

function backupNow(req: EmuRequest, ctx: EmuContext): EmuResponse {
  const t = resolveTarget(req, ctx);
  if (isResponse(t)) return t;
  let body: unknown;
  try {
    body = JSON.parse(req.rawBody.toString("utf8"));
  } catch {
    return illegalArgument("(body)", "must be a JSON object");
  }
  const refused = refusedBody(body, t) ?? refusedByAbility(body as Record<string, unknown>, t);
  if (refused) return refused;
  const accepted = body as Record<string, unknown>;
  const stored = storableBody(accepted);
  delete stored["obBackupObject"]; // the target is the path
  // A backup's length grows with the data of its target (core/backup-time.ts), varied per task by its id.
  const sizeGb = (t.tenantId !== undefined ? t.cluster.tenants[String(t.tenantId)]?.dataSizeGb : t.cluster.dataSizeGb) ?? 0;
  const durationMs = backupLengthMs(ctx.duration("ocp.taskMs"), ctx.duration(BACKUP_NOW_PER_GB_KEY), sizeGb, `ocp-task-${t.state.nextTaskId}`);
  const task = newTask(ctx, t.state, {
    durationMs,
    name: BACKUP_NOW_TASK_NAME,
    obBackupTaskType: BACKUP_NOW_TASK_TYPE,
    clusterId: t.clusterId,
    ...(t.tenantId !== undefined ? { tenantId: t.tenantId } : {}),
    storageUrl: primaryStorageUrl(stored),
    lane: "backupNow",
  });
  const id = t.state.nextBackupId++;
  t.state.backups[String(id)] = {
    id,
    clusterId: t.clusterId,
    ...(t.tenantId !== undefined ? { tenantId: t.tenantId } : {}),
    backupMode: String(accepted["backupMode"]),
    dataBackupMode: String(accepted["dataBackupMode"]),
    body: stored,
    taskId: task.id,
    createdAt: ctx.clock.now(),
  };
  ctx.markDirty();
  return ok(ctx, {
    obBackupTaskType: BACKUP_NOW_TASK_TYPE,
    backupObjectOpsResultList: [{ obBackupObjectList: [backupObject(t)], beSuccessful: true, taskIdList: [task.id] }],
  });
}

export const backupNowRoutes: Route[] = [
  // [docs: Initiate a data backup for a cluster / for a tenant]
  { method: "POST", pattern: "/api/v2/ob/clusters/:clusterId/backup/backupNow", handler: backupNow },
  { method: "POST", pattern: "/api/v2/ob/clusters/:clusterId/tenants/:tenantId/backup/backupNow", handler: backupNow },
];
