// RestoredTenant's arguments: their names, defaults, normalisation and the check() rules. The rules of the restore
// call itself are the sdk's (sdk/oceanbase/inputs.ts checkRestoreTenant), run one field at a time against a known-good
// baseline so that every broken rule is reported (the sdk stops at the first); the provider adds its own rules for
// the arguments the API does not have (waitForCompletion, timeoutMinutes) and for the restoreTime spelling.
import { Failures } from "../check-failures";
import { InvalidInputError } from "../../sdk/errors";
import { checkRestoreTenant, toObTime, type RestoreTenantInput, type TenantResource } from "../../sdk/oceanbase/inputs";
import type { CheckResult, Props } from "../types";
import { isUnknown, MAX_TIMEOUT_MINUTES, UNKNOWN } from "../common-args";
import { argsWhere, namesOf, parseStoredState } from "../spec";
import { RESTORED_TENANT_ARGS, RESTORED_TENANT_OUTPUT_TABLE, type RestoredTenantFields } from "./spec";
import { LATEST } from "./windows";

export const DEFAULT_TIMEOUT_MINUTES = 120;

// The spec's fields as check() leaves them: defaults filled in, the unit count as unitNum, restoreTime canonical
// (ISO-8601 UTC, whole seconds: "2026-01-13T05:58:34Z") or "latest", an empty restoreObjects dropped. A type alias, not an
// interface: checked arguments are also a plain property bag (Props).
export type RestoredTenantArgs = Omit<RestoredTenantFields, "tenantResource" | Defaulted> & {
  tenantResource: TenantResource;
  restoreMode: "from_backup_set";
  fromRemote: boolean;
  restoreObjectType: "tenant";
  waitForCompletion: boolean;
  timeoutMinutes: number;
};
type Defaulted = "restoreMode" | "fromRemote" | "restoreObjectType" | "waitForCompletion" | "timeoutMinutes";

export type ArgName = keyof RestoredTenantArgs;

export const ARG_NAMES: readonly ArgName[] = namesOf(RESTORED_TENANT_ARGS);

/** Outputs beyond the inputs: what the tenant itself tells. */
export const OUTPUT_NAMES = namesOf(RESTORED_TENANT_OUTPUT_TABLE);

/**
 * Arguments the restored tenant cannot tell afterwards (where it was restored from, and how): read() keeps them from
 * the previous state, and an imported state (which has none of them) cannot know them.
 */
export const SOURCE_ARGS: readonly ArgName[] = argsWhere(RESTORED_TENANT_ARGS, (f) => f.unreported === true);

// A struct null is what an unset Input can arrive as; it means "not given", like undefined.
const absent = (v: unknown): v is undefined | null => v === undefined || v === null;

const RESTORE_TIME = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?Z$/;

/**
 * The one spelling of an instant the API takes: "…:34Z". "…:34.000Z" (what Date#toISOString writes) is the same
 * instant and becomes "…:34Z"; a non-zero fraction is not representable and is left as given, for the rules to refuse.
 */
export function canonicalRestoreTime(value: string): string {
  const m = RESTORE_TIME.exec(value);
  if (m === null || (m[2] !== undefined && !/^0+$/.test(m[2]))) return value;
  return `${m[1] ?? ""}Z`;
}

const BASE_RESOURCE: TenantResource = { cpu: 1, memory: 1, unitNum: 1 };
const BASELINE: RestoreTenantInput = {
  sourceInstanceId: "i",
  sourceTenantId: "t",
  targetInstanceId: "i",
  targetTenantName: "tn",
  targetTenantDescription: "d",
  targetTenantPrimaryZone: "z",
  tenantResource: BASE_RESOURCE,
  fromRemote: false,
  restoreTime: "2000-01-01T00:00:00Z",
  restoreMode: "from_backup_set",
  restoreObjectType: "tenant",
};

/** The sdk's verdict on one field (the rest of the input known-good): its InvalidInputError, or undefined. */
function sdkRule(patch: { [K in keyof RestoreTenantInput]?: unknown }): InvalidInputError | undefined {
  try {
    checkRestoreTenant({ ...BASELINE, ...patch });
    return undefined;
  } catch (e) {
    if (e instanceof InvalidInputError) return e;
    throw e;
  }
}

const STRING_ARGS = [
  "sourceInstanceId",
  "sourceTenantId",
  "targetInstanceId",
  "targetTenantName",
  "targetTenantDescription",
  "targetTenantPrimaryZone",
] as const;

const RESOURCE_KEYS = ["cpu", "memory", "unitNum"] as const;

/**
 * The restore page's table spells the unit count `unitnum`, its example `unitNum` (seed 003): either is accepted from
 * the program, and the inputs (so the diff, the state and the request) always carry `unitNum`, which is what the
 * example sends (docs/api-oceanbase-cloud.md#tenantresource-spelling). Both at once is refused.
 */
function withUnitNum(given: Record<string, unknown>, fail: (property: string, reason: string) => void): Record<string, unknown> {
  if (absent(given.unitnum)) {
    const { unitnum: _ignored, ...rest } = given;
    return rest;
  }
  const { unitnum, ...rest } = given;
  if (!absent(given.unitNum)) {
    fail("tenantResource.unitnum", "give the unit count once: unitNum or unitnum (the API page spells it both ways), not both");
    return rest;
  }
  return { ...rest, unitNum: unitnum };
}

/**
 * Validates and normalises the program's arguments without sending anything: defaults applied, restoreTime in its
 * canonical form ("latest" as is), empty restoreObjects dropped. Every broken rule is one failure with its property
 * path. Values not known yet (preview) are passed through unchecked. `now` (epoch ms), when given, refuses a
 * restoreTime in the future (check passes it; create and update, which re-read checked inputs, do not).
 */
export function checkArgs(news: Props, now?: number): CheckResult {
  const f = new Failures();
  const fail = (property: string, reason: string): void => f.add(property, reason);
  const fromSdk = (e: InvalidInputError | undefined): boolean => f.passed(e);
  const out: Props = {};

  for (const [key, value] of Object.entries(news)) {
    if (key === "__provider" || absent(value) || (ARG_NAMES as readonly string[]).includes(key)) continue;
    fail(key, `is not a RestoredTenant argument (expected ${ARG_NAMES.join(", ")})`);
  }

  for (const name of STRING_ARGS) {
    const v = news[name];
    if (isUnknown(v)) out[name] = v;
    else if (absent(v)) fail(name, "is required");
    // The sdk's rules say what is wrong with a value that is not a string (a number given for an id: refused, named).
    else if (fromSdk(sdkRule({ [name]: v }))) out[name] = v;
  }

  const res = news.tenantResource;
  if (res === UNKNOWN) out.tenantResource = res;
  else if (absent(res)) fail("tenantResource", "is required");
  else if (typeof res !== "object" || Array.isArray(res)) fromSdk(sdkRule({ tenantResource: res }));
  else {
    const given = withUnitNum(res as Record<string, unknown>, fail);
    const resource: Record<string, unknown> = {};
    const before = f.count;
    for (const k of RESOURCE_KEYS) {
      const v = given[k];
      if (isUnknown(v)) resource[k] = v;
      else if (absent(v)) fail(`tenantResource.${k}`, "is required");
      else if (fromSdk(sdkRule({ tenantResource: { ...BASE_RESOURCE, [k]: v } }))) resource[k] = v;
    }
    for (const [k, v] of Object.entries(given)) {
      if (!(RESOURCE_KEYS as readonly string[]).includes(k) && !absent(v)) fromSdk(sdkRule({ tenantResource: { ...BASE_RESOURCE, [k]: v } }));
    }
    if (f.count === before) out.tenantResource = resource;
  }

  const time = news.restoreTime;
  if (isUnknown(time) || time === LATEST) out.restoreTime = time;
  else if (absent(time)) fail("restoreTime", "is required");
  else if (typeof time !== "string") fail("restoreTime", `must be a string: "latest" or an ISO-8601 UTC time`);
  else {
    const m = RESTORE_TIME.exec(time);
    if (m !== null && m[2] !== undefined && !/^0+$/.test(m[2])) {
      fail("restoreTime", "must be whole seconds: the API restores to a second (like 2026-01-13T05:58:34Z)");
    } else {
      const canonical = canonicalRestoreTime(time);
      const refused = sdkRule({ restoreTime: canonical });
      // The sdk knows only times; the resource also takes "latest", which the rule should name.
      const spelled = refused?.rule.startsWith("must be an ISO-8601") === true ? new InvalidInputError("restoreTime", `must be "latest" or an ISO-8601 UTC time like 2026-01-13T05:58:34Z`) : refused;
      if (fromSdk(spelled)) {
        // Only a point that has passed can be restored to; no window can hold a later one, so nothing is asked.
        if (now !== undefined && Date.parse(canonical) > now) {
          fail("restoreTime", `${canonical} is in the future (this machine's clock says ${toObTime(now)}): choose a point that has passed, or "latest"`);
        } else out.restoreTime = canonical;
      }
    }
  }

  const withDefault = (name: "restoreMode" | "restoreObjectType", dflt: string): void => {
    const v = absent(news[name]) ? dflt : news[name];
    if (isUnknown(v) || fromSdk(sdkRule({ [name]: v }))) out[name] = v;
  };
  withDefault("restoreMode", "from_backup_set");
  withDefault("restoreObjectType", "tenant");

  const boolean = (name: "fromRemote" | "waitForCompletion", dflt: boolean): void => {
    const v = absent(news[name]) ? dflt : news[name];
    if (isUnknown(v) || typeof v === "boolean") out[name] = v;
    else fail(name, `must be a boolean (default ${String(dflt)})`);
  };
  boolean("fromRemote", false);
  boolean("waitForCompletion", true);

  const objects = news.restoreObjects;
  if (isUnknown(objects)) out.restoreObjects = objects;
  else if (!absent(objects) && fromSdk(sdkRule({ restoreObjects: objects })) && Array.isArray(objects) && objects.length > 0) {
    out.restoreObjects = objects;
  }

  const minutes = absent(news.timeoutMinutes) ? DEFAULT_TIMEOUT_MINUTES : news.timeoutMinutes;
  if (isUnknown(minutes)) out.timeoutMinutes = minutes;
  else if (typeof minutes !== "number" || !Number.isFinite(minutes) || minutes <= 0 || minutes > MAX_TIMEOUT_MINUTES) {
    fail("timeoutMinutes", `must be a positive number of minutes, at most ${MAX_TIMEOUT_MINUTES} (default ${DEFAULT_TIMEOUT_MINUTES})`);
  } else out.timeoutMinutes = minutes;

  // Belt and braces: the whole request as the sdk will see it must pass too.
  if (f.count === 0 && !isUnknown(out)) {
    const a = out as RestoredTenantArgs;
    fromSdk(sdkRule(restoreInputOf(a.restoreTime === LATEST ? { ...a, restoreTime: BASELINE.restoreTime } : a)));
  }
  return f.count === 0 ? { inputs: out, failures: f.list } : { inputs: news, failures: f.list };
}

/** Checked arguments, or an error listing what is wrong (create/update receive checked inputs: this is a guard). */
export function argsOf(inputs: Props): RestoredTenantArgs {
  const { inputs: out, failures } = checkArgs(inputs);
  if (failures.length > 0) {
    throw new Error(`RestoredTenant arguments are invalid: ${failures.map((f) => `${f.property} ${f.reason}`).join("; ")}`);
  }
  if (isUnknown(out)) throw new Error("RestoredTenant arguments are not all known yet");
  // check() passed every rule, which require what the type requires.
  return out as RestoredTenantArgs;
}

/** The sdk's restore input for these arguments. */
export function restoreInputOf(a: RestoredTenantArgs): RestoreTenantInput {
  return {
    sourceInstanceId: a.sourceInstanceId,
    sourceTenantId: a.sourceTenantId,
    targetInstanceId: a.targetInstanceId,
    targetTenantName: a.targetTenantName,
    targetTenantDescription: a.targetTenantDescription,
    targetTenantPrimaryZone: a.targetTenantPrimaryZone,
    tenantResource: { cpu: a.tenantResource.cpu, memory: a.tenantResource.memory, unitNum: a.tenantResource.unitNum },
    fromRemote: a.fromRemote,
    restoreTime: a.restoreTime,
    restoreMode: a.restoreMode,
    restoreObjectType: a.restoreObjectType,
    ...(a.restoreObjects !== undefined ? { restoreObjects: a.restoreObjects } : {}),
  };
}

/** A stored state (outputs written by this or an earlier version, or by an import), read by the spec's state types. */
export type StoredState = ReturnType<typeof storedStateOf>;

/** Reads a stored state leniently: every field optional, a mistyped one read as absent; never throws. */
export function storedStateOf(props: Props) {
  return parseStoredState(RESTORED_TENANT_ARGS, RESTORED_TENANT_OUTPUT_TABLE, props);
}

/** The state's timeoutMinutes if usable, else the default (delete and read have no new inputs to take it from). */
export function timeoutMinutesOf(s: StoredState): number {
  const m = s.timeoutMinutes;
  return m !== undefined && Number.isFinite(m) && m > 0 && m <= MAX_TIMEOUT_MINUTES ? m : DEFAULT_TIMEOUT_MINUTES;
}
