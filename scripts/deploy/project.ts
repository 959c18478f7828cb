// What npm start needs to know of a Pulumi project before handing it to the Pulumi CLI: the project's name and
// program (Pulumi.yaml), and the stack's plain config values (Pulumi.<stack>.yaml), from which it decides whether the
// local emulator is wanted. Encrypted (secure:) values are left to the CLI. YAML is parsed with the js-yaml that
// @pulumi/pulumi depends on.
import * as fs from "node:fs";
import * as path from "node:path";
import { COMPILED_ROOT, pulumiRequire, REPO_ROOT } from "../paths";

const yaml = pulumiRequire("js-yaml") as { load(text: string): unknown };

/** A problem with the project files, worded for the user (no stack trace needed). */
export class ProjectError extends Error {
  override readonly name = "ProjectError";
}

export interface Project {
  /** Directory holding Pulumi.yaml. */
  dir: string;
  name: string;
  /** Pulumi.yaml's main, resolved: the program's directory or file. */
  main: string;
  stack: string;
  /** The stack's plain config values, "namespace:key" → string (objects as JSON); secure: values are not here. */
  config: Record<string, string>;
}

function readYaml(file: string): Record<string, unknown> {
  let doc: unknown;
  try {
    doc = yaml.load(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new ProjectError(`${path.basename(file)} is not valid YAML: ${(e as Error).message.split("\n")[0]}`);
  }
  if (doc === undefined || doc === null) return {};
  if (typeof doc !== "object" || Array.isArray(doc)) throw new ProjectError(`${path.basename(file)} must be a YAML mapping`);
  return doc as Record<string, unknown>;
}

function runtimeName(runtime: unknown): string | undefined {
  if (typeof runtime === "string") return runtime;
  if (typeof runtime === "object" && runtime !== null && typeof (runtime as { name?: unknown }).name === "string") {
    return (runtime as { name: string }).name;
  }
  return undefined;
}

/** "key" → "<project>:key"; "ns:key" stays; "ns:config:key" (the legacy form) → "ns:key". */
function qualify(key: string, project: string): string {
  const parts = key.split(":");
  if (parts.length === 1) return `${project}:${key}`;
  if (parts.length === 3 && parts[1] === "config") return `${parts[0]}:${parts[2]}`;
  return key;
}

function isSecure(v: unknown): boolean {
  return typeof v === "object" && v !== null && !Array.isArray(v) && Object.keys(v).length === 1 && "secure" in v;
}

/** Reads Pulumi.yaml in `dir` and the plain config values of Pulumi.<stack>.yaml beside it. */
export function loadProject(dir: string, stack: string): Project {
  const projectFile = path.join(dir, "Pulumi.yaml");
  if (!fs.existsSync(projectFile)) throw new ProjectError(`no Pulumi.yaml in ${dir}: run from the project directory (or pass --cwd)`);
  const doc = readYaml(projectFile);
  const name = doc.name;
  if (typeof name !== "string" || name.trim() === "") throw new ProjectError("Pulumi.yaml has no name");
  const runtime = runtimeName(doc.runtime);
  if (runtime !== "nodejs") throw new ProjectError(`Pulumi.yaml's runtime is ${JSON.stringify(runtime ?? null)}: npm start runs nodejs programs`);
  const main = typeof doc.main === "string" && doc.main.trim() !== "" ? path.resolve(dir, doc.main) : dir;
  if (!fs.existsSync(main)) throw new ProjectError(`Pulumi.yaml's main ${JSON.stringify(doc.main)} does not exist`);

  const config: Record<string, string> = {};
  const stackFile = path.join(dir, `Pulumi.${stack}.yaml`);
  if (fs.existsSync(stackFile)) {
    const raw = readYaml(stackFile).config ?? {};
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw new ProjectError(`Pulumi.${stack}.yaml: "config" must be a mapping`);
    for (const [key, value] of Object.entries(raw)) {
      if (value === null || value === undefined || isSecure(value)) continue;
      config[qualify(key, name)] = typeof value === "string" ? value : JSON.stringify(value);
    }
  }
  return { dir, name, main, stack, config };
}

/**
 * The JavaScript file the program runs from. A directory holding index.js is a JavaScript program; a TypeScript
 * program inside this repository runs from its compiled form in the compiled tree (npm run build compiles examples/).
 */
export function programFile(project: Project): string {
  const main = project.main;
  if (fs.statSync(main).isFile()) {
    if (main.endsWith(".js")) return main;
    return compiledCounterpart(main);
  }
  const js = path.join(main, "index.js");
  if (fs.existsSync(js)) return js;
  const ts = path.join(main, "index.ts");
  if (fs.existsSync(ts)) return compiledCounterpart(ts);
  throw new ProjectError(`Pulumi.yaml's main (${main}) has no index.js or index.ts`);
}

function compiledCounterpart(tsFile: string): string {
  const rel = path.relative(REPO_ROOT, tsFile);
  if (rel.startsWith("..") || path.isAbsolute(rel)) {
    throw new ProjectError(`${tsFile} is TypeScript outside this repository: compile it, or pass the compiled file with --program`);
  }
  const js = path.join(COMPILED_ROOT, rel.replace(/\.ts$/, ".js"));
  if (!fs.existsSync(js)) throw new ProjectError(`${rel} has no compiled form at ${path.relative(REPO_ROOT, js)}: run npm run build`);
  return js;
}
