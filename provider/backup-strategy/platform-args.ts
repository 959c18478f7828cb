// Which BackupStrategy argument belongs to which platform (from the spec's flags), and the one message that refuses an
// argument of another platform. Shared by the OCP check (args.ts) and the other platforms' (cloud-args.ts).
import { argsWhere, namesOf } from "../spec";
import { BACKUP_STRATEGY_ARGS, BACKUP_STRATEGY_OUTPUT_TABLE, STRATEGY_PLATFORMS, type BackupStrategyPlatform } from "./spec";

export const DEFAULT_PLATFORM: BackupStrategyPlatform = "ocp";

/** Every argument name (the spec's order). */
export const ARG_NAMES: readonly string[] = namesOf(BACKUP_STRATEGY_ARGS);

/** Arguments of both instance platforms (the spec gives them no single platform flag). */
export const INSTANCE_PLATFORM_ARGS = ["instanceId", "onDelete"] as const;

/** Keys that may sit in the inputs without being arguments: the serialized provider and the declared outputs. */
export const IGNORED_INPUT_KEYS: ReadonlySet<string> = new Set(["__provider", ...namesOf(BACKUP_STRATEGY_OUTPUT_TABLE)]);

/** The platforms an argument belongs to; every platform for the shared ones (platform, waiting). */
export function platformsOf(name: string): readonly BackupStrategyPlatform[] {
  if ((INSTANCE_PLATFORM_ARGS as readonly string[]).includes(name)) return ["oceanbase-cloud", "huawei-taurusdb"];
  const flag = (BACKUP_STRATEGY_ARGS as Record<string, { platform?: string }>)[name]?.platform;
  return flag === undefined ? STRATEGY_PLATFORMS : [flag as BackupStrategyPlatform];
}

/** The arguments of one platform. */
export function argsOf(platform: BackupStrategyPlatform): readonly string[] {
  return ARG_NAMES.filter((n) => platformsOf(n).includes(platform));
}

/** The platform's arguments that change its settings (neither the target nor the waiting nor onDelete). */
export function settingArgs(platform: BackupStrategyPlatform): readonly string[] {
  return argsWhere(BACKUP_STRATEGY_ARGS, (f) => f.platform === platform && !f.replaces && f.waitOnly !== true);
}

/**
 * The failure reason for a key with this platform: "is an argument of platform …: not allowed with platform …", "is not
 * a known property of BackupStrategy", or undefined when the key belongs.
 */
export function misplacedReason(key: string, platform: BackupStrategyPlatform, value: unknown): string | undefined {
  if (IGNORED_INPUT_KEYS.has(key)) return undefined;
  if (!ARG_NAMES.includes(key)) return "is not a known property of BackupStrategy";
  if (value === undefined || value === null) return undefined;
  const owners = platformsOf(key);
  if (owners.includes(platform)) return undefined;
  const named = owners.length === 1 ? `platform "${owners[0]}"` : `platforms ${owners.map((p) => `"${p}"`).join(" and ")}`;
  return `is an argument of ${named}: not allowed with platform "${platform}"`;
}
