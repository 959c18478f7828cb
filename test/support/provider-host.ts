// Drives pulumi-dbbackup's resources through the real @pulumi/pulumi dynamic-provider host, against the emulator.
//
// Usage (call at the top of a describe(); hooks start everything in beforeAll and stop it in afterAll):
//
//   const h = useProviderHost();                        // options: config, env, emulator, resetBeforeEach, pollInitialMs
//   it("creates", async () => {
//     const mb = h.resource("ManualBackup", "snap");    // or h.backupStrategy / h.manualBackup / h.restoredTenant
//     const { inputs, failures } = await mb.check({ platform: "huawei-taurusdb", instanceId: HW_INSTANCE, name: "snap-1" });
//     const pending = mb.create(inputs);                 // the host polls with the real clock (DBBACKUP_POLL_INITIAL_MS=50)
//     await h.control.advance(60_000);                   // ...while the test moves the emulator's frozen clock
//     const { id, properties } = await pending;
//     expect((await mb.diff(id, properties, inputs)).changes).toBe("none");
//     const mark = await h.mark();  /* a check that must not send anything */  await h.expectNoRequestsSince(mark);
//   });
//
// - Every per-kind call adds the kind's `__provider` (from registering the EXPORTED class under pulumi.runtime.setMocks,
//   i.e. Pulumi's own serialization) to each property map that lacks one; pass maps exactly as the engine would
//   (olds = the state's outputs, news = the checked inputs). Errors are HostError (partial failures: .initFailure).
// - Secrets as the engine does: the host strips them before sending and marks returned properties secret by input
//   name. h.programInputs(kind, args) gives the inputs a program registers (class-wrapped secrets, __provider), the
//   faithful `news` for a first check; plain objects passed to check() carry no secret marks.
// - The host is configured with the emulator's endpoints and demo credentials (emulatorConfig() below); override keys
//   with `config` (a value of undefined removes a key). h.restart({ config, env }) starts a fresh host.
// - The emulator: h.url, h.control (reset, objects, replaceObjects, requests, addFault, advance, setDurations, …).
//   Its clock is frozen; it is reset before each test unless resetBeforeEach: false.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type * as pulumi from "@pulumi/pulumi";
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "../../emulator/server";
import * as dbbackup from "../../provider/index";
import type { ResourceKind } from "../../provider/types";
import { controlClient, type EmulatorControl, type RequestLogEntry } from "./emulator";
import {
  makeUrn,
  secret,
  startDynamicProviderHost,
  type CheckResult,
  type DiffResult,
  type HostHandle,
  type HostOptions,
  type PropertyMap,
  type ReadResult,
} from "./pulumi-host";
import { providerTextOf, registerUnderMocks } from "./serialize-provider";
import { eventually } from "./eventually";

export const PROJECT = "dbbackup-test";
export const KINDS: readonly ResourceKind[] = ["BackupStrategy", "ManualBackup", "RestoredTenant"];

/** The emulator's demo credentials (the fixtures.ts of each emulator family). */
export const EMULATOR_CREDENTIALS = {
  oceanbase: { accessKeyId: "emulator-ak", accessKeySecret: "emulator-sk", projectId: "emulator-project" },
  ocp: { accessKeyId: "emulator-ocp-ak", accessKeySecret: "emulator-ocp-sk", username: "admin", password: "emulator" },
  huawei: { accessKey: "EMULATORAK0000000000", secretKey: "emulator-huawei-sk", projectId: "0483b6b16e954cb88930a360d2c4e663", region: "emulator" },
} as const;

/** Every credential secret the emulator knows: none may appear in __provider, state, errors or logs. */
export const EMULATOR_SECRETS: readonly string[] = [
  EMULATOR_CREDENTIALS.oceanbase.accessKeySecret,
  EMULATOR_CREDENTIALS.ocp.accessKeySecret,
  EMULATOR_CREDENTIALS.huawei.secretKey,
  EMULATOR_CREDENTIALS.ocp.password,
];

/** Stack config pointing every platform at the emulator (secrets marked secret, as `pulumi config set --secret`). */
export function emulatorConfig(url: string): PropertyMap {
  const c = EMULATOR_CREDENTIALS;
  return {
    "dbbackup:oceanbaseEndpoint": url,
    "dbbackup:oceanbaseAccessKeyId": c.oceanbase.accessKeyId,
    "dbbackup:oceanbaseAccessKeySecret": secret(c.oceanbase.accessKeySecret),
    "dbbackup:oceanbaseProjectId": c.oceanbase.projectId,
    "dbbackup:ocpEndpoint": url,
    "dbbackup:ocpAccessKeyId": c.ocp.accessKeyId,
    "dbbackup:ocpAccessKeySecret": secret(c.ocp.accessKeySecret),
    "dbbackup:huaweiEndpoint": `${url}/v3`,
    "dbbackup:huaweiRegion": c.huawei.region,
    "dbbackup:huaweiProjectId": c.huawei.projectId,
    "dbbackup:huaweiAccessKey": c.huawei.accessKey,
    "dbbackup:huaweiSecretKey": secret(c.huawei.secretKey),
  };
}

export interface ProviderHostOptions {
  /** Stack config merged over the emulator defaults; undefined removes a key. Use secret() for secret values. */
  config?: Record<string, unknown>;
  /** Skip the emulator defaults entirely (config then holds the whole stack config). */
  noDefaultConfig?: boolean;
  /** Extra host environment (undefined removes a variable). OCEANBASE_*, OCP_*, HW_* are always cleared first. */
  env?: Record<string, string | undefined>;
  /** DBBACKUP_POLL_INITIAL_MS for the host (default 50); DBBACKUP_POLL_MAX_MS defaults to 250. */
  pollInitialMs?: number;
  pollMaxMs?: number;
  /** Emulator options (the clock is frozen unless frozenClock: false). */
  emulator?: EmulatorOptions;
  /** POST /__emulator/reset before each test (default true). */
  resetBeforeEach?: boolean;
}

export interface CallOptions {
  timeout?: number;
  oldInputs?: PropertyMap;
}

/** Calls of one resource (one URN) through the host, each map given its kind's __provider when it has none. */
export interface ResourceDriver {
  readonly kind: ResourceKind;
  readonly name: string;
  readonly urn: string;
  check(news: PropertyMap, olds?: PropertyMap): Promise<CheckResult>;
  diff(id: string, olds: PropertyMap, news: PropertyMap, opts?: { oldInputs?: PropertyMap; ignoreChanges?: string[] }): Promise<DiffResult>;
  create(inputs: PropertyMap, opts?: { timeout?: number }): Promise<{ id: string; properties: PropertyMap }>;
  read(id: string, props?: PropertyMap, inputs?: PropertyMap): Promise<ReadResult>;
  update(id: string, olds: PropertyMap, news: PropertyMap, opts?: CallOptions): Promise<{ properties: PropertyMap }>;
  delete(id: string, props: PropertyMap, opts?: CallOptions): Promise<void>;
  /** check (failing the test on check failures) then create: the first `pulumi up` of a resource. */
  up(args: PropertyMap): Promise<{ inputs: PropertyMap; id: string; properties: PropertyMap }>;
}

export interface ProviderHost {
  /** The emulator's base URL. */
  readonly url: string;
  readonly control: EmulatorControl;
  readonly emulator: RunningEmulator;
  /** The running host (logs, transcript(), raw calls). Replaced by restart(). */
  readonly host: HostHandle;
  /** The program directory the host runs in. */
  readonly workdir: string;
  /** The stack config the host was configured with (wire form, secrets marked). */
  readonly config: PropertyMap;
  /** The kind's `__provider` as Pulumi serializes the exported class (cached). */
  providerText(kind: ResourceKind): Promise<string>;
  /** The inputs a program registers for `new dbbackup.<kind>(name, args)`: secrets wrapped, __provider included. */
  programInputs(kind: ResourceKind, args: Record<string, unknown>, name?: string): Promise<PropertyMap>;
  resource(kind: ResourceKind, name?: string): ResourceDriver;
  readonly backupStrategy: ResourceDriver;
  readonly manualBackup: ResourceDriver;
  readonly restoredTenant: ResourceDriver;
  /** The last request-log sequence number (0 when none): pass to requestsSince / expectNoRequestsSince. */
  mark(): Promise<number>;
  requestsSince(mark: number): Promise<RequestLogEntry[]>;
  expectNoRequestsSince(mark: number): Promise<void>;
  /** Resolves once the emulator has answered a request matching method and path since the mark. */
  requestArrived(mark: number, method: string, path: RegExp): Promise<void>;
  /** Ends the host and starts a fresh one (new process, so configure runs again) with these options merged in. */
  restart(opts?: Pick<ProviderHostOptions, "config" | "noDefaultConfig" | "env" | "pollInitialMs" | "pollMaxMs">): Promise<HostHandle>;
}

const RESOURCE_CLASSES: Record<ResourceKind, new (name: string, args: never, opts?: pulumi.CustomResourceOptions) => pulumi.CustomResource> = {
  BackupStrategy: dbbackup.BackupStrategy,
  ManualBackup: dbbackup.ManualBackup,
  RestoredTenant: dbbackup.RestoredTenant,
};

/** The compiled root this test runs from (dist/ or .dev/<name>/): it holds provider/, sdk/, emulator/, test/. */
export const COMPILED_ROOT = path.resolve(__dirname, "../..");
/** The repository (package.json, node_modules). */
export const REPO_ROOT = path.dirname(require.resolve("@pulumi/pulumi/package.json")).replace(/[\\/]node_modules[\\/]@pulumi[\\/]pulumi$/, "");

/**
 * A program directory whose node_modules has pulumi-dbbackup = { package.json copy, dist -> compiled root } and links
 * to @pulumi/pulumi, undici and zod: the shim's require("pulumi-dbbackup/provider/runtime") resolves through the
 * package's "exports" exactly as in an installed package.
 */
export function createPackageWorkdir(compiledRoot: string = COMPILED_ROOT): { dir: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dbb-provider-"));
  try {
    const nm = path.join(dir, "node_modules");
    const pkg = path.join(nm, "pulumi-dbbackup");
    fs.mkdirSync(pkg, { recursive: true });
    fs.copyFileSync(path.join(REPO_ROOT, "package.json"), path.join(pkg, "package.json"));
    fs.symlinkSync(compiledRoot, path.join(pkg, "dist"), "dir");
    for (const dep of ["@pulumi/pulumi", "undici", "zod"]) {
      const target = path.dirname(require.resolve(`${dep}/package.json`, { paths: [REPO_ROOT] }));
      fs.mkdirSync(path.dirname(path.join(nm, dep)), { recursive: true });
      fs.symlinkSync(target, path.join(nm, dep), "dir");
    }
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "dbbackup-test-program", private: true }));
  } catch (e) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** The host environment: platform variables cleared (so only the given config counts), short poll delays. */
export function hostEnv(opts: Pick<ProviderHostOptions, "env" | "pollInitialMs" | "pollMaxMs"> = {}): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {};
  for (const k of Object.keys(process.env)) if (/^(OCEANBASE_|OCP_|HW_|DBBACKUP_)/.test(k)) env[k] = undefined;
  env.DBBACKUP_POLL_INITIAL_MS = String(opts.pollInitialMs ?? 50);
  env.DBBACKUP_POLL_MAX_MS = String(opts.pollMaxMs ?? 250);
  return { ...env, ...opts.env };
}

function mergeConfig(base: PropertyMap, overrides: Record<string, unknown> = {}): PropertyMap {
  const out: PropertyMap = { ...base };
  for (const [k, v] of Object.entries(overrides)) {
    if (v === undefined) delete out[k];
    else out[k] = v;
  }
  return out;
}

const providerTexts = new Map<ResourceKind, Promise<string>>();

/** Minimal args per kind for serializing the provider (mocks never call it, so values need not be valid). */
const PROBE_ARGS: Record<ResourceKind, Record<string, unknown>> = {
  BackupStrategy: { clusterId: 1, backupMode: "PHYSICAL_BACKUP", obBackupScheduleConfig: {}, obBackupThresholdConfig: {}, obBackupServiceStorageConfig: {} },
  ManualBackup: { platform: "huawei-taurusdb", instanceId: "probe" },
  RestoredTenant: { sourceInstanceId: "probe", sourceTenantId: "probe" },
};

/** The inputs a program registers for one resource (under pulumi.runtime.setMocks; the provider is never called). */
export async function registerProgramInputs(kind: ResourceKind, args: Record<string, unknown>, name = "program"): Promise<PropertyMap> {
  const Class = RESOURCE_CLASSES[kind];
  const regs = await registerUnderMocks(() => new Class(name, args as never), { project: PROJECT });
  const reg = regs.find((r) => r.name === name);
  if (reg === undefined) throw new Error(`no registration of ${kind} ${name}`);
  return reg.inputs;
}

/** `__provider` of a kind, from Pulumi's own serialization of the exported class. */
export function providerTextFor(kind: ResourceKind): Promise<string> {
  let text = providerTexts.get(kind);
  if (text === undefined) {
    text = registerProgramInputs(kind, PROBE_ARGS[kind], "probe").then(providerTextOf);
    providerTexts.set(kind, text);
  }
  return text;
}

/** A dynamic-provider host in `cwd`, configured for the emulator at `url` (options merged over emulatorConfig). */
export async function startConfiguredHost(
  url: string,
  cwd: string,
  opts: Pick<ProviderHostOptions, "config" | "noDefaultConfig" | "env" | "pollInitialMs" | "pollMaxMs"> = {},
  deadlines: Pick<HostOptions, "callTimeoutMs" | "operationTimeoutMs"> = {},
): Promise<{ host: HostHandle; config: PropertyMap }> {
  const config = mergeConfig(opts.noDefaultConfig === true ? {} : emulatorConfig(url), opts.config);
  const host = await startDynamicProviderHost({ cwd, project: PROJECT, env: hostEnv(opts), ...deadlines });
  try {
    await host.configure(config);
  } catch (e) {
    await host.close();
    throw e;
  }
  return { host, config };
}

/** The `__provider` of a kind added to a property map that has none (maps are sent as the engine would). */
async function withProvider(kind: ResourceKind, props: PropertyMap | undefined): Promise<PropertyMap> {
  const p = props ?? {};
  return "__provider" in p ? p : { ...p, __provider: await providerTextFor(kind) };
}

/** Calls of one resource (one URN) through a running host; no jest needed (the fault suite runs it as a plain script). */
export function resourceDriver(h: () => HostHandle, kind: ResourceKind, name: string = kind.toLowerCase()): ResourceDriver {
  const urn = makeUrn(`pulumi-nodejs:dynamic/dbbackup:${kind}`, name, { project: PROJECT });
  const driver: ResourceDriver = {
    kind,
    name,
    urn,
    check: async (news, olds = {}) => h().check(urn, Object.keys(olds).length === 0 ? {} : await withProvider(kind, olds), await withProvider(kind, news)),
    diff: async (id, olds, news, o = {}) => {
      const oldInputs = o.oldInputs === undefined ? undefined : await withProvider(kind, o.oldInputs);
      return h().diff(id, urn, await withProvider(kind, olds), await withProvider(kind, news), { ...o, ...(oldInputs ? { oldInputs } : {}) });
    },
    create: async (inputs, o = {}) => h().create(urn, await withProvider(kind, inputs), o),
    read: async (id, props, inputs) => h().read(id, urn, await withProvider(kind, props), inputs === undefined ? undefined : await withProvider(kind, inputs)),
    update: async (id, olds, news, o = {}) => {
      const oldInputs = o.oldInputs === undefined ? undefined : await withProvider(kind, o.oldInputs);
      return h().update(id, urn, await withProvider(kind, olds), await withProvider(kind, news), { ...o, ...(oldInputs ? { oldInputs } : {}) });
    },
    delete: async (id, props, o = {}) => {
      const oldInputs = o.oldInputs === undefined ? undefined : await withProvider(kind, o.oldInputs);
      return h().delete(id, urn, await withProvider(kind, props), { ...o, ...(oldInputs ? { oldInputs } : {}) });
    },
    up: async (args) => {
      const checked = await driver.check(args);
      if (checked.failures.length > 0) throw new Error(`check failed: ${JSON.stringify(checked.failures)}`);
      const created = await driver.create(checked.inputs);
      return { inputs: checked.inputs, id: created.id, properties: created.properties };
    },
  };
  return driver;
}

export function useProviderHost(opts: ProviderHostOptions = {}): ProviderHost {
  let emulator: RunningEmulator | undefined;
  let workdir: { dir: string; remove(): void } | undefined;
  let host: HostHandle | undefined;
  let config: PropertyMap = {};
  let hostOpts: Pick<ProviderHostOptions, "config" | "noDefaultConfig" | "env" | "pollInitialMs" | "pollMaxMs"> = opts;

  const need = <T>(v: T | undefined, what: string): T => {
    if (v === undefined) throw new Error(`the provider host's ${what} is not running: use it inside tests or hooks`);
    return v;
  };
  const control = controlClient("http://unset.invalid");
  const lazyControl = new Proxy(control, {
    get: (_t, key: keyof EmulatorControl) => controlClient(need(emulator, "emulator").url)[key],
  });

  const startHost = async (): Promise<HostHandle> => {
    const started = await startConfiguredHost(need(emulator, "emulator").url, need(workdir, "workdir").dir, hostOpts);
    config = started.config;
    return started.host;
  };

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, frozenClock: true, ...opts.emulator });
    workdir = createPackageWorkdir();
    host = await startHost();
  });
  if (opts.resetBeforeEach !== false) {
    beforeEach(async () => {
      await controlClient(need(emulator, "emulator").url).reset();
    });
  }
  afterAll(async () => {
    // Each step runs even when an earlier one fails, so no process or directory outlives the file.
    const steps: (() => Promise<void> | void)[] = [() => host?.close(), () => emulator?.close(), () => workdir?.remove()];
    const errors: unknown[] = [];
    for (const step of steps) {
      try {
        await step();
      } catch (e) {
        errors.push(e);
      }
    }
    host = undefined;
    emulator = undefined;
    workdir = undefined;
    if (errors.length > 0) throw errors[0];
  });

  const resource = (kind: ResourceKind, name?: string): ResourceDriver => resourceDriver(() => need(host, "host"), kind, name);

  const requests = async (): Promise<RequestLogEntry[]> => controlClient(need(emulator, "emulator").url).requests();

  return {
    get url() {
      return need(emulator, "emulator").url;
    },
    control: lazyControl,
    get emulator() {
      return need(emulator, "emulator");
    },
    get host() {
      return need(host, "host");
    },
    get workdir() {
      return need(workdir, "workdir").dir;
    },
    get config() {
      return config;
    },
    providerText: providerTextFor,
    programInputs: (kind, args, name) => registerProgramInputs(kind, args, name),
    resource,
    backupStrategy: resource("BackupStrategy"),
    manualBackup: resource("ManualBackup"),
    restoredTenant: resource("RestoredTenant"),
    mark: async () => (await requests()).reduce((max, r) => Math.max(max, r.seq), 0),
    requestsSince: async (mark) => (await requests()).filter((r) => r.seq > mark),
    requestArrived: async (mark, method, path) => {
      await eventually(`${method} ${String(path)} at the emulator`, async () =>
        (await requests()).some((r) => r.seq > mark && r.method === method && path.test(r.path)) ? true : undefined,
      );
    },
    expectNoRequestsSince: async (mark) => {
      const sent = (await requests()).filter((r) => r.seq > mark).map((r) => `${r.method} ${r.path}`);
      expect(sent).toEqual([]);
    },
    restart: async (o = {}) => {
      await host?.close();
      host = undefined;
      hostOpts = { ...opts, ...o };
      host = await startHost();
      return host;
    },
  };
}
