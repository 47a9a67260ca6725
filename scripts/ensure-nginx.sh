#!/usr/bin/env bash
# The replica tests (examples/e2e/replicas.test.ts) put two mini-st processes behind Debian's
# nginx, as docs/deploy.md describes. Install it when missing and we may (root with apt-get);
# otherwise say what to do. Idempotent: does nothing when nginx is already there.
set -euo pipefail
nginx_path="${NGINX_PATH:-$(command -v nginx || echo /usr/sbin/nginx)}"
if [ -x "$nginx_path" ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-nginx: installing Debian nginx for the replica tests…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null
  # The package may start a system nginx on port 80; the tests start their own on 127.0.0.1.
  if command -v service >/dev/null 2>&1; then service nginx stop >/dev/null 2>&1 || true; fi
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  # Not Debian: nothing we may install. The replica tests skip, saying why, rather than fail.
  echo "ensure-nginx: WARNING: no nginx and no apt-get; examples/e2e/replicas.test.ts will be SKIPPED." >&2
  echo "Install nginx or set NGINX_PATH to run it." >&2
  exit 0
fi
echo "ensure-nginx: no nginx at $nginx_path and no permission to install it: run as root," >&2
echo "or apt-get install nginx, or set NGINX_PATH to an nginx binary; the replica tests need it." >&2
exit 1
