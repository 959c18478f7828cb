// The OCP (OceanBase Cloud Platform V4.x) family: backup strategies, backup ability, on-demand backups
// (backup-now.ts), task instances and the task list (task-list.ts) under /api/v2/ob/ and /api/v2/tasks/, behind
// OCP AccessKey HMAC-SHA1 or HTTP Basic.
//
// Fixtures: AK/SK emulator-ocp-ak / emulator-ocp-sk; Basic admin / emulator; cluster 1000005
// "demo-cluster" (backup ability LOGICAL_AND_PHYSICAL) with tenant 1002; cluster 1000006 (PHYSICAL_BACKUP
// only, no tenants); no strategy. Durations: "ocp.taskMs" (default 3000, read whenever a status is computed):
// a task is RUNNING until that long after it was created (virtual clock), then SUCCESSFUL, or FAILED when
// the strategy's storageUrl contains "emulator-fail-task". See routes.ts and state.ts for the choices made where the docs are silent.
import type { Family } from "../core/types";
import { authenticate } from "./auth";
import { codeForStatus, errorEnvelope } from "./envelope";
import { BACKUP_NOW_PER_GB_KEY, backupNowRoutes } from "./backup-now";
import { ocpRoutes } from "./routes";
import { taskListRoutes } from "./task-list";
import { seedState } from "./state";

export const ocpFamily: Family = {
  name: "ocp",
  owns: (path) => path.startsWith("/api/v2/ob/") || path.startsWith("/api/v2/tasks/"),
  authenticate,
  routes: [...ocpRoutes, ...backupNowRoutes, ...taskListRoutes],
  defaultDurations: { "ocp.taskMs": 3000, [BACKUP_NOW_PER_GB_KEY]: 0 },
  seed: () => seedState() as unknown as Record<string, unknown>,
  // OCP's code is an int: a numeric code passed by the core is kept, any other becomes 60000 + status.
  errorBody: (status, code, message) => errorEnvelope(status, /^\d+$/.test(code) ? Number(code) : codeForStatus(status), message),
};
