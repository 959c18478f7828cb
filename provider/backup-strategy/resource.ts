// The BackupStrategy class a Pulumi program uses (exported from the package root) and its argument types. It registers the
// small shim of its kind (../shim.ts) as the dynamic provider; the handlers run later, inside the dynamic-provider host.
import * as pulumi from "@pulumi/pulumi";
import { backupStrategyProvider } from "../shim";
import { RESOURCE_MODULE, withNames, withSecretArgs, withSecretOutputs } from "../resource-class";
import { argsWhere, namesOf, type InputsOf, type OutputsOf } from "../spec";
import { BACKUP_STRATEGY_ARGS, BACKUP_STRATEGY_OUTPUT_TABLE, type BackupStrategyFields, type BackupStrategyOutputFields } from "./spec";

export type {
  BackupStrategyPlatform,
  ObCloudBackupStorageConfigArgs,
  OnDelete,
  TaurusDbBackupPolicyArgs,
  TaurusDbOffsitePolicyArgs,
  BackupScheduleConfigArgs,
  BackupStorageBaseInfoArgs,
  BackupStorageConfigArgs,
  BackupThresholdConfigArgs,
  CosStorageAccessKeyArgs,
  OcpBackupMode,
  OcpBackupStorageType,
  OcpDataBackupModel,
  SecondaryBackupConfigArgs,
  StorageAccessKeyArgs,
} from "./spec";

/** What a program passes to `new BackupStrategy(name, args)`. */
export type BackupStrategyArgs = InputsOf<BackupStrategyFields>;

export const BACKUP_STRATEGY_INPUTS = namesOf(BACKUP_STRATEGY_ARGS);
/** Outputs beyond the inputs (the strategy handlers' OUTPUT_KEYS). */
export const BACKUP_STRATEGY_OUTPUTS = namesOf(BACKUP_STRATEGY_OUTPUT_TABLE);
/** Inputs that can hold storage secrets: encrypted in state, as inputs and as outputs. */
export const BACKUP_STRATEGY_SECRETS = argsWhere(BACKUP_STRATEGY_ARGS, (f) => f.secret === true);

// The output properties (every argument and output) are declared by the interface of the same name, derived from the
// spec: Pulumi sets them on the instance.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging -- see above
export interface BackupStrategy extends OutputsOf<BackupStrategyFields & BackupStrategyOutputFields> {}

/**
 * The scheduled backup strategy of an OCP cluster or one of its tenants (platform "ocp", the default; id "{clusterId}"
 * or "{clusterId}/tenants/{tenantId}"), of an OceanBase Cloud instance (id "oceanbase-cloud/{instanceId}") or of a
 * TaurusDB instance (id "huawei-taurusdb/{projectId}/{instanceId}"). Delete never stops backups unasked: see onDelete.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- the output properties (above)
export class BackupStrategy extends pulumi.dynamic.Resource {
  constructor(name: string, args: BackupStrategyArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      backupStrategyProvider(),
      name,
      withNames([...BACKUP_STRATEGY_INPUTS, ...BACKUP_STRATEGY_OUTPUTS], withSecretArgs(args, BACKUP_STRATEGY_SECRETS)),
      withSecretOutputs(opts, [...BACKUP_STRATEGY_SECRETS]),
      RESOURCE_MODULE,
      "BackupStrategy",
    );
  }
}
