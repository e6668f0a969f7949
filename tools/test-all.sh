#!/usr/bin/env bash
# The README's test command (`bash tools/test-all.sh`, also `yarn test:all` and
# CI's .ci/run). On a fresh machine with only Node and npm it installs the
# dependencies, brings up PostgreSQL and Redis (tools/services.sh) and a
# Chromium (tools/browser.sh), then runs lint, type-check, codegen, unit tests, medium tests,
# build, e2e tests and the migration checks (tools/test-all.mjs). A setup step
# that fails is one failed check with its reason, never an abort: the last
# line is always `tests: N passed, M failed`.
set -uo pipefail
cd "$(dirname "$0")/.."
export NX_DAEMON=false NX_NO_CLOUD=true

failed_setup=()
setup() {
  local name=$1
  shift
  if ! "$@"; then
    echo "[test:all] setup step '$name' failed: $*" >&2
    failed_setup+=("$name")
  fi
}

# Node 24 from the npm registry when the machine's is older than 22 (tools/node.sh).
setup node . tools/node.sh
echo "[test:all] installing dependencies (yarn install --immutable) on Node $(node -p process.version)"
setup install bash tools/yarn.sh install --immutable
setup services bash tools/services.sh
setup browser bash tools/browser.sh
setup env node tools/env-init.mjs
bash tools/yarn-path.sh
TEST_ALL_FAILED_SETUP="${failed_setup[*]}" exec node tools/test-all.mjs
