// npm start's own emulator handling, through the real CLI: when the stack's endpoints are local and nothing answers
// there, it starts the emulator on that port, runs Pulumi, and stops it; the emulator's objects are kept between
// runs (in <project>/.pulumi-state/emulator-state.json), so a second `up` finds every resource unchanged.
import * as fs from "node:fs";
import * as net from "node:net";
import * as path from "node:path";
import { expectExit, exampleStack, type TestStack } from "./support";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), resolve(false)));
    socket.once("error", () => resolve(true));
  });
}

describe("npm start with local endpoints and no emulator running", () => {
  let stack: TestStack;
  let port: number;
  beforeAll(async () => {
    port = await freePort();
    stack = exampleStack("huawei-only", "start", `http://127.0.0.1:${port}`);
  });
  afterAll(() => stack.remove());

  it("starts the emulator on the configured port, deploys, and stops it", async () => {
    const run = await stack.deploy();
    expectExit(run, 0);
    expect(run.stdout).toContain(`Emulator: started at http://127.0.0.1:${port}`);
    expect(run.stdout).toContain("Updating (start)");
    expect(run.stdout).toMatch(/\+ 3 created/);
    expect(run.stdout).toContain("Emulator: stopped");
    expect(await refused(port)).toBe(true);
  }, 120_000);

  it("a second run starts it again on the kept objects and Pulumi finds nothing to change", async () => {
    const run = await stack.deploy(["--expect-no-changes"]);
    expectExit(run, 0);
    expect(run.stdout).toMatch(/3 unchanged/);
    expect(run.stdout).not.toMatch(/created/);
  }, 120_000);

  it("--destroy deletes the backups from the kept emulator state", async () => {
    const run = await stack.deploy(["--destroy"]);
    expectExit(run, 0);
    expect(run.stdout).toMatch(/- 3 deleted/);
    const state = JSON.parse(fs.readFileSync(path.join(stack.dir, ".pulumi-state", "emulator-state.json"), "utf8")) as Record<string, { backups?: { type: string }[] }>;
    const backups = state["huawei-taurusdb"]?.backups;
    expect(Array.isArray(backups)).toBe(true);
    expect((backups ?? []).filter((b) => b.type === "manual")).toEqual([]);
    expect(await refused(port)).toBe(true);
  }, 120_000);
});
