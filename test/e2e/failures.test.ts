// What goes wrong, through the real Pulumi CLI: a bad argument stops `preview` before any request; a wait cut short
// by a tiny timeoutMinutes fails `up` yet the state records the backup, and the next `up` finishes the wait; an
// object deleted outside Pulumi leaves the state on `refresh`; no credential or storage secret is in clear in the
// state or the stack file; two stacks deployed at once on one emulator keep to their own objects.
import * as fs from "node:fs";
import * as path from "node:path";
import { COMPILED_ROOT } from "../../scripts/paths";
import { OSS_SECRET, ossProgram } from "../provider/backup-strategy/support";
import {
  changingRequests,
  dbbackupResources,
  emulatorPlatformConfig,
  expectExit,
  exampleStack,
  resourceNamed,
  taurusManualBackups,
  TestStack,
  useTestEmulator,
} from "./support";

const PROGRAM = path.join(COMPILED_ROOT, "test", "e2e", "fixtures", "from-config.js");
const HW_INSTANCE = "d8e6ca5a624745bcb546a227aa3ae1cfin01";

/** A stack of the from-config fixture program with these resources. */
function fixtureStack(stack: string, url: string, resources: Record<string, unknown>): TestStack {
  return new TestStack({ name: "dbbackup-e2e", stack, program: PROGRAM, config: { "fixture:resources": resources } }, url);
}

function taurusBackup(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { kind: "ManualBackup", args: { platform: "huawei-taurusdb", instanceId: HW_INSTANCE, name, ...extra } };
}

describe("failures through the Pulumi CLI", () => {
  const emu = useTestEmulator({ "taurusdb.backupMs": 3_000 });
  const stacks: TestStack[] = [];
  const track = (s: TestStack): TestStack => (stacks.push(s), s);
  afterAll(() => stacks.forEach((s) => s.remove()));

  it("a bad argument fails preview naming the property and the rule, and no request reaches the platforms", async () => {
    const stack = track(fixtureStack("bad-input", emu.url, { bad: taurusBackup("x!", { description: "fine" }) }));
    await emu.control.clearRequests();
    const run = await stack.deploy(["--preview"]);
    expectExit(run, 1);
    const text = run.stdout + run.stderr;
    expect(text).toMatch(/name.*must be 4 to 64 characters/);
    expect(text).toContain("ManualBackup");
    expect((await emu.control.requests()).filter((r) => r.family !== null)).toEqual([]);
  }, 120_000);

  it("a wait cut short by timeoutMinutes fails up, yet the state records the backup; the next up finishes it", async () => {
    const stack = track(fixtureStack("short-wait", emu.url, { snap: taurusBackup("e2e-short-wait", { timeoutMinutes: 0.005 }) }));
    const first = await stack.deploy();
    expectExit(first, 1);
    expect(first.stdout + first.stderr).toMatch(/timeoutMinutes/);
    const recorded = resourceNamed(await stack.exportState(), "snap");
    const backupId = String(recorded.outputs?.backupId);
    expect(recorded.id).toBe(`huawei-taurusdb/0483b6b16e954cb88930a360d2c4e663/${backupId}`);
    expect(recorded.outputs?.status).toBe("BUILDING");
    expect(taurusManualBackups(await emu.control.objects()).map((b) => b.id)).toEqual([backupId]);

    // A longer wait is an in-place change: the engine sends Update, which resumes the wait on the same backup.
    stack.writeConfig({ ...emulatorPlatformConfig(emu.url), "fixture:resources": { snap: taurusBackup("e2e-short-wait", { timeoutMinutes: 5 }) } });
    await emu.control.clearRequests();
    const second = await stack.deploy();
    expectExit(second, 0);
    const finished = resourceNamed(await stack.exportState(), "snap");
    expect(finished.id).toBe(recorded.id);
    expect(finished.outputs?.status).toBe("COMPLETED");
    expect(changingRequests(await emu.control.requests())).toEqual([]);
    expect(taurusManualBackups(await emu.control.objects()).map((b) => b.id)).toEqual([backupId]);
    expectExit(await stack.deploy(["--destroy"]), 0);
  }, 120_000);

  it("a TaurusDB replacement that keeps the name fails up before sending anything, and the old backup stays", async () => {
    const stack = track(fixtureStack("keep-name", emu.url, { snap: taurusBackup("e2e-keep-name", { description: "first" }) }));
    expectExit(await stack.deploy(), 0);
    const recorded = resourceNamed(await stack.exportState(), "snap");
    stack.writeConfig({ ...emulatorPlatformConfig(emu.url), "fixture:resources": { snap: taurusBackup("e2e-keep-name", { description: "second" }) } });
    await emu.control.clearRequests();
    const run = await stack.deploy();
    expectExit(run, 1);
    expect(run.stdout + run.stderr).toContain('name "e2e-keep-name" is already taken on TaurusDB instance');
    expect(run.stdout + run.stderr).toContain("nothing was deleted");
    expect(changingRequests(await emu.control.requests())).toEqual([]);
    expect(taurusManualBackups(await emu.control.objects()).filter((b) => b.name === "e2e-keep-name").map((b) => b.id)).toEqual([recorded.outputs?.backupId]);
    expect(resourceNamed(await stack.exportState(), "snap").id).toBe(recorded.id);
    expectExit(await stack.deploy(["--destroy"]), 0);
  }, 120_000);

  it("a backup deleted outside Pulumi leaves the state on refresh", async () => {
    const stack = track(fixtureStack("gone-outside", emu.url, { snap: taurusBackup("e2e-gone-outside") }));
    expectExit(await stack.deploy(), 0);
    const objects = await emu.control.objects();
    const taurus = objects["huawei-taurusdb"];
    await emu.control.replaceObjects("huawei-taurusdb", { ...taurus, backups: taurus.backups.filter((b: { name: string }) => b.name !== "e2e-gone-outside") });
    const refresh = await stack.deploy(["--refresh"]);
    expectExit(refresh, 0);
    expect(refresh.stdout).toMatch(/- 1 deleted/);
    expect(dbbackupResources(await stack.exportState())).toEqual([]);
    // The next preview plans to take it again.
    expect((await stack.deploy(["--preview"])).stdout).toMatch(/\+ 1 to create/);
  }, 120_000);

  it("credentials set with `pulumi config set --secret` and a storage secret never appear in clear", async () => {
    const platform = emulatorPlatformConfig(emu.url);
    const secretKeys = ["dbbackup:oceanbaseAccessKeySecret", "dbbackup:ocpAccessKeySecret", "dbbackup:huaweiSecretKey"];
    const plain = Object.fromEntries(Object.entries(platform).filter(([k]) => !secretKeys.includes(k)));
    const stack = track(new TestStack({ name: "dbbackup-e2e", stack: "secrets", program: PROGRAM, platformConfig: plain }, emu.url));
    expectExit(await stack.pulumi(["stack", "init"]), 0);
    for (const key of secretKeys) await stack.setConfig(key, String(platform[key]), { secret: true });
    // The program gets the storage secret from secret config and passes it on as a secret, as a user's would.
    const resources = {
      strategy: { kind: "BackupStrategy", args: ossProgram(), secretArgs: ["obBackupServiceStorageConfig"] },
      snap: taurusBackup("e2e-secrets"),
    };
    await stack.setConfig("fixture:resources", JSON.stringify(resources), { secret: true });
    const up = await stack.deploy();
    expectExit(up, 0);

    const exported = await stack.exportText();
    const stackFile = fs.readFileSync(path.join(stack.dir, "Pulumi.secrets.yaml"), "utf8");
    for (const secret of [...secretKeys.map((k) => String(platform[k])), OSS_SECRET]) {
      for (const [where, text] of Object.entries({ exported, stackFile, output: up.stdout + up.stderr })) {
        expect({ where, leaks: text.includes(secret) }).toEqual({ where, leaks: false });
      }
    }
    // The storage config is in the state, as a secret (Pulumi's secret signature, then ciphertext).
    const strategy = resourceNamed(JSON.parse(exported).deployment, "strategy");
    expect(JSON.stringify(strategy.outputs?.obBackupServiceStorageConfig)).toMatch(/"4dabf18193072939515e22adb298388d":"1b47061264138c4ac30d75fd1eb44270","ciphertext"/);
    expectExit(await stack.deploy(["--destroy"]), 0);
  }, 120_000);

  it("two stacks deployed at once on one emulator keep to their own backups", async () => {
    const [a, b] = [track(exampleStack("huawei-only", "alpha", emu.url)), track(exampleStack("huawei-only", "beta", emu.url))];
    const ups = await Promise.all([a.deploy(), b.deploy()]);
    ups.forEach((r) => expectExit(r, 0));
    const [outA, outB] = await Promise.all([a.outputs(), b.outputs()]);
    const byId = new Map(taurusManualBackups(await emu.control.objects()).map((x) => [x.id, x.name]));
    expect([outA.baselineBackupId, outA.beforeMigrationBackupId].map((id) => byId.get(String(id)))).toEqual(["alpha-baseline", "alpha-before-migration"]);
    expect([outB.baselineBackupId, outB.beforeMigrationBackupId].map((id) => byId.get(String(id)))).toEqual(["beta-baseline", "beta-before-migration"]);

    const downs = await Promise.all([a.deploy(["--destroy"]), b.deploy(["--destroy"])]);
    downs.forEach((r) => expectExit(r, 0));
    expect(taurusManualBackups(await emu.control.objects()).filter((x) => /^(alpha|beta)-/.test(x.name))).toEqual([]);
  }, 180_000);
});

