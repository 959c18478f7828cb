// The control API, served without auth on the emulator's own port under /__emulator/. Not recorded in the
// request log and never subject to faults.
//
//   POST   /__emulator/reset               fresh fixtures (every family's seed()), no faults, empty request log,
//                                          durations back to start values, clock back to its start options → { ok }
//   GET    /__emulator/objects             { "<family>": <state slice>, ... }
//   PUT    /__emulator/objects/:family     replace one family's slice with the JSON object sent → { ok }  [addition:
//                                          lets a test change or delete objects "outside" the API]
//   GET    /__emulator/requests            { requests: RequestLogEntry[] }          DELETE clears → { ok }
//   POST   /__emulator/faults              FaultSpec → { id }      GET → { faults: Fault[] }      DELETE clears → { ok }
//   DELETE /__emulator/faults/:id          remove one fault → { ok } (404 when unknown)  [addition]
//   GET    /__emulator/clock               { now, frozen }
//   POST   /__emulator/clock               { advanceMs?, frozen? } (frozen applied first) → { now, frozen }
//   GET    /__emulator/durations           { "<key>": ms, ... }
//   POST   /__emulator/durations           { "<key>": ms, ... } merged (unknown keys refused) → the merged map
//   GET    /__emulator/health              { ok: true, families: [...] }  [addition]
//   GET    /__emulator/rate-limit          { rateLimit: RateLimitSpec | null, throttled }   POST RateLimitSpec sets it
//                                          (full buckets), DELETE turns it off → the same view  [addition: rate-limit.ts]
//   GET    /__emulator/random-faults       { randomFaults: RandomFaultSpec | null, drawn, injected: { before, after } }
//                                          POST RandomFaultSpec sets it (PRNG re-seeded), DELETE turns it off → the
//                                          same view  [addition: random-faults.ts]
// Reset puts both back to startEmulator's options (off unless given there).
//
// Errors: 400 { error } for a bad body, 404 { error } for an unknown path, 405 { error } with Allow.
import type { ResettableClock } from "./clock";
import type { Durations } from "./durations";
import { DurationError } from "./durations";
import type { FaultStore } from "./faults";
import { FaultSpecError, isPlainObject, parseFaultSpec } from "./faults";
import { parseRandomFaultSpec, type RandomFaults, type RandomFaultSpec } from "./random-faults";
import { parseRateLimitSpec, TrafficSpecError, type RateLimits, type RateLimitSpec } from "./rate-limit";
import type { RequestLog } from "./request-log";
import type { StateStore } from "./state-store";
import type { EmuResponse, Family } from "./types";

export const CONTROL_PREFIX = "/__emulator";

export function isControlPath(rawPath: string): boolean {
  return rawPath === CONTROL_PREFIX || rawPath.startsWith(CONTROL_PREFIX + "/");
}

export interface ControlDeps {
  families: readonly Family[];
  clock: ResettableClock;
  store: StateStore;
  durations: Durations;
  faults: FaultStore;
  limits: RateLimits;
  randomFaults: RandomFaults;
  log: RequestLog;
  /** Puts everything back as at start. */
  reset(): Promise<void>;
}

class BadRequest extends Error {}

type Endpoint = (body: Buffer, param: string | undefined) => EmuResponse | Promise<EmuResponse>;

export async function handleControl(deps: ControlDeps, method: string, rawPath: string, body: Buffer): Promise<EmuResponse> {
  const rest = rawPath.slice(CONTROL_PREFIX.length + 1);
  const slash = rest.indexOf("/");
  const resource = slash >= 0 ? rest.slice(0, slash) : rest;
  let param: string | undefined;
  if (slash >= 0) {
    try {
      param = decodeURIComponent(rest.slice(slash + 1));
    } catch {
      return notFound(rawPath);
    }
  }
  const endpoints = routesFor(deps, resource, param !== undefined);
  if (endpoints === undefined) return notFound(rawPath);
  const endpoint = endpoints[method.toUpperCase()];
  if (endpoint === undefined) {
    return { status: 405, headers: { allow: Object.keys(endpoints).join(", ") }, body: { error: `${method} not allowed on ${rawPath}` } };
  }
  try {
    return await endpoint(body, param);
  } catch (error) {
    if (error instanceof BadRequest || error instanceof FaultSpecError || error instanceof DurationError || error instanceof TrafficSpecError) {
      return { status: 400, body: { error: error.message } };
    }
    throw error;
  }
}

function routesFor(deps: ControlDeps, resource: string, withParam: boolean): Record<string, Endpoint> | undefined {
  const ok: EmuResponse = { status: 200, body: { ok: true } };
  const clockView = (): EmuResponse => ({ status: 200, body: { now: deps.clock.now(), frozen: deps.clock.isFrozen() } });
  if (withParam) {
    switch (resource) {
      case "objects":
        return {
          PUT: async (body, name) => {
            if (!deps.families.some((f) => f.name === name)) return notFound(`family ${name ?? ""}`);
            await deps.store.replaceSlice(name as string, parseJson(body, "state"));
            return ok;
          },
        };
      case "faults":
        return { DELETE: (_body, id) => (deps.faults.remove(id as string) ? ok : notFound(`fault ${id ?? ""}`)) };
      default:
        return undefined;
    }
  }
  switch (resource) {
    case "reset":
      return {
        POST: async () => {
          await deps.reset();
          return ok;
        },
      };
    case "objects":
      return { GET: () => ({ status: 200, body: deps.store.snapshot() }) };
    case "requests":
      return {
        GET: () => ({ status: 200, body: { requests: deps.log.list() } }),
        DELETE: () => {
          deps.log.clear();
          return ok;
        },
      };
    case "faults":
      return {
        GET: () => ({ status: 200, body: { faults: deps.faults.list() } }),
        POST: (body) => ({ status: 200, body: { id: deps.faults.add(parseFaultSpec(parseJson(body, "fault"))).id } }),
        DELETE: () => {
          deps.faults.clear();
          return ok;
        },
      };
    case "clock":
      return {
        GET: clockView,
        POST: (body) => {
          const input = parseJson(body, "clock", {});
          if (!isPlainObject(input)) throw new BadRequest("clock body must be a JSON object");
          const { advanceMs, frozen } = input;
          if (frozen !== undefined && typeof frozen !== "boolean") throw new BadRequest("frozen must be a boolean");
          if (advanceMs !== undefined && (typeof advanceMs !== "number" || !Number.isFinite(advanceMs) || advanceMs < 0)) {
            throw new BadRequest("advanceMs must be a finite number >= 0");
          }
          if (frozen === true) deps.clock.freeze();
          if (frozen === false) deps.clock.unfreeze();
          if (advanceMs !== undefined) deps.clock.advance(advanceMs);
          return clockView();
        },
      };
    case "durations":
      return {
        GET: () => ({ status: 200, body: deps.durations.snapshot() }),
        POST: (body) => ({ status: 200, body: deps.durations.set(parseJson(body, "durations")) }),
      };
    case "rate-limit":
      return setting<RateLimitSpec>(() => deps.limits.snapshot(), (spec) => deps.limits.set(spec), (body) => parseRateLimitSpec(parseJson(body, "rate limit")));
    case "random-faults":
      return setting<RandomFaultSpec>(() => deps.randomFaults.snapshot(), (spec) => deps.randomFaults.set(spec), (body) => parseRandomFaultSpec(parseJson(body, "random faults")));
    case "health":
      return { GET: () => ({ status: 200, body: { ok: true, families: deps.families.map((f) => f.name) } }) };
    default:
      return undefined;
  }
}

/** A setting that is on or off: GET shows it, POST sets it from the body, DELETE turns it off; each answers the view. */
function setting<T>(view: () => unknown, set: (spec: T | undefined) => void, parse: (body: Buffer) => T): Record<string, Endpoint> {
  const answer = (): EmuResponse => ({ status: 200, body: view() });
  return {
    GET: answer,
    POST: (body) => {
      set(parse(body));
      return answer();
    },
    DELETE: () => {
      set(undefined);
      return answer();
    },
  };
}

function parseJson(body: Buffer, what: string, empty?: unknown): unknown {
  if (body.length === 0) {
    if (empty !== undefined) return empty;
    throw new BadRequest(`${what} body is required`);
  }
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    throw new BadRequest(`${what} body is not valid JSON`);
  }
}

function notFound(what: string): EmuResponse {
  return { status: 404, body: { error: `not found: ${what}` } };
}
