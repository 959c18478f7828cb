// Runs the runner CLI (cli.js) or npm start's script (start.js) of this compiled tree in a child process and
// collects its output: what tests (and anything else inside jest, whose module system the in-process runner's
// resolution hooks do not reach) use instead of calling runProgram() directly.
import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import { COMPILED_ROOT } from "./host-workdir";

export interface ChildRun {
  /** The exit code (null if killed by a signal). */
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface ChildRunOptions {
  /** "cli" (default): scripts/runner/cli.js; "start": scripts/runner/start.js. */
  script?: "cli" | "start";
  /** Working directory (start.js reads Pulumi.yaml from it; cli.js too, unless --cwd is given). */
  cwd?: string;
  /** The child's whole environment (default: this process's). */
  env?: NodeJS.ProcessEnv;
  /** Kill the child after this long (default 120 s). */
  timeoutMs?: number;
  /** Called with each chunk of stdout as it arrives (e.g. to act when a line shows up). */
  onStdout?(chunk: string): void;
  /** Called once the child is spawned (e.g. to send it a signal). */
  onSpawn?(child: ChildProcess): void;
}

export function runRunnerChild(args: readonly string[], opts: ChildRunOptions = {}): Promise<ChildRun> {
  const script = path.join(COMPILED_ROOT, "scripts", "runner", `${opts.script ?? "cli"}.js`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: opts.cwd ?? process.cwd(), env: opts.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
    opts.onSpawn?.(child);
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8");
    child.stderr.setEncoding("utf8");
    child.stdout.on("data", (c: string) => {
      stdout += c;
      opts.onStdout?.(c);
    });
    child.stderr.on("data", (c: string) => (stderr += c));
    const timer = setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs ?? 120_000);
    child.once("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.once("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
