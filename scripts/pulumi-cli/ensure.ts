// Finds or makes the Pulumi CLI that npm start and the end-to-end tests run, in this order:
//   1. a `pulumi` on PATH (the user's own install), refused when older than MIN_VERSION;
//   2. a build cached per user, outside the repository, keyed by the pinned version;
//   3. a build from the Go modules pinned in scripts/pulumi-cli/go.mod and go.sum, when `go` is installed;
//   4. otherwise an error that says how to get either.
// Only the Go module proxy is contacted (by `go mod download`); nothing is downloaded from anywhere else.
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { formatMs } from "../../sdk/poller";
import { PULUMI_ROOT, REPO_ROOT } from "../paths";

/**
 * The oldest CLI the project can drive: npm start and the tests run programs inline through the Automation API, and
 * `refresh` / `destroy` of inline programs need the CLI's --client flag, which arrived in v3.181.0.
 */
export const MIN_VERSION = "3.181.0";

/** The Go module that pins the CLI (go.mod, go.sum). */
export const GO_MODULE_DIR = path.join(REPO_ROOT, "scripts", "pulumi-cli");

const CLI_PACKAGE = "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi";
const VERSION_SYMBOL = "github.com/pulumi/pulumi/sdk/v3/go/common/version.Version";
/** The dynamic-provider plugin: a small script at the root of the @pulumi/pulumi npm package. */
const DYNAMIC_PLUGIN = "pulumi-resource-pulumi-nodejs";

export type CliSource = "path" | "cache" | "built";

export interface PulumiCli {
  /** The executable. */
  command: string;
  /** The directory holding bin/pulumi, for the Automation API's PulumiCommand.get({ root }); undefined: use PATH. */
  root: string | undefined;
  /** e.g. "3.248.0" */
  version: string;
  source: CliSource;
}

export type PulumiCliErrorCode = "PULUMI_CLI_TOO_OLD" | "PULUMI_CLI_UNAVAILABLE" | "PULUMI_CLI_BUILD_FAILED";

export class PulumiCliError extends Error {
  override readonly name = "PulumiCliError";
  constructor(
    readonly code: PulumiCliErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The CLI version go.mod pins (the version of github.com/pulumi/pulumi/pkg/v3), e.g. "3.248.0". */
export function pinnedVersion(moduleDir: string = GO_MODULE_DIR): string {
  const gomod = fs.readFileSync(path.join(moduleDir, "go.mod"), "utf8");
  const m = /^\s*github\.com\/pulumi\/pulumi\/pkg\/v3 v(\d+\.\d+\.\d+)\b/m.exec(gomod);
  if (m === null) throw new Error(`${path.join(moduleDir, "go.mod")} does not require github.com/pulumi/pulumi/pkg/v3 at a release version`);
  return m[1] as string;
}

/** Where builds are kept: $DBBACKUP_PULUMI_CACHE, else $XDG_CACHE_HOME/pulumi-dbbackup, else ~/.cache/pulumi-dbbackup. */
export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (env.DBBACKUP_PULUMI_CACHE) return path.resolve(env.DBBACKUP_PULUMI_CACHE);
  return path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache"), "pulumi-dbbackup");
}

/** The cached build of one version: <cacheRoot>/pulumi-v<version>, holding bin/pulumi. */
export function cachedCliRoot(version: string, env: NodeJS.ProcessEnv = process.env): string {
  return path.join(cacheRoot(env), `pulumi-v${version}`);
}

/** Compares dotted versions numerically: negative, zero or positive. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** What `<command> version` prints, as "3.248.0"; undefined when it does not run or prints no version. */
export function cliVersion(command: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const r = spawnSync(command, ["version"], { env: { ...env, PULUMI_SKIP_UPDATE_CHECK: "true" }, encoding: "utf8", timeout: 30_000 });
  if (r.status !== 0) return undefined;
  return /^v?(\d+\.\d+\.\d+)/.exec(r.stdout.trim())?.[1];
}

function isExecutableFile(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The first executable `pulumi` on PATH, or undefined. */
export function pulumiOnPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of (env.PATH ?? "").split(path.delimiter)) {
    if (dir !== "" && isExecutableFile(path.join(dir, "pulumi"))) return path.join(dir, "pulumi");
  }
  return undefined;
}

/** The CLI on PATH, if any; throws PULUMI_CLI_TOO_OLD for one older than MIN_VERSION. */
function fromPath(env: NodeJS.ProcessEnv): PulumiCli | undefined {
  const command = pulumiOnPath(env);
  if (command === undefined) return undefined;
  const version = cliVersion(command, env);
  if (version === undefined || compareVersions(version, MIN_VERSION) < 0) {
    throw new PulumiCliError(
      "PULUMI_CLI_TOO_OLD",
      `the Pulumi CLI on PATH (${command}) is ${version === undefined ? "of an unknown version" : `v${version}`}, older than v${MIN_VERSION}, ` +
        "the oldest that runs inline programs for refresh and destroy: upgrade it (pulumi.com/docs/install), or take it off PATH " +
        `so that v${pinnedVersion()} is built from the pinned Go modules`,
    );
  }
  return { command, root: undefined, version, source: "path" };
}

/** The plugin file beside the CLI, where the CLI looks first: the official distribution ships it there too. */
function installDynamicPlugin(binDir: string): void {
  const target = path.join(binDir, DYNAMIC_PLUGIN);
  const source = path.join(PULUMI_ROOT, DYNAMIC_PLUGIN);
  if (fs.existsSync(target) && fs.readFileSync(target, "utf8") === fs.readFileSync(source, "utf8")) return;
  const tmp = `${target}.${process.pid}.tmp`;
  fs.copyFileSync(source, tmp);
  fs.chmodSync(tmp, 0o755);
  fs.renameSync(tmp, target);
}

/** The cached build of the pinned version, if present and working. */
function fromCache(version: string, env: NodeJS.ProcessEnv): PulumiCli | undefined {
  const root = cachedCliRoot(version, env);
  const command = path.join(root, "bin", "pulumi");
  if (!isExecutableFile(command) || cliVersion(command, env) !== version) return undefined;
  installDynamicPlugin(path.join(root, "bin"));
  return { command, root, version, source: "cache" };
}

/** A CLI found without building: on PATH, else cached. Undefined when there is none. */
export function findPulumiCli(env: NodeJS.ProcessEnv = process.env): PulumiCli | undefined {
  return fromPath(env) ?? fromCache(pinnedVersion(), env);
}

/** Runs one build stage, printing a line when it starts, one every 30 s while it runs and one when it ends. */
async function stage(label: string, command: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv; log(line: string): void }): Promise<void> {
  const started = Date.now();
  opts.log(`${label}...`);
  const ticker = setInterval(() => opts.log(`  ...still running (${formatMs(Date.now() - started)})`), 30_000);
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(command, args, { cwd: opts.cwd, env: opts.env, stdio: ["ignore", "ignore", "pipe"] });
      let err = "";
      child.stderr.setEncoding("utf8");
      child.stderr.on("data", (c: string) => (err = (err + c).slice(-8_000)));
      child.once("error", reject);
      child.once("close", (code) => (code === 0 ? resolve() : reject(new Error(`\`${command} ${args.join(" ")}\` exited with ${code}:\n${err.trim()}`))));
    });
  } catch (e) {
    throw new PulumiCliError("PULUMI_CLI_BUILD_FAILED", `${label} failed: ${(e as Error).message}`);
  } finally {
    clearInterval(ticker);
  }
  opts.log(`  done in ${formatMs(Date.now() - started)}`);
}

function goAvailable(env: NodeJS.ProcessEnv): boolean {
  return spawnSync("go", ["version"], { env, encoding: "utf8" }).status === 0;
}

/** Builds the pinned CLI into the cache (three stages), returning it. */
async function build(version: string, env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<PulumiCli> {
  const root = cachedCliRoot(version, env);
  const binDir = path.join(root, "bin");
  fs.mkdirSync(binDir, { recursive: true });
  // -mod=readonly: exactly the versions go.sum pins, never an upgrade. CGO off, tags and -trimpath as the official build.
  const goEnv: NodeJS.ProcessEnv = { ...env, CGO_ENABLED: "0", GOFLAGS: `${env.GOFLAGS ?? ""} -mod=readonly`.trim() };
  const opts = { cwd: GO_MODULE_DIR, env: goEnv, log };
  const started = Date.now();
  log(`Building the Pulumi CLI v${version} from its Go modules (pinned in scripts/pulumi-cli/go.sum) into ${root}`);
  await stage("[1/3] go mod download: the CLI's modules from the Go module proxy (cold: about 1.4 GB)", "go", ["mod", "download"], opts);
  const tmp = path.join(binDir, `pulumi.${process.pid}.tmp`);
  const ldflags = `-X ${VERSION_SYMBOL}=v${version}`;
  await stage("[2/3] go build: compiling the CLI (cold: about 5 minutes on 2 cores)", "go", ["build", "-trimpath", "-tags", "osusergo,grpcnotrace", "-ldflags", ldflags, "-o", tmp, CLI_PACKAGE], opts);
  const installed = Date.now();
  log("[3/3] installing bin/pulumi and the dynamic-provider plugin beside it...");
  fs.renameSync(tmp, path.join(binDir, "pulumi"));
  installDynamicPlugin(binDir);
  const command = path.join(binDir, "pulumi");
  const built = cliVersion(command, env);
  if (built !== version) {
    throw new PulumiCliError("PULUMI_CLI_BUILD_FAILED", `the CLI built at ${command} reports version ${built ?? "(none)"}, expected ${version}`);
  }
  log(`  done in ${formatMs(Date.now() - installed)}; the whole build took ${formatMs(Date.now() - started)}`);
  return { command, root, version, source: "built" };
}

/** A CLI to run: found (PATH, cache) or built. Throws PulumiCliError when there is none and none can be built. */
export async function ensurePulumiCli(opts: { env?: NodeJS.ProcessEnv; log?(line: string): void } = {}): Promise<PulumiCli> {
  const env = opts.env ?? process.env;
  const log = opts.log ?? ((line: string) => console.log(line));
  const found = findPulumiCli(env);
  if (found !== undefined) return found;
  const version = pinnedVersion();
  if (!goAvailable(env)) {
    throw new PulumiCliError(
      "PULUMI_CLI_UNAVAILABLE",
      `no Pulumi CLI: none on PATH, no build in ${cachedCliRoot(version, env)}, and no Go toolchain to build v${version} with. ` +
        `Install the Pulumi CLI v${MIN_VERSION} or newer (pulumi.com/docs/install), or Go 1.26 or newer (go.dev/dl), then run npm run pulumi:ensure`,
    );
  }
  return build(version, env, log);
}

/** One line saying which CLI this is and where it came from. */
export function describeCli(cli: PulumiCli): string {
  const from = { path: "found on PATH", cache: "a cached build", built: "built just now from the pinned Go modules" }[cli.source];
  return `Pulumi CLI v${cli.version}: ${cli.command} (${from})`;
}
