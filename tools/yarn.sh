#!/usr/bin/env bash
# Runs the repository's pinned Yarn (package.json "packageManager") through
# corepack, on a machine that has only Node and npm. The README's two commands
# go through this file so that nothing needs to be installed by hand first.
set -euo pipefail
cd "$(dirname "$0")/.."
# A supported Node first (Node 24 from the npm registry when the machine's is older than 22).
. tools/node.sh

# corepack downloads Yarn itself; point it at the npm registry this machine
# uses (its default download host may be unreachable behind a mirror/proxy).
if [ -z "${COREPACK_NPM_REGISTRY:-}" ]; then
  COREPACK_NPM_REGISTRY="$(npm config get registry 2>/dev/null | sed 's:/*$::')"
  export COREPACK_NPM_REGISTRY
fi
export COREPACK_ENABLE_DOWNLOAD_PROMPT=0
export COREPACK_ENABLE_AUTO_PIN=0

# Yarn reads its registry from .yarnrc.yml; honour a mirror configured for npm.
if [ -z "${YARN_NPM_REGISTRY_SERVER:-}" ] && [ -n "${COREPACK_NPM_REGISTRY}" ]; then
  export YARN_NPM_REGISTRY_SERVER="${COREPACK_NPM_REGISTRY}"
fi

if command -v corepack >/dev/null 2>&1; then
  exec corepack yarn "$@"
fi
# Node 25+ no longer bundles corepack: fetch it from the registry once.
echo "[yarn.sh] corepack not found; running it through npx" >&2
exec npx --yes corepack@latest yarn "$@"
