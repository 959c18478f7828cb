// BackupStrategy ids (docs/design.md#resource-ids): on OCP "{clusterId}" for a cluster's strategy, "{clusterId}/tenants/{tenantId}"
// for a tenant's; the other platforms' below. Self-describing, so read() and `pulumi import` need nothing else.
import { InvalidInputError } from "../../sdk/errors";
import { checkId } from "../../sdk/oceanbase/inputs";

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

// The other platforms' strategies are singletons of an instance (docs/design.md#resource-ids): "oceanbase-cloud/{instanceId}"
// and "huawei-taurusdb/{projectId}/{instanceId}" (the project is part of every TaurusDB path). No part holds a '/'.

export type StrategyRef =
  | { platform: "ocp"; target: StrategyTarget }
  | { platform: "oceanbase-cloud"; instanceId: string }
  | { platform: "huawei-taurusdb"; projectId: string; instanceId: string };

export function formatStrategyRef(ref: StrategyRef): string {
  if (ref.platform === "ocp") return formatStrategyId(ref.target);
  return ref.platform === "oceanbase-cloud" ? `oceanbase-cloud/${ref.instanceId}` : `huawei-taurusdb/${ref.projectId}/${ref.instanceId}`;
}

/** Any BackupStrategy id: the platform is told by the id's first part (an OCP id is digits). */
export function parseStrategyRef(id: string): StrategyRef {
  const parts = typeof id === "string" ? id.split("/") : [];
  try {
    if (parts[0] === "oceanbase-cloud" && parts.length === 2) return { platform: "oceanbase-cloud", instanceId: checkId("instanceId", parts[1]) };
    if (parts[0] === "huawei-taurusdb" && parts.length === 3) {
      return { platform: "huawei-taurusdb", projectId: checkId("projectId", parts[1]), instanceId: checkId("instanceId", parts[2]) };
    }
  } catch (e) {
    const why = e instanceof InvalidInputError ? `: ${e.field} ${e.rule}` : "";
    throw new InvalidInputError("id", `${JSON.stringify(id)} is not a BackupStrategy id${why}`);
  }
  try {
    return { platform: "ocp", target: parseStrategyId(id) };
  } catch {
    throw new InvalidInputError(
      "id",
      'a BackupStrategy id is "{clusterId}" or "{clusterId}/tenants/{tenantId}" (OCP), "oceanbase-cloud/{instanceId}" or ' +
        `"huawei-taurusdb/{projectId}/{instanceId}"; ${JSON.stringify(id)} is none of them`,
    );
  }
}
