#!/usr/bin/env bash
# Schemathesis against the live server's own OpenAPI document: a demo server
# on a free loopback port with a throwaway data directory, an API token for a
# member (and one for the organizer, for the organizers' operations), then
# property-based requests to every operation, checking that the server never
# answers 5xx and that every status, content type and body is one the
# document describes. Bounded in examples and time; fails on any failure.
#
# Schemathesis is installed with pip into target/schemathesis-venv on first use.
# Called by scripts/test.sh after the cargo tests; runs alone too.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

version=4.32.5
venv=target/schemathesis-venv
st=$root/$venv/bin/schemathesis
if ! "$st" --version 2>/dev/null | grep -q " $version\$"; then
  echo "== schemathesis $version into $venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check "schemathesis==$version"
fi

# ANTENNA_BIN: a binary already built (test.sh builds the workspace first).
bin=${ANTENNA_BIN:-}
if [ -z "$bin" ]; then
  cargo build -q -p antenna-cli
  bin=target/debug/antenna
fi

data=$(mktemp -d)
server=""
cleanup() {
  if [ -n "$server" ]; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  rm -rf "$data"
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
# --coach-rate 0: the public coach's per-address limit would answer most
# generated requests with 429 (documented, but it would test nothing else).
"$bin" serve --demo --bind "127.0.0.1:$port" --data-dir "$data/db" --coach-rate 0 \
  >"$data/server.log" 2>&1 &
server=$!
for _ in $(seq 1 120); do
  curl -sf "$base/healthz" >/dev/null 2>&1 && break
  if ! kill -0 "$server" 2>/dev/null; then
    cat "$data/server.log" >&2
    echo "the server did not start" >&2
    exit 1
  fi
  sleep 0.5
done
curl -sf "$base/healthz" >/dev/null

# An API token for a demo account: log in (cookie + CSRF token), then create one.
token_for() {
  local email=$1 jar="$data/cookies.$1" csrf
  csrf=$(curl -sf -c "$jar" -H 'content-type: application/json' \
    -d "{\"email\": \"$email\", \"password\": \"antenna-demo\"}" "$base/api/v1/auth/login" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["csrf_token"])')
  curl -sf -b "$jar" -H 'content-type: application/json' -H "x-csrf-token: $csrf" \
    -d '{"name": "schemathesis"}' "$base/api/v1/tokens" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["secret"])'
}
member=$(token_for member001@demo.antenna.jp)
organizer=$(token_for organizer@demo.antenna.jp)

# No crash cache: schemathesis would otherwise keep one in ./.schemathesis.
printf '[cache]\nenabled = false\n' >"$data/schemathesis.toml"
checks=not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance
# One run of schemathesis: a name, a token, then filters. Every phase:
# examples, coverage (boundary and wrong values of every field), fuzzing, and
# stateful sequences that follow the ids one answer gives to the next request.
# One worker: on Python 3.11, hypothesis parsing lambdas in two threads at
# once can crash with "AST constructor recursion depth mismatch".
run() {
  local name=$1 token=$2
  shift 2
  echo "== schemathesis: $name"
  # timeout: a hard stop well above what the examples take (under a minute each).
  # In the temp directory, where hypothesis may leave its own files.
  (cd "$data" && timeout 300 "$st" --config-file "$data/schemathesis.toml" run "$base/api/v1/openapi.json" \
    --header "Authorization: Bearer $token" \
    --checks "$checks" \
    --max-examples "${SCHEMATHESIS_EXAMPLES:-100}" \
    --seed "${SCHEMATHESIS_SEED:-20240601}" \
    --request-timeout 20 \
    --workers 1 \
    --generation-database none \
    --generation-with-security-parameters false \
    --no-color \
    "$@")
}

# Excluded, because they would end the run's own credentials:
# - DELETE /api/v1/tokens/{id}: ids are small integers, so generated ones hit
#   the token this run authenticates with (the routes test covers it).
# Logout is kept: with a bearer token it ends no session and the token stays valid.
# The member's run covers every other operation (the organizers' ones answer 403);
# the organizer's run covers the operations only organizers may use.
run "member001 (every operation)" "$member" \
  --exclude-operation-id accounts_delete_token
run "organizer (organizers' operations)" "$organizer" \
  --include-operation-id accounts_invite \
  --include-operation-id accounts_list_invitations \
  --include-operation-id accounts_password_reset \
  --include-operation-id org_import \
  --include-operation-id org_export

if grep -q "panicked" "$data/server.log"; then
  grep -B2 -A10 "panicked" "$data/server.log" >&2
  echo "the server panicked" >&2
  exit 1
fi
echo "== schemathesis passed"
