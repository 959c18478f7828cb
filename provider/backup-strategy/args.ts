// BackupStrategy's arguments: the resource-level fields (target, waiting) as a zod schema, the strategy body checked
// with sdk/ocp's own input rules, and check(): every broken rule as a CheckFailure with its property path, before
// any request is sent. Inputs are normalised first (backup-strategy-normalise), so the rules see the canonical form.
import { Failures, propertyPath } from "../check-failures";
import { z } from "zod";
import { InvalidInputError } from "../../sdk/errors";
import { backupStrategyInputSchema, type OcpBackupStrategyInput } from "../../sdk/ocp/schemas";
import type { StrategyTarget } from "./id";
import { BODY_KEYS, normaliseBody } from "./normalise";
import { isPlainObject as isObject } from "../../sdk/validate";
import { OUTPUT_KEYS } from "./outputs";
import type { CheckFailure, Props } from "../types";
import { MAX_TIMEOUT_MINUTES, UNKNOWN } from "../common-args";

export const DEFAULT_TIMEOUT_MINUTES = 30;

/** The checked, canonical arguments of a BackupStrategy. */
export interface BackupStrategyInputs {
  target: StrategyTarget;
  /** The create/modify body in canonical form (API field names, seed 002). */
  body: OcpBackupStrategyInput;
  waitForCompletion: boolean;
  timeoutMinutes: number;
}

const ID_RULE = "must be a positive integer (a number, or a string of digits)";
const positiveId = z
  .union([z.number(), z.string()], { error: ID_RULE })
  .refine((v) => (typeof v === "number" ? Number.isSafeInteger(v) && v > 0 : /^[1-9]\d*$/.test(v) && Number.isSafeInteger(Number(v))), {
    error: ID_RULE,
  })
  .transform(Number);

const TIMEOUT_RULE = `must be a number of minutes greater than 0 and at most ${MAX_TIMEOUT_MINUTES}`;

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

/** Keys that may sit in the inputs without being arguments: the serialized provider and the declared outputs. */
const IGNORED_INPUT_KEYS: ReadonlySet<string> = new Set(["__provider", ...OUTPUT_KEYS]);

/** The canonical inputs from any spelling (tolerant: what it does not understand stays for the rules to refuse). */
export function normaliseInputs(raw: Props): Props {
  const out: Props = {};
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
    if (!(RESOURCE_KEYS as readonly string[]).includes(key) && !(BODY_KEYS as readonly string[]).includes(key) && !IGNORED_INPUT_KEYS.has(key)) {
      f.add(propertyPath([key]), "is not a known property of BackupStrategy");
    }
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

/** check(): the canonical inputs, or the raw ones with every failure. Never sends a request. */
export function checkArgs(news: Props): { inputs: Props; failures: CheckFailure[] } {
  const inputs = normaliseInputs(news);
  const failures = failuresIn(inputs, news);
  return failures.length > 0 ? { inputs: news, failures } : { inputs, failures };
}

/** The typed arguments from checked inputs (create/update receive check's output); refuses what check would. */
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
    clusterId: a.target.clusterId,
    ...(a.target.tenantId !== undefined ? { tenantId: a.target.tenantId } : {}),
    ...a.body,
    waitForCompletion: a.waitForCompletion,
    timeoutMinutes: a.timeoutMinutes,
  };
}
