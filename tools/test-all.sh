#!/usr/bin/env bash
# The README's test command (`bash tools/test-all.sh`, also `yarn test:all` and
# CI's .ci/run). On a fresh machine with only Node and npm it installs the
# dependencies, brings up PostgreSQL and Redis (tools/services.sh), then runs
# lint, type-check, unit tests, build, e2e tests and the migration checks
# (tools/test-all.mjs). The last line is `tests: N passed, M failed`.
set -euo pipefail
cd "$(dirname "$0")/.."
export NX_DAEMON=false NX_NO_CLOUD=true

echo "[test:all] installing dependencies (yarn install --immutable)"
bash tools/yarn.sh install --immutable
bash tools/services.sh
bash tools/browser.sh
node tools/env-init.mjs
bash tools/yarn-path.sh
exec node tools/test-all.mjs
