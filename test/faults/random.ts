// The seeded random mode: an estate of resources on every target, driven by a seeded PRNG through create, read,
// update and delete, with faults picked at random per route and per call so that about one request in five is
// faulted; after each operation the engine's follow-up, then the same invariants as the matrix, counted per operation
// over the objects that appeared meanwhile.
import { setTimeout as delay } from "node:timers/promises";
import { ENDS_FAILED, FAULT_KINDS } from "./fault-kinds";
import { DrivenResource, firstLine, newTrail, type Outcome } from "./drive";
import { checkObjects, checkTexts, emptyTally, orphansOf, type Tally } from "./invariants";
import { seeded, type Prng } from "../../emulator/core/prng";
import { requestSequence } from "./requests";
import type { FaultSession, TickHook } from "./session";
import { formatTable, failing, type Failure, type Row } from "./table";
import { FAST_DURATIONS, TARGETS, type Op, type SiteName, type Target } from "./targets";
import type { FaultSpec } from "../support/emulator";
import { findLeaks } from "../support/leaks";

export interface RandomOptions {
  seed: number;
  operations: number;
  /** The share of requests to fault (default 0.2). */
  faultShare?: number;
  log?(message: string): void;
}

/** Slots per target: one resource per singleton (a cluster's or instance's strategy), two of the others. */
const SLOTS: Record<string, number> = { BackupStrategy: 1, ManualBackup: 2, RestoredTenant: 2 };
const MAX_FAULTS_PER_OP = 3;

interface Slot {
  target: Target;
  index: number;
  resource?: DrivenResource;
}

/** The faults for one operation: `count` picks of a route of the operation and a fault that applies there. */
function pickFaults(prng: Prng, target: Target, op: Op, count: number): Array<{ label: string; spec: FaultSpec }> {
  const sites = target.sites[op] ?? {};
  const routes = (Object.keys(sites) as SiteName[]).flatMap((site) => (sites[site] ?? []).map((route) => ({ site, route })));
  const picked: Array<{ label: string; spec: FaultSpec }> = [];
  for (let i = 0; i < count && routes.length > 0; i++) {
    const { site, route } = prng.pick(routes);
    const kinds = FAULT_KINDS.filter((k) => k.applies === undefined || k.applies(target, site, route.method));
    const kind = prng.pick(kinds);
    for (const spec of kind.specs?.(route, target) ?? []) picked.push({ label: `${site} ${route.method}: ${kind.name}`, spec });
  }
  return picked;
}

export async function runRandom(session: FaultSession, opts: RandomOptions): Promise<{ text: string; failed: boolean }> {
  const prng = seeded(opts.seed);
  const share = opts.faultShare ?? 0.2;
  const { control } = session;
  await control.reset();
  await control.setDurations(FAST_DURATIONS);
  const slots: Slot[] = TARGETS.flatMap((target) => Array.from({ length: SLOTS[target.kind] ?? 1 }, (_, index) => ({ target, index })));
  const rows = new Map<string, Row>();
  const failures: Failure[] = [];
  const recorded = new Set<string>();
  let sent = 0;
  let faulted = 0;
  let counter = 0;
  const started = Date.now();

  for (let n = 1; n <= opts.operations; n++) {
    const slot = prng.pick(slots);
    const { target } = slot;
    let resource = slot.resource;
    let op: Op;
    if (resource === undefined) {
      op = "create";
      const unique = `r${opts.seed}x${++counter}`;
      const now = (await control.clock()).now;
      const args = target.program({ now, unique, waitForCompletion: !target.updateResumesWait || prng.chance(0.7) });
      resource = new DrivenResource(target, session.driver(target.kind, `random-${unique}`), session, args);
    } else {
      op = prng.pick(["read", "update", "update", "delete"] as const);
      // Backups and tenants change only how they wait (resuming one not awaited); strategies flip between two programs.
      if (op === "update") {
        const program = target.program({ now: 0, unique: "", waitForCompletion: true });
        resource.args = target.updateResumesWait
          ? { ...resource.args, waitForCompletion: true, timeoutMinutes: prng.pick([0.4, 0.5]) }
          : prng.chance(0.5) ? program : target.updated(program);
      }
    }
    const r = resource;

    // Enough faults to bring the share of faulted requests to the goal, judged on the requests so far.
    const expected = n === 1 ? 8 : Math.max(4, sent / (n - 1));
    const wanted = Math.max(0, Math.min(MAX_FAULTS_PER_OP, Math.round(share * (sent + expected) - faulted)));
    const faults = pickFaults(prng, target, op, wanted);
    for (const f of faults) await control.addFault(f.spec);
    const hooks: TickHook[] = [];
    const failNow = ENDS_FAILED.applies?.(target, "call", "GET") === true && (op === "create" || op === "update") && prng.chance(0.05);
    if (failNow && target.failFirst) hooks.push(await target.failFirst(control));

    const trail = newTrail();
    const tally: Tally = emptyTally();
    const before = new Set(target.objects(await control.objects()).map((o) => o.id));
    const deletedId = op === "delete" ? r.state?.id : undefined;
    try {
      const outcome: Outcome = await r.run(op, trail, hooks);
      // A request the client timed out on may still act: look at the objects once it has.
      if (faults.some((f) => f.spec.action === "latency")) await delay(1000);
      if (outcome.kind === "ok" && outcome.gone === true) trail.problems.push("read called a live object gone: the stack would forget it");
      for (const id of trail.recorded) recorded.add(id);
      const early = orphansOf(target.objects(await control.objects()), before, recorded);
      await control.clearFaults();
      const finished = await r.followUp(op, outcome, trail);
      for (const id of trail.recorded) recorded.add(id);
      const emuState = await control.objects();
      checkObjects({ target, op, state: r.state, args: r.args, before, recorded, early, emuState, finished, deletedId }, trail, tally);
    } catch (e) {
      tally.unfinished += 1;
      trail.problems.push(`operation aborted: ${firstLine(e instanceof Error ? e.message : String(e))}`);
      await control.clearFaults();
    }
    checkTexts(trail, target, r.args, "", tally);
    slot.resource = r.state === undefined ? undefined : r;

    const log = await control.requests();
    await control.clearRequests();
    sent += log.filter((e) => e.authorized).length;
    faulted += log.filter((e) => e.fault !== undefined).length;
    const key = `${target.name} ${op}`;
    const row = rows.get(key) ?? { label: key, scenarios: 0, operations: 0, ...emptyTally() };
    row.scenarios += 1;
    row.operations += trail.operations;
    for (const k of Object.keys(tally) as (keyof Tally)[]) row[k] += tally[k];
    rows.set(key, row);
    const label = `#${n} ${key} (${slot.target.name}[${slot.index}]) faults: ${faults.map((f) => f.label).join("; ") || "none"}${failNow ? "; ends FAILED" : ""}`;
    if (trail.problems.length > 0) failures.push({ label, problems: trail.problems, requests: requestSequence(log) });
    opts.log?.(`[${n}/${opts.operations}] ${failing(tally) ? "FAIL" : "ok  "} ${label}`);
  }
  // The host's whole output, once: no credential in any log or progress line of the run.
  const leaks = findLeaks([{ where: "the host's output (log and progress lines)", text: session.host.transcript() }]);
  const list = [...rows.values()].sort((a, b) => a.label.localeCompare(b.label));
  if (leaks.length > 0) {
    failures.push({ label: "host output", problems: leaks.map((l) => `credential (${l.secret}, ${l.form}): ${l.excerpt}`), requests: [] });
    list.push({ label: "host output (whole run)", scenarios: 0, operations: 0, ...emptyTally(), leaks: leaks.length });
  }
  const secs = ((Date.now() - started) / 1000).toFixed(0);
  const footer = [`seed ${opts.seed}: emulator requests ${sent}, faulted ${faulted} (${((100 * faulted) / Math.max(1, sent)).toFixed(1)}%); ${secs} s`];
  const text = formatTable(`Fault suite: random mode, seed ${opts.seed}, ${opts.operations} operations`, list, failures, footer);
  return { text, failed: list.some(failing) || faulted / Math.max(1, sent) < share * 0.9 };
}
