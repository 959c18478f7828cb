// The instance detail [docs: ShowGaussMySqlInstanceInfo, GET /v3/{project_id}/instances/{instance_id}]: the fields a
// client waiting for ACTIVE reads, plus the backup strategy the detail carries (keep_days as a string [docs]).
import type { EmuContext, EmuRequest, EmuResponse } from "../core/types";
import { DATASTORE } from "./fixtures";
import { CODES, fail, reply } from "./errors";
import { instanceStatus } from "./rules";
import { apiTime, findInstance, stateOf } from "./state";

export function getInstance(req: EmuRequest, ctx: EmuContext): EmuResponse {
  const state = stateOf(ctx.state);
  const inst = findInstance(state, req.params.projectId as string, req.params.instanceId as string);
  if (inst === undefined) return fail(404, CODES.INSTANCE_NOT_FOUND, "The DB instance does not exist.");
  return reply(200, {
    instance: {
      id: inst.id,
      name: inst.name,
      project_id: inst.projectId,
      status: instanceStatus(state, inst, ctx.clock.now()),
      type: "Cluster",
      datastore: { ...DATASTORE },
      created: apiTime(inst.createdAt),
      backup_strategy: { start_time: inst.policy.start_time, keep_days: String(inst.policy.keep_days) },
    },
  });
}
