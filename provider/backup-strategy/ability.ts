// The cluster's backup ability (docs/api-ocp.md#backup-ability), checked before a strategy is sent: a backupMode the
// cluster cannot do, or a day scheduled for a full or incremental backup the cluster has switched off, is refused
// with the argument and the value the program gave, and nothing is sent. An ability the server leaves out counts as
// allowed: only what OCP says it cannot do is refused.
import { InvalidInputError } from "../../sdk/errors";
import type { OcpClient } from "../../sdk/ocp/client";
import type { OcpBackupAbility, OcpBackupStrategyInput } from "../../sdk/ocp/schemas";
import type { StrategyTarget } from "./id";

/** The rule a strategy body breaks against an ability, as [property path, rule]; undefined when it breaks none. */
export function abilityViolation(body: OcpBackupStrategyInput, ability: OcpBackupAbility, clusterId: number): [string, string] | undefined {
  const modes = ability.backupAbility === "LOGICAL_AND_PHYSICAL" ? ["LOGICAL_BACKUP", "PHYSICAL_BACKUP"] : [ability.backupAbility];
  if (!modes.includes(body.backupMode)) {
    return ["backupMode", `${JSON.stringify(body.backupMode)} is not supported by OCP cluster ${clusterId}, whose backup ability is ${ability.backupAbility}`];
  }
  const support = ability.obDataBackupSupportAbility;
  const map = body.obBackupScheduleConfig.dayAndDataBackupModelMap;
  for (const [model, enabled, what] of [
    ["INCREMENTAL_BACKUP", support?.incrementBackupEnabled, "incremental"],
    ["FULL_BACKUP", support?.fullBackupEnabled, "full"],
  ] as const) {
    if (enabled !== false) continue;
    const days = Object.keys(map).filter((d) => map[d] === model);
    if (days.length > 0) {
      return [
        "obBackupScheduleConfig.dayAndDataBackupModelMap",
        `day${days.length > 1 ? "s" : ""} ${days.join(", ")} ${days.length > 1 ? "are" : "is"} ${model}, but OCP cluster ${clusterId} has ${what} backups switched off (obDataBackupSupportAbility)`,
      ];
    }
  }
  return undefined;
}

/** Asks OCP for the cluster's ability and throws InvalidInputError (nothing sent yet) when the body breaks it. */
export async function requireAbility(client: OcpClient, target: StrategyTarget, body: OcpBackupStrategyInput): Promise<void> {
  const violation = abilityViolation(body, await client.getBackupAbility(target.clusterId), target.clusterId);
  if (violation !== undefined) throw new InvalidInputError(violation[0], `${violation[1]}; nothing was sent`, { platform: "ocp" });
}
