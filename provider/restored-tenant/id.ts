// RestoredTenant's self-describing id (docs/design.md#resource-ids): "{targetInstanceId}/{tenantId}". Neither part may hold a '/'
// (both are checked as URL path segments), so the first '/' splits it unambiguously.
import { InvalidInputError } from "../../sdk/errors";
import { checkId } from "../../sdk/oceanbase/inputs";

export interface RestoredTenantRef {
  instanceId: string;
  tenantId: string;
}

export function restoredTenantId(ref: RestoredTenantRef): string {
  return `${ref.instanceId}/${ref.tenantId}`;
}

export function parseRestoredTenantId(id: string): RestoredTenantRef {
  const parts = id.split("/");
  try {
    if (parts.length !== 2) throw new InvalidInputError("id", "must have exactly one '/'");
    return { instanceId: checkId("targetInstanceId", parts[0]), tenantId: checkId("tenantId", parts[1]) };
  } catch (e) {
    const why = e instanceof InvalidInputError ? `${e.field} ${e.rule}` : String(e);
    throw new Error(
      `a RestoredTenant id is "{targetInstanceId}/{tenantId}" (e.g. obcluster-drill/t7amdemq4iu9s); ${JSON.stringify(id)} is not one: ${why}`,
    );
  }
}
