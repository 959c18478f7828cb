// The implementation behind the serialized shim (shim.ts): the dynamic-provider host calls
// require("pulumi-dbbackup/provider/runtime").<method>(kindCode, [host arguments]) and this module configures the
// clients, dispatches to the kind's handlers and shapes their results and errors the way the host and engine need.
import type * as pulumi from "@pulumi/pulumi";
import { systemClock } from "../sdk/clock";
import { DbBackupError, ErrorCodes, type Platform } from "../sdk/errors";
import {
  activeClients,
  activeConfig,
  InvalidConfigError,
  MissingConfigError,
  requireKnownKeys,
  setConfiguration,
  SETTINGS,
  UnknownConfigKeyError,
  type ConfigSource,
  type SettingName,
} from "./config";
import { ENDPOINT_OF, hintFor, settingKeys } from "./error-hints";
import { PartialFailureError } from "./partial-failure";
import { platformName } from "./uncertain";
import { handlersFor, isResourceKind } from "./registry";
import type { HandlerContext, Props, ResourceKind } from "./types";

const PROVIDER_KEY = "__provider";

/** Deep copy without undefined object members (the host cannot encode them); undefined array items become null. */
export function stripUndefined<T>(value: T): T {
  return strip(value) as T;
}

function strip(v: unknown): unknown {
  if (Array.isArray(v)) return v.map((e) => (e === undefined ? null : strip(e)));
  if (v instanceof Date) return v.toISOString();
  if (typeof v === "object" && v !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, e] of Object.entries(v)) if (e !== undefined) out[k] = strip(e);
    return out;
  }
  return v;
}

function withoutProvider(props: Props | undefined): Props {
  const { [PROVIDER_KEY]: _provider, ...rest } = props ?? {};
  return rest;
}

/** The kind codes the shim passes (short, to keep `__provider` small). */
export const SHIM_CODES: Readonly<Record<string, ResourceKind>> = { BS: "BackupStrategy", MB: "ManualBackup", RT: "RestoredTenant" };

/** A shim code or a kind name → the kind. */
function kindOf(kind: unknown): ResourceKind {
  const k = typeof kind === "string" && Object.prototype.hasOwnProperty.call(SHIM_CODES, kind) ? SHIM_CODES[kind] : kind;
  if (!isResourceKind(k)) throw new Error(`pulumi-dbbackup: unknown resource kind ${JSON.stringify(kind)}`);
  return k;
}

function context(kind: ResourceKind): HandlerContext {
  const config = activeConfig();
  return {
    clients: activeClients(),
    clock: systemClock,
    // Each stdout line of the host reaches the user as an info message.
    progress: (message) => void process.stdout.write(`${config.redact(`${kind}: ${message}`.replace(/\s*\n\s*/g, " "))}\n`),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Errors users see

/**
 * Which arguments of a kind hold the id of the parent a platform may not find (instance or cluster), and how each
 * platform says so: TaurusDB's DBS.200002 is documented; OceanBase Cloud's InstanceNotFound and OCP's "Cluster not
 * found" message are the emulator's reading (no code table is published: docs/api-*.md).
 */
const PARENT_ARGS: Record<ResourceKind, string[]> = {
  BackupStrategy: ["clusterId"],
  ManualBackup: ["instanceId", "clusterId"],
  RestoredTenant: ["sourceInstanceId", "targetInstanceId"],
};

/** The platform that said it has no such instance or cluster, or undefined when `e` says something else. */
function parentNotFoundOn(e: DbBackupError): Platform | undefined {
  if (e.code !== ErrorCodes.NOT_FOUND || e.platform === undefined) return undefined;
  const said = {
    "huawei-taurusdb": e.vendorCode === "DBS.200002",
    "oceanbase-cloud": e.vendorCode === "InstanceNotFound",
    ocp: /\bcluster not found\b/i.test(e.vendorMessage ?? ""),
  }[e.platform];
  return said ? e.platform : undefined;
}


/**
 * "Instance does not exist" in the user's own words: the argument and its value. When two arguments could be meant
 * (a restore's source and target), the one the platform's message names, else both.
 */
function parentNotFoundMessage(kind: ResourceKind, args: Props, e: DbBackupError, platform: Platform): string | undefined {
  const named = PARENT_ARGS[kind].filter((a) => args[a] !== undefined && args[a] !== null);
  if (named.length === 0) return undefined;
  const inMessage = named.filter((a) => (e.vendorMessage ?? "").includes(String(args[a])));
  const which = (inMessage.length === 1 ? inMessage : named).map((a) => `${a} ${JSON.stringify(args[a])}`).join(" or ");
  const thing = kind === "BackupStrategy" || platform === "ocp" ? "cluster" : "instance";
  const name = platformName(platform);
  const where = `; check the id and that ${settingKeys([ENDPOINT_OF[platform]])} points at the right ${name}`;
  return `${which}: ${name} has no such ${thing} (${e.vendorCode ?? `HTTP ${e.httpStatus ?? 404}`})${where}`;
}

/** The arguments that say which object a resource is about, in the order a message names them. */
const SUBJECT_ARGS = ["instanceId", "clusterId", "tenantId", "name", "targetInstanceId", "targetTenantName"] as const;

/** "ManualBackup on OCP (clusterId 1000005, tenantId 1002)": the resource, its platform and its object, for messages. */
function subjectOf(kind: ResourceKind, args: Props | undefined, said: Platform | undefined): string {
  const platform = (args === undefined ? undefined : platformOf(kind, args)) ?? said;
  const on = platform === undefined ? "" : ` on ${platformName(platform)}`;
  const ids = args === undefined ? [] : SUBJECT_ARGS.filter((a) => typeof args[a] === "string" || typeof args[a] === "number").map((a) => `${a} ${String(args[a])}`);
  return `${kind}${on}${ids.length > 0 ? ` (${ids.join(", ")})` : ""}`;
}

/** An error leaving the provider: a clean message (no secret, with what to do), the sdk's code and the cause kept. */
export class ProviderError extends Error {
  readonly code: string | undefined;
  constructor(message: string, code: string | undefined, cause: unknown) {
    super(message, { cause });
    this.name = "ProviderError";
    this.code = code;
  }
}

function outgoingError(e: unknown, provider: unknown, kind: ResourceKind | undefined, args: Props | undefined): Error {
  const config = activeConfig();
  if (e instanceof PartialFailureError) {
    // The host does not add __provider to a partial failure's properties; without it later delete/refresh fail.
    const properties = stripUndefined({ ...withoutProvider(e.properties), ...(typeof provider === "string" ? { [PROVIDER_KEY]: provider } : {}) });
    return new PartialFailureError(e.id, properties, e.reasons.map((r) => config.redact(r)), { cause: e.cause });
  }
  if (e instanceof MissingConfigError || e instanceof InvalidConfigError || e instanceof UnknownConfigKeyError) return e;
  if (e instanceof DbBackupError) {
    const on = parentNotFoundOn(e);
    const parent = kind !== undefined && args !== undefined && on !== undefined ? parentNotFoundMessage(kind, args, e, on) : undefined;
    if (parent !== undefined) return new ProviderError(config.redact(parent), e.code, e);
    const hint = hintFor(e.code, e.platform, config);
    const said = hint === "" ? e.message : `${e.message}: ${hint}`;
    // An sdk error names the call, not the resource: say which resource, on which platform, for which object.
    const message = config.redact(kind === undefined || said.includes(kind) ? said : `${subjectOf(kind, args, e.platform)}: ${said}`);
    return new ProviderError(message, e.code, e);
  }
  if (e instanceof Error) {
    e.message = config.redact(e.message);
    return e;
  }
  return new Error(config.redact(String(e)));
}

/**
 * Runs a method, turning what it throws into the error users see. `args`: the resource's arguments (its own words
 * for the error); `provider`: the serialized provider a partial failure must carry.
 */
async function guarded<T>(kind: string, args: Props | undefined, run: (k: ResourceKind) => Promise<T>, provider: unknown = args?.[PROVIDER_KEY]): Promise<T> {
  let k: ResourceKind | undefined;
  try {
    k = kindOf(kind);
    return await run(k);
  } catch (e) {
    throw outgoingError(e, provider, k, args === undefined ? undefined : withoutProvider(args));
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Credentials are checked at check() (so a missing one shows at preview), without sending anything.

function platformOf(kind: ResourceKind, inputs: Props): Platform | undefined {
  switch (kind) {
    case "BackupStrategy":
      // A strategy without a platform is OCP's (the default, as before platforms existed).
      return inputs.platform === "oceanbase-cloud" || inputs.platform === "huawei-taurusdb" ? inputs.platform : "ocp";
    case "RestoredTenant":
      return "oceanbase-cloud";
    case "ManualBackup":
      return inputs.platform === "oceanbase-cloud" || inputs.platform === "huawei-taurusdb" || inputs.platform === "ocp" ? inputs.platform : undefined;
  }
}

function requireConfiguration(kind: ResourceKind, inputs: Props): void {
  requireKnownKeys();
  const clients = activeClients();
  const platform = platformOf(kind, inputs);
  if (platform === "ocp") clients.ocp();
  if (platform === "huawei-taurusdb") clients.taurusdb();
  if (platform === "oceanbase-cloud") clients.oceanbase();
  // Restoring sends X-Ob-Project-Id, which the API requires.
  if (kind === "RestoredTenant" && activeConfig().get("oceanbaseProjectId") === undefined) {
    const n: SettingName = "oceanbaseProjectId";
    throw new MissingConfigError(`the OceanBase Cloud project id is missing (restores need it): set ${SETTINGS[n].key} (or ${SETTINGS[n].env})`, [n]);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The dynamic provider's methods. The shim calls each with a kind code and the host's arguments as one array.

export async function configure(req: { config: ConfigSource }): Promise<void> {
  setConfiguration(req.config);
}

export async function check(kind: string, [olds, news]: [Props, Props]): Promise<pulumi.dynamic.CheckResult> {
  return guarded(kind, news, async (k) => {
    const handlers = handlersFor(k);
    const ctx = context(k);
    const result = await handlers.check(withoutProvider(olds), withoutProvider(news), ctx);
    if (result.failures.length === 0) {
      requireConfiguration(k, result.inputs);
      // Read-only cloud checks last: only for arguments that passed every rule, with the configuration complete.
      const more = (await handlers.verify?.(withoutProvider(olds), result.inputs, ctx)) ?? [];
      if (more.length > 0) return { inputs: stripUndefined(withoutProvider(news)), failures: more };
    }
    return { inputs: stripUndefined(withoutProvider(result.inputs)), failures: result.failures };
  });
}

export async function diff(kind: string, [id, olds, news]: [string, Props, Props]): Promise<pulumi.dynamic.DiffResult & { diffs: string[] }> {
  return guarded(kind, news, async (k) => {
    const r = await handlersFor(k).diff(id, withoutProvider(olds), withoutProvider(news), context(k));
    return stripUndefined({ changes: r.changes, replaces: r.replaces, diffs: r.diffs, deleteBeforeReplace: r.deleteBeforeReplace });
  });
}

export async function create(kind: string, [inputs]: [Props]): Promise<pulumi.dynamic.CreateResult> {
  return guarded(kind, inputs, async (k) => {
    const r = await handlersFor(k).create(withoutProvider(inputs), context(k));
    return { id: r.id, outs: stripUndefined(withoutProvider(r.outs)) };
  });
}

export async function read(kind: string, [id, props]: [string, Props?]): Promise<pulumi.dynamic.ReadResult> {
  return guarded(kind, props, async (k) => {
    const r = await handlersFor(k).read(id, withoutProvider(props), context(k));
    // No id tells the host (and the engine) that the object is gone: it drops out of state.
    if (r === undefined) return {};
    return { id: r.id, props: stripUndefined(withoutProvider(r.props)), inputs: stripUndefined(withoutProvider(r.inputs)) };
  });
}

export async function update(kind: string, [id, olds, news]: [string, Props, Props]): Promise<pulumi.dynamic.UpdateResult> {
  return guarded(
    kind,
    news,
    async (k) => {
      const r = await handlersFor(k).update(id, withoutProvider(olds), withoutProvider(news), context(k));
      return { outs: stripUndefined(withoutProvider(r.outs)) };
    },
    news?.[PROVIDER_KEY] ?? olds?.[PROVIDER_KEY],
  );
}

/** The provider's delete (`delete` cannot name a function). Succeeds when the object is already gone. */
export async function remove(kind: string, [id, props]: [string, Props]): Promise<void> {
  return guarded(kind, props, async (k) => {
    await handlersFor(k).delete(id, withoutProvider(props), context(k));
  });
}
