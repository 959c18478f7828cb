// RestoredTenant (OceanBase Cloud): restores a source tenant's backup at a point in time into a new tenant on a target
// instance, and waits until that tenant is ONLINE. Id "{targetInstanceId}/{tenantId}". Every argument change replaces
// the tenant except waitForCompletion/timeoutMinutes. Arguments: restored-tenant-args.ts; diff: restored-tenant-diff.ts.
import { withoutUndefined } from "../../sdk/validate";
import { ApiError, DeadlineExceededError } from "../../sdk/errors";
import type { ObTenant } from "../../sdk/oceanbase/schemas";
import { formatMs } from "../../sdk/poller";
import { startDeadline, statusLine, waitUntil } from "../wait";
import { PartialFailureError, waitRanOut } from "../partial-failure";
import {
  argsOf,
  checkArgs,
  SOURCE_ARGS,
  storedStateOf,
  timeoutMinutesOf,
  type RestoredTenantArgs,
  type StoredState,
} from "./args";
import { diffRestoredTenant } from "./diff";
import { findTenantByName, followTenant, getTenantOrUndefined, isGone, type FollowOutcome } from "./follow";
import { parseRestoredTenantId, restoredTenantId } from "./id";
import { nameTakenMessage, startRestore } from "./start";
import { ONLINE, tenantFacts } from "./status";
import { LATEST, resolveRestorePoint } from "./windows";
import { verifyRestoreWindow } from "./verify";
import { classifyFailure } from "../uncertain";
import type { HandlerContext, Props, ResourceHandlers } from "../types";
import { WAIT_ARGS } from "../common-args";


/** Drops undefined members: the host refuses an output holding undefined anywhere. */
const defined = (o: Record<string, unknown>): Props => withoutUndefined(o);

function outputsOf(args: RestoredTenantArgs, facts: Record<string, unknown>): Props {
  return defined({ ...args, ...facts });
}

const minutes = (m: number): string => `${m} minute${m === 1 ? "" : "s"} (timeoutMinutes)`;

/**
 * Turns the end of a wait into the handler's result: ONLINE (or merely existing) gives the outputs; a tenant that
 * failed or is still on its way after the deadline is recorded as a partial failure carrying its id and outputs.
 */
function settle(args: RestoredTenantArgs, outcome: FollowOutcome, known: Record<string, unknown>, phase: "create" | "update"): { id: string; outs: Props } {
  // The platform is named: a failed restore's reason is read beside other platforms' resources.
  const where = `tenant ${args.targetTenantName} on OceanBase Cloud instance ${args.targetInstanceId}`;
  if (outcome.kind === "gone") {
    const next = phase === "update" ? "run pulumi refresh to drop it from the stack, then pulumi up" : "run pulumi up again";
    throw new Error(`restored ${where} (${outcome.tenantId}) disappeared while it was awaited (deleted outside Pulumi?): ${next} to restore it again`);
  }
  const tenant = outcome.tenant;
  // A broken wait with no tenant seen yet: the restore was accepted (or its answer was uncertain), so the tenant may
  // exist without an id to record: the error says where to look before running again.
  if (outcome.kind === "error" && tenant === undefined) {
    const why = outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
    throw new Error(
      `the restore into ${where} was accepted, but looking for the tenant failed (${why}); nothing was recorded in the stack. ` +
        `Look for a tenant named ${args.targetTenantName} on ${args.targetInstanceId} before running again: the next pulumi up refuses ` +
        "the taken name and prints the tenant's id; delete that tenant and run pulumi up again, or choose another targetTenantName",
      { cause: outcome.error },
    );
  }
  if (tenant === undefined) {
    // Without a tenant id there is nothing the engine could record: say how to pick the tenant up later.
    throw new Error(
      `the restore into ${where} was accepted, but no such tenant appeared within ${minutes(args.timeoutMinutes)}; ` +
        `nothing was recorded in the stack. If it appears later, the next pulumi up refuses the taken name and prints the ` +
        `tenant's id: delete that tenant and run pulumi up again, or choose another targetTenantName`,
    );
  }
  const id = restoredTenantId({ instanceId: args.targetInstanceId, tenantId: tenant.tenantId });
  const outs = outputsOf(args, { ...known, ...tenantFacts(tenant) });
  if (outcome.kind === "ready") return { id, outs };
  if (outcome.kind === "error") {
    const why = outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
    throw new PartialFailureError(
      id,
      outs,
      [`restored ${where} (${tenant.tenantId}) exists, but waiting for it failed: ${why}. It is recorded in the stack: the next \`pulumi up\` resumes the wait`],
      { cause: outcome.error },
    );
  }
  if (outcome.kind === "failed") {
    throw new PartialFailureError(id, outs, [
      `restored ${where} (${tenant.tenantId}) is ${tenant.status}: it will not become ONLINE. ` +
        `It is recorded in the stack; the next pulumi up replaces it (or pulumi destroy removes it)`,
    ]);
  }
  throw waitRanOut(id, outs, {
    what: `restored ${where} (${tenant.tenantId})`,
    awaited: "ONLINE",
    elapsed: formatMs(outcome.elapsedMs),
    timeoutMinutes: args.timeoutMinutes,
    lastStatus: tenant.status,
  });
}

async function create(inputs: Props, ctx: HandlerContext): Promise<{ id: string; outs: Props }> {
  const args = argsOf(inputs);
  const client = ctx.clients.oceanbase();
  const deadline = startDeadline(args.timeoutMinutes, ctx.clock);
  const source = { instanceId: args.sourceInstanceId, tenantId: args.sourceTenantId };

  const restorable = await client.listRestorableTenants({
    instanceId: source.instanceId,
    tenantId: source.tenantId,
    restoreObjectType: "tenant",
    fromRemote: args.fromRemote,
  });
  // Checked here too: a preview may not have known the arguments, and windows move between preview and up.
  const window = resolveRestorePoint(restorable, source, args.restoreTime);
  if (!window.ok) throw new Error(window.message);
  const restorePoint = window.point;

  // The name is unique on the instance; listTenants' name filter is fuzzy, findTenantByName is exact.
  const existing = await findTenantByName(client, args.targetInstanceId, args.targetTenantName);
  if (existing !== undefined) throw new Error(nameTakenMessage(args, existing));

  const at = args.restoreTime === LATEST ? `${restorePoint} (the latest restorable point)` : restorePoint;
  ctx.progress(`restoring tenant ${args.sourceTenantId} of ${args.sourceInstanceId} at ${at} into ${args.targetTenantName} on ${args.targetInstanceId}`);
  const adopted = await startRestore(client, { ...args, restoreTime: restorePoint }, deadline, ctx);

  const outcome = await followTenant(
    {
      client,
      instanceId: args.targetInstanceId,
      tenantName: args.targetTenantName,
      until: args.waitForCompletion ? "online" : "exists",
      deadline,
      clock: ctx.clock,
      progress: (m) => ctx.progress(m),
    },
    adopted,
  );
  return settle(args, outcome, { restorePoint }, "create");
}

function resourceOf(t: ObTenant): RestoredTenantArgs["tenantResource"] | undefined {
  const { cpu, mem, unitNum } = t;
  return typeof cpu === "number" && typeof mem === "number" && typeof unitNum === "number" ? { cpu, memory: mem, unitNum } : undefined;
}

function kept(s: StoredState): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of [...SOURCE_ARGS, ...WAIT_ARGS]) out[name] = s[name];
  return out;
}

/**
 * From the id alone (props may be empty on import). Gone (404) or DELETING → undefined: a DELETING tenant is
 * irreversibly on its way out, so it drops out of the stack now rather than at the next refresh.
 */
async function read(id: string, props: Props, ctx: HandlerContext) {
  const ref = parseRestoredTenantId(id);
  const tenant = await getTenantOrUndefined(ctx.clients.oceanbase(), ref.instanceId, ref.tenantId);
  if (tenant === undefined || tenant.status === "DELETING") return undefined;
  const s = storedStateOf(props);
  const t = tenant;
  const inputs = defined({
    ...kept(s),
    targetInstanceId: ref.instanceId,
    targetTenantName: t.tenantName,
    targetTenantDescription: t.description ?? s.targetTenantDescription,
    targetTenantPrimaryZone: t.primaryZone ?? s.targetTenantPrimaryZone,
    tenantResource: resourceOf(t) ?? s.tenantResource,
  });
  return { id, inputs, props: defined({ ...inputs, restorePoint: s.restorePoint, ...tenantFacts(t) }) };
}

/**
 * Only waitForCompletion/timeoutMinutes can change in place: no cloud call, unless the create ended before the
 * tenant was ONLINE (a partial failure, or waitForCompletion false) and the new inputs want the wait: then it resumes.
 */
async function update(id: string, olds: Props, news: Props, ctx: HandlerContext) {
  const args = argsOf(news);
  const s = storedStateOf(olds);
  const ref = parseRestoredTenantId(id);
  const known = defined({
    tenantId: s.tenantId ?? ref.tenantId,
    status: s.status,
    restorePoint: s.restorePoint,
    tenantMode: s.tenantMode,
    createTime: s.createTime,
  });
  if (!args.waitForCompletion || s.status === ONLINE) return { outs: outputsOf(args, known) };
  ctx.progress(`resuming the wait for restored tenant ${args.targetTenantName} (${ref.tenantId}), last seen ${s.status ?? "in an unknown status"}`);
  const outcome = await followTenant({
    client: ctx.clients.oceanbase(),
    instanceId: ref.instanceId,
    tenantName: args.targetTenantName,
    tenantId: ref.tenantId,
    until: "online",
    deadline: startDeadline(args.timeoutMinutes, ctx.clock),
    clock: ctx.clock,
    progress: (m) => ctx.progress(m),
  });
  return { outs: settle(args, outcome, known, "update").outs };
}

/**
 * Deletes the tenant and waits until it is gone (404) within the state's timeoutMinutes. A tenant still restoring
 * cannot be deleted yet (409): the delete is retried until the restore ends. Already gone is success.
 */
async function remove(id: string, props: Props, ctx: HandlerContext): Promise<void> {
  const ref = parseRestoredTenantId(id);
  const client = ctx.clients.oceanbase();
  const timeout = timeoutMinutesOf(storedStateOf(props));
  let accepted = false;
  let last: string | undefined;
  try {
    await waitUntil<void>(
      async () => {
        if (!accepted) {
          try {
            await client.deleteTenant(ref);
            accepted = true;
          } catch (e) {
            if (await isGone(e, client, ref.instanceId)) return { done: true, value: undefined };
            if (e instanceof ApiError && e.httpStatus === 409) {
              last = `not deletable yet (${e.vendorMessage ?? e.vendorCode ?? "409"})`;
              return { done: false, status: last };
            }
            if (classifyFailure(e) === "refused") throw e;
            // Not definite (provider/uncertain.ts): the tenant tells. DELETING: the request was accepted; otherwise
            // the next round sends it again (a delete sent twice deletes one tenant).
            ctx.progress(`the answer to the deletion of tenant ${id} was not definite (${e instanceof Error ? e.message : String(e)}): looking at the tenant`);
            const t = await getTenantOrUndefined(client, ref.instanceId, ref.tenantId);
            if (t === undefined) return { done: true, value: undefined };
            accepted = t.status === "DELETING";
            last = t.status;
            return { done: false, status: t.status };
          }
        }
        const t = await getTenantOrUndefined(client, ref.instanceId, ref.tenantId);
        if (t === undefined) return { done: true, value: undefined };
        last = t.status;
        return { done: false, status: t.status };
      },
      {
        description: `deleting tenant ${id}`,
        deadline: startDeadline(timeout, ctx.clock),
        clock: ctx.clock,
        platform: "oceanbase-cloud",
        operation: "restoredTenant.delete",
        onStatus: (r) => ctx.progress(statusLine(`deleting tenant ${id}`, r)),
      },
    );
  } catch (e) {
    if (!(e instanceof DeadlineExceededError)) throw e;
    throw new Error(
      `tenant ${id} is not gone after ${minutes(timeout)}; last status ${last ?? "unknown"}. ` +
        (accepted ? "Its deletion was accepted and goes on: " : "") +
        `run the command again to keep waiting`,
      { cause: e },
    );
  }
}

export const handlers: ResourceHandlers = {
  // Sends nothing (a restoreTime in the future is refused on this machine's clock). Credentials and the project id
  // (restores send X-Ob-Project-Id) are checked by the runtime after it, then verify() looks at the windows.
  async check(_olds, news, ctx) {
    return checkArgs(news, ctx.clock.now());
  },
  verify: verifyRestoreWindow,
  async diff(_id, olds, news) {
    return diffRestoredTenant(olds, news);
  },
  create,
  read,
  update,
  delete: remove,
};
