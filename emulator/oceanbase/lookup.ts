// What every route does first: requestId present, finished deletions swept, the instance found (and, when
// the project header is sent or required, found in that project).
import type { EmuContext, EmuRequest, EmuResponse } from "../core/types";
import { checkRequestId, fail, missing, ObErrorCode, projectHeader } from "./http";
import { stateOf, sweep, tenantStatus, type InstanceRec, type ObState, type TenantRec } from "./state";

export interface Prepared {
  s: ObState;
  now: number;
  instance: InstanceRec;
  /** The X-Ob-Project-Id sent, if any. */
  projectId: string | undefined;
}

export function isResponse(x: object): x is EmuResponse {
  return "status" in x && typeof (x as { status: unknown }).status === "number";
}

/** The instance named by the path, checked against the project header; an error response otherwise. */
export function prepare(req: EmuRequest, ctx: EmuContext, opts: { projectRequired?: boolean } = {}): Prepared | EmuResponse {
  const bad = checkRequestId(req);
  if (bad) return bad;
  const projectId = projectHeader(req);
  if (opts.projectRequired && projectId === undefined) return missing(req, "header X-Ob-Project-Id");
  const s = stateOf(ctx);
  sweep(ctx, s);
  if (projectId !== undefined && !s.projects.includes(projectId)) {
    return fail(req, 404, ObErrorCode.PROJECT_NOT_FOUND, `project ${projectId} does not exist`);
  }
  const id = req.params.instanceId ?? "";
  const instance = findInstance(s, id, projectId);
  if (instance === undefined) return instanceNotFound(req, id);
  return { s, now: ctx.clock.now(), instance, projectId };
}

/** An instance by id, only within `projectId` when one is given. */
export function findInstance(s: ObState, id: string, projectId: string | undefined): InstanceRec | undefined {
  const instance = Object.hasOwn(s.instances, id) ? s.instances[id] : undefined;
  return instance !== undefined && (projectId === undefined || instance.projectId === projectId) ? instance : undefined;
}

export function instanceNotFound(req: EmuRequest, id: string): EmuResponse {
  return fail(req, 404, ObErrorCode.INSTANCE_NOT_FOUND, `instance ${id} does not exist`);
}

/** A tenant of the instance that still exists (deletion not finished). */
export function findTenant(s: ObState, instanceId: string, tenantId: string): TenantRec | undefined {
  const t = Object.hasOwn(s.tenants, tenantId) ? s.tenants[tenantId] : undefined;
  return t !== undefined && t.instanceId === instanceId ? t : undefined;
}

export function tenantNotFound(req: EmuRequest, instanceId: string, tenantId: string): EmuResponse {
  return fail(req, 404, ObErrorCode.TENANT_NOT_FOUND, `tenant ${tenantId} does not exist on instance ${instanceId}`);
}

/** Backups need an ONLINE tenant. */
export function requireOnline(req: EmuRequest, t: TenantRec, now: number, what: string): EmuResponse | undefined {
  const status = tenantStatus(t, now);
  if (status === "ONLINE") return undefined;
  return fail(req, 409, ObErrorCode.TENANT_STATUS_NOT_ALLOWED, `tenant ${t.tenantId} is ${status}: cannot ${what}`);
}
