// Finding and following a restored tenant on the target instance. The restore call answers no id [seed 003]: the
// only handle is the tenant name, so the tenant is looked up by exact name in the instance's tenant list (whose name
// filter is fuzzy) until it shows, then followed by id until it is ONLINE, fails, or the deadline passes.
import type { Clock } from "../../sdk/clock";
import { DeadlineExceededError } from "../../sdk/errors";
import type { OceanBaseCloudClient } from "../../sdk/oceanbase/client";
import type { ObTenant, ObTenantSummary } from "../../sdk/oceanbase/schemas";
import { isFailedStatus, ONLINE } from "./status";
import { confirmedGone } from "../gone";
import { statusLine, waitUntil, type Deadline } from "../wait";

/** The tenant's not-found answer counts as "gone" only while its instance answers (see gone.ts). */
export function isGone(e: unknown, client: OceanBaseCloudClient, instanceId: string): Promise<boolean> {
  return confirmedGone(e, `OceanBase Cloud instance ${instanceId}`, () => client.probeInstance({ instanceId }));
}

/** The tenant with exactly this name on the instance (a DELETING one only when no other has the name). */
export async function findTenantByName(client: OceanBaseCloudClient, instanceId: string, name: string): Promise<ObTenantSummary | undefined> {
  const matches = (await client.listAllTenants({ instanceId, tenantName: name })).filter((t) => t.tenantName === name);
  return matches.find((t) => t.status !== "DELETING") ?? matches[0];
}

export async function getTenantOrUndefined(client: OceanBaseCloudClient, instanceId: string, tenantId: string): Promise<ObTenant | undefined> {
  try {
    return await client.getTenant({ instanceId, tenantId });
  } catch (e) {
    if (await isGone(e, client, instanceId)) return undefined;
    throw e;
  }
}

export type FollowOutcome =
  /** ONLINE (or, with until "exists", listed at all). */
  | { kind: "ready"; tenant: ObTenantSummary }
  /** ABNORMAL or DELETING: it will never be ONLINE. */
  | { kind: "failed"; tenant: ObTenantSummary }
  /** The deadline passed; tenant is the last one seen (undefined: it never showed up). */
  | { kind: "timeout"; tenant: ObTenantSummary | undefined; elapsedMs: number }
  /** Known by id, and now gone. */
  | { kind: "gone"; tenantId: string }
  /** A check failed for good (not a retryable error); tenant is the last one seen, if any. */
  | { kind: "error"; tenant: ObTenantSummary | undefined; error: unknown };

export interface FollowOptions {
  client: OceanBaseCloudClient;
  instanceId: string;
  tenantName: string;
  /** Known: follow by id. Unknown: look it up by name until it shows. */
  tenantId?: string;
  until: "online" | "exists";
  /** There is always one check, even when it has passed. */
  deadline: Deadline;
  clock: Clock;
  progress(message: string): void;
}

/** Never rejects: whatever ends the wait is an outcome, with the last tenant seen where there is one. */
export async function followTenant(o: FollowOptions, known?: ObTenantSummary): Promise<FollowOutcome> {
  let tenantId = o.tenantId ?? known?.tenantId;
  let seen = known;
  const what = `tenant ${o.tenantName} on ${o.instanceId}`;
  try {
    return await waitUntil<FollowOutcome>(
      async () => {
        const t =
          tenantId === undefined
            ? await findTenantByName(o.client, o.instanceId, o.tenantName)
            : await getTenantOrUndefined(o.client, o.instanceId, tenantId);
        if (t === undefined) {
          if (tenantId !== undefined) return { done: true, value: { kind: "gone", tenantId } };
          return { done: false, status: "not listed yet" };
        }
        seen = t;
        tenantId = t.tenantId;
        if (o.until === "exists" || t.status === ONLINE) return { done: true, value: { kind: "ready", tenant: t } };
        if (isFailedStatus(t.status)) return { done: true, value: { kind: "failed", tenant: t } };
        return { done: false, status: t.status };
      },
      {
        description: `restored ${what}`,
        deadline: o.deadline,
        clock: o.clock,
        platform: "oceanbase-cloud",
        operation: "restoredTenant.wait",
        onStatus: (r) => o.progress(statusLine(`restored ${what}`, r)),
      },
    );
  } catch (e) {
    if (e instanceof DeadlineExceededError) return { kind: "timeout", tenant: seen, elapsedMs: o.deadline.elapsedMs() };
    return { kind: "error", tenant: seen, error: e };
  }
}
