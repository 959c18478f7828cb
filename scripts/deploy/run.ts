// Runs one Pulumi operation (up, preview, refresh, destroy) on a project through the real Pulumi CLI, with the
// program run inline by Pulumi's Automation API: the CLI's engine plans, diffs, records state, encrypts secrets and
// displays progress; it reaches the program through the Automation API's own language server (`pulumi up --client`),
// so no Node.js language plugin is needed beside the CLI. Everything else (backend, passphrase, plugins) is the
// ordinary CLI's, configured here for a local, offline run.
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as auto from "@pulumi/pulumi/automation";
import type { PulumiCli } from "../pulumi-cli/ensure";
import type { Operation } from "./args";
import type { Project } from "./project";

/** Default state backend directory, inside the project directory (gitignored). */
export const STATE_DIR = ".pulumi-state";

/** The checked-in dev stacks keep their encryption salt in Pulumi.dev.yaml, made with this public demo passphrase. */
export const DEMO_STACK = "dev";
export const DEMO_PASSPHRASE = "pulumi-dbbackup-demo";

export interface DeployOptions {
  cli: PulumiCli;
  project: Project;
  /** The compiled program (a CommonJS module whose exports are the stack outputs). */
  programFile: string;
  operation: Operation;
  expectNoChanges: boolean;
  /** State backend URL. */
  backend: string;
  /** Extra environment for the CLI and the plugins it starts (the dynamic-provider host among them). */
  env: Record<string, string>;
  out(text: string): void;
  err(text: string): void;
}

/** The default backend: file://<project>/.pulumi-state. */
export function defaultBackend(projectDir: string): string {
  return pathToFileURL(path.join(projectDir, STATE_DIR)).href;
}

/**
 * The environment the CLI runs in: no update check, no plugin download, the backend given, PULUMI_HOME beside a file
 * backend's state (so nothing is written to ~/.pulumi), and the demo passphrase for the demo stack when none is set.
 */
export function cliEnvironment(o: { backend: string; stack: string; env: Record<string, string> }, base: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const env: Record<string, string> = {
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_BACKEND_URL: o.backend,
    ...o.env,
  };
  if (o.backend.startsWith("file://")) env.PULUMI_HOME = path.join(fileURLToPath(o.backend), "home");
  if (o.stack === DEMO_STACK && base.PULUMI_CONFIG_PASSPHRASE === undefined && base.PULUMI_CONFIG_PASSPHRASE_FILE === undefined) {
    env.PULUMI_CONFIG_PASSPHRASE = DEMO_PASSPHRASE;
  }
  return env;
}

/** Runs the operation; rejects when the CLI fails (its output has been passed to out/err as it came). */
export async function deploy(o: DeployOptions): Promise<void> {
  const envVars = cliEnvironment({ backend: o.backend, stack: o.project.stack, env: o.env });
  if (envVars.PULUMI_HOME !== undefined) fs.mkdirSync(envVars.PULUMI_HOME, { recursive: true });
  // One operation per process: the program module is loaded once, when the engine asks for it to run.
  const load = createRequire(o.programFile);
  const program = async (): Promise<Record<string, unknown>> => ({ ...(load(o.programFile) as Record<string, unknown>) });
  const pulumiCommand = await auto.PulumiCommand.get(o.cli.root === undefined ? {} : { root: o.cli.root });
  const stack = await auto.LocalWorkspace.createOrSelectStack(
    { stackName: o.project.stack, projectName: o.project.name, program },
    { workDir: o.project.dir, pulumiCommand, envVars },
  );
  const common = { onOutput: o.out, onError: o.err, color: process.stdout.isTTY ? ("always" as const) : ("never" as const) };
  const expect = o.expectNoChanges ? { expectNoChanges: true } : {};
  switch (o.operation) {
    case "up":
      await stack.up({ ...common, ...expect });
      return;
    case "preview":
      await stack.preview({ ...common, ...expect });
      return;
    case "refresh":
      await stack.refresh({ ...common, ...expect });
      return;
    case "destroy":
      await stack.destroy(common);
      return;
  }
}
