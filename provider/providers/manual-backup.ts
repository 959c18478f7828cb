// The serialized provider of ManualBackup (see ../shim.ts). Its own module, whose exports are the object itself, so
// that a program using the package installed in node_modules has Pulumi capture it as a require() of this module.
import type * as pulumi from "@pulumi/pulumi";

/* eslint-disable @typescript-eslint/no-require-imports */
const provider: pulumi.dynamic.ResourceProvider = {
  configure: (r) => require("pulumi-dbbackup/provider/runtime").configure(r),
  check: (...a) => require("pulumi-dbbackup/provider/runtime").check("MB", a),
  diff: (...a) => require("pulumi-dbbackup/provider/runtime").diff("MB", a),
  create: (...a) => require("pulumi-dbbackup/provider/runtime").create("MB", a),
  read: (...a) => require("pulumi-dbbackup/provider/runtime").read("MB", a),
  update: (...a) => require("pulumi-dbbackup/provider/runtime").update("MB", a),
  delete: (...a) => require("pulumi-dbbackup/provider/runtime").remove("MB", a),
};
/* eslint-enable @typescript-eslint/no-require-imports */

export = provider;
