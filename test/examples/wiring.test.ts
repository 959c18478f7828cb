// The examples' project files as the runner and `npm start` read them: the root Pulumi.yaml runs
// examples/quickstart/, each dev stack points every endpoint it sets at the local emulator (127.0.0.1:8787, Huawei under
// /v3) with the emulator's demo credentials in plain text (no secure: values, which only the Pulumi CLI decrypts),
// and `npm test` type-checks the examples.
import * as fs from "node:fs";
import * as path from "node:path";
import { emulatorNeed } from "../../scripts/runner/emulator-local";
import { loadProject } from "../../scripts/runner/project";
import { EMULATOR_CREDENTIALS } from "../support/provider-host";
import { EXAMPLES_DIR, REPO_ROOT } from "./support";

const c = EMULATOR_CREDENTIALS;
const OCEANBASE = {
  "dbbackup:oceanbaseEndpoint": "http://127.0.0.1:8787",
  "dbbackup:oceanbaseAccessKeyId": c.oceanbase.accessKeyId,
  "dbbackup:oceanbaseAccessKeySecret": c.oceanbase.accessKeySecret,
  "dbbackup:oceanbaseProjectId": c.oceanbase.projectId,
};
const OCP = {
  "dbbackup:ocpEndpoint": "http://127.0.0.1:8787",
  "dbbackup:ocpAccessKeyId": c.ocp.accessKeyId,
  "dbbackup:ocpAccessKeySecret": c.ocp.accessKeySecret,
};
const HUAWEI = {
  "dbbackup:huaweiEndpoint": "http://127.0.0.1:8787/v3",
  "dbbackup:huaweiRegion": "cn-north-4",
  "dbbackup:huaweiProjectId": c.huawei.projectId,
  "dbbackup:huaweiAccessKey": c.huawei.accessKey,
  "dbbackup:huaweiSecretKey": c.huawei.secretKey,
};

const PROJECTS = [
  { dir: REPO_ROOT, name: "dbbackup-quickstart", main: path.join(EXAMPLES_DIR, "quickstart"), config: { ...OCEANBASE, ...OCP, ...HUAWEI } },
  { dir: path.join(EXAMPLES_DIR, "restore-drill"), name: "dbbackup-restore-drill", main: path.join(EXAMPLES_DIR, "restore-drill"), config: OCEANBASE },
  { dir: path.join(EXAMPLES_DIR, "huawei-only"), name: "dbbackup-huawei-only", main: path.join(EXAMPLES_DIR, "huawei-only"), config: HUAWEI },
];

describe("the examples' Pulumi projects", () => {
  it.each(PROJECTS)("$name: program, dev stack at the local emulator with its demo credentials", ({ dir, name, main, config }) => {
    const project = loadProject(dir, "dev");
    expect(project.name).toBe(name);
    expect(project.main).toBe(main);
    expect(fs.existsSync(path.join(main, "index.ts"))).toBe(true);
    expect(fs.existsSync(path.join(main, "README.md"))).toBe(true);
    expect(project.providerConfig).toEqual(config);
    expect(emulatorNeed(project, {})).toEqual({ kind: "local", host: "127.0.0.1", port: 8787, url: "http://127.0.0.1:8787" });
  });

  it("every example imports the package by name, as a user's program does", () => {
    for (const { main } of PROJECTS) {
      const source = fs.readFileSync(path.join(main, "index.ts"), "utf8");
      expect(source).toContain('import * as dbbackup from "pulumi-dbbackup";');
      expect(source).not.toMatch(/from "\.\.?\//);
    }
  });

  it("npm test type-checks the examples after the build", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
    expect(pkg.scripts.test).toMatch(/^npm run build && tsc -p examples\/tsconfig\.json --noEmit && /);
  });
});
