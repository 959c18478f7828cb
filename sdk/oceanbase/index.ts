// OceanBase Cloud (multi-cloud API v2): client, input rules, response types and error mapping.
export {
  OceanBaseCloudClient,
  DEFAULT_OCEANBASE_ENDPOINT,
  type OceanBaseCloudClientOptions,
  type CallOptions,
  type StartBackupResult,
  type ListBackupSetsInput,
  type GetBackupSetInput,
  type ListRestorableTenantsInput,
  type ListTenantsInput,
  type TenantRef,
  type RestoreTenantResult,
} from "./client";
export {
  MAX_BACKUP_TABLES,
  MAX_PAGE_SIZE,
  checkDatabaseTables,
  checkObTime,
  checkRestoreTenant,
  checkStartBackup,
  checkTenantName,
  toObTime,
  type DatabaseTables,
  type LogicalBackupInput,
  type PhysicalBackupInput,
  type RestoreTenantInput,
  type StartBackupInput,
  type TenantResource,
} from "./inputs";
export { oceanbaseErrorMapper } from "./errors";
export { RETAIN_MODES, SCHEDULE_MODES, type BackupStorageConfig, type ModifyBackupStrategyInput, type ScheduleMode } from "./strategy";
export {
  BACKUP_SET_TERMINAL_STATUSES,
  type ObBackupSet,
  type ObBackupSetPage,
  type ObBackupSetStatus,
  type ObInstance,
  type ObRestorableTenant,
  type ObTenant,
  type ObTenantBackupSet,
  type ObTenantPage,
  type ObTenantStatus,
  type ObTenantSummary,
  type ObTimeInterval,
} from "./schemas";
export { digestAuth, parseChallenges, selectDigestChallenge, digestResponse, type DigestCredentials, type DigestAlgorithm } from "../auth/digest";
