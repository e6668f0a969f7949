#!/usr/bin/env bash
# Leaves `yarn` on PATH after the README's commands, so that every `yarn …`
# in the README, CLAUDE.md and the generator's hints works as typed:
# `corepack enable` (the shims run the Yarn that tools/yarn.sh already
# fetched, package.json "packageManager"). Where that is not allowed (not
# root, a read-only Node directory), one line says how to call Yarn instead.
# YARN_PATH_DIR: where to put the shims (default: corepack's own directory).
set -uo pipefail
say() { printf '[yarn] %s\n' "$*"; }

if command -v yarn >/dev/null 2>&1; then
  exit 0
fi
dir="${YARN_PATH_DIR:-}"
if command -v corepack >/dev/null 2>&1; then
  if [ -n "$dir" ]; then
    corepack enable --install-directory "$dir" >/dev/null 2>&1 && ok=1 || ok=0
  else
    corepack enable >/dev/null 2>&1 && ok=1 || ok=0
  fi
  if [ "$ok" = 1 ] && { [ -z "$dir" ] && command -v yarn >/dev/null 2>&1 || [ -x "$dir/yarn" ]; }; then
    say "ran corepack enable: \`yarn\` is on PATH (yarn demo, yarn test:all, yarn api:dev, …)"
    exit 0
  fi
fi
say "\`yarn\` is not on PATH (\`corepack enable\` needs root here): type \`bash tools/yarn.sh <command>\` where the docs say \`yarn <command>\`, or run \`corepack enable\` as root once."
exit 0
