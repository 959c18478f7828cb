// ManualBackup on Huawei Cloud TaurusDB (docs/api-huawei-taurusdb.md#create-a-manual-backup, seed 004): create a manual backup, waiting out the
// instance's "busy" 409s within the deadline, wait until COMPLETED or AVAILABLE, read it back from the id alone, and
// delete it (a backup still being built cannot be deleted: wait, then delete; already gone is success).
//
// After a lost answer to the create POST, the backup it may have made is looked up by instance and name, keeping
// manual backups that began no earlier than the call started minus 15 minutes (the API gateway refuses requests
// signed more than 15 minutes off its clock, so a request it accepted bounds the skew between the two clocks); the
// earliest of those is adopted, else the request is sent once more.
import { withoutUndefined } from "../../sdk/validate";
import { DeadlineExceededError, type DbBackupError } from "../../sdk/errors";
import type { TaurusDbClient } from "../../sdk/taurusdb/client";
import type { Backup } from "../../sdk/taurusdb/schemas";
import { parseTaurusDbTime } from "../../sdk/taurusdb/time";
import { DEFAULT_TIMEOUT_MINUTES, parseState, type TaurusDbBackupArgs } from "./args";
import { manualBackupId } from "./id";
import { isoUtc, outputsOf, toBytes, type Observed } from "./outputs";
import { isBusy, USABLE_STATUSES, waitForUsable, type Observation, type UsableWait } from "./wait";
import { expectationOf } from "./history";
import type { Expectation } from "../../sdk/pacing";
import { MAX_PAGE_SIZE } from "../../sdk/taurusdb/client";
import { startDeadline, statusLine, StopWaiting, waitUntil, type Deadline } from "../wait";
import { sendResolved, UnansweredError } from "../uncertain";
import type { CreateResult, HandlerContext, Props, ReadResult } from "../types";

export interface TaurusDbRef {
  platform: "huawei-taurusdb";
  projectId: string;
  backupId: string;
}

/** The gateway's X-Sdk-Date tolerance [docs]: the most our clock and the server's can differ on an accepted request. */
const CLOCK_TOLERANCE_MS = 15 * 60_000;
/** 409 "The backup name already exists" [docs, GaussDB]: names are unique per instance. */
const NAME_TAKEN = "DBS.201209";

interface Started {
  id: string;
  status: string;
  beginTime: string;
}

function describeBackup(name: string | undefined, backupId: string | undefined, instanceId: string | undefined): string {
  const named = name === undefined ? "" : ` "${name}"`;
  const id = backupId === undefined ? "" : ` (${backupId})`;
  return `TaurusDB backup${named}${id}${instanceId === undefined ? "" : ` of instance ${instanceId}`}`;
}

/** What the outputs show of a backup. size is MB (see toBytes for the rounding); times become ISO-8601 UTC. */
export function observeBackup(b: Backup): Observation {
  return {
    observed: withoutUndefined({
      backupId: b.id,
      status: b.status,
      beginTime: isoUtc(b.beginTime),
      endTime: isoUtc(b.endTime),
      sizeBytes: toBytes(b.size, "MB"),
    }),
  };
}

/** The backup with this id, whatever its instance (the id does not name one), or undefined when there is none. */
async function lookupBackup(client: TaurusDbClient, backupId: string): Promise<Backup | undefined> {
  const page = await client.listBackups({ backupId });
  return page.backups.find((b) => b.id === backupId);
}

/** The rule in the top comment (the name was free when the request was sent: start() checked). */
async function findCreated(client: TaurusDbClient, a: TaurusDbBackupArgs, startedAt: number): Promise<Backup | undefined> {
  const begun = (b: Backup): number => parseTaurusDbTime(b.beginTime) ?? Number.NEGATIVE_INFINITY;
  const found = (await client.findBackupsByName(a.instanceId, a.name)).filter((b) => b.type === "manual" && begun(b) >= startedAt - CLOCK_TOLERANCE_MS);
  found.sort((x, y) => begun(x) - begun(y) || x.id.localeCompare(y.id));
  return found[0];
}

function isNameTaken(e: unknown): e is DbBackupError {
  return (e as DbBackupError | undefined)?.vendorCode === NAME_TAKEN;
}

/**
 * A duplicate name is the user's to fix: say which backup holds it (Pulumi cannot import dynamic resources), and why
 * a replacement cannot keep its name: the new backup is taken before the old one is deleted.
 */
function nameTakenError(a: TaurusDbBackupArgs, holder: string | undefined, cause?: DbBackupError): Error {
  const held = holder === undefined ? "" : ` by backup ${holder}`;
  const code = cause?.vendorCode === undefined ? "" : ` (${cause.vendorCode})`;
  return new Error(
    `name "${a.name}" is already taken on TaurusDB instance ${a.instanceId}${held}${code}, and backup names are unique per instance: choose another name. ` +
      "If this ManualBackup is being replaced, its new backup is taken before the old one is deleted (so that no backup is lost), " +
      "so it needs a name of its own; nothing was deleted. If the backup holding the name is not needed, delete it and run pulumi up again.",
    ...(cause === undefined ? [] : [{ cause }]),
  );
}

/**
 * createBackup, waiting out busy answers. An answer that is not definite (provider/uncertain.ts) is resolved by the
 * lookup in the top comment: the backup it made is adopted; only when none exists is the request sent again.
 */
async function start(client: TaurusDbClient, a: TaurusDbBackupArgs, deadline: Deadline, ctx: HandlerContext): Promise<Started & { earlier: Backup[] }> {
  const what = describeBackup(a.name, undefined, a.instanceId);
  const input = { instanceId: a.instanceId, name: a.name, ...(a.description !== undefined ? { description: a.description } : {}) };
  const startedAt = ctx.clock.now();
  // A name already held is refused before anything is sent (names are unique per instance); so after a lost answer,
  // a backup of that name is one this request made. The newest page of the instance's backups answers that (when it
  // holds them all) and tells how long earlier manual backups took.
  const page = await client.listBackups({ instanceId: a.instanceId, limit: MAX_PAGE_SIZE });
  const named = (bs: readonly Backup[]): Backup | undefined => bs.find((b) => b.name === a.name && b.instanceId === a.instanceId);
  const holder = page.backups.length >= page.totalCount ? named(page.backups) : (await client.findBackupsByName(a.instanceId, a.name))[0];
  if (holder !== undefined) throw nameTakenError(a, holder.id);
  try {
    const r = await sendResolved<Started, Started>({
      platform: "huawei-taurusdb",
      what: `the creation of the ${what}`,
      where: `the manual backups named "${a.name}" of TaurusDB instance ${a.instanceId}`,
      send: () => client.createBackup(input),
      lookUp: () => findCreated(client, a, startedAt),
      absentLine: `the answer to the creation of the ${what} was lost and no such backup exists: sending the request again`,
      adoptedLine: (b) => `the answer to the creation of the ${what} was lost; backup ${b.id} is the one it created: adopted`,
      busy: (e) => (isBusy(e) ? `busy (${e.vendorCode ?? e.code}${e.vendorMessage ? `: ${e.vendorMessage}` : ""})` : undefined),
      // After an answer that was not definite, the name may be taken by the very backup that request made (listed late).
      mayBeOurs: isNameTaken,
      onStatus: (r) => {
        if (r.status.startsWith("busy")) ctx.progress(`the TaurusDB instance ${a.instanceId} is ${r.status}: the ${what} waits and retries (${r.changed ? `timeoutMinutes ${deadline.timeoutMinutes}` : `after ${deadline.elapsed()}`})`);
      },
      deadline,
      ctx,
    });
    return { ...r.value, earlier: page.backups };
  } catch (e) {
    if (isNameTaken(e)) {
      const holder = (await client.findBackupsByName(a.instanceId, a.name).catch(() => []))[0];
      throw nameTakenError(a, holder?.id, e);
    }
    if (!(e instanceof DeadlineExceededError) || e instanceof UnansweredError) throw e;
    throw new DeadlineExceededError(
      `the TaurusDB instance ${a.instanceId} stayed busy for ${deadline.elapsed()} (timeoutMinutes ${deadline.timeoutMinutes}): the ${what} was not created; ` +
        "run again later or raise timeoutMinutes",
      { platform: "huawei-taurusdb", cause: e },
    );
  }
}

/** What the instance's earlier manual backups say about this one's length. */
function expectedFrom(earlier: readonly Backup[], instanceId: string): Expectation | undefined {
  const runs = earlier
    .filter((b) => b.type === "manual" && b.instanceId === instanceId && USABLE_STATUSES.includes(b.status))
    .map((b) => ({ startMs: parseTaurusDbTime(b.beginTime), endMs: b.endTime ? parseTaurusDbTime(b.endTime) : undefined }));
  return expectationOf(runs, `manual backups of instance ${instanceId}`);
}

function usableWait(
  client: TaurusDbClient,
  ref: TaurusDbRef,
  a: TaurusDbBackupArgs,
  last: Observed,
  deadline: Deadline,
  ctx: HandlerContext,
  pace: Pick<UsableWait, "expected" | "ageMs"> = {},
): Promise<Props> {
  return waitForUsable({
    ...pace,
    id: manualBackupId(ref),
    args: a,
    what: describeBackup(a.name, ref.backupId, a.instanceId),
    label: `TaurusDB backup "${a.name}"`,
    usable: "COMPLETED or AVAILABLE",
    last,
    deadline,
    ctx,
    fetch: async () => {
      const b = await lookupBackup(client, ref.backupId);
      return b === undefined ? undefined : observeBackup(b);
    },
  });
}

export async function createTaurusDbBackup(a: TaurusDbBackupArgs, ctx: HandlerContext): Promise<CreateResult> {
  const client = ctx.clients.taurusdb();
  const deadline = startDeadline(a.timeoutMinutes, ctx.clock);
  const sentAt = ctx.clock.now();
  const created = await start(client, a, deadline, ctx);
  const ref: TaurusDbRef = { platform: "huawei-taurusdb", projectId: client.projectId, backupId: created.id };
  const last: Observed = withoutUndefined({ backupId: created.id, status: created.status, beginTime: isoUtc(created.beginTime) });
  ctx.progress(`${describeBackup(a.name, created.id, a.instanceId)} created (status ${created.status})`);
  if (!a.waitForCompletion) return { id: manualBackupId(ref), outs: outputsOf(a, last) };
  const expected = expectedFrom(created.earlier, a.instanceId);
  const pace = { ageMs: ctx.clock.now() - sentAt, ...(expected !== undefined ? { expected: () => expected } : {}) };
  return { id: manualBackupId(ref), outs: await usableWait(client, ref, a, last, deadline, ctx, pace) };
}

/** update(): the wait a partial failure (or waitForCompletion false) left unfinished. */
export async function finishTaurusDbWait(ref: TaurusDbRef, a: TaurusDbBackupArgs, last: Observed, ctx: HandlerContext): Promise<Props> {
  const client = projectClient(ref, ctx);
  return usableWait(client, ref, a, last, startDeadline(a.timeoutMinutes, ctx.clock), ctx);
}

/** The configured client, which must be the id's project (it is part of every path). */
function projectClient(ref: TaurusDbRef, ctx: HandlerContext): TaurusDbClient {
  const client = ctx.clients.taurusdb();
  if (client.projectId !== ref.projectId) {
    throw new Error(
      `ManualBackup huawei-taurusdb/${ref.projectId}/${ref.backupId} belongs to Huawei Cloud project ${ref.projectId}, but the provider is ` +
        `configured for project ${client.projectId}: set dbbackup:huaweiProjectId (or HW_PROJECT_ID) to ${ref.projectId} to manage it`,
    );
  }
  return client;
}

/** read() from the id alone: the backup tells instance, name and description. */
export async function readTaurusDbBackup(ref: TaurusDbRef, props: Props, ctx: HandlerContext): Promise<ReadResult | undefined> {
  const client = projectClient(ref, ctx);
  const b = await lookupBackup(client, ref.backupId);
  if (b === undefined) return undefined;
  if (b.type !== "manual") {
    throw new Error(`${describeBackup(b.name, b.id, b.instanceId)} is an automated backup: ManualBackup manages manual backups only`);
  }
  const state = parseState(props);
  const inputs = withoutUndefined({
    platform: "huawei-taurusdb",
    instanceId: b.instanceId,
    name: b.name,
    // An empty description is no description (what the program says by leaving it out).
    description: b.description === "" ? undefined : b.description,
    waitForCompletion: state.waitForCompletion,
    timeoutMinutes: state.timeoutMinutes,
  });
  return { id: manualBackupId(ref), props: outputsOf(inputs, observeBackup(b).observed), inputs };
}

/**
 * Deletes the backup; already gone is success. A backup being built (or read by a restore) answers a busy 409 or
 * another refusal: while it is still BUILDING or the answer is busy, wait and try again within timeoutMinutes.
 */
export async function deleteTaurusDbBackup(ref: TaurusDbRef, props: Props, ctx: HandlerContext): Promise<void> {
  const client = projectClient(ref, ctx);
  const state = parseState(props);
  const what = describeBackup(state.name, ref.backupId, state.instanceId);
  const deadline = startDeadline(state.timeoutMinutes ?? DEFAULT_TIMEOUT_MINUTES, ctx.clock);
  let outcome: "deleted" | "already gone";
  try {
    outcome = await waitUntil<"deleted" | "already gone">(
      async () => {
        try {
          await client.deleteBackup(ref.backupId);
          return { done: true, value: "deleted" };
        } catch (e) {
          // Not "not found → gone" on the answer alone: a wrong endpoint answers 404 too. The lookup decides.
          if (isBusy(e)) return { done: false, status: `busy (${e.vendorCode ?? e.code})` };
          const b = await lookupBackup(client, ref.backupId);
          if (b === undefined) return { done: true, value: "already gone" };
          if (b.status === "BUILDING") return { done: false, status: "BUILDING" };
          throw new StopWaiting(e);
        }
      },
      {
        description: `deleting the ${what}`,
        deadline,
        clock: ctx.clock,
        onStatus: (r) => ctx.progress(statusLine(`the ${what} cannot be deleted yet`, r, `waiting to delete it, timeoutMinutes ${deadline.timeoutMinutes}`)),
      },
    );
  } catch (e) {
    if (!(e instanceof DeadlineExceededError)) throw e;
    throw new DeadlineExceededError(
      `the ${what} could still not be deleted after ${deadline.elapsed()} (timeoutMinutes ${deadline.timeoutMinutes}): it is still being built or in use; run the delete again later`,
      { platform: "huawei-taurusdb", cause: e },
    );
  }
  ctx.progress(`the ${what} is ${outcome}`);
}
