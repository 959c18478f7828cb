// Tenants of an instance (list, describe, delete) and the instance itself [docs].
import type { EmuContext, EmuRequest, EmuResponse, Route } from "../core/types";
import { fail, formatObTime, ObErrorCode, ok, pageOf, pageSlice } from "./http";
import { findTenant, isResponse, prepare, tenantNotFound } from "./lookup";
import { tenantsOf, tenantStatus, type TenantRec } from "./state";

export const TENANT_DELETE_KEY = "oceanbase.tenantDeleteMs";

function summary(t: TenantRec, now: number): Record<string, unknown> {
  return {
    tenantId: t.tenantId,
    tenantName: t.tenantName,
    tenantMode: t.tenantMode,
    status: tenantStatus(t, now),
    cpu: t.cpu,
    mem: t.mem,
    unitNum: t.unitNum,
    primaryZone: t.primaryZone,
    gmtCreate: formatObTime(t.createdAt),
  };
}

function list(req: EmuRequest, ctx: EmuContext): EmuResponse {
  const p = prepare(req, ctx);
  if (isResponse(p)) return p;
  const page = pageOf(req);
  if ("error" in page) return page.error;
  // Fuzzy name match: a case-insensitive substring.
  const name = req.query.get("tenantName")?.toLowerCase();
  const tenants = tenantsOf(p.s, p.instance.instanceId).filter((t) => !name || t.tenantName.toLowerCase().includes(name));
  const shown = pageSlice(tenants, page);
  return ok(req, {
    dataList: shown.map((t) => summary(t, p.now)),
    total: tenants.length,
    hasMore: (page.pageNumber - 1) * page.pageSize + shown.length < tenants.length,
  });
}

function describe(req: EmuRequest, ctx: EmuContext): EmuResponse {
  const p = prepare(req, ctx);
  if (isResponse(p)) return p;
  const id = req.params.tenantId ?? "";
  const t = findTenant(p.s, p.instance.instanceId, id);
  if (t === undefined) return tenantNotFound(req, p.instance.instanceId, id);
  return ok(req, { ...summary(t, p.now), description: t.description, instanceId: t.instanceId });
}

/** ONLINE (or ABNORMAL) tenants go DELETING, then disappear; deleting a DELETING tenant again is accepted. */
function remove(req: EmuRequest, ctx: EmuContext): EmuResponse {
  const p = prepare(req, ctx);
  if (isResponse(p)) return p;
  const id = req.params.tenantId ?? "";
  const t = findTenant(p.s, p.instance.instanceId, id);
  if (t === undefined) return tenantNotFound(req, p.instance.instanceId, id);
  const status = tenantStatus(t, p.now);
  if (status === "DELETING") return ok(req, { tenantId: t.tenantId });
  if (status !== "ONLINE" && status !== "ABNORMAL") {
    return fail(req, 409, ObErrorCode.TENANT_STATUS_NOT_ALLOWED, `tenant ${t.tenantId} is ${status}: cannot delete it yet`);
  }
  t.deletingAt = p.now;
  t.goneAt = p.now + ctx.duration(TENANT_DELETE_KEY);
  ctx.markDirty();
  return ok(req, { tenantId: t.tenantId });
}

function describeInstance(req: EmuRequest, ctx: EmuContext): EmuResponse {
  const p = prepare(req, ctx);
  if (isResponse(p)) return p;
  const i = p.instance;
  return ok(req, {
    instanceId: i.instanceId,
    instanceName: i.instanceName,
    status: i.status,
    obVersion: i.obVersion,
    deployMode: i.deployMode,
    cloudProvider: i.cloudProvider,
    region: i.region,
    availableZones: i.availableZones,
    projectId: i.projectId,
    gmtCreate: formatObTime(i.createdAt),
    tenantCount: tenantsOf(p.s, i.instanceId).length,
  });
}

export const tenantRoutes: Route[] = [
  { method: "GET", pattern: "/api/v2/instances/:instanceId/tenants", handler: list },
  { method: "GET", pattern: "/api/v2/instances/:instanceId/tenants/:tenantId", handler: describe },
  { method: "DELETE", pattern: "/api/v2/instances/:instanceId/tenants/:tenantId", handler: remove },
  { method: "GET", pattern: "/api/v2/instances/:instanceId", handler: describeInstance },
];
