// The pieces of @pulumi/pulumi's installation the runner uses beyond its public API (grpc, the protobuf classes, the
// runtime's wire encoding, js-yaml), loaded through the package's own resolution so they are the very copies
// @pulumi/pulumi itself uses. No dependency is added to package.json for them.
import { createRequire } from "node:module";
import * as path from "node:path";

/** The installed @pulumi/pulumi package directory. */
export const PULUMI_ROOT = path.dirname(require.resolve("@pulumi/pulumi/package.json"));

/** require() as seen from inside @pulumi/pulumi. */
export const pulumiRequire = createRequire(path.join(PULUMI_ROOT, "package.json"));

/** The repository (package.json, node_modules): the directory holding node_modules/@pulumi/pulumi. */
export const REPO_ROOT = PULUMI_ROOT.replace(/[\\/]node_modules[\\/]@pulumi[\\/]pulumi$/, "");
