// How npm run pulumi:ensure picks the Pulumi CLI: PATH (version-checked), then the per-user cache, then a build,
// else a clear error. Stand-in `pulumi` scripts that only print a version stand for CLIs here: these tests are about
// the choosing; the end-to-end tests run the real CLI.
import * as fs from "node:fs";
import * as path from "node:path";
import {
  cachedCliRoot,
  compareVersions,
  ensurePulumiCli,
  findPulumiCli,
  GO_MODULE_DIR,
  MIN_VERSION,
  pinnedVersion,
  PulumiCliError,
} from "../../scripts/pulumi-cli/ensure";
import { PULUMI_ROOT } from "../../scripts/paths";
import { tempDir } from "../e2e/support";

function fakeCli(dir: string, prints: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "pulumi");
  fs.writeFileSync(file, `#!/bin/sh\necho "${prints}"\n`, { mode: 0o755 });
  return file;
}

describe("finding the Pulumi CLI", () => {
  let root: string;
  let env: NodeJS.ProcessEnv;
  beforeEach(() => {
    root = tempDir("dbb-cli-");
    // No go and no pulumi reachable: PATH is an empty directory of the test's own.
    fs.mkdirSync(path.join(root, "path"));
    env = { PATH: path.join(root, "path"), HOME: root, DBBACKUP_PULUMI_CACHE: path.join(root, "cache") };
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it("the pinned version is the one go.mod requires, built with the replace the CLI's own module needs", () => {
    const gomod = fs.readFileSync(path.join(GO_MODULE_DIR, "go.mod"), "utf8");
    expect(pinnedVersion()).toBe("3.248.0");
    expect(gomod).toMatch(/^tool github\.com\/pulumi\/pulumi\/pkg\/v3\/cmd\/pulumi$/m);
    expect(gomod).toMatch(/^\s*github\.com\/pulumi\/pulumi\/sdk\/v3 v3\.248\.0\b/m);
    expect(gomod).toContain("replace github.com/atotto/clipboard => github.com/tgummerer/clipboard v0.0.0-20241001131231-d02d263e614e");
    expect(fs.readFileSync(path.join(GO_MODULE_DIR, "go.sum"), "utf8")).toMatch(/^github\.com\/pulumi\/pulumi\/pkg\/v3 v3\.248\.0 h1:/m);
  });

  it("compares versions by number", () => {
    expect(compareVersions("3.181.0", "3.99.9")).toBeGreaterThan(0);
    expect(compareVersions("3.181.0", "3.181.0")).toBe(0);
    expect(compareVersions("3.180.12", MIN_VERSION)).toBeLessThan(0);
  });

  it("a recent enough pulumi on PATH is used as it is", async () => {
    const cli = fakeCli(path.join(root, "path"), "v3.250.1");
    await expect(ensurePulumiCli({ env, log: () => undefined })).resolves.toEqual({ command: cli, root: undefined, version: "3.250.1", source: "path" });
  });

  it("a pulumi on PATH older than the minimum is refused, naming its version and path", async () => {
    const cli = fakeCli(path.join(root, "path"), "v3.100.0");
    const err = await ensurePulumiCli({ env, log: () => undefined }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PulumiCliError);
    expect(err).toMatchObject({ code: "PULUMI_CLI_TOO_OLD" });
    expect((err as Error).message).toContain(`the Pulumi CLI on PATH (${cli}) is v3.100.0, older than v${MIN_VERSION}`);
  });

  it("the cached build of the pinned version is found, with the dynamic-provider plugin put beside it", () => {
    const cacheRoot = cachedCliRoot("3.248.0", env);
    const cli = fakeCli(path.join(cacheRoot, "bin"), "v3.248.0");
    expect(findPulumiCli(env)).toEqual({ command: cli, root: cacheRoot, version: "3.248.0", source: "cache" });
    const plugin = path.join(cacheRoot, "bin", "pulumi-resource-pulumi-nodejs");
    expect(fs.readFileSync(plugin, "utf8")).toBe(fs.readFileSync(path.join(PULUMI_ROOT, "pulumi-resource-pulumi-nodejs"), "utf8"));
    expect(fs.statSync(plugin).mode & 0o111).not.toBe(0);
  });

  it("a cached binary of another version is not taken for the pinned one", () => {
    fakeCli(path.join(cachedCliRoot("3.248.0", env), "bin"), "v3.200.0");
    expect(findPulumiCli(env)).toBeUndefined();
  });

  it("with no CLI and no Go, the error says how to get either", async () => {
    const err = await ensurePulumiCli({ env, log: () => undefined }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "PULUMI_CLI_UNAVAILABLE" });
    expect((err as Error).message).toBe(
      `no Pulumi CLI: none on PATH, no build in ${cachedCliRoot("3.248.0", env)}, and no Go toolchain to build v3.248.0 with. ` +
        `Install the Pulumi CLI v${MIN_VERSION} or newer (pulumi.com/docs/install), or Go 1.26 or newer (go.dev/dl), then run npm run pulumi:ensure`,
    );
  });
});
