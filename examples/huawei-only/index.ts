// TaurusDB (Huawei Cloud GaussDB for MySQL) manual backups only: no OceanBase or OCP settings needed. Backup names
// are derived from the stack, so each stack's backups are told apart in the console and a second `pulumi up` of the
// same stack is unchanged. Deleting a resource deletes the backup on Huawei Cloud.
//
// Config (project namespace, optional): instanceId (default: the emulator's fixture instance);
//   beforeMigrationTimeoutMinutes (30): how long `pulumi up` waits for that backup; a change touches nothing on the cloud;
//   beforeMigrationName: that backup's name; a change replaces the backup: the new one is taken first, then the old
//   one is deleted (names are unique per instance, so a replacement needs a new name).
import * as pulumi from "@pulumi/pulumi";
import * as dbbackup from "pulumi-dbbackup";

const config = new pulumi.Config();
const instanceId = config.get("instanceId") ?? "d8e6ca5a624745bcb546a227aa3ae1cfin01";

/**
 * A backup name from the stack name and a purpose, valid under TaurusDB's rules: 4–64 characters, starting with a
 * letter, only letters, digits, "-" and "_". A stack name may hold "." (and start with a digit): those become "-" and
 * a "stack-" prefix.
 */
function backupName(stack: string, purpose: string): string {
  let base = stack.replace(/[^A-Za-z0-9_-]/g, "-");
  if (!/^[A-Za-z]/.test(base)) base = `stack-${base}`;
  return `${base.slice(0, 64 - purpose.length - 1)}-${purpose}`;
}

const stack = pulumi.getStack();

const baseline = new dbbackup.ManualBackup("baseline", {
  platform: "huawei-taurusdb",
  instanceId,
  name: backupName(stack, "baseline"),
  description: `baseline backup of stack ${stack}, kept until the stack is destroyed`,
});

// Taken after the baseline (dependsOn): TaurusDB runs one backup of an instance at a time.
const beforeMigration = new dbbackup.ManualBackup(
  "before-migration",
  {
    platform: "huawei-taurusdb",
    instanceId,
    name: config.get("beforeMigrationName") ?? backupName(stack, "before-migration"),
    description: `taken by stack ${stack} before the schema migration`,
    timeoutMinutes: config.getNumber("beforeMigrationTimeoutMinutes") ?? 30,
  },
  { dependsOn: [baseline] },
);

export const baselineBackupId = baseline.backupId;
export const baselineBackupName = baseline.name;
export const baselineStatus = baseline.status;
export const baselineSizeBytes = baseline.sizeBytes;
export const beforeMigrationBackupId = beforeMigration.backupId;
export const beforeMigrationBackupName = beforeMigration.name;
export const beforeMigrationStatus = beforeMigration.status;
export const beforeMigrationSizeBytes = beforeMigration.sizeBytes;
