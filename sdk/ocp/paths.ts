// Every OCP path the client calls, in one table, each with where it comes from (docs/api-ocp.md#path-sources).
// Rows marked [inferred] are our best reading, not a published path: correct them here and only here.
import type { HttpMethod } from "../transport/types";

/** Already-validated, encoded path segments. */
export interface StrategyTargetSegments {
  cluster: string;
  tenant?: string;
}

function strategyBase(t: StrategyTargetSegments): string {
  const cluster = `/api/v2/ob/clusters/${t.cluster}`;
  return t.tenant === undefined ? `${cluster}/backup/config/backupStrategy` : `${cluster}/tenants/${t.tenant}/backup/config/backupStrategy`;
}

interface Route<A> {
  method: HttpMethod;
  path: (a: A) => string;
  /** Where the method and path come from. */
  source: string;
}

export const OCP_ROUTES = {
  createStrategy: {
    method: "POST",
    path: strategyBase,
    source: "cluster: [seed] 002; tenant: [inferred] from the documented tenant-level GET/PATCH/DELETE",
  },
  getStrategy: { method: "GET", path: strategyBase, source: "[docs] cluster and tenant" },
  modifyStrategy: {
    method: "PATCH",
    path: strategyBase,
    source: "tenant: [docs]; cluster: [inferred] from the tenant-level PATCH",
  },
  deleteStrategy: {
    method: "DELETE",
    path: strategyBase,
    source: "tenant: [docs]; cluster: [inferred] from the tenant-level DELETE",
  },
  stopSchedule: {
    method: "POST",
    path: (t: StrategyTargetSegments) => `${strategyBase({ cluster: t.cluster })}/stopSchedule`,
    source: "[docs] cluster level",
  },
  startSchedule: {
    method: "POST",
    path: (t: StrategyTargetSegments) => `${strategyBase({ cluster: t.cluster })}/startSchedule`,
    source: "[docs] cluster level",
  },
  getBackupAbility: {
    method: "GET",
    path: (t: StrategyTargetSegments) => `/api/v2/ob/clusters/${t.cluster}/backup/ability`,
    source: "[docs]",
  },
  backupNow: {
    method: "POST",
    path: (t: StrategyTargetSegments) =>
      t.tenant === undefined ? `/api/v2/ob/clusters/${t.cluster}/backup/backupNow` : `/api/v2/ob/clusters/${t.cluster}/tenants/${t.tenant}/backup/backupNow`,
    source: "[docs] cluster and tenant",
  },
  getTask: { method: "GET", path: (taskId: string) => `/api/v2/tasks/instances/${taskId}`, source: "[docs]" },
  listTasks: { method: "GET", path: () => "/api/v2/tasks/instances", source: "[docs]" },
} as const satisfies Record<string, Route<StrategyTargetSegments> | Route<string> | Route<void>>;
