// The dynamic-provider hosts of one run. A host prints its progress lines ("ManualBackup: backup … is RUNNING") on
// stdout without saying which resource they are about, so each create/update/delete gets a host of its own for its
// duration (a free one, or a new one): every line that host prints then belongs to that resource. Check and diff
// print nothing and share one more host, never lent. Every host is configured with the stack's provider config.
//
// A host writes a line to its stdout pipe (synchronously, on Linux) before it answers the call, but this process may
// read the answer from the gRPC socket before the line from the pipe; a host is therefore released RELEASE_GRACE_MS
// after its call settles, so the last lines still reach the resource they belong to.
import { startDynamicProviderHost, type HostHandle, type HostLog } from "./host-client";
import type { PropertyMap } from "./properties";

export interface HostPoolOptions {
  /** The program directory the hosts run in (host-workdir.ts). */
  cwd: string;
  project: string;
  /** Stack config for Configure ("dbbackup:key" → value). */
  config: PropertyMap;
  env?: Record<string, string | undefined>;
  /** At most this many hosts (further operations wait for a free one). Default 8. */
  maxHosts?: number;
  /** A stdout line of a host while it works for `owner` (undefined when it works for nobody). */
  onProgress(owner: string | undefined, line: string): void;
  /** A stderr line of a host (the host's own diagnostics, e.g. stack traces of failed calls). */
  onStderr?(line: string): void;
}

interface PooledHost {
  handle: HostHandle;
  owner: string | undefined;
}

const RELEASE_GRACE_MS = 50;

/** Deadline of one create/update/delete call: longer than any timeoutMinutes the provider accepts (1440). */
const OPERATION_TIMEOUT_MS = 25 * 60 * 60 * 1000;

export class HostPool {
  /** The hosts lent to operations (the shared one is not among them). */
  private readonly hosts: PooledHost[] = [];
  private starting = 0;
  private readonly waiters: (() => void)[] = [];
  private first: Promise<PooledHost> | undefined;
  private sharedHost: PooledHost | undefined;
  private closed = false;

  constructor(private readonly opts: HostPoolOptions) {}

  private async start(lend: boolean): Promise<PooledHost> {
    this.starting++;
    try {
      const pooled: PooledHost = { handle: undefined as unknown as HostHandle, owner: undefined };
      const onLog = (entry: HostLog): void => {
        if (entry.source === "stderr") this.opts.onStderr?.(entry.message);
        else this.opts.onProgress(pooled.owner, entry.message);
      };
      const handle = await startDynamicProviderHost({
        cwd: this.opts.cwd,
        project: this.opts.project,
        env: this.opts.env,
        callTimeoutMs: 60_000,
        operationTimeoutMs: OPERATION_TIMEOUT_MS,
        onLog,
      });
      pooled.handle = handle;
      try {
        await handle.configure(this.opts.config);
      } catch (e) {
        await handle.close();
        throw e;
      }
      if (this.closed) {
        await handle.close();
        throw new Error("the run is over");
      }
      if (lend) this.hosts.push(pooled);
      else this.sharedHost = pooled;
      return pooled;
    } finally {
      this.starting--;
    }
  }

  /** The shared host for calls that print nothing (check, diff). */
  async shared(): Promise<HostHandle> {
    this.first ??= this.start(false);
    return (await this.first).handle;
  }

  /** Runs fn on a host that works for `owner` only, until fn settles. */
  async exclusive<T>(owner: string, fn: (host: HostHandle) => Promise<T>): Promise<T> {
    const host = await this.acquire();
    host.owner = owner;
    try {
      return await fn(host.handle);
    } finally {
      setTimeout(() => {
        host.owner = undefined;
        this.waiters.shift()?.();
      }, RELEASE_GRACE_MS);
    }
  }

  private async acquire(): Promise<PooledHost> {
    for (;;) {
      const idle = this.hosts.find((h) => h.owner === undefined);
      if (idle !== undefined) return idle;
      if (this.hosts.length + this.starting < (this.opts.maxHosts ?? 8)) {
        const started = await this.start(true);
        if (started.owner === undefined) return started;
      } else {
        await new Promise<void>((resolve) => this.waiters.push(resolve));
      }
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.first?.catch(() => undefined);
    await Promise.all([...this.hosts, ...(this.sharedHost ? [this.sharedHost] : [])].map((h) => h.handle.close()));
  }
}
