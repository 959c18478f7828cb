// The ManualBackup class a Pulumi program uses (exported from the package root) and its argument types. It registers the
// small shim of its kind (../shim.ts) as the dynamic provider; the handlers run later, inside the dynamic-provider host.
import * as pulumi from "@pulumi/pulumi";
import { manualBackupProvider } from "../shim";
import { RESOURCE_MODULE, withNames } from "../resource-class";

export type ManualBackupPlatform = "oceanbase-cloud" | "huawei-taurusdb";

export interface DatabaseTablesArgs {
  database: pulumi.Input<string>;
  /** Required for a table-level backup (one database, at most 200 tables); omitted for database level. */
  tables?: pulumi.Input<pulumi.Input<string>[]>;
}

export interface ManualBackupArgs {
  platform: pulumi.Input<ManualBackupPlatform>;
  /** OceanBase Cloud instance id ("obcluster-…") or TaurusDB instance id ("…in07"). */
  instanceId: pulumi.Input<string>;
  /** OceanBase Cloud: the tenant to back up (tenant level: without it, the whole cluster; required otherwise). */
  tenantId?: pulumi.Input<string>;
  /** OceanBase Cloud: "tenant" (physical, default), "database" or "table" (logical). */
  backupObjectType?: pulumi.Input<"tenant" | "database" | "table">;
  /** OceanBase Cloud logical backups: structured here, sent as the JSON string the API wants. */
  databaseTables?: pulumi.Input<pulumi.Input<DatabaseTablesArgs>[]>;
  /** OceanBase Cloud physical backups. */
  needPreCheck?: pulumi.Input<boolean>;
  /** OceanBase Cloud, tenant level: the API's backupPolicy, "manual" only (what is always sent); may be left out. */
  backupPolicy?: pulumi.Input<"manual">;
  /** TaurusDB: 4–64 characters, starts with a letter; letters, digits, "-" and "_". */
  name?: pulumi.Input<string>;
  /** TaurusDB: at most 256 characters, none of > ! < " & ' =. */
  description?: pulumi.Input<string>;
  /** Wait until the backup is usable (default true). */
  waitForCompletion?: pulumi.Input<boolean>;
  /** Deadline of the wait in minutes (default 60, at most 1440; fractions allowed). */
  timeoutMinutes?: pulumi.Input<number>;
}

export const MANUAL_BACKUP_INPUTS = [
  "platform",
  "instanceId",
  "tenantId",
  "backupObjectType",
  "databaseTables",
  "needPreCheck",
  "backupPolicy",
  "name",
  "description",
  "waitForCompletion",
  "timeoutMinutes",
] as const;
/** Outputs beyond the inputs (backupSetId and checkpoint on OceanBase Cloud only). */
export const MANUAL_BACKUP_OUTPUTS = ["backupId", "status", "beginTime", "endTime", "sizeBytes", "backupSetId", "checkpoint"] as const;

/**
 * An on-demand backup. Id: "oceanbase-cloud/{instanceId}/{backupId}" or "huawei-taurusdb/{projectId}/{backupId}".
 * OceanBase Cloud has no delete-backup API: deleting the resource only forgets the backup.
 */
export class ManualBackup extends pulumi.dynamic.Resource {
  declare readonly backupId: pulumi.Output<string>;
  declare readonly status: pulumi.Output<string>;
  declare readonly beginTime: pulumi.Output<string | undefined>;
  declare readonly endTime: pulumi.Output<string | undefined>;
  declare readonly sizeBytes: pulumi.Output<number | undefined>;
  /** OceanBase Cloud only. */
  declare readonly backupSetId: pulumi.Output<string | undefined>;
  /** OceanBase Cloud only. */
  declare readonly checkpoint: pulumi.Output<string | undefined>;
  declare readonly platform: pulumi.Output<ManualBackupPlatform>;
  declare readonly instanceId: pulumi.Output<string>;
  declare readonly tenantId: pulumi.Output<string | undefined>;
  declare readonly backupObjectType: pulumi.Output<"tenant" | "database" | "table" | undefined>;
  declare readonly databaseTables: pulumi.Output<pulumi.Unwrap<DatabaseTablesArgs>[] | undefined>;
  declare readonly needPreCheck: pulumi.Output<boolean | undefined>;
  declare readonly backupPolicy: pulumi.Output<"manual" | undefined>;
  declare readonly name: pulumi.Output<string | undefined>;
  declare readonly description: pulumi.Output<string | undefined>;
  declare readonly waitForCompletion: pulumi.Output<boolean>;
  declare readonly timeoutMinutes: pulumi.Output<number>;

  constructor(name: string, args: ManualBackupArgs, opts?: pulumi.CustomResourceOptions) {
    super(manualBackupProvider, name, withNames([...MANUAL_BACKUP_INPUTS, ...MANUAL_BACKUP_OUTPUTS], { ...args }), opts, RESOURCE_MODULE, "ManualBackup");
  }
}
