// One run at a time per stack: an exclusive lock file next to the state file (<state>.lock, created with "wx"),
// holding the pid and start time of the run that owns it. A lock whose process is gone is taken over with a warning.
import * as fs from "node:fs";
import * as path from "node:path";

export interface StateLock {
  readonly file: string;
  release(): void;
}

interface LockInfo {
  pid: number;
  startedAt: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readLock(file: string): LockInfo | undefined {
  try {
    const info = JSON.parse(fs.readFileSync(file, "utf8")) as Partial<LockInfo>;
    return typeof info.pid === "number" ? { pid: info.pid, startedAt: String(info.startedAt ?? "?") } : undefined;
  } catch {
    return undefined;
  }
}

/** Takes the lock of a state file or throws naming the run that holds it; `warn` hears about a stale lock taken over. */
export function acquireStateLock(stateFile: string, warn: (line: string) => void): StateLock {
  const file = `${stateFile}.lock`;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (let attempt = 0; ; attempt++) {
    let fd: number;
    try {
      fd = fs.openSync(file, "wx", 0o600);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST" || attempt > 0) throw e;
      const holder = readLock(file);
      if (holder !== undefined && alive(holder.pid)) {
        throw new Error(
          `the stack is locked by another run (pid ${holder.pid}, started ${holder.startedAt}; lock file ${file}): wait for it to finish; if that process is not this runner, delete the lock file`,
        );
      }
      warn(`warning: taking over a stale lock ${file} (${holder === undefined ? "unreadable" : `pid ${holder.pid} is not running`})`);
      fs.rmSync(file, { force: true });
      continue;
    }
    fs.writeSync(fd, `${JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString() })}\n`);
    fs.closeSync(fd);
    // process.exit (a second Ctrl-C) skips finally blocks: remove the lock in the exit hook as well.
    const onExit = (): void => fs.rmSync(file, { force: true });
    process.once("exit", onExit);
    return {
      file,
      release: () => {
        process.removeListener("exit", onExit);
        onExit();
      },
    };
  }
}
