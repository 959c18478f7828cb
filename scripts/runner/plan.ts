// The plan as the user reads it: one line per resource (create / update / replace / delete / unchanged) with the
// properties that change, and how values are shown (secrets as [secret], values not known yet as "known after apply").
import { containsUnknowns, isPlainObject, isSecret, UNKNOWN, type PropertyMap } from "./properties";

export type Op = "create" | "update" | "replace" | "delete" | "same";

export interface Step {
  op: Op;
  urn: string;
  type: string;
  name: string;
  /** Properties that change (update / replace), as the provider's diff names them. */
  diffs: string[];
  /** Properties that force the replacement. */
  replaces: string[];
  deleteBeforeReplace?: boolean;
  /** The reasons of an earlier partial failure this update finishes. */
  resume?: string[];
  /** Why this step cannot run (a protected resource): shown in the plan, and the run stops before applying. */
  blocked?: string;
  /** The changes, formatted ("timeoutMinutes: 60 → 30", "obBackupScheduleConfig"). */
  details: string[];
}

export const KNOWN_AFTER_APPLY = "(known after apply)";

/** "pulumi-nodejs:dynamic/dbbackup:ManualBackup" → "dbbackup:ManualBackup". */
export function shortType(type: string): string {
  return type.replace(/^pulumi-nodejs:dynamic\//, "");
}

export function resourceLabel(s: { name: string; type: string }): string {
  return `${s.name} (${shortType(s.type)})`;
}

/** A value for display: secrets hidden (deeply), unknowns named, everything else as JSON. */
export function displayValue(v: unknown): unknown {
  if (isSecret(v)) return "[secret]";
  if (v === UNKNOWN) return KNOWN_AFTER_APPLY;
  if (Array.isArray(v)) return v.map(displayValue);
  if (typeof v === "object" && v !== null) return Object.fromEntries(Object.entries(v).map(([k, e]) => [k, displayValue(e)]));
  return v;
}

function scalarText(v: unknown): string | undefined {
  if (isSecret(v)) return "[secret]";
  if (v === UNKNOWN) return KNOWN_AFTER_APPLY;
  if (v === undefined) return "(unset)";
  if (v === null || typeof v === "number" || typeof v === "boolean") return String(v);
  if (typeof v === "string") return JSON.stringify(v);
  if (containsUnknowns(v)) return KNOWN_AFTER_APPLY;
  return undefined;
}

function at(map: PropertyMap, path: string): unknown {
  let v: unknown = map;
  for (const part of path.split(/\.|\[(\d+)\]/).filter((p) => p !== undefined && p !== "")) {
    if (isSecret(v)) return v;
    if (typeof v !== "object" || v === null) return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

const MAX_LEAVES = 3;

/** Paths (below `prefix`) of the leaves that differ between two objects; objects inside are descended into. */
function changedLeaves(a: Record<string, unknown>, b: Record<string, unknown>, prefix: string): string[] {
  const out: string[] = [];
  for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    const x = a[k];
    const y = b[k];
    if (JSON.stringify(x) === JSON.stringify(y)) continue;
    if (isPlainObject(x) && isPlainObject(y)) out.push(...changedLeaves(x, y, `${prefix}.${k}`));
    else out.push(`${prefix}.${k}`);
  }
  return out;
}

/**
 * "name: old → new" for scalar changes, "name: [secret]" for secrets, just "name" for structured values. An output
 * the provider names as the change (e.g. a FAILED status forcing a replacement) shows its old value only.
 */
export function describeChanges(diffs: string[], oldInputs: PropertyMap, oldOutputs: PropertyMap, news: PropertyMap): string[] {
  return diffs.map((path) => {
    const fromInputs = at(oldInputs, path);
    const before = fromInputs !== undefined ? fromInputs : at(oldOutputs, path);
    const after = at(news, path);
    if (fromInputs === undefined && before !== undefined && after === undefined && scalarText(before) !== undefined) return `${path}: ${scalarText(before)}`;
    if (isSecret(before) || isSecret(after)) return `${path}: [secret]`;
    if (isPlainObject(before) && isPlainObject(after)) {
      // A few changed leaves inside an object are named one by one; more than that, just the object.
      const leaves = changedLeaves(before, after, path);
      if (leaves.length > 0 && leaves.length <= MAX_LEAVES) return describeChanges(leaves, oldInputs, oldOutputs, news).join("; ");
      return path;
    }
    if (after === UNKNOWN || (after !== undefined && containsUnknowns(after))) return `${path}: ${KNOWN_AFTER_APPLY}`;
    const b = scalarText(before);
    const a = scalarText(after);
    if (b === undefined || a === undefined || (before === undefined && after === undefined)) return path;
    return `${path}: ${b} → ${a}`;
  });
}

const SYMBOL: Record<Op, string> = { create: "+", update: "~", replace: "+-", delete: "-", same: " " };
const WORD: Record<Op, string> = { create: "create", update: "update", replace: "replace", delete: "delete", same: "unchanged" };

export function stepSymbol(s: Pick<Step, "op" | "deleteBeforeReplace">): string {
  return s.op === "replace" && s.deleteBeforeReplace === true ? "-+" : SYMBOL[s.op];
}

/** One plan line, e.g. `  ~ update     demo-tenant (dbbackup:ManualBackup)  timeoutMinutes: 60 → 30`. */
export function planLine(s: Step): string {
  const head = `  ${stepSymbol(s).padEnd(2)} ${WORD[s.op].padEnd(9)}  ${resourceLabel(s)}`;
  const notes = [...s.details];
  if (s.op === "replace") notes.push(s.deleteBeforeReplace === true ? "deletes the old one first" : "creates the new one, then deletes the old one");
  if (s.resume !== undefined) notes.push(`finishes the last run's partial failure: ${s.resume.join("; ")}`);
  if (s.blocked !== undefined) notes.push(`✗ ${s.blocked}`);
  return notes.length === 0 ? head : `${head}  [${notes.join("; ")}]`;
}

export interface PlanCounts {
  create: number;
  update: number;
  replace: number;
  delete: number;
  same: number;
}

export function countSteps(steps: readonly Step[]): PlanCounts {
  const c: PlanCounts = { create: 0, update: 0, replace: 0, delete: 0, same: 0 };
  for (const s of steps) c[s.op]++;
  return c;
}

export function hasChanges(c: PlanCounts): boolean {
  return c.create + c.update + c.replace + c.delete > 0;
}

export function planSummary(c: PlanCounts): string {
  if (!hasChanges(c)) return `No changes: ${c.same} resource${c.same === 1 ? "" : "s"} unchanged.`;
  const parts = [
    c.create > 0 ? `${c.create} to create` : "",
    c.update > 0 ? `${c.update} to update` : "",
    c.replace > 0 ? `${c.replace} to replace` : "",
    c.delete > 0 ? `${c.delete} to delete` : "",
    c.same > 0 ? `${c.same} unchanged` : "",
  ].filter((p) => p !== "");
  return `Plan: ${parts.join(", ")}.`;
}
