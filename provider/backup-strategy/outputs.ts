// BackupStrategy's outputs: every argument in canonical form, plus what OCP's GET tells about the strategy and
// what became of the tasks of the last change (so an interrupted wait can be resumed by the next update).
import type { OcpBackupStrategy } from "../../sdk/ocp/schemas";
import type { Props } from "../types";

/** Facts from OCP's GET (they may change on every update; diff never compares them). */
export const SERVER_OUTPUT_KEYS = ["strategyId", "clusterName", "obClusterId", "backupDimension", "createTime", "updateTime"] as const;

/**
 * Every output that is not an argument. taskIds: the OCP tasks the last change started; taskStatus: what became
 * of them: SUCCESSFUL, FAILED, RUNNING (the wait ran out of time) or SUBMITTED (waitForCompletion was false).
 */
export const OUTPUT_KEYS = [...SERVER_OUTPUT_KEYS, "taskIds", "taskStatus"] as const;

export type TaskStatus = "SUCCESSFUL" | "FAILED" | "RUNNING" | "SUBMITTED";

export interface TaskOutcome {
  taskIds: number[];
  taskStatus: TaskStatus;
}

/** The server facts of a GET answer (absent ones left out: an undefined output fails the host call). */
export function serverOutputs(s: OcpBackupStrategy): Props {
  const out: Props = { strategyId: s.id };
  const facts = { clusterName: s.clusterName, obClusterId: s.obClusterId, backupDimension: s.backupDimension, createTime: s.createTime, updateTime: s.updateTime };
  for (const [k, v] of Object.entries(facts)) if (v !== undefined && v !== null) out[k] = v;
  return out;
}

/** The server facts kept in an earlier state (outputs). */
export function serverOutputsIn(props: Props): Props {
  const out: Props = {};
  for (const k of SERVER_OUTPUT_KEYS) if (props[k] !== undefined && props[k] !== null) out[k] = props[k];
  return out;
}

/** The task outcome kept in an earlier state, if it has one. */
export function taskOutcomeIn(props: Props): TaskOutcome | undefined {
  const ids = props["taskIds"];
  const status = props["taskStatus"];
  if (!Array.isArray(ids) || !ids.every((i) => typeof i === "number")) return undefined;
  if (status !== "SUCCESSFUL" && status !== "FAILED" && status !== "RUNNING" && status !== "SUBMITTED") return undefined;
  return { taskIds: ids as number[], taskStatus: status };
}

/** All outputs: the canonical inputs (argsToProps), the server facts and the task outcome. */
export function outputsOf(inputs: Props, server: Props, tasks: TaskOutcome): Props {
  return { ...inputs, ...server, taskIds: tasks.taskIds, taskStatus: tasks.taskStatus };
}
