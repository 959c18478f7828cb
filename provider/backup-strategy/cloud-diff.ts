// BackupStrategy's diff on OceanBase Cloud and TaurusDB (the rules of diff.ts): instanceId replaces; the settings update
// in place; onDelete ("keep" when absent), waitForCompletion and timeoutMinutes update in place and send nothing; the
// last two are compared only when the old state has them (a state read from the id alone, an import, does not: any
// value fits it).
// TaurusDB's backupPolicy.retentionNumBackupLevel1 is compared only when the program sets it: TaurusDB reports it only
// while the instance's level-1 switch is on, and a program that leaves it out leaves it to the platform. Removing
// offsitePolicy from the program is a change too: the update says that the platform's policy is left as it is.
import { isPlainObject } from "../../sdk/validate";
import { WAIT_ARGS } from "../common-args";
import type { DiffResult, Props } from "../types";
import { canonicalPeriod } from "./cloud-args";
import { stableJson } from "./normalise";
import { settingArgs } from "./platform-args";

function canonical(name: string, v: unknown, other: unknown): unknown {
  if (v === null || v === undefined) return name === "onDelete" ? "keep" : undefined;
  if (name === "timeList" && Array.isArray(v) && v.every((d) => typeof d === "number")) return [...(v as number[])].sort((a, b) => a - b);
  if (name === "backupPolicy" && isPlainObject(v)) {
    const out: Record<string, unknown> = { ...v };
    if (typeof out["period"] === "string" && /^[1-7](,[1-7])*$/.test(out["period"])) out["period"] = canonicalPeriod(out["period"]);
    if (!isPlainObject(other) || other["retentionNumBackupLevel1"] === undefined) delete out["retentionNumBackupLevel1"];
    return out;
  }
  return v;
}

export function diffCloudStrategy(platform: "oceanbase-cloud" | "huawei-taurusdb", olds: Props, news: Props): DiffResult {
  const differs = (k: string): boolean => stableJson(canonical(k, olds[k], news[k])) !== stableJson(canonical(k, news[k], news[k]));
  const recorded = (k: string): boolean => olds[k] !== undefined && olds[k] !== null;
  const replaces = differs("instanceId") ? ["instanceId"] : [];
  const settings = settingArgs(platform).filter(differs);
  const steering = [...(differs("onDelete") ? ["onDelete"] : []), ...WAIT_ARGS.filter((k) => recorded(k) && differs(k))];
  const diffs = [...replaces, ...settings, ...steering];
  return { changes: diffs.length > 0, replaces, diffs };
}
