// Restore into an existing instance, its restorable time ranges, and the job that follows a restore.
import { randomUUID } from "node:crypto";
import type { EmuContext, EmuRequest, EmuResponse } from "../core/types";
import { CODES, fail, reply } from "./errors";
import { jsonBody } from "./request";
import { INSTANCE_ID_FORMAT, instanceBusy } from "./rules";
import { apiTime, backupStatus, findInstance, jobStatus, stateOf, type JobRecord, type TaurusState } from "./state";

const DAY = 86_400_000;

/**
 * Point-in-time ranges: incremental backups run continuously, so an instance is restorable from the end
 * of its first completed full backup up to now [inferred].
 */
function restoreRanges(state: TaurusState, instanceId: string, now: number): Array<{ start: number; end: number }> {
  const ends = state.backups.filter((b) => b.instanceId === instanceId && backupStatus(b, now) === "COMPLETED").map((b) => b.completesAt);
  if (ends.length === 0) return [];
  return [{ start: Math.min(...ends), end: now }];
}

export function restore(req: EmuRequest, ctx: EmuContext): EmuResponse {
  const body = jsonBody(req);
  if (!body.ok) return body.response;
  const { target_instance_id: targetId, source_instance_id: sourceId, type, backup_id: backupId, restore_time: restoreTime } = body.value;
  if (typeof targetId !== "string" || !INSTANCE_ID_FORMAT.test(targetId) || typeof sourceId !== "string" || !INSTANCE_ID_FORMAT.test(sourceId)) {
    return fail(400, CODES.PARAMETER, "Parameter error: target_instance_id and source_instance_id are required instance ids");
  }
  if (type !== "backup" && type !== "timestamp") return fail(400, CODES.PARAMETER, "Parameter error: type must be backup or timestamp");
  if (type === "backup" && (typeof backupId !== "string" || backupId === "")) {
    return fail(400, CODES.PARAMETER, "Parameter error: backup_id is required when type is backup");
  }
  if (type === "timestamp" && (typeof restoreTime !== "number" || !Number.isSafeInteger(restoreTime))) {
    return fail(400, CODES.PARAMETER, "Parameter error: restore_time (Unix milliseconds) is required when type is timestamp");
  }
  const state = stateOf(ctx.state);
  const projectId = req.params.projectId as string;
  const target = findInstance(state, projectId, targetId);
  if (target === undefined || findInstance(state, projectId, sourceId) === undefined) {
    return fail(404, CODES.INSTANCE_NOT_FOUND, "The DB instance does not exist.");
  }
  const now = ctx.clock.now();
  if (type === "backup") {
    const backup = state.backups.find((b) => b.id === backupId && b.instanceId === sourceId);
    if (backup === undefined) return fail(404, CODES.BACKUP_NOT_FOUND, "The backup does not exist.");
    if (backupStatus(backup, now) !== "COMPLETED") {
      return fail(409, CODES.BACKUP_IN_PROGRESS, "The backup is not completed yet.");
    }
  } else if (!restoreRanges(state, sourceId, now).some((r) => (restoreTime as number) >= r.start && (restoreTime as number) <= r.end)) {
    return fail(400, CODES.PARAMETER, "Parameter error: restore_time is outside the restorable time ranges");
  }
  const busy = instanceBusy(state, targetId, now);
  if (busy !== undefined) return busy;
  const runningAt = now + ctx.duration("taurusdb.jobPendingMs");
  const job: JobRecord = {
    id: randomUUID(),
    name: "RestoreGaussDBforMySQLInstance",
    projectId,
    instanceId: targetId,
    ...(type === "backup" ? { backupId: backupId as string } : {}),
    visibleAt: now + ctx.duration("taurusdb.jobVisibleAfterMs"),
    createdAt: now,
    runningAt,
    completesAt: runningAt + ctx.duration("taurusdb.restoreMs"),
  };
  state.jobs.push(job);
  ctx.markDirty();
  return reply(200, { job_id: job.id });
}

export function restoreTimes(req: EmuRequest, ctx: EmuContext): EmuResponse {
  const state = stateOf(ctx.state);
  const instanceId = req.params.instanceId as string;
  if (findInstance(state, req.params.projectId as string, instanceId) === undefined) {
    return fail(404, CODES.INSTANCE_NOT_FOUND, "The DB instance does not exist.");
  }
  const date = req.query.get("date") ?? undefined;
  const startText = req.query.get("start_time") ?? undefined;
  const endText = req.query.get("end_time") ?? undefined;
  let ranges = restoreRanges(state, instanceId, ctx.clock.now());
  const clamp = (from: number, to: number): Array<{ start: number; end: number }> =>
    ranges.map((r) => ({ start: Math.max(r.start, from), end: Math.min(r.end, to) })).filter((r) => r.start <= r.end);
  // `date` (a UTC day) or `start_time` + `end_time` (Unix ms, each requiring the other); date wins when both are
  // given [docs: SDK model ShowBackupRestoreTimeRequest docstrings].
  if (date !== undefined) {
    const dayStart = /^\d{4}-\d{2}-\d{2}$/.test(date) ? Date.parse(`${date}T00:00:00Z`) : NaN;
    if (Number.isNaN(dayStart) || new Date(dayStart).toISOString().slice(0, 10) !== date) {
      return fail(400, CODES.PARAMETER, "Parameter error: date must be yyyy-mm-dd");
    }
    ranges = clamp(dayStart, dayStart + DAY - 1);
  } else if (startText !== undefined || endText !== undefined) {
    const ms = (t: string | undefined): number => (t !== undefined && /^\d{1,15}$/.test(t) ? Number(t) : NaN);
    const from = ms(startText);
    const to = ms(endText);
    if (Number.isNaN(from) || Number.isNaN(to)) {
      return fail(400, CODES.PARAMETER, "Parameter error: start_time and end_time go together, each in Unix milliseconds");
    }
    // [inferred] an end before the start is refused, as the backup list does for its begin_time/end_time.
    if (to < from) return fail(400, CODES.PARAMETER, "Parameter error: end_time must not be before start_time");
    ranges = clamp(from, to);
  }
  return reply(200, { restore_times: ranges.map((r) => ({ start_time: r.start, end_time: r.end })) });
}

export function getJob(req: EmuRequest, ctx: EmuContext): EmuResponse {
  const id = req.query.get("id");
  if (id === null || id === "") return fail(400, CODES.PARAMETER, "Parameter error: id is required");
  const state = stateOf(ctx.state);
  const now = ctx.clock.now();
  // A new job is not visible at once: callers must treat "not found" as "not yet".
  const job = state.jobs.find((j) => j.id === id && j.projectId === req.params.projectId && now >= j.visibleAt);
  if (job === undefined) return fail(404, CODES.JOB_NOT_FOUND, "The job does not exist.");
  const status = jobStatus(job, now);
  const progress = status === "Running" ? Math.floor((100 * (now - job.runningAt)) / Math.max(1, job.completesAt - job.runningAt)) : 0;
  return reply(200, {
    job: {
      id: job.id,
      name: job.name,
      status,
      created: apiTime(job.createdAt),
      ...(status === "Completed" ? { ended: apiTime(job.completesAt) } : {}),
      process: status === "Running" ? `${progress}%` : "",
      instance: { id: job.instanceId, name: state.instances[job.instanceId]?.name ?? "" },
    },
  });
}
