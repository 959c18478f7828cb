// Waiting on OCP for a BackupStrategy, within the one deadline of a create/update/delete (now + timeoutMinutes):
// recognising the refusal of a change while another task still runs on the strategy (ocp.ts waits it out), and
// following every task a change started until each ends. Outcomes are returned, not thrown, so the handler can
// record what exists.
import { DeadlineExceededError, OperationFailedError } from "../../sdk/errors";
import type { OcpClient } from "../../sdk/ocp/client";
import { OcpBackupOperationError } from "../../sdk/ocp/errors";
import { pollDefaults } from "../config";
import type { HandlerContext } from "../types";
import { statusLine, type Deadline } from "../wait";

/**
 * OCP's per-object refusal (HTTP 200, beSuccessful:false) while a task runs on the strategy. The code is the
 * emulator's reading: OCP publishes no table of these codes, so it is recognised here and only here.
 */
export const TASK_RUNNING_CODE = "OB_BACKUP_TASK_RUNNING";

export function isTaskRunningRefusal(e: unknown): e is OcpBackupOperationError {
  return e instanceof OcpBackupOperationError && e.errorCode === TASK_RUNNING_CODE;
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
      // Tasks just started are not done at once: the first look after the first delay saves a request.
      justStarted: true,
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
