// ManualBackup's self-describing ids (docs/design.md#resource-ids): "oceanbase-cloud/{instanceId}/{backupId}" or
// "huawei-taurusdb/{projectId}/{backupId}". No part may hold a '/' (each is checked as a URL path segment), so the
// id splits unambiguously, and read()/delete() need nothing but the id.
import { InvalidInputError } from "../../sdk/errors";
import { checkId } from "../../sdk/oceanbase/inputs";

export type ManualBackupRef =
  | { platform: "oceanbase-cloud"; instanceId: string; backupId: string }
  | { platform: "huawei-taurusdb"; projectId: string; backupId: string };

export function manualBackupId(ref: ManualBackupRef): string {
  return ref.platform === "oceanbase-cloud"
    ? `oceanbase-cloud/${ref.instanceId}/${ref.backupId}`
    : `huawei-taurusdb/${ref.projectId}/${ref.backupId}`;
}

export function parseManualBackupId(id: string): ManualBackupRef {
  const parts = typeof id === "string" ? id.split("/") : [];
  try {
    if (parts.length !== 3) throw new InvalidInputError("id", "must have exactly three parts separated by '/'");
    const [platform, scope, backupId] = parts as [string, string, string];
    if (platform === "oceanbase-cloud") {
      return { platform, instanceId: checkId("instanceId", scope), backupId: checkId("backupId", backupId) };
    }
    if (platform === "huawei-taurusdb") {
      return { platform, projectId: checkId("projectId", scope), backupId: checkId("backupId", backupId) };
    }
    throw new InvalidInputError("platform", 'must be "oceanbase-cloud" or "huawei-taurusdb"');
  } catch (e) {
    const why = e instanceof InvalidInputError ? `${e.field} ${e.rule}` : String(e);
    throw new Error(
      "a ManualBackup id is oceanbase-cloud/{instanceId}/{backupId} or huawei-taurusdb/{projectId}/{backupId} " +
        `(e.g. oceanbase-cloud/obcluster-demo/bak-7aqvtc4ugvuo); ${JSON.stringify(id)} is not one: ${why}`,
    );
  }
}
