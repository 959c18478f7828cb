// OCP backup-strategy shapes: the create/modify body as refused-before-sending input rules (seed 002 and
// the documented cross-field rules), and every response shape the client reads (tolerant of extra fields).
import { z } from "zod";
import { memoizedByIdentity } from "../validate";

// ---------------------------------------------------------------------------------------------------
// Input: the strategy body (seed 002). Strict objects, so a misspelled property is refused by name.

/**
 * OffsetTime as OCP's Java server parses it. Accepted: "HH:mm:ss", optional fraction of 1–9 digits, then
 * "Z" or "±HH:mm" (at most ±18:00): "02:00:00.000+08:00", "02:00:00+08:00", "02:00:00Z". Refused: no
 * seconds ("02:00+08:00"), no offset, "+0800". (The emulator's GET may answer the shorter Java form.)
 */
export const OFFSET_TIME = /^([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,9})?(Z|[+-]((0\d|1[0-7]):[0-5]\d|18:00))$/;
const offsetTime = z
  .string()
  .regex(OFFSET_TIME, { error: 'must be an OffsetTime like "02:00:00.000+08:00", "02:00:00+08:00" or "02:00:00Z"' });

const positiveInt = z.int({ error: "must be a positive integer" }).positive({ error: "must be a positive integer" });
// Whitespace alone names no storage, endpoint or key; the value is not quoted (a key secret is one of these).
const nonEmpty = z
  .string()
  .min(1, { error: "must not be empty" })
  .refine((s) => s.length === 0 || s.trim().length > 0, { error: "must not be only whitespace" });

export const BACKUP_MODES = ["LOGICAL_BACKUP", "PHYSICAL_BACKUP"] as const;
export const SCHEDULE_MODES = ["WEEK", "MONTH"] as const;
export const DATA_BACKUP_MODELS = ["FULL_BACKUP", "INCREMENTAL_BACKUP"] as const;
export const STORAGE_TYPES = ["BACKUP_STORAGE_FILE", "BACKUP_STORAGE_OSS", "BACKUP_STORAGE_COS"] as const;
export const SERVICE_TYPES = ["BACKUP_RESTORE_SERVICE", "OB_CLUSTER", "OTHERS"] as const;
export const LOG_SECONDARY_PERIODS = ["ONCE_A_DAY", "ONCE_AN_HOUR"] as const; // seed's table vs its example: accept both

// "Specify a directory without any protocol name" (seed 002): "oss://…", "file:///…", "cos:…" are refused.
const PROTOCOL_PREFIX = /^[A-Za-z][A-Za-z0-9+.-]*:/;

export const ossAccessKeySchema = z.strictObject({
  endpoint: nonEmpty,
  accessKeyId: nonEmpty,
  accessKeySecret: nonEmpty,
});
export const cosAccessKeySchema = z.strictObject({
  endpoint: nonEmpty,
  accessKeyId: nonEmpty,
  accessKeySecret: nonEmpty,
  appId: nonEmpty,
});

export const storageBaseInfoSchema = z
  .strictObject({
    backupStorageType: z.enum(STORAGE_TYPES),
    storageUrl: nonEmpty.refine((s) => !PROTOCOL_PREFIX.test(s), {
      error: 'must be a directory without a protocol prefix (e.g. "/obbackup/" or "osstest/backup", not "oss://…")',
    }),
    ossAccessKey: ossAccessKeySchema.optional(),
    cosAccessKey: cosAccessKeySchema.optional(),
  })
  .superRefine((v, ctx) => {
    // Each key block is required for its own storage type and refused for the others.
    const rules = [
      ["ossAccessKey", "BACKUP_STORAGE_OSS", v.ossAccessKey],
      ["cosAccessKey", "BACKUP_STORAGE_COS", v.cosAccessKey],
    ] as const;
    for (const [key, type, value] of rules) {
      if (v.backupStorageType === type && value === undefined) {
        ctx.addIssue({ code: "custom", path: [key], message: `is required when backupStorageType is ${type}` });
      }
      if (v.backupStorageType !== type && value !== undefined) {
        ctx.addIssue({ code: "custom", path: [key], message: `is allowed only when backupStorageType is ${type}` });
      }
    }
  });

// alarmStoragePercentageThreshold and the service fields sit beside obBackupStorageBaseInfo, as in the seed's example.
export const storageConfigSchema = z.strictObject({
  configName: nonEmpty,
  obBackupStorageBaseInfo: storageBaseInfoSchema,
  alarmStoragePercentageThreshold: z
    .int({ error: "must be an integer percentage from 1 to 100" })
    .min(1, { error: "must be an integer percentage from 1 to 100" })
    .max(100, { error: "must be an integer percentage from 1 to 100" }),
  storageId: positiveInt.optional(),
  serviceType: z.enum(SERVICE_TYPES).optional(),
  serviceId: positiveInt.optional(),
  serviceName: nonEmpty.optional(),
  hostIdList: z.array(positiveInt).optional(),
});

const DAY_KEY = /^[1-9]\d*$/;

export const scheduleConfigSchema = z
  .strictObject({
    backupScheduleMode: z.enum(SCHEDULE_MODES),
    // Required in the seed's table but absent from its own example: optional here, the server defaults it.
    backupScheduleEnabled: z.boolean().optional(),
    backupScheduleTime: offsetTime,
    dayAndDataBackupModelMap: z.record(z.string(), z.enum(DATA_BACKUP_MODELS)),
    startLogBackup: z.boolean(),
    cleanEnabled: z.boolean().optional(),
    backupDataRetentionDays: positiveInt.optional(),
    cleanScheduleTime: offsetTime.optional(),
  })
  .superRefine((v, ctx) => {
    const max = v.backupScheduleMode === "WEEK" ? 7 : 31;
    const days = Object.keys(v.dayAndDataBackupModelMap);
    if (days.length === 0) {
      ctx.addIssue({ code: "custom", path: ["dayAndDataBackupModelMap"], message: "must name at least one day" });
    }
    for (const day of days) {
      if (!DAY_KEY.test(day) || Number(day) > max) {
        ctx.addIssue({
          code: "custom",
          path: ["dayAndDataBackupModelMap", day],
          message: `day keys must be 1–${max} when backupScheduleMode is ${v.backupScheduleMode}`,
        });
      }
    }
    if (v.backupDataRetentionDays !== undefined && v.cleanEnabled !== true) {
      ctx.addIssue({ code: "custom", path: ["backupDataRetentionDays"], message: "is valid only when cleanEnabled is true" });
    }
  });

export const thresholdConfigSchema = z.strictObject({
  dataBackupTimeoutMinutes: positiveInt,
  noSuccessfulDataBackupAlarmDays: positiveInt,
  libObLogExpireDays: positiveInt.optional(),
  logBackupDelaySeconds: positiveInt,
});

export const secondaryBackupConfigSchema = z.strictObject({
  scheduleConfig: z.strictObject({
    dataBackupScheduleEnabled: z.boolean(),
    logBackupScheduleEnabled: z.boolean(),
    logSecondaryBackupPeriod: z.enum(LOG_SECONDARY_PERIODS),
  }),
  storageConfig: storageConfigSchema,
});

export const backupStrategyInputSchema = z
  .strictObject({
    backupMode: z.enum(BACKUP_MODES),
    obBackupScheduleConfig: scheduleConfigSchema,
    obBackupThresholdConfig: thresholdConfigSchema,
    obBackupServiceStorageConfig: storageConfigSchema,
    secondaryBackupEnabled: z.boolean().optional(),
    obSecondaryBackupConfig: secondaryBackupConfigSchema.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.obBackupThresholdConfig.libObLogExpireDays !== undefined && v.backupMode !== "LOGICAL_BACKUP") {
      ctx.addIssue({
        code: "custom",
        path: ["obBackupThresholdConfig", "libObLogExpireDays"],
        message: "is valid only when backupMode is LOGICAL_BACKUP",
      });
    }
    if (v.secondaryBackupEnabled === true && v.obSecondaryBackupConfig === undefined) {
      ctx.addIssue({ code: "custom", path: ["obSecondaryBackupConfig"], message: "is required when secondaryBackupEnabled is true" });
    }
    if (v.secondaryBackupEnabled !== true && v.obSecondaryBackupConfig !== undefined) {
      ctx.addIssue({ code: "custom", path: ["obSecondaryBackupConfig"], message: "is allowed only when secondaryBackupEnabled is true" });
    }
  });

export type OcpStorageConfig = z.input<typeof storageConfigSchema>;
export type OcpBackupScheduleConfig = z.input<typeof scheduleConfigSchema>;
export type OcpBackupThresholdConfig = z.input<typeof thresholdConfigSchema>;
export type OcpSecondaryBackupConfig = z.input<typeof secondaryBackupConfigSchema>;
/** The create/modify body of a backup strategy, in the API's own field names (seed 002). */
export type OcpBackupStrategyInput = z.input<typeof backupStrategyInputSchema>;

// ---------------------------------------------------------------------------------------------------
// Responses. Java servers send null for absent values, hence nullish() on everything optional.

/** The success envelope around every answer (seed 002). */
function envelopeOf<T extends z.ZodType>(data: T) {
  return z.object({
    data,
    successful: z.literal(true),
    timestamp: z.string().nullish(),
    duration: z.number().nullish(),
    status: z.number().nullish(),
    traceId: z.string().nullish(),
    server: z.string().nullish(),
  });
}

const envelopes = memoizedByIdentity((data: z.ZodType) => envelopeOf(data));

/** The success envelope around `data`, built once per data schema. */
export function successEnvelope<T extends z.ZodType>(data: T): ReturnType<typeof envelopeOf<T>> {
  return envelopes(data) as ReturnType<typeof envelopeOf<T>>;
}

/** Just enough of any envelope to tell success from failure. */
export const envelopeHeadSchema = z.object({ successful: z.boolean() });

/** The error envelope (docs/api-ocp.md#error-envelope); code documented as an int, a string is tolerated. */
export const errorEnvelopeSchema = z.object({
  successful: z.literal(false),
  status: z.number().nullish(),
  traceId: z.string().nullish(),
  error: z.object({
    code: z.union([z.number(), z.string()]).nullish(),
    message: z.string().nullish(),
    target: z.unknown().optional(),
    subErrors: z.array(z.unknown()).nullish(),
  }),
});

export const backupObjectSchema = z.object({
  clusterId: z.number().nullish(),
  tenantId: z.number().nullish(),
  backupDimension: z.string().nullish(),
});

/** BackupCommonResponse (seed 002): what every strategy change answers; tasks run on asynchronously. */
export const backupCommonResponseSchema = z.object({
  obBackupTaskType: z.string().nullish(),
  backupObjectOpsResultList: z.array(
    z.object({
      obBackupObjectList: z.array(backupObjectSchema).nullish(),
      beSuccessful: z.boolean(),
      taskIdList: z.array(z.number()).nullish(),
      errorCode: z.unknown().optional(), // "Object" in the seed: a string, a number or a structure
      hint: z.string().nullish(),
    }),
  ),
});
export type OcpBackupCommonResponse = z.output<typeof backupCommonResponseSchema>;

const accessKeyResponseSchema = z.object({
  endpoint: z.string().nullish(),
  accessKeyId: z.string().nullish(),
  accessKeySecret: z.string().nullish(), // servers mask or omit it
  appId: z.string().nullish(),
});

export const storageConfigResponseSchema = z.object({
  configName: z.string().nullish(),
  obBackupStorageBaseInfo: z.object({
    backupStorageType: z.string(),
    storageUrl: z.string(),
    ossAccessKey: accessKeyResponseSchema.nullish(),
    cosAccessKey: accessKeyResponseSchema.nullish(),
  }),
  alarmStoragePercentageThreshold: z.number().nullish(),
  storageId: z.number().nullish(),
  serviceType: z.string().nullish(),
  serviceId: z.number().nullish(),
  serviceName: z.string().nullish(),
  hostIdList: z.array(z.number()).nullish(),
});

/** GET …/backupStrategy (docs/api-ocp.md#read-the-backup-strategy): the stored strategy plus server fields. */
export const backupStrategySchema = z.object({
  id: z.number(),
  createTime: z.string().nullish(),
  updateTime: z.string().nullish(),
  clusterId: z.number(),
  obClusterId: z.number().nullish(),
  clusterName: z.string().nullish(),
  tenantId: z.number().nullish(),
  backupDimension: z.string().nullish(),
  type: z.string().nullish(),
  backupMode: z.string(),
  obBackupScheduleConfig: z.object({
    backupScheduleMode: z.string(),
    backupScheduleEnabled: z.boolean().nullish(),
    backupScheduleTime: z.string(),
    dayAndDataBackupModelMap: z.record(z.string(), z.string()),
    startLogBackup: z.boolean().nullish(),
    cleanEnabled: z.boolean().nullish(),
    backupDataRetentionDays: z.number().nullish(),
    cleanScheduleTime: z.string().nullish(),
  }),
  obBackupThresholdConfig: z.object({
    dataBackupTimeoutMinutes: z.number().nullish(),
    noSuccessfulDataBackupAlarmDays: z.number().nullish(),
    libObLogExpireDays: z.number().nullish(),
    logBackupDelaySeconds: z.number().nullish(),
  }),
  obBackupServiceStorageConfig: storageConfigResponseSchema,
  secondaryBackupEnabled: z.boolean().nullish(),
  obSecondaryBackupConfig: z
    .object({
      scheduleConfig: z.object({
        dataBackupScheduleEnabled: z.boolean().nullish(),
        logBackupScheduleEnabled: z.boolean().nullish(),
        logSecondaryBackupPeriod: z.string().nullish(),
      }),
      storageConfig: storageConfigResponseSchema,
    })
    .nullish(),
});
export type OcpBackupStrategy = z.output<typeof backupStrategySchema>;

/** GET …/backup/ability (docs/api-ocp.md#backup-ability). Extra capability flags are kept. */
/** An answer whose content is not read: the call succeeding is all an existence check needs. */
export const anyDataSchema = z.unknown();

export const backupAbilitySchema = z.object({
  backupAbility: z.string(),
  obDataBackupSupportAbility: z
    .looseObject({
      fullBackupEnabled: z.boolean().nullish(),
      incrementBackupEnabled: z.boolean().nullish(),
    })
    .nullish(),
});
export type OcpBackupAbility = z.output<typeof backupAbilitySchema>;

/** GET /api/v2/tasks/instances/{id} (docs/api-ocp.md#task-status). Status RUNNING|FAILED|SUCCESSFUL (others tolerated). */
export const taskInstanceSchema = z.object({
  id: z.number(),
  name: z.string().nullish(),
  status: z.string(),
  clusterId: z.number().nullish(),
  createTime: z.string().nullish(),
  startTime: z.string().nullish(),
  finishTime: z.string().nullish(),
});
export type OcpTaskInstance = z.output<typeof taskInstanceSchema>;

// ---------------------------------------------------------------------------------------------------
// Back up now (docs/api-ocp.md#back-up-now): the body of the cluster and tenant backupNow calls.

/** The backupNow body: the three documented required fields; obBackupObject ("automatically populated") is not sent. */
export const backupNowInputSchema = z.strictObject({
  backupMode: z.enum(BACKUP_MODES),
  dataBackupMode: z.enum(DATA_BACKUP_MODELS),
  obBackupServiceStorageConfig: storageConfigSchema,
});
/** The body of a backupNow call, in the API's own field names. */
export type OcpBackupNowInput = z.input<typeof backupNowInputSchema>;

// ---------------------------------------------------------------------------------------------------
// The task list (docs/api-ocp.md#task-list).

/** The documented page size bound of GET /api/v2/tasks/instances. */
export const MAX_TASK_PAGE_SIZE = 2000;

/**
 * One entry of the task list (BasicTaskInstance). Its page names `cluster` and `tenant` objects whose fields the
 * stored copy cuts off, while the task-information page has flat `clusterId`/`tenantId`: both are read.
 */
export const taskSummarySchema = z.object({
  id: z.number(),
  name: z.string().nullish(),
  status: z.string(),
  type: z.string().nullish(),
  clusterId: z.number().nullish(),
  tenantId: z.number().nullish(),
  tenant: z.looseObject({ id: z.number().nullish() }).nullish(),
  createTime: z.string().nullish(),
  // The times of the task-information page; read from the list too (inferred), for how long earlier tasks took.
  startTime: z.string().nullish(),
  finishTime: z.string().nullish(),
});
export type OcpTaskSummary = z.output<typeof taskSummarySchema>;

export const taskPageSchema = z.object({
  contents: z.array(taskSummarySchema),
  page: z
    .object({
      totalElements: z.number().nullish(),
      totalPages: z.number().nullish(),
      number: z.number().nullish(),
      size: z.number().nullish(),
    })
    .nullish(),
});
export type OcpTaskPage = z.output<typeof taskPageSchema>;
