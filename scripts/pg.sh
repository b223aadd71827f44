#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests (Debian, as root, no docker).
#
#   eval "$(scripts/pg.sh)"       # start: prints export lines for eval
#   cargo test -p antenna-store   # the postgres::* tests use ANTENNA_TEST_PG_URL
#   scripts/pg.sh stop            # stop and delete the cluster in $ANTENNA_PG_DIR
#
# Start installs Debian's postgresql package when `initdb` is missing, makes a
# cluster in /tmp/antenna-pg-XXXXXX owned by the postgres user (trust auth,
# superuser "postgres"), listens on 127.0.0.1 on a free port (and a socket in
# the cluster dir), and prints:
#   export ANTENNA_TEST_PG_URL=postgres://postgres@127.0.0.1:PORT/postgres
#   export ANTENNA_PG_DIR=/tmp/antenna-pg-XXXXXX
# Everything else goes to stderr, so `eval "$(scripts/pg.sh)"` is safe.
set -euo pipefail

log() { echo "pg.sh: $*" >&2; }
die() { log "$*"; exit 1; }

# Runs a command as the postgres user (the cluster must not belong to root).
as_postgres() {
  if [ "$(id -u)" = 0 ]; then
    if command -v runuser >/dev/null 2>&1; then
      runuser -u postgres -- "$@"
    else
      su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
    fi
  elif [ "$(id -un)" = postgres ]; then
    "$@"
  else
    die "run as root (or as postgres)"
  fi
}

find_bin() { # name → path of the newest /usr/lib/postgresql/*/bin/name, or PATH's
  local name=$1 found=""
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V); do
    [ -x "$dir/$name" ] && found="$dir/$name"
  done
  if [ -z "$found" ] && command -v "$name" >/dev/null 2>&1; then
    found=$(command -v "$name")
  fi
  echo "$found"
}

install_postgres() {
  log "initdb not found: installing PostgreSQL (apt-get install -y postgresql)"
  [ "$(id -u)" = 0 ] || die "installing PostgreSQL needs root"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -q postgresql >&2; then
    log "install failed: apt-get update, then again"
    apt-get update -q >&2
    apt-get install -y -q postgresql >&2
  fi
}

free_port() {
  python3 - <<'EOF' 2>/dev/null && return
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
EOF
  # No python: probe ports with bash's /dev/tcp.
  local port
  for _ in $(seq 1 200); do
    port=$((20000 + RANDOM % 30000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  die "no free port found"
}

start() {
  local initdb pg_ctl dir port
  initdb=$(find_bin initdb)
  if [ -z "$initdb" ]; then
    install_postgres
    initdb=$(find_bin initdb)
    [ -n "$initdb" ] || die "initdb still not found after installing postgresql"
  fi
  pg_ctl="$(dirname "$initdb")/pg_ctl"
  [ -x "$pg_ctl" ] || pg_ctl=$(find_bin pg_ctl)
  [ -n "$pg_ctl" ] || die "pg_ctl not found"
  id postgres >/dev/null 2>&1 || die "no postgres user (is the postgresql package installed?)"

  # /tmp is world-traversable; the cluster dir itself must belong to postgres.
  dir=$(mktemp -d /tmp/antenna-pg-XXXXXX)
  chmod 755 "$dir"
  chown postgres:postgres "$dir" 2>/dev/null || [ "$(id -un)" = postgres ] || die "cannot chown $dir"
  as_postgres "$initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
    as_postgres "$initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --locale=C >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; rm -rf "$dir"; die "initdb failed"; }

  local tries=0
  while :; do
    port=$(free_port)
    if as_postgres "$pg_ctl" -D "$dir/data" -l "$dir/server.log" \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      -w -t 60 start >&2; then
      break
    fi
    tries=$((tries + 1))
    if [ "$tries" -ge 3 ]; then
      tail -n 20 "$dir/server.log" >&2 || true
      rm -rf "$dir"
      die "the server did not start"
    fi
    log "start on port $port failed, trying another port"
  done
  log "PostgreSQL $("$pg_ctl" --version | awk '{print $3}') on 127.0.0.1:$port, data in $dir/data"
  echo "export ANTENNA_TEST_PG_URL=postgres://postgres@127.0.0.1:$port/postgres"
  echo "export ANTENNA_PG_DIR=$dir"
}

stop() {
  local dir=${ANTENNA_PG_DIR:-${1:-}}
  [ -n "$dir" ] || die "ANTENNA_PG_DIR is not set (eval the output of 'scripts/pg.sh' first)"
  case "$dir" in
    /tmp/antenna-pg-*) ;;
    *) die "refusing to remove $dir: not a cluster made by pg.sh" ;;
  esac
  [ -d "$dir" ] || { log "$dir does not exist: nothing to stop"; return 0; }
  local pg_ctl
  pg_ctl=$(find_bin pg_ctl)
  if [ -n "$pg_ctl" ] && [ -f "$dir/data/postmaster.pid" ]; then
    as_postgres "$pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >&2 || log "pg_ctl stop failed"
  fi
  rm -rf "$dir"
  log "stopped and removed $dir"
  echo "unset ANTENNA_TEST_PG_URL ANTENNA_PG_DIR"
}

case "${1:-start}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  *) die "usage: scripts/pg.sh [start|stop [DIR]]" ;;
esac
