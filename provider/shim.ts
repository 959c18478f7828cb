// The serialized part of the provider: Pulumi stores the text of one of these objects as `__provider` with every
// resource (one object per kind, serialized once and reused). Each method only require()s the runtime from the
// installed package (resolved in the host's working directory) and hands it the kind and its arguments, so the text
// carries no code, credential or config. The size goal (≤ 2048 characters) shapes the spelling: Pulumi wraps every
// function in ~180 characters and copies its body verbatim (comments too, so none inside), which leaves ~65
// characters a method. Hence the kind as a two-letter code (SHIM_CODES in runtime.ts: BS, MB, RT) and the arguments
// passed as one array. A shared helper would add a wrapped function and capture; it measured larger.
import type * as pulumi from "@pulumi/pulumi";

/* eslint-disable @typescript-eslint/no-require-imports */
export const backupStrategyProvider: pulumi.dynamic.ResourceProvider = {
  configure: (r) => require("pulumi-dbbackup/provider/runtime").configure(r),
  check: (...a) => require("pulumi-dbbackup/provider/runtime").check("BS", a),
  diff: (...a) => require("pulumi-dbbackup/provider/runtime").diff("BS", a),
  create: (...a) => require("pulumi-dbbackup/provider/runtime").create("BS", a),
  read: (...a) => require("pulumi-dbbackup/provider/runtime").read("BS", a),
  update: (...a) => require("pulumi-dbbackup/provider/runtime").update("BS", a),
  delete: (...a) => require("pulumi-dbbackup/provider/runtime").remove("BS", a),
};

export const manualBackupProvider: pulumi.dynamic.ResourceProvider = {
  configure: (r) => require("pulumi-dbbackup/provider/runtime").configure(r),
  check: (...a) => require("pulumi-dbbackup/provider/runtime").check("MB", a),
  diff: (...a) => require("pulumi-dbbackup/provider/runtime").diff("MB", a),
  create: (...a) => require("pulumi-dbbackup/provider/runtime").create("MB", a),
  read: (...a) => require("pulumi-dbbackup/provider/runtime").read("MB", a),
  update: (...a) => require("pulumi-dbbackup/provider/runtime").update("MB", a),
  delete: (...a) => require("pulumi-dbbackup/provider/runtime").remove("MB", a),
};

export const restoredTenantProvider: pulumi.dynamic.ResourceProvider = {
  configure: (r) => require("pulumi-dbbackup/provider/runtime").configure(r),
  check: (...a) => require("pulumi-dbbackup/provider/runtime").check("RT", a),
  diff: (...a) => require("pulumi-dbbackup/provider/runtime").diff("RT", a),
  create: (...a) => require("pulumi-dbbackup/provider/runtime").create("RT", a),
  read: (...a) => require("pulumi-dbbackup/provider/runtime").read("RT", a),
  update: (...a) => require("pulumi-dbbackup/provider/runtime").update("RT", a),
  delete: (...a) => require("pulumi-dbbackup/provider/runtime").remove("RT", a),
};
/* eslint-enable @typescript-eslint/no-require-imports */

/** The package specifier every method requires (package.json "exports" entry "./provider/runtime"). */
export const RUNTIME_MODULE = "pulumi-dbbackup/provider/runtime";
