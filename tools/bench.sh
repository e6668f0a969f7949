#!/usr/bin/env bash
# `yarn bench`: installs, brings up PostgreSQL and Redis, builds the API, then
# runs bench/run.mjs (loopback only, about a minute). Not part of `yarn test:all`.
set -euo pipefail
cd "$(dirname "$0")/.."
export NX_DAEMON=false NX_NO_CLOUD=true
# The production runtime: Node 24 whatever the machine has (BENCH_NODE_MAJOR=20 measures another).
NODE_REQUIRE_MAJOR="${BENCH_NODE_MAJOR:-24}" . tools/node.sh
bash tools/yarn.sh install --immutable
bash tools/services.sh
node_modules/.bin/webpack --config apps/api/webpack.config.js
node bench/run.mjs
# The report is committed: keep it in the repository's format.
node_modules/.bin/prettier --write --log-level=warn docs/benchmarks.md
