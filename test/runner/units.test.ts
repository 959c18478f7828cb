// The runner's pure parts, in process: delete ordering, how changes and values are shown, the progress display
// (terminal and log), the state file's encryption, project/config reading, npm start's emulator decision, flags.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PassThrough } from "node:stream";
import { parseArgs, UsageError } from "../../scripts/runner/args";
import { Display, formatElapsed, withoutElapsed } from "../../scripts/runner/display";
import { emulatorNeed } from "../../scripts/runner/emulator-local";
import { deleteWaves } from "../../scripts/runner/engine";
import { describeChanges, planLine, planSummary, countSteps, type Step } from "../../scripts/runner/plan";
import { loadProject, ProjectError, withEmulatorEndpoints } from "../../scripts/runner/project";
import { secret, UNKNOWN } from "../../scripts/runner/properties";
import { findPulumi } from "../../scripts/runner/pulumi-cli";
import { SecretsError } from "../../scripts/runner/secrets-crypto";
import { StateStore, type ResourceState } from "../../scripts/runner/state";

const tmpDirs: string[] = [];
function tmp(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "dbb-runner-unit-"));
  tmpDirs.push(d);
  return d;
}
afterAll(() => tmpDirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function res(name: string, deps: string[] = [], parent?: string): ResourceState {
  return { urn: `urn:pulumi:s::p::t::${name}`, type: "t", id: name, inputs: {}, outputs: {}, dependencies: deps.map((d) => `urn:pulumi:s::p::t::${d}`), ...(parent ? { parent: `urn:pulumi:s::p::t::${parent}` } : {}) };
}
const names = (waves: ResourceState[][]): string[][] => waves.map((w) => w.map((r) => r.id).sort());

describe("delete order", () => {
  it("deletes every resource after all resources that depend on it (by dependency or parent)", () => {
    // restore depends on backup; copy depends on restore; child's parent is backup; solo depends on nothing.
    const waves = deleteWaves([res("backup"), res("restore", ["backup"]), res("copy", ["restore"]), res("child", [], "backup"), res("solo")]);
    expect(names(waves)).toEqual([["child", "copy", "solo"], ["restore"], ["backup"]]);
  });

  it("ignores dependencies on resources that are not being deleted, and survives a cycle", () => {
    expect(names(deleteWaves([res("a", ["kept"]), res("b", ["a"])]))).toEqual([["b"], ["a"]]);
    expect(names(deleteWaves([res("x", ["y"]), res("y", ["x"])]))).toEqual([["x", "y"]]);
  });
});

describe("plan display", () => {
  it("names changed properties with old and new values; secrets hidden, unknowns named, nested leaves spelled out", () => {
    const olds = { timeoutMinutes: 60, name: "a", cfg: { time: "02:00", mode: "WEEK" }, key: secret("k1"), big: { a: 1, b: 2, c: 3, d: 4 } };
    const news = { timeoutMinutes: 30, name: UNKNOWN, cfg: { time: "03:30", mode: "WEEK" }, key: secret("k2"), big: { a: 5, b: 6, c: 7, d: 8 }, added: true };
    expect(describeChanges(["timeoutMinutes", "name", "cfg", "key", "big", "added"], olds, {}, news)).toEqual([
      "timeoutMinutes: 60 → 30",
      "name: (known after apply)",
      'cfg.time: "02:00" → "03:30"',
      "key: [secret]",
      "big",
      "added: (unset) → true",
    ]);
    // An output the provider names (a FAILED backup is replaced) shows its old value.
    expect(describeChanges(["status"], { name: "a" }, { status: "FAILED" }, { name: "a" })).toEqual(['status: "FAILED"']);
  });

  it("prints one line per resource and a summary", () => {
    const step = (op: Step["op"], name: string, extra: Partial<Step> = {}): Step => ({ op, urn: `u::${name}`, type: "pulumi-nodejs:dynamic/dbbackup:ManualBackup", name, diffs: [], replaces: [], details: [], ...extra });
    const steps = [
      step("create", "a"),
      step("update", "b", { details: ["timeoutMinutes: 60 → 30"] }),
      step("replace", "c", { deleteBeforeReplace: true, details: ["description"] }),
      step("delete", "d"),
      step("same", "e"),
    ];
    expect(steps.map(planLine)).toEqual([
      "  +  create     a (dbbackup:ManualBackup)",
      "  ~  update     b (dbbackup:ManualBackup)  [timeoutMinutes: 60 → 30]",
      "  -+ replace    c (dbbackup:ManualBackup)  [description; deletes the old one first]",
      "  -  delete     d (dbbackup:ManualBackup)",
      "     unchanged  e (dbbackup:ManualBackup)",
    ]);
    expect(planSummary(countSteps(steps))).toBe("Plan: 1 to create, 1 to update, 1 to replace, 1 to delete, 1 unchanged.");
    expect(planSummary(countSteps([step("same", "x"), step("same", "y")]))).toBe("No changes: 2 resources unchanged.");
  });
});

describe("progress display", () => {
  function capture(tty: boolean): { display: Display; text: () => string; clock: { now: number } } {
    const out = new PassThrough();
    let text = "";
    out.on("data", (c: Buffer) => (text += c.toString("utf8")));
    Object.assign(out, { isTTY: tty, columns: 200 });
    const clock = { now: 0 };
    return { display: new Display({ out, tty, now: () => clock.now }), text: () => text, clock };
  }

  it("off a terminal: a line per status change, the provider's own elapsed times ignored, ours appended", () => {
    const { display, text, clock } = capture(false);
    display.begin("a", "a (dbbackup:ManualBackup)", "creating");
    clock.now = 1200;
    display.progress("a", "task 7 RUNNING (81ms elapsed)");
    clock.now = 1500;
    display.progress("a", "task 7 RUNNING (3.1s elapsed)");
    display.progress("a", "task 7 RUNNING (3.2s elapsed)");
    clock.now = 65_000;
    display.progress("a", "task 7 SUCCESSFUL");
    expect(display.end("a")).toBe(65_000);
    display.close();
    expect(text()).toBe(["    a (dbbackup:ManualBackup): creating", "    a (dbbackup:ManualBackup): task 7 RUNNING (1.2s)", "    a (dbbackup:ManualBackup): task 7 SUCCESSFUL (1m05s)", ""].join("\n"));
  });

  it("on a terminal: the live lines are rewritten in place below permanent lines", () => {
    const { display, text, clock } = capture(true);
    display.begin("a", "a (t)", "creating");
    display.begin("b", "b (t)", "creating");
    clock.now = 2000;
    display.progress("a", "BUILDING");
    display.line("  + c (t): created");
    display.end("a");
    display.close();
    const out = text();
    // Two live lines drawn, then erased (cursor up 2, clear) and redrawn with a's new status.
    expect(out).toContain("    a (t): creating (0ms)\n    b (t): creating (0ms)\n\x1b[2A\x1b[0J    a (t): BUILDING (2.0s)\n    b (t): creating (2.0s)\n");
    // A permanent line goes above the live region, which is redrawn under it.
    expect(out).toContain("\x1b[2A\x1b[0J  + c (t): created\n    a (t): BUILDING (2.0s)\n    b (t): creating (2.0s)\n");
    expect(out.endsWith("\x1b[1A\x1b[0J")).toBe(true);
  });

  it("formats elapsed times and strips the provider's", () => {
    expect([850, 3210, 65_000].map(formatElapsed)).toEqual(["850ms", "3.2s", "1m05s"]);
    expect(withoutElapsed("restored tenant x: RESTORING after 1.6s")).toBe("restored tenant x: RESTORING");
    expect(withoutElapsed("deleting tenant x: DELETING after 1m 5s")).toBe("deleting tenant x: DELETING");
    expect(withoutElapsed("task 3 RUNNING (81ms elapsed)")).toBe("task 3 RUNNING");
  });
});

describe("state file", () => {
  const r = (outputs: Record<string, unknown>): ResourceState => ({ ...res("s"), inputs: { storage: secret({ key: "very-secret-key" }) }, outputs });

  it("stores secrets encrypted and reads them back with the passphrase", () => {
    const file = path.join(tmp(), "state.json");
    const store = StateStore.open(file, "p", "s", "pass-1");
    store.put(r({ plain: 1, token: secret("token-123") }));
    store.state.outputs = { out: secret("output-456") };
    store.save();
    const text = fs.readFileSync(file, "utf8");
    for (const s of ["very-secret-key", "token-123", "output-456"]) expect(text).not.toContain(s);
    expect((fs.statSync(file).mode & 0o777).toString(8)).toBe("600");
    const again = StateStore.open(file, "p", "s", "pass-1");
    expect(again.get(r({}).urn)?.outputs).toEqual({ plain: 1, token: secret("token-123") });
    expect(again.get(r({}).urn)?.inputs).toEqual({ storage: secret({ key: "very-secret-key" }) });
    expect(again.state.outputs).toEqual({ out: secret("output-456") });
  });

  it("refuses a wrong passphrase, a missing one, and another stack's file", () => {
    const file = path.join(tmp(), "state.json");
    const store = StateStore.open(file, "p", "s", "right");
    store.put(r({}));
    store.save();
    expect(() => StateStore.open(file, "p", "s", "wrong")).toThrow(/incorrect passphrase/);
    expect(() => StateStore.open(file, "p", "s", undefined)).toThrow(SecretsError);
    expect(() => StateStore.open(file, "p", "other", "right")).toThrow(/belongs to p\/s, not p\/other/);
    // Without secrets, no passphrase is needed at all.
    const plainFile = path.join(tmp(), "plain.json");
    const plain = StateStore.open(plainFile, "p", "s", undefined);
    plain.put({ ...res("x"), outputs: { a: 1 } });
    plain.save();
    expect(StateStore.open(plainFile, "p", "s", undefined).state.resources).toHaveLength(1);
  });
});

describe("project files", () => {
  function project(yaml: string, stackYaml?: string): string {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), yaml);
    if (stackYaml !== undefined) fs.writeFileSync(path.join(dir, "Pulumi.dev.yaml"), stackYaml);
    fs.writeFileSync(path.join(dir, "index.ts"), "");
    return dir;
  }

  it("reads the name, main and the stack config, qualifying keys with the project name", () => {
    const dir = project("name: demo\nruntime: nodejs\nmain: ./\n", 'config:\n  dbbackup:ocpEndpoint: http://127.0.0.1:8787\n  region: east\n  demo:config:size: 3\n  nested:\n    a: 1\n  dbbackup:ocpAccessKeySecret: s\n');
    const p = loadProject(dir, "dev");
    expect(p.name).toBe("demo");
    expect(p.main).toBe(dir);
    expect(p.config).toEqual({ "dbbackup:ocpEndpoint": "http://127.0.0.1:8787", "demo:region": "east", "demo:size": "3", "demo:nested": '{"a":1}', "dbbackup:ocpAccessKeySecret": "s" });
    expect(p.providerConfig).toEqual({ "dbbackup:ocpEndpoint": "http://127.0.0.1:8787", "dbbackup:ocpAccessKeySecret": "s" });
    expect(p.secretKeys).toEqual(["dbbackup:ocpAccessKeySecret"]);
    expect(withEmulatorEndpoints(p, "http://127.0.0.1:9999/").providerConfig).toMatchObject({
      "dbbackup:oceanbaseEndpoint": "http://127.0.0.1:9999",
      "dbbackup:ocpEndpoint": "http://127.0.0.1:9999",
      "dbbackup:huaweiEndpoint": "http://127.0.0.1:9999/v3",
    });
  });

  it("refuses encrypted config values (naming them), other runtimes and a missing main", () => {
    const secure = project("name: demo\nruntime: nodejs\n", "config:\n  dbbackup:ocpPassword:\n    secure: AAABAA==\n");
    expect(() => loadProject(secure, "dev")).toThrow(/secure:\) values \(dbbackup:ocpPassword\), which only the Pulumi CLI can decrypt/);
    expect(loadProject(secure, "dev", { allowSecure: true }).config).toEqual({});
    expect(() => loadProject(project("name: demo\nruntime: python\n"), "dev")).toThrow(ProjectError);
    expect(() => loadProject(project("name: demo\nruntime: nodejs\nmain: nowhere/\n"), "dev")).toThrow(/main "nowhere\/" does not exist/);
    expect(() => loadProject(tmp(), "dev")).toThrow(/no Pulumi.yaml/);
  });
});

describe("npm start's emulator decision", () => {
  const p = (config: Record<string, string>): Parameters<typeof emulatorNeed>[0] =>
    ({ dir: "/x", name: "n", main: "/x", stack: "dev", config, secretKeys: [], providerConfig: config });
  const local = { "dbbackup:oceanbaseEndpoint": "http://127.0.0.1:8787", "dbbackup:ocpEndpoint": "http://localhost:8787", "dbbackup:huaweiEndpoint": "http://127.0.0.1:8787/v3" };

  it("wants a local emulator only when every configured endpoint is local and on one port", () => {
    expect(emulatorNeed(p(local), {})).toEqual({ kind: "local", host: "127.0.0.1", port: 8787, url: "http://127.0.0.1:8787" });
    expect(emulatorNeed(p({ ...local, "dbbackup:ocpEndpoint": "https://ocp.example.com" }), {})).toMatchObject({ kind: "none", reason: "ocp.example.com is not local" });
    expect(emulatorNeed(p({ ...local, "dbbackup:ocpEndpoint": "http://127.0.0.1:9000" }), {}).kind).toBe("none");
    expect(emulatorNeed(p({}), {})).toMatchObject({ kind: "none", reason: "no endpoint is configured" });
    // The provider falls back to the environment; so does the decision.
    expect(emulatorNeed(p({}), { OCP_ENDPOINT: "http://127.0.0.1:8123" })).toMatchObject({ kind: "local", port: 8123 });
  });
});

describe("flags and the Pulumi CLI lookup", () => {
  it("parses flags and refuses unknown ones", () => {
    expect(parseArgs(["--stack", "prod", "--destroy", "--emulator-url=http://127.0.0.1:1"])).toMatchObject({ stack: "prod", destroy: true, emulatorUrl: "http://127.0.0.1:1" });
    expect(() => parseArgs(["--stak", "x"])).toThrow(UsageError);
    expect(() => parseArgs(["--stack"])).toThrow(/--stack needs a value/);
    expect(() => parseArgs(["--stack", "a/b"])).toThrow(/letters, digits/);
    expect(() => parseArgs(["--destroy"], ["--stack"])).toThrow(/unknown argument "--destroy"/);
  });

  it("finds an executable pulumi on PATH, skipping non-executable files", () => {
    const a = tmp();
    const b = tmp();
    fs.writeFileSync(path.join(a, "pulumi"), "not executable", { mode: 0o644 });
    fs.writeFileSync(path.join(b, "pulumi"), "#!/bin/sh\n", { mode: 0o755 });
    expect(findPulumi({ PATH: [a, b].join(path.delimiter) })).toBe(path.join(b, "pulumi"));
    expect(findPulumi({ PATH: a })).toBeUndefined();
  });
});
