// What a restored tenant's status means to the resource, and the outputs a tenant contributes. Statuses seen
// [docs/api-oceanbase-cloud.md#tenant-statuses, partly inferred]: PENDING_CREATE, CREATING, RESTORING (still going), ONLINE (done), ABNORMAL (failed),
// DELETING (going away).
import type { ObTenantSummary } from "../../sdk/oceanbase/schemas";

export const ONLINE = "ONLINE";

// A tenant in one of these will never become ONLINE: the resource must be replaced.
const FAILED = new Set(["ABNORMAL", "DELETING"]);

export function isFailedStatus(status: string): boolean {
  return FAILED.has(status);
}

/** The outputs that come from the tenant itself (never undefined: absent facts are left out). */
export function tenantFacts(t: ObTenantSummary): Record<string, string> {
  return {
    tenantId: t.tenantId,
    status: t.status,
    ...(typeof t.tenantMode === "string" ? { tenantMode: t.tenantMode } : {}),
    ...(typeof t.gmtCreate === "string" ? { createTime: t.gmtCreate } : {}),
  };
}
