#!/usr/bin/env bash
# Makes a Chromium available for the browser tests (the GraphQL IDE check),
# idempotently: $CHROMIUM_PATH or /usr/bin/chromium if present; else, on
# Debian/Ubuntu as root, Debian's `chromium` package; else exit 1 with one line
# saying what to do (test-all.sh then counts the browser tests as one failure).
# (Playwright's own browser download is not used: it needs the internet.)
set -euo pipefail
say() { printf '[browser] %s\n' "$*"; }

path="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$path" ]; then
  say "using $path ($("$path" --version 2>/dev/null || echo 'version unknown'))"
  exit 0
fi
if [ -n "${CHROMIUM_PATH:-}" ]; then
  echo "[browser] CHROMIUM_PATH=$CHROMIUM_PATH is not an executable: point it at a Chromium, or unset it." >&2
  exit 1
fi
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
  say "apt-get install -y chromium"
  if DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null &&
    [ -x /usr/bin/chromium ]; then
    say "installed $(/usr/bin/chromium --version 2>/dev/null)"
    exit 0
  fi
  echo "[browser] apt-get install chromium failed (see above): install Chromium or set CHROMIUM_PATH." >&2
  exit 1
fi
echo "[browser] no Chromium at $path: install Chromium (Debian/Ubuntu: apt-get install chromium) or set CHROMIUM_PATH." >&2
exit 1
