#!/usr/bin/env bash
# Makes a Chromium available for the browser tests (the GraphQL IDE check),
# idempotently: $CHROMIUM_PATH or /usr/bin/chromium if present; else, on
# Debian/Ubuntu as root, Debian's `chromium` package; else stop with a message.
# (Playwright's own browser download is not used: it needs the internet.)
set -euo pipefail
say() { printf '[browser] %s\n' "$*"; }

path="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$path" ]; then
  say "using $path ($("$path" --version 2>/dev/null || echo 'version unknown'))"
  exit 0
fi
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
  say "apt-get install -y chromium"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
  say "installed $(/usr/bin/chromium --version 2>/dev/null)"
  exit 0
fi
echo "[browser] no Chromium at $path: install Chromium (Debian/Ubuntu: apt-get install chromium) or set CHROMIUM_PATH." >&2
exit 1
