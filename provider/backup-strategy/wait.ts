// Waiting on OCP for a BackupStrategy, within the one deadline of a create/update/delete (now + timeoutMinutes):
// retrying a change OCP refuses because another task still runs on the strategy, and following every task a
// change started until each ends. Outcomes are returned, not thrown, so the handler can record what exists.
import { DeadlineExceededError, OperationFailedError } from "../../sdk/errors";
import type { OcpClient } from "../../sdk/ocp/client";
import { OcpBackupOperationError } from "../../sdk/ocp/errors";
import { pollDefaults } from "../config";
import type { HandlerContext } from "../types";
import { statusLine, waitUntil, type Deadline } from "../wait";

/**
 * OCP's per-object refusal (HTTP 200, beSuccessful:false) while a task runs on the strategy. The code is the
 * emulator's reading: OCP publishes no table of these codes, so it is recognised here and only here.
 */
export const TASK_RUNNING_CODE = "OB_BACKUP_TASK_RUNNING";

export function isTaskRunningRefusal(e: unknown): e is OcpBackupOperationError {
  return e instanceof OcpBackupOperationError && e.errorCode === TASK_RUNNING_CODE;
}

/**
 * Runs a strategy change; while OCP answers that a task still runs on the strategy, waits and sends it again.
 * Throws DeadlineExceededError when OCP is still busy at the deadline (nothing was changed then).
 */
export async function whenNotBusy<T>(what: string, change: () => Promise<T>, deadline: Deadline, ctx: HandlerContext): Promise<T> {
  const result = await waitUntil<{ ok: true; value: T } | { ok: false; error: unknown }>(
    async () => {
      try {
        return { done: true, value: { ok: true, value: await change() } };
      } catch (e) {
        // Any other error ends the wait as it is: the poller would take a retryable one (a 503, a lost
        // response) as "not done yet" and send a change again that the server may already have acted on.
        if (!isTaskRunningRefusal(e)) return { done: true, value: { ok: false, error: e } };
        return { done: false, status: `OCP is busy with another task on this strategy (${e.hint ?? TASK_RUNNING_CODE}); retrying` };
      }
    },
    {
      description: what,
      deadline,
      clock: ctx.clock,
      onStatus: (r) => ctx.progress(statusLine(what, r)),
      platform: "ocp",
      operation: "ocp.backupStrategy",
    },
  );
  if (!result.ok) throw result.error;
  return result.value;
}

export type TaskWait =
  | { status: "SUCCESSFUL" }
  /** The deadline came first; `last` is the status last seen ("task 3000041 RUNNING"), `detail` the poller's words. */
  | { status: "RUNNING"; last?: string; detail: string }
  /** `task` names the one that failed, when OCP still describes it. */
  | { status: "FAILED"; task?: { id: number; name?: string }; detail: string };

/** Follows every task id until each ends, or the deadline passes, or one fails. */
export async function followTasks(client: OcpClient, taskIds: number[], deadline: Deadline, what: string, ctx: HandlerContext): Promise<TaskWait> {
  if (taskIds.length > 0) ctx.progress(`${what}: waiting for OCP task${taskIds.length === 1 ? "" : "s"} ${taskIds.join(", ")}`);
  let last: string | undefined;
  try {
    await client.waitForTasks(taskIds, {
      deadline,
      ...pollDefaults(),
      onStatus: (r) => {
        last = r.status;
        ctx.progress(statusLine(what, r));
      },
    });
    return { status: "SUCCESSFUL" };
  } catch (e) {
    if (e instanceof DeadlineExceededError) return { status: "RUNNING", ...(last !== undefined ? { last } : {}), detail: e.message };
    if (e instanceof OperationFailedError) return { status: "FAILED", ...(await failedTask(client, taskIds)), detail: e.message };
    throw e;
  }
}

/** Which task failed, asked of OCP (the poller's error says it in words only). */
async function failedTask(client: OcpClient, taskIds: number[]): Promise<{ task?: { id: number; name?: string } }> {
  for (const id of taskIds) {
    try {
      const t = await client.getTask(id);
      if (t.status === "FAILED") return { task: { id: t.id, ...(t.name ? { name: t.name } : {}) } };
    } catch {
      // The failure is already known; a task OCP no longer describes just goes unnamed.
    }
  }
  return {};
}

/** "task 3000041 (Create backup strategy)" or the poller's own words. */
export function describeFailedTask(w: Extract<TaskWait, { status: "FAILED" }>): string {
  return w.task ? `OCP task ${w.task.id}${w.task.name ? ` (${w.task.name})` : ""} ended FAILED` : w.detail;
}
