// The project a run works on, read as the Pulumi CLI reads it: Pulumi.yaml (name, runtime, main) in the project
// directory and Pulumi.<stack>.yaml (config) beside it. YAML is parsed with the js-yaml @pulumi/pulumi depends on.
import * as fs from "node:fs";
import * as path from "node:path";
import { pulumiRequire } from "./pulumi-modules";

const yaml = pulumiRequire("js-yaml") as { load(text: string): unknown };

/** A problem with the project files, worded for the user (no stack trace needed). */
export class ProjectError extends Error {
  override readonly name = "ProjectError";
}

export interface Project {
  /** Directory holding Pulumi.yaml. */
  dir: string;
  name: string;
  /** The program: a directory (index.ts / index.js, or package.json "main") or a file. */
  main: string;
  stack: string;
  /** Stack config as the language runtime sees it: "namespace:key" → string (objects as JSON). */
  config: Record<string, string>;
  /** Keys of config values that are secret by their meaning (credentials): kept secret in the program. */
  secretKeys: string[];
  /** The `dbbackup:` keys with their YAML values, for the provider's Configure. */
  providerConfig: Record<string, unknown>;
  /** The stack file that was read, or undefined when the stack has none. */
  stackFile?: string;
}

/** Config keys of pulumi-dbbackup whose values are credentials (provider/config.ts marks the same ones secret). */
const SECRET_KEY = /(secret|password|secretKey)$/i;

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

/** Reads Pulumi.yaml in `dir` and the stack's config. allowSecure: skip secure: values (for callers that only look). */
export function loadProject(dir: string, stack: string, opts: { allowSecure?: boolean } = {}): Project {
  const projectFile = path.join(dir, "Pulumi.yaml");
  if (!fs.existsSync(projectFile)) throw new ProjectError(`no Pulumi.yaml in ${dir}: run from the project directory (or pass --cwd)`);
  const doc = readYaml(projectFile);
  const name = doc.name;
  if (typeof name !== "string" || name.trim() === "") throw new ProjectError("Pulumi.yaml has no name");
  const runtime = runtimeName(doc.runtime);
  if (runtime !== "nodejs") throw new ProjectError(`Pulumi.yaml's runtime is ${JSON.stringify(runtime ?? null)}: the offline runner runs nodejs programs only`);
  const main = typeof doc.main === "string" && doc.main.trim() !== "" ? path.resolve(dir, doc.main) : dir;
  if (!fs.existsSync(main)) throw new ProjectError(`Pulumi.yaml's main ${JSON.stringify(doc.main)} does not exist`);

  const stackFile = path.join(dir, `Pulumi.${stack}.yaml`);
  const config: Record<string, string> = {};
  const providerConfig: Record<string, unknown> = {};
  const secretKeys: string[] = [];
  const secure: string[] = [];
  const hasStackFile = fs.existsSync(stackFile);
  if (hasStackFile) {
    const raw = readYaml(stackFile).config ?? {};
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw new ProjectError(`Pulumi.${stack}.yaml: "config" must be a mapping`);
    for (const [key, value] of Object.entries(raw)) {
      const k = qualify(key, name);
      if (isSecure(value)) {
        secure.push(k);
        continue;
      }
      if (value === null || value === undefined) continue;
      config[k] = typeof value === "string" ? value : JSON.stringify(value);
      if (SECRET_KEY.test(k)) secretKeys.push(k);
      if (k.startsWith("dbbackup:")) providerConfig[k] = value;
    }
  }
  if (secure.length > 0 && opts.allowSecure !== true) {
    throw new ProjectError(
      `Pulumi.${stack}.yaml holds encrypted (secure:) values (${secure.join(", ")}), which only the Pulumi CLI can decrypt: ` +
        "for the offline runner set them in plain text or through the environment variables the README lists",
    );
  }
  return { dir, name, main, stack, config, secretKeys, providerConfig, ...(hasStackFile ? { stackFile } : {}) };
}

/** Points every platform endpoint of the provider config at one emulator (Huawei under its /v3 prefix). */
export function withEmulatorEndpoints(project: Project, url: string): Project {
  const base = url.replace(/\/+$/, "");
  const endpoints: Record<string, string> = {
    "dbbackup:oceanbaseEndpoint": base,
    "dbbackup:ocpEndpoint": base,
    "dbbackup:huaweiEndpoint": `${base}/v3`,
  };
  return { ...project, config: { ...project.config, ...endpoints }, providerConfig: { ...project.providerConfig, ...endpoints } };
}
