// The serialized part of the provider: Pulumi stores the text of one of these objects as `__provider` with every
// resource (one object per kind, serialized once and reused). Each method only require()s the runtime from the
// installed package (resolved in the host's working directory) and hands it the kind and its arguments, so the text
// carries no code, credential or config. The size goal (≤ 2048 characters) shapes the spelling: Pulumi wraps every
// function in ~180 characters and copies its body verbatim (comments too, so none inside), which leaves ~65
// characters a method. Hence the kind as a two-letter code (SHIM_CODES in runtime.ts: BS, MB, RT) and the arguments
// passed as one array. A shared helper would add a wrapped function and capture; it measured larger.
//
// Each object is the whole export of its own module (providers/*.ts, exported by package.json as
// "pulumi-dbbackup/dist/provider/providers/*.js"). Pulumi's closure serializer captures a value that is the exports of a
// module under node_modules as a require() of that module instead of its text, so for a program using the package
// installed from npm, __provider is a one-line require (about 300 characters instead of about 2000). A program that
// loads the package from outside node_modules (this repository's own examples) still gets the text. The require names
// the compiled file ("pulumi-dbbackup/dist/provider/providers/<kind>.js", exported under that very path) because
// Pulumi spells it so when it cannot map the file back through "exports" (when @pulumi/pulumi is linked elsewhere).
import * as path from "node:path";
import type * as pulumi from "@pulumi/pulumi";
import backupStrategy from "./providers/backup-strategy";
import manualBackup from "./providers/manual-backup";
import restoredTenant from "./providers/restored-tenant";

/** The package's name, as the host's require() of it must spell it. */
const PACKAGE = "pulumi-dbbackup";

/**
 * The object to hand Pulumi for a kind: the module's own exports when Pulumi will capture them as a require() the host
 * can load (the module's path from the program's directory runs through node_modules/pulumi-dbbackup, as in an npm
 * install), else a copy, which Pulumi captures by its text (a program inside this repository, pnpm's .pnpm store, Yarn
 * Plug'n'Play). Decided once per kind: Pulumi serializes one provider object once.
 */
function capturable(exported: pulumi.dynamic.ResourceProvider): pulumi.dynamic.ResourceProvider {
  const file = Object.keys(require.cache).find((key) => require.cache[key]?.exports === exported);
  const parts = file === undefined ? [] : path.relative(process.cwd(), file).split(path.sep);
  const at = parts.indexOf("node_modules");
  return at >= 0 && parts[at + 1] === PACKAGE ? exported : { ...exported };
}

const chosen = new Map<pulumi.dynamic.ResourceProvider, pulumi.dynamic.ResourceProvider>();

/** capturable(), remembered. */
function once(exported: pulumi.dynamic.ResourceProvider): pulumi.dynamic.ResourceProvider {
  let p = chosen.get(exported);
  if (p === undefined) chosen.set(exported, (p = capturable(exported)));
  return p;
}

export const backupStrategyProvider = (): pulumi.dynamic.ResourceProvider => once(backupStrategy);
export const manualBackupProvider = (): pulumi.dynamic.ResourceProvider => once(manualBackup);
export const restoredTenantProvider = (): pulumi.dynamic.ResourceProvider => once(restoredTenant);

/** The package specifier every method requires (package.json "exports" entry "./provider/runtime"). */
export const RUNTIME_MODULE = "pulumi-dbbackup/provider/runtime";
