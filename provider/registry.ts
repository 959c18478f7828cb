// Which handlers serve which resource kind: one loader per kind, each requiring its folder's handlers.ts on first use,
// so a host that serves only ManualBackup never loads the other kinds' code.
import type { ResourceHandlers, ResourceKind } from "./types";

/* eslint-disable @typescript-eslint/no-require-imports -- loaded on first use, one kind at a time */
export const HANDLER_LOADERS: { readonly [K in ResourceKind]: () => ResourceHandlers } = {
  BackupStrategy: () => (require("./backup-strategy/handlers") as typeof import("./backup-strategy/handlers")).handlers,
  ManualBackup: () => (require("./manual-backup/handlers") as typeof import("./manual-backup/handlers")).handlers,
  RestoredTenant: () => (require("./restored-tenant/handlers") as typeof import("./restored-tenant/handlers")).handlers,
};
/* eslint-enable @typescript-eslint/no-require-imports */

export const RESOURCE_KINDS = Object.keys(HANDLER_LOADERS) as ResourceKind[];

export function isResourceKind(kind: unknown): kind is ResourceKind {
  return typeof kind === "string" && Object.prototype.hasOwnProperty.call(HANDLER_LOADERS, kind);
}

const loaded = new Map<ResourceKind, ResourceHandlers>();

/** The handlers of a kind, loaded once. */
export function handlersFor(kind: ResourceKind): ResourceHandlers {
  const cached = loaded.get(kind);
  if (cached !== undefined) return cached;
  if (!isResourceKind(kind)) throw new Error(`unknown resource kind ${JSON.stringify(kind)}`);
  const handlers = HANDLER_LOADERS[kind]();
  loaded.set(kind, handlers);
  return handlers;
}
