// The package root (`import * as dbbackup from "pulumi-dbbackup"`): the three resource classes and their argument
// types. Nothing here loads the emulator, the handlers or the sdk clients: those run inside the dynamic-provider host.
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
} from "./backup-strategy/resource";
export { ManualBackup, type ManualBackupArgs, type DatabaseTablesArgs, type ManualBackupPlatform } from "./manual-backup/resource";
export { RestoredTenant, type RestoredTenantArgs, type TenantResourceArgs } from "./restored-tenant/resource";
