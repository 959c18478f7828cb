// The package as users get it: `npm pack` (scripts ignored: `prepare` would rebuild dist/ under running tests) of a
// staging copy of the compiled root this test runs from, the tarball installed into a separate project without the
// network (both in test/support/packed-package.ts), a program there registering a resource from the installed root,
// and one lifecycle (TaurusDB ManualBackup: create, read, delete) through the dynamic-provider host started in that
// project directory.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startEmulator, type RunningEmulator } from "../../emulator/server";
import { controlClient } from "../support/emulator";
import { emulatorConfig, EMULATOR_CREDENTIALS, hostEnv, REPO_ROOT } from "../support/provider-host";
import { installPackedPackage, packPackage, type PackedPackage } from "../support/packed-package";
import { makeUrn, startDynamicProviderHost, type HostHandle } from "../support/pulumi-host";

const HW_INSTANCE = "d8e6ca5a624745bcb546a227aa3ae1cfin01";
const TYPE = "pulumi-nodejs:dynamic/dbbackup:ManualBackup";

describe("npm pack → install → lifecycle through the host in the installing project", () => {
  let tmp: string;
  let project: string;
  let installed: string;
  let packed: PackedPackage | undefined;
  let emulator: RunningEmulator | undefined;
  let host: HostHandle | undefined;
  const pkgJson = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as {
    files: string[];
    main: string;
    exports: Record<string, unknown>;
    scripts: Record<string, string>;
  };

  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "dbb-package-"));
    packed = packPackage();
    project = path.join(tmp, "project");
    installed = installPackedPackage(packed.tarball, project);
  });

  afterAll(async () => {
    try {
      await host?.close();
    } finally {
      try {
        await emulator?.close();
      } finally {
        packed?.remove();
        if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
      }
    }
  });

  it("packs only the package: no tests, no emulator state, nothing outside the files list", () => {
    const files = packed?.files ?? [];
    expect(files).toContain("package.json");
    expect(files).toContain("dist/provider/index.js");
    expect(files).toContain("dist/provider/runtime.js");
    expect(files).toContain("dist/sdk/index.js");
    expect(files.filter((f) => f.startsWith("dist/test/") || /(^|\/)test\//.test(f))).toEqual([]);
    expect(files.filter((f) => /state.*\.json$|\.state$|emulator-state/i.test(f))).toEqual([]);
    const allowed = ["package.json", "README.md", ...pkgJson.files.map((f) => `${f}/`)];
    expect(files.filter((f) => !allowed.some((a) => (a.endsWith("/") ? f.startsWith(a) : f === a)))).toEqual([]);
    expect(pkgJson.files).toEqual(expect.arrayContaining(["dist/sdk", "dist/provider"]));
  });

  it("package.json points main, types and exports at the provider root, the runtime and the sdk", () => {
    expect(pkgJson.main).toBe("dist/provider/index.js");
    expect(Object.keys(pkgJson.exports).sort()).toEqual([".", "./dist/provider/providers/*.js", "./package.json", "./provider/runtime", "./sdk"]);
    // Unchanged scripts: prepare rebuilds, which is why this test packs with --ignore-scripts.
    expect(pkgJson.scripts.prepare).toBe("npm run build");
  });

  it("the installed package loads as a program and as the host loads it: root (classes and functions), runtime, sdk, every handler; root without the emulator or the sdk", () => {
    const script = `
      const path = require("node:path");
      const root = require("pulumi-dbbackup");
      const afterRoot = Object.keys(require.cache);
      const runtime = require("pulumi-dbbackup/provider/runtime");
      const sdk = require("pulumi-dbbackup/sdk");
      let deep;
      try { require("pulumi-dbbackup/dist/provider/registry.js"); deep = "loaded"; } catch (e) { deep = e.code; }
      const registry = require(path.join(${JSON.stringify(installed)}, "dist/provider/registry.js"));
      const kinds = registry.RESOURCE_KINDS.map((k) => [k, Object.keys(registry.handlersFor(k)).sort().join(",")]);
      const pkgDir = ${JSON.stringify(fs.realpathSync(installed) + path.sep)};
      console.log(JSON.stringify({
        classes: Object.keys(root).sort(),
        runtime: ["configure", "check", "diff", "create", "read", "update", "remove"].every((m) => typeof runtime[m] === "function"),
        sdk: typeof sdk.taurusdb.TaurusDbClient,
        deep,
        kinds,
        rootLoadedEmulator: afterRoot.some((f) => f.startsWith(pkgDir) && /[\\\\/]dist[\\\\/](emulator|sdk)[\\\\/]/.test(f)),
        outside: Object.keys(require.cache).filter((f) => f.includes("pulumi-dbbackup") && !f.startsWith(pkgDir)),
      }));`;
    const r = spawnSync(process.execPath, ["--no-warnings", "-e", script], { cwd: project, encoding: "utf8" });
    expect(r.stderr).toBe("");
    const seen = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(seen).toEqual({
      classes: ["BackupStrategy", "ManualBackup", "RestoredTenant", "getBackupSets", "getRestoreWindows"],
      runtime: true,
      sdk: "function",
      deep: "ERR_PACKAGE_PATH_NOT_EXPORTED",
      kinds: [
        ["BackupStrategy", "check,create,delete,diff,read,update"],
        ["ManualBackup", "check,create,delete,diff,read,update"],
        ["RestoredTenant", "check,create,delete,diff,read,update,verify"],
      ],
      rootLoadedEmulator: false,
      outside: [],
    });
  });

  it("a ManualBackup registered from the installed root: create, read, delete through the host in that project", async () => {
    // The program: register one resource under mocks from the installed package and print what the engine receives.
    const program = `
      const pulumi = require("@pulumi/pulumi");
      const dbbackup = require("pulumi-dbbackup");
      (async () => {
        let registered;
        await pulumi.runtime.setMocks({ newResource: (a) => { registered = { type: a.type, inputs: a.inputs }; return { id: "x", state: a.inputs }; }, call: (a) => a.inputs }, "installed", "test", false);
        const r = new dbbackup.ManualBackup("pkg-snap", { platform: "huawei-taurusdb", instanceId: ${JSON.stringify(HW_INSTANCE)}, name: "pkg-snap-1" });
        await new Promise((resolve) => r.urn.apply(resolve));
        console.log(JSON.stringify(registered));
      })().catch((e) => { console.error(e); process.exit(1); });`;
    const r = spawnSync(process.execPath, ["--no-warnings", "-e", program], { cwd: project, encoding: "utf8" });
    expect(r.stderr).toBe("");
    const registered = JSON.parse(r.stdout) as { type: string; inputs: Record<string, unknown> };
    expect(registered.type).toBe(TYPE);
    // Installed under node_modules, the provider object is captured as a require() of its module, not as its text.
    const providerText = registered.inputs.__provider as string;
    expect(providerText.length).toBeLessThanOrEqual(400);
    expect(providerText).toContain(`require("pulumi-dbbackup/dist/provider/providers/manual-backup.js")`);
    expect(providerText).not.toContain("pulumi-dbbackup/provider/runtime");

    emulator = await startEmulator({ port: 0, frozenClock: true, durations: { "taurusdb.backupMs": 0 } });
    host = await startDynamicProviderHost({ cwd: project, project: "installed", env: hostEnv() });
    await host.configure(emulatorConfig(emulator.url));
    const urn = makeUrn(TYPE, "pkg-snap", { project: "installed" });

    const checked = await host.check(urn, {}, registered.inputs);
    expect(checked.failures).toEqual([]);
    const created = await host.create(urn, checked.inputs);
    expect(created.id).toMatch(new RegExp(`^huawei-taurusdb/${EMULATOR_CREDENTIALS.huawei.projectId}/`));
    expect(created.properties).toMatchObject({ name: "pkg-snap-1", __provider: providerText });
    expect(["COMPLETED", "AVAILABLE"]).toContain(created.properties.status);

    const read = await host.read(created.id, urn, created.properties, checked.inputs);
    expect(read).toMatchObject({ id: created.id, gone: false });
    expect(read.properties.backupId).toBe(created.properties.backupId);

    await host.delete(created.id, urn, created.properties);
    const log = await controlClient(emulator.url).requests();
    expect(log.filter((q) => q.method === "DELETE" && q.status === 200)).toHaveLength(1);
    expect((await host.read(created.id, urn, created.properties, checked.inputs)).gone).toBe(true);
  });
});
