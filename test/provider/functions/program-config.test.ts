// The functions in a program process as the Pulumi CLI starts one: the language host hands the stack config over in
// PULUMI_CONFIG (secret keys in PULUMI_CONFIG_SECRET_KEYS), which @pulumi/pulumi reads. A separate node process gets
// exactly that environment and calls getRestoreWindows from the compiled package root; the root alone loads no sdk
// or emulator code, and the call prints nothing of its own (no secret warning, no secret).
import { execFile } from "node:child_process";
import * as path from "node:path";
import { SETTINGS } from "../../../provider/config";
import { useEmulator } from "../../support/emulator";
import { DEMO, programStackConfig } from "../../support/program-config";

/** The compiled root this test runs from (dist/): it holds provider/, sdk/, emulator/, test/. */
const COMPILED_ROOT = path.resolve(__dirname, "../../..");

describe("the functions' configuration in a program started by the CLI", () => {
  const emu = useEmulator();

  // Asynchronously: the emulator answers from this process, whose event loop a synchronous spawn would block.
  function runProgram(config: Record<string, string>, call: string): Promise<{ stdout: string; stderr: string }> {
    const script = `
      const root = require(${JSON.stringify(path.join(COMPILED_ROOT, "provider/index.js"))});
      const compiled = ${JSON.stringify(COMPILED_ROOT + path.sep)};
      const loadedByRoot = Object.keys(require.cache).filter((f) => f.startsWith(compiled) && /[\\\\/](sdk|emulator)[\\\\/]/.test(f));
      ${call}
        .then((result) => console.log(JSON.stringify({ loadedByRoot, result })))
        .catch((e) => console.log(JSON.stringify({ loadedByRoot, error: { name: e.name, message: e.message, code: e.code } })));`;
    // The environment of a program: no setting's variable of the developer's, the stack config as the CLI passes it.
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const s of Object.values(SETTINGS)) delete env[s.env];
    env.PULUMI_CONFIG = JSON.stringify(config);
    env.PULUMI_CONFIG_SECRET_KEYS = JSON.stringify(Object.keys(config).filter((k) => /Secret|SecretKey/.test(k)));
    return new Promise((resolve, reject) => {
      execFile(process.execPath, ["--no-warnings", "-e", script], { env, encoding: "utf8" }, (error, stdout, stderr) =>
        error === null ? resolve({ stdout, stderr }) : reject(new Error(`the program failed: ${error.message}\n${stderr}`)),
      );
    });
  }

  test("the stack config from PULUMI_CONFIG reaches the call; the root loaded no sdk code before it", async () => {
    const r = await runProgram(programStackConfig(emu.url), `root.getRestoreWindows({ platform: "oceanbase-cloud", instanceId: "obcluster-demo", tenantId: "t-report" })`);
    expect(r.stderr).toBe("");
    const out = JSON.parse(r.stdout) as { loadedByRoot: string[]; result: { windows: { tenantId: string }[]; latest: string } };
    expect(out.loadedByRoot).toEqual([]);
    expect(out.result.windows.map((w) => w.tenantId)).toEqual(["t-report"]);
    expect(out.result.latest).toMatch(/Z$/);
    expect(r.stdout).not.toContain(DEMO.oceanbase.accessKeySecret);
  });

  test("a missing credential in that config is the MissingConfigError naming the key, with nothing sent", async () => {
    await emu.control.clearRequests();
    const r = await runProgram(
      programStackConfig(emu.url, { "dbbackup:oceanbaseAccessKeyId": undefined }),
      `root.getBackupSets({ platform: "oceanbase-cloud", instanceId: "obcluster-demo" })`,
    );
    expect(r.stderr).toBe("");
    const out = JSON.parse(r.stdout) as { error: { name: string; message: string; code: string } };
    expect(out.error).toMatchObject({ name: "MissingConfigError", code: "DBB_ERR_MISSING_CONFIG" });
    expect(out.error.message).toContain("dbbackup:oceanbaseAccessKeyId");
    expect(out.error.message).not.toContain(DEMO.oceanbase.accessKeySecret);
    expect(await emu.control.requests()).toEqual([]);
  });
});
