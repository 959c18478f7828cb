// The emulator's own check of a create/modify strategy body (seed 002 plus the documented cross-field
// rules). Written by hand, apart from the sdk's zod schemas, so the two readings check each other.
// Null counts as absent, as it does for OCP's Java server.
import { parseOffsetTime } from "./time";

export interface Violation {
  field: string;
  rule: string;
}

type Json = Record<string, unknown>;

const BACKUP_MODES = ["LOGICAL_BACKUP", "PHYSICAL_BACKUP"];
const SCHEDULE_MODES = ["WEEK", "MONTH"];
const DATA_BACKUP_MODELS = ["FULL_BACKUP", "INCREMENTAL_BACKUP"];
const STORAGE_TYPES = ["BACKUP_STORAGE_FILE", "BACKUP_STORAGE_OSS", "BACKUP_STORAGE_COS"];
const SERVICE_TYPES = ["BACKUP_RESTORE_SERVICE", "OB_CLUSTER", "OTHERS"];
const LOG_SECONDARY_PERIODS = ["ONCE_A_DAY", "ONCE_AN_HOUR"]; // the seed's table says ONCE_A_DAY, its example sends ONCE_AN_HOUR
const DIMENSIONS = ["CLUSTER", "TENANT"];

export function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function present(v: unknown): boolean {
  return v !== undefined && v !== null;
}

class Checker {
  readonly violations: Violation[] = [];

  fail(field: string, rule: string): void {
    this.violations.push({ field, rule });
  }

  object(o: Json, key: string, prefix: string, required: boolean): Json | undefined {
    const v = o[key];
    const field = prefix + key;
    if (!present(v)) {
      if (required) this.fail(field, "is required");
      return undefined;
    }
    if (!isObject(v)) {
      this.fail(field, "must be an object");
      return undefined;
    }
    return v;
  }

  oneOf(o: Json, key: string, prefix: string, allowed: readonly string[], required: boolean): string | undefined {
    const v = o[key];
    if (!present(v)) {
      if (required) this.fail(prefix + key, "is required");
      return undefined;
    }
    if (typeof v !== "string" || !allowed.includes(v)) {
      this.fail(prefix + key, `must be one of ${allowed.join(", ")}`);
      return undefined;
    }
    return v;
  }

  bool(o: Json, key: string, prefix: string, required: boolean): boolean | undefined {
    const v = o[key];
    if (!present(v)) {
      if (required) this.fail(prefix + key, "is required");
      return undefined;
    }
    if (typeof v !== "boolean") {
      this.fail(prefix + key, "must be a boolean");
      return undefined;
    }
    return v;
  }

  integer(o: Json, key: string, prefix: string, required: boolean, min = 1, max = Number.MAX_SAFE_INTEGER): number | undefined {
    const v = o[key];
    if (!present(v)) {
      if (required) this.fail(prefix + key, "is required");
      return undefined;
    }
    if (typeof v !== "number" || !Number.isSafeInteger(v) || v < min || v > max) {
      this.fail(prefix + key, max === Number.MAX_SAFE_INTEGER ? `must be an integer >= ${min}` : `must be an integer from ${min} to ${max}`);
      return undefined;
    }
    return v;
  }

  text(o: Json, key: string, prefix: string, required: boolean): string | undefined {
    const v = o[key];
    if (!present(v)) {
      if (required) this.fail(prefix + key, "is required");
      return undefined;
    }
    if (typeof v !== "string" || v.trim() === "") {
      this.fail(prefix + key, "must be a non-empty string");
      return undefined;
    }
    return v;
  }

  offsetTime(o: Json, key: string, prefix: string, required: boolean): void {
    const v = this.text(o, key, prefix, required);
    if (v !== undefined && parseOffsetTime(v) === undefined) {
      this.fail(prefix + key, 'must be an OffsetTime such as "02:00:00.000+08:00"');
    }
  }
}

function checkAccessKey(c: Checker, base: Json, key: string, prefix: string, withAppId: boolean): void {
  const ak = c.object(base, key, prefix, true);
  if (!ak) return;
  const p = `${prefix}${key}.`;
  c.text(ak, "endpoint", p, true);
  c.text(ak, "accessKeyId", p, true);
  c.text(ak, "accessKeySecret", p, true);
  if (withAppId) c.text(ak, "appId", p, true);
}

function checkStorage(c: Checker, storage: Json, prefix: string): void {
  c.text(storage, "configName", prefix, true);
  const base = c.object(storage, "obBackupStorageBaseInfo", prefix, true);
  if (base) {
    const p = `${prefix}obBackupStorageBaseInfo.`;
    const type = c.oneOf(base, "backupStorageType", p, STORAGE_TYPES, true);
    const url = c.text(base, "storageUrl", p, true);
    // "Specify a directory without any protocol name" (seed 002).
    if (url !== undefined && /^[a-z][a-z0-9+.-]*:/i.test(url)) c.fail(`${p}storageUrl`, "must not start with a protocol name such as oss:// or file://");
    for (const [key, wanted] of [["ossAccessKey", "BACKUP_STORAGE_OSS"], ["cosAccessKey", "BACKUP_STORAGE_COS"]] as const) {
      if (type === undefined) continue;
      if (type === wanted) checkAccessKey(c, base, key, p, key === "cosAccessKey");
      else if (present(base[key])) c.fail(`${p}${key}`, `is valid only when backupStorageType is ${wanted}`);
    }
  }
  c.integer(storage, "alarmStoragePercentageThreshold", prefix, true, 1, 100);
  c.integer(storage, "storageId", prefix, false);
  c.oneOf(storage, "serviceType", prefix, SERVICE_TYPES, false);
  c.integer(storage, "serviceId", prefix, false);
  c.text(storage, "serviceName", prefix, false);
  const hosts = storage["hostIdList"];
  if (present(hosts) && (!Array.isArray(hosts) || !hosts.every((h) => typeof h === "number" && Number.isSafeInteger(h) && h > 0))) {
    c.fail(`${prefix}hostIdList`, "must be an array of positive integer host ids");
  }
}

function checkSchedule(c: Checker, s: Json): void {
  const p = "obBackupScheduleConfig.";
  const mode = c.oneOf(s, "backupScheduleMode", p, SCHEDULE_MODES, true);
  c.bool(s, "backupScheduleEnabled", p, false); // "required" in the seed's table, absent from its example
  c.offsetTime(s, "backupScheduleTime", p, true);
  const map = c.object(s, "dayAndDataBackupModelMap", p, true);
  if (map) {
    const days = Object.keys(map);
    if (days.length === 0) c.fail(`${p}dayAndDataBackupModelMap`, "must name at least one day");
    const max = mode === "MONTH" ? 31 : 7;
    for (const day of days) {
      const n = /^\d+$/.test(day) ? Number(day) : Number.NaN;
      if (mode !== undefined && !(n >= 1 && n <= max)) c.fail(`${p}dayAndDataBackupModelMap.${day}`, `is not a day of the ${mode === "MONTH" ? "month (1-31)" : "week (1-7)"}`);
      const model = map[day];
      if (typeof model !== "string" || !DATA_BACKUP_MODELS.includes(model)) {
        c.fail(`${p}dayAndDataBackupModelMap.${day}`, `must be one of ${DATA_BACKUP_MODELS.join(", ")}`);
      }
    }
  }
  c.bool(s, "startLogBackup", p, true);
  const clean = c.bool(s, "cleanEnabled", p, false);
  const retention = c.integer(s, "backupDataRetentionDays", p, false);
  if (retention !== undefined && clean !== true) c.fail(`${p}backupDataRetentionDays`, "is valid only when cleanEnabled is true");
  c.offsetTime(s, "cleanScheduleTime", p, false);
}

/** Every rule broken by a create/modify body, in document order; empty when the body is acceptable. */
export function validateStrategyBody(body: unknown, target: { clusterId: number; tenantId?: number }): Violation[] {
  const c = new Checker();
  if (!isObject(body)) {
    c.fail("(body)", "must be a JSON object");
    return c.violations;
  }
  const mode = c.oneOf(body, "backupMode", "", BACKUP_MODES, true);
  const schedule = c.object(body, "obBackupScheduleConfig", "", true);
  if (schedule) checkSchedule(c, schedule);

  const threshold = c.object(body, "obBackupThresholdConfig", "", true);
  if (threshold) {
    const p = "obBackupThresholdConfig.";
    c.integer(threshold, "dataBackupTimeoutMinutes", p, true);
    c.integer(threshold, "noSuccessfulDataBackupAlarmDays", p, true);
    c.integer(threshold, "logBackupDelaySeconds", p, true);
    const lib = c.integer(threshold, "libObLogExpireDays", p, false);
    if (lib !== undefined && mode !== "LOGICAL_BACKUP") c.fail(`${p}libObLogExpireDays`, "is valid only for LOGICAL_BACKUP");
  }

  const storage = c.object(body, "obBackupServiceStorageConfig", "", true);
  if (storage) checkStorage(c, storage, "obBackupServiceStorageConfig.");

  const secondary = c.bool(body, "secondaryBackupEnabled", "", false);
  if (secondary === true) {
    const cfg = c.object(body, "obSecondaryBackupConfig", "", true);
    if (cfg) {
      const sched = c.object(cfg, "scheduleConfig", "obSecondaryBackupConfig.", true);
      if (sched) {
        const p = "obSecondaryBackupConfig.scheduleConfig.";
        c.bool(sched, "dataBackupScheduleEnabled", p, true);
        c.bool(sched, "logBackupScheduleEnabled", p, true);
        c.oneOf(sched, "logSecondaryBackupPeriod", p, LOG_SECONDARY_PERIODS, true);
      }
      const st = c.object(cfg, "storageConfig", "obSecondaryBackupConfig.", true);
      if (st) checkStorage(c, st, "obSecondaryBackupConfig.storageConfig.");
    }
  } else if (present(body["obSecondaryBackupConfig"])) {
    c.fail("obSecondaryBackupConfig", "is valid only when secondaryBackupEnabled is true");
  }

  // The seed's example also names the target in the body; when sent it must agree with the path.
  const objects = body["obBackupObjectList"];
  if (present(objects)) {
    if (!Array.isArray(objects)) c.fail("obBackupObjectList", "must be an array");
    else {
      objects.forEach((o: unknown, i) => {
        const p = `obBackupObjectList.${i}.`;
        if (!isObject(o)) return c.fail(`obBackupObjectList.${i}`, "must be an object");
        if (o["clusterId"] !== target.clusterId) c.fail(`${p}clusterId`, `must be ${target.clusterId}, the cluster in the path`);
        const dim = c.oneOf(o, "backupDimension", p, DIMENSIONS, true);
        const wantDim = target.tenantId === undefined ? "CLUSTER" : "TENANT";
        if (dim !== undefined && dim !== wantDim) c.fail(`${p}backupDimension`, `must be ${wantDim} for this path`);
        if (target.tenantId !== undefined && o["tenantId"] !== target.tenantId) c.fail(`${p}tenantId`, `must be ${target.tenantId}, the tenant in the path`);
      });
    }
  }
  return c.violations;
}

/**
 * Every rule broken by a backupNow body (cluster and tenant pages: backupMode, dataBackupMode and
 * obBackupServiceStorageConfig required [docs]; obBackupObject optional, "automatically populated" [docs], so
 * when sent it must name the target of the path [inferred]). Other fields are ignored, as Java servers do.
 */
export function validateBackupNowBody(body: unknown, target: { clusterId: number; tenantId?: number }): Violation[] {
  const c = new Checker();
  if (!isObject(body)) {
    c.fail("(body)", "must be a JSON object");
    return c.violations;
  }
  c.oneOf(body, "backupMode", "", BACKUP_MODES, true);
  c.oneOf(body, "dataBackupMode", "", DATA_BACKUP_MODELS, true);
  const storage = c.object(body, "obBackupServiceStorageConfig", "", true);
  if (storage) checkStorage(c, storage, "obBackupServiceStorageConfig.");
  const object = c.object(body, "obBackupObject", "", false);
  if (object) {
    if (object["clusterId"] !== undefined && object["clusterId"] !== target.clusterId) c.fail("obBackupObject.clusterId", `must be ${target.clusterId}, the cluster in the path`);
    if (target.tenantId !== undefined && object["tenantId"] !== undefined && object["tenantId"] !== target.tenantId) {
      c.fail("obBackupObject.tenantId", `must be ${target.tenantId}, the tenant in the path`);
    }
  }
  return c.violations;
}
