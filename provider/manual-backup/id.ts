// ManualBackup's self-describing ids (docs/design.md#resource-ids): "oceanbase-cloud/{instanceId}/{backupId}",
// "huawei-taurusdb/{projectId}/{backupId}", "ocp/{clusterId}/tasks/{taskId}" or
// "ocp/{clusterId}/tenants/{tenantId}/tasks/{taskId}". No part may hold a '/' (each is checked as a URL path segment,
// OCP's as positive integers), so the id splits unambiguously, and read()/delete() need nothing but the id.
import { InvalidInputError } from "../../sdk/errors";
import { checkId } from "../../sdk/oceanbase/inputs";

/** An OCP backup: the cluster (and tenant) backed up, and the first task the backupNow call started. */
export interface OcpBackupRef {
  platform: "ocp";
  clusterId: number;
  tenantId?: number;
  /** The first task id, as text (it is the resource's backupId output). */
  backupId: string;
}

export type ManualBackupRef =
  | { platform: "oceanbase-cloud"; instanceId: string; backupId: string }
  | { platform: "huawei-taurusdb"; projectId: string; backupId: string }
  | OcpBackupRef;

export function manualBackupId(ref: ManualBackupRef): string {
  switch (ref.platform) {
    case "oceanbase-cloud":
      return `oceanbase-cloud/${ref.instanceId}/${ref.backupId}`;
    case "huawei-taurusdb":
      return `huawei-taurusdb/${ref.projectId}/${ref.backupId}`;
    case "ocp":
      return ref.tenantId === undefined ? `ocp/${ref.clusterId}/tasks/${ref.backupId}` : `ocp/${ref.clusterId}/tenants/${ref.tenantId}/tasks/${ref.backupId}`;
  }
}

const POSITIVE_INT = /^[1-9]\d{0,15}$/;

function ocpId(field: string, text: string): number {
  if (!POSITIVE_INT.test(text) || !Number.isSafeInteger(Number(text))) throw new InvalidInputError(field, "must be a positive integer");
  return Number(text);
}

function parseOcp(parts: string[]): OcpBackupRef {
  if (parts.length === 4 && parts[2] === "tasks") {
    return { platform: "ocp", clusterId: ocpId("clusterId", parts[1] ?? ""), backupId: String(ocpId("taskId", parts[3] ?? "")) };
  }
  if (parts.length === 6 && parts[2] === "tenants" && parts[4] === "tasks") {
    return {
      platform: "ocp",
      clusterId: ocpId("clusterId", parts[1] ?? ""),
      tenantId: ocpId("tenantId", parts[3] ?? ""),
      backupId: String(ocpId("taskId", parts[5] ?? "")),
    };
  }
  throw new InvalidInputError("id", "must be ocp/{clusterId}/tasks/{taskId} or ocp/{clusterId}/tenants/{tenantId}/tasks/{taskId}");
}

export function parseManualBackupId(id: string): ManualBackupRef {
  const parts = typeof id === "string" ? id.split("/") : [];
  try {
    if (parts[0] === "ocp") return parseOcp(parts);
    if (parts.length !== 3) throw new InvalidInputError("id", "must have exactly three parts separated by '/'");
    const [platform, scope, backupId] = parts as [string, string, string];
    if (platform === "oceanbase-cloud") {
      return { platform, instanceId: checkId("instanceId", scope), backupId: checkId("backupId", backupId) };
    }
    if (platform === "huawei-taurusdb") {
      return { platform, projectId: checkId("projectId", scope), backupId: checkId("backupId", backupId) };
    }
    throw new InvalidInputError("platform", 'must be "oceanbase-cloud", "huawei-taurusdb" or "ocp"');
  } catch (e) {
    const why = e instanceof InvalidInputError ? `${e.field} ${e.rule}` : String(e);
    throw new Error(
      "a ManualBackup id is oceanbase-cloud/{instanceId}/{backupId}, huawei-taurusdb/{projectId}/{backupId}, " +
        "ocp/{clusterId}/tasks/{taskId} or ocp/{clusterId}/tenants/{tenantId}/tasks/{taskId} " +
        `(e.g. oceanbase-cloud/obcluster-demo/bak-7aqvtc4ugvuo); ${JSON.stringify(id)} is not one: ${why}`,
    );
  }
}
