// The emulator: one plain node:http server on 127.0.0.1 serving the three API families plus the control
// API under /__emulator/. Everything time-dependent reads the virtual clock, so tests move time by hand.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createVirtualClock } from "./core/clock";
import { handleControl, isControlPath } from "./core/control";
import { Durations } from "./core/durations";
import { FaultStore } from "./core/faults";
import { readBody, sendResponse } from "./core/http-io";
import { handleApiRequest } from "./core/pipeline";
import { RandomFaults, type RandomFaultSpec } from "./core/random-faults";
import { RateLimits, type RateLimitSpec } from "./core/rate-limit";
import { RequestLog } from "./core/request-log";
import { parseRequestTarget } from "./core/request-target";
import { createRouter } from "./core/router";
import { StateStore } from "./core/state-store";
import type { Family, VirtualClock } from "./core/types";
import { families as defaultFamilies } from "./families";

export interface EmulatorOptions {
  /** TCP port; 0 (default in tests) picks a free one. Default 8787. */
  port?: number;
  /** Interface to bind. Default 127.0.0.1. */
  host?: string;
  /** JSON file holding the state across restarts (loaded at start, rewritten after each change and on close). */
  statePath?: string;
  /** Start with the virtual clock frozen (default false: it follows the wall clock). */
  frozenClock?: boolean;
  /** Overrides of the families' default durations (ms); unknown keys are refused. */
  durations?: Record<string, number>;
  /** The API families to serve (default: the three real ones). Addition: lets core tests use a test family. */
  families?: readonly Family[];
  /** Largest accepted request body in bytes (default 1 MiB); larger ones get 413. */
  bodyLimitBytes?: number;
  /** A per-family rate limit in force from the start and after each reset (core/rate-limit.ts). Default: none. */
  rateLimit?: RateLimitSpec;
  /** Random 5xx answers on a fraction of requests, from the start and after each reset (core/random-faults.ts). Default: none. */
  randomFaults?: RandomFaultSpec;
}

export interface RunningEmulator {
  url: string;
  port: number;
  clock: VirtualClock;
  close(): Promise<void>;
}

export const DEFAULT_PORT = 8787;
export const DEFAULT_HOST = "127.0.0.1";
const DEFAULT_BODY_LIMIT = 1024 * 1024;

export async function startEmulator(opts: EmulatorOptions = {}): Promise<RunningEmulator> {
  const families = opts.families ?? defaultFamilies;
  const names = families.map((f) => f.name);
  if (new Set(names).size !== names.length) throw new Error(`emulator families must have distinct names: ${names.join(", ")}`);
  const frozen = opts.frozenClock ?? false;
  const bodyLimit = opts.bodyLimitBytes ?? DEFAULT_BODY_LIMIT;

  const clock = createVirtualClock({ frozen });
  const durations = new Durations(
    families.map((f) => f.defaultDurations),
    opts.durations,
  );
  const store = await StateStore.open(families, opts.statePath, clock.now());
  const faults = new FaultStore();
  const limits = new RateLimits(opts.rateLimit);
  const randomFaults = new RandomFaults(opts.randomFaults);
  const log = new RequestLog();
  const routed = families.map((family) => ({ family, router: createRouter(family.routes) }));

  const reset = async (): Promise<void> => {
    clock.reset(frozen);
    faults.clear();
    limits.reset();
    randomFaults.reset();
    log.reset();
    durations.reset();
    await store.reseed(clock.now());
  };

  const server = createServer((req, res) => {
    const target = parseRequestTarget(req.url ?? "/");
    const work = isControlPath(target.rawPath)
      ? readBody(req, bodyLimit).then(async (body) => {
          if (body.kind === "aborted") return;
          if (body.kind === "too-large") return sendResponse(res, { status: 413, headers: { connection: "close" }, body: { error: "body too large" } });
          sendResponse(res, await handleControl({ families, clock, store, durations, faults, limits, randomFaults, log, reset }, req.method ?? "GET", target.rawPath, body.body));
        })
      : handleApiRequest({ families: routed, clock, store, durations, faults, limits, randomFaults, log, bodyLimit }, req, res, target);
    work.catch((error: unknown) => {
      console.error(`emulator: ${req.method ?? "?"} ${target.rawPath} failed: ${error instanceof Error ? error.stack : String(error)}`);
      if (!res.headersSent) sendResponse(res, { status: 500, body: { error: "InternalError", message: "emulator failure" } });
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? DEFAULT_PORT, opts.host ?? DEFAULT_HOST, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    clock,
    close() {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await store.persist();
      })();
      return closing;
    },
  };
}
