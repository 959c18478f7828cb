// Section "stack" (issue 11, item 2): a large stack through the real Pulumi CLI (npm start's script, as the end-to-end
// tests run it) against an emulator that limits each API to 20 requests a second and answers 10% of requests with a
// 5xx: `pulumi up`, a no-change `pulumi preview` (--expect-no-changes), `pulumi destroy`. The stack (large-stack/plan.ts):
// 100 OceanBase Cloud and 100 TaurusDB ManualBackups, 30 OCP, 10 OceanBase Cloud and 10 TaurusDB BackupStrategies,
// 20 RestoredTenants, each on a target of its own; the emulator's waits last a few hundred ms (SHORT_DURATIONS).
//
// Measured against:
//   - the floor the rate limit sets (large-stack/floor.ts): per phase, the busiest API's fewest needed requests beyond
//     its bucket's first burst, at 20 a second;
//   - the same stack with no rate limit and no faults, in the same run ("engine only"): what the Pulumi engine, the
//     file backend and the provider host take on their own on this machine, which no provider can go below;
//   - the same limited, faulty stack with the engine's per-step checkpoints off (PULUMI_SKIP_CHECKPOINTS): the file
//     backend rewrites the whole state file after every step, which on 270 resources is most of the engine's time.
// Every resource may be in flight at once (PULUMI_PARALLEL above the resource count; the CLI's default is 4 per CPU,
// 8 on 2 cores), so the provider host holds hundreds of waits at once, the case its per-API limiter is for.
import * as path from "node:path";
import type { RequestLogEntry } from "../emulator/core/request-log";
import type { FamilyName } from "../emulator/core/types";
import { startEmulator } from "../emulator/server";
import { dbbackupResources, SHORT_DURATIONS, TestStack, type Deployment, type Run } from "../test/e2e/support";
import { controlClient, type EmulatorControl } from "../test/support/emulator";
import { installPackedPackage, packPackage } from "../test/support/packed-package";
import { figure, round, type Figure } from "./figures";
import { installFixtures } from "./large-stack/fixtures";
import { FAMILIES, floorSeconds, minimumRequests, resourcesPerFamily, type Phase } from "./large-stack/floor";
import { ISSUE_COUNTS, plan, resourceCount, type Plan, type StackCounts } from "./large-stack/plan";

const PER_SECOND = 20;
const BURST = 20;
const FAULT_RATE = 0.1;
const FAULT_SEED = 11;
/**
 * A client cannot tell a 5xx sent before the platform acted from one sent after it, so the bench does not pick the
 * case cheaper for the provider: each injected 5xx is one or the other, half and half (before: looked up, found
 * absent, sent again; after: looked up and adopted).
 */
const FAULT_TIMING = "mixed" as const;
const TARGET_RATIO = 1.25;
const PHASES: readonly Phase[] = ["up", "preview", "destroy"];
const PHASE_FLAGS: Record<Phase, string[]> = { up: [], preview: ["--preview", "--expect-no-changes"], destroy: ["--destroy"] };
const PHASE_TIMEOUT_MS = 300_000;
/** The request log holds this many entries: a phase that reaches it has lost some. */
const LOG_CAPACITY = 5000;

interface PhaseRun {
  seconds: number;
  run: Run;
  log: RequestLogEntry[];
  /** Seconds from the phase's start to its first request, and from its last request to its end: the engine's alone. */
  leadIn: number;
  tail: number;
}

interface Cycle {
  name: string;
  phases: Record<Phase, PhaseRun>;
  /** Failed resource operations per phase. */
  failures: Record<Phase, number>;
  /** Objects made twice, made but not recorded, or recorded but missing, after up. */
  duplicates: number;
  problems: string[];
}

function log(message: string): void {
  process.stderr.write(`  stack: ${message}\n`);
}

/** The resource name: the last part of its URN. */
function nameOf(urn: string): string {
  return urn.slice(urn.lastIndexOf("::") + 2);
}

/** Resources of the plan that are not in the state, or are there with initialization errors (a failed create). */
function failedCreates(p: Plan, d: Deployment): string[] {
  const ok = new Set(
    dbbackupResources(d)
      .filter((r) => r.id !== undefined && r.id !== "" && (r.initErrors ?? []).length === 0)
      .map((r) => nameOf(r.urn)),
  );
  const planned = [...p.obBackups, ...p.taurusBackups, ...p.ocpStrategies, ...p.obStrategies, ...p.taurusStrategies, ...p.restores].map((r) => r.name);
  return planned.filter((n) => !ok.has(n));
}

/* eslint-disable @typescript-eslint/no-explicit-any -- the emulator's family state is untyped JSON */
/**
 * Per target, the objects up made there against what the state records: a target with two objects holds a duplicate,
 * an object no resource records is an orphan, a recorded object the platform does not have is missing.
 */
function objectProblems(p: Plan, d: Deployment, objects: Record<string, any>): string[] {
  // A resource id ends with the platform's id of its object ("oceanbase-cloud/<instance>/<set>", "<instance>/<tenant>").
  const recorded = new Set(dbbackupResources(d).map((r) => (r.id ?? "").split("/").pop()));
  const problems: string[] = [];
  const check = (what: string, made: string[]): void => {
    if (made.length !== 1) problems.push(`${what}: ${made.length} objects (${made.join(", ") || "none"})`);
    for (const m of made) if (!recorded.has(m)) problems.push(`${what}: ${m} is in no resource of the state`);
  };
  const sets = objects["oceanbase-cloud"].backupSets as any[];
  for (const b of p.obBackups) {
    check(`backup sets of ${b.tenantId}`, sets.filter((s) => s.tenantId === b.tenantId).map((s) => s.backupSetId as string));
  }
  const backups = objects["huawei-taurusdb"].backups as any[];
  for (const b of p.taurusBackups) {
    check(`TaurusDB backups of ${b.instanceId}`, backups.filter((x) => x.type === "manual" && x.instanceId === b.instanceId).map((x) => x.id as string));
  }
  const tenants = Object.values(objects["oceanbase-cloud"].tenants as Record<string, any>);
  for (const r of p.restores) {
    check(
      `tenants ${r.targetTenantName} on ${r.targetInstanceId}`,
      tenants.filter((t) => t.instanceId === r.targetInstanceId && t.tenantName === r.targetTenantName).map((t) => t.tenantId as string),
    );
  }
  const strategies = objects.ocp.strategies as Record<string, unknown>;
  for (const s of p.ocpStrategies) if (strategies[String(s.clusterId)] === undefined) problems.push(`OCP cluster ${s.clusterId}: no strategy`);
  return problems;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

/** The error lines of a failed run (Pulumi's diagnostics are on stdout), for the problems list. */
function errorLines(run: Run): string {
  const lines = `${run.stdout}\n${run.stderr}`.split("\n").filter((l) => /error/i.test(l));
  return [...new Set(lines.map((l) => l.trim()))].slice(0, 8).join(" | ");
}

/** Changes a failed `preview --expect-no-changes` proposed ("~ 2 to update", "+-1 to replace"…), at least 1. */
function proposedChanges(run: Run): number {
  const counts = [...run.stdout.matchAll(/(\d+) to (?:create|update|delete|replace)/g)].map((m) => Number(m[1]));
  return Math.max(1, counts.reduce((a, b) => a + b, 0));
}

async function runPhase(stack: TestStack, control: EmulatorControl, phase: Phase, env: Record<string, string>): Promise<PhaseRun> {
  await control.clearRequests();
  const t0 = Date.now();
  const run = await stack.deploy(PHASE_FLAGS[phase], { env, timeoutMs: PHASE_TIMEOUT_MS });
  const t1 = Date.now();
  const entries = await control.requests();
  if (entries.length >= LOG_CAPACITY) throw new Error(`${phase}: the emulator's request log overflowed (${entries.length} entries): the counts would be short`);
  // The log's times are the emulator's clock, which follows this process's wall clock (never advanced here).
  const times = entries.map((e) => Date.parse(e.at));
  const first = times.length > 0 ? Math.min(...times) : t1;
  const last = times.length > 0 ? Math.max(...times) : t1;
  return { seconds: (t1 - t0) / 1000, run, log: entries, leadIn: Math.max(0, first - t0) / 1000, tail: Math.max(0, t1 - last) / 1000 };
}

/** Where the program finds the installed package, from the project's directory (the deploy script's working one). */
const INSTALLED_PACKAGE = "node_modules/pulumi-dbbackup";
/** What an installed resource's __provider requires (one module per kind). */
const INSTALLED_REQUIRE = `require("pulumi-dbbackup/dist/provider/providers/`;

interface CycleOptions {
  name: string;
  limited: boolean;
  env: Record<string, string>;
  /** npm pack's tarball of the package, installed into the stack's project as users install it. */
  tarball: string;
}

async function cycle(url: string, control: EmulatorControl, counts: StackCounts, o: CycleOptions): Promise<Cycle> {
  const p = plan(counts);
  await installFixtures(control, p);
  await control.setDurations(SHORT_DURATIONS);
  if (o.limited) {
    await control.setRateLimit({ requestsPerSecond: PER_SECOND, burst: BURST });
    await control.setRandomFaults({ rate: FAULT_RATE, seed: FAULT_SEED, when: FAULT_TIMING });
  }
  const program = path.join(__dirname, "large-stack", "program.js");
  // The program declares its resources from the copy installed in the project (config "package", from the project's
  // directory), as a user's does: __provider is then a require() of the package, so every checkpoint of the state the
  // engine writes is that much smaller.
  const stack = new TestStack({ name: "dbbackup-bench-stack", stack: o.name, program, config: { counts, package: INSTALLED_PACKAGE } }, url);
  installPackedPackage(o.tarball, stack.dir);
  const problems: string[] = [];
  try {
    const up = await runPhase(stack, control, "up", o.env);
    const afterUp = await stack.exportState();
    const byValue = dbbackupResources(afterUp).filter((r) => !String(r.outputs?.__provider).includes(INSTALLED_REQUIRE));
    if (byValue.length > 0) problems.push(`${byValue.length} resources carry their provider by value, not as the installed package's require()`);
    const notCreated = failedCreates(p, afterUp);
    const objects = objectProblems(p, afterUp, await control.objects());
    if (up.run.code !== 0) problems.push(`up exited ${String(up.run.code)}: ${errorLines(up.run)}`);
    if (notCreated.length > 0) problems.push(`not created: ${notCreated.join(", ")}`);
    problems.push(...objects);
    log(`${o.name}: up ${up.seconds.toFixed(1)} s, ${up.log.length} requests${notCreated.length + objects.length > 0 ? `, ${notCreated.length + objects.length} problems` : ""}`);

    const preview = await runPhase(stack, control, "preview", o.env);
    if (preview.run.code !== 0) problems.push(`preview exited ${String(preview.run.code)}: ${errorLines(preview.run)}`);
    log(`${o.name}: preview ${preview.seconds.toFixed(1)} s, ${preview.log.length} requests`);

    const destroy = await runPhase(stack, control, "destroy", o.env);
    const left = dbbackupResources(await stack.exportState()).map((r) => nameOf(r.urn));
    if (left.length > 0) problems.push(`left by destroy: ${left.join(", ")}`);
    if (destroy.run.code !== 0) problems.push(`destroy exited ${String(destroy.run.code)}: ${errorLines(destroy.run)}`);
    log(`${o.name}: destroy ${destroy.seconds.toFixed(1)} s, ${destroy.log.length} requests`);

    for (const problem of problems) log(`${o.name}: ${problem}`);
    return {
      name: o.name,
      phases: { up, preview, destroy },
      failures: {
        up: Math.max(notCreated.length, up.run.code === 0 ? 0 : 1),
        preview: preview.run.code === 0 ? 0 : proposedChanges(preview.run),
        destroy: Math.max(left.length, destroy.run.code === 0 ? 0 : 1),
      },
      duplicates: objects.length,
      problems,
    };
  } finally {
    stack.remove();
    await control.setRateLimit(null);
    await control.setRandomFaults(null);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Figures

const total = (c: Cycle): number => PHASES.reduce((s, ph) => s + c.phases[ph].seconds, 0);

function byFamily(entries: readonly RequestLogEntry[], keep: (e: RequestLogEntry) => boolean): Record<FamilyName, number> {
  const out: Record<FamilyName, number> = { "oceanbase-cloud": 0, ocp: 0, "huawei-taurusdb": 0 };
  for (const e of entries) if (e.family !== null && keep(e)) out[e.family]++;
  return out;
}

function allEntries(c: Cycle): RequestLogEntry[] {
  return PHASES.flatMap((ph) => c.phases[ph].log);
}

const fmt = (v: number, digits = 1): string => String(round(v, digits));

type Floor = ReturnType<typeof floorSeconds>;

function floorName(f: Floor): string {
  return `floor: ${f.requests} requests on ${f.family} at ${PER_SECOND}/s, each of the ${FAULT_RATE * 100}% answered 5xx sent again`;
}

/** What the requests needed become when a share FAULT_RATE of all requests fails and must be sent again. */
const WITH_FAULTS = 1 / (1 - FAULT_RATE);

/** The whole seconds at the end of `entries` in which fewer than `perSecond` requests came, and how many came then. */
function slowEnd(entries: readonly RequestLogEntry[], perSecond: number): { seconds: number; requests: number } {
  if (entries.length === 0) return { seconds: 0, requests: 0 };
  const times = entries.map((e) => Date.parse(e.at));
  const end = Math.max(...times);
  let seconds = 0;
  let requests = 0;
  for (;;) {
    const inSecond = times.filter((t) => t <= end - seconds * 1000 && t > end - (seconds + 1) * 1000).length;
    if (inSecond >= perSecond || seconds * 1000 > end - Math.min(...times)) return { seconds, requests };
    seconds++;
    requests += inSecond;
  }
}

/** A wall time against the rate limit's floor, the issue's target. */
function againstFloor(name: string, value: number, floor: { seconds: number; name: string }, note: string): Figure {
  return figure({
    name,
    value,
    unit: "s",
    target: `<= ${TARGET_RATIO} x the rate limit's floor`,
    bound: { atMost: TARGET_RATIO * floor.seconds },
    baseline: { value: floor.seconds, name: floor.name },
    note,
  });
}

/** A phase's wall time, how it splits, and the same phase in the engine-only and no-checkpoint runs. */
function phaseNote(ph: Phase, limited: Cycle, engine: Cycle, noCheckpoints: Cycle): string {
  const r = limited.phases[ph];
  const split =
    r.log.length === 0
      ? "it sent no request, so all of it is the engine's"
      : `${fmt(r.leadIn)} s before the first request and ${fmt(r.tail)} s after the last are the engine's alone (CLI and plugin start, program, final state write)`;
  return (
    `${split}; ` +
    `engine only (no limit, no faults, same run): ${fmt(engine.phases[ph].seconds)} s; with PULUMI_SKIP_CHECKPOINTS (no state write after each step): ${fmt(noCheckpoints.phases[ph].seconds)} s.`
  );
}

export async function run(counts: StackCounts = ISSUE_COUNTS): Promise<Figure[]> {
  const resources = resourceCount(counts);
  const env = { DBBACKUP_POLL_INITIAL_MS: "500", DBBACKUP_POLL_MAX_MS: "5000", PULUMI_PARALLEL: String(resources + 10) };
  const packed = packPackage();
  const emulator = await startEmulator({ port: 0, frozenClock: false });
  const control = controlClient(emulator.url);
  const tarball = packed.tarball;
  let engine: Cycle;
  let limited: Cycle;
  let noCheckpoints: Cycle;
  try {
    engine = await cycle(emulator.url, control, counts, { name: "engine", limited: false, env, tarball });
    limited = await cycle(emulator.url, control, counts, { name: "limited", limited: true, env, tarball });
    noCheckpoints = await cycle(emulator.url, control, counts, { name: "nockpt", limited: true, env: { ...env, PULUMI_SKIP_CHECKPOINTS: "true" }, tarball });
  } finally {
    await emulator.close();
    packed.remove();
  }

  const floors = Object.fromEntries(PHASES.map((ph) => [ph, floorSeconds(counts, ph, PER_SECOND, BURST)])) as Record<Phase, Floor>;
  const upFloor = { seconds: floors.up.seconds * WITH_FAULTS, name: floorName(floors.up) };
  const totalFloor = {
    seconds: PHASES.reduce((s, ph) => s + floors[ph].seconds, 0) * WITH_FAULTS,
    name: `floor: ${floors.up.requests} requests on ${floors.up.family} (up) + ${floors.destroy.requests} on ${floors.destroy.family} (destroy) at ${PER_SECOND}/s, the 5xx sent again`,
  };
  const entries = allEntries(limited);
  const authorized = entries.filter((e) => e.authorized);
  const throttled = byFamily(entries, (e) => e.fault?.id === "rate-limit");
  const throttledAll = FAMILIES.reduce((s, f) => s + throttled[f], 0);
  const injected = entries.filter((e) => e.fault?.id === "random");
  const injectedAfter = injected.filter((e) => e.fault?.action === "status-after").length;
  const conditions =
    `${resources} resources, --parallel ${env.PULUMI_PARALLEL}; each API limited to ${PER_SECOND} requests/s (burst ${BURST}), ${FAULT_RATE * 100}% of requests answered 5xx ` +
    `(seed ${FAULT_SEED}, ${FAULT_TIMING}: ${injected.length} injected, ${injectedAfter} of them after the platform acted).`;
  const up = limited.phases.up;
  const span = up.seconds - up.leadIn - up.tail;
  const busiestLog = up.log.filter((e) => e.family === floors.up.family && e.authorized && e.fault?.id !== "rate-limit");
  const busiest = busiestLog.length;
  const slow = slowEnd(busiestLog, PER_SECOND / 2);
  const failures = PHASES.reduce((s, ph) => s + limited.failures[ph] + noCheckpoints.failures[ph], 0);
  const faultBound = `The floor counts the ${FAULT_RATE * 100}% of requests answered 5xx as sent again (without them: ${fmt(floors.up.seconds)} s)`;

  const figures: Figure[] = [
    againstFloor("stack.up.seconds", up.seconds, upFloor, `pulumi up through the CLI: ${conditions} ${phaseNote("up", limited, engine, noCheckpoints)} ${faultBound}.`),
    againstFloor(
      "stack.up.requestSpan.seconds",
      span,
      upFloor,
      `pulumi up from its first request to its last: the part of the wall time the rate limit and the provider govern (the rest is the engine's, above). ` +
        `${floors.up.family} took ${busiest} requests meanwhile (429s left out), ${fmt(busiest / span)} a second against its ${PER_SECOND}; ` +
        `its last ${slow.seconds} s carried ${slow.requests} (the last resources' sequential steps, and a start answered 5xx before acting is looked for ` +
        `about 15 poll rounds, 7.5 s here, before it is sent again, since a new backup set may be listed late). ${faultBound}.`,
    ),
    figure({
      name: "stack.throttled.share",
      value: (100 * throttledAll) / authorized.length,
      unit: "%",
      target: "<= 5% of requests answered 429",
      bound: { atMost: 5 },
      note:
        `${throttledAll} of ${authorized.length} authenticated requests (up, preview, destroy) were answered 429 (${FAMILIES.map((f) => `${f} ${throttled[f]}`).join(", ")}). ` +
        "The provider paces each API in one limiter per host process (sdk/transport/limiter.ts); hundreds of waits bursting into the limit together would have most of the first second's requests refused (20 accepted of ~270).",
    }),
    figure({
      name: "stack.preview.requests",
      value: limited.phases.preview.log.length,
      unit: "requests",
      target: "= 0 (a no-change preview sends nothing)",
      bound: { atMost: 0 },
      note: `preview --expect-no-changes after up: ${fmt(limited.phases.preview.seconds)} s (the rate limit's floor is 0 s); ${phaseNote("preview", limited, engine, noCheckpoints)}`,
    }),
    againstFloor(
      "stack.destroy.seconds",
      limited.phases.destroy.seconds,
      { seconds: floors.destroy.seconds * WITH_FAULTS, name: floorName(floors.destroy) },
      `pulumi destroy, same conditions. ${phaseNote("destroy", limited, engine, noCheckpoints)}`,
    ),
    againstFloor(
      "stack.total.seconds",
      total(limited),
      totalFloor,
      `up + preview + destroy (${PHASES.map((ph) => fmt(limited.phases[ph].seconds)).join(" + ")} s). Out of reach through the Pulumi CLI here: the same stack without any limit or fault ` +
        `takes ${fmt(total(engine))} s (stack.total.engineOnly.seconds), the engine's own time; with PULUMI_SKIP_CHECKPOINTS the limited run takes ${fmt(total(noCheckpoints))} s.`,
    ),
    againstFloor(
      "stack.total.engineOnly.seconds",
      total(engine),
      totalFloor,
      `The same stack with no rate limit and no faults, in the same run (${PHASES.map((ph) => fmt(engine.phases[ph].seconds)).join(" + ")} s): the Pulumi engine, the file backend and the provider host on their own. ` +
        "When this misses the target, no provider can meet stack.total.seconds through this CLI on this machine: the file backend rewrites the whole state after every step " +
        `(about 270 steps of a 270-resource state each way), and each command starts the CLI and its plugins (${PHASES.map((ph) => `${ph} ${fmt(engine.phases[ph].leadIn)} s`).join(", ")} before the first request).`,
    ),
    figure({
      name: "stack.failures",
      value: failures,
      unit: "operations",
      target: "= 0",
      bound: { atMost: 0 },
      note:
        `Resources not created (or with initialization errors), changes a no-change preview proposed, resources destroy left, over both limited runs (each ${resources} creates, a preview and ${resources} deletes).` +
        ([...limited.problems, ...noCheckpoints.problems].length > 0 ? ` ${[...limited.problems, ...noCheckpoints.problems].slice(0, 5).join("; ")}` : ""),
    }),
    figure({
      name: "stack.duplicates",
      value: limited.duplicates + noCheckpoints.duplicates,
      unit: "objects",
      target: "= 0",
      bound: { atMost: 0 },
      note: "After each limited up: targets holding other than exactly one new object (backup sets, TaurusDB backups, restored tenants), objects no resource records, OCP clusters without a strategy.",
    }),
  ];

  const perFamily = resourcesPerFamily(counts);
  const needUp = minimumRequests(counts, "up");
  const needDown = minimumRequests(counts, "destroy");
  const served = byFamily(entries, (e) => e.authorized);
  const challenges = byFamily(entries, (e) => !e.authorized);
  const clean = byFamily(allEntries(engine), (e) => e.authorized);
  for (const f of FAMILIES) {
    // The fewest requests, plus the 5xx answers' share that must be sent again (the engine-only run shows the bare one).
    const minimum = ((needUp[f] + needDown[f]) / perFamily[f]) * WITH_FAULTS;
    figures.push(
      figure({
        name: `stack.requests.${f}.perResource`,
        value: served[f] / perFamily[f],
        unit: "requests",
        target: `<= ${TARGET_RATIO} x the minimum needed`,
        bound: { atMost: TARGET_RATIO * minimum },
        baseline: { value: minimum, name: `minimum needed (bench/large-stack/floor.ts), the ${FAULT_RATE * 100}% answered 5xx sent again` },
        note:
          `up + preview + destroy, authenticated requests (429s and 5xx answers included) per ${f} resource (${perFamily[f]}), limited run; ` +
          `${challenges[f]} Digest challenge rounds besides; the engine-only run (no limit, no faults): ${fmt(clean[f] / perFamily[f], 2)}.`,
      }),
    );
  }
  return figures;
}
