// The contract between the emulator's core (HTTP server, router, clock, faults, control API, state) and
// the three API families. The emulator shares no code with sdk/: it reads the vendor docs on its own.
import type { IncomingHttpHeaders } from "node:http";

export type FamilyName = "oceanbase-cloud" | "ocp" | "huawei-taurusdb";

export interface EmuRequest {
  method: string;
  /** Decoded path without the query string, e.g. "/api/v2/instances/obcluster-demo/backup/data/start". */
  path: string;
  /** The request-target exactly as received (path + "?" + query), as signed by Digest and OCP HMAC. */
  rawTarget: string;
  query: URLSearchParams;
  /** Lower-case header names (node's IncomingHttpHeaders). */
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
  /** Route parameters, decoded. */
  params: Record<string, string>;
}

export interface EmuResponse {
  status: number;
  headers?: Record<string, string>;
  /** An object is sent as JSON; a string is sent as it is. */
  body?: unknown;
}

export type Handler = (req: EmuRequest, ctx: EmuContext) => EmuResponse | Promise<EmuResponse>;

export interface Route {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Path pattern with ":name" parameters, e.g. "/api/v2/instances/:instanceId/backup/data/sets". */
  pattern: string;
  handler: Handler;
}

/** Virtual time: follows the wall clock plus an offset that tests advance; can be frozen. */
export interface VirtualClock {
  now(): number;
  advance(ms: number): void;
  freeze(): void;
  unfreeze(): void;
  isFrozen(): boolean;
}

export interface EmuContext {
  /** Virtual time, for everything that moves through statuses. */
  clock: VirtualClock;
  /** Real wall-clock time, for auth date/skew checks (clients sign with their own real clock). */
  wallNow(): number;
  /** This family's own durable state slice (JSON-serializable; persisted with --state). */
  state: Record<string, unknown>;
  /** Durations in milliseconds by key, e.g. ctx.duration("oceanbase.backupMs"). Defaults come from the family. */
  duration(key: string): number;
  /** Marks state as changed so the core persists it. */
  markDirty(): void;
}

export interface Family {
  name: FamilyName;
  /** Does this path belong to the family? Families' prefixes never overlap. */
  owns(path: string): boolean;
  /** Verifies auth; returns an error response (401/403 in the vendor's shape) or undefined when authorized. */
  authenticate(req: EmuRequest, ctx: EmuContext): EmuResponse | undefined;
  routes: Route[];
  /** Default durations in ms for this family's async transitions, keyed as used with ctx.duration(). */
  defaultDurations: Record<string, number>;
  /** Fresh fixture state (the defaults documented in the README). */
  seed(nowMs: number): Record<string, unknown>;
  /** The vendor's error body for a status/code/message (used for 404 route misses and injected faults). */
  errorBody(status: number, code: string, message: string): unknown;
}
