// BackupStrategy's check() on OceanBase Cloud and TaurusDB: every broken rule as a CheckFailure with its property path,
// before any request. The platforms' own rules are the sdk's (sdk/oceanbase/strategy.ts, sdk/taurusdb/validate.ts), run
// one property at a time so that every broken rule is reported; the provider adds its own for instanceId's platform,
// onDelete and the waiting arguments, and refuses the other platforms' arguments. Values the engine does not know yet
// (preview) pass unchecked. null counts as absent, at every depth.
//
// Canonical form (what check() returns, what is sent, stored and compared): OceanBase Cloud's timeList and TaurusDB's
// period in ascending day order (the order carries no meaning); onDelete "keep", waitForCompletion true and
// timeoutMinutes 30 when absent.
import { Failures } from "../check-failures";
import { InvalidInputError } from "../../sdk/errors";
import * as ob from "../../sdk/oceanbase/strategy";
import { checkId } from "../../sdk/oceanbase/inputs";
import type { BackupPolicyInput, OffsitePolicyInput } from "../../sdk/taurusdb/client";
import * as taurus from "../../sdk/taurusdb/validate";
import { isPlainObject, withoutUndefined } from "../../sdk/validate";
import { isUnknown, MAX_TIMEOUT_MINUTES, TIMEOUT_RULE } from "../common-args";
import type { CheckFailure, CheckResult, Props } from "../types";
import { withoutNulls } from "./normalise";
import { misplacedReason } from "./platform-args";
import { DEFAULT_TIMEOUT_MINUTES, ON_DELETE_MODES, type OnDelete } from "./spec";


type CommonArgs = {
  instanceId: string;
  onDelete: OnDelete;
  waitForCompletion: boolean;
  /** Positive, at most 1440; fractions allowed. */
  timeoutMinutes: number;
};

// Type aliases, not interfaces: the checked arguments are also the canonical inputs (a Props bag).
export type ObCloudStrategyArgs = CommonArgs & {
  platform: "oceanbase-cloud";
  backupScheduleMode: ob.ScheduleMode;
  scheduleTime: string;
  timeList: number[];
  lastDayOfMonth?: boolean;
  dataMaintainDays: number;
  retainMode: "TIME";
  backupStorageConfig: ob.BackupStorageConfig;
  /** "restore" is refused: OceanBase Cloud publishes no read, so nothing was found at adoption to write back. */
  onDelete: "keep";
};

export type TaurusDbStrategyArgs = CommonArgs & {
  platform: "huawei-taurusdb";
  backupPolicy: BackupPolicyInput;
  offsitePolicy?: OffsitePolicyInput;
};

export type CloudStrategyArgs = ObCloudStrategyArgs | TaurusDbStrategyArgs;


/** Checks of one argument: skipped (the value passed through) while it is not known yet. */
class Checker {
  readonly f = new Failures();
  readonly out: Props = {};
  constructor(readonly news: Props) {}

  /** Runs `rule` on a present value; absent: `required` adds "is required", otherwise `dflt` (if any) is used. */
  arg(name: string, rule: (v: unknown) => unknown, o: { required?: boolean; dflt?: unknown } = {}): void {
    const v = this.news[name];
    if (isUnknown(v)) {
      this.out[name] = v;
      return;
    }
    if (v === undefined) {
      if (o.required) this.f.add(name, "is required");
      else if (o.dflt !== undefined) this.out[name] = o.dflt;
      return;
    }
    const checked = this.f.run(() => rule(v));
    if (checked !== undefined) this.out[name] = checked;
  }
}

/** An sdk rule whose field name is fixed ("startTime"), reported at `path` instead. */
function at<T>(path: string, rule: () => T): T {
  try {
    return rule();
  } catch (e) {
    if (e instanceof InvalidInputError) throw new InvalidInputError(path, e.rule);
    throw e;
  }
}

function strictObject(path: string, v: unknown, keys: readonly string[]): Record<string, unknown> {
  if (!isPlainObject(v)) throw new InvalidInputError(path, "must be an object");
  const extra = Object.keys(v).find((k) => !keys.includes(k));
  if (extra !== undefined) throw new InvalidInputError(`${path}.${extra}`, `is not a known property (${keys.join(", ")})`);
  return v;
}

function checkOnDelete(v: unknown): OnDelete {
  if (!(ON_DELETE_MODES as readonly unknown[]).includes(v)) throw new InvalidInputError("onDelete", `must be one of ${ON_DELETE_MODES.map((m) => `"${m}"`).join(", ")}`);
  return v as OnDelete;
}

function common(c: Checker, instanceRule: (v: unknown) => string): void {
  c.arg("instanceId", instanceRule, { required: true });
  c.arg("waitForCompletion", (v) => taurus.bool("waitForCompletion", v), { dflt: true });
  c.arg(
    "timeoutMinutes",
    (v) => {
      if (typeof v !== "number" || !Number.isFinite(v) || v <= 0 || v > MAX_TIMEOUT_MINUTES) throw new InvalidInputError("timeoutMinutes", TIMEOUT_RULE);
      return v;
    },
    { dflt: DEFAULT_TIMEOUT_MINUTES },
  );
}

/** OceanBase Cloud's ModifyBackupStrategy fields (docs/api-oceanbase-cloud.md#modify-the-backup-strategy). */
function oceanBase(c: Checker): void {
  common(c, (v) => checkId("instanceId", v));
  const mode = c.news["backupScheduleMode"];
  const knownMode = (ob.SCHEDULE_MODES as readonly unknown[]).includes(mode) ? (mode as ob.ScheduleMode) : undefined;
  c.arg("backupScheduleMode", (v) => ob.scheduleMode(v), { required: true });
  c.arg("scheduleTime", (v) => ob.scheduleTime(v), { required: true });
  c.arg("timeList", (v) => ob.timeList(v, knownMode), { required: true });
  c.arg("lastDayOfMonth", (v) => ob.lastDayOfMonth(v, knownMode));
  c.arg("dataMaintainDays", (v) => ob.dataMaintainDays(v), { required: true });
  c.arg("retainMode", (v) => ob.retainMode(v), { required: true });
  c.arg("backupStorageConfig", (v) => ob.backupStorageConfig(v), { required: true });
  c.arg(
    "onDelete",
    (v) => {
      if (checkOnDelete(v) === "restore") {
        throw new InvalidInputError(
          "onDelete",
          'cannot be "restore" on OceanBase Cloud: it publishes no API that reads a backup strategy, so nothing is found at adoption to write back; use "keep" (the default)',
        );
      }
      return v;
    },
    { dflt: "keep" },
  );
}

const POLICY_KEYS = ["keepDays", "startTime", "period", "retentionNumBackupLevel1"] as const;
const OFFSITE_KEYS = ["openAutoBackup", "openIncrementalBackup", "destinationProjectId", "destinationRegion", "keepDays"] as const;

/** The days of a period in ascending order ("5,1,3" is "1,3,5"). */
export function canonicalPeriod(period: string): string {
  return period
    .split(",")
    .map(Number)
    .sort((a, b) => a - b)
    .join(",");
}

/** TaurusDB's backup policy: every field checked, every failure reported at its path. */
function backupPolicy(v: unknown, f: Failures): BackupPolicyInput | undefined {
  const p = f.run(() => strictObject("backupPolicy", v, POLICY_KEYS));
  if (p === undefined) return undefined;
  const before = f.count;
  const need = (k: string): void => {
    if (p[k] === undefined) f.add(`backupPolicy.${k}`, "is required");
  };
  ["keepDays", "startTime", "period"].forEach(need);
  const keepDays = p["keepDays"] === undefined ? undefined : f.run(() => taurus.intInRange("backupPolicy.keepDays", p["keepDays"], 1, 732));
  const startTime = p["startTime"] === undefined ? undefined : f.run(() => at("backupPolicy.startTime", () => taurus.backupWindow(p["startTime"])));
  const period = p["period"] === undefined ? undefined : f.run(() => at("backupPolicy.period", () => taurus.backupPeriod(p["period"])));
  const levelOne = p["retentionNumBackupLevel1"] === undefined ? undefined : f.run(() => taurus.levelOneRetention(p["retentionNumBackupLevel1"], "backupPolicy.retentionNumBackupLevel1"));
  if (f.count > before || keepDays === undefined || startTime === undefined || period === undefined) return undefined;
  return withoutUndefined({ keepDays, startTime, period: canonicalPeriod(period), retentionNumBackupLevel1: levelOne });
}

/** TaurusDB's cross-region policy: all five fields required (docs/api-huawei-taurusdb.md#cross-region-backup-policy). */
function offsitePolicy(v: unknown, f: Failures): OffsitePolicyInput | undefined {
  const p = f.run(() => strictObject("offsitePolicy", v, OFFSITE_KEYS));
  if (p === undefined) return undefined;
  const before = f.count;
  for (const k of OFFSITE_KEYS) if (p[k] === undefined) f.add(`offsitePolicy.${k}`, "is required");
  const present = <T>(k: string, rule: () => T): T | undefined => (p[k] === undefined ? undefined : f.run(rule));
  const auto = present("openAutoBackup", () => taurus.bool("offsitePolicy.openAutoBackup", p["openAutoBackup"]));
  const incremental = present("openIncrementalBackup", () => taurus.bool("offsitePolicy.openIncrementalBackup", p["openIncrementalBackup"]));
  if (incremental === true && auto === false) f.add("offsitePolicy.openIncrementalBackup", "may be true only when openAutoBackup is true");
  const project = present("destinationProjectId", () => taurus.projectId("offsitePolicy.destinationProjectId", p["destinationProjectId"]));
  const region = present("destinationRegion", () => taurus.regionName("offsitePolicy.destinationRegion", p["destinationRegion"]));
  const keepDays = present("keepDays", () => taurus.intInRange("offsitePolicy.keepDays", p["keepDays"], 1, 1825));
  if (f.count > before || auto === undefined || incremental === undefined || project === undefined || region === undefined || keepDays === undefined) return undefined;
  return { openAutoBackup: auto, openIncrementalBackup: incremental, destinationProjectId: project, destinationRegion: region, keepDays };
}

/** TaurusDB's policies (docs/api-huawei-taurusdb.md#backup-policy). */
function taurusDb(c: Checker): void {
  common(c, (v) => taurus.instanceId("instanceId", v));
  const policy = c.news["backupPolicy"];
  if (isUnknown(policy)) c.out["backupPolicy"] = policy;
  else if (policy === undefined) c.f.add("backupPolicy", "is required");
  else {
    const checked = backupPolicy(policy, c.f);
    if (checked !== undefined) c.out["backupPolicy"] = checked;
  }
  const offsite = c.news["offsitePolicy"];
  if (isUnknown(offsite)) c.out["offsitePolicy"] = offsite;
  else if (offsite !== undefined) {
    const checked = offsitePolicy(offsite, c.f);
    if (checked !== undefined) c.out["offsitePolicy"] = checked;
  }
  c.arg("onDelete", checkOnDelete, { dflt: "keep" });
}

/** check() for platform "oceanbase-cloud" or "huawei-taurusdb": the canonical inputs, or the news with every failure. */
export function checkCloudArgs(platform: "oceanbase-cloud" | "huawei-taurusdb", raw: Props): CheckResult {
  const news = withoutNulls(raw) as Props;
  const c = new Checker(news);
  for (const key of Object.keys(raw)) {
    const reason = misplacedReason(key, platform, raw[key]);
    if (reason !== undefined) c.f.add(key, reason);
  }
  if (platform === "oceanbase-cloud") oceanBase(c);
  else taurusDb(c);
  if (c.f.count > 0) return { inputs: raw, failures: c.f.list };
  return { inputs: { platform, ...c.out }, failures: [] };
}

/** The typed arguments from inputs that went through check() (create/update's news); throws naming the first broken rule. */
export function parseCloudArgs(platform: "oceanbase-cloud" | "huawei-taurusdb", props: Props): CloudStrategyArgs {
  const r = checkCloudArgs(platform, props);
  const first: CheckFailure | undefined = r.failures[0];
  if (first !== undefined) throw new InvalidInputError(first.property, first.reason);
  return r.inputs as CloudStrategyArgs;
}
