// Jest helpers for tests against the emulator: one in-process emulator per describe() block, reset before
// every test, and a typed client for its /__emulator/ control API.
//
// useEmulator() starts with the virtual clock FROZEN by default (pass frozenClock: false to opt out), so
// statuses only move when a test calls control.advance(): results never depend on how fast the machine is.
import { startEmulator } from "../../emulator/server";
import type { EmulatorOptions, RunningEmulator } from "../../emulator/server";
import type { Fault, FaultSpec } from "../../emulator/core/faults";
import type { RequestLogEntry } from "../../emulator/core/request-log";
import type { RandomFaultSpec } from "../../emulator/core/random-faults";
import type { RateLimitSpec } from "../../emulator/core/rate-limit";

export type { EmulatorOptions, Fault, FaultSpec, RandomFaultSpec, RateLimitSpec, RequestLogEntry, RunningEmulator };

/** Durations that make every backup, restore, deletion and task end at once: for tests whose point is not the wait. */
export const INSTANT_DURATIONS: Readonly<Record<string, number>> = {
  "oceanbase.backupBeginMs": 0,
  "oceanbase.backupMs": 0,
  "oceanbase.restoreCreateMs": 0,
  "oceanbase.restoreMs": 0,
  "oceanbase.tenantDeleteMs": 0,
  "taurusdb.backupMs": 0,
  "taurusdb.policyApplyMs": 0,
  "ocp.taskMs": 0,
};

export interface EmulatorControl {
  /** POST /__emulator/reset: fresh fixtures, no faults, empty log, default durations, clock as at start. */
  reset(): Promise<void>;
  /** GET /__emulator/objects: every family's state. */
  objects(): Promise<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests dig into family-specific state
  /** PUT /__emulator/objects/:family: replace one family's state (objects changed or deleted "outside"). */
  replaceObjects(family: string, state: Record<string, unknown>): Promise<void>;
  requests(): Promise<RequestLogEntry[]>;
  clearRequests(): Promise<void>;
  /** Returns the fault's id. */
  addFault(fault: FaultSpec): Promise<string>;
  faults(): Promise<Fault[]>;
  clearFaults(): Promise<void>;
  /** Moves the virtual clock forward; returns the new virtual now (ms). */
  advance(ms: number): Promise<number>;
  freeze(): Promise<void>;
  unfreeze(): Promise<void>;
  clock(): Promise<{ now: number; frozen: boolean }>;
  /** Merges into the current durations; returns the merged map. */
  setDurations(durations: Record<string, number>): Promise<Record<string, number>>;
  durations(): Promise<Record<string, number>>;
  /** POST /__emulator/rate-limit, or DELETE it with null. */
  setRateLimit(spec: RateLimitSpec | null): Promise<void>;
  /** POST /__emulator/random-faults, or DELETE it with null. */
  setRandomFaults(spec: RandomFaultSpec | null): Promise<void>;
}

export interface EmulatorHandle {
  /** Base URL, e.g. "http://127.0.0.1:41234" (available once beforeAll ran). */
  readonly url: string;
  /** The running emulator (available once beforeAll ran). */
  readonly emulator: RunningEmulator;
  control: EmulatorControl;
}

/** Call at the top of a describe(): beforeAll starts (port 0, frozen clock), beforeEach resets, afterAll closes. */
export function useEmulator(opts: EmulatorOptions = {}): EmulatorHandle {
  let running: RunningEmulator | undefined;
  const started = (): RunningEmulator => {
    if (running === undefined) throw new Error("the emulator is not running: use the handle inside tests or hooks");
    return running;
  };
  beforeAll(async () => {
    running = await startEmulator({ port: 0, frozenClock: true, ...opts });
  });
  beforeEach(async () => {
    await controlClient(started().url).reset();
  });
  afterAll(async () => {
    await running?.close();
    running = undefined;
  });
  return {
    get url() {
      return started().url;
    },
    get emulator() {
      return started();
    },
    control: lazyControl(() => started().url),
  };
}

/** A control client for an emulator at `baseUrl` (e.g. one started by the CLI). */
export function controlClient(baseUrl: string): EmulatorControl {
  return lazyControl(() => baseUrl);
}

function lazyControl(baseUrl: () => string): EmulatorControl {
  const call = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const response = await fetch(`${baseUrl()}/__emulator/${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`emulator control ${method} /__emulator/${path} answered ${response.status}: ${text}`);
    return JSON.parse(text) as unknown;
  };
  const clockPost = (body: { advanceMs?: number; frozen?: boolean }): Promise<{ now: number; frozen: boolean }> =>
    call("POST", "clock", body) as Promise<{ now: number; frozen: boolean }>;
  return {
    reset: async () => void (await call("POST", "reset")),
    objects: async () => (await call("GET", "objects")) as Record<string, unknown>,
    replaceObjects: async (family, state) => void (await call("PUT", `objects/${encodeURIComponent(family)}`, state)),
    requests: async () => ((await call("GET", "requests")) as { requests: RequestLogEntry[] }).requests,
    clearRequests: async () => void (await call("DELETE", "requests")),
    addFault: async (fault) => ((await call("POST", "faults", fault)) as { id: string }).id,
    faults: async () => ((await call("GET", "faults")) as { faults: Fault[] }).faults,
    clearFaults: async () => void (await call("DELETE", "faults")),
    advance: async (ms) => (await clockPost({ advanceMs: ms })).now,
    freeze: async () => void (await clockPost({ frozen: true })),
    unfreeze: async () => void (await clockPost({ frozen: false })),
    clock: async () => (await call("GET", "clock")) as { now: number; frozen: boolean },
    setDurations: async (durations) => (await call("POST", "durations", durations)) as Record<string, number>,
    durations: async () => (await call("GET", "durations")) as Record<string, number>,
    setRateLimit: async (spec) => void (await (spec === null ? call("DELETE", "rate-limit") : call("POST", "rate-limit", spec))),
    setRandomFaults: async (spec) => void (await (spec === null ? call("DELETE", "random-faults") : call("POST", "random-faults", spec))),
  };
}
