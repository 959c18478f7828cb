// BackupStrategy ids (docs/design.md#resource-ids): "{clusterId}" for a cluster's strategy, "{clusterId}/tenants/{tenantId}" for a
// tenant's. Self-describing, so read() and `pulumi import` need nothing else.
import { InvalidInputError } from "../../sdk/errors";

export interface StrategyTarget {
  clusterId: number;
  tenantId?: number;
}

const ID = /^([1-9]\d{0,15})(?:\/tenants\/([1-9]\d{0,15}))?$/;

export function formatStrategyId(t: StrategyTarget): string {
  return t.tenantId === undefined ? String(t.clusterId) : `${t.clusterId}/tenants/${t.tenantId}`;
}

export function parseStrategyId(id: string): StrategyTarget {
  const m = typeof id === "string" ? ID.exec(id) : null;
  const clusterId = m?.[1] === undefined ? Number.NaN : Number(m[1]);
  const tenantId = m?.[2] === undefined ? undefined : Number(m[2]);
  if (!Number.isSafeInteger(clusterId) || (tenantId !== undefined && !Number.isSafeInteger(tenantId))) {
    throw new InvalidInputError("id", 'a BackupStrategy id is "{clusterId}" or "{clusterId}/tenants/{tenantId}", e.g. "1000005" or "1000005/tenants/1002"');
  }
  return tenantId === undefined ? { clusterId } : { clusterId, tenantId };
}

/** "cluster 1000005" or "tenant 1002 of cluster 1000005", for messages. */
export function describeTarget(t: StrategyTarget): string {
  return t.tenantId === undefined ? `cluster ${t.clusterId}` : `tenant ${t.tenantId} of cluster ${t.clusterId}`;
}
