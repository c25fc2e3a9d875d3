#!/usr/bin/env bash
# Run first by `npm test`: makes sure what the suites need is there on a Debian
# machine, so README's one command works without .ci/run having run first:
#   - a running PostgreSQL server the tests can log in to (they create databases on it);
#   - Debian's chromium (Playwright cannot download its own browser here).
# Quiet and quick when both are already there, so it is safe to run every time.
# Every command is looked up on PATH, which is how its unit test stubs them.
set -euo pipefail

log() { printf '[test-env] %s\n' "$*"; }
# One clear line on stderr, then stop: the person running `npm test` must act.
fail() {
  printf '[test-env] %s\n' "$*" >&2
  exit 1
}
is_root() { [ "$(id -u)" -eq 0 ]; }

# --- PostgreSQL -------------------------------------------------------------
# The readiness check follows TEST_DATABASE_URL (the server the tests use);
# starting a server is only ever about this machine's own Debian cluster.
url="${TEST_DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/postgres}"
hostport="${url#*://}"
hostport="${hostport%%/*}"
hostport="${hostport%%\?*}"
hostport="${hostport##*@}"
pg_host="${hostport%%:*}"
pg_port=5432
if [ "$hostport" != "$pg_host" ]; then pg_port="${hostport##*:}"; fi
pg_host="${pg_host:-127.0.0.1}"

pg_up() { pg_isready -h "$pg_host" -p "$pg_port" -q >/dev/null 2>&1; }
case "$pg_host" in 127.0.0.1 | localhost | ::1) local_server=1 ;; *) local_server=0 ;; esac

if ! pg_up; then
  # Another machine's server is not ours to install or start.
  [ "$local_server" = 1 ] || fail "Nothing accepts connections at ${pg_host}:${pg_port}, the server TEST_DATABASE_URL names: start it or fix TEST_DATABASE_URL, then npm test again."
  if ! command -v pg_lsclusters >/dev/null; then
    is_root || fail "PostgreSQL is not installed: run 'sudo apt-get install -y --no-install-recommends postgresql', then npm test again."
    log "installing Debian's postgresql…"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql
  fi
fi

# The package's install may already have started its cluster.
if ! pg_up; then
  clusters="$(pg_lsclusters --no-header)"
  # First line, "<version> <cluster> <port> <status> ...".
  read -r version cluster _ <<<"${clusters%%$'\n'*}"
  [ -n "${cluster:-}" ] || fail "PostgreSQL has no cluster (pg_lsclusters is empty): run 'sudo pg_createcluster --start <version> main', then npm test again."
  start=(pg_ctlcluster --skip-systemctl-redirect "$version" "$cluster" start)
  if is_root; then
    "${start[@]}"
  elif ! { command -v sudo >/dev/null && sudo -n "${start[@]}"; }; then
    fail "PostgreSQL is down: run 'sudo ${start[*]}', then npm test again."
  fi
  for ((i = 0; i < 30; i++)); do
    pg_up && break
    sleep 1
  done
  pg_up || fail "PostgreSQL ${version} ${cluster} was started but ${pg_host}:${pg_port} is still not accepting connections after 30 s."
  log "PostgreSQL ${version} started"
fi

# pg_isready does not log in; the tests do, as this URL's user.
command -v psql >/dev/null || fail "psql is missing: run 'sudo apt-get install -y --no-install-recommends postgresql-client', then npm test again."
if ! out="$(PGCONNECT_TIMEOUT=10 psql -w -X -Atq -d "$url" -c 'select 1' 2>&1)"; then
  reason="${out%%$'\n'*}"
  fail "PostgreSQL at ${pg_host}:${pg_port} is up but the tests cannot log in (${reason#psql: }): set TEST_DATABASE_URL=postgresql://<user>:<password>@${pg_host}:${pg_port}/postgres for a user that may create databases, or allow local trust logins in pg_hba.conf, then npm test again."
fi

# --- Chromium for the Playwright suite ----------------------------------------
# playwright.config.ts uses CHROMIUM_PATH when set, else chromium on PATH.
if [ -n "${CHROMIUM_PATH:-}" ]; then
  [ -x "$CHROMIUM_PATH" ] || fail "CHROMIUM_PATH=${CHROMIUM_PATH} is not an executable file: fix or unset it, then npm test again."
elif ! command -v chromium >/dev/null && ! command -v chromium-browser >/dev/null; then
  is_root || fail "Chromium is missing: run 'sudo apt-get install -y --no-install-recommends chromium' (or set CHROMIUM_PATH), then npm test again."
  log "installing Debian's chromium…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium
  command -v chromium >/dev/null || fail "apt-get installed chromium but it is still not on PATH."
  log "chromium installed"
fi
