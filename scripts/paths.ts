// Where things are, for the repository's own scripts (npm start, npm run pulumi:ensure) and the tests.
import { createRequire } from "node:module";
import * as path from "node:path";

/** The installed @pulumi/pulumi package directory. */
export const PULUMI_ROOT = path.dirname(require.resolve("@pulumi/pulumi/package.json"));

/** require() as seen from inside @pulumi/pulumi: the very copies of its own dependencies (js-yaml, grpc) it uses. */
export const pulumiRequire = createRequire(path.join(PULUMI_ROOT, "package.json"));

/** The repository (package.json, node_modules, scripts/pulumi-cli/go.mod): the directory holding node_modules/@pulumi. */
export const REPO_ROOT = PULUMI_ROOT.replace(/[\\/]node_modules[\\/]@pulumi[\\/]pulumi$/, "");

/** The compiled tree this code runs from (dist/, or .dev/<name>/ for scripts/dev-test.sh): provider/, scripts/, … */
export const COMPILED_ROOT = path.resolve(__dirname, "..");
