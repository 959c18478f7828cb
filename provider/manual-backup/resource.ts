// The ManualBackup class a Pulumi program uses (exported from the package root) and its argument types. It registers the
// small shim of its kind (../shim.ts) as the dynamic provider; the handlers run later, inside the dynamic-provider host.
import * as pulumi from "@pulumi/pulumi";
import { manualBackupProvider } from "../shim";
import { RESOURCE_MODULE, withNames, withSecretArgs, withSecretOutputs } from "../resource-class";
import { argsWhere, namesOf, type InputsOf, type OutputsOf } from "../spec";
import { MANUAL_BACKUP_ARGS, MANUAL_BACKUP_OUTPUT_TABLE, type ManualBackupFields, type ManualBackupOutputFields } from "./spec";

export type { DatabaseTablesArgs, ManualBackupPlatform } from "./spec";
export type { BackupStorageConfigArgs } from "../backup-strategy/spec";

/** What a program passes to `new ManualBackup(name, args)`. */
export type ManualBackupArgs = InputsOf<ManualBackupFields>;

export const MANUAL_BACKUP_INPUTS = namesOf(MANUAL_BACKUP_ARGS);
/** Outputs beyond the inputs (backupSetId and checkpoint on OceanBase Cloud only, taskIds on OCP only). */
export const MANUAL_BACKUP_OUTPUTS = namesOf(MANUAL_BACKUP_OUTPUT_TABLE);
/** Inputs that can hold storage secrets (OCP's storage config): encrypted in state, as inputs and as outputs. */
export const MANUAL_BACKUP_SECRETS = argsWhere(MANUAL_BACKUP_ARGS, (f) => f.secret === true);

// The output properties (every argument and output) are declared by the interface of the same name, derived from the
// spec: Pulumi sets them on the instance.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging -- see above
export interface ManualBackup extends OutputsOf<ManualBackupFields & ManualBackupOutputFields> {}

/**
 * An on-demand backup. Id: "oceanbase-cloud/{instanceId}/{backupId}", "huawei-taurusdb/{projectId}/{backupId}",
 * "ocp/{clusterId}/tasks/{taskId}" or "ocp/{clusterId}/tenants/{tenantId}/tasks/{taskId}". OceanBase Cloud has no
 * delete-backup API and OCP documents none: deleting the resource only forgets the backup there.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- the output properties (above)
export class ManualBackup extends pulumi.dynamic.Resource {
  constructor(name: string, args: ManualBackupArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      manualBackupProvider(),
      name,
      withNames([...MANUAL_BACKUP_INPUTS, ...MANUAL_BACKUP_OUTPUTS], withSecretArgs(args, MANUAL_BACKUP_SECRETS)),
      withSecretOutputs(opts, [...MANUAL_BACKUP_SECRETS]),
      RESOURCE_MODULE,
      "ManualBackup",
    );
  }
}
