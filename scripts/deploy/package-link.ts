// The engine starts the dynamic-provider host in the program's directory, and the serialized provider there requires
// pulumi-dbbackup's runtime through a plain node_modules lookup (the host loads the provider from a string, so a
// package's self-reference by name does not apply). A program inside this repository (the quickstart) has no such
// package in any node_modules above it, so npm start links the compiled code it runs from there.
import * as fs from "node:fs";
import * as path from "node:path";
import { COMPILED_ROOT, REPO_ROOT } from "../paths";

/**
 * node_modules/pulumi-dbbackup as { package.json copy, dist -> the compiled root }: the package's "exports" map then
 * resolves into the compiled code this process runs from, whatever that root is (dist/ or .dev/<name>/).
 */
export function installPackageLink(nodeModules: string, compiledRoot: string = COMPILED_ROOT): void {
  const pkg = path.join(nodeModules, "pulumi-dbbackup");
  fs.rmSync(pkg, { recursive: true, force: true });
  fs.mkdirSync(pkg, { recursive: true });
  fs.copyFileSync(path.join(REPO_ROOT, "package.json"), path.join(pkg, "package.json"));
  fs.symlinkSync(compiledRoot, path.join(pkg, "dist"), "dir");
}

/**
 * Makes require("pulumi-dbbackup/…") resolve from `programDir`: when no node_modules above it has the package, links
 * it into `projectDir`'s node_modules (gitignored). A project that has the package in its own node_modules (installed
 * there, e.g. by the benchmark) keeps it.
 */
export function ensureRuntimeResolvable(programDir: string, projectDir: string): void {
  if (fs.existsSync(path.join(projectDir, "node_modules", "pulumi-dbbackup", "package.json")) || hasPackageAbove(programDir)) return;
  installPackageLink(path.join(projectDir, "node_modules"));
}

function hasPackageAbove(start: string): boolean {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "node_modules", "pulumi-dbbackup", "package.json"))) return true;
    if (path.dirname(dir) === dir) return false;
  }
}
