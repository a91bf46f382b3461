#!/bin/sh
# Installs the Redocly CLI pinned by package-lock.json (next to this script) into obj/tools/redocly at the repository
# root with `npm ci`, never globally, when it is missing or the lock file changed; otherwise does nothing. Both
# OpenApiLintTests and test.sh run it: test.sh during the solution build, so that a fresh clone's `npm ci` (about a
# minute, mostly waiting on the registry) is not on the test run's longest path, and the test when run on its own.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../../.." && pwd)"
tools="$root/obj/tools/redocly"
cli="$tools/node_modules/@redocly/cli/bin/cli.js"
if [ -f "$cli" ] && [ -f "$tools/package-lock.json" ] && cmp -s "$here/package-lock.json" "$tools/package-lock.json"; then
  exit 0
fi
mkdir -p "$tools"
cp "$here/package.json" "$here/package-lock.json" "$tools/"
cd "$tools"
npm ci --no-audit --no-fund --loglevel=error
