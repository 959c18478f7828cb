// Removes dist/ before a build so deleted sources never leave stale compiled tests behind.
"use strict";
require("node:fs").rmSync(require("node:path").join(__dirname, "..", "dist"), { recursive: true, force: true });
