// The package root (`import * as dbbackup from "pulumi-dbbackup"`): the three resource classes and their argument
// types, and the functions a program calls. Nothing here loads the emulator, the handlers or the sdk clients: those
// run inside the dynamic-provider host, or (the functions') load on a function's first call.
export {
  BackupStrategy,
  type BackupStrategyArgs,
  type BackupScheduleConfigArgs,
  type BackupThresholdConfigArgs,
  type BackupStorageConfigArgs,
  type BackupStorageBaseInfoArgs,
  type StorageAccessKeyArgs,
  type CosStorageAccessKeyArgs,
  type SecondaryBackupConfigArgs,
  type OcpBackupMode,
  type OcpBackupStorageType,
  type OcpDataBackupModel,
  type BackupStrategyPlatform,
  type ObCloudBackupStorageConfigArgs,
  type OnDelete,
  type TaurusDbBackupPolicyArgs,
  type TaurusDbOffsitePolicyArgs,
} from "./backup-strategy/resource";
export { ManualBackup, type ManualBackupArgs, type DatabaseTablesArgs, type ManualBackupPlatform } from "./manual-backup/resource";
export { RestoredTenant, type RestoredTenantArgs, type TenantResourceArgs } from "./restored-tenant/resource";
export {
  getBackupSets,
  getRestoreWindows,
  type GetBackupSetsArgs,
  type GetOceanBaseBackupSetsArgs,
  type GetTaurusDbBackupSetsArgs,
  type GetBackupSetsResult,
  type BackupSetInfo,
  type OceanBaseBackupSetInfo,
  type OceanBaseTenantBackupSetInfo,
  type TaurusDbBackupInfo,
  type GetRestoreWindowsArgs,
  type GetOceanBaseRestoreWindowsArgs,
  type GetTaurusDbRestoreWindowsArgs,
  type GetRestoreWindowsResult,
  type RestoreWindow,
} from "./functions/index";
