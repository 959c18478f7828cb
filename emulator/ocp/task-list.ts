// OCP's task list (docs/api-ocp.md#task-list): GET /api/v2/tasks/instances with the documented filters, answering
// data{contents[], page{totalElements, totalPages, number, size}} [docs: Query tasks]. Choices where the docs are
// silent, each [inferred]:
//   - name, clusterName (also the page's own spelling cluterName) and tenantName match as case-insensitive
//     substrings ("fuzzy match"); status takes a comma-separated list (or the parameter repeated);
//   - entries are rendered as the task detail is (id, name, type, status, clusterId, tenantId, times): the list
//     page's cluster/tenant objects are cut off in the stored copy, the task-information page has the flat ids;
//   - page defaults to 1, size to 10; a size outside 1–2000, a page below 1, an unknown status or a sort other than
//     id or createTime (asc|desc) → 400; the default order is id ascending; hostId matches nothing (no task here
//     runs on a host).
import type { EmuContext, EmuRequest, EmuResponse, Route } from "../core/types";
import { illegalArgument, ok } from "./envelope";
import { ID } from "./routes";
import { renderTask, stateOf, taskStatus, type StoredTask } from "./state";

const MAX_SIZE = 2000; // "Maximum value: 2000" [docs]
const STATUSES = ["RUNNING", "FAILED", "SUCCESSFUL"]; // [docs]
const SORT = /^(id|createTime)(?:,(asc|desc))?$/i;

function contains(haystack: string | undefined, needle: string): boolean {
  return haystack !== undefined && haystack.toLowerCase().includes(needle.toLowerCase());
}

function intParam(req: EmuRequest, name: string, dflt: number, max: number): number | EmuResponse {
  const raw = req.query.get(name);
  if (raw === null || raw === "") return dflt;
  const n = /^\d{1,9}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(n >= 1 && n <= max)) return illegalArgument(name, max === Number.MAX_SAFE_INTEGER ? "must be an integer >= 1" : `must be an integer from 1 to ${max}`);
  return n;
}

function idParam(req: EmuRequest, name: string): number | undefined | EmuResponse {
  const raw = req.query.get(name);
  if (raw === null || raw === "") return undefined;
  return ID.test(raw) ? Number(raw) : illegalArgument(name, "must be a positive integer");
}

function listTasks(req: EmuRequest, ctx: EmuContext): EmuResponse {
  const state = stateOf(ctx);
  const page = intParam(req, "page", 1, Number.MAX_SAFE_INTEGER);
  if (typeof page !== "number") return page;
  const size = intParam(req, "size", 10, MAX_SIZE);
  if (typeof size !== "number") return size;
  const clusterId = idParam(req, "clusterId");
  if (typeof clusterId === "object") return clusterId;
  const tenantId = idParam(req, "tenantId");
  if (typeof tenantId === "object") return tenantId;
  const hostId = idParam(req, "hostId");
  if (typeof hostId === "object") return hostId;
  const statuses = req.query.getAll("status").flatMap((s) => s.split(",")).filter((s) => s !== "");
  const badStatus = statuses.find((s) => !STATUSES.includes(s));
  if (badStatus !== undefined) return illegalArgument("status", `must be among ${STATUSES.join(", ")} (got ${badStatus})`);
  const sort = SORT.exec(req.query.get("sort") ?? "id,asc");
  if (sort === null) return illegalArgument("sort", "must be id or createTime, optionally followed by ,asc or ,desc");
  const name = req.query.get("name") ?? "";
  const type = req.query.get("type") ?? "";
  const clusterName = req.query.get("clusterName") ?? req.query.get("cluterName") ?? "";
  const tenantName = req.query.get("tenantName") ?? "";

  const matches = (t: StoredTask): boolean => {
    const cluster = state.clusters[String(t.clusterId)];
    const tenant = t.tenantId === undefined ? undefined : cluster?.tenants[String(t.tenantId)];
    return (
      hostId === undefined &&
      (name === "" || contains(t.name, name)) &&
      (type === "" || type === "MANUAL") && // every emulated task is started by a call: MANUAL
      (clusterId === undefined || t.clusterId === clusterId) &&
      (tenantId === undefined || t.tenantId === tenantId) &&
      (clusterName === "" || contains(cluster?.name, clusterName)) &&
      (tenantName === "" || contains(tenant?.name, tenantName)) &&
      (statuses.length === 0 || statuses.includes(taskStatus(t, ctx)))
    );
  };
  const desc = (sort[2] ?? "asc").toLowerCase() === "desc";
  const byCreate = sort[1]?.toLowerCase() === "createtime";
  const found = Object.values(state.tasks)
    .filter(matches)
    .sort((a, b) => (desc ? -1 : 1) * (byCreate ? a.createdAt - b.createdAt || a.id - b.id : a.id - b.id));
  const contents = found.slice((page - 1) * size, page * size).map((t) => renderTask(t, ctx));
  return ok(ctx, { contents, page: { totalElements: found.length, totalPages: Math.ceil(found.length / size), number: page, size } });
}

// [docs: Query tasks, GET /api/v2/tasks/instances]
export const taskListRoutes: Route[] = [{ method: "GET", pattern: "/api/v2/tasks/instances", handler: listTasks }];
