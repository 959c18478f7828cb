// Injected faults: what a test asks the emulator to do wrong, and which request it applies to.
// Faults are only consulted after the family's authenticate() passed, so auth rounds never consume one.

// "status-after" and "garbage" act like "reset-after" and "malformed": the server acts first, then the answer is a lie.
export type FaultAction = "status" | "status-after" | "reset-before" | "reset-after" | "malformed" | "garbage" | "latency";

const ACTIONS: readonly FaultAction[] = ["status", "status-after", "reset-before", "reset-after", "malformed", "garbage", "latency"];

/** Actions that answer an error status: "status" before the handler runs, "status-after" after it acted. */
export function answersStatus(action: FaultAction): boolean {
  return action === "status" || action === "status-after";
}

/** What POST /__emulator/faults accepts. */
export interface FaultSpec {
  /** HTTP method to match (any when omitted), compared case-insensitively. */
  method?: string;
  /** A regular expression source tested (unanchored) against the decoded request path. */
  path: string;
  action: FaultAction;
  /** "status" and "status-after": the status to answer (required for those actions). */
  status?: number;
  /** "status", "status-after" and "garbage": a body sent instead of the default one; an object is sent as JSON. */
  body?: unknown;
  /** "status": errorBody() code (default: derived from the status, e.g. "TooManyRequests"). Addition to the brief. */
  code?: string;
  /** "status": errorBody() message (default "injected fault"). Addition to the brief. */
  message?: string;
  /** "status", "status-after", "malformed" and "garbage": extra response headers. */
  headers?: Record<string, string>;
  /** "status": sets Retry-After (seconds). */
  retryAfterSeconds?: number;
  /** "latency": real milliseconds to wait before handling the request normally. */
  latencyMs?: number;
  /** How many matching requests it applies to (default 1). */
  times?: number;
}

/** A stored fault: its spec, its id and how many more requests it will hit. */
export interface Fault extends FaultSpec {
  id: string;
  remaining: number;
}

export class FaultSpecError extends Error {}

/** Checks an untrusted fault spec (from the control API) and fills defaults. */
export function parseFaultSpec(input: unknown): FaultSpec {
  if (!isPlainObject(input)) throw new FaultSpecError("fault must be a JSON object");
  const { method, path, action, status, body, code, message, headers, retryAfterSeconds, latencyMs, times } = input;
  if (typeof path !== "string") throw new FaultSpecError("path must be a regular expression source (string)");
  try {
    new RegExp(path);
  } catch (error) {
    throw new FaultSpecError(`path is not a valid regular expression: ${(error as Error).message}`);
  }
  if (typeof action !== "string" || !ACTIONS.includes(action as FaultAction)) {
    throw new FaultSpecError(`action must be one of ${ACTIONS.join(", ")}`);
  }
  const spec: FaultSpec = { path, action: action as FaultAction };
  if (method !== undefined) {
    if (typeof method !== "string" || !/^[A-Za-z]+$/.test(method)) throw new FaultSpecError("method must be an HTTP method name");
    spec.method = method.toUpperCase();
  }
  if (status !== undefined) {
    if (!Number.isInteger(status) || (status as number) < 200 || (status as number) > 599) {
      throw new FaultSpecError("status must be an integer from 200 to 599");
    }
    spec.status = status as number;
  }
  if (answersStatus(spec.action) && spec.status === undefined) throw new FaultSpecError(`action "${spec.action}" needs status`);
  if (body !== undefined) spec.body = body;
  if (code !== undefined) {
    if (typeof code !== "string") throw new FaultSpecError("code must be a string");
    spec.code = code;
  }
  if (message !== undefined) {
    if (typeof message !== "string") throw new FaultSpecError("message must be a string");
    spec.message = message;
  }
  if (headers !== undefined) {
    if (!isPlainObject(headers) || !Object.values(headers).every((v) => typeof v === "string")) {
      throw new FaultSpecError("headers must be an object of strings");
    }
    spec.headers = headers as Record<string, string>;
  }
  if (retryAfterSeconds !== undefined) {
    if (!Number.isInteger(retryAfterSeconds) || (retryAfterSeconds as number) < 0) {
      throw new FaultSpecError("retryAfterSeconds must be an integer >= 0");
    }
    spec.retryAfterSeconds = retryAfterSeconds as number;
  }
  if (latencyMs !== undefined) {
    if (!Number.isInteger(latencyMs) || (latencyMs as number) < 0 || (latencyMs as number) > 60_000) {
      throw new FaultSpecError("latencyMs must be an integer from 0 to 60000");
    }
    spec.latencyMs = latencyMs as number;
  }
  if (spec.action === "latency" && spec.latencyMs === undefined) throw new FaultSpecError('action "latency" needs latencyMs');
  if (times !== undefined) {
    if (!Number.isInteger(times) || (times as number) < 1) throw new FaultSpecError("times must be an integer >= 1");
    spec.times = times as number;
  }
  return spec;
}

export class FaultStore {
  private faults: Array<{ fault: Fault; pattern: RegExp }> = [];
  private nextId = 1;

  add(spec: FaultSpec): Fault {
    const fault: Fault = { ...spec, id: `fault-${this.nextId++}`, remaining: spec.times ?? 1 };
    this.faults.push({ fault, pattern: new RegExp(spec.path) });
    return fault;
  }

  list(): Fault[] {
    return this.faults.map(({ fault }) => ({ ...fault }));
  }

  remove(id: string): boolean {
    const before = this.faults.length;
    this.faults = this.faults.filter(({ fault }) => fault.id !== id);
    return this.faults.length !== before;
  }

  clear(): void {
    this.faults = [];
  }

  /** The first fault (in the order added) matching this request, counted down; exhausted faults are dropped. */
  take(method: string, path: string): Fault | undefined {
    const upper = method.toUpperCase();
    const index = this.faults.findIndex(
      ({ fault, pattern }) => (fault.method === undefined || fault.method === upper) && pattern.test(path),
    );
    const hit = this.faults[index];
    if (hit === undefined) return undefined;
    hit.fault.remaining -= 1;
    if (hit.fault.remaining <= 0) this.faults.splice(index, 1);
    return { ...hit.fault };
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
