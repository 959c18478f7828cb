// Sends the restore request without ever making a second tenant. Before it, the name was free on the target instance;
// so when the answer is lost (the connection broke after sending, the request timed out, or a 200 came back
// unreadable), a tenant found by that name now is the one this request made: adopt it. Only when it is certainly
// absent is the request sent again, once.
import { ApiError, InvalidResponseError, NetworkError, RequestTimeoutError } from "../../sdk/errors";
import type { OceanBaseCloudClient } from "../../sdk/oceanbase/client";
import type { ObTenantSummary } from "../../sdk/oceanbase/schemas";
import { restoreInputOf, type RestoredTenantArgs } from "./args";
import { findTenantByName } from "./follow";

function answerLost(e: unknown): boolean {
  return (e instanceof NetworkError && !e.beforeSend) || e instanceof RequestTimeoutError || e instanceof InvalidResponseError;
}

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
 * Sends the restore. Resolves with the adopted tenant when a lost answer turned out to have created it, or undefined
 * when the request was accepted (the tenant is then found by name).
 */
export async function startRestore(
  client: OceanBaseCloudClient,
  args: RestoredTenantArgs,
  progress: (message: string) => void,
): Promise<ObTenantSummary | undefined> {
  const lookUp = (): Promise<ObTenantSummary | undefined> => findTenantByName(client, args.targetInstanceId, args.targetTenantName);
  for (let attempt = 1; ; attempt++) {
    try {
      await client.restoreTenant(restoreInputOf(args));
      return undefined;
    } catch (e) {
      if (nameTakenAnswer(e)) {
        const existing = await lookUp();
        // A resent request finding the name taken means the first one made the tenant after all.
        if (existing !== undefined && attempt > 1) return existing;
        if (existing !== undefined) throw new Error(nameTakenMessage(args, existing), { cause: e });
        throw e;
      }
      if (!answerLost(e)) throw e;
      progress(`the answer to the restore of ${args.targetTenantName} was lost: looking for the tenant before anything else`);
      const found = await lookUp();
      if (found !== undefined) return found;
      if (attempt >= 2) throw e;
      progress(`no tenant ${args.targetTenantName} on ${args.targetInstanceId}: sending the restore again`);
    }
  }
}
