// Manual backups: create (seed 004), list (offset/limit pages with filters) and delete.
import { randomUUID } from "node:crypto";
import type { EmuContext, EmuRequest, EmuResponse } from "../core/types";
import { CODES, fail, reply } from "./errors";
import { DATASTORE } from "./fixtures";
import { intParam, jsonBody, parseApiTime } from "./request";
import { apiTime, backupStatus, findInstance, jobStatus, stateOf, type BackupRecord, type TaurusState } from "./state";
import { INSTANCE_ID_FORMAT, instanceBusy } from "./rules";
import { backupLengthMs } from "../core/backup-time";

/** Duration key: ms per GB of the instance's data added to taurusdb.backupMs. */
export const BACKUP_PER_GB_KEY = "taurusdb.backupMsPerGb";

// Seed 004: 4-64 characters, starts with a letter, letters, digits, "-" and "_".
const BACKUP_NAME = /^[A-Za-z][A-Za-z0-9_-]{3,63}$/;
// Seed 004: at most 256 characters, none of > ! < " & ' =.
const DESCRIPTION_FORBIDDEN = /[>!<"&'=]/;

export function createBackup(req: EmuRequest, ctx: EmuContext): EmuResponse {
  const body = jsonBody(req);
  if (!body.ok) return body.response;
  const { instance_id: instanceId, name, description } = body.value;
  if (typeof instanceId !== "string" || !INSTANCE_ID_FORMAT.test(instanceId)) {
    return fail(400, CODES.PARAMETER, "Parameter error: instance_id is missing or malformed");
  }
  if (typeof name !== "string" || !BACKUP_NAME.test(name)) {
    return fail(400, CODES.INVALID_BACKUP_NAME, "Invalid backup name.");
  }
  if (description !== undefined && (typeof description !== "string" || description.length > 256 || DESCRIPTION_FORBIDDEN.test(description))) {
    return fail(400, CODES.INVALID_DESCRIPTION, "Invalid backup description.");
  }
  const state = stateOf(ctx.state);
  const projectId = req.params.projectId as string;
  const instance = findInstance(state, projectId, instanceId);
  if (instance === undefined) return fail(404, CODES.INSTANCE_NOT_FOUND, "The DB instance does not exist.");
  const now = ctx.clock.now();
  const busy = instanceBusy(state, instanceId, now);
  if (busy !== undefined) return busy;
  if (state.backups.some((b) => b.instanceId === instanceId && b.name === name)) {
    return fail(409, CODES.BACKUP_NAME_EXISTS, "The backup name already exists.");
  }
  const id = randomUUID();
  const backup: BackupRecord = {
    id,
    name,
    ...(description === undefined ? {} : { description }),
    instanceId,
    type: "manual",
    beganAt: now,
    completesAt: now + backupLengthMs(ctx.duration("taurusdb.backupMs"), ctx.duration(BACKUP_PER_GB_KEY), instance.dataSizeMb / 1024, id),
    sizeMb: instance.dataSizeMb,
  };
  state.backups.push(backup);
  ctx.markDirty();
  return reply(200, {
    backup: {
      id: backup.id,
      name: backup.name,
      ...(backup.description === undefined ? {} : { description: backup.description }),
      begin_time: apiTime(backup.beganAt),
      status: backupStatus(backup, now),
      type: backup.type,
      instance_id: backup.instanceId,
    },
  });
}

export function listBackups(req: EmuRequest, ctx: EmuContext): EmuResponse {
  const limit = intParam(req, "limit", 1, 100);
  if (!limit.ok) return limit.response;
  const offset = intParam(req, "offset", 0, Number.MAX_SAFE_INTEGER);
  if (!offset.ok) return offset.response;
  const q = (name: string): string | undefined => req.query.get(name) ?? undefined;
  const backupType = q("backup_type");
  if (backupType !== undefined && backupType !== "auto" && backupType !== "manual") {
    return fail(400, CODES.PARAMETER, "Parameter error: backup_type must be auto or manual");
  }
  const beginText = q("begin_time");
  const endText = q("end_time");
  if ((beginText === undefined) !== (endText === undefined)) {
    return fail(400, CODES.PARAMETER, "Parameter error: begin_time and end_time must be given together");
  }
  const begin = beginText === undefined ? undefined : parseApiTime(beginText);
  const end = endText === undefined ? undefined : parseApiTime(endText);
  if (beginText !== undefined && (begin === undefined || end === undefined || end < begin)) {
    return fail(400, CODES.PARAMETER, "Parameter error: begin_time/end_time must be yyyy-mm-ddThh:mm:ss+hhmm, end not before begin");
  }
  const state = stateOf(ctx.state);
  const projectId = req.params.projectId as string;
  const instanceId = q("instance_id");
  if (instanceId !== undefined && findInstance(state, projectId, instanceId) === undefined) {
    return fail(404, CODES.INSTANCE_NOT_FOUND, "The DB instance does not exist.");
  }
  const backupId = q("backup_id");
  const name = q("name");
  const matches = state.backups
    .filter(
      (b) =>
        findInstance(state, projectId, b.instanceId) !== undefined &&
        (instanceId === undefined || b.instanceId === instanceId) &&
        (backupId === undefined || b.id === backupId) &&
        (backupType === undefined || b.type === backupType) &&
        (name === undefined || b.name === name) &&
        (begin === undefined || end === undefined || (b.beganAt >= begin && b.beganAt <= end)),
    )
    .sort((a, b) => b.beganAt - a.beganAt || (a.id < b.id ? -1 : 1));
  const from = offset.value ?? 0;
  const page = matches.slice(from, from + (limit.value ?? 100));
  const now = ctx.clock.now();
  return reply(200, { backups: page.map((b) => listedBackup(state, b, now)), total_count: matches.length });
}

function listedBackup(state: TaurusState, b: BackupRecord, now: number): Record<string, unknown> {
  const status = backupStatus(b, now);
  const done = status !== "BUILDING";
  return {
    id: b.id,
    name: b.name,
    begin_time: apiTime(b.beganAt),
    ...(done ? { end_time: apiTime(b.completesAt), take_up_time: Math.round((b.completesAt - b.beganAt) / 60_000) } : {}),
    status,
    type: b.type,
    size: done ? b.sizeMb : 0,
    datastore: DATASTORE,
    instance_id: b.instanceId,
    instance_name: state.instances[b.instanceId]?.name,
    ...(b.description === undefined ? {} : { description: b.description }),
  };
}

export function deleteBackup(req: EmuRequest, ctx: EmuContext): EmuResponse {
  const state = stateOf(ctx.state);
  const projectId = req.params.projectId as string;
  const backupId = req.params.backupId as string;
  const index = state.backups.findIndex((b) => b.id === backupId && findInstance(state, projectId, b.instanceId) !== undefined);
  const backup = state.backups[index];
  if (backup === undefined) return fail(404, CODES.BACKUP_NOT_FOUND, "The backup does not exist.");
  if (backup.type === "auto") return fail(400, CODES.ILLEGAL_OPERATION, "Automated backups cannot be deleted.");
  const now = ctx.clock.now();
  if (backupStatus(backup, now) === "BUILDING") {
    return fail(409, CODES.BACKUP_IN_PROGRESS, "The backup is in progress and cannot be deleted.");
  }
  if (state.jobs.some((j) => j.backupId === backup.id && jobStatus(j, now) !== "Completed")) {
    return fail(409, CODES.INSTANCE_BUSY, "The backup is being used for a restoration.");
  }
  state.backups.splice(index, 1);
  ctx.markDirty();
  return reply(200, { backup_id: backup.id, backup_name: backup.name });
}
