// Program directories for the dynamic-provider host and for Pulumi projects the tests deploy. The host runs in such a
// directory and the serialized provider's require("pulumi-dbbackup/provider/runtime") resolves from it, exactly as in
// an installed package.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { installPackageLink } from "../../scripts/deploy/package-link";
import { COMPILED_ROOT, PULUMI_ROOT, REPO_ROOT } from "../../scripts/paths";

export interface HostWorkdir {
  dir: string;
  remove(): void;
}

function tempDir(prefix: string, parent: string = os.tmpdir()): string {
  fs.mkdirSync(parent, { recursive: true });
  return fs.mkdtempSync(path.join(parent, prefix));
}

function linkInto(nm: string, name: string, target: string): void {
  const at = path.join(nm, name);
  fs.mkdirSync(path.dirname(at), { recursive: true });
  if (fs.statSync(target).isDirectory()) {
    fs.symlinkSync(target, at, "dir");
  } else {
    fs.mkdirSync(at);
    fs.symlinkSync(target, path.join(at, "index.js"), "file");
  }
}

/**
 * A temporary program directory whose node_modules holds @pulumi/pulumi (linked to the installed copy) and each
 * given module: name -> a directory (linked as the package) or a .js file (linked as the package's index.js).
 */
export function createHostWorkdir(modules: Record<string, string> = {}): HostWorkdir {
  const dir = tempDir("dbb-host-");
  const nm = path.join(dir, "node_modules");
  linkInto(nm, "@pulumi/pulumi", PULUMI_ROOT);
  for (const [name, target] of Object.entries(modules)) linkInto(nm, name, path.resolve(target));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Links into `nodeModules` each package pulumi-dbbackup needs at run time (@pulumi/pulumi, undici, zod) to this
 * repository's installed copy, unless one is there already. Node resolves the links to their real paths, so a program
 * there and this process (the deploy script's Automation API among it) share one @pulumi/pulumi.
 */
export function linkPackageDependencies(nodeModules: string): void {
  for (const dep of ["@pulumi/pulumi", "undici", "zod"]) {
    if (fs.existsSync(path.join(nodeModules, dep))) continue;
    linkInto(nodeModules, dep, path.dirname(require.resolve(`${dep}/package.json`, { paths: [REPO_ROOT] })));
  }
}

/**
 * A program directory whose node_modules has pulumi-dbbackup = { package.json copy, dist -> the compiled root } and
 * links to @pulumi/pulumi, undici and zod, so the package's "exports" map resolves the shim's requires into the
 * compiled code this process runs from. Created under `parent` (default the system temp dir); remove() deletes it.
 */
export function createPackageWorkdir(compiledRoot: string = COMPILED_ROOT, parent?: string): HostWorkdir {
  const dir = tempDir("dbb-provider-", parent);
  try {
    const nm = path.join(dir, "node_modules");
    installPackageLink(nm, compiledRoot);
    linkPackageDependencies(nm);
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "dbbackup-host-program", private: true }));
  } catch (e) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
