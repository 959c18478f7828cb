// The examples' Pulumi projects as npm start reads them: the root Pulumi.yaml runs examples/quickstart/, each runs
// from its compiled program in the compiled tree, and each dev stack points every endpoint it sets at the local
// emulator (127.0.0.1:8787, Huawei under /v3), so npm start starts the emulator for it.
import * as fs from "node:fs";
import * as path from "node:path";
import { emulatorNeed } from "../../scripts/deploy/emulator-local";
import { loadProject, programFile, ProjectError } from "../../scripts/deploy/project";
import { COMPILED_ROOT, REPO_ROOT } from "../../scripts/paths";
import { tempDir } from "../e2e/support";

const EXAMPLES = path.join(REPO_ROOT, "examples");
const PROJECTS = [
  { dir: REPO_ROOT, name: "dbbackup-quickstart", example: "quickstart", endpoints: ["oceanbase", "ocp", "huawei"] },
  { dir: path.join(EXAMPLES, "restore-drill"), name: "dbbackup-restore-drill", example: "restore-drill", endpoints: ["oceanbase"] },
  { dir: path.join(EXAMPLES, "huawei-only"), name: "dbbackup-huawei-only", example: "huawei-only", endpoints: ["huawei"] },
];

describe("the examples' Pulumi projects", () => {
  it.each(PROJECTS)("$name: its compiled program, and a dev stack at the local emulator", ({ dir, name, example, endpoints }) => {
    const project = loadProject(dir, "dev");
    expect(project.name).toBe(name);
    expect(project.main).toBe(path.join(EXAMPLES, example));
    expect(programFile(project)).toBe(path.join(COMPILED_ROOT, "examples", example, "index.js"));
    expect(fs.existsSync(path.join(EXAMPLES, example, "README.md"))).toBe(true);
    const keys = Object.keys(project.config).filter((k) => /^dbbackup:\w+Endpoint$/.test(k));
    expect(keys.map((k) => k.replace(/^dbbackup:(\w+)Endpoint$/, "$1")).sort()).toEqual([...endpoints].sort());
    expect(emulatorNeed(project, {})).toEqual({ kind: "local", host: "127.0.0.1", port: 8787, url: "http://127.0.0.1:8787" });
  });

  it("every example imports the package by name, as a user's program does", () => {
    for (const { example } of PROJECTS) {
      const source = fs.readFileSync(path.join(EXAMPLES, example, "index.ts"), "utf8");
      expect(source).toContain('import * as dbbackup from "pulumi-dbbackup";');
      expect(source).not.toMatch(/from "\.\.?\//);
    }
  });

  it("a TypeScript program outside the repository is refused with what to do, a JavaScript one runs as it is", () => {
    const dir = tempDir("dbb-project-");
    try {
      fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: elsewhere\nruntime: nodejs\n");
      fs.writeFileSync(path.join(dir, "index.ts"), "export const x = 1;\n");
      expect(() => programFile(loadProject(dir, "dev"))).toThrow(new ProjectError(`${path.join(dir, "index.ts")} is TypeScript outside this repository: compile it, or pass the compiled file with --program`));
      fs.writeFileSync(path.join(dir, "index.js"), "exports.x = 1;\n");
      expect(programFile(loadProject(dir, "dev"))).toBe(path.join(dir, "index.js"));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a project that is not Node.js, or has no Pulumi.yaml, is refused by name", () => {
    const dir = tempDir("dbb-project-");
    try {
      expect(() => loadProject(dir, "dev")).toThrow(/no Pulumi.yaml in .*: run from the project directory \(or pass --cwd\)/);
      fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: py\nruntime: python\n");
      expect(() => loadProject(dir, "dev")).toThrow(`Pulumi.yaml's runtime is "python": npm start runs nodejs programs`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
