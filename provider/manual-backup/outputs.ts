// What a ManualBackup reports besides its arguments, in one shape for every platform, and the unit and time
// conversions that get the platforms' values into it. Absent values are left out, never undefined: the
// dynamic-provider host cannot encode undefined.
import { withoutUndefined } from "../../sdk/validate";
import { toObTime } from "../../sdk/oceanbase/inputs";
import { parseTaurusDbTime } from "../../sdk/taurusdb/time";
import { argsOf, type ManualBackupState } from "./args";
import type { Props } from "../types";
import type { ManualBackupOutputFields } from "./spec";

/** What the platforms report beyond the arguments (the spec's outputs); times ISO-8601 UTC, whole seconds. */
export type Observed = ManualBackupOutputFields;

/**
 * GiB (OceanBase Cloud's dataBackupSize) or MB (TaurusDB's size) → bytes, in binary units (2^30, 2^20), rounded to
 * the nearest byte. The platforms report GiB with two decimals and whole MB, so the result is as precise as they are.
 */
export function toBytes(value: number | null | undefined, unit: "GiB" | "MB"): number | undefined {
  if (value === undefined || value === null || !Number.isFinite(value)) return undefined;
  return Math.round(value * (unit === "GiB" ? 2 ** 30 : 2 ** 20));
}

/** TaurusDB writes "2020-07-07T01:17:05+0800": reported as ISO-8601 UTC like OceanBase's times; unreadable text as is. */
export function isoUtc(huaweiTime: string | null | undefined): string | undefined {
  if (huaweiTime === undefined || huaweiTime === null) return undefined;
  const ms = parseTaurusDbTime(huaweiTime);
  return ms === undefined ? huaweiTime : toObTime(ms);
}

/** Arguments (from the inputs or the previous outputs) plus what the platform reported. */
export function outputsOf(args: Props, observed: Observed): Props {
  return withoutUndefined({ ...argsOf(args), ...observed });
}

/** The observed part of a stored state, when it has one. */
export function observedOf(state: ManualBackupState): Observed | undefined {
  if (state.backupId === undefined || state.status === undefined) return undefined;
  return withoutUndefined({
    backupId: state.backupId,
    status: state.status,
    taskIds: state.taskIds,
    beginTime: state.beginTime,
    endTime: state.endTime,
    sizeBytes: state.sizeBytes,
    backupSetId: state.backupSetId,
    checkpoint: state.checkpoint,
  });
}
