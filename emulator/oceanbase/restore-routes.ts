// Restorable tenants and windows [docs], and the tenant restore itself [seed 003].
import type { EmuContext, EmuRequest, EmuResponse, Route } from "../core/types";
import { fail, formatObTime, illegal, jsonBody, missing, ObErrorCode, ok, parseObTime, queryBoolean } from "./http";
import { findInstance, findTenant, instanceNotFound, isResponse, prepare, tenantNotFound } from "./lookup";
import { newId, tenantsOf, tenantStatus, type TenantRec } from "./state";
import { isRestorable, restorableWindows } from "./windows";

export const RESTORE_CREATE_KEY = "oceanbase.restoreCreateMs";
export const RESTORE_KEY = "oceanbase.restoreMs";

// ApsaraDB for OceanBase CreateTenant [docs]: 2–20 characters, letters, digits and '_', starting with a
// letter or '_', never "sys"; assumed to hold for restore targets too.
const TENANT_NAME = /^[A-Za-z_][A-Za-z0-9_]{1,19}$/;

function listRestorable(req: EmuRequest, ctx: EmuContext): EmuResponse {
  const p = prepare(req, ctx);
  if (isResponse(p)) return p;
  const type = req.query.get("restoreObjectType");
  if (type !== null && type !== "tenant") return illegal(req, "restoreObjectType must be 'tenant'");
  const remote = queryBoolean(req, "fromRemote");
  if ("error" in remote) return remote.error;
  const tenantId = req.query.get("tenantId");
  const backupSetId = req.query.get("backupSetId") ?? undefined;
  const data = tenantsOf(p.s, p.instance.instanceId)
    .filter((t) => tenantId === null || t.tenantId === tenantId)
    .map((t) => ({ t, windows: restorableWindows(p.s, t, p.now, backupSetId) }))
    .filter(({ windows }) => windows.length > 0)
    .map(({ t, windows }) => ({
      tenantId: t.tenantId,
      tenantName: t.tenantName,
      tenantMode: t.tenantMode,
      obVersion: p.instance.obVersion,
      status: tenantStatus(t, p.now),
      cpuNum: t.cpu,
      memoryNum: t.mem,
      unitNum: t.unitNum,
      timeIntervalList: windows.map((w) => ({ startTime: formatObTime(w.start), endTime: formatObTime(w.end) })),
    }));
  return ok(req, data);
}

const STRING_FIELDS = [
  "sourceInstanceId",
  "sourceTenantId",
  "targetInstanceId",
  "targetTenantName",
  "targetTenantDescription",
  "targetTenantPrimaryZone",
  "restoreTime",
  "restoreObjectType",
  "restoreMode",
] as const;

function positiveInt(v: unknown): v is number {
  return typeof v === "number" && Number.isSafeInteger(v) && v > 0;
}

function restore(req: EmuRequest, ctx: EmuContext): EmuResponse {
  const p = prepare(req, ctx, { projectRequired: true });
  if (isResponse(p)) return p;
  const parsed = jsonBody(req);
  if ("error" in parsed) return parsed.error;
  const b = parsed.body;
  for (const f of STRING_FIELDS) {
    if (b[f] === undefined) return missing(req, f);
    if (typeof b[f] !== "string" || b[f] === "") return illegal(req, `${f} must be a non-empty string`);
  }
  const body = b as Record<(typeof STRING_FIELDS)[number], string> & Record<string, unknown>;
  if (b.tenantResource === undefined) return missing(req, "tenantResource");
  if (b.fromRemote === undefined) return missing(req, "fromRemote");
  if (typeof b.fromRemote !== "boolean") return illegal(req, "fromRemote must be a boolean");
  const res = b.tenantResource as Record<string, unknown> | null;
  if (typeof res !== "object" || res === null || Array.isArray(res)) return illegal(req, "tenantResource must be an object");
  for (const k of ["cpu", "memory", "unitNum"]) {
    if (res[k] === undefined) return missing(req, `tenantResource.${k}`);
    if (!positiveInt(res[k])) return illegal(req, `tenantResource.${k} must be a positive integer`);
  }
  if (body.restoreMode !== "from_backup_set") return illegal(req, "restoreMode must be 'from_backup_set'");
  if (body.restoreObjectType !== "tenant") return illegal(req, "restoreObjectType must be 'tenant'");
  if (b.restoreObjects !== undefined && !Array.isArray(b.restoreObjects)) return illegal(req, "restoreObjects must be an array");
  const at = parseObTime(body.restoreTime);
  if (at === undefined) return illegal(req, "restoreTime must be an ISO-8601 UTC time like 2026-01-13T05:58:34Z");
  if (!TENANT_NAME.test(body.targetTenantName) || body.targetTenantName.toLowerCase() === "sys") {
    return illegal(req, "targetTenantName must be 2-20 letters, digits or '_', start with a letter or '_', and not be 'sys'");
  }
  // The path names one of the two clusters: which one the platform expects is not documented.
  const pathId = p.instance.instanceId;
  if (pathId !== body.sourceInstanceId && pathId !== body.targetInstanceId) {
    return illegal(req, "the instance in the path must be the source or the target instance");
  }

  const source = findInstance(p.s, body.sourceInstanceId, p.projectId);
  if (source === undefined) return instanceNotFound(req, body.sourceInstanceId);
  const target = findInstance(p.s, body.targetInstanceId, p.projectId);
  if (target === undefined) return instanceNotFound(req, body.targetInstanceId);
  const from = findTenant(p.s, source.instanceId, body.sourceTenantId);
  if (from === undefined) return tenantNotFound(req, source.instanceId, body.sourceTenantId);
  if (!target.availableZones.includes(body.targetTenantPrimaryZone)) {
    return illegal(req, `targetTenantPrimaryZone must be one of ${target.availableZones.join(", ")}`);
  }
  const windows = restorableWindows(p.s, from, p.now);
  if (!isRestorable(windows, at)) {
    const listed = windows.map((w) => `[${formatObTime(w.start)}, ${formatObTime(w.end)}]`).join(", ") || "none";
    return fail(req, 400, ObErrorCode.RESTORE_TIME_NOT_IN_RANGE, `restoreTime ${body.restoreTime} is outside the restorable windows of ${from.tenantId}: ${listed}`);
  }
  if (tenantsOf(p.s, target.instanceId).some((t) => t.tenantName === body.targetTenantName)) {
    return fail(req, 409, ObErrorCode.TENANT_NAME_EXISTS, `a tenant named ${body.targetTenantName} already exists on ${target.instanceId}`);
  }

  const restoringAt = p.now + ctx.duration(RESTORE_CREATE_KEY);
  const created: TenantRec = {
    tenantId: newId("t"),
    instanceId: target.instanceId,
    tenantName: body.targetTenantName,
    tenantMode: from.tenantMode,
    description: body.targetTenantDescription,
    primaryZone: body.targetTenantPrimaryZone,
    cpu: res.cpu as number,
    mem: res.memory as number,
    unitNum: res.unitNum as number,
    createdAt: p.now,
    databases: structuredClone(from.databases),
    logArchive: [],
    restoringAt,
    onlineAt: restoringAt + ctx.duration(RESTORE_KEY),
    outcome: "ONLINE",
  };
  p.s.tenants[created.tenantId] = created;
  ctx.markDirty();
  return ok(req, {});
}

export const restoreRoutes: Route[] = [
  { method: "GET", pattern: "/api/v2/instances/:instanceId/backup/restore/tenants", handler: listRestorable },
  { method: "POST", pattern: "/api/v2/instances/:instanceId/backup/restore", handler: restore },
];
