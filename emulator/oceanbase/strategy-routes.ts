// Modify an instance's backup strategy [docs: ModifyBackupStrategy, en.oceanbase.com common-oceanbase-cloud-10000000003421484].
// Every instance has a strategy from its creation (fixtures.ts), so this route only ever sets one; it answers nothing
// but the envelope. The vendor publishes no call that reads a strategy, so there is no GET route: tests see the
// strategy through the control API (state `backupStrategies`).
import type { EmuContext, EmuRequest, EmuResponse, Route } from "../core/types";
import { illegal, jsonBody, missing, ok } from "./http";
import { isResponse, prepare } from "./lookup";
import type { BackupStrategyRec } from "./state";

const ACTION = "ModifyBackupStrategy";
// "The specific time at which the backup is executed in UTC time", example "20:00:00Z" [docs].
const SCHEDULE_TIME = /^([01]\d|2[0-3]):[0-5]\d:[0-5]\dZ$/;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The body's rules, in the order of the page's table; the first broken one answers. */
function validate(req: EmuRequest, instanceId: string, b: Record<string, unknown>): BackupStrategyRec | EmuResponse {
  // instanceId is repeated in the body, required [docs]; it must name the path's instance [inferred].
  if (b.instanceId === undefined) return missing(req, "instanceId");
  if (b.instanceId !== instanceId) return illegal(req, "instanceId in the body must be the instance of the path");
  // The table spells it "backupschedulemode", its own text "backupScheduleMode" [docs]: the camelCase spelling of
  // every other field is the one accepted [inferred].
  const mode = b.backupScheduleMode;
  if (mode === undefined) return missing(req, "backupScheduleMode");
  // WEEK is the page's value; MONTH follows from lastDayOfMonth's text [docs].
  if (mode !== "WEEK" && mode !== "MONTH") return illegal(req, "backupScheduleMode must be WEEK or MONTH");
  if (b.scheduleTime === undefined) return missing(req, "scheduleTime");
  if (typeof b.scheduleTime !== "string" || !SCHEDULE_TIME.test(b.scheduleTime)) return illegal(req, "scheduleTime must be a UTC time HH:MM:SSZ");
  // "The meaning depends on backupScheduleMode", example [1, 3, 5] [docs]: weekdays 1-7 or days of the month 1-31 [inferred].
  if (b.timeList === undefined) return missing(req, "timeList");
  const max = mode === "WEEK" ? 7 : 31;
  const days = b.timeList;
  if (!Array.isArray(days) || days.length === 0 || !days.every((d) => Number.isInteger(d) && (d as number) >= 1 && (d as number) <= max)) {
    return illegal(req, `timeList must be a non-empty list of integers from 1 to ${max} for ${mode}`);
  }
  if (new Set(days).size !== days.length) return illegal(req, "timeList must not repeat a day");
  // Optional, default false, effective with MONTH only [docs].
  if (b.lastDayOfMonth !== undefined && typeof b.lastDayOfMonth !== "boolean") return illegal(req, "lastDayOfMonth must be a boolean");
  // Required integer; "recommended 1 to 365" is advice, not a stated limit [docs]: only a positive integer is required [inferred].
  if (b.dataMaintainDays === undefined) return missing(req, "dataMaintainDays");
  if (!Number.isSafeInteger(b.dataMaintainDays) || (b.dataMaintainDays as number) < 1) return illegal(req, "dataMaintainDays must be a positive integer");
  // TIME is the one value the page shows; the rest of the list is cut off [docs]: only TIME is accepted [inferred].
  if (b.retainMode === undefined) return missing(req, "retainMode");
  if (b.retainMode !== "TIME") return illegal(req, "retainMode must be TIME");
  // "This parameter is a JSON string" [docs]: an object is refused, as databaseTables' is (seed 000).
  const storage = b.backupStorageConfig;
  if (storage === undefined) return missing(req, "backupStorageConfig");
  if (typeof storage !== "string") return illegal(req, "backupStorageConfig must be a JSON string");
  let parsed: unknown;
  try {
    parsed = JSON.parse(storage);
  } catch {
    return illegal(req, "backupStorageConfig is not valid JSON");
  }
  if (!isObject(parsed)) return illegal(req, "backupStorageConfig must be a JSON object");
  // backupStorageType required (e.g. COS), crossRegionFlag a boolean [docs]; the page's copy is cut off after it, so
  // other members pass [inferred].
  if (parsed.backupStorageType === undefined) return missing(req, "backupStorageConfig.backupStorageType");
  if (typeof parsed.backupStorageType !== "string" || parsed.backupStorageType === "") return illegal(req, "backupStorageConfig.backupStorageType must be a non-empty string");
  if (parsed.crossRegionFlag !== undefined && typeof parsed.crossRegionFlag !== "boolean") return illegal(req, "backupStorageConfig.crossRegionFlag must be a boolean");
  return {
    backupScheduleMode: mode,
    scheduleTime: b.scheduleTime,
    timeList: days as number[],
    lastDayOfMonth: (b.lastDayOfMonth as boolean | undefined) ?? false,
    dataMaintainDays: b.dataMaintainDays as number,
    retainMode: b.retainMode,
    backupStorageConfig: storage,
  };
}

function modify(req: EmuRequest, ctx: EmuContext): EmuResponse {
  const p = prepare(req, ctx);
  if (isResponse(p)) return p;
  // action=ModifyBackupStrategy is a required query parameter [docs].
  const action = req.query.get("action");
  if (action === null || action === "") return missing(req, "action");
  if (action !== ACTION) return illegal(req, `action must be ${ACTION}`);
  const body = jsonBody(req);
  if ("error" in body) return body.error;
  const rec = validate(req, p.instance.instanceId, body.body);
  if (isResponse(rec)) return rec;
  // A set, not a create: the same body twice leaves one strategy.
  p.s.backupStrategies[p.instance.instanceId] = { ...rec, modifiedAt: p.now };
  ctx.markDirty();
  // The answer is not in any copy of the page: the envelope with no data [inferred].
  return ok(req, null);
}

export const strategyRoutes: Route[] = [{ method: "POST", pattern: "/api/v2/instances/:instanceId/backup/strategy", handler: modify }];
