// The backup policies of an instance: the same-region policy (read and update) and the cross-region (offsite) policy
// (update only: TaurusDB publishes no read of it [docs: absent from the official SDK's client]). A change is applied
// for taurusdb.policyApplyMs on the virtual clock, during which the instance is MODIFYING and refuses another change.
import type { EmuContext, EmuRequest, EmuResponse } from "../core/types";
import { CODES, fail, reply } from "./errors";
import { jsonBody } from "./request";
import { refusePolicyChange } from "./rules";
import { findInstance, stateOf, type InstanceRecord, type TaurusState } from "./state";

/** How long a policy change keeps the instance MODIFYING [inferred: the update answers BUILDING, TF then waits for ACTIVE]. */
export const POLICY_APPLY_KEY = "taurusdb.policyApplyMs";

// "hh:mm-HH:MM" in UTC; HH = hh + 1 and mm = MM = 00 (GaussDB v3 policy reference).
const WINDOW = /^([01]\d|2[0-3]):00-([01]\d|2[0-3]):00$/;
const PERIOD = /^[1-7](,[1-7])*$/;
// "32 characters, only letters and digits" [docs].
const PROJECT_ID = /^[A-Za-z0-9]{32}$/;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function instanceOf(req: EmuRequest, ctx: EmuContext): { state: TaurusState; instance: InstanceRecord } | EmuResponse {
  const state = stateOf(ctx.state);
  const instance = findInstance(state, req.params.projectId as string, req.params.instanceId as string);
  if (instance === undefined) return fail(404, CODES.INSTANCE_NOT_FOUND, "The DB instance does not exist.");
  return { state, instance };
}

/** The instance found and free for a policy change, or the answer that refuses it. */
function changeable(req: EmuRequest, ctx: EmuContext): InstanceRecord | EmuResponse {
  const found = instanceOf(req, ctx);
  if (!("instance" in found)) return found;
  return refusePolicyChange(found.state, found.instance, ctx.clock.now()) ?? found.instance;
}

function applying(ctx: EmuContext, instance: InstanceRecord): void {
  instance.modifyingUntil = ctx.clock.now() + ctx.duration(POLICY_APPLY_KEY);
  ctx.markDirty();
}

export function getPolicy(req: EmuRequest, ctx: EmuContext): EmuResponse {
  const found = instanceOf(req, ctx);
  if (!("instance" in found)) return found;
  return reply(200, { backup_policy: { ...found.instance.policy } });
}

export function updatePolicy(req: EmuRequest, ctx: EmuContext): EmuResponse {
  const body = jsonBody(req);
  if (!body.ok) return body.response;
  const policy = body.value.backup_policy;
  if (!isObject(policy)) return fail(400, CODES.PARAMETER, "Parameter error: backup_policy is required");
  const { keep_days: keepDays, start_time: startTime, period, retention_num_backup_level1: levelOne } = policy;
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
  // Optional, 0 or 1 [docs: UpdateGaussMySqlBackupPolicy]; not sent, the stored value stays [inferred].
  if (levelOne !== undefined && levelOne !== 0 && levelOne !== 1) {
    return fail(400, CODES.PARAMETER, "Parameter error: retention_num_backup_level1 must be 0 or 1");
  }
  const instance = changeable(req, ctx);
  if (!("policy" in instance)) return instance;
  const kept = instance.policy.retention_num_backup_level1;
  const level = (levelOne as number | undefined) ?? kept;
  instance.policy = { keep_days: keepDays, start_time: startTime as string, period, ...(level !== undefined ? { retention_num_backup_level1: level } : {}) };
  applying(ctx, instance);
  // status BUILDING: the change is being applied [docs: UpdateMysqlBackupPolicy answer, BUILDING | COMPLETED | FAILED].
  return reply(200, { status: "BUILDING", instance_id: instance.id, instance_name: instance.name });
}

/** All five fields required, keep_days 1–1825 [docs: UpdateBackupOffsitePolicy request schema]. */
export function setOffsitePolicy(req: EmuRequest, ctx: EmuContext): EmuResponse {
  const body = jsonBody(req);
  if (!body.ok) return body.response;
  const policy = body.value.backup_policy;
  if (!isObject(policy)) return fail(400, CODES.PARAMETER, "Parameter error: backup_policy is required");
  const p = policy;
  for (const field of ["open_auto_backup", "open_incremental_backup", "destination_project_id", "destination_region", "keep_days"]) {
    if (p[field] === undefined || p[field] === null) return fail(400, CODES.PARAMETER, `Parameter error: ${field} is required`);
  }
  if (typeof p.open_auto_backup !== "boolean" || typeof p.open_incremental_backup !== "boolean") {
    return fail(400, CODES.PARAMETER, "Parameter error: open_auto_backup and open_incremental_backup must be booleans");
  }
  // Incremental backups are copied only with the full ones [docs: "only when open_auto_backup"].
  if (p.open_incremental_backup && !p.open_auto_backup) {
    return fail(400, CODES.PARAMETER, "Parameter error: open_incremental_backup requires open_auto_backup");
  }
  if (typeof p.destination_project_id !== "string" || !PROJECT_ID.test(p.destination_project_id)) {
    return fail(400, CODES.PARAMETER, "Parameter error: destination_project_id must be 32 letters or digits");
  }
  if (typeof p.destination_region !== "string" || p.destination_region === "") {
    return fail(400, CODES.PARAMETER, "Parameter error: destination_region must be a region name");
  }
  if (typeof p.keep_days !== "number" || !Number.isInteger(p.keep_days) || p.keep_days < 1 || p.keep_days > 1825) {
    return fail(400, CODES.INVALID_KEEP_DAYS, "Invalid retention days.");
  }
  const instance = changeable(req, ctx);
  if (!("policy" in instance)) return instance;
  instance.offsitePolicy = {
    open_auto_backup: p.open_auto_backup,
    open_incremental_backup: p.open_incremental_backup,
    destination_project_id: p.destination_project_id,
    destination_region: p.destination_region,
    keep_days: p.keep_days,
  };
  applying(ctx, instance);
  return reply(200, { result: "SUCCESS" });
}
