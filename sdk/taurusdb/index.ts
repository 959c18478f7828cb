export {
  TaurusDbClient,
  DEFAULT_TAURUSDB_PATH_PREFIX,
  MAX_PAGE_SIZE as TAURUSDB_MAX_PAGE_SIZE,
  type TaurusDbClientOptions,
  type CallOptions as TaurusDbCallOptions,
  type CreateBackupInput,
  type ListBackupsInput,
  type RestoreInput,
  type BackupPolicyInput,
  type OffsitePolicyInput,
} from "./client";
export type {
  Backup,
  BackupPage,
  BackupPolicy,
  BackupPolicyUpdate,
  BackupStatus,
  BackupType,
  CreatedBackup,
  DeletedBackup,
  Instance,
  Job,
  JobStatus,
  RestoreTimeRange,
} from "./schemas";
export { taurusdbErrorMapper, BUSY_CODES as TAURUSDB_BUSY_CODES } from "./errors";
export { formatTaurusDbTime, parseTaurusDbTime } from "./time";
export { huaweiAkSkAuth, huaweiTokenAuth, type HuaweiAkSkOptions } from "../auth/huawei-signer";
