// npm start with a Pulumi CLI on PATH: `pulumi up` on a local file backend inside the project directory, so nothing
// logs in to a Pulumi service, with the demo stack's passphrase (set by start.ts when the user has none).
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { installPackageLink } from "./host-workdir";

/** Inside the project directory (gitignored). */
export const CLI_STATE_DIR = ".pulumi-state";


/** The first executable `pulumi` on PATH, or undefined. */
export function findPulumi(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const names = process.platform === "win32" ? ["pulumi.exe", "pulumi.cmd", "pulumi"] : ["pulumi"];
  for (const dir of (env.PATH ?? "").split(path.delimiter)) {
    if (dir === "") continue;
    for (const name of names) {
      const file = path.join(dir, name);
      try {
        fs.accessSync(file, fs.constants.X_OK);
        if (fs.statSync(file).isFile()) return file;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

/** The environment of every pulumi command: the file backend in the project, no update check. */
export function pulumiEnv(projectDir: string, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    ...env,
    PULUMI_BACKEND_URL: pathToFileURL(path.join(projectDir, CLI_STATE_DIR)).href,
    PULUMI_SKIP_UPDATE_CHECK: "true",
  };
}

function run(pulumi: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(pulumi, args, { cwd, env, stdio: "inherit" });
    child.once("error", reject);
    child.once("close", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

export interface CliRunOptions {
  pulumi: string;
  projectDir: string;
  stack: string;
  destroy: boolean;
  env: NodeJS.ProcessEnv;
  log(line: string): void;
}

/**
 * The engine starts the dynamic-provider host in the project directory, where the serialized provider requires
 * pulumi-dbbackup's runtime through a plain node_modules lookup (the host loads it from a string, so the package's
 * self-reference by name does not apply). A project inside this repository (the quickstart) has no such package in
 * any node_modules above it, so link the compiled code this script runs from there.
 */
export function ensureRuntimeResolvable(projectDir: string): void {
  for (let dir = path.resolve(projectDir); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "node_modules", "pulumi-dbbackup", "package.json"))) return;
    if (path.dirname(dir) === dir) break;
  }
  installPackageLink(path.join(projectDir, "node_modules"));
}

/** stack select --create, then up (or destroy), then stack output. Returns the exit code. */
export async function runWithPulumiCli(o: CliRunOptions): Promise<number> {
  fs.mkdirSync(path.join(o.projectDir, CLI_STATE_DIR), { recursive: true });
  ensureRuntimeResolvable(o.projectDir);
  const env = pulumiEnv(o.projectDir, o.env);
  const steps: string[][] = [
    ["stack", "select", "--create", o.stack, "--non-interactive"],
    o.destroy ? ["destroy", "--yes", "--stack", o.stack, "--non-interactive"] : ["up", "--yes", "--stack", o.stack, "--non-interactive"],
    ...(o.destroy ? [] : [["stack", "output", "--stack", o.stack, "--non-interactive"]]),
  ];
  for (const args of steps) {
    const code = await run(o.pulumi, args, o.projectDir, env);
    if (code !== 0) {
      o.log(`error: \`pulumi ${args.join(" ")}\` failed (exit code ${code})`);
      return 1;
    }
  }
  return 0;
}
