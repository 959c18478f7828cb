// BackupStrategy on Huawei Cloud TaurusDB (docs/api-huawei-taurusdb.md#backup-policy): the instance's automated backup
// policy, which always exists and cannot be disabled, and optionally its cross-region (offsite) policy.
//   - create adopts: reads the policy (kept as the output adoptedPolicy), says so, and PUTs the program's policy (with
//     the program's own period: TF's hard-coded "1,…,7" is not copied), then the offsite policy when given.
//   - Every PUT waits out the instance's "busy" 409s within timeoutMinutes, and with waitForCompletion the provider
//     then waits until the instance is ACTIVE again (as TF does). A wait that runs out once a PUT was accepted is a
//     partial failure: the policy is set, and the next `pulumi up` resumes the wait.
//   - read: the policy from TaurusDB (a change made outside Pulumi shows as a diff); the offsite policy has no read
//     (docs/api-huawei-taurusdb.md#cross-region-backup-policy), so it is kept from the state and its drift is not seen.
//   - delete: "keep" (default) sends nothing and says that the policy stays; "restore" PUTs adoptedPolicy back and
//     waits for ACTIVE. The offsite policy is left as it is either way, and the progress line says so.
//
// A lost answer on a PUT: both PUTs set the instance's one policy, they create nothing, so the same body sent again
// cannot duplicate anything and leaves the policy as this program says. The sdk marks them safe to retry (the transport
// sends them again); a resent PUT that finds the instance still applying the first one answers busy, which is waited
// out like any busy answer before sending once more.
import { DeadlineExceededError } from "../../sdk/errors";
import type { BackupPolicyInput, OffsitePolicyInput, TaurusDbClient } from "../../sdk/taurusdb/client";
import type { BackupPolicy } from "../../sdk/taurusdb/schemas";
import { withoutUndefined } from "../../sdk/validate";
import { confirmedGone } from "../gone";
import { isBusy } from "../manual-backup/wait";
import { PartialFailureError, waitRanOut } from "../partial-failure";
import type { CreateResult, HandlerContext, Props, ReadResult, UpdateResult } from "../types";
import { startDeadline, statusLine, waitUntil, type Deadline } from "../wait";
import { classifyFailure, sendResolved, UnansweredError } from "../uncertain";
import { canonicalPeriod, type TaurusDbStrategyArgs } from "./cloud-args";
import { diffCloudStrategy } from "./cloud-diff";
import { formatStrategyRef } from "./id";
import { stableJson } from "./normalise";
import { BACKUP_STRATEGY_OUTPUT_TABLE, DEFAULT_TIMEOUT_MINUTES } from "./spec";

export interface TaurusDbStrategyRef {
  platform: "huawei-taurusdb";
  projectId: string;
  instanceId: string;
}

const ACTIVE = "ACTIVE";

function label(instanceId: string): string {
  return `BackupStrategy of TaurusDB instance ${instanceId}`;
}

function describePolicy(p: BackupPolicyInput): string {
  const levelOne = p.retentionNumBackupLevel1 === undefined ? "" : `, retention_num_backup_level1 ${p.retentionNumBackupLevel1}`;
  return `keep_days ${p.keepDays}, start_time ${p.startTime}, period ${p.period}${levelOne}`;
}

/** The configured client, which must be the id's project (it is part of every path). */
function projectClient(ref: TaurusDbStrategyRef, ctx: HandlerContext): TaurusDbClient {
  const client = ctx.clients.taurusdb();
  if (client.projectId !== ref.projectId) {
    throw new Error(
      `${formatStrategyRef(ref)} belongs to Huawei Cloud project ${ref.projectId}, but the provider is configured for project ${client.projectId}: ` +
        `set dbbackup:huaweiProjectId (or HW_PROJECT_ID) to ${ref.projectId} to manage it`,
    );
  }
  return client;
}

/** The policy as TaurusDB reports it, in canonical form (period in day order). */
function policyFrom(p: BackupPolicy): BackupPolicyInput {
  return withoutUndefined({ keepDays: p.keepDays, startTime: p.startTime, period: canonicalPeriod(p.period), retentionNumBackupLevel1: p.retentionNumBackupLevel1 });
}

/** adoptedPolicy from a state, when it has a well-formed one. */
function adoptedIn(props: Props): BackupPolicyInput | undefined {
  const r = BACKUP_STRATEGY_OUTPUT_TABLE.adoptedPolicy.safeParse(props["adoptedPolicy"]);
  return r.success ? (withoutUndefined(r.data) as BackupPolicyInput) : undefined;
}

/**
 * Sends a PUT, waiting while the instance answers busy; an answer that is not definite (provider/uncertain.ts) sends
 * it again (a PUT sets the one policy, it creates nothing); throws the platform's refusal otherwise.
 */
async function whenFree<T>(what: string, send: () => Promise<T>, deadline: Deadline, ctx: HandlerContext): Promise<T> {
  try {
    const r = await sendResolved<T, never>({
      platform: "huawei-taurusdb",
      what,
      where: `the backup policy of the TaurusDB instance`,
      send,
      lookUp: async () => undefined,
      idempotent: true,
      busy: (e) => (isBusy(e) ? `busy (${e.vendorCode ?? e.code}${e.vendorMessage ? `: ${e.vendorMessage}` : ""})` : undefined),
      onStatus: (r) => ctx.progress(statusLine(`${what}: instance status`, r, `waiting and trying again, timeoutMinutes ${deadline.timeoutMinutes}`)),
      deadline,
      ctx,
    });
    return r.value;
  } catch (e) {
    if (!(e instanceof DeadlineExceededError) || e instanceof UnansweredError) throw e;
    throw new DeadlineExceededError(
      `${what}: the TaurusDB instance stayed busy for ${deadline.elapsed()} (timeoutMinutes ${deadline.timeoutMinutes}), so it was not sent; run again later or raise timeoutMinutes`,
      { platform: "huawei-taurusdb", cause: e },
    );
  }
}

/** Waits until the instance is ACTIVE; returns the last status seen and whether it got there in time. */
async function untilActive(client: TaurusDbClient, instanceId: string, deadline: Deadline, ctx: HandlerContext): Promise<{ status: string; active: boolean }> {
  let last = "unknown";
  try {
    await waitUntil<string>(
      async () => {
        last = (await client.getInstance(instanceId)).status;
        return last === ACTIVE ? { done: true, value: last } : { done: false, status: last };
      },
      {
        description: `TaurusDB instance ${instanceId} to be ACTIVE`,
        deadline,
        clock: ctx.clock,
        onStatus: (r) => ctx.progress(statusLine(`${label(instanceId)}: instance status`, r, `waiting until ACTIVE, timeoutMinutes ${deadline.timeoutMinutes}`)),
      },
    );
    return { status: ACTIVE, active: true };
  } catch (e) {
    if (e instanceof DeadlineExceededError) return { status: last, active: false };
    throw e;
  }
}

/** The instance's status after a change: awaited ACTIVE with waitForCompletion, else the status now. */
async function settle(client: TaurusDbClient, a: TaurusDbStrategyArgs, id: string, outs: Props, deadline: Deadline, ctx: HandlerContext): Promise<Props> {
  if (!a.waitForCompletion) return { ...outs, instanceStatus: (await client.getInstance(a.instanceId)).status };
  const w = await untilActive(client, a.instanceId, deadline, ctx);
  const done = { ...outs, instanceStatus: w.status };
  if (!w.active) {
    throw waitRanOut(id, done, { what: `TaurusDB instance ${a.instanceId} (its backup policy was accepted)`, awaited: ACTIVE, elapsed: deadline.elapsed(), timeoutMinutes: a.timeoutMinutes, lastStatus: w.status });
  }
  return done;
}

function putPolicy(client: TaurusDbClient, instanceId: string, policy: BackupPolicyInput, deadline: Deadline, ctx: HandlerContext): Promise<unknown> {
  return whenFree(`${label(instanceId)}: setting the backup policy (${describePolicy(policy)})`, () => client.updateBackupPolicy(instanceId, policy), deadline, ctx);
}

/**
 * PUTs the offsite policy after the same-region one was set: a failure then is a partial failure (the policy is set,
 * the state records it, without the offsite policy so that the next diff sends it again).
 */
async function putOffsite(client: TaurusDbClient, a: TaurusDbStrategyArgs, id: string, outsWithout: Props, deadline: Deadline, ctx: HandlerContext): Promise<void> {
  const policy = a.offsitePolicy as OffsitePolicyInput;
  const what = `${label(a.instanceId)}: setting the cross-region backup policy (to ${policy.destinationRegion}, keep_days ${policy.keepDays})`;
  try {
    await whenFree(what, () => client.setOffsitePolicy(a.instanceId, policy), deadline, ctx);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new PartialFailureError(
      id,
      outsWithout,
      [`${what} failed: ${why}. The same-region backup policy is set and recorded; the next \`pulumi up\` sends the cross-region policy again.`],
      { cause: e },
    );
  }
}

export async function createTaurusDbStrategy(a: TaurusDbStrategyArgs, ctx: HandlerContext): Promise<CreateResult> {
  const client = ctx.clients.taurusdb();
  const ref: TaurusDbStrategyRef = { platform: "huawei-taurusdb", projectId: client.projectId, instanceId: a.instanceId };
  const id = formatStrategyRef(ref);
  const deadline = startDeadline(a.timeoutMinutes, ctx.clock);
  const adopted = policyFrom(await client.getBackupPolicy(a.instanceId));
  ctx.progress(
    `${label(a.instanceId)}: the instance's backup policy always exists (TaurusDB cannot disable it); adopting it (found ${describePolicy(adopted)}, ` +
      `kept as adoptedPolicy) and applying this program's policy (${describePolicy(a.backupPolicy)})`,
  );
  const { offsitePolicy: _offsite, ...withoutOffsite } = a;
  try {
    await putPolicy(client, a.instanceId, a.backupPolicy, deadline, ctx);
  } catch (e) {
    if (classifyFailure(e) === "refused") throw e;
    // The PUT may have been applied: record the adoption now, or adoptedPolicy would be lost (the next create would
    // read this program's policy as the adopted one). The policy is recorded as the adopted one, so the next
    // `pulumi up` sees a change and sends the program's policy again.
    throw new PartialFailureError(id, { ...withoutOffsite, backupPolicy: adopted, adoptedPolicy: adopted }, [
      `${label(a.instanceId)}: the answer to the backup policy change was not definite (${e instanceof Error ? e.message : String(e)}). ` +
        "The adopted policy is recorded in the stack; the next `pulumi up` sends this program's policy again.",
    ], { cause: e });
  }
  const outs: Props = { ...withoutOffsite, adoptedPolicy: adopted };
  if (a.offsitePolicy !== undefined) await putOffsite(client, a, id, outs, deadline, ctx);
  return { id, outs: await settle(client, a, id, { ...a, adoptedPolicy: adopted }, deadline, ctx) };
}

/** Changed settings are sent; with none, only a wait left unfinished (instanceStatus not ACTIVE) is resumed. */
export async function updateTaurusDbStrategy(ref: TaurusDbStrategyRef, olds: Props, a: TaurusDbStrategyArgs, ctx: HandlerContext): Promise<UpdateResult> {
  const client = projectClient(ref, ctx);
  const id = formatStrategyRef(ref);
  const deadline = startDeadline(a.timeoutMinutes, ctx.clock);
  const changed = diffCloudStrategy("huawei-taurusdb", olds, a).diffs;
  const adopted = adoptedIn(olds);
  const base: Props = { ...a, ...(adopted !== undefined ? { adoptedPolicy: adopted } : {}) };
  const lastStatus = typeof olds["instanceStatus"] === "string" ? olds["instanceStatus"] : undefined;

  const policyChanged = changed.includes("backupPolicy");
  const offsiteChanged = changed.includes("offsitePolicy") && a.offsitePolicy !== undefined;
  if (changed.includes("offsitePolicy") && a.offsitePolicy === undefined) {
    ctx.progress(
      `${label(a.instanceId)}: offsitePolicy was removed from the program; TaurusDB's cross-region backup policy is left as it is ` +
        "(to switch it off, set offsitePolicy.openAutoBackup to false)",
    );
  }
  if (!policyChanged && !offsiteChanged) {
    if (a.waitForCompletion && lastStatus !== undefined && lastStatus !== ACTIVE) {
      ctx.progress(`${label(a.instanceId)}: resuming the wait for the instance (last status ${lastStatus})`);
      return { outs: await settle(client, a, id, base, deadline, ctx) };
    }
    return { outs: { ...base, ...(lastStatus !== undefined ? { instanceStatus: lastStatus } : {}) } };
  }
  if (policyChanged) await putPolicy(client, a.instanceId, a.backupPolicy, deadline, ctx);
  if (offsiteChanged) {
    // Until the PUT succeeds, the platform still has the previous offsite policy (if any).
    const { offsitePolicy: _new, ...rest } = base;
    const before = olds["offsitePolicy"] === undefined || olds["offsitePolicy"] === null ? rest : { ...rest, offsitePolicy: olds["offsitePolicy"] };
    await putOffsite(client, a, id, before, deadline, ctx);
  }
  return { outs: await settle(client, a, id, base, deadline, ctx) };
}

/**
 * read() from TaurusDB: the instance (gone when it answers not found while the project still answers) and its policy.
 * retentionNumBackupLevel1 is shown only where the state has it, or on import (it is the platform's while the program
 * leaves it out). From the id alone, the policy read now is what was adopted.
 */
export async function readTaurusDbStrategy(ref: TaurusDbStrategyRef, props: Props, ctx: HandlerContext): Promise<ReadResult | undefined> {
  const client = projectClient(ref, ctx);
  let status: string;
  let policy: BackupPolicyInput;
  try {
    status = (await client.getInstance(ref.instanceId)).status;
    policy = policyFrom(await client.getBackupPolicy(ref.instanceId));
  } catch (e) {
    if (await confirmedGone(e, `TaurusDB project ${ref.projectId}`, () => client.listBackups({ limit: 1 }))) return undefined;
    throw e;
  }
  const imported = props["backupPolicy"] === undefined || props["backupPolicy"] === null;
  const stated = props["backupPolicy"] as Record<string, unknown> | undefined;
  const shown = imported || stated?.["retentionNumBackupLevel1"] !== undefined ? policy : withoutUndefined({ ...policy, retentionNumBackupLevel1: undefined });
  const kept = (k: string): unknown => (props[k] === null ? undefined : props[k]);
  const inputs = withoutUndefined({
    platform: "huawei-taurusdb",
    instanceId: ref.instanceId,
    backupPolicy: shown,
    // Write-only on TaurusDB: what the state says is all there is.
    offsitePolicy: kept("offsitePolicy"),
    onDelete: kept("onDelete"),
    waitForCompletion: kept("waitForCompletion"),
    timeoutMinutes: kept("timeoutMinutes"),
  }) as Props;
  const adopted = adoptedIn(props) ?? (imported ? policy : undefined);
  const outs = withoutUndefined({ ...inputs, adoptedPolicy: adopted, instanceStatus: status }) as Props;
  return { id: formatStrategyRef(ref), inputs, props: outs };
}

/** "keep": nothing sent. "restore": the adopted policy written back, then ACTIVE awaited (unless waitForCompletion is false). */
export async function deleteTaurusDbStrategy(ref: TaurusDbStrategyRef, props: Props, ctx: HandlerContext): Promise<void> {
  const what = label(ref.instanceId);
  const offsite = props["offsitePolicy"] !== undefined && props["offsitePolicy"] !== null ? "; its cross-region backup policy is left as it is too" : "";
  const current = props["backupPolicy"] as BackupPolicyInput | undefined;
  if (props["onDelete"] !== "restore") {
    const shown = current === undefined ? "" : ` (${describePolicy(current)})`;
    ctx.progress(`${what}: the backup policy stays as last applied${shown} and backups remain scheduled (onDelete "keep"); it is only removed from the Pulumi state${offsite}`);
    return;
  }
  const adopted = adoptedIn(props);
  if (adopted === undefined) {
    ctx.progress(`${what}: onDelete is "restore", but the state holds no adopted policy to write back; the backup policy stays as it is${offsite}`);
    return;
  }
  if (current !== undefined && stableJson(current) === stableJson(adopted)) {
    ctx.progress(`${what}: the backup policy already has the adopted values (${describePolicy(adopted)}); nothing to write back${offsite}`);
    return;
  }
  const client = projectClient(ref, ctx);
  const timeoutMinutes = typeof props["timeoutMinutes"] === "number" ? props["timeoutMinutes"] : DEFAULT_TIMEOUT_MINUTES;
  const deadline = startDeadline(timeoutMinutes, ctx.clock);
  try {
    await putPolicy(client, ref.instanceId, adopted, deadline, ctx);
  } catch (e) {
    if (await confirmedGone(e, `TaurusDB project ${ref.projectId}`, () => client.listBackups({ limit: 1 }))) {
      ctx.progress(`${what}: the instance no longer exists; nothing to restore`);
      return;
    }
    throw e;
  }
  ctx.progress(`${what}: wrote back the adopted policy (${describePolicy(adopted)}) (onDelete "restore")${offsite}`);
  if (props["waitForCompletion"] === false) return;
  const w = await untilActive(client, ref.instanceId, deadline, ctx);
  if (!w.active) {
    throw new DeadlineExceededError(
      `${what}: the adopted policy was written back, but the instance was still ${w.status} when timeoutMinutes (${timeoutMinutes}) ran out; ` +
        "run the deletion again to finish waiting (writing the same policy again is harmless)",
      { platform: "huawei-taurusdb" },
    );
  }
}
