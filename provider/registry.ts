// Which handlers serve which resource kind. Modules are loaded on first use with require(), so one resource's module
// missing or broken never stops the others from working.
import type { ResourceHandlers, ResourceKind } from "./types";

/** Each module exports its handlers as `handlers` (or as `<kindInCamelCase>Handlers`, e.g. `manualBackupHandlers`). */
export const HANDLER_MODULES: Readonly<Record<ResourceKind, string>> = {
  BackupStrategy: "./backup-strategy",
  ManualBackup: "./manual-backup",
  RestoredTenant: "./restored-tenant",
};

export const RESOURCE_KINDS = Object.keys(HANDLER_MODULES) as ResourceKind[];

export class NotImplementedError extends Error {
  readonly code = "DBB_ERR_NOT_IMPLEMENTED";
  constructor(kind: string) {
    super(`${kind} is not implemented in this build of pulumi-dbbackup (its handler module is missing)`);
    this.name = "NotImplementedError";
  }
}

export function isResourceKind(kind: unknown): kind is ResourceKind {
  return typeof kind === "string" && Object.prototype.hasOwnProperty.call(HANDLER_MODULES, kind);
}

const loaded = new Map<ResourceKind, ResourceHandlers>();

function isHandlers(v: unknown): v is ResourceHandlers {
  if (typeof v !== "object" || v === null) return false;
  const o = v as Record<string, unknown>;
  return ["check", "diff", "create", "read", "update", "delete"].every((m) => typeof o[m] === "function");
}

/** The handlers of a kind; NotImplementedError when its module does not exist (and only then). */
export function handlersFor(kind: ResourceKind): ResourceHandlers {
  const cached = loaded.get(kind);
  if (cached !== undefined) return cached;
  if (!isResourceKind(kind)) throw new Error(`unknown resource kind ${JSON.stringify(kind)}`);
  const handlers = loadHandlers(kind, HANDLER_MODULES[kind]);
  loaded.set(kind, handlers);
  return handlers;
}

/** Loads `specifier` (relative to this file, or absolute) and returns its ResourceHandlers export. */
export function loadHandlers(kind: string, specifier: string): ResourceHandlers {
  // Resolve first: a MODULE_NOT_FOUND thrown while loading the module (a dependency of it) is a real bug, not this.
  try {
    require.resolve(specifier);
  } catch (e) {
    if ((e as { code?: unknown }).code === "MODULE_NOT_FOUND") throw new NotImplementedError(kind);
    throw e;
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy, per kind (see the top comment)
  const mod = require(specifier) as Record<string, unknown>;
  const named = `${kind.charAt(0).toLowerCase()}${kind.slice(1)}Handlers`;
  const handlers = [mod.handlers, mod[named], mod.default].find(isHandlers);
  if (handlers === undefined) {
    throw new Error(`${specifier} exports no ResourceHandlers (expected \`export const handlers\` or \`${named}\`)`);
  }
  return handlers;
}
