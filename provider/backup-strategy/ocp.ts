// BackupStrategy on OCP (the default platform): the singleton scheduled-backup strategy of a cluster, or of a tenant with tenantId.
// create adopts a strategy that already exists (PATCH) or creates one (POST); every change is followed through its
// OCP tasks within timeoutMinutes; a change whose task timed out or failed is recorded as a partial failure, since
// the strategy exists. Pausing the schedule needs no stopSchedule/startSchedule call: the PATCH body carries
// obBackupScheduleConfig.backupScheduleEnabled, which OCP applies like every other setting.
import { DeadlineExceededError, OperationFailedError, ApiError } from "../../sdk/errors";
import type { OcpBackupOperation, OcpClient } from "../../sdk/ocp/client";
import type { OcpBackupStrategy } from "../../sdk/ocp/schemas";
import { argsToProps, parseArgs, type BackupStrategyInputs } from "./args";
import { DEFAULT_TIMEOUT_MINUTES } from "./spec";
import { MAX_TIMEOUT_MINUTES } from "../common-args";
import { changedArguments } from "./diff";
import { describeTarget, formatStrategyId, parseStrategyId, type StrategyTarget } from "./id";
import { bodyFromServer } from "./normalise";
import { outputsOf, serverOutputs, serverOutputsIn, taskOutcomeIn, type TaskOutcome } from "./outputs";
import { requireAbility } from "./ability";
import { withSecretsFrom } from "./secrets";
import { describeFailedTask, followTasks, isTaskRunningRefusal, TASK_RUNNING_CODE, type TaskWait } from "./wait";
import { startDeadline, statusLine, type Deadline } from "../wait";
import { sendResolved, UnansweredError, type Resolved } from "../uncertain";
import { confirmedGone, isNotFound, requireParent } from "../gone";
import { PartialFailureError, waitRanOut } from "../partial-failure";
import type { CreateResult, HandlerContext, Props, ReadResult, UpdateResult } from "../types";

function label(t: StrategyTarget): string {
  return `BackupStrategy of ${describeTarget(t)}`;
}

function busyTooLong(what: string, timeoutMinutes: number, cause: DeadlineExceededError): DeadlineExceededError {
  return new DeadlineExceededError(
    `${what}: OCP was still busy with another task on this strategy when timeoutMinutes (${timeoutMinutes}) ran out, so nothing was changed; ` +
      "run `pulumi up` again once that task has ended, or raise timeoutMinutes",
    { platform: "ocp", operation: cause.operation ?? "ocp.backupStrategy", cause },
  );
}

/**
 * Sends a change (POST or PATCH), waiting while OCP is busy with another task on the strategy. An answer that is not
 * definite (provider/uncertain.ts): a POST is looked up (the strategy found is adopted with a PATCH; certainly absent,
 * it is posted again); a PATCH only sets the settings, so it is sent again.
 */
async function change(
  what: string,
  kind: "POST" | "PATCH",
  send: () => Promise<OcpBackupOperation>,
  client: OcpClient,
  a: BackupStrategyInputs,
  deadline: Deadline,
  ctx: HandlerContext,
): Promise<Resolved<OcpBackupOperation, OcpBackupStrategy>> {
  try {
    return await sendResolved<OcpBackupOperation, OcpBackupStrategy>({
      platform: "ocp",
      what: `the ${kind === "POST" ? "creation" : "change"} of the ${what}`,
      where: `the backup strategy of ${describeTarget(a.target)} in OCP`,
      send,
      lookUp: () => client.getBackupStrategy(a.target),
      idempotent: kind === "PATCH",
      busy: (e) => (isTaskRunningRefusal(e) ? `OCP is busy with another task on this strategy (${e.hint ?? TASK_RUNNING_CODE}); retrying` : undefined),
      onStatus: (r) => ctx.progress(statusLine(what, r)),
      absentLine: `${what}: the answer to the create request was lost and OCP shows no strategy; sending it again`,
      adoptedLine: (found) => `${what}: the answer to the create request was lost, but the strategy exists (OCP id ${found.id}); adopting it and applying this program's settings`,
      deadline,
      ctx,
    });
  } catch (e) {
    if (e instanceof DeadlineExceededError && !(e instanceof UnansweredError)) throw busyTooLong(what, a.timeoutMinutes, e);
    throw e;
  }
}

/** A PATCH: its answer, the task ids to follow. */
async function patched(client: OcpClient, a: BackupStrategyInputs, deadline: Deadline, ctx: HandlerContext): Promise<OcpBackupOperation> {
  const r = await change(label(a.target), "PATCH", () => client.modifyBackupStrategy(a.target, a.body), client, a, deadline, ctx);
  if (r.kind === "answered") return r.value;
  throw new Error(`${label(a.target)}: internal error: a PATCH is never looked up`);
}

async function adopt(client: OcpClient, a: BackupStrategyInputs, deadline: Deadline, ctx: HandlerContext): Promise<OcpBackupOperation> {
  return patched(client, a, deadline, ctx);
}

/** POST; a strategy found after an uncertain answer or a 409 (created meanwhile) is adopted: POST again only when certainly absent. */
async function createOrAdopt(client: OcpClient, a: BackupStrategyInputs, deadline: Deadline, ctx: HandlerContext): Promise<OcpBackupOperation> {
  const what = label(a.target);
  let r: Resolved<OcpBackupOperation, OcpBackupStrategy>;
  try {
    r = await change(what, "POST", () => client.createBackupStrategy(a.target, a.body), client, a, deadline, ctx);
  } catch (e) {
    if (!(e instanceof ApiError && e.httpStatus === 409)) throw e;
    const existing = await client.getBackupStrategy(a.target);
    if (existing === undefined) throw e;
    ctx.progress(`${what}: a strategy (OCP id ${existing.id}) appeared meanwhile; adopting it and applying this program's settings`);
    return adopt(client, a, deadline, ctx);
  }
  // Found after an uncertain answer: the task ids were lost with it, so the settings are applied again (a PATCH).
  return r.kind === "answered" ? r.value : adopt(client, a, deadline, ctx);
}

/**
 * After a change: follows its tasks (when waitForCompletion), reads the strategy back and returns all outputs, or
 * throws PartialFailureError (the strategy exists) when a task timed out or failed.
 */
async function finish(client: OcpClient, a: BackupStrategyInputs, taskIds: number[], deadline: Deadline, ctx: HandlerContext, earlier: Props = {}): Promise<Props> {
  const id = formatStrategyId(a.target);
  const what = label(a.target);
  const ids = taskIds.join(", ");
  let wait: TaskWait | undefined;
  let server: OcpBackupStrategy | undefined;
  try {
    wait = a.waitForCompletion ? await followTasks(client, taskIds, deadline, what, ctx) : undefined;
    server = await client.getBackupStrategy(a.target);
  } catch (e) {
    // OCP accepted the change (it answered its tasks), so the strategy exists: record it, and let the next
    // `pulumi up` resume the wait on the same tasks (taskStatus RUNNING), never a plain error that loses it.
    const unfinished = outputsOf(argsToProps(a), serverOutputsIn(earlier), { taskIds, taskStatus: a.waitForCompletion ? "RUNNING" : "SUBMITTED" });
    throw new PartialFailureError(
      id,
      unfinished,
      [
        `${what}: OCP accepted the settings (task${taskIds.length === 1 ? "" : "s"} ${ids}), but reading ${a.waitForCompletion ? "their status" : "the strategy back"} failed: ` +
          `${e instanceof Error ? e.message : String(e)}. The strategy exists and is recorded in the stack: the next \`pulumi up\` resumes the wait.`,
      ],
      { cause: e },
    );
  }
  const facts = server ? serverOutputs(server) : serverOutputsIn(earlier);
  const outcome: TaskOutcome = { taskIds, taskStatus: wait?.status ?? "SUBMITTED" };
  const outs = outputsOf(argsToProps(a), facts, outcome);
  if (wait?.status === "RUNNING") {
    const tasks = `OCP task${taskIds.length === 1 ? "" : "s"} ${ids} of ${what} (OCP accepted the settings)`;
    throw waitRanOut(id, outs, { what: tasks, awaited: "done", elapsed: deadline.elapsed(), timeoutMinutes: a.timeoutMinutes, ...(wait.last ? { lastStatus: wait.last } : {}) });
  }
  if (wait?.status === "FAILED") {
    const failed = describeFailedTask(wait);
    if (server === undefined) throw new OperationFailedError(`${what}: ${failed}, and OCP shows no strategy; see the task in OCP, then run \`pulumi up\` again`, { platform: "ocp" });
    throw new PartialFailureError(id, outs, [
      `${what}: ${failed}. The strategy exists and is recorded with this program's settings, but OCP did not apply them: ` +
        "see the task in OCP, fix its cause, then run `pulumi up` again to send the settings again.",
    ]);
  }
  if (server === undefined && wait !== undefined) {
    throw new OperationFailedError(`${what}: OCP reported the change done, but shows no strategy; run \`pulumi refresh\`, then \`pulumi up\``, { platform: "ocp" });
  }
  return outs;
}

export async function createOcpStrategy(inputs: Props, ctx: HandlerContext): Promise<CreateResult> {
  const a = parseArgs(inputs);
  const client = ctx.clients.ocp();
  const deadline = startDeadline(a.timeoutMinutes, ctx.clock);
  await requireAbility(client, a.target, a.body);
  const existing = await client.getBackupStrategy(a.target);
  let op: OcpBackupOperation;
  if (existing !== undefined) {
    ctx.progress(`${label(a.target)}: a strategy already exists (OCP id ${existing.id}); adopting it and applying this program's settings`);
    op = await adopt(client, a, deadline, ctx);
  } else {
    op = await createOrAdopt(client, a, deadline, ctx);
  }
  return { id: formatStrategyId(a.target), outs: await finish(client, a, op.taskIds, deadline, ctx) };
}

function waitingSettingsFrom(props: Props): Props {
  const out: Props = {};
  if (typeof props["waitForCompletion"] === "boolean") out["waitForCompletion"] = props["waitForCompletion"];
  const t = props["timeoutMinutes"];
  if (typeof t === "number" && t > 0 && t <= MAX_TIMEOUT_MINUTES) out["timeoutMinutes"] = t;
  return out;
}

export async function readOcpStrategy(id: string, props: Props, ctx: HandlerContext): Promise<ReadResult | undefined> {
  const target = parseStrategyId(id);
  const client = ctx.clients.ocp();
  const server = await client.getBackupStrategy(target);
  if (server === undefined) {
    await requireParent(`OCP cluster ${target.clusterId}`, () => client.probeCluster(target.clusterId), `${label(target)}: OCP answered not found`);
    return undefined;
  }
  // Secrets OCP never returns come from the last state; on import there is none, and diff then ignores them.
  const inputs: Props = {
    platform: "ocp",
    clusterId: target.clusterId,
    ...(target.tenantId !== undefined ? { tenantId: target.tenantId } : {}),
    ...withSecretsFrom(bodyFromServer(server), props),
    ...waitingSettingsFrom(props),
  };
  const tasks = taskOutcomeIn(props);
  return { id, inputs, props: { ...inputs, ...serverOutputs(server), ...(tasks ?? {}) } };
}

export async function updateOcpStrategy(id: string, olds: Props, news: Props, ctx: HandlerContext): Promise<UpdateResult> {
  const parsed = parseArgs(news);
  const a: BackupStrategyInputs = { ...parsed, target: parseStrategyId(id) };
  const client = ctx.clients.ocp();
  const what = label(a.target);
  const deadline = startDeadline(a.timeoutMinutes, ctx.clock);
  const previous = taskOutcomeIn(olds);

  if (changedArguments(olds, news).body.length === 0 && previous?.taskStatus !== "FAILED") {
    // Only waitForCompletion/timeoutMinutes changed, or the engine retries a create that ended in a partial
    // failure: nothing to send; finish an unfinished wait if one is wanted.
    if (!(a.waitForCompletion && previous !== undefined && (previous.taskStatus === "RUNNING" || previous.taskStatus === "SUBMITTED"))) {
      return { outs: { ...argsToProps(a), ...serverOutputsIn(olds), ...(previous ?? {}) } };
    }
    try {
      return { outs: await finish(client, a, previous.taskIds, deadline, ctx, olds) };
    } catch (e) {
      // The change it waited for ended FAILED, so OCP did not apply the settings this `pulumi up` asks for: send them
      // again below, as the next run would (any other outcome stands).
      if (!(e instanceof PartialFailureError && e.properties["taskStatus"] === "FAILED")) throw e;
      ctx.progress(`${what}: OCP task${previous.taskIds.length === 1 ? "" : "s"} ${previous.taskIds.join(", ")} ended FAILED; sending the settings again`);
    }
  }

  await requireAbility(client, a.target, a.body);
  let op: OcpBackupOperation;
  try {
    op = await patched(client, a, deadline, ctx);
  } catch (e) {
    if (isNotFound(e)) {
      throw new OperationFailedError(
        `${what}: OCP no longer has this strategy (deleted outside Pulumi?); run \`pulumi refresh\` to drop it from the state, then \`pulumi up\` to create it again`,
        { platform: "ocp", cause: e },
      );
    }
    throw e;
  }
  return { outs: await finish(client, a, op.taskIds, deadline, ctx, olds) };
}

export async function deleteOcpStrategy(id: string, props: Props, ctx: HandlerContext): Promise<void> {
  const target = parseStrategyId(id);
  const what = label(target);
  const settings = waitingSettingsFrom(props);
  const timeoutMinutes = typeof settings["timeoutMinutes"] === "number" ? settings["timeoutMinutes"] : DEFAULT_TIMEOUT_MINUTES;
  const client = ctx.clients.ocp();
  const deadline = startDeadline(timeoutMinutes, ctx.clock);
  let op: OcpBackupOperation;
  try {
    // An answer that is not definite: the strategy tells (gone: deleted); still there: the DELETE is sent again.
    const r = await sendResolved<OcpBackupOperation, "gone">({
      platform: "ocp",
      what: `the deletion of the ${what}`,
      where: `the backup strategy of ${describeTarget(target)} in OCP`,
      send: () => client.deleteBackupStrategy(target),
      lookUp: async () => ((await client.getBackupStrategy(target)) === undefined ? "gone" : undefined),
      busy: (e) => (isTaskRunningRefusal(e) ? `OCP is busy with another task on this strategy (${e.hint ?? TASK_RUNNING_CODE}); retrying` : undefined),
      onStatus: (r) => ctx.progress(statusLine(what, r)),
      adoptedLine: () => `${what}: the answer to the deletion was lost, but OCP no longer has the strategy: deleted`,
      deadline,
      ctx,
    });
    if (r.kind === "found") return;
    op = r.value;
  } catch (e) {
    if (await confirmedGone(e, `OCP cluster ${target.clusterId}`, () => client.probeCluster(target.clusterId))) {
      ctx.progress(`${what}: already gone from OCP; nothing to delete`);
      return;
    }
    if (e instanceof DeadlineExceededError && !(e instanceof UnansweredError)) {
      throw new DeadlineExceededError(
        `${what}: OCP was still busy with another task on this strategy when timeoutMinutes (${timeoutMinutes}) ran out, so it was not deleted; run the deletion again later`,
        { platform: "ocp", cause: e },
      );
    }
    throw e;
  }
  if (settings["waitForCompletion"] === false) return;
  const wait = await followTasks(client, op.taskIds, deadline, what, ctx);
  if (wait.status === "RUNNING") {
    throw new DeadlineExceededError(
      `${what}: OCP accepted the deletion, but task${op.taskIds.length === 1 ? "" : "s"} ${op.taskIds.join(", ")} had not ended when timeoutMinutes (${timeoutMinutes}) ran out (${wait.detail}); ` +
        "run the deletion again to finish it (a strategy already gone counts as deleted)",
      { platform: "ocp" },
    );
  }
  if (wait.status === "FAILED") {
    throw new OperationFailedError(`${what}: ${describeFailedTask(wait)} while deleting; see the task in OCP, then run the deletion again`, { platform: "ocp" });
  }
}
