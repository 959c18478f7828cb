// One pass of a Pulumi program under pulumi.runtime.setMocks: every resource registration goes to a handler (the
// runner's preview or apply logic) and what the handler returns becomes the resource's outputs, as the engine's
// answer would. The mock monitor's RegisterResource request is observed as well, for what MockResourceArgs leaves
// out (dependencies, parent, deleteBeforeReplace, additionalSecretOutputs, ignoreChanges, ...).
import * as pulumi from "@pulumi/pulumi";
import type * as resTypes from "@pulumi/pulumi/proto/resource_pb";
import type { ProgramLoader } from "./program-loader";
import { pulumiRequire } from "./pulumi-modules";
import type { PropertyMap } from "./properties";

const settings = pulumiRequire("./runtime/settings") as {
  getMonitor(): unknown;
  waitForRPCs(): Promise<void>;
};
const rpc = pulumiRequire("./runtime/rpc") as {
  serializeProperties(label: string, props: Record<string, unknown>, opts?: { keepOutputValues?: boolean }): Promise<PropertyMap>;
};

export interface Registration {
  urn: string;
  type: string;
  name: string;
  custom: boolean;
  parent: string;
  /** Inputs in the engine's wire form: secrets as secret objects, values unknown in preview as UNKNOWN. */
  inputs: PropertyMap;
  /** Every resource this one depends on (its inputs' resources and dependsOn). */
  dependencies: string[];
  /** The resource option, when the program set it. */
  deleteBeforeReplace?: boolean;
  additionalSecretOutputs: string[];
  ignoreChanges: string[];
  replaceOnChanges: string[];
  protect: boolean;
  importId: string;
  /** A provider reference (explicit provider resource); "" for the default provider. */
  provider: string;
}

export interface RegistrationResult {
  /** "" in preview for a resource not created yet (the id is then unknown to the program). */
  id: string;
  /** Wire form; in preview, a property left out is unknown to the program ("known after apply"). */
  outputs: PropertyMap;
}

export interface PassOptions {
  loader: ProgramLoader;
  project: string;
  stack: string;
  preview: boolean;
  /** Stack config in the runtime's form ("ns:key" → string) and which keys are secret. */
  config: Record<string, string>;
  secretKeys: string[];
  register(reg: Registration): Promise<RegistrationResult>;
  /** Errors the register handler already reported: rejections carrying them are not program errors. */
  isReported(error: unknown): boolean;
}

export interface PassResult {
  /** Stack outputs in wire form (secrets marked, unknown values as UNKNOWN in preview); undefined if they failed. */
  outputs: PropertyMap | undefined;
  /** Errors of the program itself (exceptions, failed applies), as the user should see them. */
  errors: string[];
}

type MockMonitor = {
  registerResource(req: resTypes.RegisterResourceRequest, cb: unknown): unknown;
  newUrn(parent: string, type: string, name: string): string;
};

function errorText(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}

function capture(monitor: MockMonitor, req: resTypes.RegisterResourceRequest): Registration {
  const propertyDeps: string[] = [];
  req.getPropertydependenciesMap().forEach((deps) => propertyDeps.push(...deps.getUrnsList()));
  const dependencies = [...new Set([...req.getDependenciesList(), ...propertyDeps])];
  return {
    urn: monitor.newUrn(req.getParent(), req.getType(), req.getName()),
    type: req.getType(),
    name: req.getName(),
    custom: req.getCustom(),
    parent: req.getParent(),
    inputs: (req.getObject()?.toJavaScript() ?? {}) as PropertyMap,
    dependencies,
    ...(req.getDeletebeforereplacedefined() ? { deleteBeforeReplace: req.getDeletebeforereplace() } : {}),
    additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
    ignoreChanges: req.getIgnorechangesList(),
    replaceOnChanges: req.getReplaceonchangesList(),
    protect: req.getProtect() === true,
    importId: req.getImportid(),
    provider: req.getProvider(),
  };
}

/** The stack outputs a program module exports (as the nodejs language host reads them). */
async function stackOutputs(exported: unknown): Promise<Record<string, unknown>> {
  // `export = async () => ({...})` and `export default async () => ...`: the function's result is the outputs.
  if (typeof exported === "object" && exported !== null && Object.keys(exported).length === 1 && typeof (exported as { default?: unknown }).default === "function") {
    exported = (exported as { default: unknown }).default;
  }
  if (typeof exported === "function") exported = await (exported as () => unknown)();
  return typeof exported === "object" && exported !== null ? { ...(exported as Record<string, unknown>) } : {};
}

/** Runs the program once. Resolves when every registration and the stack outputs have settled. */
export async function runPass(opts: PassOptions): Promise<PassResult> {
  const errors: string[] = [];
  const addError = (e: unknown): void => {
    if (opts.isReported(e)) return;
    const text = errorText(e);
    if (!errors.includes(text)) errors.push(text);
  };
  const pending = new Map<string, Registration[]>();

  await pulumi.runtime.setMocks(
    {
      newResource: async (args: pulumi.runtime.MockResourceArgs) => {
        const queue = pending.get(`${args.type}::${args.name}`);
        const reg = queue?.shift();
        if (reg === undefined) throw new Error(`internal: no captured registration for ${args.type} ${args.name}`);
        const result = await opts.register(reg);
        return { id: result.id, state: result.outputs };
      },
      call: (args: pulumi.runtime.MockCallArgs) => {
        throw new Error(`the offline runner cannot call provider functions (${args.token}): use the Pulumi CLI for this program`);
      },
    },
    opts.project,
    opts.stack,
    opts.preview,
  );
  // The mock monitor calls newResource synchronously from registerResource, so the request captured here is the
  // one the handler above takes (keyed by type and name, in order, in case the same pair comes twice).
  const monitor = settings.getMonitor() as MockMonitor;
  const originalRegister = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, cb) => {
    const reg = capture(monitor, req);
    const key = `${reg.type}::${reg.name}`;
    pending.set(key, [...(pending.get(key) ?? []), reg]);
    return originalRegister(req, cb);
  };
  pulumi.runtime.setAllConfig(opts.config, opts.secretKeys);

  const onRejection = (reason: unknown): void => addError(reason);
  process.on("unhandledRejection", onRejection);
  let outputs: PropertyMap | undefined;
  try {
    try {
      outputs = await rpc.serializeProperties("stack outputs", await stackOutputs(opts.loader.load().exports), { keepOutputValues: false });
    } catch (e) {
      addError(e);
    }
    await settings.waitForRPCs();
    // Let rejections raised while the last registrations settled reach the handler above.
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off("unhandledRejection", onRejection);
  }
  return { outputs, errors };
}
