// One scenario of the matrix: a fresh emulator, one resource, one operation under one fault at one site, the
// engine's follow-up, then the invariants against the emulator's objects.
import { setTimeout as delay } from "node:timers/promises";
import { ENDS_FAILED, FAULT_KINDS, STALE_NONCES, type FaultKind } from "./fault-kinds";
import { DrivenResource, firstLine, newTrail, type Outcome } from "./drive";
import { checkObjects, checkTexts, emptyTally, orphansOf, type Tally } from "./invariants";
import { requestSequence } from "./requests";
import type { FaultSession, TickHook } from "./session";
import { FAST_DURATIONS, TARGETS, type Op, type SiteName, type Target } from "./targets";

export interface ScenarioSpec {
  id: string;
  target: Target;
  op: Op;
  /** Undefined for faults not tied to a route (stale nonces, FAILED). */
  site?: SiteName;
  fault: FaultKind;
}

export interface ScenarioResult extends Tally {
  id: string;
  operations: number;
  problems: string[];
  /** The emulator's request log of the scenario (kept for scenarios with problems). */
  requests: string[];
  /** Requests the emulator faulted, and answered in all (authorized). */
  faulted: number;
  sent: number;
  /** A fault on a route that no request hit: the scenario proved nothing. */
  missed: boolean;
  ms: number;
}

const OPS: readonly Op[] = ["create", "read", "update", "delete"];
const SITES: readonly SiteName[] = ["call", "poll"];

/** Every target × operation × site × applicable fault, plus stale nonces and FAILED once per operation. */
export function matrix(targets: readonly Target[] = TARGETS): ScenarioSpec[] {
  const specs: ScenarioSpec[] = [];
  for (const target of targets) {
    for (const op of OPS) {
      const sites = target.sites[op];
      if (sites === undefined) continue;
      for (const site of SITES) {
        const routes = sites[site];
        if (routes === undefined || (site === "poll" && op === "read")) continue;
        const method = routes[0]?.method ?? "GET";
        for (const fault of FAULT_KINDS) {
          if (fault.applies !== undefined && !fault.applies(target, site, method)) continue;
          specs.push({ id: `${target.name} ${op} ${site}: ${fault.name}`, target, op, site, fault });
        }
      }
      for (const fault of [STALE_NONCES, ENDS_FAILED]) {
        if (fault.applies?.(target, "call", "GET") === false) continue;
        if (fault === ENDS_FAILED && (op === "read" || op === "delete" || (op === "update" && !target.updateResumesWait && target.name !== "BackupStrategy/ocp"))) continue;
        specs.push({ id: `${target.name} ${op}: ${fault.name}`, target, op, fault });
      }
    }
  }
  return specs;
}

let counter = 0;

export async function runScenario(session: FaultSession, spec: ScenarioSpec): Promise<ScenarioResult> {
  const started = Date.now();
  const { target, op, fault } = spec;
  const { control } = session;
  await control.reset();
  await control.setDurations({ ...FAST_DURATIONS, ...fault.durations });
  const transcriptStart = session.host.transcript().length;
  const unique = `${process.pid % 1000}x${++counter}`;
  const waitForCompletion = !(op === "update" && target.updateResumesWait);
  const args = target.program({ now: (await control.clock()).now, unique, waitForCompletion });
  const resource = new DrivenResource(target, session.driver(target.kind, `fault-${unique}`), session, args);
  const trail = newTrail();
  const tally = emptyTally();
  const objectsNow = async () => {
    const state = await control.objects();
    return { state, objects: target.objects(state) };
  };
  const before = new Set((await objectsNow()).objects.map((o) => o.id));

  try {
    // FAILED on an update of a backup or tenant: the object the setup started is the one that fails.
    const hooks: TickHook[] = [];
    const failEarly = fault.failFirst === true && op === "update" && target.updateResumesWait;
    if (failEarly && target.failFirst) hooks.push(await target.failFirst(control));
    if (op !== "create") {
      const setup = await resource.run("create", trail, hooks);
      if (setup.kind !== "ok") throw new Error(`setup create failed: ${firstLine(setup.text)}`);
      if (op === "update") resource.args = target.updated(args);
    }
    if (fault.failFirst === true && !failEarly && target.failFirst) hooks.push(await target.failFirst(control));
    for (const route of (spec.site !== undefined ? target.sites[op]?.[spec.site] : undefined) ?? []) {
      for (const f of fault.specs?.(route, target) ?? []) await control.addFault(f);
    }
    const deletedId = op === "delete" ? resource.state?.id : undefined;

    const outcome: Outcome = await resource.run(op, trail, hooks);
    // A request the client timed out on may still act: look at the objects once it has.
    if (fault.lateMs !== undefined) await delay(fault.lateMs);
    if (outcome.kind === "ok" && outcome.gone === true) trail.problems.push("read called a live object gone: the stack would forget it");
    const mid = await objectsNow();
    const early = orphansOf(mid.objects, before, trail.recorded);

    await control.clearFaults();
    const finished = await resource.followUp(op, outcome, trail);
    const emuState = await control.objects();
    const state = resource.state;
    checkObjects({ target, op, state, args: resource.args, before, recorded: trail.recorded, early, emuState, finished, deletedId }, trail, tally);
  } catch (e) {
    tally.unfinished += 1;
    trail.problems.push(`scenario aborted: ${firstLine(e instanceof Error ? e.message : String(e))}`);
  } finally {
    await control.clearFaults();
  }
  checkTexts(trail, target, resource.args, session.host.transcript().slice(transcriptStart), tally);
  const log = await control.requests();
  return {
    id: spec.id,
    operations: trail.operations,
    ...tally,
    problems: trail.problems,
    requests: trail.problems.length > 0 ? requestSequence(log) : [],
    faulted: log.filter((r) => r.fault !== undefined).length,
    missed: spec.site !== undefined && !log.some((r) => r.fault !== undefined),
    sent: log.filter((r) => r.authorized).length,
    ms: Date.now() - started,
  };
}
