// The record of what clients sent, for tests to assert on. Never holds headers; secrets in bodies are masked.
import type { FaultAction } from "./faults";
import type { FamilyName } from "./types";

export interface RequestLogEntry {
  /** 1, 2, 3… in the order requests were answered; restarts at 1 on /__emulator/reset. */
  seq: number;
  /** ISO-8601 time of the virtual clock when the request was answered. */
  at: string;
  method: string;
  /** Decoded path without the query string. */
  path: string;
  /** Query parameters; a repeated key gives an array. */
  query: Record<string, string | string[]>;
  /** The family that owns the path, or null when none does. */
  family: FamilyName | null;
  /** True when the family's authenticate() accepted the request. */
  authorized: boolean;
  /** The HTTP status sent, or "reset" when the connection was dropped by a fault. */
  status: number | "reset";
  /**
   * The injected fault that applied, if any: a fault's own id, "rate-limit" for a 429 of the rate limit
   * (rate-limit.ts), "random" for a random 5xx (random-faults.ts).
   */
  fault?: { id: string; action: FaultAction };
  /** The body parsed as JSON, with every key matching /secret|password/i replaced by "***"; absent when not JSON. */
  body?: unknown;
}

const SECRET_KEY = /secret|password/i;
const MASK = "***";

/** Deep copy of a JSON value with the value of every key matching /secret|password/i replaced by "***". */
export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [key, SECRET_KEY.test(key) ? MASK : redactSecrets(inner)]),
    );
  }
  return value;
}

/** The body as logged: parsed JSON (redacted), or undefined for an empty or non-JSON body. */
export function loggableBody(raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  try {
    return redactSecrets(JSON.parse(raw.toString("utf8")));
  } catch {
    return undefined;
  }
}

export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private nextSeq = 1;

  constructor(private readonly capacity = 5000) {}

  add(entry: Omit<RequestLogEntry, "seq">): RequestLogEntry {
    const full: RequestLogEntry = { seq: this.nextSeq++, ...entry };
    this.entries.push(full);
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
    return full;
  }

  list(): RequestLogEntry[] {
    return [...this.entries];
  }

  /** DELETE /__emulator/requests: forget entries, keep numbering (so later seqs still order after earlier ones). */
  clear(): void {
    this.entries = [];
  }

  /** /__emulator/reset: forget entries and start numbering at 1 again. */
  reset(): void {
    this.entries = [];
    this.nextSeq = 1;
  }
}
