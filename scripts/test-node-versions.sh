#!/usr/bin/env bash
# Runs the whole test suite on other Node.js majors (default: 22 and 24), each taken from the npm registry with
# `npx -p node@<major>`, against the same infrastructure `npm test` uses. CI runs the machine's Node (20).
#
#   bash scripts/test-node-versions.sh [major ...]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
majors=("$@")
[ ${#majors[@]} -eq 0 ] && majors=(22 24)
status=0
for major in "${majors[@]}"; do
  bin=$(dirname "$(npx -y -p "node@$major" which node)")
  echo "== Node $(PATH="$bin:$PATH" node -v)"
  if ! PATH="$bin:$PATH" node node_modules/vitest/vitest.mjs run; then status=1; echo "== Node $major: FAILED"; fi
done
exit $status
