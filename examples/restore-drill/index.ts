// A restore test meant to run on a schedule: take a fresh physical backup of a tenant, restore it into a scratch
// tenant at the backup's checkpoint, and export a verdict ("PASS: …" or "FAIL: …") that CI can check. Destroying
// the stack removes the scratch tenant (the OceanBase Cloud backup set stays: the platform has no delete API).
//
// Config (project namespace, all optional; the defaults are the emulator's fixtures):
//   sourceInstanceId (obcluster-demo), sourceTenantId (t-demo), targetInstanceId (obcluster-drill),
//   targetPrimaryZone (cn-shanghai-e), tenantCpu (1), tenantMemoryGb (4), tenantUnitNum (1),
//   restoreTimeoutMinutes (120): how long `pulumi up` waits for the restore (a change touches nothing on the cloud).
// A change to the tenant's place or size replaces the scratch tenant: a new drill.
import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import * as dbbackup from "pulumi-dbbackup";

const config = new pulumi.Config();
const sourceInstanceId = config.get("sourceInstanceId") ?? "obcluster-demo";
const sourceTenantId = config.get("sourceTenantId") ?? "t-demo";
const targetInstanceId = config.get("targetInstanceId") ?? "obcluster-drill";
const targetPrimaryZone = config.get("targetPrimaryZone") ?? "cn-shanghai-e";
const tenantResource = {
  cpu: config.getNumber("tenantCpu") ?? 1,
  memory: config.getNumber("tenantMemoryGb") ?? 4,
  unitNum: config.getNumber("tenantUnitNum") ?? 1,
};

/**
 * The scratch tenant's name: "drill_" + the stack name + a short hash of project, stack and source, so two stacks
 * never collide and a second run of the same stack asks for the same name (no date in it: an unchanged program is an
 * unchanged plan). Tenant names are 2–20 letters, digits or "_", starting with a letter or "_".
 */
function scratchTenantName(project: string, stack: string, source: string): string {
  const suffix = createHash("sha256").update(`${project}/${stack}/${source}`).digest("hex").slice(0, 6);
  const stackPart = stack.replace(/[^A-Za-z0-9_]/g, "_").slice(0, 20 - "drill_".length - 1 - suffix.length);
  return `drill_${stackPart}_${suffix}`;
}

const targetTenantName = scratchTenantName(pulumi.getProject(), pulumi.getStack(), `${sourceInstanceId}/${sourceTenantId}`);

const backup = new dbbackup.ManualBackup("drill-source-backup", {
  platform: "oceanbase-cloud",
  instanceId: sourceInstanceId,
  tenantId: sourceTenantId,
  backupObjectType: "tenant",
});

// The restore point is the checkpoint of the backup just taken: the newest instant that backup alone guarantees.
const restoreTime = backup.checkpoint.apply((checkpoint) => {
  if (checkpoint === undefined) throw new Error("the drill's backup reported no checkpoint: its waitForCompletion must stay true");
  return checkpoint;
});

const scratch = new dbbackup.RestoredTenant("drill-scratch-tenant", {
  sourceInstanceId,
  sourceTenantId,
  targetInstanceId,
  targetTenantName,
  targetTenantDescription: `restore drill of ${sourceInstanceId}/${sourceTenantId} (stack ${pulumi.getStack()})`,
  targetTenantPrimaryZone: targetPrimaryZone,
  tenantResource,
  restoreTime,
  timeoutMinutes: config.getNumber("restoreTimeoutMinutes") ?? 120,
});

/** PASS only when the backup finished and the scratch tenant came up ONLINE at the requested point in time. */
function drillVerdict(v: {
  backupStatus: string;
  backupSetId: string | undefined;
  checkpoint: string | undefined;
  tenantStatus: string;
  tenantId: string;
  tenantName: string;
  restoredTo: string;
}): string {
  const problems: string[] = [];
  if (v.backupStatus !== "DONE") problems.push(`backup ${v.backupSetId ?? "(no set id)"} is ${v.backupStatus}, not DONE`);
  if (v.tenantStatus !== "ONLINE") problems.push(`tenant ${v.tenantName} (${v.tenantId}) is ${v.tenantStatus}, not ONLINE`);
  if (v.checkpoint !== undefined && v.restoredTo !== v.checkpoint) problems.push(`restored to ${v.restoredTo}, not the backup's checkpoint ${v.checkpoint}`);
  if (problems.length > 0) return `FAIL: ${problems.join("; ")}`;
  return `PASS: tenant ${v.tenantName} (${v.tenantId}) ONLINE, restored to ${v.restoredTo} from ${v.backupSetId ?? "(no set id)"}`;
}

export const backupSetId = backup.backupSetId;
export const backupStatus = backup.status;
export const backupCheckpoint = backup.checkpoint;
export const scratchTenantId = scratch.tenantId;
export const scratchTenant = pulumi.interpolate`${scratch.targetInstanceId}/${scratch.targetTenantName}`;
export const verdict = pulumi
  .all([backup.status, backup.backupSetId, backup.checkpoint, scratch.status, scratch.tenantId, scratch.targetTenantName, scratch.restoreTime])
  .apply(([backupStatus, setId, checkpoint, tenantStatus, tenantId, tenantName, restoredTo]) =>
    drillVerdict({ backupStatus, backupSetId: setId, checkpoint, tenantStatus, tenantId, tenantName, restoredTo }),
  );
