// Input rules of OceanBase Cloud's ModifyBackupStrategy (docs/api-oceanbase-cloud.md#modify-the-backup-strategy),
// one function per field so that a caller (the provider's check) can report every broken rule, each naming its field.
// Each returns the value ready for the wire or throws InvalidInputError.
import { InvalidInputError } from "../errors";
import { bodyText } from "../validate";
import { idSegment, requireObject } from "./inputs";

export const SCHEDULE_MODES = ["WEEK", "MONTH"] as const;
export type ScheduleMode = (typeof SCHEDULE_MODES)[number];
/** The one retention mode the page shows [docs]; its other values are cut off in every copy found. */
export const RETAIN_MODES = ["TIME"] as const;

/** The storage configuration: structured here, sent as the JSON string the API wants [docs]. */
export interface BackupStorageConfig {
  /** e.g. "COS" [docs]; the page lists no values. */
  backupStorageType: string;
  crossRegionFlag?: boolean;
}

export interface ModifyBackupStrategyInput {
  instanceId: string;
  backupScheduleMode: ScheduleMode;
  /** UTC time of day, "HH:MM:SSZ" (e.g. "20:00:00Z") [docs]. */
  scheduleTime: string;
  /** WEEK: days of the week 1–7; MONTH: days of the month 1–31 [inferred ranges]. */
  timeList: number[];
  /** MONTH only [docs]; the API's default is false. */
  lastDayOfMonth?: boolean;
  /** Days local backup data is kept; the page recommends 1–365 but states no limit [docs]. */
  dataMaintainDays: number;
  retainMode: (typeof RETAIN_MODES)[number];
  backupStorageConfig: BackupStorageConfig;
}

const SCHEDULE_TIME = /^([01]\d|2[0-3]):[0-5]\d:[0-5]\dZ$/;

export function scheduleMode(value: unknown, field = "backupScheduleMode"): ScheduleMode {
  if (!(SCHEDULE_MODES as readonly unknown[]).includes(value)) throw new InvalidInputError(field, `must be one of ${SCHEDULE_MODES.join(", ")}`);
  return value as ScheduleMode;
}

export function scheduleTime(value: unknown, field = "scheduleTime"): string {
  if (typeof value !== "string" || !SCHEDULE_TIME.test(value)) {
    throw new InvalidInputError(field, 'must be a UTC time of day "HH:MM:SSZ", e.g. "20:00:00Z"');
  }
  return value;
}

/** The days of `mode`, distinct, in ascending order (the order carries no meaning). */
export function timeList(value: unknown, mode: ScheduleMode | undefined, field = "timeList"): number[] {
  if (!Array.isArray(value) || value.length === 0) throw new InvalidInputError(field, "must be a non-empty list of days");
  const max = mode === "MONTH" ? 31 : 7;
  const what = mode === "MONTH" ? "days of the month 1–31 (MONTH)" : mode === "WEEK" ? "days of the week 1–7 (WEEK: 1 = Monday … 7 = Sunday)" : "days";
  value.forEach((d: unknown, i) => {
    if (typeof d !== "number" || !Number.isInteger(d) || d < 1 || d > max) throw new InvalidInputError(`${field}[${i}]`, `must be one of the ${what}`);
  });
  const days = value as number[];
  if (new Set(days).size !== days.length) throw new InvalidInputError(field, "must not repeat a day");
  return [...days].sort((a, b) => a - b);
}

export function lastDayOfMonth(value: unknown, mode: ScheduleMode | undefined, field = "lastDayOfMonth"): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "boolean") throw new InvalidInputError(field, "must be a boolean");
  if (mode === "WEEK") throw new InvalidInputError(field, 'applies to backupScheduleMode "MONTH" only: omit it with "WEEK"');
  return value;
}

export function dataMaintainDays(value: unknown, field = "dataMaintainDays"): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1) {
    throw new InvalidInputError(field, "must be a whole number of days, at least 1 (OceanBase Cloud recommends 1 to 365)");
  }
  return value;
}

export function retainMode(value: unknown, field = "retainMode"): "TIME" {
  if (value !== "TIME") throw new InvalidInputError(field, 'must be "TIME" (the only retention mode OceanBase Cloud documents)');
  return value;
}

export function backupStorageConfig(value: unknown, field = "backupStorageConfig"): BackupStorageConfig {
  const o = requireObject(field, value);
  for (const key of Object.keys(o)) {
    if (key !== "backupStorageType" && key !== "crossRegionFlag") throw new InvalidInputError(`${field}.${key}`, "is not a known property (backupStorageType, crossRegionFlag)");
  }
  const type = bodyText(`${field}.backupStorageType`, o["backupStorageType"], { trimmed: true });
  const flag = o["crossRegionFlag"];
  if (flag !== undefined && typeof flag !== "boolean") throw new InvalidInputError(`${field}.crossRegionFlag`, "must be a boolean");
  return { backupStorageType: type, ...(flag !== undefined ? { crossRegionFlag: flag } : {}) };
}

/** The request body: every rule above, the instance id repeated, the storage config as a JSON string [docs]. */
export function modifyBackupStrategyBody(input: ModifyBackupStrategyInput): { instanceSegment: string; body: Record<string, unknown> } {
  const o = requireObject("input", input);
  const instanceSegment = idSegment("instanceId", o["instanceId"]);
  const instanceId = o["instanceId"] as string;
  const mode = scheduleMode(o["backupScheduleMode"]);
  const last = lastDayOfMonth(o["lastDayOfMonth"], mode);
  const storage = backupStorageConfig(o["backupStorageConfig"]);
  return {
    instanceSegment,
    body: {
      instanceId,
      backupScheduleMode: mode,
      scheduleTime: scheduleTime(o["scheduleTime"]),
      timeList: timeList(o["timeList"], mode),
      ...(last !== undefined ? { lastDayOfMonth: last } : {}),
      dataMaintainDays: dataMaintainDays(o["dataMaintainDays"]),
      retainMode: retainMode(o["retainMode"]),
      backupStorageConfig: JSON.stringify(storage),
    },
  };
}
