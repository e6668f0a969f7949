#!/usr/bin/env bash
# Sourced (`. tools/node.sh`) by the README's commands and tools/yarn.sh: puts
# a supported Node on PATH for everything after it (install, build, tests,
# demo, bench). The project's runtime is Node 24 LTS (22 accepted, see
# package.json "engines"). When the machine's `node` is older than 22 (or
# NODE_REQUIRE_MAJOR names another major, as `yarn bench` does with 24), Node
# 24 comes from the npm registry (the platform's `node-<os>-<arch>` package,
# which holds the official binary) into a git-ignored cache, .cache/node
# (NODE_CACHE_DIR), once; later runs reuse it. No root needed. npm and
# corepack stay the machine's: they are JavaScript and run on this Node.
# One line says which Node is used when it is not the machine's.

_node_sh_main() {
  local root want min major machine platform arch dir version tmp tgz
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  want="${NODE_REQUIRE_MAJOR:-}"
  min=22
  machine="$(node -p 'process.versions.node' 2>/dev/null || echo none)"
  major="${machine%%.*}"
  if [ -n "$want" ]; then
    [ "$major" = "$want" ] && return 0
  else
    want=24
    if [ "$machine" != none ] && [ "$major" -ge "$min" ]; then return 0; fi
  fi

  case "$(uname -s)" in
    Linux) platform=linux ;;
    Darwin) platform=darwin ;;
    *)
      echo "[node] Node $machine is older than $min and there is no npm package of Node for $(uname -s): install Node $want" >&2
      return 1
      ;;
  esac
  case "$(uname -m)" in
    x86_64 | amd64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *)
      echo "[node] no npm package of Node for $(uname -m): install Node $want" >&2
      return 1
      ;;
  esac

  dir="${NODE_CACHE_DIR:-$root/.cache/node}/$platform-$arch-$want"
  if [ ! -x "$dir/bin/node" ]; then
    if ! command -v npm >/dev/null 2>&1; then
      echo "[node] Node $machine is not supported and npm is missing to fetch Node $want: install Node $want" >&2
      return 1
    fi
    tmp="$(mktemp -d)"
    if ! (cd "$tmp" && npm pack --silent "node-$platform-$arch@$want" >pack.out 2>pack.err); then
      echo "[node] could not fetch node-$platform-$arch@$want from the npm registry: $(tail -1 "$tmp/pack.err")" >&2
      rm -rf "$tmp"
      return 1
    fi
    tgz="$(ls "$tmp"/node-*.tgz)"
    mkdir -p "$tmp/x" && tar -xzf "$tgz" -C "$tmp/x"
    rm -rf "$dir" && mkdir -p "$(dirname "$dir")"
    mv "$tmp/x/package" "$dir"
    rm -rf "$tmp"
  fi
  version="$("$dir/bin/node" -p 'process.version')"
  export PATH="$dir/bin:$PATH"
  if [ -z "${NODE_SH_ANNOUNCED:-}" ]; then
    echo "[node] the machine's node is ${machine/#none/missing}; using Node $version from the npm registry (cache: ${dir#"$root"/})" >&2
    export NODE_SH_ANNOUNCED=1
  fi
}

_node_sh_main
_node_sh_status=$?
unset -f _node_sh_main
# Sourced: a failure is the caller's to handle (test-all.sh counts it as a failed setup step).
# shellcheck disable=SC2317
return "$_node_sh_status" 2>/dev/null || exit "$_node_sh_status"
