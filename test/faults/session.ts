// What the fault suite runs against: the in-process emulator (frozen virtual clock, moved by a ticker while
// operations run) and one real dynamic-provider host configured for it, driven over gRPC as the engine does.
// Plain node: the jest-free parts of test/support/provider-host.ts, so `node dist/test/faults/cli.js` can use them.
import { setTimeout as delay } from "node:timers/promises";
import { startEmulator, type RunningEmulator } from "../../emulator/server";
import type { ResourceKind } from "../../provider/types";
import { controlClient, type EmulatorControl } from "../support/emulator";
import { createPackageWorkdir, resourceDriver, startConfiguredHost, type ResourceDriver } from "../support/provider-host";
import type { HostHandle } from "../support/pulumi-host";

/** The client's answer timeout inside the host (DBBACKUP_HTTP_TIMEOUT_MS): latency faults last longer than this. */
export const HTTP_TIMEOUT_MS = 1200;
/** Real milliseconds between two ticks, and the virtual milliseconds each tick moves the emulator's clock. */
const TICK_REAL_MS = 20;
const TICK_VIRTUAL_MS = 500;

/** Runs before a tick moves the clock (e.g. to make the first new backup set end FAILED before it is done). */
export type TickHook = (control: EmulatorControl) => Promise<void>;

export interface FaultSession {
  readonly url: string;
  readonly control: EmulatorControl;
  readonly host: HostHandle;
  driver(kind: ResourceKind, name: string): ResourceDriver;
  /** Moves the virtual clock while `work` runs, calling the hooks before each tick. */
  ticking<T>(work: () => Promise<T>, hooks?: readonly TickHook[]): Promise<T>;
  close(): Promise<void>;
}

export async function startFaultSession(): Promise<FaultSession> {
  const emulator: RunningEmulator = await startEmulator({ port: 0, frozenClock: true });
  const workdir = createPackageWorkdir();
  let host: HostHandle;
  try {
    // The poll knobs as in the host tests; a short answer timeout so "latency past the client timeout" is cheap.
    // gRPC deadlines well past the programs' timeoutMinutes (0.5), so a slow machine shows as the provider's own error.
    const env = { DBBACKUP_HTTP_TIMEOUT_MS: String(HTTP_TIMEOUT_MS) };
    host = (await startConfiguredHost(emulator.url, workdir.dir, { env }, { callTimeoutMs: 60_000, operationTimeoutMs: 120_000 })).host;
  } catch (e) {
    await emulator.close();
    workdir.remove();
    throw e;
  }
  const control = controlClient(emulator.url);

  const ticking = async <T>(work: () => Promise<T>, hooks: readonly TickHook[] = []): Promise<T> => {
    let running = true;
    const ticker = (async () => {
      while (running) {
        await delay(TICK_REAL_MS);
        for (const hook of hooks) await hook(control);
        emulator.clock.advance(TICK_VIRTUAL_MS);
      }
    })();
    try {
      return await work();
    } finally {
      running = false;
      await ticker;
    }
  };

  return {
    url: emulator.url,
    control,
    host,
    driver: (kind, name) => resourceDriver(() => host, kind, name),
    ticking,
    close: async () => {
      const steps: (() => Promise<void> | void)[] = [() => host.close(), () => emulator.close(), () => workdir.remove()];
      for (const step of steps) {
        try {
          await step();
        } catch {
          // every step runs, so no process or directory outlives the suite
        }
      }
    },
  };
}
