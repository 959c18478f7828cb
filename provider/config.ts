// The provider's configuration (docs/design.md#provider-configuration): each setting is read from the stack config
// (`dbbackup:…`, handed to configure()) and falls back to an environment variable, then to a default. Resolved values
// live only in closures here: nothing serialized, written to state, logged or visible to JSON.stringify holds them.
import { createHash } from "node:crypto";
import { ErrorCodes, InvalidInputError } from "../sdk/errors";
import { DEFAULT_POLL } from "../sdk/poller";
import { DEFAULT_PACING, type PacingOptions } from "../sdk/pacing";
import { DEFAULT_OCEANBASE_ENDPOINT, OceanBaseCloudClient } from "../sdk/oceanbase/client";
import { OcpClient } from "../sdk/ocp/client";
import { huaweiEndpointFor, TaurusDbClient } from "../sdk/taurusdb/client";
import type { Clients } from "./types";

export interface Setting {
  /** Stack config key, e.g. "dbbackup:ocpEndpoint". */
  key: string;
  /** Environment variable read when the config key is not set. */
  env: string;
  /** Used when neither is set; a function of the other resolved settings where the default depends on them. */
  default?: string | ((get: (name: SettingName) => string | undefined) => string | undefined);
  secret?: true;
}

/** docs/design.md's configuration table, row by row. */
export const SETTINGS = {
  oceanbaseEndpoint: { key: "dbbackup:oceanbaseEndpoint", env: "OCEANBASE_ENDPOINT", default: DEFAULT_OCEANBASE_ENDPOINT },
  oceanbaseAccessKeyId: { key: "dbbackup:oceanbaseAccessKeyId", env: "OCEANBASE_ACCESS_KEY_ID" },
  oceanbaseAccessKeySecret: { key: "dbbackup:oceanbaseAccessKeySecret", env: "OCEANBASE_ACCESS_KEY_SECRET", secret: true },
  oceanbaseProjectId: { key: "dbbackup:oceanbaseProjectId", env: "OCEANBASE_PROJECT_ID" },
  ocpEndpoint: { key: "dbbackup:ocpEndpoint", env: "OCP_ENDPOINT" },
  ocpAccessKeyId: { key: "dbbackup:ocpAccessKeyId", env: "OCP_ACCESS_KEY_ID" },
  ocpAccessKeySecret: { key: "dbbackup:ocpAccessKeySecret", env: "OCP_ACCESS_KEY_SECRET", secret: true },
  ocpUsername: { key: "dbbackup:ocpUsername", env: "OCP_USERNAME" },
  ocpPassword: { key: "dbbackup:ocpPassword", env: "OCP_PASSWORD", secret: true },
  huaweiEndpoint: {
    key: "dbbackup:huaweiEndpoint",
    env: "HW_TAURUSDB_ENDPOINT",
    default: (get) => {
      const region = get("huaweiRegion");
      return region === undefined ? undefined : huaweiEndpointFor(region);
    },
  },
  huaweiRegion: { key: "dbbackup:huaweiRegion", env: "HW_REGION_NAME" },
  huaweiProjectId: { key: "dbbackup:huaweiProjectId", env: "HW_PROJECT_ID" },
  huaweiAccessKey: { key: "dbbackup:huaweiAccessKey", env: "HW_ACCESS_KEY" },
  huaweiSecretKey: { key: "dbbackup:huaweiSecretKey", env: "HW_SECRET_KEY", secret: true },
  insecureSkipTlsVerifyEndpoint: { key: "dbbackup:insecureSkipTlsVerifyEndpoint", env: "DBBACKUP_INSECURE_SKIP_TLS_VERIFY_ENDPOINT" },
} as const satisfies Record<string, Setting>;

export type SettingName = keyof typeof SETTINGS;

/** What configure() receives (pulumi.dynamic.ConfigureRequest's config); values may be non-strings in raw config. */
export interface ConfigSource {
  get(key: string): unknown;
}

/**
 * A `dbbackup:` key in the stack config that is no setting of this provider (a typo like `dbbackup:huaweiSecretkey`
 * would otherwise leave the intended setting unset with no word about why). Names the key and the nearest setting;
 * never the value, which may be a credential.
 */
export class UnknownConfigKeyError extends Error {
  readonly code = ErrorCodes.INVALID_CONFIG;
  readonly keys: string[];
  constructor(keys: string[]) {
    const each = keys.map((k) => `${k} (did you mean ${nearestSettingKey(k)}?)`);
    super(
      `unknown config key${keys.length > 1 ? "s" : ""} ${each.join(", ")}: pulumi-dbbackup has no such setting, so it is ignored. ` +
        "Rename it (pulumi config rm <key>, then pulumi config set with the right key); the settings are listed in the README's Configuration section",
    );
    this.name = "UnknownConfigKeyError";
    this.keys = keys;
  }
}

/** Edit distance, case-insensitive: how far a typed key is from a setting's key. */
function distance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let row = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const next = [i];
    for (let j = 1; j <= y.length; j++) {
      next[j] = Math.min((row[j] ?? 0) + 1, (next[j - 1] ?? 0) + 1, (row[j - 1] ?? 0) + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[y.length] ?? 0;
}

/** The setting key closest to `key`. */
export function nearestSettingKey(key: string): string {
  const keys = Object.values(SETTINGS).map((s) => s.key);
  return keys.reduce((best, k) => (distance(key, k) < distance(key, best) ? k : best));
}

/**
 * The `dbbackup:` keys of the stack config that are no setting. The dynamic-provider host hands configure() its
 * Config object, which keeps the whole stack config in `rawConfig` (not part of Pulumi's typed API: when absent, no
 * key can be listed and none is reported).
 */
export function unknownConfigKeys(config: ConfigSource | undefined): string[] {
  const raw = (config as { rawConfig?: unknown } | undefined)?.rawConfig;
  if (typeof raw !== "object" || raw === null) return [];
  const known = new Set<string>(Object.values(SETTINGS).map((s) => s.key));
  return Object.keys(raw)
    .filter((k) => k.startsWith("dbbackup:") && !known.has(k))
    .sort();
}

/** A required setting (or group of alternatives) is not set; names every config key and environment variable. */
export class MissingConfigError extends Error {
  readonly code = ErrorCodes.MISSING_CONFIG;
  readonly keys: string[];
  readonly envVars: string[];
  constructor(message: string, names: SettingName[]) {
    super(message);
    this.name = "MissingConfigError";
    this.keys = names.map((n) => SETTINGS[n].key);
    this.envVars = names.map((n) => SETTINGS[n].env);
  }
}

/** A setting is present but unusable (e.g. an endpoint that is not an http(s) URL). Never quotes a secret value. */
export class InvalidConfigError extends Error {
  readonly code = ErrorCodes.INVALID_CONFIG;
  readonly key: string;
  readonly envVar: string;
  constructor(name: SettingName, rule: string) {
    const s = SETTINGS[name];
    super(`${s.key} (or ${s.env}) ${rule}`);
    this.name = "InvalidConfigError";
    this.key = s.key;
    this.envVar = s.env;
  }
}

function nonEmpty(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  const s = typeof v === "string" ? v : String(v);
  return s.trim() === "" ? undefined : s;
}

/** "set dbbackup:a and dbbackup:b (or A / B)" */
function setHint(names: SettingName[]): string {
  const keys = names.map((n) => SETTINGS[n].key).join(" and ");
  const envs = names.map((n) => SETTINGS[n].env).join(" / ");
  return `set ${keys} (or ${envs})`;
}

export interface ResolvedConfig {
  /** The value of a setting (config, then environment, then default), or undefined. */
  get(name: SettingName): string | undefined;
  /** Where a setting came from, for tests and messages; never the value. */
  source(name: SettingName): "config" | "env" | "default" | "unset";
  /** Replaces every configured secret value that occurs in `text` (defence in depth for error messages). */
  redact(text: string): string;
}

/** Resolves every setting once: stack config wins over the environment, which wins over the default. */
export function resolveConfig(config: ConfigSource | undefined, env: NodeJS.ProcessEnv = process.env): ResolvedConfig {
  const values = new Map<SettingName, string>();
  const sources = new Map<SettingName, "config" | "env" | "default">();
  const names = Object.keys(SETTINGS) as SettingName[];
  for (const name of names) {
    const s: Setting = SETTINGS[name];
    const fromConfig = nonEmpty(config?.get(s.key));
    const fromEnv = nonEmpty(env[s.env]);
    if (fromConfig !== undefined) {
      values.set(name, fromConfig);
      sources.set(name, "config");
    } else if (fromEnv !== undefined) {
      values.set(name, fromEnv);
      sources.set(name, "env");
    }
  }
  // Defaults second, so a default may depend on other settings (the TaurusDB endpoint on the Huawei Cloud region).
  for (const name of names) {
    const s: Setting = SETTINGS[name];
    if (values.has(name) || s.default === undefined) continue;
    const d = typeof s.default === "string" ? s.default : s.default((n) => values.get(n));
    if (d !== undefined) {
      values.set(name, d);
      sources.set(name, "default");
    }
  }
  // Very short values are skipped: replacing them would mangle ordinary words, and no real secret is that short.
  const secretValues = names
    .filter((n) => (SETTINGS[n] as Setting).secret === true)
    .map((n) => values.get(n))
    .filter((v): v is string => v !== undefined && v.length >= 3);
  return {
    get: (name) => values.get(name),
    source: (name) => sources.get(name) ?? "unset",
    redact: (text) => secretValues.reduce((t, v) => t.split(v).join("***"), text),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Clients, built on first use from a resolved configuration

/** Splits a TaurusDB endpoint that carries a path ("http://host:1/mysql/v3") into origin and path prefix. */
function huaweiEndpointParts(endpoint: string): { endpoint: string; pathPrefix?: string } {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new InvalidConfigError("huaweiEndpoint", "must be an absolute http(s) URL");
  }
  const path = url.pathname.replace(/\/+$/, "");
  return path === "" ? { endpoint: url.origin } : { endpoint: url.origin, pathPrefix: path };
}

// TLS verification stays on unless insecureSkipTlsVerifyEndpoint names one configured https endpoint: then it is off
// for that endpoint's origin only. A name, not a per-platform switch, so that pointing the platform at another server
// drops the exception instead of carrying it over, and one setting can never cover two servers.
const ENDPOINT_SETTINGS: readonly SettingName[] = ["oceanbaseEndpoint", "ocpEndpoint", "huaweiEndpoint"];

function originOf(url: string | undefined): string | undefined {
  try {
    return url === undefined ? undefined : new URL(url).origin;
  } catch {
    return undefined;
  }
}

/** The sdk's TLS options for a client of `endpoint` (the setting that names the client's endpoint). */
function tlsOptions(c: ResolvedConfig, endpoint: SettingName): { insecureSkipTlsVerify?: true; warn?: (line: string) => void } {
  const named = c.get("insecureSkipTlsVerifyEndpoint");
  if (named === undefined) return {};
  const origin = originOf(named);
  const configured = ENDPOINT_SETTINGS.map((n) => originOf(c.get(n)));
  if (origin === undefined || !origin.startsWith("https://") || !configured.includes(origin)) {
    throw new InvalidConfigError(
      "insecureSkipTlsVerifyEndpoint",
      `must be the URL of one of the configured https endpoints (${ENDPOINT_SETTINGS.map((n) => SETTINGS[n].key).join(", ")}), and it is none of them`,
    );
  }
  if (originOf(c.get(endpoint)) !== origin) return {};
  const key = SETTINGS.insecureSkipTlsVerifyEndpoint.key;
  return { insecureSkipTlsVerify: true, warn: (line) => void process.stderr.write(`pulumi-dbbackup: ${line} (${key}; unset it to verify again)\n`) };
}

// An sdk InvalidInputError from a client constructor names the client option; say which setting it came from.
function translateInvalid<T>(fields: Record<string, SettingName>, build: () => T): T {
  try {
    return build();
  } catch (e) {
    if (e instanceof InvalidInputError) {
      const name = fields[e.field];
      if (name !== undefined) throw new InvalidConfigError(name, e.rule);
    }
    throw e;
  }
}

export function oceanBaseClientFrom(c: ResolvedConfig): OceanBaseCloudClient {
  const accessKeyId = c.get("oceanbaseAccessKeyId");
  const accessKeySecret = c.get("oceanbaseAccessKeySecret");
  if (accessKeyId === undefined || accessKeySecret === undefined) {
    const names: SettingName[] = ["oceanbaseAccessKeyId", "oceanbaseAccessKeySecret"];
    throw new MissingConfigError(`OceanBase Cloud credentials are missing: ${setHint(names)}`, names);
  }
  const projectId = c.get("oceanbaseProjectId");
  return translateInvalid(
    { endpoint: "oceanbaseEndpoint", projectId: "oceanbaseProjectId", accessKeyId: "oceanbaseAccessKeyId", accessKeySecret: "oceanbaseAccessKeySecret" },
    () =>
      new OceanBaseCloudClient({
        endpoint: c.get("oceanbaseEndpoint") ?? DEFAULT_OCEANBASE_ENDPOINT,
        accessKeyId,
        accessKeySecret,
        ...(projectId !== undefined ? { projectId } : {}),
        ...requestTimeouts(),
        ...tlsOptions(c, "oceanbaseEndpoint"),
      }),
  );
}

export function ocpClientFrom(c: ResolvedConfig): OcpClient {
  const endpoint = c.get("ocpEndpoint");
  if (endpoint === undefined) {
    throw new MissingConfigError(`the OCP endpoint is missing: ${setHint(["ocpEndpoint"])} to your OCP server's URL`, ["ocpEndpoint"]);
  }
  const accessKeyId = c.get("ocpAccessKeyId");
  const accessKeySecret = c.get("ocpAccessKeySecret");
  const username = c.get("ocpUsername");
  const password = c.get("ocpPassword");
  const fields: Record<string, SettingName> = {
    endpoint: "ocpEndpoint",
    accessKeyId: "ocpAccessKeyId",
    accessKeySecret: "ocpAccessKeySecret",
    username: "ocpUsername",
    password: "ocpPassword",
  };
  // An AccessKey pair wins over Basic credentials; half a pair is an error rather than a silent fall-back.
  if (accessKeyId !== undefined || accessKeySecret !== undefined) {
    if (accessKeyId === undefined || accessKeySecret === undefined) {
      const names: SettingName[] = ["ocpAccessKeyId", "ocpAccessKeySecret"];
      const missing = accessKeyId === undefined ? "ocpAccessKeyId" : "ocpAccessKeySecret";
      throw new MissingConfigError(`OCP credentials are incomplete: ${SETTINGS[missing].key} (${SETTINGS[missing].env}) is not set; ${setHint(names)}`, names);
    }
    return translateInvalid(fields, () => new OcpClient({ endpoint, accessKeyId, accessKeySecret, ...requestTimeouts(), ...tlsOptions(c, "ocpEndpoint") }));
  }
  if (username !== undefined && password !== undefined) {
    return translateInvalid(fields, () => new OcpClient({ endpoint, username, password, ...requestTimeouts(), ...tlsOptions(c, "ocpEndpoint") }));
  }
  const names: SettingName[] = ["ocpAccessKeyId", "ocpAccessKeySecret", "ocpUsername", "ocpPassword"];
  throw new MissingConfigError(
    `OCP credentials are missing: set ${SETTINGS.ocpAccessKeyId.key} and ${SETTINGS.ocpAccessKeySecret.key} ` +
      `(or ${SETTINGS.ocpAccessKeyId.env} / ${SETTINGS.ocpAccessKeySecret.env}), ` +
      `or ${SETTINGS.ocpUsername.key}/${SETTINGS.ocpPassword.key} (${SETTINGS.ocpUsername.env}/${SETTINGS.ocpPassword.env})`,
    names,
  );
}

export function taurusDbClientFrom(c: ResolvedConfig): TaurusDbClient {
  const accessKey = c.get("huaweiAccessKey");
  const secretKey = c.get("huaweiSecretKey");
  if (accessKey === undefined || secretKey === undefined) {
    const names: SettingName[] = ["huaweiAccessKey", "huaweiSecretKey"];
    throw new MissingConfigError(`Huawei Cloud credentials are missing: ${setHint(names)}`, names);
  }
  const projectId = c.get("huaweiProjectId");
  if (projectId === undefined) {
    throw new MissingConfigError(`the Huawei Cloud project id is missing: ${setHint(["huaweiProjectId"])}`, ["huaweiProjectId"]);
  }
  const endpoint = c.get("huaweiEndpoint");
  if (endpoint === undefined) {
    const names: SettingName[] = ["huaweiRegion", "huaweiEndpoint"];
    throw new MissingConfigError(
      `the Huawei Cloud region is missing: ${setHint(["huaweiRegion"])}, or set ${SETTINGS.huaweiEndpoint.key} (${SETTINGS.huaweiEndpoint.env})`,
      names,
    );
  }
  const parts = huaweiEndpointParts(endpoint);
  const region = c.get("huaweiRegion");
  return translateInvalid(
    {
      endpoint: "huaweiEndpoint",
      pathPrefix: "huaweiEndpoint",
      region: "huaweiRegion",
      projectId: "huaweiProjectId",
      accessKey: "huaweiAccessKey",
      secretKey: "huaweiSecretKey",
    },
    () => new TaurusDbClient({ ...parts, ...(region !== undefined ? { region } : {}), projectId, accessKey, secretKey, ...requestTimeouts(), ...tlsOptions(c, "huaweiEndpoint") }),
  );
}

/** Clients built lazily (a missing credential only matters to the resources that need it), one of each per config. */
export function createClients(c: ResolvedConfig): Clients {
  let ob: OceanBaseCloudClient | undefined;
  let ocp: OcpClient | undefined;
  let hw: TaurusDbClient | undefined;
  return {
    oceanbase: () => (ob ??= oceanBaseClientFrom(c)),
    ocp: () => (ocp ??= ocpClientFrom(c)),
    taurusdb: () => (hw ??= taurusDbClientFrom(c)),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The active configuration of this process (set by configure(); the environment alone until then)

let active: { config: ResolvedConfig; clients: Clients; fingerprint: string; unknownKeys: string[] } | undefined;

/**
 * Called by the runtime's configure(): resolves the stack config (with environment fallbacks). The host configures
 * once per resource kind with the same config; the clients (and their connection pools) are kept when nothing changed.
 */
export function setConfiguration(config: ConfigSource | undefined, env: NodeJS.ProcessEnv = process.env): void {
  const resolved = resolveConfig(config, env);
  const names = Object.keys(SETTINGS) as SettingName[];
  const unknownKeys = unknownConfigKeys(config);
  const fingerprint = createHash("sha256")
    .update(JSON.stringify([names.map((n) => resolved.get(n) ?? null), unknownKeys]))
    .digest("hex");
  if (active?.fingerprint === fingerprint) return;
  active = { config: resolved, clients: createClients(resolved), fingerprint, unknownKeys };
}

function current(): { config: ResolvedConfig; clients: Clients; unknownKeys: string[] } {
  if (active === undefined) setConfiguration(undefined);
  return active as { config: ResolvedConfig; clients: Clients; unknownKeys: string[] };
}

/** Throws UnknownConfigKeyError when the stack config has `dbbackup:` keys that are no setting. */
export function requireKnownKeys(): void {
  const unknown = current().unknownKeys;
  if (unknown.length > 0) throw new UnknownConfigKeyError(unknown);
}

export function activeConfig(): ResolvedConfig {
  return current().config;
}

export function activeClients(): Clients {
  return current().clients;
}

// ---------------------------------------------------------------------------------------------------------------
// Poll timing for handlers' waits (environment only: a test knob, not a user setting)

export const POLL_INITIAL_ENV = "DBBACKUP_POLL_INITIAL_MS";
export const POLL_MAX_ENV = "DBBACKUP_POLL_MAX_MS";
export const DEFAULT_POLL_INITIAL_MS = DEFAULT_POLL.initialDelayMs;
export const DEFAULT_POLL_MAX_MS = DEFAULT_POLL.maxDelayMs;

export interface PollDefaults {
  /** Delay after the first status check: DBBACKUP_POLL_INITIAL_MS, default 2000. */
  initialDelayMs: number;
  /** Upper bound of the growing delay: DBBACKUP_POLL_MAX_MS, default 30000 (never below initialDelayMs). */
  maxDelayMs: number;
}

function positiveMs(raw: string | undefined, fallback: number): number {
  const n = raw === undefined || raw.trim() === "" ? NaN : Number(raw);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

/** Read on each call, so a test's environment applies without re-configuring. Spread into poll()/waitForTasks(). */
export function pollDefaults(env: NodeJS.ProcessEnv = process.env): PollDefaults {
  const initialDelayMs = positiveMs(env[POLL_INITIAL_ENV], DEFAULT_POLL_INITIAL_MS);
  const maxDelayMs = Math.max(initialDelayMs, positiveMs(env[POLL_MAX_ENV], DEFAULT_POLL_MAX_MS));
  return { initialDelayMs, maxDelayMs };
}

/**
 * DBBACKUP_POLL_FIXED_MS (environment only, for `npm run bench`): check at this fixed interval from the first second,
 * without growth, jitter or pacing: the fixed pollers the provider's own is measured against, run through the very
 * same handlers. Undefined when unset.
 */
export const POLL_FIXED_ENV = "DBBACKUP_POLL_FIXED_MS";

export function fixedPollMs(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const ms = positiveMs(env[POLL_FIXED_ENV], NaN);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * The pacing of waits whose length is foretold (sdk/pacing.ts), scaled with DBBACKUP_POLL_MAX_MS so the tests' short
 * poll timing shortens it too: by default checks 10 s apart in the expected window, at most 60 s apart before it, and
 * growing up to 30 s after it.
 */
export function pacingDefaults(env: NodeJS.ProcessEnv = process.env): PacingOptions {
  const { initialDelayMs, maxDelayMs } = pollDefaults(env);
  const scale = maxDelayMs / DEFAULT_POLL_MAX_MS;
  return {
    windowGapMs: DEFAULT_PACING.windowGapMs * scale,
    preWindowMaxMs: DEFAULT_PACING.preWindowMaxMs * scale,
    lateMaxMs: maxDelayMs,
    minGapMs: Math.min(DEFAULT_PACING.minGapMs, initialDelayMs / 2),
  };
}

/** DBBACKUP_HTTP_TIMEOUT_MS (environment only, a test knob like the poll timing): how long a request may wait for its
 * answer's headers and body; unset, the transport's defaults apply. The fault suite shortens it to inject latency past it. */
export const HTTP_TIMEOUT_ENV = "DBBACKUP_HTTP_TIMEOUT_MS";

function requestTimeouts(env: NodeJS.ProcessEnv = process.env): { timeouts?: { headersMs: number; bodyMs: number } } {
  const ms = positiveMs(env[HTTP_TIMEOUT_ENV], NaN);
  return Number.isNaN(ms) ? {} : { timeouts: { headersMs: ms, bodyMs: ms } };
}
