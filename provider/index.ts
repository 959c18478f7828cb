// The package root (`import * as dbbackup from "pulumi-dbbackup"`): the three resource classes and their argument
// types. Nothing here loads the emulator, the handlers or the sdk clients: those run inside the dynamic-provider host.
export {
  BackupStrategy,
  ManualBackup,
  RestoredTenant,
  type BackupStrategyArgs,
  type ManualBackupArgs,
  type RestoredTenantArgs,
  type BackupScheduleConfigArgs,
  type BackupThresholdConfigArgs,
  type BackupStorageConfigArgs,
  type BackupStorageBaseInfoArgs,
  type StorageAccessKeyArgs,
  type CosStorageAccessKeyArgs,
  type SecondaryBackupConfigArgs,
  type DatabaseTablesArgs,
  type TenantResourceArgs,
  type ManualBackupPlatform,
  type OcpBackupMode,
  type OcpBackupStorageType,
  type OcpDataBackupModel,
} from "./resources";
