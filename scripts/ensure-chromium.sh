#!/usr/bin/env bash
# The end-to-end tests drive Debian's chromium through playwright-core (no browser download).
# Install it when missing and we may (root with apt-get); otherwise say what to do.
set -euo pipefail
chromium_path="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$chromium_path" ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: installing Debian chromium for the browser tests (about a minute)…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "ensure-chromium: no browser at $chromium_path. Install Debian's chromium (apt-get install chromium)" >&2
echo "or set CHROMIUM_PATH to a Chromium binary; the end-to-end tests need it." >&2
exit 1
