// The emulator's command line: start on a free port, report the URL, serve, stop on SIGTERM with the state saved.
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { controlClient } from "../support/emulator";

// Tests run compiled: this file is <out>/test/emulator/cli.test.js, the CLI is <out>/emulator/cli.js.
const CLI = path.resolve(__dirname, "../../emulator/cli.js");

function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
}

/** Resolves with the first stdout line matching `pattern` (and everything printed so far). */
function waitForLine(child: ChildProcess, pattern: RegExp): Promise<{ match: RegExpExecArray; output: string }> {
  return new Promise((resolve, reject) => {
    let output = "";
    const onData = (chunk: Buffer): void => {
      output += chunk.toString("utf8");
      const match = pattern.exec(output);
      if (match) {
        child.stdout?.off("data", onData);
        resolve({ match, output });
      }
    };
    child.stdout?.on("data", onData);
    child.once("exit", (code) => reject(new Error(`cli exited with ${code} before printing ${pattern}: ${output}`)));
  });
}

describe("emulator CLI", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "dbb-emu-cli-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("listens on the port it prints, serves the control API and saves state on SIGTERM", async () => {
    const statePath = path.join(dir, "state.json");
    const child = spawn(process.execPath, [CLI, "--port", "0", "--state", statePath], { stdio: ["ignore", "pipe", "pipe"] });
    const exited = exitOf(child);
    try {
      const { match, output } = await waitForLine(child, /^pulumi-dbbackup emulator listening on (http:\/\/127\.0\.0\.1:(\d+))\n(?:.*\n)*.*Control API.*\n/m);
      const url = match[1] as string;
      expect(Number(match[2])).toBeGreaterThan(0);
      expect(output).toContain("emulator-ak / emulator-sk");
      expect(output).toContain("d8e6ca5a624745bcb546a227aa3ae1cfin01");
      const objects = await controlClient(url).objects();
      expect(Object.keys(objects).sort()).toEqual(["huawei-taurusdb", "oceanbase-cloud", "ocp"]);
      await rm(statePath); // written at start; must be written again on the way out
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toEqual({ code: 0, signal: null });
    expect(Object.keys(JSON.parse(await readFile(statePath, "utf8"))).sort()).toEqual(["huawei-taurusdb", "oceanbase-cloud", "ocp"]);
  });

  it("refuses a bad flag with the usage and exit code 2", async () => {
    const child = spawn(process.execPath, [CLI, "--port", "eighty"], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    expect(await exitOf(child)).toEqual({ code: 2, signal: null });
    expect(stderr).toContain('--port must be an integer from 0 to 65535, got "eighty"');
    expect(stderr).toContain("usage: node dist/emulator/cli.js");
  });

  it("refuses an unknown flag with exit code 2", async () => {
    const child = spawn(process.execPath, [CLI, "--verbose"], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    expect(await exitOf(child)).toEqual({ code: 2, signal: null });
    expect(stderr).toContain('unknown argument "--verbose"');
  });
});
