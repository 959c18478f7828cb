export { OcpClient, type OcpClientOptions, type OcpStrategyTarget, type OcpBackupOperation, type OcpCallOptions, type WaitForTasksOptions, type OcpTaskFilter } from "./client";
export { OcpBackupOperationError, ocpErrorMapper } from "./errors";
export { OCP_ROUTES } from "./paths";
export {
  backupStrategyInputSchema as ocpBackupStrategyInputSchema,
  OFFSET_TIME as OCP_OFFSET_TIME,
  type OcpBackupStrategyInput,
  type OcpBackupScheduleConfig,
  type OcpBackupThresholdConfig,
  type OcpStorageConfig,
  type OcpSecondaryBackupConfig,
  type OcpBackupStrategy,
  type OcpBackupAbility,
  type OcpBackupCommonResponse,
  type OcpTaskInstance,
  type OcpBackupNowInput,
  type OcpTaskSummary,
  type OcpTaskPage,
} from "./schemas";
export { ocpHmacAuth, type OcpHmacCredentials } from "../auth/ocp-hmac";
export { basicAuth, type BasicCredentials } from "../auth/basic";
