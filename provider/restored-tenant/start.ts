// Sends the restore request without ever making a second tenant. Before it, the name was free on the target instance;
// so when the answer is not definite (the connection broke after sending, the request timed out, a gateway 5xx, a 200
// that came back unreadable: the rule in provider/uncertain.ts), a tenant found by that name now is the one this
// request made: adopt it. Only when it is certainly absent is the request sent again, within the deadline.
import { ApiError } from "../../sdk/errors";
import type { OceanBaseCloudClient } from "../../sdk/oceanbase/client";
import type { ObTenantSummary } from "../../sdk/oceanbase/schemas";
import { restoreInputOf, type RestoredTenantArgs } from "./args";
import { findTenantByName } from "./follow";
import { sendResolved } from "../uncertain";
import type { HandlerContext } from "../types";
import type { Deadline } from "../wait";

function nameTakenAnswer(e: unknown): boolean {
  return e instanceof ApiError && e.httpStatus === 409 && /exist/i.test(`${e.vendorCode ?? ""} ${e.vendorMessage ?? ""}`);
}

/**
 * Why a create is refused when the target name is taken, and what to do. Not "import it": Pulumi cannot import
 * dynamic-provider resources (pulumi/pulumi#3550).
 */
export function nameTakenMessage(args: Pick<RestoredTenantArgs, "targetInstanceId" | "targetTenantName">, t: ObTenantSummary): string {
  const where = `a tenant named ${args.targetTenantName} already exists on ${args.targetInstanceId} (tenant ${t.tenantId}, ${t.status})`;
  if (t.status === "DELETING") return `${where}: it is being deleted; run pulumi up again once it is gone, or choose another targetTenantName`;
  return (
    `${where}: nothing was restored. Choose another targetTenantName, or, if that tenant is not needed, delete it ` +
    `(tenant ${t.tenantId} on ${args.targetInstanceId}) and run pulumi up again`
  );
}

/**
 * Sends the restore. Resolves with the adopted tenant when an answer that was not definite turned out to have created
 * it, or undefined when the request was accepted (the tenant is then found by name).
 */
export async function startRestore(
  client: OceanBaseCloudClient,
  args: RestoredTenantArgs,
  deadline: Deadline,
  ctx: HandlerContext,
): Promise<ObTenantSummary | undefined> {
  try {
    const r = await sendResolved({
      platform: "oceanbase-cloud",
      what: `the restore into tenant ${args.targetTenantName} on ${args.targetInstanceId}`,
      where: `the tenants named ${args.targetTenantName} on ${args.targetInstanceId}`,
      send: () => client.restoreTenant(restoreInputOf(args)),
      lookUp: () => findTenantByName(client, args.targetInstanceId, args.targetTenantName),
      absentLine: `no tenant ${args.targetTenantName} on ${args.targetInstanceId}: sending the restore again`,
      adoptedLine: (t) => `the answer to the restore of ${args.targetTenantName} was lost; tenant ${t.tenantId} is the one it made: adopted`,
      // A resent request finding the name taken means the first one made the tenant after all.
      mayBeOurs: nameTakenAnswer,
      deadline,
      ctx,
    });
    return r.kind === "found" ? r.value : undefined;
  } catch (e) {
    if (!nameTakenAnswer(e)) throw e;
    const existing = await findTenantByName(client, args.targetInstanceId, args.targetTenantName);
    if (existing !== undefined) throw new Error(nameTakenMessage(args, existing), { cause: e });
    throw e;
  }
}
