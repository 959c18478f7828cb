// A client of the real @pulumi/pulumi dynamic-provider host, driving it over gRPC the way the Pulumi engine does,
// without the CLI, for fast tests of single handlers (test/support/pulumi-host.ts re-exports it; end-to-end tests run the CLI).
//
// What the engine does (pulumi/pulumi sdk/go/common/resource/plugin/{plugin,provider_plugin}.go) and this file copies:
// - runs `pulumi-resource-pulumi-nodejs <engine-address>`, a script that resolves @pulumi/pulumi/cmd/dynamic-provider
//   from the program directory and runs it with node, in that directory, with PULUMI_NODEJS_PROJECT/PULUMI_PROJECT set;
// - reads the port from the first stdout line; every later stdout line is shown to the user as info, stderr as info#err;
// - calls Handshake (the host answers UNIMPLEMENTED), GetPluginInfo, then Configure with the whole stack config
//   ("ns:key" keys, secrets kept as secret objects), and learns acceptSecrets=false from the answer;
// - therefore sends every later request with secrets stripped to plain values, and marks a returned property secret
//   when the input of the same name held a secret (annotateSecrets);
// - reads a partial failure (ErrorResourceInitFailed) from the grpc-status-details-bin trailer.
// Property maps in this API use the engine's wire form (properties.ts).

import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { createRequire } from "node:module";
import * as path from "node:path";
import type * as grpcTypes from "@grpc/grpc-js";
import type * as structTypes from "google-protobuf/google/protobuf/struct_pb";
import type * as emptyTypes from "google-protobuf/google/protobuf/empty_pb";
import type * as provTypes from "@pulumi/pulumi/proto/provider_pb";
import type * as provGrpcTypes from "@pulumi/pulumi/proto/provider_grpc_pb";
import type * as statusTypes from "@pulumi/pulumi/proto/status_pb";
import type * as engineTypes from "@pulumi/pulumi/proto/engine_pb";
import type * as engineGrpcTypes from "@pulumi/pulumi/proto/engine_grpc_pb";
import type * as pluginTypes from "@pulumi/pulumi/proto/plugin_pb";
import { pulumiRequire } from "../../scripts/paths";
import { annotateSecrets, dropUndefined, stripSecrets, urnParts, type PropertyMap } from "./properties";

/** Every resource request names its resource three ways: the URN, and the name and type taken from it. */
function identify(req: { setUrn(v: string): unknown; setName(v: string): unknown; setType(v: string): unknown }, urn: string): void {
  const { name, type } = urnParts(urn);
  req.setUrn(urn);
  req.setName(name);
  req.setType(type);
}

// grpc and the protobuf classes through @pulumi/pulumi's own resolution, so they are the copies the package uses.
const grpc = pulumiRequire("@grpc/grpc-js") as typeof grpcTypes;
const structpb = pulumiRequire("google-protobuf/google/protobuf/struct_pb") as typeof structTypes;
const emptypb = pulumiRequire("google-protobuf/google/protobuf/empty_pb") as typeof emptyTypes;
const provpb = pulumiRequire("./proto/provider_pb") as typeof provTypes;
const provgrpc = pulumiRequire("./proto/provider_grpc_pb") as typeof provGrpcTypes;
const statuspb = pulumiRequire("./proto/status_pb") as typeof statusTypes;
const enginepb = pulumiRequire("./proto/engine_pb") as typeof engineTypes;
const enginegrpc = pulumiRequire("./proto/engine_grpc_pb") as typeof engineGrpcTypes;

function toStruct(props: PropertyMap, keepSecrets: boolean): structTypes.Struct {
  const wire = keepSecrets ? dropUndefined(props) : stripSecrets(props);
  return structpb.Struct.fromJavaScript(wire as Record<string, structTypes.JavaScriptValue>);
}

function fromStruct(s: structTypes.Struct | undefined): PropertyMap {
  return (s?.toJavaScript() ?? {}) as PropertyMap;
}

/** The gRPC status code UNIMPLEMENTED, UNAVAILABLE, ... by name. */
export const GRPC_STATUS = grpc.status;

// ---------------------------------------------------------------------------------------------------------------
// Errors

export interface InitFailure {
  id: string;
  /** Live outputs the provider attached to the error (secrets annotated against the request inputs). */
  properties: PropertyMap;
  inputs?: PropertyMap;
  reasons: string[];
}

/** A gRPC error from the host. For partial failures, initFailure holds the decoded ErrorResourceInitFailed. */
export class HostError extends Error {
  override readonly name = "HostError";
  constructor(
    readonly method: string,
    readonly code: number,
    readonly codeName: string,
    message: string,
    readonly initFailure?: InitFailure,
  ) {
    super(message);
  }
}

const INIT_FAILED_TYPE = "pulumirpc.ErrorResourceInitFailed";

function decodeInitFailure(err: grpcTypes.ServiceError, requestInputs: PropertyMap): InitFailure | undefined {
  for (const bin of err.metadata?.get("grpc-status-details-bin") ?? []) {
    const status = statuspb.Status.deserializeBinary(new Uint8Array(bin as Buffer));
    for (const any of status.getDetailsList()) {
      if (any.getTypeName() !== INIT_FAILED_TYPE) continue;
      const detail = provpb.ErrorResourceInitFailed.deserializeBinary(any.getValue_asU8());
      const properties = fromStruct(detail.getProperties());
      annotateSecrets(properties, requestInputs);
      return {
        id: detail.getId(),
        properties,
        inputs: detail.hasInputs() ? fromStruct(detail.getInputs()) : undefined,
        reasons: detail.getReasonsList(),
      };
    }
  }
  return undefined;
}

function toHostError(method: string, err: grpcTypes.ServiceError, requestInputs: PropertyMap = {}): HostError {
  const codeName = (grpc.status as unknown as Record<number, string>)[err.code] ?? String(err.code);
  return new HostError(method, err.code, codeName, err.details, decodeInitFailure(err, requestInputs));
}

// ---------------------------------------------------------------------------------------------------------------
// Logs: what the engine would show the user

export type LogSource = "stdout" | "stderr" | "engine";
export interface HostLog {
  source: LogSource;
  /** diag severities: stdout lines are "info", stderr lines "info#err"; engine Log calls keep their own. */
  severity: "debug" | "info" | "info#err" | "warning" | "error";
  message: string;
}

const ENGINE_SEVERITY: Record<number, HostLog["severity"]> = {
  [enginepb.LogSeverity.DEBUG]: "debug",
  [enginepb.LogSeverity.INFO]: "info",
  [enginepb.LogSeverity.WARNING]: "warning",
  [enginepb.LogSeverity.ERROR]: "error",
};

class LogBook {
  readonly entries: HostLog[] = [];
  private waiters: { match: (l: HostLog) => boolean; resolve: (l: HostLog) => void }[] = [];

  constructor(private readonly onLog?: (entry: HostLog) => void) {}

  add(entry: HostLog): void {
    this.entries.push(entry);
    this.onLog?.(entry);
    this.waiters = this.waiters.filter((w) => {
      if (!w.match(entry)) return true;
      w.resolve(entry);
      return false;
    });
  }

  waitFor(pattern: string | RegExp, timeoutMs: number): Promise<HostLog> {
    const match = (l: HostLog): boolean =>
      typeof pattern === "string" ? l.message.includes(pattern) : pattern.test(l.message);
    const found = this.entries.find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.resolve !== done);
        reject(new Error(`no host log matching ${String(pattern)} within ${timeoutMs} ms`));
      }, timeoutMs);
      const done = (l: HostLog): void => {
        clearTimeout(timer);
        resolve(l);
      };
      this.waiters.push({ match, resolve: done });
    });
  }
}

/** Splits a stream into lines (a last line without a newline is delivered at end()). */
function lineReader(onLine: (line: string) => void): { push(chunk: string): void; end(): void } {
  let buf = "";
  return {
    push(chunk) {
      buf += chunk;
      let nl = buf.indexOf("\n");
      while (nl >= 0) {
        onLine(buf.slice(0, nl));
        buf = buf.slice(nl + 1);
        nl = buf.indexOf("\n");
      }
    },
    end() {
      if (buf !== "") onLine(buf);
      buf = "";
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// A minimal pulumirpc.Engine: the address the engine passes as the host's argument. The 3.248 host never dials it
// (cmd/dynamic-provider/index.js only checks that an argument exists), but if a host version does, its Log calls land
// in the same log book.

async function startEngineStub(logs: LogBook): Promise<{ address: string; logCalls: () => number; close(): Promise<void> }> {
  const server = new grpc.Server();
  let calls = 0;
  server.addService(enginegrpc.EngineService, {
    log(call: grpcTypes.ServerUnaryCall<engineTypes.LogRequest, emptyTypes.Empty>, cb: grpcTypes.sendUnaryData<emptyTypes.Empty>) {
      calls++;
      const req = call.request;
      logs.add({ source: "engine", severity: ENGINE_SEVERITY[req.getSeverity()] ?? "info", message: req.getMessage() });
      cb(null, new emptypb.Empty());
    },
    getRootResource(_call: unknown, cb: grpcTypes.sendUnaryData<engineTypes.GetRootResourceResponse>) {
      cb(null, new enginepb.GetRootResourceResponse());
    },
    setRootResource(_call: unknown, cb: grpcTypes.sendUnaryData<engineTypes.SetRootResourceResponse>) {
      cb(null, new enginepb.SetRootResourceResponse());
    },
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
  );
  return {
    address: `127.0.0.1:${port}`,
    logCalls: () => calls,
    close: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The host

export interface HostOptions {
  /** The program directory: the host runs here, and require()s in the serialized provider resolve from here. */
  cwd: string;
  /** Project name (PULUMI_NODEJS_PROJECT / PULUMI_PROJECT); config.get("k") without a namespace reads "<project>:k". */
  project?: string;
  /** Extra environment for the host process (undefined removes a variable). */
  env?: Record<string, string | undefined>;
  /** Deadline for the host to print its port and for each RPC, in ms. */
  callTimeoutMs?: number;
  /** Deadline of Create/Update/Delete calls in ms (they may wait for the cloud); default callTimeoutMs. */
  operationTimeoutMs?: number;
  /** Called with every log entry as it arrives (stdout/stderr lines after the port, engine Log calls). */
  onLog?: (entry: HostLog) => void;
}

export interface Protocol {
  handshakeImplemented: boolean;
  acceptSecrets: boolean;
  acceptResources: boolean;
  supportsPreview: boolean;
}

export interface CheckResult {
  inputs: PropertyMap;
  failures: { property: string; reason: string }[];
}

export interface DiffResult {
  changes: "unknown" | "none" | "some";
  replaces: string[];
  stables: string[];
  diffs: string[];
  deleteBeforeReplace: boolean;
  detailedDiff?: Record<string, { kind: number; inputDiff: boolean }>;
}

export interface ReadResult {
  /** "" when the provider reported the resource gone; the engine then drops it from state. */
  id: string;
  gone: boolean;
  properties: PropertyMap;
  inputs?: PropertyMap;
}

export interface HostHandle {
  readonly port: number;
  readonly pid: number;
  /** GetPluginInfo's version: the @pulumi/pulumi version the host runs. */
  readonly pluginVersion: string;
  readonly protocol: Protocol;
  /** Everything the engine would surface from the host: stdout/stderr lines after the port, and engine Log calls. */
  readonly logs: readonly HostLog[];
  /** Number of calls the host made to the engine's Log RPC. */
  engineLogCalls(): number;
  /** All log messages joined by newlines: assert secrets are absent from this. */
  transcript(): string;
  /** Resolves once a log line matching pattern has arrived (output is asynchronous to the RPC answers). */
  waitForLog(pattern: string | RegExp, timeoutMs?: number): Promise<HostLog>;

  /** Stack config, keys "namespace:key"; mark secret values with secret(). Must come first, as with the engine. */
  configure(config: PropertyMap, target?: { urn?: string; id?: string }): Promise<void>;
  check(urn: string, olds: PropertyMap, news: PropertyMap): Promise<CheckResult>;
  /** olds are the old OUTPUTS (what the engine sends as `olds`); news are the new checked inputs. */
  diff(id: string, urn: string, olds: PropertyMap, news: PropertyMap, opts?: { oldInputs?: PropertyMap; ignoreChanges?: string[] }): Promise<DiffResult>;
  create(urn: string, props: PropertyMap, opts?: { timeout?: number; preview?: boolean }): Promise<{ id: string; properties: PropertyMap }>;
  read(id: string, urn: string, props: PropertyMap, inputs?: PropertyMap): Promise<ReadResult>;
  /** olds are the old OUTPUTS; news the new checked inputs. The returned properties replace the state's outputs. */
  update(id: string, urn: string, olds: PropertyMap, news: PropertyMap, opts?: { oldInputs?: PropertyMap; timeout?: number; preview?: boolean }): Promise<{ properties: PropertyMap }>;
  /** props are the OUTPUTS in state (the host reads __provider from them). */
  delete(id: string, urn: string, props: PropertyMap, opts?: { oldInputs?: PropertyMap; timeout?: number }): Promise<void>;
  /** Closes the connection and ends the host process; idempotent. After it resolves, logs are complete. */
  close(): Promise<void>;
}

type Callback<T> = (err: grpcTypes.ServiceError | null, res?: T) => void;

export async function startDynamicProviderHost(opts: HostOptions): Promise<HostHandle> {
  const logs = new LogBook(opts.onLog);
  const project = opts.project ?? "test";
  const callTimeoutMs = opts.callTimeoutMs ?? 20_000;
  const operationTimeoutMs = opts.operationTimeoutMs ?? callTimeoutMs;
  // The real launcher (pulumi-resource-pulumi-nodejs) resolves the script from the program directory.
  const script = createRequire(path.join(opts.cwd, "program.js")).resolve("@pulumi/pulumi/cmd/dynamic-provider");
  const engine = await startEngineStub(logs);

  const env: Record<string, string | undefined> = { ...process.env, PULUMI_NODEJS_PROJECT: project, PULUMI_PROJECT: project };
  // The engine never gives a resource plugin these; inherited ones would make pulumi.log dial a stale engine.
  delete env.PULUMI_NODEJS_ENGINE;
  delete env.PULUMI_NODEJS_MONITOR;
  for (const [k, v] of Object.entries(opts.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }

  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [script, engine.address], {
    cwd: opts.cwd,
    env: env as NodeJS.ProcessEnv,
    stdio: ["pipe", "pipe", "pipe"],
    // Its own process group: a Ctrl-C in the terminal reaches the runner only, which lets the calls in flight
    // finish (command.ts); the runner's 'exit' hook below still ends the host.
    detached: true,
  });
  const killOnExit = (): void => {
    child.kill("SIGKILL");
  };
  process.once("exit", killOnExit);
  const exited = new Promise<void>((resolve) => child.once("close", () => resolve()));

  let stderrText = "";
  const errLines = lineReader((line) => logs.add({ source: "stderr", severity: "info#err", message: line }));
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (c: string) => {
    stderrText += c;
    errLines.push(c);
  });
  child.stderr.on("end", () => errLines.end());

  let resolvePort: (p: number) => void = () => undefined;
  let rejectPort: (e: Error) => void = () => undefined;
  const portPromise = new Promise<number>((resolve, reject) => {
    resolvePort = resolve;
    rejectPort = reject;
  });
  let sawPort = false;
  const outLines = lineReader((line) => {
    if (!sawPort) {
      sawPort = true;
      const port = Number(line.trim());
      if (Number.isInteger(port) && port > 0 && port <= 65535) resolvePort(port);
      else rejectPort(new Error(`dynamic-provider host wrote an invalid port: ${JSON.stringify(line)}`));
      return;
    }
    logs.add({ source: "stdout", severity: "info", message: line });
  });
  child.stdout.setEncoding("utf8");
  child.stdout.on("data", (c: string) => outLines.push(c));
  child.stdout.on("end", () => outLines.end());
  child.once("close", (code, signal) => {
    if (!sawPort) rejectPort(new Error(`dynamic-provider host exited (${code ?? signal}) before its port: ${stderrText}`));
  });
  const startTimer = setTimeout(
    () => rejectPort(new Error(`dynamic-provider host printed no port within ${callTimeoutMs} ms: ${stderrText}`)),
    callTimeoutMs,
  );
  void portPromise.finally(() => clearTimeout(startTimer)).catch(() => undefined);

  let client: provGrpcTypes.ResourceProviderClient | undefined;
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return exited;
    closed = true;
    client?.close();
    child.kill("SIGTERM");
    const forced = setTimeout(() => child.kill("SIGKILL"), 3000);
    await exited;
    clearTimeout(forced);
    process.removeListener("exit", killOnExit);
    await engine.close();
  };

  try {
    const port = await portPromise;
    client = new provgrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    const c = client;
    const callOpts = (): Partial<grpcTypes.CallOptions> => ({ deadline: Date.now() + callTimeoutMs });
    const operationOpts = (): Partial<grpcTypes.CallOptions> => ({ deadline: Date.now() + operationTimeoutMs });
    const unary = <T>(method: string, invoke: (cb: Callback<T>) => void, requestInputs?: PropertyMap): Promise<T> =>
      new Promise<T>((resolve, reject) =>
        invoke((err, res) => (err ? reject(toHostError(method, err, requestInputs)) : resolve(res as T))),
      );

    await new Promise<void>((resolve, reject) =>
      c.waitForReady(Date.now() + callTimeoutMs, (err) => (err ? reject(err) : resolve())),
    );

    // Handshake first, as the engine does; UNIMPLEMENTED means "use Configure's answer".
    const protocol: Protocol = { handshakeImplemented: false, acceptSecrets: false, acceptResources: false, supportsPreview: false };
    const hs = new provpb.ProviderHandshakeRequest();
    hs.setEngineAddress(engine.address);
    hs.setRootDirectory(opts.cwd);
    hs.setProgramDirectory(opts.cwd);
    hs.setConfigureWithUrn(true);
    hs.setSupportsViews(true);
    hs.setSupportsRefreshBeforeUpdate(true);
    try {
      const res = await unary<provTypes.ProviderHandshakeResponse>("handshake", (cb) => c.handshake(hs, new grpc.Metadata(), callOpts(), cb));
      Object.assign(protocol, {
        handshakeImplemented: true,
        acceptSecrets: res.getAcceptSecrets(),
        acceptResources: res.getAcceptResources(),
        supportsPreview: true,
      });
    } catch (e) {
      if (!(e instanceof HostError && e.code === grpc.status.UNIMPLEMENTED)) throw e;
    }
    const info = await unary<pluginTypes.PluginInfo>("getPluginInfo", (cb) => c.getPluginInfo(new emptypb.Empty(), new grpc.Metadata(), callOpts(), cb));

    let configured = false;
    const requireConfigured = (method: string): void => {
      if (!configured) throw new Error(`${method} before configure(): the engine always configures a provider first`);
    };
    const keepSecrets = (): boolean => protocol.acceptSecrets;

    const handle: HostHandle = {
      port,
      pid: child.pid ?? -1,
      pluginVersion: info.getVersion(),
      protocol,
      logs: logs.entries,
      engineLogCalls: () => engine.logCalls(),
      transcript: () => logs.entries.map((l) => l.message).join("\n"),
      waitForLog: (pattern, timeoutMs = 5000) => logs.waitFor(pattern, timeoutMs),

      async configure(config, target = {}) {
        const req = new provpb.ConfigureRequest();
        const variables = req.getVariablesMap();
        for (const [k, v] of Object.entries(config)) {
          const plain = stripSecrets(v);
          variables.set(`pulumi-nodejs:config:${k}`, typeof plain === "string" ? plain : JSON.stringify(plain));
        }
        req.setArgs(toStruct(config, true));
        req.setAcceptsecrets(true);
        req.setAcceptresources(true);
        req.setSendsOldInputs(true);
        req.setSendsOldInputsToDelete(true);
        if (target.urn !== undefined) {
          identify(req, target.urn);
        }
        if (target.id !== undefined) req.setId(target.id);
        const res = await unary<provTypes.ConfigureResponse>("configure", (cb) => c.configure(req, new grpc.Metadata(), callOpts(), cb));
        if (!protocol.handshakeImplemented) {
          protocol.acceptSecrets = res.getAcceptsecrets();
          protocol.acceptResources = res.getAcceptresources();
          protocol.supportsPreview = res.getSupportspreview();
        }
        configured = true;
      },

      async check(urn, olds, news) {
        requireConfigured("check");
        const req = new provpb.CheckRequest();
        identify(req, urn);
        req.setOlds(toStruct(olds, keepSecrets()));
        req.setNews(toStruct(news, keepSecrets()));
        const res = await unary<provTypes.CheckResponse>("check", (cb) => c.check(req, new grpc.Metadata(), callOpts(), cb));
        const inputs = fromStruct(res.getInputs());
        if (!protocol.acceptSecrets) annotateSecrets(inputs, news);
        return {
          inputs,
          failures: res.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
        };
      },

      async diff(id, urn, olds, news, dopts = {}) {
        requireConfigured("diff");
        const req = new provpb.DiffRequest();
        req.setId(id);
        identify(req, urn);
        req.setOlds(toStruct(olds, keepSecrets()));
        req.setNews(toStruct(news, keepSecrets()));
        req.setOldInputs(toStruct(dopts.oldInputs ?? {}, keepSecrets()));
        req.setIgnorechangesList(dopts.ignoreChanges ?? []);
        const res = await unary<provTypes.DiffResponse>("diff", (cb) => c.diff(req, new grpc.Metadata(), callOpts(), cb));
        const changes = res.getChanges();
        const C = provpb.DiffResponse.DiffChanges;
        const result: DiffResult = {
          changes: changes === C.DIFF_SOME ? "some" : changes === C.DIFF_NONE ? "none" : "unknown",
          replaces: res.getReplacesList(),
          stables: res.getStablesList(),
          diffs: res.getDiffsList(),
          deleteBeforeReplace: res.getDeletebeforereplace(),
        };
        if (res.getHasdetaileddiff()) {
          result.detailedDiff = {};
          res.getDetaileddiffMap().forEach((d, k) => {
            result.detailedDiff![k] = { kind: d.getKind(), inputDiff: d.getInputdiff() };
          });
        }
        return result;
      },

      async create(urn, props, copts = {}) {
        requireConfigured("create");
        // The engine skips Create in preview unless the provider said it supports previews (this host does not).
        if (copts.preview === true && !protocol.supportsPreview) return { id: "", properties: props };
        const req = new provpb.CreateRequest();
        identify(req, urn);
        req.setProperties(toStruct(props, keepSecrets()));
        req.setTimeout(copts.timeout ?? 0);
        req.setPreview(copts.preview === true);
        const res = await unary<provTypes.CreateResponse>("create", (cb) => c.create(req, new grpc.Metadata(), operationOpts(), cb), props);
        const id = res.getId();
        if (id === "" && copts.preview !== true) throw new Error(`plugin for package 'pulumi-nodejs' returned empty resource.ID from create '${urn}'`);
        const properties = fromStruct(res.getProperties());
        if (!protocol.acceptSecrets) annotateSecrets(properties, props);
        return { id, properties };
      },

      async read(id, urn, props, inputs) {
        requireConfigured("read");
        const req = new provpb.ReadRequest();
        req.setId(id);
        identify(req, urn);
        req.setProperties(toStruct(props, keepSecrets()));
        if (inputs !== undefined) req.setInputs(toStruct(inputs, keepSecrets()));
        const res = await unary<provTypes.ReadResponse>("read", (cb) => c.read(req, new grpc.Metadata(), callOpts(), cb), props);
        const properties = fromStruct(res.getProperties());
        const newInputs = res.hasInputs() ? fromStruct(res.getInputs()) : undefined;
        if (!protocol.acceptSecrets) {
          annotateSecrets(newInputs, inputs);
          annotateSecrets(properties, props);
        }
        return { id: res.getId(), gone: res.getId() === "", properties, inputs: newInputs };
      },

      async update(id, urn, olds, news, uopts = {}) {
        requireConfigured("update");
        if (uopts.preview === true && !protocol.supportsPreview) return { properties: news };
        const req = new provpb.UpdateRequest();
        req.setId(id);
        identify(req, urn);
        req.setOlds(toStruct(olds, keepSecrets()));
        req.setNews(toStruct(news, keepSecrets()));
        req.setOldInputs(toStruct(uopts.oldInputs ?? {}, keepSecrets()));
        req.setTimeout(uopts.timeout ?? 0);
        req.setPreview(uopts.preview === true);
        const res = await unary<provTypes.UpdateResponse>("update", (cb) => c.update(req, new grpc.Metadata(), operationOpts(), cb), news);
        const properties = fromStruct(res.getProperties());
        if (!protocol.acceptSecrets) annotateSecrets(properties, news);
        return { properties };
      },

      async delete(id, urn, props, dopts = {}) {
        requireConfigured("delete");
        const req = new provpb.DeleteRequest();
        req.setId(id);
        identify(req, urn);
        req.setProperties(toStruct(props, keepSecrets()));
        req.setOldInputs(toStruct(dopts.oldInputs ?? {}, keepSecrets()));
        req.setTimeout(dopts.timeout ?? 0);
        await unary<emptyTypes.Empty>("delete", (cb) => c.delete(req, new grpc.Metadata(), operationOpts(), cb));
      },

      close,
    };
    return handle;
  } catch (e) {
    await close();
    throw e;
  }
}

