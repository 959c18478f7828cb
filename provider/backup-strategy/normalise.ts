// The canonical form of a backup strategy, so that equal settings compare equal whichever way they were written
// (by the program, by an older state, or by OCP's GET). Tolerant: a value it does not understand is left as it is,
// for the input rules (sdk/ocp schemas) to refuse with the property path.
//
// Canonical form (what check() returns, what is sent, stored and compared):
//   - OffsetTimes (backupScheduleTime, cleanScheduleTime): "HH:mm:ss.SSS" plus the offset as "±HH:mm", "Z" for UTC
//     (the seed's own "02:00:00.000+08:00"). Every form java.time's parser accepts is read: "02:00+08:00",
//     "02:00:00+08:00", "02:00:00.000+08:00" are one time; "+00:00", "-00:00" and "Z" are one offset. A fraction
//     finer than milliseconds keeps 6 or 9 digits.
//   - dayAndDataBackupModelMap keys: decimal day numbers without leading zeros ("2", not "02"; a numeric key is
//     the same string in a JS object).
//   - null means absent (Java servers answer null for absent fields), at every depth of the strategy body.
//   - Defaults made explicit: backupScheduleEnabled true (OCP's own default), cleanEnabled false,
//     secondaryBackupEnabled false; obSecondaryBackupConfig is absent when secondary backup is disabled.
import type { OcpBackupStrategy } from "../../sdk/ocp/schemas";
import { argsWhere } from "../spec";
import { BACKUP_STRATEGY_ARGS } from "./spec";
import { isPlainObject as isObject } from "../../sdk/validate";

type Json = Record<string, unknown>;


/** The OCP strategy body's top-level properties (the API's create/modify body, seed 002): OCP's arguments that neither
 * choose the target nor only steer waiting. */
export const BODY_KEYS = argsWhere(BACKUP_STRATEGY_ARGS, (f) => f.platform === "ocp" && !f.replaces && f.waitOnly !== true);

// java.time ISO_OFFSET_TIME: "HH:mm", optional ":ss" and a 1–9 digit fraction, then "Z" or "±HH:mm" (at most 18:00).
const OFFSET_TIME = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:Z|([+-])(\d{2}):(\d{2}))$/;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/** The canonical text of an OffsetTime, or the value unchanged when it is not one. */
export function canonicalOffsetTime(v: unknown): unknown {
  if (typeof v !== "string") return v;
  const m = OFFSET_TIME.exec(v);
  if (!m) return v;
  const [hour, minute, second] = [Number(m[1]), Number(m[2]), m[3] === undefined ? 0 : Number(m[3])];
  const nanos = m[4] === undefined ? 0 : Number(m[4].padEnd(9, "0"));
  const offset = m[5] === undefined ? 0 : Number(m[6]) * 60 + Number(m[7]);
  if (hour > 23 || minute > 59 || second > 59 || Number(m[7] ?? 0) > 59 || offset > 18 * 60) return v;
  const fraction = nanos % 1_000_000 === 0 ? pad(nanos / 1_000_000, 3) : nanos % 1000 === 0 ? pad(nanos / 1000, 6) : pad(nanos, 9);
  const zone = offset === 0 ? "Z" : `${m[5]}${m[6]}:${m[7]}`;
  return `${pad(hour)}:${pad(minute)}:${pad(second)}.${fraction}${zone}`;
}

/** Deep copy without null members (arrays keep their elements). */
export function withoutNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutNulls);
  if (!isObject(v)) return v;
  const out: Json = {};
  for (const [k, e] of Object.entries(v)) if (e !== null && e !== undefined) out[k] = withoutNulls(e);
  return out;
}

/** Day keys as canonical numbers; left alone when two keys would become one (the input rules refuse "02"). */
function canonicalDayMap(map: unknown): unknown {
  if (!isObject(map)) return map;
  const out: Json = {};
  for (const [k, v] of Object.entries(map)) {
    const key = /^\d{1,9}$/.test(k) ? String(Number(k)) : k;
    if (key in out) return map;
    out[key] = v;
  }
  return out;
}

function canonicalSchedule(s: unknown): unknown {
  if (!isObject(s)) return s;
  const out: Json = { ...s };
  out["backupScheduleTime"] = canonicalOffsetTime(out["backupScheduleTime"]);
  if (out["cleanScheduleTime"] !== undefined) out["cleanScheduleTime"] = canonicalOffsetTime(out["cleanScheduleTime"]);
  if (out["dayAndDataBackupModelMap"] !== undefined) out["dayAndDataBackupModelMap"] = canonicalDayMap(out["dayAndDataBackupModelMap"]);
  out["backupScheduleEnabled"] ??= true;
  out["cleanEnabled"] ??= false;
  return out;
}

/** The canonical strategy body from any of its spellings; keys other than BODY_KEYS are dropped. */
export function normaliseBody(raw: Json): Json {
  const src = withoutNulls(raw) as Json;
  const out: Json = {};
  for (const key of BODY_KEYS) if (src[key] !== undefined) out[key] = src[key];
  if (out["obBackupScheduleConfig"] !== undefined) out["obBackupScheduleConfig"] = canonicalSchedule(out["obBackupScheduleConfig"]);
  out["secondaryBackupEnabled"] ??= false;
  return out;
}

/**
 * The body OCP's GET describes, in canonical form. Secondary settings are kept only while secondary backup is
 * enabled (disabled means absent). Storage secrets are not in it: GET never returns them (see backup-strategy-secrets).
 */
export function bodyFromServer(s: OcpBackupStrategy): Json {
  const body = normaliseBody({
    backupMode: s.backupMode,
    obBackupScheduleConfig: s.obBackupScheduleConfig,
    obBackupThresholdConfig: s.obBackupThresholdConfig,
    obBackupServiceStorageConfig: s.obBackupServiceStorageConfig,
    secondaryBackupEnabled: s.secondaryBackupEnabled,
    obSecondaryBackupConfig: s.obSecondaryBackupConfig,
  });
  if (body["secondaryBackupEnabled"] !== true) delete body["obSecondaryBackupConfig"];
  return body;
}

/** JSON text with object keys sorted: equal values give equal text. */
export function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(",")}]`;
  if (isObject(v)) {
    const keys = Object.keys(v).filter((k) => v[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${stableJson(v[k])}`).join(",")}}`;
  }
  return JSON.stringify(v) ?? "null";
}
