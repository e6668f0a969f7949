#!/usr/bin/env bash
# `yarn soak`: installs, brings up PostgreSQL and Redis, builds the API, then runs
# bench/soak.mjs (loopback only; SOAK_SECONDS, 300 by default). Not part of `yarn test:all`.
set -euo pipefail
cd "$(dirname "$0")/.."
export NX_DAEMON=false NX_NO_CLOUD=true
bash tools/yarn.sh install --immutable
bash tools/services.sh
node_modules/.bin/webpack --config apps/api/webpack.config.js
status=0
node bench/soak.mjs || status=$?
# The report is committed: keep it in the repository's format.
node_modules/.bin/prettier --write --log-level=warn docs/benchmarks.md
exit "$status"
