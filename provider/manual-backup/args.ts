// ManualBackup's arguments: names, defaults, normalisation and the check() rules. The platforms' own rules are the
// sdk's (sdk/oceanbase/inputs.ts, sdk/taurusdb/validate.ts), run one property at a time so that every broken rule is
// reported (each sdk check stops at its first); their InvalidInputError{field, rule} becomes a CheckFailure whose
// property is the argument's path ("databaseTables[0].tables"). OCP's storage config is checked with sdk/ocp's zod
// schema (the one BackupStrategy uses), each issue at its path under obBackupServiceStorageConfig. The provider adds
// its own rules for the arguments the APIs do not have (platform, waitForCompletion, timeoutMinutes) and for
// properties of the other platforms.
import type { z } from "zod";
import { Failures, propertyPath } from "../check-failures";
import { namesOf, parseStoredState, type ArgFlags } from "../spec";
import {
  ARG_PLATFORMS,
  BACKUP_OBJECT_TYPES,
  MANUAL_BACKUP_ARGS,
  MANUAL_BACKUP_OUTPUT_TABLE,
  OCP_BACKUP_MODES,
  OCP_DATA_BACKUP_MODES,
  PLATFORMS,
  type BackupObjectType,
  type ManualBackupFields,
  type ManualBackupPlatform,
} from "./spec";
import { isPlainObject, positiveIntegerId, withoutUndefined } from "../../sdk/validate";
import { InvalidInputError } from "../../sdk/errors";
import { checkDatabaseTables, checkId, optionalBoolean, type DatabaseTables } from "../../sdk/oceanbase/inputs";
import { storageConfigSchema } from "../../sdk/ocp/schemas";
import * as taurusRules from "../../sdk/taurusdb/validate";
import type { CheckFailure, CheckResult, Props } from "../types";
import { isUnknown, MAX_TIMEOUT_MINUTES, TIMEOUT_RULE } from "../common-args";

export { PLATFORMS, type ManualBackupPlatform } from "./spec";

export { BACKUP_OBJECT_TYPES, type BackupObjectType } from "./spec";

export const DEFAULT_TIMEOUT_MINUTES = 60;

// Type aliases, not interfaces: a checked argument object is also a plain property bag (Props) for the outputs.
type WaitArgs = {
  waitForCompletion: boolean;
  /** Positive, at most 1440; fractions allowed. */
  timeoutMinutes: number;
};

export type OceanBaseBackupArgs = WaitArgs & {
  platform: "oceanbase-cloud";
  instanceId: string;
  /** Required at database and table level; at tenant level, without it the whole cluster is backed up [seed 000]. */
  tenantId?: string;
  /** Tenant level only: the body's required backupPolicy, which the sdk always sends as "manual" [seed 000]. */
  backupPolicy?: "manual";
  backupObjectType: BackupObjectType;
  /** database and table levels only (required there); the sdk sends it as the JSON string the API wants. */
  databaseTables?: DatabaseTables[];
  /** tenant level only. */
  needPreCheck?: boolean;
};

export type TaurusDbBackupArgs = WaitArgs & {
  platform: "huawei-taurusdb";
  instanceId: string;
  name: string;
  description?: string;
};

/** OCP's storage config as checked (sdk/ocp's storageConfigSchema). */
export type OcpStorageConfig = z.output<typeof storageConfigSchema>;

export type OcpBackupArgs = WaitArgs & {
  platform: "ocp";
  clusterId: number;
  /** Without it, the whole cluster is backed up (the cluster-level backupNow). */
  tenantId?: number;
  backupMode: (typeof OCP_BACKUP_MODES)[number];
  dataBackupMode: (typeof OCP_DATA_BACKUP_MODES)[number];
  obBackupServiceStorageConfig: OcpStorageConfig;
};

export type ManualBackupArgs = OceanBaseBackupArgs | TaurusDbBackupArgs | OcpBackupArgs;

/** Every argument name (the spec's order). */
export const ARG_NAMES: readonly string[] = namesOf(MANUAL_BACKUP_ARGS);

/** Arguments that choose the backup: any change replaces it. */
export const BACKUP_ARGS: readonly string[] = ARG_NAMES.filter((n) => MANUAL_BACKUP_ARGS[n as keyof ManualBackupFields].replaces);

/** The platforms an argument belongs to: ARG_PLATFORMS, else its `platform` flag, else every platform. */
function ownersOf(name: keyof ManualBackupFields): readonly ManualBackupPlatform[] {
  const flags: ArgFlags = MANUAL_BACKUP_ARGS[name];
  return ARG_PLATFORMS[name] ?? (flags.platform === undefined ? PLATFORMS : [flags.platform as ManualBackupPlatform]);
}

/** Each argument given that belongs to other platforms only, refused in words naming them. */
function refuseOtherPlatformArgs(news: Props, platform: ManualBackupPlatform, f: Failures): void {
  for (const key of ARG_NAMES as (keyof ManualBackupFields)[]) {
    const owners = ownersOf(key);
    if (owners.includes(platform) || news[key] === undefined || news[key] === null) continue;
    const named = owners.map((p) => `"${p}"`).join(" and ");
    f.add(key, `is an argument of platform${owners.length > 1 ? "s" : ""} ${named}: not allowed with platform "${platform}"`);
  }
}

/** Collects failures; each property is checked on its own so one bad value never hides another. */
function required(field: string, value: unknown): void {
  if (value === undefined || value === null) throw new InvalidInputError(field, "is required");
}

function checkWaitArgs(news: Props, f: Failures): Partial<WaitArgs> {
  const out: Partial<WaitArgs> = {};
  const wait = news.waitForCompletion;
  if (wait === undefined || wait === null) out.waitForCompletion = true;
  else if (isUnknown(wait)) out.waitForCompletion = wait as boolean;
  else if (typeof wait !== "boolean") f.add("waitForCompletion", "must be a boolean");
  else out.waitForCompletion = wait;

  const t = news.timeoutMinutes;
  if (t === undefined || t === null) out.timeoutMinutes = DEFAULT_TIMEOUT_MINUTES;
  else if (isUnknown(t)) out.timeoutMinutes = t as number;
  else if (typeof t !== "number" || !Number.isFinite(t) || t <= 0 || t > MAX_TIMEOUT_MINUTES) {
    f.add("timeoutMinutes", `${TIMEOUT_RULE} (fractions allowed)`);
  } else out.timeoutMinutes = t;
  return out;
}

function checkOceanBase(news: Props, f: Failures): Partial<OceanBaseBackupArgs> {
  const out: Partial<OceanBaseBackupArgs> = {};
  const known = (name: string): boolean => !isUnknown(news[name]);

  if (known("instanceId")) {
    f.run(() => {
      required("instanceId", news.instanceId);
      out.instanceId = checkId("instanceId", news.instanceId);
    });
  } else out.instanceId = news.instanceId as string;

  const rawType = news.backupObjectType ?? "tenant";
  let level: BackupObjectType | undefined;
  if (!known("backupObjectType")) out.backupObjectType = rawType as BackupObjectType;
  else if (typeof rawType === "string" && (BACKUP_OBJECT_TYPES as readonly string[]).includes(rawType)) {
    level = rawType as BackupObjectType;
    out.backupObjectType = level;
  } else f.add("backupObjectType", `must be one of ${BACKUP_OBJECT_TYPES.join(", ")}`);

  // A tenant-level (physical) backup without a tenant backs up the whole cluster [seed 000: tenantId not required].
  if (!known("tenantId")) out.tenantId = news.tenantId as string;
  else if (news.tenantId !== undefined && news.tenantId !== null) {
    const v = f.run(() => checkId("tenantId", news.tenantId));
    if (v !== undefined) out.tenantId = v;
  } else if (level !== "tenant") {
    f.run(() => required("tenantId", news.tenantId));
  }

  const policy = news.backupPolicy;
  if (!known("backupPolicy")) out.backupPolicy = policy as "manual";
  else if (policy !== undefined && policy !== null) {
    if (level !== undefined && level !== "tenant") f.add("backupPolicy", "applies to tenant-level (physical) backups only: omit it for database and table backups");
    else if (policy !== "manual") f.add("backupPolicy", `must be "manual" (an on-demand backup), got ${JSON.stringify(policy)}`);
    else out.backupPolicy = "manual";
  }

  const tables = news.databaseTables;
  if (!known("databaseTables")) out.databaseTables = tables as DatabaseTables[];
  else if (level === "tenant" && tables !== undefined && tables !== null) {
    f.add("databaseTables", "must be omitted for a tenant-level backup (backupObjectType tenant backs up the whole tenant)");
  } else if (level === "database" || level === "table") {
    f.run(() => {
      required("databaseTables", tables);
      out.databaseTables = checkDatabaseTables(level, tables);
    });
  }

  const preCheck = news.needPreCheck;
  if (!known("needPreCheck")) out.needPreCheck = preCheck as boolean;
  else if (preCheck !== undefined && preCheck !== null) {
    if (level !== undefined && level !== "tenant") {
      f.add("needPreCheck", "applies to tenant-level (physical) backups only: omit it for database and table backups");
    } else {
      const v = f.run(() => optionalBoolean("needPreCheck", preCheck));
      if (v !== undefined) out.needPreCheck = v;
    }
  }
  return out;
}

function checkTaurusDb(news: Props, f: Failures): Partial<TaurusDbBackupArgs> {
  const out: Partial<TaurusDbBackupArgs> = {};
  const known = (name: string): boolean => !isUnknown(news[name]);

  if (known("instanceId")) {
    f.run(() => {
      required("instanceId", news.instanceId);
      out.instanceId = taurusRules.instanceId("instanceId", news.instanceId);
    });
  } else out.instanceId = news.instanceId as string;

  if (known("name")) {
    f.run(() => {
      required("name", news.name);
      out.name = taurusRules.backupName(news.name);
    });
  } else out.name = news.name as string;

  const description = news.description;
  if (!known("description")) out.description = description as string;
  else if (description !== undefined && description !== null) {
    const v = f.run(() => taurusRules.backupDescription(description));
    if (v !== undefined) out.description = v;
  }
  return out;
}

function oneOf<T extends string>(field: string, v: unknown, allowed: readonly T[]): T {
  if (typeof v !== "string" || !(allowed as readonly string[]).includes(v)) throw new InvalidInputError(field, `must be one of ${allowed.join(", ")}`);
  return v as T;
}

function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let v = root;
  for (const p of path) v = isPlainObject(v) || Array.isArray(v) ? (v as Record<PropertyKey, unknown>)[p] : undefined;
  return v;
}

/** A zod issue of the storage config as failures at their paths under `prefix`, in check()'s words. */
function storageFailures(issue: z.core.$ZodIssue, root: unknown, prefix: string): CheckFailure[] {
  const path = [prefix, ...issue.path];
  if (issue.code === "unrecognized_keys") return issue.keys.map((k) => ({ property: propertyPath([...path, k]), reason: "is not a known property" }));
  const value = valueAt(root, issue.path);
  let reason = issue.message;
  if (value === undefined && (issue.code === "invalid_type" || issue.code === "invalid_value")) reason = "is required";
  else if (issue.code === "invalid_value") reason = `must be one of ${issue.values.map(String).join(", ")}`;
  else if (issue.code === "invalid_type" && issue.message.startsWith("Invalid input")) reason = `must be ${/^[aeiou]/.test(issue.expected) ? "an" : "a"} ${issue.expected}`;
  return [{ property: propertyPath(path), reason }];
}

function checkOcp(news: Props, f: Failures): Partial<OcpBackupArgs> {
  const out: Partial<OcpBackupArgs> = {};
  const known = (name: string): boolean => !isUnknown(news[name]);
  const given = (name: string): boolean => news[name] !== undefined && news[name] !== null;

  if (!known("clusterId")) out.clusterId = news.clusterId as number;
  else {
    f.run(() => {
      required("clusterId", news.clusterId);
      out.clusterId = positiveIntegerId("clusterId", news.clusterId);
    });
  }
  // Without a tenant, the cluster-level backupNow backs up the whole cluster [docs].
  if (!known("tenantId")) out.tenantId = news.tenantId as number;
  else if (given("tenantId")) {
    const v = f.run(() => positiveIntegerId("tenantId", news.tenantId));
    if (v !== undefined) out.tenantId = v;
  }
  if (!known("backupMode")) out.backupMode = news.backupMode as OcpBackupArgs["backupMode"];
  else {
    f.run(() => {
      required("backupMode", news.backupMode);
      out.backupMode = oneOf("backupMode", news.backupMode, OCP_BACKUP_MODES);
    });
  }
  if (!known("dataBackupMode")) out.dataBackupMode = news.dataBackupMode as OcpBackupArgs["dataBackupMode"];
  else {
    f.run(() => {
      required("dataBackupMode", news.dataBackupMode);
      out.dataBackupMode = oneOf("dataBackupMode", news.dataBackupMode, OCP_DATA_BACKUP_MODES);
    });
  }
  const storage = news.obBackupServiceStorageConfig;
  if (isUnknown(storage)) out.obBackupServiceStorageConfig = storage as OcpStorageConfig;
  else if (!given("obBackupServiceStorageConfig")) f.add("obBackupServiceStorageConfig", "is required");
  else {
    const r = storageConfigSchema.safeParse(storage);
    if (r.success) out.obBackupServiceStorageConfig = r.data;
    else for (const issue of r.error.issues) for (const x of storageFailures(issue, storage, "obBackupServiceStorageConfig")) f.add(x.property, x.reason);
  }
  return out;
}

/**
 * check(): every documented constraint, with the property path, before any request. Returns the normalised inputs
 * (defaults applied: backupObjectType "tenant", waitForCompletion true, timeoutMinutes 60), or the news as given when
 * something is wrong. Values the engine does not know yet (preview) are passed through unchecked.
 */
export function checkManualBackupArgs(news: Props): CheckResult {
  const r = checkedArgs(news);
  return { inputs: r.args ?? r.inputs, failures: r.failures };
}

/** check()'s work: the typed arguments when every rule holds; otherwise the inputs to hand back and the failures. */
function checkedArgs(news: Props): { args?: ManualBackupArgs; inputs: Props; failures: CheckFailure[] } {
  const f = new Failures();
  const platform = news.platform;
  const platformKnown = !isUnknown(platform);
  if (platformKnown && !(typeof platform === "string" && (PLATFORMS as readonly string[]).includes(platform))) {
    f.add("platform", `is required and must be one of ${PLATFORMS.map((p) => `"${p}"`).join(", ")}`);
  }
  for (const key of Object.keys(news)) {
    if (!ARG_NAMES.includes(key)) f.add(key, `is not a ManualBackup argument (known: ${ARG_NAMES.join(", ")})`);
  }
  const wait = checkWaitArgs(news, f);
  let specific: Partial<ManualBackupArgs> = {};
  if (platformKnown && (PLATFORMS as readonly unknown[]).includes(platform)) {
    const p = platform as ManualBackupPlatform;
    refuseOtherPlatformArgs(news, p, f);
    specific = p === "oceanbase-cloud" ? checkOceanBase(news, f) : p === "huawei-taurusdb" ? checkTaurusDb(news, f) : checkOcp(news, f);
  } else if (!platformKnown) {
    // The platform decides every other rule: without it (preview), keep what was given.
    return { inputs: { ...news, ...wait }, failures: f.list };
  }
  if (f.list.length > 0) return { inputs: news, failures: f.list };
  // Every rule held: each part is complete (the rules require what the type requires).
  const args = withoutUndefined({ platform, ...specific, ...wait }) as ManualBackupArgs;
  return { args, inputs: args, failures: [] };
}

/** Parses inputs that went through check() (update's news); throws naming the first broken rule otherwise. */
export function parseManualBackupArgs(news: Props): ManualBackupArgs {
  const r = checkedArgs(news);
  const first = r.failures[0];
  if (first !== undefined) throw new InvalidInputError(first.property, first.reason);
  if (r.args === undefined) throw new InvalidInputError("platform", "is not known yet");
  return r.args;
}

/** The argument part of a property bag (outputs or inputs), absent values left out. */
export function argsOf(props: Props): Props {
  const out: Props = {};
  for (const name of ARG_NAMES) if (props[name] !== undefined && props[name] !== null) out[name] = props[name];
  return out;
}


// ---------------------------------------------------------------------------------------------------------------
// The stored state (a previous create/update/read's outputs, or an import's): parsed, never trusted. Every field is
// optional because an imported state only holds what the platform reports.

export type ManualBackupState = ReturnType<typeof parseState>;

/** The state's known fields; a field of the wrong type (a hand-edited or older state) is dropped, not fatal. */
export function parseState(props: Props) {
  return parseStoredState(MANUAL_BACKUP_ARGS, MANUAL_BACKUP_OUTPUT_TABLE, props);
}
