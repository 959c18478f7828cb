// The emulator in a child process (its compiled CLI on 127.0.0.1, a free port), so that what it spends serving
// requests is not counted in this process's CPU time.
import { spawn } from "node:child_process";
import * as path from "node:path";
import { COMPILED_ROOT } from "../../scripts/paths";
import { controlClient, type EmulatorControl } from "../../test/support/emulator";

export interface ChildEmulator {
  url: string;
  pid: number;
  control: EmulatorControl;
  stop(): Promise<void>;
}

const LISTENING = /^pulumi-dbbackup emulator listening on (http:\/\/127\.0\.0\.1:\d+)$/m;

/** Starts `node <compiled root>/emulator/cli.js --port 0` and sets `durations` (ms) through its control API. */
export async function startChildEmulator(durations: Record<string, number>): Promise<ChildEmulator> {
  const child = spawn(process.execPath, [path.join(COMPILED_ROOT, "emulator", "cli.js"), "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
  const killOnExit = (): void => void child.kill("SIGKILL");
  process.once("exit", killOnExit);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the emulator printed no address within 20 s: ${output}`)), 20_000);
    child.stdout.setEncoding("utf8").on("data", (text: string) => {
      output += text;
      const m = LISTENING.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1] as string);
      }
    });
    child.stderr.setEncoding("utf8").on("data", (text: string) => (output += text));
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the emulator exited (${String(code)}) before printing its address: ${output}`));
    });
  });
  const control = controlClient(url);
  const stop = async (): Promise<void> => {
    child.kill("SIGTERM");
    await exited;
    process.removeListener("exit", killOnExit);
  };
  try {
    await control.setDurations(durations);
  } catch (e) {
    await stop();
    throw e;
  }
  return { url, pid: child.pid ?? -1, control, stop };
}
