// Start a data backup [seed 000], list backup sets [seed 001], one backup set [docs].
import type { EmuContext, EmuRequest, EmuResponse, Route } from "../core/types";
import { fail, formatObTime, illegal, jsonBody, missing, ObErrorCode, ok, pageOf, pageSlice, parseObTime, queryBoolean } from "./http";
import { findTenant, isResponse, prepare, requireOnline, tenantNotFound, type Prepared } from "./lookup";
import { backupSetStatus, newId, tenantStatus, type BackupSetRec, type TenantRec } from "./state";
import { backupLengthMs } from "../core/backup-time";

export const BACKUP_BEGIN_KEY = "oceanbase.backupBeginMs";
/** Listing lag: a new set shows in the list only this long after its start (default 0; for lost-answer tests). */
export const SET_LISTED_KEY = "oceanbase.setListedAfterMs";
/**
 * Non-zero: a tenant's on-demand (BACKUP_NOW) physical backup is answered as seed 001's example shows it, a CLUSTER
 * set of tenant "sys" whose tenant set sits in tenantBackupSetList; zero (the default): a TENANT set of that tenant.
 * A switch in the durations table, since that is the emulator's one set of runtime knobs.
 */
export const NESTED_TENANT_SETS_KEY = "oceanbase.tenantSetsNested";
export const BACKUP_KEY = "oceanbase.backupMs";
/** Added to BACKUP_KEY per GiB backed up (the tenants' dataSizeGiB), ±10% per set (core/backup-time.ts); 0: off. */
export const BACKUP_PER_GIB_KEY = "oceanbase.backupMsPerGiB";
/** A tenant's data when the state does not say (what every set reported before sizes existed). */
const DEFAULT_TENANT_GIB = 0.01;
/** Tables one logical backup may hold [seed 000]. */
export const MAX_TABLES = 200;

/** A backup set as the API shows it [seed 001]; statuses and times read against `now`. */
export function backupSetView(b: BackupSetRec, now: number, checkDownload: boolean): Record<string, unknown> {
  const status = backupSetStatus(b, now);
  const done = status === "DONE";
  const base = {
    backupMode: b.backupMode,
    checkpoint: done ? formatObTime(b.doingAt) : null,
    dataBackupMode: "FULL_BACKUP",
    dataBackupSize: done ? b.sizeGiB : 0,
    downloadEnabled: checkDownload && done && b.backupMode === "PHYSICAL_BACKUP",
    downloadTaskId: -1,
    endTime: now >= b.doneAt ? formatObTime(b.doneAt) : null,
    startTime: formatObTime(b.startedAt),
    status,
    storageClass: "standard",
    triggerMode: b.triggerMode,
    validity: status === "FAILED" || status === "CANCELED" ? "INVALID" : "VALID",
  };
  return {
    ...base,
    backupObjectType: b.backupObjectType,
    backupSetId: b.backupSetId,
    dataVersion: 1,
    tenantId: b.tenantId,
    tenantName: b.tenantName,
    tenantBackupSetList: b.tenants.map((p) => ({
      ...base,
      backupObjectType: "TENANT",
      backupSetId: p.backupSetId,
      dataVersion: 123000325,
      tenantId: p.tenantId,
      tenantName: p.tenantName,
    })),
  };
}

type NewSet = Pick<BackupSetRec, "backupSetId" | "instanceId" | "backupMode" | "backupObjectType" | "tenantId" | "tenantName" | "tenants" | "databaseTables">;

/** The data a set of these tenants backs up. */
function sizeOf(tenants: ReadonlyArray<Pick<TenantRec, "dataSizeGiB">>): number {
  return tenants.reduce((sum, t) => sum + (t.dataSizeGiB ?? DEFAULT_TENANT_GIB), 0);
}

function newSet(ctx: EmuContext, now: number, p: NewSet, sizeGiB: number): BackupSetRec {
  // Whole seconds, like the API's times, so a listed checkpoint is restorable as written.
  const startedAt = Math.floor(now / 1000) * 1000;
  const doingAt = startedAt + ctx.duration(BACKUP_BEGIN_KEY);
  const rec: BackupSetRec = {
    ...p,
    triggerMode: "BACKUP_NOW",
    startedAt,
    doingAt,
    doneAt: doingAt + backupLengthMs(ctx.duration(BACKUP_KEY), ctx.duration(BACKUP_PER_GIB_KEY), sizeGiB, p.backupSetId),
    outcome: "DONE",
    sizeGiB,
    listedAt: now + ctx.duration(SET_LISTED_KEY),
  };
  if (rec.databaseTables === undefined) delete rec.databaseTables;
  return rec;
}

/** Physical: one tenant (tenantId) or, without it, the whole cluster's ONLINE tenants. */
function startPhysical(req: EmuRequest, ctx: EmuContext, p: Prepared, body: Record<string, unknown>): EmuResponse {
  if (body.backupPolicy === undefined) return missing(req, "backupPolicy");
  if (body.backupPolicy !== "manual") return illegal(req, "backupPolicy must be 'manual'");
  if (body.needPreCheck !== undefined && typeof body.needPreCheck !== "boolean") return illegal(req, "needPreCheck must be a boolean");
  const id = newId("bak-");
  let rec: BackupSetRec;
  if (body.tenantId === undefined) {
    const tenants = Object.values(p.s.tenants).filter((t) => t.instanceId === p.instance.instanceId && tenantStatus(t, p.now) === "ONLINE");
    rec = newSet(ctx, p.now, {
      backupSetId: id,
      instanceId: p.instance.instanceId,
      backupMode: "PHYSICAL_BACKUP",
      backupObjectType: "CLUSTER",
      tenantId: "sys",
      tenantName: "*",
      tenants: tenants.map((t, i) => ({ tenantId: t.tenantId, tenantName: t.tenantName, backupSetId: `${id}-${1002 + 2 * i}` })),
      databaseTables: undefined,
    }, sizeOf(tenants));
  } else {
    const t = tenantOf(req, p, body.tenantId);
    if (isResponse(t)) return t;
    const offline = requireOnline(req, t, p.now, "back it up");
    if (offline) return offline;
    const nested = ctx.duration(NESTED_TENANT_SETS_KEY) !== 0;
    rec = newSet(ctx, p.now, {
      backupSetId: id,
      instanceId: p.instance.instanceId,
      backupMode: "PHYSICAL_BACKUP",
      backupObjectType: nested ? "CLUSTER" : "TENANT",
      tenantId: nested ? "sys" : t.tenantId,
      tenantName: nested ? "*" : t.tenantName,
      tenants: [{ tenantId: t.tenantId, tenantName: t.tenantName, backupSetId: `${id}-1002` }],
      databaseTables: undefined,
    }, sizeOf([t]));
  }
  p.s.backupSets.push(rec);
  ctx.markDirty();
  return ok(req, { backupTaskId: id });
}

function tenantOf(req: EmuRequest, p: Prepared, tenantId: unknown): TenantRec | EmuResponse {
  if (typeof tenantId !== "string" || tenantId === "") return illegal(req, "tenantId must be a non-empty string");
  return findTenant(p.s, p.instance.instanceId, tenantId) ?? tenantNotFound(req, p.instance.instanceId, tenantId);
}

interface Selection {
  database: string;
  tables?: string[];
}

/** Parses and checks databaseTables (a JSON string) against the level's rules and the tenant's schema. */
function checkSelection(req: EmuRequest, level: "database" | "table", raw: unknown, t: TenantRec): Selection[] | EmuResponse {
  if (raw === undefined) return missing(req, "databaseTables");
  if (typeof raw !== "string") return illegal(req, "databaseTables must be a JSON string, e.g. \"[{\\\"database\\\":\\\"db1\\\"}]\"");
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return illegal(req, "databaseTables is not valid JSON");
  }
  if (!Array.isArray(parsed) || parsed.length === 0) return illegal(req, "databaseTables must be a non-empty JSON array");
  if (level === "table" && parsed.length !== 1) return illegal(req, "a table-level backup must select exactly one database");
  const out: Selection[] = [];
  const databases = new Set<string>();
  let tableCount = 0;
  for (const entry of parsed as unknown[]) {
    if (typeof entry !== "object" || entry === null || Array.isArray(entry)) return illegal(req, "each databaseTables entry must be an object");
    const { database, tables } = entry as Record<string, unknown>;
    if (typeof database !== "string" || database === "") return illegal(req, "each databaseTables entry needs a database name");
    if (databases.has(database)) return illegal(req, `database ${database} is selected twice`);
    databases.add(database);
    const existing = Object.hasOwn(t.databases, database) ? t.databases[database] : undefined;
    if (existing === undefined) return illegal(req, `database ${database} does not exist in tenant ${t.tenantId}`);
    // Database level: tables "not required" [seed 000]; without them every table of the database counts.
    if (level === "database" && tables === undefined) {
      tableCount += existing.length;
      out.push({ database });
      continue;
    }
    if (!Array.isArray(tables) || tables.length === 0) return illegal(req, `a ${level}-level backup needs a non-empty tables list when it gives one`);
    if (tables.length > MAX_TABLES) return illegal(req, `a backup may select at most ${MAX_TABLES} tables (got ${tables.length})`);
    const seen = new Set<string>();
    for (const table of tables as unknown[]) {
      if (typeof table !== "string" || table === "") return illegal(req, "table names must be non-empty strings");
      if (seen.has(table)) return illegal(req, `table ${table} is selected twice`);
      seen.add(table);
      if (!existing.includes(table)) return illegal(req, `table ${database}.${table} does not exist`);
    }
    tableCount += tables.length;
    out.push({ database, tables: tables as string[] });
  }
  if (tableCount > MAX_TABLES) {
    return illegal(req, `the selected databases hold ${tableCount} tables; a backup may hold at most ${MAX_TABLES}`);
  }
  return out;
}

function startLogical(req: EmuRequest, ctx: EmuContext, p: Prepared, body: Record<string, unknown>, level: "database" | "table"): EmuResponse {
  if (body.tenantId === undefined) return missing(req, "tenantId");
  const t = tenantOf(req, p, body.tenantId);
  if (isResponse(t)) return t;
  const selection = checkSelection(req, level, body.databaseTables, t);
  if (isResponse(selection)) return selection;
  const offline = requireOnline(req, t, p.now, "back it up");
  if (offline) return offline;
  p.s.backupSets.push(
    newSet(ctx, p.now, {
      backupSetId: newId("bak-"),
      instanceId: p.instance.instanceId,
      backupMode: "LOGICAL_BACKUP",
      backupObjectType: level.toUpperCase(),
      tenantId: t.tenantId,
      tenantName: t.tenantName,
      tenants: [],
      databaseTables: JSON.stringify(selection),
    }, sizeOf([t])),
  );
  ctx.markDirty();
  return ok(req, {});
}

function start(req: EmuRequest, ctx: EmuContext): EmuResponse {
  const p = prepare(req, ctx);
  if (isResponse(p)) return p;
  const parsed = jsonBody(req);
  if ("error" in parsed) return parsed.error;
  const { body } = parsed;
  switch (body.backupObjectType) {
    case undefined:
      return missing(req, "backupObjectType");
    case "tenant":
      return startPhysical(req, ctx, p, body);
    case "database":
    case "table":
      return startLogical(req, ctx, p, body, body.backupObjectType);
    default:
      return illegal(req, "backupObjectType must be one of tenant, database, table");
  }
}

function list(req: EmuRequest, ctx: EmuContext): EmuResponse {
  const p = prepare(req, ctx);
  if (isResponse(p)) return p;
  const page = pageOf(req);
  if ("error" in page) return page.error;
  const check = queryBoolean(req, "checkBackupSetDownloadEnable");
  if ("error" in check) return check.error;
  const bound = (name: string): number | undefined | EmuResponse => {
    const raw = req.query.get(name);
    if (raw === null) return undefined;
    return parseObTime(raw) ?? illegal(req, `${name} must be an ISO-8601 UTC time like 2026-01-13T05:58:34Z`);
  };
  const from = bound("startTime");
  const to = bound("endTime");
  if (typeof from === "object") return from;
  if (typeof to === "object") return to;
  if (from !== undefined && to !== undefined && from > to) return illegal(req, "startTime must not be after endTime");
  // A set is in the range when it started within it; newest first.
  const sets = p.s.backupSets
    .filter((b) => b.instanceId === p.instance.instanceId && (b.listedAt ?? 0) <= p.now)
    .filter((b) => (from === undefined || b.startedAt >= from) && (to === undefined || b.startedAt <= to))
    .sort((a, b) => b.startedAt - a.startedAt || a.backupSetId.localeCompare(b.backupSetId));
  return ok(req, {
    dataList: pageSlice(sets, page).map((b) => backupSetView(b, p.now, check.value === true)),
    total: sets.length,
  });
}

function getOne(req: EmuRequest, ctx: EmuContext): EmuResponse {
  const p = prepare(req, ctx);
  if (isResponse(p)) return p;
  const check = queryBoolean(req, "checkBackupSetDownloadEnable");
  if ("error" in check) return check.error;
  const id = req.params.backupTaskId ?? "";
  const set = p.s.backupSets.find((b) => b.instanceId === p.instance.instanceId && b.backupSetId === id);
  if (set === undefined) return fail(req, 404, ObErrorCode.BACKUP_SET_NOT_FOUND, `backup set ${id} does not exist on instance ${p.instance.instanceId}`);
  return ok(req, backupSetView(set, p.now, check.value === true));
}

export const backupRoutes: Route[] = [
  { method: "POST", pattern: "/api/v2/instances/:instanceId/backup/data/start", handler: start },
  { method: "GET", pattern: "/api/v2/instances/:instanceId/backup/data/sets", handler: list },
  { method: "GET", pattern: "/api/v2/instances/:instanceId/backup/data/sets/:backupTaskId", handler: getOne },
];
