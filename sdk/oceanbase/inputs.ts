// Input rules of OceanBase Cloud's backup and restore calls (seed 000, 001, 003), checked before anything is
// sent. Exported so a caller (the provider's preview) can run the same checks without a client.
import { InvalidInputError } from "../errors";
import { bodyText, pathSegment, stringId } from "../validate";

/** The most tables one logical backup may hold [seed 000]. */
export const MAX_BACKUP_TABLES = 200;
/** Page size bounds: the platform's maximum is not published; 100 is the common multi-cloud API limit [inferred]. */
export const MAX_PAGE_SIZE = 100;

/** One entry of a logical backup's `databaseTables` (structured here; sent as the JSON string the API wants). */
export interface DatabaseTables {
  database: string;
  /** Table level: the tables (required, 1–200). Database level: optional [seed 000] (without it, every table). */
  tables?: string[];
}

export interface PhysicalBackupInput {
  instanceId: string;
  backupObjectType: "tenant";
  /** Optional [seed 000]: without it, the whole cluster is backed up. */
  tenantId?: string;
  needPreCheck?: boolean;
}

export interface LogicalBackupInput {
  instanceId: string;
  backupObjectType: "database" | "table";
  tenantId: string;
  databaseTables: DatabaseTables[];
}

export type StartBackupInput = PhysicalBackupInput | LogicalBackupInput;

export interface TenantResource {
  cpu: number;
  /** GB. */
  memory: number;
  unitNum: number;
}

export interface RestoreTenantInput {
  sourceInstanceId: string;
  sourceTenantId: string;
  targetInstanceId: string;
  targetTenantName: string;
  targetTenantDescription: string;
  targetTenantPrimaryZone: string;
  tenantResource: TenantResource;
  fromRemote: boolean;
  /** ISO-8601 UTC, seconds precision: "2026-01-13T05:58:34Z". */
  restoreTime: string;
  restoreMode: "from_backup_set";
  restoreObjectType: "tenant";
  restoreObjects?: unknown[];
}

export function requireObject(field: string, value: unknown): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new InvalidInputError(field, "must be an object");
  return value as Record<string, unknown>;
}

export function nonEmptyString(field: string, value: unknown): string {
  if (typeof value !== "string") throw new InvalidInputError(field, "must be a string");
  if (value.length === 0) throw new InvalidInputError(field, "must not be empty");
  return value;
}

function positiveInteger(field: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1) throw new InvalidInputError(field, "must be a positive integer");
  return value;
}

export function optionalBoolean(field: string, value: unknown): boolean | undefined {
  if (value !== undefined && typeof value !== "boolean") throw new InvalidInputError(field, "must be a boolean");
  return value;
}

function onlyKeys(field: string, value: Record<string, unknown>, allowed: readonly string[], hint = ""): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) throw new InvalidInputError(`${field}.${key}`, `is not a known property${hint}`);
  }
}

/** An id that goes into the URL path or names an object: a string (never a number), checked like a path segment. */
export function checkId(field: string, value: unknown): string {
  return stringId(field, value);
}

/** A string id as an encoded path segment. */
export function idSegment(field: string, value: unknown): string {
  return pathSegment(field, checkId(field, value));
}

const OB_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;

/** An OceanBase API time: ISO-8601 in UTC with a 'Z', seconds precision ("2026-01-13T05:58:34Z"). Returns epoch ms. */
export function checkObTime(field: string, value: unknown): number {
  if (typeof value !== "string" || !OB_TIME.test(value)) {
    throw new InvalidInputError(field, "must be an ISO-8601 UTC time like 2026-01-13T05:58:34Z");
  }
  const ms = Date.parse(value);
  // Date.parse rolls "02-30" over to March: a real date formats back to the same text.
  if (Number.isNaN(ms) || toObTime(ms) !== value) throw new InvalidInputError(field, "is not a real calendar time");
  return ms;
}

/** Formats epoch ms (or a Date) the way the API writes times. */
export function toObTime(time: number | Date): string {
  return new Date(time).toISOString().replace(/\.\d{3}Z$/, "Z");
}

// ApsaraDB for OceanBase CreateTenant [docs]: 2–20 characters, letters, digits and '_', starting with a
// letter or '_', case-sensitive, never "sys". The multi-cloud API does not restate it [inferred: same rule].
const TENANT_NAME = /^[A-Za-z_][A-Za-z0-9_]{1,19}$/;

export function checkTenantName(field: string, value: unknown): string {
  const name = nonEmptyString(field, value);
  if (!TENANT_NAME.test(name)) {
    throw new InvalidInputError(field, "must be 2-20 characters: letters, digits and '_', starting with a letter or '_'");
  }
  if (name.toLowerCase() === "sys") throw new InvalidInputError(field, "must not be 'sys'");
  return name;
}

function checkDistinctNames(field: string, values: unknown, what: string): string[] {
  if (!Array.isArray(values)) throw new InvalidInputError(field, `must be an array of ${what} names`);
  const seen = new Set<string>();
  values.forEach((v, i) => {
    const name = bodyText(`${field}[${i}]`, v, { trimmed: true });
    if (seen.has(name)) throw new InvalidInputError(`${field}[${i}]`, `duplicate ${what} name '${name}'`);
    seen.add(name);
  });
  return values as string[];
}

/**
 * The structured databaseTables of a logical backup, checked against the level's rules [seed 000]:
 * table level: exactly one database, tables required, 1–200 distinct names; database level: one or more
 * distinct databases, tables optional ("not required"), 1–200 distinct names when given (the server counts the
 * tables of all databases against the 200 limit).
 */
export function checkDatabaseTables(level: "database" | "table", value: unknown, field = "databaseTables"): DatabaseTables[] {
  if (!Array.isArray(value)) throw new InvalidInputError(field, "must be an array of { database, tables? }");
  if (value.length === 0) throw new InvalidInputError(field, "must name at least one database");
  if (level === "table" && value.length !== 1) throw new InvalidInputError(field, "a table-level backup must name exactly one database");
  const databases = new Set<string>();
  const checked = value.map((raw, i): DatabaseTables => {
    const at = `${field}[${i}]`;
    const entry = requireObject(at, raw);
    onlyKeys(at, entry, ["database", "tables"]);
    const database = bodyText(`${at}.database`, entry.database, { trimmed: true });
    if (databases.has(database)) throw new InvalidInputError(`${at}.database`, `duplicate database name '${database}'`);
    databases.add(database);
    if (entry.tables === undefined) {
      if (level === "database") return { database };
      throw new InvalidInputError(`${at}.tables`, "is required for a table-level backup");
    }
    const tables = checkDistinctNames(`${at}.tables`, entry.tables, "table");
    if (tables.length === 0) throw new InvalidInputError(`${at}.tables`, "must name at least one table");
    if (tables.length > MAX_BACKUP_TABLES) throw new InvalidInputError(`${at}.tables`, `must name at most ${MAX_BACKUP_TABLES} tables (got ${tables.length})`);
    return { database, tables: [...tables] };
  });
  const total = checked.reduce((n, e) => n + (e.tables?.length ?? 0), 0);
  if (total > MAX_BACKUP_TABLES) {
    throw new InvalidInputError(field, `must name at most ${MAX_BACKUP_TABLES} tables across all databases (got ${total}: ${checked.map((e) => `${e.database} ${e.tables?.length ?? 0}`).join(", ")})`);
  }
  return checked;
}

export interface CheckedStartBackup {
  instanceSegment: string;
  physical: boolean;
  body: Record<string, unknown>;
}

/** Checks a start-backup input and builds the request body [seed 000]. */
export function checkStartBackup(input: unknown): CheckedStartBackup {
  const o = requireObject("input", input);
  const instanceSegment = idSegment("instanceId", o.instanceId);
  const type = o.backupObjectType;
  if (type === "tenant") {
    onlyKeys("input", o, ["instanceId", "backupObjectType", "tenantId", "needPreCheck"]);
    // Without a tenant the whole cluster is backed up [seed 000: tenantId not required].
    const tenantId = o.tenantId === undefined ? undefined : checkId("tenantId", o.tenantId);
    const needPreCheck = optionalBoolean("needPreCheck", o.needPreCheck);
    return {
      instanceSegment,
      physical: true,
      body: { ...(needPreCheck !== undefined ? { needPreCheck } : {}), backupObjectType: "tenant", backupPolicy: "manual", ...(tenantId !== undefined ? { tenantId } : {}) },
    };
  }
  if (type === "database" || type === "table") {
    const tenantId = checkId("tenantId", o.tenantId);
    onlyKeys("input", o, ["instanceId", "backupObjectType", "tenantId", "databaseTables"]);
    const databaseTables = checkDatabaseTables(type, o.databaseTables);
    return { instanceSegment, physical: false, body: { backupObjectType: type, tenantId, databaseTables: JSON.stringify(databaseTables) } };
  }
  throw new InvalidInputError("backupObjectType", "must be one of tenant, database, table");
}

const RESTORE_KEYS = [
  "sourceInstanceId",
  "sourceTenantId",
  "targetInstanceId",
  "targetTenantName",
  "targetTenantDescription",
  "targetTenantPrimaryZone",
  "tenantResource",
  "fromRemote",
  "restoreTime",
  "restoreMode",
  "restoreObjectType",
  "restoreObjects",
] as const;

export interface CheckedRestore {
  /** The instance in the request path: the source cluster (whose backups are restored) [inferred]. */
  instanceSegment: string;
  body: Record<string, unknown>;
}

/** Checks a restore input against seed 003's required fields and builds the body. */
export function checkRestoreTenant(input: unknown): CheckedRestore {
  const o = requireObject("input", input);
  onlyKeys("input", o, RESTORE_KEYS);
  const instanceSegment = idSegment("sourceInstanceId", o.sourceInstanceId);
  const sourceTenantId = checkId("sourceTenantId", o.sourceTenantId);
  const targetInstanceId = checkId("targetInstanceId", o.targetInstanceId);
  const targetTenantName = checkTenantName("targetTenantName", o.targetTenantName);
  const targetTenantDescription = bodyText("targetTenantDescription", o.targetTenantDescription);
  const targetTenantPrimaryZone = bodyText("targetTenantPrimaryZone", o.targetTenantPrimaryZone, { trimmed: true });
  const res = requireObject("tenantResource", o.tenantResource);
  // The seed's table spells it "unitnum", its example "unitNum": we send unitNum and refuse the other spelling.
  onlyKeys("tenantResource", res, ["cpu", "memory", "unitNum"], " (expected cpu, memory, unitNum)");
  const tenantResource = {
    cpu: positiveInteger("tenantResource.cpu", res.cpu),
    memory: positiveInteger("tenantResource.memory", res.memory),
    unitNum: positiveInteger("tenantResource.unitNum", res.unitNum),
  };
  if (typeof o.fromRemote !== "boolean") throw new InvalidInputError("fromRemote", "is required and must be a boolean");
  checkObTime("restoreTime", o.restoreTime);
  if (o.restoreMode !== "from_backup_set") throw new InvalidInputError("restoreMode", "must be 'from_backup_set'");
  if (o.restoreObjectType !== "tenant") throw new InvalidInputError("restoreObjectType", "must be 'tenant'");
  if (o.restoreObjects !== undefined && !Array.isArray(o.restoreObjects)) throw new InvalidInputError("restoreObjects", "must be an array");
  return {
    instanceSegment,
    body: {
      sourceInstanceId: o.sourceInstanceId,
      tenantResource,
      fromRemote: o.fromRemote,
      sourceTenantId,
      restoreTime: o.restoreTime,
      restoreObjectType: "tenant",
      ...(o.restoreObjects !== undefined ? { restoreObjects: o.restoreObjects } : {}),
      restoreMode: "from_backup_set",
      targetInstanceId,
      targetTenantName,
      targetTenantDescription,
      targetTenantPrimaryZone,
    },
  };
}

/** pageNumber (from 1) and pageSize (1–100), each optional. */
export function checkPage(pageNumber: unknown, pageSize: unknown): { pageNumber?: number; pageSize?: number } {
  const out: { pageNumber?: number; pageSize?: number } = {};
  if (pageNumber !== undefined) out.pageNumber = positiveInteger("pageNumber", pageNumber);
  if (pageSize !== undefined) {
    out.pageSize = positiveInteger("pageSize", pageSize);
    if (out.pageSize > MAX_PAGE_SIZE) throw new InvalidInputError("pageSize", `must be at most ${MAX_PAGE_SIZE}`);
  }
  return out;
}

