// The OceanBase Cloud multi-cloud API v2 family (docs/api-oceanbase-cloud.md): HTTP Digest, backups, backup sets,
// restorable windows, tenant restore, the backup strategy (modify only), tenants and instances. Choices the docs leave open: README.md here.
import type { Family } from "../core/types";
import { BACKUP_BEGIN_KEY, BACKUP_KEY, BACKUP_PER_GIB_KEY, backupRoutes, NESTED_TENANT_SETS_KEY, SET_LISTED_KEY } from "./backup-routes";
import { NONCE_TTL_KEY, verifyDigest } from "./digest";
import { seedState } from "./fixtures";
import { errorBody } from "./http";
import { RESTORE_CREATE_KEY, RESTORE_KEY, restoreRoutes } from "./restore-routes";
import { strategyRoutes } from "./strategy-routes";
import { TENANT_DELETE_KEY, tenantRoutes } from "./tenant-routes";

const PREFIX = "/api/v2/instances";

export const oceanbaseFamily: Family = {
  name: "oceanbase-cloud",
  owns: (path) => path === PREFIX || path.startsWith(`${PREFIX}/`),
  authenticate: verifyDigest,
  routes: [...backupRoutes, ...restoreRoutes, ...strategyRoutes, ...tenantRoutes],
  defaultDurations: {
    [BACKUP_BEGIN_KEY]: 5_000,
    [SET_LISTED_KEY]: 0,
    [NESTED_TENANT_SETS_KEY]: 0,
    [BACKUP_KEY]: 60_000,
    [BACKUP_PER_GIB_KEY]: 0,
    [RESTORE_CREATE_KEY]: 10_000,
    [RESTORE_KEY]: 120_000,
    [TENANT_DELETE_KEY]: 30_000,
    [NONCE_TTL_KEY]: 300_000,
  },
  seed: (nowMs) => ({ ...seedState(nowMs) }),
  errorBody: (status, code, message) => errorBody(status, code, message),
};
