#!/usr/bin/env bash
# Developer loop for parallel work: compiles into .dev/NAME (not dist/) and runs jest there.
# Usage: scripts/dev-test.sh NAME [jest args...]   e.g. scripts/dev-test.sh ocp test/sdk/ocp
set -uo pipefail
cd "$(dirname "$0")/.."
name="$1"; shift
out=".dev/$name"
rm -rf "$out"
npx tsc -p tsconfig.json --outDir "$out" --declaration false --sourceMap true | grep -v '^$' | head -40
DBB_TEST_ROOT="$PWD/$out/test" npx jest "$@"
