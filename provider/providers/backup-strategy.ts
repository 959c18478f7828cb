// The serialized provider of BackupStrategy (see ../shim.ts). Its own module, whose exports are the object itself, so
// that a program using the package installed in node_modules has Pulumi capture it as a require() of this module.
import type * as pulumi from "@pulumi/pulumi";

/* eslint-disable @typescript-eslint/no-require-imports */
const provider: pulumi.dynamic.ResourceProvider = {
  configure: (r) => require("pulumi-dbbackup/provider/runtime").configure(r),
  check: (...a) => require("pulumi-dbbackup/provider/runtime").check("BS", a),
  diff: (...a) => require("pulumi-dbbackup/provider/runtime").diff("BS", a),
  create: (...a) => require("pulumi-dbbackup/provider/runtime").create("BS", a),
  read: (...a) => require("pulumi-dbbackup/provider/runtime").read("BS", a),
  update: (...a) => require("pulumi-dbbackup/provider/runtime").update("BS", a),
  delete: (...a) => require("pulumi-dbbackup/provider/runtime").remove("BS", a),
};
/* eslint-enable @typescript-eslint/no-require-imports */

export = provider;
