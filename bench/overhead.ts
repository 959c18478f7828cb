// Section "overhead": what the provider itself costs.
//  1. Start-up: the real @pulumi/pulumi dynamic-provider host spawned as the engine spawns it, from the spawn to the
//     answer of its first Check (Handshake, GetPluginInfo, Configure, then Check, which deserializes `__provider` and
//     configures it: ours require()s its runtime, the naive one undici), ours against the naive provider of
//     bench/naive/, interleaved, median of a few starts each.
//  2. CPU per operation: the runtime's methods (what the serialized shim calls inside the host) called in this
//     process over every kind × platform (the fault suite's targets), with the emulator in a child process so that its
//     work is not counted; process.cpuUsage (user + system) around each call. Waits between polls sleep, and waiting
//     for an answer is idle, so neither counts: what remains is validation, signing, HTTP and parsing.
import * as fs from "node:fs";
import { performance } from "node:perf_hooks";
import { setImmediate } from "node:timers/promises";
import type * as pulumi from "@pulumi/pulumi";
import * as runtime from "../provider/runtime";
import type { Props } from "../provider/types";
import { SHORT_DURATIONS } from "../test/e2e/support";
import { TARGETS, type Target } from "../test/faults/targets";
import type { EmulatorControl } from "../test/support/emulator";
import { createPackageWorkdir } from "../test/support/host-workdir";
import { emulatorConfig, hostEnv, PROJECT, providerTextFor, startConfiguredHost } from "../test/support/provider-host";
import { makeUrn, stripSecrets, type PropertyMap } from "../test/support/pulumi-host";
import { serializeProvider } from "../test/support/serialize-provider";
import { figure, type Figure } from "./figures";
import { TaurusBackupProvider } from "./naive/taurus-backup";
import { startChildEmulator, type ChildEmulator } from "./support/emulator-child";
import { median, quantile, range } from "./support/stats";

/** Host starts of each provider (interleaved). */
const STARTS = 5;
/** Measured rounds over every target, after one warm-up round. */
const ROUNDS = 5;
const STARTUP_FACTOR = 1.5;
const CPU_TARGET_MS = 5;
const HW_INSTANCE = "d8e6ca5a624745bcb546a227aa3ae1cfin01";
/** The provider's poll delays as in the end-to-end tests, against the emulator's short waits. */
const POLL = { pollInitialMs: 50, pollMaxMs: 200 };

const OPS = ["check", "diff", "create", "read", "update", "delete"] as const;
type Op = (typeof OPS)[number];

function log(message: string): void {
  process.stderr.write(`  overhead: ${message}\n`);
}

// ---------------------------------------------------------------------------------------------------------------
// Start-up

interface Subject {
  name: "ours" | "naive";
  type: string;
  providerText: string;
  news: PropertyMap;
}

async function firstAnswerMs(url: string, cwd: string, s: Subject): Promise<number> {
  const t0 = performance.now();
  const { host } = await startConfiguredHost(url, cwd, POLL);
  try {
    const r = await host.check(makeUrn(s.type, "startup", { project: PROJECT }), {}, { ...s.news, __provider: s.providerText });
    const ms = performance.now() - t0;
    if (r.failures.length > 0) throw new Error(`${s.name}: check refused ${JSON.stringify(r.failures)}`);
    return ms;
  } finally {
    await host.close();
  }
}

async function startup(url: string): Promise<{ ours: number[]; naive: number[] }> {
  const ours: Subject = {
    name: "ours",
    type: "pulumi-nodejs:dynamic/dbbackup:ManualBackup",
    providerText: await providerTextFor("ManualBackup"),
    news: { platform: "huawei-taurusdb", instanceId: HW_INSTANCE, name: "startup-1" },
  };
  const naive: Subject = {
    name: "naive",
    type: "pulumi-nodejs:dynamic:Resource",
    providerText: (await serializeProvider(new TaurusBackupProvider())).text,
    news: { instanceId: HW_INSTANCE, name: "startup-1", description: "start-up" },
  };
  const workdir = createPackageWorkdir();
  const times = { ours: [] as number[], naive: [] as number[] };
  try {
    // A first start of each, not counted: the disk cache then holds node, @pulumi/pulumi and both providers' code.
    await firstAnswerMs(url, workdir.dir, ours);
    await firstAnswerMs(url, workdir.dir, naive);
    for (let i = 0; i < STARTS; i++) {
      // Alternating which goes first, so a drift in the machine's load falls on both.
      for (const s of i % 2 === 0 ? [ours, naive] : [naive, ours]) times[s.name].push(await firstAnswerMs(url, workdir.dir, s));
    }
  } finally {
    workdir.remove();
  }
  return times;
}

// ---------------------------------------------------------------------------------------------------------------
// CPU per operation

interface Sample {
  /** The target's name ("ManualBackup/ocp"), or "naive". */
  target: string;
  cpuMs: number;
  wallMs: number;
  /** Platform requests the emulator answered during the call. */
  requests: number;
}

type Samples = Record<Op, Sample[]>;

/** Two turns of the event loop, so that the I/O callbacks and timers already due run. */
async function settle(): Promise<void> {
  await setImmediate();
  await setImmediate();
}

class Recorder {
  readonly samples: Samples = { check: [], diff: [], create: [], read: [], update: [], delete: [] };
  recording = false;
  target = "";

  constructor(readonly control: EmulatorControl) {}

  /**
   * The platform requests the emulator answered since the last call (its own control calls left out). The log is
   * emptied each time: a long one would make garbage here that the next measured call would pay to collect.
   */
  private async newRequests(): Promise<number> {
    const entries = await this.control.requests();
    await this.control.clearRequests();
    return entries.filter((r) => r.family !== null).length;
  }

  async measure<T>(op: Op, work: () => Promise<T>): Promise<T> {
    await this.newRequests();
    // What the control calls above left to finish runs before the window opens; what the call leaves (a socket
    // handed back to its pool, say) runs before it closes.
    await settle();
    const wall = performance.now();
    const before = process.cpuUsage();
    const result = await work();
    const wallMs = performance.now() - wall;
    await settle();
    const used = process.cpuUsage(before);
    const requests = await this.newRequests();
    if (this.recording) this.samples[op].push({ target: this.target, cpuMs: (used.user + used.system) / 1000, wallMs, requests });
    return result;
  }
}

function checked(target: Target, r: { inputs?: Props; failures?: readonly unknown[] }): Props {
  if ((r.failures ?? []).length > 0 || r.inputs === undefined) throw new Error(`${target.name}: check refused the program: ${JSON.stringify(r.failures)}`);
  return r.inputs;
}

/**
 * One resource's life as successive `pulumi up`s call it: check and create; read (refresh); check and diff of the
 * edited program, and update when the diff asks for one; delete. ManualBackup and RestoredTenant are created with
 * their wait on even rounds (the default) and without it on odd ones, where the edit (waitForCompletion: true) then
 * updates in place and the update does the wait (as in the fault suite).
 */
async function lifecycle(rec: Recorder, target: Target, round: number, index: number): Promise<void> {
  const now = (await rec.control.clock()).now;
  const waitForCompletion = !target.updateResumesWait || round % 2 === 0;
  const program = target.program({ now, unique: `b${round}t${index}`, waitForCompletion });
  const kind = target.kind;
  rec.target = target.name;
  const inputs = checked(target, await rec.measure("check", () => runtime.check(kind, [{}, program])));
  const created = await rec.measure("create", () => runtime.create(kind, [inputs]));
  const read = await rec.measure("read", () => runtime.read(kind, [created.id, created.outs as Props]));
  if (read.id === undefined || read.props === undefined) throw new Error(`${target.name}: read found ${created.id} gone`);
  let outs = read.props as Props;
  const edited = checked(target, await rec.measure("check", () => runtime.check(kind, [inputs, target.updated(program)])));
  const diff = await rec.measure("diff", () => runtime.diff(kind, [created.id, outs, edited]));
  if ((diff.replaces ?? []).length > 0) throw new Error(`${target.name}: the edit replaces (${JSON.stringify(diff.replaces)}), expected an update`);
  if (diff.changes === true) outs = (await rec.measure("update", () => runtime.update(kind, [created.id, outs, edited]))).outs as Props;
  await rec.measure("delete", () => runtime.remove(kind, [created.id, outs]));
}

/** The naive provider's TaurusDB backup through the same life (it has no check and no update), for its cost per request. */
async function naiveLifecycle(rec: Recorder, provider: TaurusBackupProvider, round: number): Promise<void> {
  rec.target = "naive";
  const args = { instanceId: HW_INSTANCE, name: `naive-b${round}`, description: "cpu" };
  const created = await rec.measure("create", () => provider.create(args));
  const read = await rec.measure("read", () => provider.read(created.id, created.outs));
  await rec.measure("diff", () => provider.diff(created.id, read.props, args));
  await rec.measure("delete", () => provider.delete(created.id));
}

/** The environment the host gives the runtime (platform variables cleared, short polls), until restore() is called. */
function hostEnvironment(): { restore(): void } {
  const saved = { ...process.env };
  for (const [k, v] of Object.entries(hostEnv(POLL))) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  return {
    restore: () => {
      for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
      Object.assign(process.env, saved);
    },
  };
}

/** Progress lines go to stdout in the host (the engine shows them); here they would mix with the table: a sink. */
function stdoutToSink(): { restore(): void } {
  const sink = fs.openSync("/dev/null", "w");
  const original = process.stdout.write;
  process.stdout.write = ((chunk: string | Uint8Array) => {
    fs.writeSync(sink, typeof chunk === "string" ? Buffer.from(chunk) : chunk);
    return true;
  }) as typeof process.stdout.write;
  return {
    restore: () => {
      process.stdout.write = original;
      fs.closeSync(sink);
    },
  };
}

async function cpuPerOperation(emulator: ChildEmulator): Promise<{ ours: Samples; naive: Samples }> {
  const env = hostEnvironment();
  const out = stdoutToSink();
  try {
    const config = stripSecrets(emulatorConfig(emulator.url)) as Record<string, string>;
    await runtime.configure({ config: { get: (k: string) => config[k] } });
    const naive = new TaurusBackupProvider();
    await naive.configure({ config: { require: (k: string) => config[k] } } as unknown as pulumi.dynamic.ConfigureRequest);
    const ours = new Recorder(emulator.control);
    const baseline = new Recorder(emulator.control);
    for (let round = 0; round <= ROUNDS; round++) {
      // Round 0 warms up: the first call of each method loads and compiles its code (start-up, measured above).
      ours.recording = baseline.recording = round > 0;
      for (const [index, target] of TARGETS.entries()) await lifecycle(ours, target, round, index);
      await naiveLifecycle(baseline, naive, round);
    }
    return { ours: ours.samples, naive: baseline.samples };
  } finally {
    out.restore();
    env.restore();
  }
}

/** CPU per platform request over the calls that sent any. */
function perRequest(samples: readonly Sample[]): number[] {
  return samples.filter((s) => s.requests > 0).map((s) => s.cpuMs / s.requests);
}

/** "ManualBackup/ocp 7.6 (4 req)" for each target: the median CPU ms and requests of its calls. */
function byTarget(samples: readonly Sample[]): string {
  const names = [...new Set(samples.map((s) => s.target))];
  return names
    .map((name) => {
      const mine = samples.filter((s) => s.target === name);
      return `${name} ${median(mine.map((s) => s.cpuMs)).toFixed(1)} (${median(mine.map((s) => s.requests))} req)`;
    })
    .join(", ");
}

// ---------------------------------------------------------------------------------------------------------------

export async function run(): Promise<Figure[]> {
  // Every asynchronous operation is done at its first look: a call's figure is its own work (its requests and their
  // processing), not the number of status polls a longer wait makes; those are counted by the waiting section, and
  // each costs one request's CPU (the notes give it).
  const emulator = await startChildEmulator(Object.fromEntries(Object.keys(SHORT_DURATIONS).map((key) => [key, 0])));
  let starts: { ours: number[]; naive: number[] };
  let cpu: { ours: Samples; naive: Samples };
  try {
    let t = Date.now();
    starts = await startup(emulator.url);
    log(`${2 * STARTS + 2} host starts in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    t = Date.now();
    cpu = await cpuPerOperation(emulator);
    log(`${ROUNDS + 1} rounds of ${TARGETS.length} resource lives (and the naive provider's) in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  } finally {
    await emulator.stop();
  }

  const ours = median(starts.ours);
  const naive = median(starts.naive);
  const figures: Figure[] = [
    figure({
      name: "overhead.startup.ms",
      value: ours,
      unit: "ms",
      target: `<= ${STARTUP_FACTOR} x naive (${Math.round(naive * STARTUP_FACTOR)})`,
      bound: { atMost: naive * STARTUP_FACTOR },
      baseline: { value: naive, name: "naive dynamic provider" },
      note:
        `From spawning the real dynamic-provider host (node + @pulumi/pulumi's cmd/dynamic-provider) to the answer of its first Check of a TaurusDB backup, ` +
        `through Handshake, GetPluginInfo and Configure; the Check deserializes __provider and configures it (ours loads its runtime: zod, undici, the sdk; the naive one undici) and validates (ours). ` +
        `Median of ${STARTS} starts each, interleaved, after one unmeasured start of each (ours ${range(starts.ours, 0)} ms, naive ${range(starts.naive, 0)} ms). ` +
        `The target: both pay the host's own start; ours may add loading its runtime, up to half as much again, once per pulumi operation.`,
    }),
  ];
  const ourRequest = median(perRequest(Object.values(cpu.ours).flat()));
  const naiveRequest = median(perRequest(Object.values(cpu.naive).flat()));
  for (const op of OPS) {
    const s = cpu.ours[op];
    const ms = s.map((x) => x.cpuMs);
    const requests = median(s.map((x) => x.requests));
    const opRequest = s.some((x) => x.requests > 0) ? median(perRequest(s)) : 0;
    const why =
      median(ms) < CPU_TARGET_MS
        ? ""
        : ` Not met: the median call sends ${requests} requests (the call and the status reads of its wait) at ${opRequest.toFixed(2)} ms CPU each; ` +
          `under ${CPU_TARGET_MS} ms needs less than ${(CPU_TARGET_MS / Math.max(requests, 1)).toFixed(2)} ms per request, or fewer polls.`;
    figures.push(
      figure({
        name: `overhead.cpu.${op}.median.ms`,
        value: median(ms),
        unit: "ms",
        target: `< ${CPU_TARGET_MS}`,
        bound: { below: CPU_TARGET_MS },
        note:
          `process.cpuUsage (user + system) of this process around runtime.${op === "delete" ? "remove" : op}() (what the serialized shim calls in the host), ` +
          `median of ${s.length} calls over ${TARGETS.length} kind × platform targets in ${ROUNDS} rounds after a warm-up round (p90 ${quantile(ms, 0.9).toFixed(2)} ms), ` +
          `${requests} API requests (${range(s.map((x) => x.requests), 0)}) and ${median(s.map((x) => x.wallMs)).toFixed(0)} ms wall per call. ` +
          `By target: ${byTarget(s)}. ` +
          `Counts validation (zod) of arguments and answers, request signing (Digest, HMAC-SHA1, SDK-HMAC-SHA256), undici, JSON and progress lines, and each status poll of a wait ` +
          `(here every wait ends at its first look: each further poll of a longer wait adds one request's CPU, below); ` +
          `not the sleeps between polls nor the wait for answers (the emulator runs in a child process), nor the host's gRPC work. ` +
          `Per API request: ours ${ourRequest.toFixed(2)} ms CPU, the naive provider's (a signed undici request and JSON.parse, same rounds) ${naiveRequest.toFixed(2)} ms.` +
          why,
      }),
    );
  }
  return figures;
}
