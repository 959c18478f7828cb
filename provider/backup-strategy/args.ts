// BackupStrategy's arguments. check() dispatches on `platform` ("ocp" when absent): OceanBase Cloud and TaurusDB are
// checked in cloud-args.ts; OCP here: the resource-level fields (target, waiting) as a zod schema, the strategy body
// checked with sdk/ocp's own input rules; every broken rule a CheckFailure with its property path, before any request
// is sent. OCP inputs are normalised first (normalise.ts), so the rules see the canonical form.
import { Failures, propertyPath } from "../check-failures";
import { z } from "zod";
import { InvalidInputError } from "../../sdk/errors";
import { backupStrategyInputSchema, type OcpBackupStrategyInput } from "../../sdk/ocp/schemas";
import type { StrategyTarget } from "./id";
import { BODY_KEYS, normaliseBody } from "./normalise";
import { isPlainObject as isObject, positiveIntegerId } from "../../sdk/validate";
import type { CheckFailure, Props } from "../types";
import { isUnknown, MAX_TIMEOUT_MINUTES, TIMEOUT_RULE, UNKNOWN } from "../common-args";
import { checkCloudArgs } from "./cloud-args";
import { DEFAULT_PLATFORM, misplacedReason } from "./platform-args";
import { DEFAULT_TIMEOUT_MINUTES, STRATEGY_PLATFORMS } from "./spec";


/** The checked, canonical arguments of a BackupStrategy. */
export interface BackupStrategyInputs {
  target: StrategyTarget;
  /** The create/modify body in canonical form (API field names, seed 002). */
  body: OcpBackupStrategyInput;
  waitForCompletion: boolean;
  timeoutMinutes: number;
}

/** An OCP id: the sdk's one rule (positiveIntegerId), its words as the issue's. */
const positiveId = z.unknown().transform((v, ctx) => {
  if (v === undefined) {
    ctx.addIssue({ code: "custom", message: "is required" });
    return z.NEVER;
  }
  try {
    return positiveIntegerId("id", v);
  } catch (e) {
    if (!(e instanceof InvalidInputError)) throw e;
    ctx.addIssue({ code: "custom", message: e.rule });
    return z.NEVER;
  }
});


/** The fields this provider adds beside the API's body. */
export const resourceFieldsSchema = z.object({
  clusterId: positiveId,
  tenantId: positiveId.optional(),
  waitForCompletion: z.boolean({ error: "must be a boolean" }).default(true),
  timeoutMinutes: z
    .number({ error: TIMEOUT_RULE })
    .refine((n) => Number.isFinite(n) && n > 0 && n <= MAX_TIMEOUT_MINUTES, { error: TIMEOUT_RULE })
    .default(DEFAULT_TIMEOUT_MINUTES),
});

const RESOURCE_KEYS = ["clusterId", "tenantId", "waitForCompletion", "timeoutMinutes"] as const;

/** The canonical OCP inputs from any spelling (tolerant: what it does not understand stays for the rules to refuse). */
export function normaliseInputs(raw: Props): Props {
  const out: Props = { platform: "ocp" };
  for (const key of RESOURCE_KEYS) if (raw[key] !== undefined && raw[key] !== null) out[key] = raw[key];
  for (const key of ["clusterId", "tenantId"] as const) {
    const v = out[key];
    if (typeof v === "string" && /^[1-9]\d{0,15}$/.test(v)) out[key] = Number(v);
  }
  out["waitForCompletion"] ??= true;
  out["timeoutMinutes"] ??= DEFAULT_TIMEOUT_MINUTES;
  return { ...out, ...normaliseBody(raw) };
}


function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): { value: unknown; unknownOnTheWay: boolean } {
  let v = root;
  for (const p of path) {
    if (v === UNKNOWN) return { value: v, unknownOnTheWay: true };
    v = isObject(v) || Array.isArray(v) ? (v as Record<PropertyKey, unknown>)[p] : undefined;
  }
  return { value: v, unknownOnTheWay: v === UNKNOWN };
}

/** One zod issue as failures, in this provider's words; none when it concerns a value not known yet. */
function failuresOf(issue: z.core.$ZodIssue, root: unknown, prefix: ReadonlyArray<PropertyKey>): CheckFailure[] {
  const path = [...prefix, ...issue.path];
  if (valueAt(root, path).unknownOnTheWay) return [];
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((k) => ({ property: propertyPath([...path, k]), reason: "is not a known property" }));
  }
  const { value } = valueAt(root, path);
  let reason = issue.message;
  if (value === undefined && (issue.code === "invalid_type" || issue.code === "invalid_value" || issue.code === "invalid_union")) {
    reason = "is required";
  } else if (issue.code === "invalid_value") {
    reason = `must be one of ${issue.values.map(String).join(", ")}`;
  } else if (issue.code === "invalid_type" && issue.message.startsWith("Invalid input")) {
    reason = `must be ${/^[aeiou]/.test(issue.expected) ? "an" : "a"} ${issue.expected}`;
  }
  return [{ property: propertyPath(path), reason }];
}

/** Every broken rule of the (normalised) inputs. */
function failuresIn(inputs: Props, raw: Props): CheckFailure[] {
  const f = new Failures();
  for (const key of Object.keys(raw)) {
    // null counts as absent, so another platform's argument written as null is no argument at all.
    const reason = misplacedReason(key, "ocp", raw[key]);
    if (reason !== undefined) f.add(propertyPath([key]), reason);
  }
  // The API's own rules are zod schemas (sdk/ocp/schemas.ts): each issue becomes a failure at its path.
  const issues = [
    ...(resourceFieldsSchema.safeParse(pick(inputs, RESOURCE_KEYS)).error?.issues ?? []),
    ...(backupStrategyInputSchema.safeParse(pick(inputs, BODY_KEYS)).error?.issues ?? []),
  ];
  for (const issue of issues) for (const x of failuresOf(issue, inputs, [])) f.add(x.property, x.reason);
  return f.list;
}

function pick(o: Props, keys: readonly string[]): Props {
  const out: Props = {};
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out;
}

/** The platform the inputs name ("ocp" when absent); undefined while it is not known yet (preview). */
export function platformIn(props: Props): string | undefined {
  const p = props["platform"];
  if (isUnknown(p)) return undefined;
  return p === undefined || p === null ? DEFAULT_PLATFORM : (p as string);
}

const PLATFORM_RULE = `must be one of ${STRATEGY_PLATFORMS.map((p) => `"${p}"`).join(", ")} (default "ocp")`;

/** check(): the canonical inputs, or the raw ones with every failure. Never sends a request. */
export function checkArgs(news: Props): { inputs: Props; failures: CheckFailure[] } {
  const platform = platformIn(news);
  // The platform decides every other rule: without it (preview), keep what was given.
  if (platform === undefined) return { inputs: news, failures: [] };
  if (platform === "oceanbase-cloud" || platform === "huawei-taurusdb") return checkCloudArgs(platform, news);
  if (platform !== "ocp") return { inputs: news, failures: [{ property: "platform", reason: PLATFORM_RULE }] };
  const inputs = normaliseInputs(news);
  const failures = failuresIn(inputs, news);
  return failures.length > 0 ? { inputs: news, failures } : { inputs, failures };
}

/** The typed OCP arguments from checked inputs (create/update receive check's output); refuses what check would. */
export function parseArgs(props: Props): BackupStrategyInputs {
  const inputs = normaliseInputs(props);
  const failure = failuresIn(inputs, {})[0];
  if (failure !== undefined) throw new InvalidInputError(failure.property, failure.reason);
  const fields = resourceFieldsSchema.parse(pick(inputs, RESOURCE_KEYS));
  return {
    target: fields.tenantId === undefined ? { clusterId: fields.clusterId } : { clusterId: fields.clusterId, tenantId: fields.tenantId },
    body: pick(inputs, BODY_KEYS) as OcpBackupStrategyInput,
    waitForCompletion: fields.waitForCompletion,
    timeoutMinutes: fields.timeoutMinutes,
  };
}

/** The inputs as the provider returns them (outputs start from these). */
export function argsToProps(a: BackupStrategyInputs): Props {
  return {
    platform: "ocp",
    clusterId: a.target.clusterId,
    ...(a.target.tenantId !== undefined ? { tenantId: a.target.tenantId } : {}),
    ...a.body,
    waitForCompletion: a.waitForCompletion,
    timeoutMinutes: a.timeoutMinutes,
  };
}
