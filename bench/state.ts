// Section "state": how much each resource weighs in the stack's state, ours against a naive dynamic provider doing the
// same job (bench/naive/taurus-backup.ts), both deployed by the same `pulumi up` through the real Pulumi CLI (npm
// start's script, as the end-to-end tests run it) against an emulator on 127.0.0.1, and read back with
// `pulumi stack export`. Per resource: the bytes of its serialized provider (`__provider`, a string in its outputs)
// and of its whole entry in the exported deployment (compact JSON). Then `pulumi destroy`, which also shows that the
// naive provider is a working one (it deletes its backups).
import * as path from "node:path";
import { startEmulator } from "../emulator/server";
import { dbbackupResources, expectExit, SHORT_DURATIONS, TestStack, type Deployment, type ExportedResource } from "../test/e2e/support";
import { figure, type Figure } from "./figures";
import { median, range } from "./support/stats";

/** Resources of each provider: enough for a median, few enough for a quick `pulumi up` (the sizes barely vary). */
const COUNT = 6;
const NAIVE_TYPE = "pulumi-nodejs:dynamic:Resource";
const PROVIDER_LIMIT = 2048;
const PER_RESOURCE_SHARE = 0.25;

interface Weights {
  provider: number[];
  entry: number[];
}

function providerBytes(r: ExportedResource): number {
  const p = r.outputs?.__provider;
  if (typeof p !== "string") throw new Error(`${r.urn}: __provider is not a plain string in the state (${typeof p})`);
  return Buffer.byteLength(p, "utf8");
}

function weigh(resources: readonly ExportedResource[], what: string): Weights {
  if (resources.length !== COUNT) throw new Error(`expected ${COUNT} ${what} resources in the state, found ${resources.length}`);
  const unfinished = resources.filter((r) => r.outputs?.status !== "COMPLETED");
  if (unfinished.length > 0) throw new Error(`${what}: not COMPLETED: ${unfinished.map((r) => `${r.urn} (${String(r.outputs?.status)})`).join(", ")}`);
  return {
    provider: resources.map(providerBytes),
    entry: resources.map((r) => Buffer.byteLength(JSON.stringify(r), "utf8")),
  };
}

function log(message: string): void {
  process.stderr.write(`  state: ${message}\n`);
}

async function deployAndExport(): Promise<Deployment> {
  // TaurusDB backups complete at once: the instance is then never busy with one, so the naive provider (which, like
  // most, does not retry Huawei's busy 409) and ours run side by side; the sizes do not depend on the wait.
  const emulator = await startEmulator({ port: 0, frozenClock: false, durations: { ...SHORT_DURATIONS, "taurusdb.backupMs": 0 } });
  const stack = new TestStack({ name: "dbbackup-bench", stack: "state", program: path.join(__dirname, "naive", "program.js"), config: { count: COUNT } }, emulator.url);
  try {
    let t = Date.now();
    expectExit(await stack.deploy([], { timeoutMs: 240_000 }), 0);
    log(`pulumi up of ${COUNT} + ${COUNT} backups in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    const deployment = await stack.exportState();
    t = Date.now();
    expectExit(await stack.deploy(["--destroy"], { timeoutMs: 240_000 }), 0);
    log(`pulumi destroy in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    return deployment;
  } finally {
    stack.remove();
    await emulator.close();
  }
}

/** Functions in a serialized provider: Pulumi writes each one as a top-level `function __fN(…)` with its wrapper. */
function functionsIn(text: string): number {
  return (text.match(/^function __f\d+\(/gm) ?? []).length;
}

export async function run(): Promise<Figure[]> {
  const deployment = await deployAndExport();
  const ourResources = dbbackupResources(deployment);
  const naiveResources = (deployment.resources ?? []).filter((r) => r.type === NAIVE_TYPE);
  const ours = weigh(ourResources, "ManualBackup");
  const naive = weigh(naiveResources, "naive");

  const oursProvider = median(ours.provider);
  const naiveProvider = median(naive.provider);
  const oursEntry = median(ours.entry);
  const naiveEntry = median(naive.entry);
  const oursRest = oursEntry - 2 * oursProvider;
  const entryBound = naiveEntry * PER_RESOURCE_SHARE;
  const shimFunctions = functionsIn(String(ourResources[0]?.outputs?.__provider));
  const baselineName = "naive dynamic provider";
  const samples = `median of ${COUNT} TaurusDB backups each, one \`pulumi up\` through the Pulumi CLI`;
  const perResourceWhy =
    oursEntry <= entryBound
      ? ""
      : ` Not met: with the rest as it is, a quarter of the naive entry leaves ${Math.max(0, Math.floor((entryBound - oursRest) / 2))} B for each copy of __provider, ` +
        `and Pulumi serializes every function of the provider object (${shimFunctions} here: the handler and one per method) inside a fixed wrapper of about 170 characters (some ${shimFunctions * 170} B for these alone).`;
  return [
    figure({
      name: "state.provider.bytes",
      value: oursProvider,
      unit: "B",
      target: `<= ${PROVIDER_LIMIT}`,
      bound: { atMost: PROVIDER_LIMIT },
      baseline: { value: naiveProvider, name: baselineName },
      note:
        `UTF-8 bytes of the __provider string in each resource's outputs (${samples}; ours ${range(ours.provider, 0)}, naive ${range(naive.provider, 0)}). ` +
        `The naive one is the class's methods serialized with their signing and HTTP code; ours is Pulumi's handler and ${shimFunctions - 1} one-line methods that only require() the runtime.`,
    }),
    figure({
      name: "state.perResource.bytes",
      value: oursEntry,
      unit: "B",
      target: `<= ${PER_RESOURCE_SHARE} x naive (${Math.floor(entryBound)})`,
      bound: { atMost: entryBound },
      baseline: { value: naiveEntry, name: baselineName },
      note:
        `UTF-8 bytes of the resource's whole entry in \`pulumi stack export\` as compact JSON (${samples}; ours ${range(ours.entry, 0)}, naive ${range(naive.entry, 0)}). ` +
        `__provider is stored twice per resource (inputs and outputs): ${2 * oursProvider} of ours, ${2 * naiveProvider} of the naive one's; ` +
        `the rest (URN, type, parent and provider references, arguments, outputs, timestamps, the registration's stack trace) is ${oursRest} for ours, ${naiveEntry - 2 * naiveProvider} for the naive one.` +
        perResourceWhy,
    }),
  ];
}
