// Section "state": how much each resource weighs in the stack's state, ours against a naive dynamic provider doing the
// same job (bench/naive/taurus-backup.ts), as users get them: the program (bench/naive/program.ts) lives in a project
// directory where pulumi-dbbackup is installed from its `npm pack` tarball (a real copy in node_modules, made offline
// by test/support/packed-package.ts, as the npm pack test makes it), and imports it by name. Both are deployed by the
// same `pulumi up` through the real Pulumi CLI (npm start's script, as the end-to-end tests run it) against an
// emulator on 127.0.0.1, and read back with `pulumi stack export`. Per resource: the bytes of its serialized provider
// (`__provider`, a string in its outputs) and of its whole entry in the exported deployment (compact JSON). The same
// `pulumi up` also deploys as many ManualBackups from the package loaded by value (its compiled root by path, outside
// any node_modules, as this repository's own programs load it), whose provider Pulumi captures by its text: their
// sizes are in the notes, the targets are the installed form's. Then `pulumi destroy`, which also shows that the
// naive provider is a working one (it deletes its backups).
import * as fs from "node:fs";
import * as path from "node:path";
import { startEmulator } from "../emulator/server";
import { COMPILED_ROOT } from "../scripts/paths";
import { dbbackupResources, expectExit, SHORT_DURATIONS, TestStack, type Deployment, type ExportedResource } from "../test/e2e/support";
import { installPackedPackage, packPackage } from "../test/support/packed-package";
import { figure, type Figure } from "./figures";
import { median, range } from "./support/stats";

/** Resources of each provider: enough for a median, few enough for a quick `pulumi up` (the sizes barely vary). */
const COUNT = 6;
const NAIVE_TYPE = "pulumi-nodejs:dynamic:Resource";
const PROVIDER_LIMIT = 2048;
const PER_RESOURCE_SHARE = 0.25;
/** The program's file in the project directory. */
const PROGRAM = "index.js";
/** Names of the program's ManualBackups: from the installed package, and from the compiled root loaded by value. */
const INSTALLED_PREFIX = "ours-";
const BY_VALUE_PREFIX = "copy-";
/** The module an installed ManualBackup's __provider requires (package.json exports it under that very path). */
const INSTALLED_MODULE = "pulumi-dbbackup/dist/provider/providers/manual-backup.js";
const INSTALLED_REQUIRE = `require("${INSTALLED_MODULE}")`;

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

/** The resource's name: the last part of its URN. */
function nameOf(r: ExportedResource): string {
  return r.urn.slice(r.urn.lastIndexOf("::") + 2);
}

function log(message: string): void {
  process.stderr.write(`  state: ${message}\n`);
}

/**
 * A TestStack whose project directory is the program's as a user has it: pulumi-dbbackup installed in its
 * node_modules from `npm pack`'s tarball (a real copy, replacing TestStack's link to the compiled root), and the
 * program (program.js as index.js, taurus-backup.js beside it) in the directory itself, so node resolves
 * "pulumi-dbbackup" there. The by-value set loads the compiled root's provider/index.js by its path.
 */
function installedStack(tarball: string, url: string): TestStack {
  // --program is resolved by the deploy script against its working directory, the stack's directory.
  const config = { count: COUNT, byValueFrom: path.join(COMPILED_ROOT, "provider", "index.js") };
  const stack = new TestStack({ name: "dbbackup-bench", stack: "state", program: PROGRAM, config }, url);
  try {
    installPackedPackage(tarball, stack.dir);
    fs.copyFileSync(path.join(__dirname, "naive", "program.js"), path.join(stack.dir, PROGRAM));
    fs.copyFileSync(path.join(__dirname, "naive", "taurus-backup.js"), path.join(stack.dir, "taurus-backup.js"));
  } catch (e) {
    stack.remove();
    throw e;
  }
  return stack;
}

async function deployAndExport(): Promise<Deployment> {
  let t = Date.now();
  const packed = packPackage();
  log(`npm pack in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  // TaurusDB backups complete at once: the instance is then never busy with one, so the naive provider (which, like
  // most, does not retry Huawei's busy 409) and ours run side by side; the sizes do not depend on the wait.
  const emulator = await startEmulator({ port: 0, frozenClock: false, durations: { ...SHORT_DURATIONS, "taurusdb.backupMs": 0 } });
  let stack: TestStack | undefined;
  try {
    stack = installedStack(packed.tarball, emulator.url);
    t = Date.now();
    expectExit(await stack.deploy([], { timeoutMs: 240_000 }), 0);
    log(`pulumi up of ${COUNT} + ${COUNT} + ${COUNT} backups in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    const deployment = await stack.exportState();
    t = Date.now();
    expectExit(await stack.deploy(["--destroy"], { timeoutMs: 240_000 }), 0);
    log(`pulumi destroy in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    return deployment;
  } finally {
    stack?.remove();
    packed.remove();
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
  const installedResources = ourResources.filter((r) => nameOf(r).startsWith(INSTALLED_PREFIX));
  const byValueResources = ourResources.filter((r) => nameOf(r).startsWith(BY_VALUE_PREFIX));
  const naiveResources = (deployment.resources ?? []).filter((r) => r.type === NAIVE_TYPE);
  const ours = weigh(installedResources, "ManualBackup (installed)");
  const byValue = weigh(byValueResources, "ManualBackup (by value)");
  const naive = weigh(naiveResources, "naive");
  const capturedAsRequire = (r: ExportedResource): boolean => String(r.outputs?.__provider).includes(INSTALLED_REQUIRE);
  const wrongForm = [...installedResources.filter((r) => !capturedAsRequire(r)), ...byValueResources.filter(capturedAsRequire)];
  if (wrongForm.length > 0) throw new Error(`__provider not in the expected form (${INSTALLED_REQUIRE} for ours-*, the text for copy-*): ${wrongForm.map((r) => r.urn).join(", ")}`);

  const oursProvider = median(ours.provider);
  const byValueProvider = median(byValue.provider);
  const naiveProvider = median(naive.provider);
  const oursEntry = median(ours.entry);
  const byValueEntry = median(byValue.entry);
  const naiveEntry = median(naive.entry);
  const oursRest = oursEntry - 2 * oursProvider;
  const entryBound = naiveEntry * PER_RESOURCE_SHARE;
  const shimFunctions = functionsIn(String(byValueResources[0]?.outputs?.__provider));
  const baselineName = "naive dynamic provider";
  const samples = `median of ${COUNT} TaurusDB backups each, one \`pulumi up\` through the Pulumi CLI of a program in a project where the package is installed from its npm pack tarball`;
  const byValueNote = `By value (the package loaded from outside any node_modules, as this repository's own programs load it; ${COUNT} more ManualBackups in the same run, for information: the targets apply to the installed form)`;
  const perResourceWhy =
    oursEntry <= entryBound
      ? ""
      : ` Not met: with the rest as it is, a quarter of the naive entry leaves ${Math.max(0, Math.floor((entryBound - oursRest) / 2))} B for each copy of __provider.`;
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
        `Installed, ours is Pulumi's handler around require("${INSTALLED_MODULE}"); the naive one is the class's methods serialized with their signing and HTTP code. ` +
        `${byValueNote}: ${byValueProvider} B (${range(byValue.provider, 0)}), Pulumi's handler and ${shimFunctions - 1} one-line methods that only require() the runtime.`,
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
        `the rest (URN, type, parent and provider references, arguments, outputs, timestamps, the registration's stack trace) is ${oursRest} for ours, ${naiveEntry - 2 * naiveProvider} for the naive one. ` +
        `${byValueNote}: ${byValueEntry} B (${range(byValue.entry, 0)}), ${(byValueEntry / naiveEntry).toFixed(3)} x naive, ${byValueEntry <= entryBound ? "within" : "over"} the bound.` +
        perResourceWhy,
    }),
  ];
}
