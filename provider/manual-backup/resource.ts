// The ManualBackup class a Pulumi program uses (exported from the package root) and its argument types. It registers the
// small shim of its kind (../shim.ts) as the dynamic provider; the handlers run later, inside the dynamic-provider host.
import * as pulumi from "@pulumi/pulumi";
import { manualBackupProvider } from "../shim";
import { RESOURCE_MODULE, withNames } from "../resource-class";
import { namesOf, type InputsOf, type OutputsOf } from "../spec";
import { MANUAL_BACKUP_ARGS, MANUAL_BACKUP_OUTPUT_TABLE, type ManualBackupFields, type ManualBackupOutputFields } from "./spec";

export type { DatabaseTablesArgs, ManualBackupPlatform } from "./spec";

/** What a program passes to `new ManualBackup(name, args)`. */
export type ManualBackupArgs = InputsOf<ManualBackupFields>;

export const MANUAL_BACKUP_INPUTS = namesOf(MANUAL_BACKUP_ARGS);
/** Outputs beyond the inputs (backupSetId and checkpoint on OceanBase Cloud only). */
export const MANUAL_BACKUP_OUTPUTS = namesOf(MANUAL_BACKUP_OUTPUT_TABLE);

// The output properties (every argument and output) are declared by the interface of the same name, derived from the
// spec: Pulumi sets them on the instance.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging -- see above
export interface ManualBackup extends OutputsOf<ManualBackupFields & ManualBackupOutputFields> {}

/**
 * An on-demand backup. Id: "oceanbase-cloud/{instanceId}/{backupId}" or "huawei-taurusdb/{projectId}/{backupId}".
 * OceanBase Cloud has no delete-backup API: deleting the resource only forgets the backup.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- the output properties (above)
export class ManualBackup extends pulumi.dynamic.Resource {
  constructor(name: string, args: ManualBackupArgs, opts?: pulumi.CustomResourceOptions) {
    super(manualBackupProvider, name, withNames([...MANUAL_BACKUP_INPUTS, ...MANUAL_BACKUP_OUTPUTS], { ...args }), opts, RESOURCE_MODULE, "ManualBackup");
  }
}
