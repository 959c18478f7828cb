// The package as users get it, without the network: `npm pack` (scripts ignored: `prepare` would rebuild dist/ under
// running tests or benchmarks) of a staging copy of the compiled root this code runs from, and the tarball extracted
// into a project's node_modules as npm installs it, its dependencies linked to this repository's copies. Used by the
// npm pack test (test/provider/package.test.ts) and by the state benchmark (bench/state.ts).
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { COMPILED_ROOT, REPO_ROOT } from "../../scripts/paths";
import { linkPackageDependencies } from "./host-workdir";

const PACKAGE = "pulumi-dbbackup";

export interface PackedPackage {
  /** The tarball npm pack wrote. */
  tarball: string;
  /** The paths inside it, as npm pack lists them ("package.json", "dist/provider/index.js", …). */
  files: string[];
  /** Deletes the staging copy and the tarball. */
  remove(): void;
}

/**
 * `npm pack --ignore-scripts`, offline, of a staging copy of the repository as npm pack sees it (package.json,
 * README.md) with `compiledRoot` as dist/ (the whole compiled tree, test/ included, so that package.json's "files" has
 * something to leave out).
 */
export function packPackage(compiledRoot: string = COMPILED_ROOT): PackedPackage {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "dbb-pack-"));
  const remove = (): void => fs.rmSync(tmp, { recursive: true, force: true });
  try {
    const staging = path.join(tmp, "staging");
    fs.mkdirSync(staging);
    fs.copyFileSync(path.join(REPO_ROOT, "package.json"), path.join(staging, "package.json"));
    fs.copyFileSync(path.join(REPO_ROOT, "README.md"), path.join(staging, "README.md"));
    fs.cpSync(compiledRoot, path.join(staging, "dist"), { recursive: true });
    const out = execFileSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", tmp], {
      cwd: staging,
      encoding: "utf8",
      env: { ...process.env, npm_config_offline: "true", npm_config_audit: "false", npm_config_fund: "false", npm_config_update_notifier: "false" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    fs.rmSync(staging, { recursive: true, force: true });
    const packed = (JSON.parse(out) as { filename: string; files: { path: string }[] }[])[0];
    if (packed === undefined) throw new Error(`npm pack reported no tarball: ${out}`);
    return { tarball: path.join(tmp, packed.filename), files: packed.files.map((f) => f.path), remove };
  } catch (e) {
    remove();
    throw e;
  }
}

/**
 * Installs the tarball into `projectDir` as npm would, without the network: extracted as a real copy in
 * node_modules/pulumi-dbbackup (replacing whatever is there, e.g. createPackageWorkdir's link), its dependencies linked
 * where absent (linkPackageDependencies), and the project's package.json (made if missing) depending on it. Returns
 * the installed package's directory.
 */
export function installPackedPackage(tarball: string, projectDir: string): string {
  const nodeModules = path.join(projectDir, "node_modules");
  const installed = path.join(nodeModules, PACKAGE);
  fs.rmSync(installed, { recursive: true, force: true });
  fs.mkdirSync(installed, { recursive: true });
  execFileSync("tar", ["-xzf", tarball, "-C", installed, "--strip-components=1"]);
  linkPackageDependencies(nodeModules);
  const manifest = path.join(projectDir, "package.json");
  const pkg = fs.existsSync(manifest) ? (JSON.parse(fs.readFileSync(manifest, "utf8")) as Record<string, unknown>) : { name: "installed-program", private: true };
  const version = (JSON.parse(fs.readFileSync(path.join(installed, "package.json"), "utf8")) as { version: string }).version;
  fs.writeFileSync(manifest, JSON.stringify({ ...pkg, dependencies: { ...(pkg.dependencies as Record<string, string> | undefined), [PACKAGE]: `^${version}` } }, null, 2));
  return installed;
}
