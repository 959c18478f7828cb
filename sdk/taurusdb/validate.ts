// TaurusDB's documented input rules, checked before any request is built (seed 004 and the v3 API
// reference). Each returns the value ready for the wire or throws InvalidInputError naming the field.
import { InvalidInputError } from "../errors";
import { pathSegment, stringId, withoutControlCharacters } from "../validate";
import { formatTaurusDbTime } from "./time";

// "32 characters, only letters and digits" [docs].
const PROJECT_ID = /^[A-Za-z0-9]{32}$/;
// "36 characters with a suffix of in07, only letters and digits" [docs], e.g.
// d8e6ca5a624745bcb546a227aa3ae1cfin01 [seed 004]: 32 letters/digits, "in", two digits.
const INSTANCE_ID = /^[A-Za-z0-9]{32}in\d{2}$/;
// 4-64 characters, starts with a letter, letters, digits, "-" and "_" [seed 004].
const BACKUP_NAME = /^[A-Za-z][A-Za-z0-9_-]{3,63}$/;
// At most 256 characters, none of > ! < " & ' = [seed 004].
const DESCRIPTION_FORBIDDEN = /[>!<"&'=]/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// "hh:mm-HH:MM", UTC, whole hours, one hour long (GaussDB v3 policy reference: HH = hh + 1, mm = MM = 00).
const WINDOW = /^([01]\d|2[0-3]):00-([01]\d|2[0-3]):00$/;
const PERIOD = /^[1-7](,[1-7])*$/;
// "yyyy-mm-ddThh:mm:ssZ" where Z is an offset such as +0800 [docs].
const WIRE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{4})$/;

function str(field: string, value: unknown): string {
  if (typeof value !== "string") throw new InvalidInputError(field, "must be a string");
  return value;
}

export function projectIdSegment(value: unknown): string {
  if (!PROJECT_ID.test(str("projectId", value))) {
    throw new InvalidInputError("projectId", "must be 32 letters or digits");
  }
  return pathSegment("projectId", value);
}

export function instanceId(field: string, value: unknown): string {
  const id = stringId(field, value); // the generic id checks first, for their clearer messages
  if (!INSTANCE_ID.test(id)) {
    throw new InvalidInputError(field, "must be 32 letters or digits followed by 'in' and two digits (e.g. d8e6ca5a624745bcb546a227aa3ae1cfin01)");
  }
  return id;
}

/** An id with no documented format (backups, jobs): only the path-safety rules apply. */
export function opaqueId(field: string, value: unknown): string {
  return stringId(field, value);
}

export function backupName(value: unknown): string {
  const name = str("name", value);
  if (name.length < 4 || name.length > 64) throw new InvalidInputError("name", "must be 4 to 64 characters");
  if (!/^[A-Za-z]/.test(name)) throw new InvalidInputError("name", "must start with a letter");
  if (!BACKUP_NAME.test(name)) throw new InvalidInputError("name", "may contain only letters, digits, '-' and '_'");
  return name;
}

export function backupDescription(value: unknown): string {
  const text = str("description", value);
  if (text.length > 256) throw new InvalidInputError("description", "must be at most 256 characters");
  if (DESCRIPTION_FORBIDDEN.test(text)) {
    throw new InvalidInputError("description", "must not contain any of > ! < \" & ' =");
  }
  withoutControlCharacters("description", text);
  return text;
}

export function intInRange(field: string, value: unknown, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw new InvalidInputError(field, `must be an integer from ${min} to ${max}`);
  }
  return value;
}

/** yyyy-mm-dd, a real calendar date. */
export function calendarDate(field: string, value: unknown): string {
  const m = DATE.exec(str(field, value));
  const [, y, mo, d] = m ?? [];
  const date = new Date(`${y}-${mo}-${d}T00:00:00Z`);
  if (!m || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw new InvalidInputError(field, "must be a date in the form yyyy-mm-dd");
  }
  return value as string;
}

/** A list filter time: a Date, epoch ms, or a string already in the wire's format. */
export function wireTime(field: string, value: unknown): string {
  if (value instanceof Date || typeof value === "number") {
    const ms = value instanceof Date ? value.getTime() : value;
    if (!Number.isFinite(ms)) throw new InvalidInputError(field, "must be a valid time");
    return formatTaurusDbTime(ms);
  }
  if (!WIRE_TIME.test(str(field, value))) {
    throw new InvalidInputError(field, "must be a Date, epoch milliseconds or yyyy-mm-ddThh:mm:ss+hhmm");
  }
  return value as string;
}

export function backupWindow(value: unknown): string {
  const w = str("startTime", value);
  const m = WINDOW.exec(w);
  if (!m) throw new InvalidInputError("startTime", "must be hh:00-HH:00 (UTC, whole hours)");
  if ((Number(m[1]) + 1) % 24 !== Number(m[2])) {
    throw new InvalidInputError("startTime", "the window must be exactly one hour (HH = hh + 1)");
  }
  return w;
}

export function backupPeriod(value: unknown): string {
  const p = str("period", value);
  if (!PERIOD.test(p)) throw new InvalidInputError("period", "must be comma-separated days of the week 1-7, e.g. 1,3,5");
  const days = p.split(",");
  if (new Set(days).size !== days.length) throw new InvalidInputError("period", "must not repeat a day");
  return p;
}

/** 0 or 1 [docs: UpdateGaussMySqlBackupPolicy, retention_num_backup_level1]. */
export function levelOneRetention(value: unknown, field = "retentionNumBackupLevel1"): number {
  if (value !== 0 && value !== 1) throw new InvalidInputError(field, "must be 0 or 1");
  return value;
}

export function bool(field: string, value: unknown): boolean {
  if (typeof value !== "boolean") throw new InvalidInputError(field, "must be a boolean");
  return value;
}

/** A region name such as cn-north-4 or ap-southeast-1 [inferred: the form of every published region name]. */
export function regionName(field: string, value: unknown): string {
  if (typeof value !== "string" || !/^[a-z]+(-[a-z0-9]+)+$/.test(value)) throw new InvalidInputError(field, "must be a region name such as cn-north-4");
  return value;
}

/** A project id: 32 letters or digits [docs]. */
export function projectId(field: string, value: unknown): string {
  if (typeof value !== "string" || !PROJECT_ID.test(value)) throw new InvalidInputError(field, "must be 32 letters or digits");
  return value;
}

/** Restore point: a Date or epoch milliseconds, sent as Unix ms. */
/** A Date or epoch milliseconds, as epoch milliseconds (a non-negative safe integer). */
export function epochMs(field: string, value: unknown): number {
  const ms = value instanceof Date ? value.getTime() : value;
  if (typeof ms !== "number" || !Number.isSafeInteger(ms) || ms < 0) {
    throw new InvalidInputError(field, "must be a Date or epoch milliseconds");
  }
  return ms;
}

export function restorePoint(value: unknown): number {
  const ms = value instanceof Date ? value.getTime() : value;
  if (typeof ms !== "number" || !Number.isSafeInteger(ms) || ms <= 0) {
    throw new InvalidInputError("restoreTime", "must be a Date or positive epoch milliseconds");
  }
  return ms;
}
