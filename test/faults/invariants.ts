// The suite's invariants, checked against the emulator's own objects and the texts the stack and the user see:
// duplicates, orphans, unclear errors, credentials, and whether the follow-up finished the job.
import { findLeaks, type ScannedText } from "../support/leaks";
import { firstLine, type Trail } from "./drive";
import type { EmuObject, Op, Target } from "./targets";

export interface Tally {
  duplicates: number;
  orphans: number;
  unclear: number;
  leaks: number;
  unfinished: number;
}

export const emptyTally = (): Tally => ({ duplicates: 0, orphans: 0, unclear: 0, leaks: 0, unfinished: 0 });

/** Objects that appeared since `before` (ids), live ones only. */
export function freshLive(objects: readonly EmuObject[], before: ReadonlySet<string>): EmuObject[] {
  return objects.filter((o) => o.live && !before.has(o.id));
}

/** Live objects that appeared since `before` and that the stack never recorded. */
export function orphansOf(objects: readonly EmuObject[], before: ReadonlySet<string>, recorded: ReadonlySet<string>): string[] {
  return freshLive(objects, before)
    .filter((o) => !recorded.has(o.id))
    .map((o) => o.id);
}

/** Two or more objects, not ended failed, made for one resource. */
export function duplicatesOf(objects: readonly EmuObject[], before: ReadonlySet<string>): string[] {
  const fresh = freshLive(objects, before).filter((o) => !o.failed);
  return fresh.length > 1 ? fresh.map((o) => o.id) : [];
}

// What names the cause: an HTTP status, a vendor code, or — for faults without an answer — what went wrong instead.
const HTTP_STATUS = /(?<![\w./-])[1-5]\d\d(?![\w./-])/;
const VENDOR_CODE = /\b(?:DBS|APIG)\.\d+\b|\bOB_[A-Z_]+\b|\b6\d{4}\b|\b[A-Z][a-z]+(?:[A-Z][a-z]+)*(?:NotFound|Exists|NotAllowed|Argument|Parameter|NotInRange|Refusal|Unauthorized)\b/;
const OTHER_CAUSE = /\b(?:FAILED|ABNORMAL|CANCELED)\b|reset|ECONNRESET|UND_ERR_\w+|socket|timed out|timeout|JSON|unreadable|DBB_ERR_\w+/i;

/** Why an error text is unclear: the parts it lacks (the resource, the platform, the cause). */
export function unclearParts(text: string, target: Target, args: Record<string, unknown>): string[] {
  const missing: string[] = [];
  if (![target.kind, ...target.names(args)].some((n) => text.includes(n))) missing.push(`the resource (${target.kind} or ${target.names(args).join(", ")})`);
  if (!target.platformName.test(text)) missing.push(`the platform (${target.platformName.source})`);
  if (!HTTP_STATUS.test(text) && !VENDOR_CODE.test(text) && !OTHER_CAUSE.test(text)) missing.push("the vendor code or HTTP status");
  return missing;
}

/**
 * Counts unclear errors and credentials (helper "security"'s scanner: every test secret, in every encoding) in a trail:
 * its error texts, its recorded outputs outside secret wrappers, and the host's output since the scenario began.
 */
export function checkTexts(trail: Trail, target: Target, args: Record<string, unknown>, transcript: string, tally: Tally): void {
  for (const { call, text } of trail.errors) {
    const missing = unclearParts(text, target, args);
    if (missing.length > 0) {
      tally.unclear += 1;
      trail.problems.push(`unclear error from ${call}: lacks ${missing.join(", ")}: "${firstLine(text)}"`);
    }
  }
  const texts: ScannedText[] = [
    ...trail.errors.map(({ call, text }) => ({ where: `the error from ${call}`, text })),
    ...trail.outputs.map((outs, i) => ({ where: `recorded outputs #${i + 1}`, text: outs })),
    { where: "the host's output (log and progress lines)", text: transcript },
  ];
  for (const leak of findLeaks(texts)) {
    tally.leaks += 1;
    trail.problems.push(`credential (${leak.secret}, ${leak.form}) in ${leak.where}: ${leak.excerpt}`);
  }
}

/**
 * Whether the resource is as the program says once the follow-up ran: recorded, its outputs saying done, the emulator
 * holding the recorded object (or the adopted settings applied); after a delete, the object gone where delete removes.
 */
export function notDone(
  target: Target,
  state: { id: string; props: Record<string, unknown> } | undefined,
  objects: readonly EmuObject[],
  emuState: Record<string, unknown>,
  args: Record<string, unknown>,
  deleted: boolean,
  deletedId: string | undefined,
): string | undefined {
  if (deleted) {
    if (state !== undefined) return "the resource is still recorded after its delete";
    if (target.deleteRemoves && deletedId !== undefined && objects.some((o) => o.id === deletedId && o.live)) return `${deletedId} still exists after its delete`;
    return undefined;
  }
  if (state === undefined) return "nothing is recorded";
  // A program that does not wait (waitForCompletion false) is done once the object exists.
  const done = args.waitForCompletion === false ? undefined : target.doneStatus;
  if (done !== undefined && !done.values.includes(String(state.props[done.key]))) {
    return `the recorded ${done.key} is ${String(state.props[done.key])}, not ${done.values.join("/")}`;
  }
  if (target.objects(emuState).length > 0 || target.deleteRemoves) {
    if (!objects.some((o) => o.id === state.id && o.live)) return `the recorded id ${state.id} names no live object`;
  }
  return target.settled(emuState, args);
}

export interface AfterFollowUp {
  target: Target;
  op: Op;
  /** The resource's recorded state and program after the follow-up. */
  state: { id: string; props: Record<string, unknown> } | undefined;
  args: Record<string, unknown>;
  /** Object ids before the operation, every id the stack recorded, and the orphans seen right after the operation. */
  before: ReadonlySet<string>;
  recorded: ReadonlySet<string>;
  early: readonly string[];
  emuState: Record<string, unknown>;
  finished: boolean;
  deletedId: string | undefined;
}

/** Orphans (right after the operation or now), duplicates, and whether the follow-up finished the job. */
export function checkObjects(c: AfterFollowUp, trail: Trail, tally: Tally): void {
  const objects = c.target.objects(c.emuState);
  const orphans = [...new Set([...c.early, ...orphansOf(objects, c.before, c.recorded)])];
  if (orphans.length > 0) trail.problems.push(`orphans: ${orphans.join(", ")} (not in any result or recorded partial failure)`);
  tally.orphans += orphans.length;
  const dups = duplicatesOf(objects, c.before);
  if (dups.length > 0) trail.problems.push(`duplicates: ${dups.join(", ")}`);
  tally.duplicates += Math.max(0, dups.length - 1);
  const left = c.finished ? notDone(c.target, c.state, objects, c.emuState, c.args, c.op === "delete", c.deletedId) : "the follow-up did not finish";
  if (left !== undefined) {
    tally.unfinished += 1;
    if (c.finished) trail.problems.push(`not done after the follow-up: ${left}`);
  }
}
