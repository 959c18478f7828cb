// The automated backup policy of an instance: read and update.
import type { EmuContext, EmuRequest, EmuResponse } from "../core/types";
import { CODES, fail, reply } from "./errors";
import { jsonBody } from "./request";
import { findInstance, stateOf } from "./state";

// "hh:mm-HH:MM" in UTC; HH = hh + 1 and mm = MM = 00 (GaussDB v3 policy reference).
const WINDOW = /^([01]\d|2[0-3]):00-([01]\d|2[0-3]):00$/;
const PERIOD = /^[1-7](,[1-7])*$/;

export function getPolicy(req: EmuRequest, ctx: EmuContext): EmuResponse {
  const instance = findInstance(stateOf(ctx.state), req.params.projectId as string, req.params.instanceId as string);
  if (instance === undefined) return fail(404, CODES.INSTANCE_NOT_FOUND, "The DB instance does not exist.");
  return reply(200, { backup_policy: { ...instance.policy } });
}

export function updatePolicy(req: EmuRequest, ctx: EmuContext): EmuResponse {
  const body = jsonBody(req);
  if (!body.ok) return body.response;
  const policy = body.value.backup_policy;
  if (typeof policy !== "object" || policy === null || Array.isArray(policy)) {
    return fail(400, CODES.PARAMETER, "Parameter error: backup_policy is required");
  }
  const { keep_days: keepDays, start_time: startTime, period } = policy as Record<string, unknown>;
  if (typeof keepDays !== "number" || !Number.isInteger(keepDays) || keepDays < 1 || keepDays > 732) {
    return fail(400, CODES.INVALID_KEEP_DAYS, "Invalid retention days.");
  }
  const window = typeof startTime === "string" ? WINDOW.exec(startTime) : null;
  if (!window || (Number(window[1]) + 1) % 24 !== Number(window[2])) {
    return fail(400, CODES.INVALID_WINDOW, "Invalid backup start time.");
  }
  if (typeof period !== "string" || !PERIOD.test(period) || new Set(period.split(",")).size !== period.split(",").length) {
    return fail(400, CODES.PARAMETER, "Parameter error: period must be comma-separated days 1-7");
  }
  const instance = findInstance(stateOf(ctx.state), req.params.projectId as string, req.params.instanceId as string);
  if (instance === undefined) return fail(404, CODES.INSTANCE_NOT_FOUND, "The DB instance does not exist.");
  instance.policy = { keep_days: keepDays, start_time: startTime as string, period };
  ctx.markDirty();
  return reply(200, { status: "COMPLETED", instance_id: instance.id, instance_name: instance.name });
}
