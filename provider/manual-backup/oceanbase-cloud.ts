// ManualBackup on OceanBase Cloud (docs/api-oceanbase-cloud.md#start-a-data-backup and #list-backup-sets, seeds 000 and 001): start a physical (tenant) or logical
// (database/table) backup, find its backup set, wait until DONE, read it back from the id alone. There is no API to
// delete a backup set: delete only forgets it, and says so.
//
// Finding the set: a physical start answers backupTaskId, which is the new set's backupSetId [seed 000]. A logical
// start answers `data: {}`, so the set is found by listing: the tenant's set ids are listed just before the start call,
// and the new set is the earliest (by startTime, then id) of the sets of that tenant, of the start's backup mode
// (LOGICAL_BACKUP, or PHYSICAL_BACKUP after a lost physical answer), that were not in that listing. Starts for one
// tenant are serialised in this process (serial.ts), so that rule cannot pick a sibling's set.
//
// A set is the tenant's when it is a set of that tenant, or holds that tenant's set in tenantBackupSetList: seed 001's
// own example of an on-demand (BACKUP_NOW) backup is a CLUSTER set of tenant "sys" whose tenant set is nested. The
// resource id keeps the id the start answered (the top-level set); status, times, size, checkpoint and backupSetId
// are the tenant's own part. Without a tenant (a whole-cluster backup [seed 000]) the CLUSTER set itself counts.
import { withoutUndefined } from "../../sdk/validate";
import { MAX_PAGE_SIZE, type StartBackupInput } from "../../sdk/oceanbase/inputs";
import type { OceanBaseCloudClient } from "../../sdk/oceanbase/client";
import type { ObBackupSet, ObTenantBackupSet } from "../../sdk/oceanbase/schemas";
import { DeadlineExceededError } from "../../sdk/errors";
import {
  parseState,
  type BackupObjectType,
  type OceanBaseBackupArgs,
} from "./args";
import { manualBackupId } from "./id";
import { outputsOf, toBytes, type Observed } from "./outputs";
import { serially } from "./serial";
import { waitForUsable, type Observation, type UsableWait } from "./wait";
import { expectationOf, isoMs } from "./history";
import type { Expectation } from "../../sdk/pacing";
import { startDeadline, waitUntil, type Deadline } from "../wait";
import type { CreateResult, HandlerContext, Props, ReadResult } from "../types";
import { confirmedGone, isNotFound } from "../gone";
import { sendResolved } from "../uncertain";

export interface OceanBaseRef {
  platform: "oceanbase-cloud";
  instanceId: string;
  backupId: string;
}

/** The triggerMode of a set started on demand (seed 001's example of a BACKUP_NOW set); scheduled sets differ. */
const ON_DEMAND = "BACKUP_NOW";

/** The resource's level of a set's backupObjectType: a CLUSTER set is a physical backup, as a tenant's is. */
const LEVEL_OF_SET: Readonly<Record<string, BackupObjectType>> = { CLUSTER: "tenant", TENANT: "tenant", DATABASE: "database", TABLE: "table" };

function backupMode(a: OceanBaseBackupArgs): "PHYSICAL_BACKUP" | "LOGICAL_BACKUP" {
  return a.backupObjectType === "tenant" ? "PHYSICAL_BACKUP" : "LOGICAL_BACKUP";
}

function describeSet(instanceId: string, tenantId: string | undefined, setId: string): string {
  return `OceanBase Cloud backup set ${setId}${tenantId === undefined ? "" : ` of tenant ${tenantId}`} on ${instanceId}`;
}

function startInput(a: OceanBaseBackupArgs): StartBackupInput {
  if (a.backupObjectType === "tenant") {
    return {
      instanceId: a.instanceId,
      backupObjectType: "tenant",
      ...(a.tenantId !== undefined ? { tenantId: a.tenantId } : {}),
      ...(a.needPreCheck !== undefined ? { needPreCheck: a.needPreCheck } : {}),
    };
  }
  // check() requires a tenant for logical backups.
  return { instanceId: a.instanceId, backupObjectType: a.backupObjectType, tenantId: a.tenantId ?? "", databaseTables: a.databaseTables ?? [] };
}

/** The tenant's part of a listed set (the rule in the top comment); undefined when the set is not the tenant's. */
export function tenantPart(set: ObBackupSet, tenantId: string | undefined): ObTenantBackupSet | undefined {
  if (tenantId === undefined) return set.backupObjectType === "CLUSTER" ? set : undefined;
  if (set.tenantId === tenantId) return set;
  return set.tenantBackupSetList?.find((t) => t.tenantId === tenantId);
}

/** What the outputs show of the tenant's part of a set. dataBackupSize is GiB (see toBytes for the rounding). */
export function observeSet(set: ObBackupSet, tenantId: string | undefined): Observation {
  const part = tenantPart(set, tenantId) ?? set;
  const observed: Observed = withoutUndefined({
    backupId: set.backupSetId,
    status: part.status,
    beginTime: part.startTime ?? undefined,
    endTime: part.endTime ?? undefined,
    sizeBytes: toBytes(part.dataBackupSize, "GiB"),
    backupSetId: part.backupSetId,
    checkpoint: part.checkpoint ?? undefined,
  });
  return withoutUndefined({ observed, detail: part.validity ? `validity ${part.validity}` : undefined });
}

async function tenantSets(client: OceanBaseCloudClient, a: OceanBaseBackupArgs): Promise<ObBackupSet[]> {
  const sets = await client.listAllBackupSets({ instanceId: a.instanceId, pageSize: MAX_PAGE_SIZE });
  return sets.filter((s) => tenantPart(s, a.tenantId) !== undefined);
}

/** The matching rule in the top comment. */
async function findNewSet(client: OceanBaseCloudClient, a: OceanBaseBackupArgs, before: ReadonlySet<string>): Promise<ObBackupSet | undefined> {
  const mode = backupMode(a);
  const fresh = (await tenantSets(client, a)).filter((s) => s.backupMode === mode && !before.has(s.backupSetId));
  fresh.sort((x, y) => (x.startTime ?? "").localeCompare(y.startTime ?? "") || x.backupSetId.localeCompare(y.backupSetId));
  return fresh[0];
}

/**
 * Starts the backup and returns its backup set id. An answer that is not definite (provider/uncertain.ts) is resolved
 * by the listing: the set it made is adopted, and only when none is listed (within the grace for a late listing) is
 * the start sent again.
 */
async function start(client: OceanBaseCloudClient, a: OceanBaseBackupArgs, deadline: Deadline, ctx: HandlerContext): Promise<{ setId: string; earlier: ObBackupSet[] }> {
  const what = a.tenantId === undefined ? `backup of the whole cluster ${a.instanceId}` : `${a.backupObjectType} backup of tenant ${a.tenantId} on ${a.instanceId}`;
  const earlier = await tenantSets(client, a);
  const before = new Set(earlier.map((s) => s.backupSetId));
  const r = await sendResolved({
    platform: "oceanbase-cloud",
    what: `the start of the ${what}`,
    where: `the backup sets of ${a.tenantId === undefined ? `instance ${a.instanceId}` : `tenant ${a.tenantId} on ${a.instanceId}`}`,
    send: () => client.startBackup(startInput(a)),
    lookUp: () => findNewSet(client, a, before),
    listedLate: true,
    absentLine: `the answer to the start of the ${what} was lost and no new backup set was listed: sending the request again`,
    adoptedLine: (found) => `the answer to the start of the ${what} was lost; backup set ${found.backupSetId} is the one it started: adopted`,
    deadline,
    ctx,
  });
  if (r.kind === "found") return { setId: r.value.backupSetId, earlier };
  if (r.value.backupTaskId !== undefined) return { setId: r.value.backupTaskId, earlier };
  return { setId: await appeared(client, a, before, deadline, ctx, what), earlier };
}

/** What the target's earlier on-demand sets of the same mode and level (DONE, with both times) say about this one. */
function expectedFrom(earlier: readonly ObBackupSet[], a: OceanBaseBackupArgs): Expectation | undefined {
  const runs = earlier
    .filter((s) => s.triggerMode === ON_DEMAND && s.backupMode === backupMode(a) && LEVEL_OF_SET[s.backupObjectType] === a.backupObjectType)
    .map((s) => tenantPart(s, a.tenantId) ?? s)
    .filter((p) => p.status === "DONE")
    .map((p) => ({ startMs: isoMs(p.startTime), endMs: isoMs(p.endTime) }));
  const of = a.tenantId === undefined ? `of cluster ${a.instanceId}` : `of tenant ${a.tenantId}`;
  return expectationOf(runs, `on-demand ${a.backupObjectType} backups ${of}`);
}

/** A logical start answers no id: wait for the new set to be listed. */
async function appeared(
  client: OceanBaseCloudClient,
  a: OceanBaseBackupArgs,
  before: ReadonlySet<string>,
  deadline: Deadline,
  ctx: HandlerContext,
  what: string,
): Promise<string> {
  try {
    return await waitUntil(
      async () => {
        const found = await findNewSet(client, a, before);
        return found === undefined ? { done: false, status: "not listed yet" } : { done: true, value: found.backupSetId };
      },
      { description: `the backup set of the ${what}`, deadline, clock: ctx.clock },
    );
  } catch (e) {
    if (!(e instanceof DeadlineExceededError)) throw e;
    throw new DeadlineExceededError(
      `the ${what} was started, but no new backup set of the tenant was listed within ${deadline.elapsed()} (timeoutMinutes ` +
        `${deadline.timeoutMinutes}); nothing was recorded in the stack. Look for it in the OceanBase Cloud console before running ` +
        "again: another run starts another backup",
      { platform: "oceanbase-cloud", cause: e },
    );
  }
}

function usableWait(
  client: OceanBaseCloudClient,
  ref: OceanBaseRef,
  args: Props,
  tenantId: string | undefined,
  last: Observed,
  deadline: Deadline,
  ctx: HandlerContext,
  pace: Pick<UsableWait, "expected" | "ageMs"> = {},
): Promise<Props> {
  return waitForUsable({
    ...pace,
    id: manualBackupId(ref),
    args,
    what: describeSet(ref.instanceId, tenantId, ref.backupId),
    label: `backup set ${ref.backupId}`,
    usable: "DONE",
    last,
    deadline,
    ctx,
    fetch: async () => {
      try {
        return observeSet(await client.getBackupSet({ instanceId: ref.instanceId, backupTaskId: ref.backupId }), tenantId);
      } catch (e) {
        if (isNotFound(e)) return undefined;
        throw e;
      }
    },
  });
}

export async function createOceanBaseBackup(a: OceanBaseBackupArgs, ctx: HandlerContext): Promise<CreateResult> {
  const client = ctx.clients.oceanbase();
  const deadline = startDeadline(a.timeoutMinutes, ctx.clock);
  const sentAt = ctx.clock.now();
  const { setId, earlier } = await serially(`oceanbase-cloud/${a.instanceId}/${a.tenantId ?? "*"}`, () => start(client, a, deadline, ctx));
  const ref: OceanBaseRef = { platform: "oceanbase-cloud", instanceId: a.instanceId, backupId: setId };
  const id = manualBackupId(ref);
  ctx.progress(`${describeSet(a.instanceId, a.tenantId, setId)} started (${a.backupObjectType} backup)`);
  // Until the first look, all that is known is that the set exists: BEGINNING is the status every new set starts in.
  const last: Observed = { backupId: setId, backupSetId: setId, status: "BEGINNING" };
  if (!a.waitForCompletion) {
    try {
      const set = await client.getBackupSet({ instanceId: a.instanceId, backupTaskId: setId });
      return { id, outs: outputsOf(a, observeSet(set, a.tenantId).observed) };
    } catch {
      // Not waiting: what the start told is enough; a refresh or the next read fills the rest in.
      return { id, outs: outputsOf(a, last) };
    }
  }
  const expected = expectedFrom(earlier, a);
  const pace = { ageMs: ctx.clock.now() - sentAt, ...(expected !== undefined ? { expected: () => expected } : {}) };
  return { id, outs: await usableWait(client, ref, a, a.tenantId, last, deadline, ctx, pace) };
}

/** update(): the wait a partial failure (or waitForCompletion false) left unfinished. */
export async function finishOceanBaseWait(ref: OceanBaseRef, a: OceanBaseBackupArgs, last: Observed, ctx: HandlerContext): Promise<Props> {
  const client = ctx.clients.oceanbase();
  const deadline = startDeadline(a.timeoutMinutes, ctx.clock);
  return usableWait(client, ref, a, a.tenantId, last, deadline, ctx);
}

/**
 * read() from the id alone. The set tells platform, instance, tenant and level (TENANT/DATABASE/TABLE); it does not
 * tell a logical backup's databaseTables nor needPreCheck, which are kept from the previous state (an imported state
 * has none: see manual-backup-diff.ts).
 */
export async function readOceanBaseBackup(ref: OceanBaseRef, props: Props, ctx: HandlerContext): Promise<ReadResult | undefined> {
  const client = ctx.clients.oceanbase();
  let set: ObBackupSet;
  try {
    set = await client.getBackupSet({ instanceId: ref.instanceId, backupTaskId: ref.backupId });
  } catch (e) {
    if (await confirmedGone(e, `OceanBase Cloud instance ${ref.instanceId}`, () => client.probeInstance({ instanceId: ref.instanceId }))) return undefined;
    throw e;
  }
  const state = parseState(props);
  // A state made by create or update knows its tenant (or that it has none: the whole cluster); never rewrite it
  // from the listing, whose top-level tenant may be "sys" (seed 001). An import knows nothing yet.
  const created = state.waitForCompletion !== undefined || state.timeoutMinutes !== undefined;
  const tenantId = created ? stringTenant(state.tenantId) : importedTenant(set);
  const what = describeSet(ref.instanceId, tenantId, ref.backupId);
  const level = LEVEL_OF_SET[set.backupObjectType] ?? state.backupObjectType;
  if (level === undefined) {
    throw new Error(`${what} is a ${set.backupObjectType} backup set (${set.backupMode}): ManualBackup manages cluster, tenant, database and table backups only`);
  }
  const inputs = withoutUndefined({
    platform: "oceanbase-cloud",
    instanceId: ref.instanceId,
    tenantId,
    backupObjectType: level,
    databaseTables: level === "tenant" ? undefined : state.databaseTables,
    needPreCheck: level === "tenant" ? state.needPreCheck : undefined,
    backupPolicy: level === "tenant" ? state.backupPolicy : undefined,
    waitForCompletion: state.waitForCompletion,
    timeoutMinutes: state.timeoutMinutes,
  });
  return { id: manualBackupId(ref), props: outputsOf(inputs, observeSet(set, tenantId).observed), inputs };
}

/** An OceanBase Cloud tenant id from the state (a string; OCP's are numbers). */
function stringTenant(v: string | number | undefined): string | undefined {
  return typeof v === "string" ? v : undefined;
}

/**
 * The tenant of a set read from its id alone: a set's own tenant; for a CLUSTER set holding exactly one tenant's set,
 * that tenant (seed 001's on-demand shape); for one holding several, none (a whole-cluster backup).
 */
function importedTenant(set: ObBackupSet): string | undefined {
  if (set.backupObjectType !== "CLUSTER") return set.tenantId ?? undefined;
  const parts = set.tenantBackupSetList ?? [];
  return parts.length === 1 ? (parts[0]?.tenantId ?? undefined) : undefined;
}

/** No delete API exists [docs]: forget the set and say so. Sends nothing. */
export async function deleteOceanBaseBackup(ref: OceanBaseRef, props: Props, ctx: HandlerContext): Promise<void> {
  const tenantId = stringTenant(parseState(props).tenantId);
  ctx.progress(
    `${describeSet(ref.instanceId, tenantId, ref.backupId)}: OceanBase Cloud has no API to delete a backup set, so it is only ` +
      "removed from the Pulumi state; it stays on the platform until the instance's backup retention expires it",
  );
}
