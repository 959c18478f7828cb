// The functions' configuration and clients, in the program (docs/functions.md#configuration): the provider's own
// settings (SETTINGS in ../config.ts: the same `dbbackup:` keys, environment fallbacks and defaults), read from the
// stack config as @pulumi/pulumi hands it to the program. pulumi.runtime.allConfig() is what pulumi.Config reads
// too: the CLI's language host passes the stack config in PULUMI_CONFIG, the Automation API's inline programs set
// it with runtime.setAllConfig; secrets arrive decrypted, and are read here without the secret-use warning of
// pulumi.Config#get. Resolved values stay in closures (../config.ts); errors leave scrubbed of them.
import * as pulumi from "@pulumi/pulumi";
import { DbBackupError, ErrorCodes } from "../../sdk/errors";
import type { OceanBaseCloudClient } from "../../sdk/oceanbase/client";
import type { TaurusDbClient } from "../../sdk/taurusdb/client";
import { ENDPOINT_OF, hintFor, settingKeys } from "../error-hints";
import {
  oceanBaseClientFrom,
  resolveConfig,
  taurusDbClientFrom,
  UnknownConfigKeyError,
  unknownConfigKeys,
  type ConfigSource,
  type ResolvedConfig,
} from "../config";

/** The program's stack config, as a ConfigSource (rawConfig: every key, for the unknown-key check). */
function programConfigSource(): ConfigSource & { rawConfig: Record<string, string> } {
  const all = pulumi.runtime.allConfig();
  return { get: (key) => all[key], rawConfig: all };
}

/** Resolves the settings from the program's stack config and the environment; an unknown `dbbackup:` key is refused. */
export function programConfig(env: NodeJS.ProcessEnv = process.env): ResolvedConfig {
  const source = programConfigSource();
  const unknown = unknownConfigKeys(source);
  if (unknown.length > 0) throw new UnknownConfigKeyError(unknown);
  return resolveConfig(source, env);
}

type FunctionPlatform = "oceanbase-cloud" | "huawei-taurusdb";

/** An error of a function call as the program shows it: what failed, what to do, no secret. */
export class FunctionCallError extends Error {
  readonly code: string;
  constructor(message: string, code: string, cause: unknown) {
    super(message, { cause });
    this.name = "FunctionCallError";
    this.code = code;
  }
}

/** The resources' hint for the error's code; and, for a platform's "not found", the instance and the endpoint. */
function hintOf(e: DbBackupError, platform: FunctionPlatform, config: ResolvedConfig): string {
  const hint =
    e.code === ErrorCodes.NOT_FOUND ? `check instanceId and that ${settingKeys([ENDPOINT_OF[platform]])} points at the right platform` : hintFor(e.code, platform, config);
  return hint === "" ? "" : `: ${hint}`;
}

/**
 * Runs one function's requests with a client built from the program's configuration (a missing credential is a
 * MissingConfigError naming its keys), closes the client, and turns what fails into an error that says what to do
 * and carries no configured secret.
 */
async function withClient<C extends { close(): Promise<void> }, T>(
  fn: string,
  platform: FunctionPlatform,
  build: (config: ResolvedConfig) => C,
  use: (client: C) => Promise<T>,
): Promise<T> {
  const config = programConfig();
  const client = build(config);
  try {
    return await use(client);
  } catch (e) {
    if (e instanceof DbBackupError) throw new FunctionCallError(config.redact(`${fn}: ${e.message}${hintOf(e, platform, config)}`), e.code, e);
    const message = e instanceof Error ? e.message : String(e);
    throw new FunctionCallError(config.redact(`${fn}: ${message}`), ErrorCodes.API, e);
  } finally {
    await client.close();
  }
}

export function withOceanBase<T>(fn: string, use: (client: OceanBaseCloudClient) => Promise<T>): Promise<T> {
  return withClient(fn, "oceanbase-cloud", oceanBaseClientFrom, use);
}

export function withTaurusDb<T>(fn: string, use: (client: TaurusDbClient) => Promise<T>): Promise<T> {
  return withClient(fn, "huawei-taurusdb", taurusDbClientFrom, use);
}
