// ManualBackup on OCP (docs/api-ocp.md#back-up-now, #task-status and #task-list): a backupNow of a cluster or of one
// of its tenants, followed through OCP's tasks until each ends, read back from the id alone (the cluster, the tenant
// and the first task are in it). OCP documents no delete of a backup: delete only forgets it, and says so.
//
// Before sending, the cluster's backup ability is asked for: a backupMode it lacks, or a dataBackupMode it has switched
// off, is refused naming the argument, and nothing is sent (as BackupStrategy does).
//
// An answer to the POST that is not definite (a reset or a timeout after sending, a 5xx, an unreadable body: the rule
// in provider/uncertain.ts): the backup may have been started, so the task list is looked up before anything is sent
// again. Just before the POST, the MANUAL tasks of the cluster (or the
// tenant) are listed (the newest 2000, the documented page bound); after a lost answer, a task of that target which
// was not in that listing is the one the call started. Exactly one → adopted; none within a short grace period → the
// call is sent again (within the deadline); several → nothing is sent and the error names them (the provider cannot tell which is
// ours). backupNow calls for one target are serialised in this process (serial.ts), so a sibling ManualBackup's task
// is never taken for ours. OCP does not document the name of a backupNow task, so names are not matched [inferred].
import { InvalidInputError } from "../../sdk/errors";
import type { OcpClient, OcpStrategyTarget } from "../../sdk/ocp/client";
import { MAX_TASK_PAGE_SIZE, type OcpTaskInstance, type OcpTaskSummary } from "../../sdk/ocp/schemas";
import { toObTime } from "../../sdk/oceanbase/inputs";
import { withoutUndefined } from "../../sdk/validate";
import { confirmedGone, isNotFound } from "../gone";
import type { CreateResult, HandlerContext, Props, ReadResult } from "../types";
import { startDeadline, type Deadline } from "../wait";
import { parseState, type OcpBackupArgs } from "./args";
import { manualBackupId, type OcpBackupRef } from "./id";
import { outputsOf, type Observed } from "./outputs";
import { serially } from "./serial";
import { waitForUsable, type Observation } from "./wait";
import { expectationOf, isoMs } from "./history";
import type { Expectation } from "../../sdk/pacing";
import { sendResolved, Undecidable } from "../uncertain";

/** The cluster (and tenant) a backup is of. */
interface OcpTarget {
  clusterId: number;
  tenantId?: number;
}

function describeTarget(t: OcpTarget): string {
  return t.tenantId === undefined ? `OCP backup of cluster ${t.clusterId}` : `OCP backup of tenant ${t.tenantId} of cluster ${t.clusterId}`;
}

function describeBackup(t: OcpTarget, taskId: string): string {
  return `${describeTarget(t)} (task ${taskId})`;
}

function sdkTarget(t: OcpTarget): OcpStrategyTarget {
  return t.tenantId === undefined ? { clusterId: t.clusterId } : { clusterId: t.clusterId, tenantId: t.tenantId };
}

/** OCP's "2021-09-07T14:51:41.135+08:00" as ISO-8601 UTC, whole seconds; unreadable text as is. */
function isoUtc(ocpTime: string | null | undefined): string | undefined {
  const ms = isoMs(ocpTime);
  return ms === undefined ? (ocpTime ?? undefined) : toObTime(ms);
}

/**
 * What the outputs show of a backup's tasks: FAILED when one failed, SUCCESSFUL when all did, else the first
 * unfinished task's status; begun when the first began, ended when the last ended.
 */
export function observeTasks(backupId: string, tasks: readonly OcpTaskInstance[]): Observation {
  const failed = tasks.find((t) => t.status === "FAILED");
  const running = tasks.find((t) => t.status !== "SUCCESSFUL" && t.status !== "FAILED");
  const status = failed ? "FAILED" : (running?.status ?? "SUCCESSFUL");
  const ends = tasks.map((t) => t.finishTime);
  const ended = status === "SUCCESSFUL" || status === "FAILED" ? ends.filter((e): e is string => typeof e === "string").sort().at(-1) : undefined;
  const first = tasks[0];
  const observed: Observed = withoutUndefined({
    backupId,
    status,
    taskIds: tasks.map((t) => t.id),
    beginTime: isoUtc(first?.startTime ?? first?.createTime),
    endTime: isoUtc(ended),
  });
  return withoutUndefined({ observed, detail: failed ? `OCP task ${failed.id}${failed.name ? ` (${failed.name})` : ""} ended FAILED` : undefined });
}

/** Every task, or undefined when OCP no longer describes one of them (404). */
async function lookTasks(client: OcpClient, taskIds: readonly number[]): Promise<OcpTaskInstance[] | undefined> {
  const tasks: OcpTaskInstance[] = [];
  for (const id of taskIds) {
    try {
      tasks.push(await client.getTask(id));
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  }
  return tasks;
}

// ---------------------------------------------------------------------------------------------------------------
// Before sending: the cluster's ability (docs/api-ocp.md#backup-ability).

async function requireBackupAbility(client: OcpClient, a: OcpBackupArgs): Promise<void> {
  const ability = await client.getBackupAbility(a.clusterId);
  const modes = ability.backupAbility === "LOGICAL_AND_PHYSICAL" ? ["LOGICAL_BACKUP", "PHYSICAL_BACKUP"] : [ability.backupAbility];
  if (!modes.includes(a.backupMode)) {
    const rule = `${JSON.stringify(a.backupMode)} is not supported by OCP cluster ${a.clusterId}, whose backup ability is ${ability.backupAbility}; nothing was sent`;
    throw new InvalidInputError("backupMode", rule, { platform: "ocp" });
  }
  // A flag the server leaves out counts as allowed: only what OCP says it cannot do is refused.
  const support = ability.obDataBackupSupportAbility;
  const full = a.dataBackupMode === "FULL_BACKUP";
  if ((full ? support?.fullBackupEnabled : support?.incrementBackupEnabled) === false) {
    const rule = `${JSON.stringify(a.dataBackupMode)}: OCP cluster ${a.clusterId} has ${full ? "full" : "incremental"} backups switched off (obDataBackupSupportAbility); nothing was sent`;
    throw new InvalidInputError("dataBackupMode", rule, { platform: "ocp" });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Starting, and a lost answer (the rule in the top comment).

interface TaskSnapshot {
  /** The target's MANUAL tasks listed, for their start and end times. */
  tasks: readonly OcpTaskSummary[];
  ids: ReadonlySet<number>;
  /** The listing filled its page: tasks older than its oldest one were not seen. */
  full: boolean;
  oldest: number;
}

function tenantOf(t: OcpTaskSummary): number | undefined {
  return t.tenantId ?? t.tenant?.id ?? undefined;
}

/** The newest MANUAL tasks of the target (the server filters by cluster and tenant; a cluster's own have no tenant). */
async function targetTasks(client: OcpClient, t: OcpTarget): Promise<{ tasks: OcpTaskSummary[]; full: boolean }> {
  const page = await client.listTasks({ ...sdkTarget(t), type: "MANUAL", size: MAX_TASK_PAGE_SIZE, sort: "id,desc" });
  const tasks = page.contents.filter((task) => (t.tenantId === undefined ? tenantOf(task) === undefined : (tenantOf(task) ?? t.tenantId) === t.tenantId));
  return { tasks, full: page.contents.length >= MAX_TASK_PAGE_SIZE };
}

async function snapshot(client: OcpClient, t: OcpTarget): Promise<TaskSnapshot> {
  const { tasks, full } = await targetTasks(client, t);
  const ids = new Set(tasks.map((task) => task.id));
  return { tasks, ids, full, oldest: Math.min(...ids) };
}

async function newTasks(client: OcpClient, t: OcpTarget, before: TaskSnapshot): Promise<OcpTaskSummary[]> {
  const { tasks } = await targetTasks(client, t);
  return tasks.filter((task) => !before.ids.has(task.id) && (!before.full || task.id > before.oldest));
}

/** The one new task of the target; several are undecidable: the provider cannot tell which one the call started. */
async function startedTask(client: OcpClient, t: OcpTarget, before: TaskSnapshot): Promise<OcpTaskSummary | undefined> {
  const found = await newTasks(client, t, before);
  if (found.length > 1) {
    throw new Undecidable(`OCP lists several new tasks on it (${found.map((task) => `${task.id}${task.name ? ` "${task.name}"` : ""}`).join(", ")}) and the provider cannot tell which one the call started`);
  }
  return found[0];
}

/**
 * Sends backupNow and returns the task ids to follow. An answer that is not definite (provider/uncertain.ts) is
 * resolved by the task list (the rule in the top comment): the task it started is adopted; only when none is listed
 * (within the grace for a late listing) is the call sent again.
 */
async function start(client: OcpClient, a: OcpBackupArgs, deadline: Deadline, ctx: HandlerContext): Promise<{ taskIds: number[]; before: TaskSnapshot }> {
  const what = describeTarget(a);
  const body = { backupMode: a.backupMode, dataBackupMode: a.dataBackupMode, obBackupServiceStorageConfig: a.obBackupServiceStorageConfig };
  const before = await snapshot(client, a);
  const r = await sendResolved({
    platform: "ocp",
    what: `the backupNow of the ${what}`,
    where: `the MANUAL tasks of ${a.tenantId === undefined ? `cluster ${a.clusterId}` : `tenant ${a.tenantId} of cluster ${a.clusterId}`} in OCP's task center`,
    send: () => client.backupNow(sdkTarget(a), body),
    lookUp: () => startedTask(client, a, before),
    listedLate: true,
    absentLine: `the answer to the backupNow of the ${what} was lost and OCP lists no new task on it: sending the request again`,
    adoptedLine: (only) => `the answer to the backupNow of the ${what} was lost; OCP task ${only.id}${only.name ? ` (${only.name})` : ""} is the one it started: adopted`,
    deadline,
    ctx,
  });
  if (r.kind === "found") return { taskIds: [r.value.id], before };
  if (r.value.taskIds.length > 0) return { taskIds: r.value.taskIds, before };
  throw new Error(
    `OCP accepted the backupNow of the ${what} but answered no task id (taskIdList) to follow: the backup may be running; ` +
      "nothing was recorded in the stack. Look for it in OCP's task center before running again: another run starts another backup",
  );
}

// ---------------------------------------------------------------------------------------------------------------
// The handlers.

/**
 * What the target's earlier SUCCESSFUL tasks of the same name say about this one. The name is OCP's own and
 * undocumented for backupNow, so until the first look tells it, the most frequent name among them stands in.
 */
function expectedFrom(before: readonly OcpTaskSummary[], name: () => string | undefined, a: OcpBackupArgs): () => Expectation | undefined {
  const done = before.filter((t) => t.status === "SUCCESSFUL" && typeof t.name === "string");
  const count = new Map<string, number>();
  for (const t of done) count.set(t.name as string, (count.get(t.name as string) ?? 0) + 1);
  const usual = [...count.entries()].sort((x, y) => y[1] - x[1])[0]?.[0];
  const of = a.tenantId === undefined ? `cluster ${a.clusterId}` : `tenant ${a.tenantId} of cluster ${a.clusterId}`;
  return () => {
    const named = name() ?? usual;
    const runs = done.filter((t) => t.name === named).map((t) => ({ startMs: isoMs(t.startTime ?? t.createTime), endMs: isoMs(t.finishTime) }));
    return expectationOf(runs, `"${named ?? ""}" tasks of ${of}`);
  };
}

function usableWait(
  client: OcpClient,
  ref: OcpBackupRef,
  args: Props,
  last: Observed,
  deadline: Deadline,
  ctx: HandlerContext,
  pace: { ageMs?: number; expected?: (name: () => string | undefined) => () => Expectation | undefined } = {},
): Promise<Props> {
  const taskIds = last.taskIds ?? [Number(ref.backupId)];
  let name: string | undefined;
  return waitForUsable({
    ...(pace.ageMs !== undefined ? { ageMs: pace.ageMs } : {}),
    ...(pace.expected !== undefined ? { expected: pace.expected(() => name) } : {}),
    id: manualBackupId(ref),
    args,
    what: describeBackup(ref, ref.backupId),
    label: `OCP task${taskIds.length === 1 ? "" : "s"} ${taskIds.join(", ")}`,
    usable: "SUCCESSFUL",
    last,
    deadline,
    ctx,
    fetch: async () => {
      const tasks = await lookTasks(client, taskIds);
      name = tasks?.[0]?.name ?? name;
      return tasks === undefined ? undefined : observeTasks(ref.backupId, tasks);
    },
  });
}

export async function createOcpBackup(a: OcpBackupArgs, ctx: HandlerContext): Promise<CreateResult> {
  const client = ctx.clients.ocp();
  const deadline = startDeadline(a.timeoutMinutes, ctx.clock);
  await requireBackupAbility(client, a);
  const sentAt = ctx.clock.now();
  const { taskIds, before } = await serially(`ocp/${a.clusterId}/${a.tenantId ?? "*"}`, () => start(client, a, deadline, ctx));
  const backupId = String(taskIds[0]);
  const ref: OcpBackupRef = { platform: "ocp", clusterId: a.clusterId, ...(a.tenantId !== undefined ? { tenantId: a.tenantId } : {}), backupId };
  const id = manualBackupId(ref);
  ctx.progress(`${describeBackup(a, backupId)} started (${a.dataBackupMode}, ${a.backupMode})`);
  // Until the first look, all that is known is that the tasks exist and were just started.
  const last: Observed = { backupId, status: "RUNNING", taskIds };
  if (!a.waitForCompletion) {
    try {
      const tasks = await lookTasks(client, taskIds);
      return { id, outs: outputsOf(a, tasks === undefined ? last : observeTasks(backupId, tasks).observed) };
    } catch {
      // Not waiting: what the call answered is enough; a refresh or the next read fills the rest in.
      return { id, outs: outputsOf(a, last) };
    }
  }
  const pace = { ageMs: ctx.clock.now() - sentAt, expected: (name: () => string | undefined) => expectedFrom(before.tasks, name, a) };
  return { id, outs: await usableWait(client, ref, a, last, deadline, ctx, pace) };
}

/** update(): the wait a partial failure (or waitForCompletion false) left unfinished. */
export async function finishOcpWait(ref: OcpBackupRef, a: OcpBackupArgs, last: Observed, ctx: HandlerContext): Promise<Props> {
  return usableWait(ctx.clients.ocp(), ref, a, last, startDeadline(a.timeoutMinutes, ctx.clock), ctx);
}

/** "Cluster not found" from the cluster itself, while its task answered (so the endpoint is right). */
async function clusterGone(client: OcpClient, clusterId: number): Promise<boolean> {
  try {
    await client.probeCluster(clusterId);
    return false;
  } catch (e) {
    if (isNotFound(e)) return true;
    throw e;
  }
}

/**
 * read() from the id alone: the id holds the cluster, the tenant and the first task; the tasks give the status. OCP's
 * task does not tell the backup's modes nor its storage: they are kept from the previous state (an import has none;
 * see diff.ts). A backup whose task OCP no longer describes, while the cluster answers, is gone; so is one whose
 * cluster OCP no longer has (its task answering proves the endpoint right).
 */
export async function readOcpBackup(ref: OcpBackupRef, props: Props, ctx: HandlerContext): Promise<ReadResult | undefined> {
  const client = ctx.clients.ocp();
  const state = parseState(props);
  const first = Number(ref.backupId);
  const taskIds = state.taskIds !== undefined && state.taskIds[0] === first ? state.taskIds : [first];
  const tasks: OcpTaskInstance[] = [];
  try {
    for (const id of taskIds) tasks.push(await client.getTask(id));
  } catch (e) {
    if (await confirmedGone(e, `OCP cluster ${ref.clusterId}`, () => client.probeCluster(ref.clusterId))) return undefined;
    throw e;
  }
  if (await clusterGone(client, ref.clusterId)) {
    ctx.progress(`${describeBackup(ref, ref.backupId)}: OCP no longer has cluster ${ref.clusterId}, so the backup is no longer managed by OCP; it is dropped from the state`);
    return undefined;
  }
  const inputs = withoutUndefined({
    platform: "ocp",
    clusterId: ref.clusterId,
    tenantId: ref.tenantId,
    backupMode: state.backupMode,
    dataBackupMode: state.dataBackupMode,
    obBackupServiceStorageConfig: state.obBackupServiceStorageConfig,
    waitForCompletion: state.waitForCompletion,
    timeoutMinutes: state.timeoutMinutes,
  });
  return { id: manualBackupId(ref), props: outputsOf(inputs, observeTasks(ref.backupId, tasks).observed), inputs };
}

/** OCP documents no delete of a backup: forget it and say so. Sends nothing. */
export async function deleteOcpBackup(ref: OcpBackupRef, _props: Props, ctx: HandlerContext): Promise<void> {
  ctx.progress(
    `${describeBackup(ref, ref.backupId)}: OCP documents no API to delete a backup, so it is only removed from the Pulumi state; ` +
      "the backup stays in its storage until OCP's own retention (the strategy's cleanup) removes it",
  );
}
