// Response shapes of the OceanBase Cloud multi-cloud API v2 (docs/api-oceanbase-cloud.md#success-envelope). Fields the sdk relies on are
// required; the rest are optional (and nullable: the platform sends null for "not yet"), unknown fields pass.
import { z } from "zod";
import { memoizedByIdentity } from "../validate";

/** `{"success": true, "requestId": "…", "data": …}` [seed]. */
function envelopeOf<S extends z.ZodType>(data: S) {
  return z.object({ success: z.literal(true), requestId: z.string().nullish(), data });
}

const envelopes = memoizedByIdentity((data: z.ZodType) => envelopeOf(data));

/** The success envelope around `data`, built once per data schema. */
export function successEnvelope<S extends z.ZodType>(data: S): ReturnType<typeof envelopeOf<S>> {
  return envelopes(data) as ReturnType<typeof envelopeOf<S>>;
}

/** Just enough of any answer to tell success from failure before the full parse. */
export const envelopeHeadSchema = z.object({ success: z.boolean() });

/** `{"success": false, "errorCode": "…", "errorMessage": "…", "requestId": "…"}` [docs]; every field optional. */
export const errorEnvelopeSchema = z.object({
  success: z.boolean().nullish(),
  errorCode: z.union([z.string(), z.number()]).nullish(),
  errorMessage: z.string().nullish(),
  requestId: z.string().nullish(),
});

const optString = z.string().nullish();
const optNumber = z.number().nullish();

/** Backup set statuses seen [docs, partly inferred]; DONE is the only success. */
export type ObBackupSetStatus = "BEGINNING" | "DOING" | "DONE" | "FAILED" | "CANCELED";
export const BACKUP_SET_TERMINAL_STATUSES: readonly string[] = ["DONE", "FAILED", "CANCELED"];

const backupSetFields = {
  backupSetId: z.string(),
  status: z.string(),
  backupMode: z.string(),
  backupObjectType: z.string(),
  checkpoint: optString,
  dataBackupMode: optString,
  /** GiB. */
  dataBackupSize: optNumber,
  dataVersion: optNumber,
  downloadEnabled: z.boolean().nullish(),
  /** -1 = no download task. */
  downloadTaskId: optNumber,
  startTime: optString,
  endTime: optString,
  storageClass: optString,
  tenantId: optString,
  tenantName: optString,
  triggerMode: optString,
  validity: optString,
};

export const tenantBackupSetSchema = z.object(backupSetFields);
export type ObTenantBackupSet = z.output<typeof tenantBackupSetSchema>;

/** One backup set [seed 001]: cluster-level sets list their tenants' sets in tenantBackupSetList. */
export const backupSetSchema = z.object({ ...backupSetFields, tenantBackupSetList: z.array(tenantBackupSetSchema).nullish() });
export type ObBackupSet = z.output<typeof backupSetSchema>;

export const backupSetPageSchema = z.object({ dataList: z.array(backupSetSchema), total: z.number().int().nonnegative() });
export type ObBackupSetPage = z.output<typeof backupSetPageSchema>;

/** Physical start [seed 000]: the task id, equal to the new backup set's id. */
export const physicalStartSchema = z.object({ backupTaskId: z.string().min(1) });
/** Logical start [seed 000]: `data: {}` (no id comes back). */
export const logicalStartSchema = z.object({ backupTaskId: z.string().nullish() }).nullish();

export const timeIntervalSchema = z.object({ startTime: z.string(), endTime: z.string() });
export type ObTimeInterval = z.output<typeof timeIntervalSchema>;

export const restorableTenantSchema = z.object({
  tenantId: z.string(),
  tenantName: z.string(),
  timeIntervalList: z.array(timeIntervalSchema),
  tenantMode: optString,
  obVersion: optString,
  status: optString,
  cpuNum: optNumber,
  memoryNum: optNumber,
  unitNum: optNumber,
});
export type ObRestorableTenant = z.output<typeof restorableTenantSchema>;
export const restorableTenantListSchema = z.array(restorableTenantSchema);

/** Restore answers `data: {}` or `data: null` [seed 003]: nothing to follow but the target's tenant list. */
export const restoreResultSchema = z.object({}).nullish();

/** Tenant statuses seen [partly inferred]. */
export type ObTenantStatus = "PENDING_CREATE" | "CREATING" | "RESTORING" | "ONLINE" | "DELETING" | "ABNORMAL";

export const tenantSummarySchema = z.object({
  tenantId: z.string(),
  tenantName: z.string(),
  status: z.string(),
  tenantMode: optString,
  cpu: optNumber,
  mem: optNumber,
  unitNum: optNumber,
  primaryZone: optString,
  gmtCreate: optString,
});
export type ObTenantSummary = z.output<typeof tenantSummarySchema>;

export const tenantPageSchema = z.object({
  dataList: z.array(tenantSummarySchema),
  total: z.number().int().nonnegative(),
  hasMore: z.boolean().nullish(),
});
export type ObTenantPage = z.output<typeof tenantPageSchema>;

export const tenantSchema = tenantSummarySchema.extend({
  description: optString,
  instanceId: optString,
});
export type ObTenant = z.output<typeof tenantSchema>;

export const deleteTenantSchema = z.object({ tenantId: z.string().nullish() }).nullish();

/** An answer whose content is not read: the call succeeding is all an existence check needs. */
export const anyDataSchema = z.unknown();

export const instanceSchema = z.object({
  instanceId: z.string(),
  status: z.string(),
  instanceName: optString,
  obVersion: optString,
  deployMode: optString,
  cloudProvider: optString,
  region: optString,
  availableZones: z.array(z.string()).nullish(),
  projectId: optString,
  gmtCreate: optString,
});
export type ObInstance = z.output<typeof instanceSchema>;
