// npm start (scripts/runner/start.ts): emulator handling (start one on the configured local port and stop it after,
// reuse one already running, refuse a port held by something else) and the two ways of running the program: the
// Pulumi CLI when one is on PATH (checked with a stub `pulumi` that records its arguments and environment), the
// offline runner otherwise.
import * as fs from "node:fs";
import * as http from "node:http";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { COMPILED_ROOT } from "../../scripts/runner/host-workdir";
import { runRunnerChild, type ChildRun } from "../../scripts/runner/spawn";
import { huaweiBackup, program, strategy } from "./fixtures/programs";
import { childEnv, createProject, expectExit, readState, useRunnerEmulator, writes, type TestProject } from "./support";

const DEMO_PASSPHRASE = "pulumi-dbbackup-demo";

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function health(url: string): Promise<string> {
  try {
    const res = await fetch(`${url}/__emulator/health`);
    return res.ok ? "ok" : `status ${res.status}`;
  } catch (e) {
    return `down (${(e as { cause?: { code?: string } }).cause?.code ?? String(e)})`;
  }
}

/** A project for the demo stack "dev" (as the repository root is), in a temporary directory. */
function demoProject(url: string, prog: string): TestProject {
  return createProject(url, prog, { name: "start-test", stack: "dev" });
}

/** A directory for PATH that holds no pulumi (the child is started with node's absolute path). */
function emptyBinDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "dbb-nobin-"));
}

function start(project: TestProject, args: string[], env: Record<string, string | undefined>): Promise<ChildRun> {
  return runRunnerChild(args, { script: "start", cwd: project.dir, env: childEnv(env) });
}

interface StubCall {
  argv: string[];
  cwd: string;
  env: Record<string, string | undefined>;
  health: string;
  runtime: string;
}

/** A `pulumi` executable that records each call (argv, cwd, env, whether the emulator answered) and prints a little. */
function stubPulumi(dir: string, log: string, emulatorUrl: string): void {
  const script = `#!${process.execPath}
const fs = require("node:fs");
(async () => {
  let health;
  try { health = (await fetch(${JSON.stringify(`${emulatorUrl}/__emulator/health`)})).ok ? "ok" : "bad"; } catch { health = "down"; }
  const keys = ["PULUMI_BACKEND_URL", "PULUMI_CONFIG_PASSPHRASE", "PULUMI_SKIP_UPDATE_CHECK", "PULUMI_ACCESS_TOKEN", "DBBACKUP_POLL_INITIAL_MS"];
  const env = Object.fromEntries(keys.map((k) => [k, process.env[k]]));
  // The engine's dynamic-provider host resolves the serialized provider's require() from the project directory.
  let runtime;
  try { runtime = require.resolve("pulumi-dbbackup/provider/runtime", { paths: [process.cwd()] }); } catch { runtime = "missing"; }
  fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify({ argv: process.argv.slice(2), cwd: process.cwd(), env, health, runtime }) + "\\n");
  const a = process.argv.slice(2).join(" ");
  if (a.startsWith("up")) console.log("Updating (dev)\\n +  pulumi:pulumi:Stack start-test-dev created\\nResources:\\n    + 1 created");
  else if (a.startsWith("destroy")) console.log("Destroying (dev)\\nResources:\\n    - 1 deleted");
  else if (a.startsWith("stack output")) console.log("Current stack outputs (1):\\n    OUTPUT      VALUE\\n    strategyId  1");
})();
`;
  fs.writeFileSync(path.join(dir, "pulumi"), script, { mode: 0o755 });
}

function calls(log: string): StubCall[] {
  return fs
    .readFileSync(log, "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as StubCall);
}

describe("npm start with a Pulumi CLI on PATH", () => {
  let project: TestProject;
  let bin: string;
  let url: string;
  let log: string;
  beforeEach(async () => {
    url = `http://127.0.0.1:${await freePort()}`;
    project = demoProject(url, program(strategy()));
    bin = emptyBinDir();
    log = path.join(bin, "calls.jsonl");
    stubPulumi(bin, log, url);
  });
  afterEach(() => {
    project.remove();
    fs.rmSync(bin, { recursive: true, force: true });
  });

  it("runs pulumi up on a file backend inside the project with the demo passphrase, the emulator up meanwhile, no login", async () => {
    const run = await start(project, [], { PATH: bin, PULUMI_CONFIG_PASSPHRASE: undefined, DBBACKUP_POLL_INITIAL_MS: undefined });
    expectExit(run, 0);
    const seen = calls(log);
    expect(seen.map((c) => c.argv)).toEqual([
      ["stack", "select", "--create", "dev", "--non-interactive"],
      ["up", "--yes", "--stack", "dev", "--non-interactive"],
      ["stack", "output", "--stack", "dev", "--non-interactive"],
    ]);
    expect(seen.flatMap((c) => c.argv)).not.toContain("login");
    const backend = pathToFileURL(path.join(project.dir, ".pulumi-state")).href;
    for (const c of seen) {
      expect(fs.realpathSync(c.cwd)).toBe(fs.realpathSync(project.dir));
      expect(c.env.PULUMI_BACKEND_URL).toBe(backend);
      expect(c.env.PULUMI_CONFIG_PASSPHRASE).toBe(DEMO_PASSPHRASE);
      expect(c.env.PULUMI_SKIP_UPDATE_CHECK).toBe("true");
      expect(c.env.PULUMI_ACCESS_TOKEN).toBeUndefined();
      expect(c.health).toBe("ok");
      expect(c.runtime).toBe(path.join(fs.realpathSync(COMPILED_ROOT), "provider", "runtime.js"));
    }
    expect(seen[1]?.env.DBBACKUP_POLL_INITIAL_MS).toBe("500");
    expect(fs.statSync(path.join(project.dir, ".pulumi-state")).isDirectory()).toBe(true);
    expect(run.stdout).toContain(`Emulator: started at ${url}`);
    expect(run.stdout).toContain("Current stack outputs (1):");
    expect(run.stdout).toContain("Emulator: stopped");
    expect(fs.existsSync(path.join(project.dir, ".pulumi-offline", "emulator-state.json"))).toBe(true);
    expect(await health(url)).toMatch(/^down/);
  });

  it("--destroy runs pulumi destroy and keeps a passphrase the user set", async () => {
    const run = await start(project, ["--destroy"], { PATH: bin, PULUMI_CONFIG_PASSPHRASE: "the-users-own" });
    expectExit(run, 0);
    const seen = calls(log);
    expect(seen.map((c) => c.argv)).toEqual([
      ["stack", "select", "--create", "dev", "--non-interactive"],
      ["destroy", "--yes", "--stack", "dev", "--non-interactive"],
    ]);
    expect(seen.every((c) => c.env.PULUMI_CONFIG_PASSPHRASE === "the-users-own")).toBe(true);
  });

  it("a failing pulumi command fails npm start", async () => {
    fs.writeFileSync(path.join(bin, "pulumi"), `#!${process.execPath}\nprocess.exit(process.argv[2] === "up" ? 255 : 0);\n`, { mode: 0o755 });
    const run = await start(project, [], { PATH: bin });
    expectExit(run, 1);
    expect(run.stdout).toContain("error: `pulumi up --yes --stack dev --non-interactive` failed (exit code 255)");
    expect(run.stdout).toContain("Emulator: stopped");
  });
});

describe("npm start without a Pulumi CLI", () => {
  const emu = useRunnerEmulator();
  const cleanup: (() => void)[] = [];
  afterAll(() => cleanup.forEach((f) => f()));
  const noCli = (): Record<string, string | undefined> => {
    const bin = emptyBinDir();
    cleanup.push(() => fs.rmSync(bin, { recursive: true, force: true }));
    return { PATH: bin, PULUMI_CONFIG_PASSPHRASE: undefined };
  };

  it("says so in one line and runs the offline runner, reusing the emulator already running (and leaving it running)", async () => {
    const project = demoProject(emu.url, program(huaweiBackup("start-offline")));
    cleanup.push(() => project.remove());
    const run = await start(project, [], noCli());
    expectExit(run, 0);
    expect(run.stdout.split("\n").filter((l) => l.includes("Pulumi CLI"))).toEqual(["No Pulumi CLI found on PATH: running the program with the offline runner instead."]);
    expect(run.stdout).toContain(`Emulator: using the one already running at ${emu.url}`);
    expect(run.stdout).toContain("Plan: 1 to create.");
    expect(run.stdout).toMatch(/\n {4}hwStatus *: "COMPLETED"\n/);
    expect(readState(project).resources).toHaveLength(1);
    expect(await health(emu.url)).toBe("ok");

    await emu.control.clearRequests();
    const again = await start(project, [], noCli());
    expectExit(again, 0);
    expect(again.stdout).toContain("No changes: 1 resource unchanged.");
    expect(writes(await emu.control.requests())).toEqual([]);

    const destroyed = await start(project, ["--destroy"], noCli());
    expectExit(destroyed, 0);
    expect(destroyed.stdout).toContain("Resources: 1 deleted.");
    expect(readState(project).resources).toEqual([]);
  });

  it("starts its own emulator on the configured port, keeps its objects in .pulumi-offline/ and stops it", async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const project = demoProject(url, program(strategy()));
    cleanup.push(() => project.remove());
    const run = await start(project, [], noCli());
    expectExit(run, 0);
    expect(run.stdout).toContain(`Emulator: started at ${url} (state .pulumi-offline/emulator-state.json)`);
    expect(run.stdout).toContain("Plan: 1 to create.");
    expect(run.stdout).toContain("Emulator: stopped");
    expect(await health(url)).toMatch(/^down/);
    const saved = fs.readFileSync(path.join(project.dir, ".pulumi-offline", "emulator-state.json"), "utf8");
    expect(saved).toContain("runner-storage");
  });

  it("refuses a configured port held by something that is not the emulator", async () => {
    const other = http.createServer((_req, res) => {
      res.statusCode = 404;
      res.end("not here");
    });
    await new Promise<void>((resolve) => other.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(other.address() as net.AddressInfo).port}`;
      const project = demoProject(url, program(strategy()));
      cleanup.push(() => project.remove());
      const run = await start(project, [], noCli());
      expectExit(run, 1);
      expect(run.stdout).toContain(`error: port ${(other.address() as net.AddressInfo).port} is in use by something that is not the pulumi-dbbackup emulator`);
      expect(fs.existsSync(project.stateFile)).toBe(false);
    } finally {
      await new Promise<void>((resolve) => other.close(() => resolve()));
    }
  });
});
