// BackupStrategy on OceanBase Cloud (docs/api-oceanbase-cloud.md#modify-the-backup-strategy): the backup strategy every
// instance has from its creation. Create adopts it and applies the program's settings (ModifyBackupStrategy), and says
// so; update applies them again; delete sends nothing and leaves the strategy in place (backups stay scheduled), and
// says so. OceanBase Cloud publishes no call that reads a strategy (docs/api-oceanbase-cloud.md#no-strategy-read): what
// the strategy was before adoption is unknown (so onDelete "restore" is refused at check), and a change made outside
// Pulumi is not seen (no drift detection). read() checks that the instance still exists and returns the state as is.
//
// A lost answer: ModifyBackupStrategy sets the instance's one strategy, it creates nothing. Sending the same body again
// leaves exactly the same strategy, so no duplicate can result and the client marks the call safe to retry: the
// transport sends it again after a dropped connection or a timeout, and an answer still not definite after that (an
// unreadable 200, a 5xx after the retries) is sent again within timeoutMinutes (provider/uncertain.ts).
import type { OceanBaseCloudClient } from "../../sdk/oceanbase/client";
import type { ModifyBackupStrategyInput } from "../../sdk/oceanbase/strategy";
import { withoutUndefined } from "../../sdk/validate";
import { isNotFound } from "../gone";
import { sendResolved } from "../uncertain";
import { startDeadline } from "../wait";
import type { CreateResult, HandlerContext, Props, ReadResult, UpdateResult } from "../types";
import { argsOf, settingArgs } from "./platform-args";
import type { ObCloudStrategyArgs } from "./cloud-args";
import { diffCloudStrategy } from "./cloud-diff";
import { formatStrategyRef } from "./id";

export interface ObCloudRef {
  platform: "oceanbase-cloud";
  instanceId: string;
}

function label(instanceId: string): string {
  return `BackupStrategy of OceanBase Cloud instance ${instanceId}`;
}

function modifyInput(a: ObCloudStrategyArgs): ModifyBackupStrategyInput {
  return withoutUndefined({
    instanceId: a.instanceId,
    backupScheduleMode: a.backupScheduleMode,
    scheduleTime: a.scheduleTime,
    timeList: a.timeList,
    lastDayOfMonth: a.lastDayOfMonth,
    dataMaintainDays: a.dataMaintainDays,
    retainMode: a.retainMode,
    backupStorageConfig: a.backupStorageConfig,
  });
}

function describeSchedule(a: ObCloudStrategyArgs): string {
  const days = `${a.backupScheduleMode === "WEEK" ? "weekdays" : "days of the month"} ${a.timeList.join(",")}${a.lastDayOfMonth ? " and the last day of the month" : ""}`;
  return `${a.backupScheduleMode} on ${days} at ${a.scheduleTime}, kept ${a.dataMaintainDays} days on ${a.backupStorageConfig.backupStorageType}`;
}

/** The settings sent; an instance that is gone says so in words (its strategy went with it). */
async function apply(client: OceanBaseCloudClient, a: ObCloudStrategyArgs, ctx: HandlerContext): Promise<void> {
  try {
    // An answer that is not definite (provider/uncertain.ts), even after the transport's retries: sent again within
    // timeoutMinutes, since it sets the one strategy and creates nothing.
    await sendResolved({
      platform: "oceanbase-cloud",
      what: `the settings of the ${label(a.instanceId)}`,
      where: `the backup strategy of OceanBase Cloud instance ${a.instanceId}`,
      send: () => client.modifyBackupStrategy(modifyInput(a)),
      lookUp: async () => undefined,
      idempotent: true,
      deadline: startDeadline(a.timeoutMinutes, ctx.clock),
      ctx,
    });
  } catch (e) {
    if (isNotFound(e)) {
      throw new Error(`${label(a.instanceId)}: OceanBase Cloud answered that the instance does not exist (${e instanceof Error ? e.message : String(e)}); check instanceId`, { cause: e });
    }
    throw e;
  }
}

/** The outputs: the canonical arguments (OceanBase Cloud reports nothing back). */
function outputsOf(a: ObCloudStrategyArgs): Props {
  return { ...a };
}

export async function createObCloudStrategy(a: ObCloudStrategyArgs, ctx: HandlerContext): Promise<CreateResult> {
  const client = ctx.clients.oceanbase();
  ctx.progress(
    `${label(a.instanceId)}: every instance has a backup strategy from its creation; adopting it and applying this program's settings ` +
      `(${describeSchedule(a)}). OceanBase Cloud publishes no read of it, so its earlier settings are not known and changes made outside Pulumi are not detected`,
  );
  await apply(client, a, ctx);
  return { id: formatStrategyRef({ platform: "oceanbase-cloud", instanceId: a.instanceId }), outs: outputsOf(a) };
}

/**
 * Refresh: OceanBase Cloud has no strategy read, so the instance's existence is all there is to check (a strategy
 * exists exactly as long as its instance). Gone: the instance answers not found. The state comes back as it is; from
 * the id alone (import) only what the id tells: the platform and the instance, so the next `pulumi up` applies the
 * program's settings.
 */
export async function readObCloudStrategy(ref: ObCloudRef, props: Props, ctx: HandlerContext): Promise<ReadResult | undefined> {
  const client = ctx.clients.oceanbase();
  try {
    await client.probeInstance({ instanceId: ref.instanceId });
  } catch (e) {
    if (isNotFound(e)) {
      ctx.progress(`${label(ref.instanceId)}: the instance no longer exists, and its backup strategy went with it`);
      return undefined;
    }
    throw e;
  }
  const inputs: Props = { platform: "oceanbase-cloud", instanceId: ref.instanceId };
  for (const name of argsOf("oceanbase-cloud")) if (props[name] !== undefined && props[name] !== null && name !== "instanceId") inputs[name] = props[name];
  return { id: formatStrategyRef(ref), inputs, props: { ...inputs } };
}

/** Sends the settings when one of them changed; onDelete and the waiting arguments alone send nothing. */
export async function updateObCloudStrategy(ref: ObCloudRef, olds: Props, a: ObCloudStrategyArgs, ctx: HandlerContext): Promise<UpdateResult> {
  const changed = diffCloudStrategy("oceanbase-cloud", olds, a).diffs.filter((k) => settingArgs("oceanbase-cloud").includes(k));
  if (changed.length > 0) {
    ctx.progress(`${label(ref.instanceId)}: applying ${changed.join(", ")} (${describeSchedule(a)})`);
    await apply(ctx.clients.oceanbase(), a, ctx);
  }
  return { outs: outputsOf(a) };
}

/** Sends nothing: OceanBase Cloud has no API to remove or reset a strategy, and stopping backups silently is never wanted. */
export async function deleteObCloudStrategy(ref: ObCloudRef, props: Props, ctx: HandlerContext): Promise<void> {
  const last = typeof props["scheduleTime"] === "string" ? ` (as last applied: ${String(props["backupScheduleMode"])} at ${props["scheduleTime"]})` : "";
  ctx.progress(
    `${label(ref.instanceId)}: the strategy stays in place${last} and backups remain scheduled; OceanBase Cloud has no API to remove a backup ` +
      "strategy, so it is only removed from the Pulumi state",
  );
}
