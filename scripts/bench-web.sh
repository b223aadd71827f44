#!/usr/bin/env bash
# Load benchmark of the web app (issue 3; figures in docs/benchmarks.md).
#
#   bash scripts/bench-web.sh [sqlite|postgres|all]      # default: all
#
# For each backend: a fresh database (SQLite in a temp dir; PostgreSQL in a
# throwaway cluster from scripts/pg.sh), seeded by `antenna bench-seed` with
# 10,000 members and 50,000 asks; then `antenna serve` on 127.0.0.1 with the
# coach's per-address throttle off (--coach-rate 0), a login with curl, and
# wrk (64 connections, 2 threads, a warm-up, then ~20 s with --latency) on:
#   GET  /healthz             static text: the ceiling of this machine/stack
#   GET  /board               the board page (HTML), logged in
#   GET  /api/v1/board        the board as JSON, logged in
#   POST /api/v1/asks/check   the public coach, a few Japanese asks rotated
# Prints a Markdown table (also written to target/bench-web/). Everything runs
# on loopback; the server and the database are stopped at the end.
#
# Knobs (environment): BENCH_MEMBERS (10000), BENCH_ASKS (50000),
# BENCH_CONNECTIONS (64), BENCH_THREADS (2), BENCH_DURATION (20s),
# BENCH_WARMUP (3s), BENCH_TIMEOUT (10s: wrk's request timeout; its default of 2s
# would drop the slowest requests from the percentiles), BENCH_SEED_JOBS_PG (4: writes in flight when seeding PostgreSQL).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

which=${1:-all}
case "$which" in
  sqlite) backends=(sqlite) ;;
  postgres | pg) backends=(postgres) ;;
  all) backends=(sqlite postgres) ;;
  *) echo "usage: scripts/bench-web.sh [sqlite|postgres|all]" >&2; exit 2 ;;
esac

members=${BENCH_MEMBERS:-10000}
asks=${BENCH_ASKS:-50000}
conns=${BENCH_CONNECTIONS:-64}
threads=${BENCH_THREADS:-2}
duration=${BENCH_DURATION:-20s}
warmup=${BENCH_WARMUP:-3s}
timeout=${BENCH_TIMEOUT:-10s}
pg_jobs=${BENCH_SEED_JOBS_PG:-4}
bin="$root/target/release/antenna"

log() { echo "bench-web: $*" >&2; }
die() { log "$*"; exit 1; }

# --- prerequisites
bash scripts/setup-dict.sh
log "building (release)"
cargo build --release -q -p antenna-cli
if ! command -v wrk >/dev/null 2>&1; then
  log "installing wrk (apt-get install -y wrk)"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -q wrk >&2; then
    log "install failed: apt-get update, then again"
    apt-get update -q >&2
    apt-get install -y -q wrk >&2
  fi
fi
command -v curl >/dev/null 2>&1 || die "curl is needed"

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null && return
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

work=$(mktemp -d /tmp/antenna-bench-XXXXXX)
server_pid=""
pg_started=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  if [ -n "$pg_started" ]; then
    bash scripts/pg.sh stop >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# The coach's requests: a few different Japanese asks, rotated.
cat >"$work/check.lua" <<'EOF'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local bodies = {
  '{"text":"世田谷区に住んでいる、30代の男性を紹介してください"}',
  '{"text":"従業員50名以上の会社の人事部長を紹介してください"}',
  '{"text":"ゴルフが趣味の、港区で働いている40代の経営者と繋がりたいです"}',
  '{"text":"横浜市青葉区で美容室を開業予定の方を紹介してください"}',
  '{"text":"誰でも良いので紹介してください"}',
  '{"text":"子育て中の、川崎市中原区在住のママを紹介してください。新メニューのモニターをお願いしたいです"}',
  '{"text":"創業1年目の、渋谷区の飲食店オーナーを紹介してください。創業融資と記帳のご相談に乗れます"}',
  '{"text":"【急募】福岡市中央区で工務店を経営している社長を紹介してください"}',
}
local i = 0
request = function()
  i = i + 1
  return wrk.format(nil, nil, nil, bodies[(i % #bodies) + 1])
end
EOF

# wrk's latency ("812.00us", "1.20ms", "2.01s") in milliseconds.
to_ms() {
  awk -v v="$1" 'BEGIN {
    n = v + 0
    if (v ~ /us$/) n = n / 1000; else if (v ~ /ms$/) n = n; else if (v ~ /m$/) n = n * 60000; else if (v ~ /s$/) n = n * 1000
    if (n >= 100) printf "%.0f", n; else if (n >= 10) printf "%.1f", n; else printf "%.2f", n
  }'
}

rows=()
notes=()

# Where the CPU went during a run, to tell a disturbed figure from a real one:
# the machine's busy time (/proc/stat) minus the server's, the database's and wrk's.
hz=$(getconf CLK_TCK)
busy_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat; }
pid_ticks() { # PID… → their utime + stime, summed (processes gone count 0)
  local total=0 p t
  for p in "$@"; do
    t=$(awk '{sub(/.*\) /, ""); print $12 + $13}' "/proc/$p/stat" 2>/dev/null) || t=0
    total=$((total + ${t:-0}))
  done
  echo "$total"
}
db_pids() { # the throwaway PostgreSQL cluster's postmaster and its children
  local pm
  [ -n "$pg_started" ] && [ -f "$ANTENNA_PG_DIR/data/postmaster.pid" ] || return 0
  pm=$(head -n1 "$ANTENNA_PG_DIR/data/postmaster.pid")
  echo "$pm" $(pgrep -P "$pm" || true)
}

# run_wrk BACKEND LABEL URL [wrk args…]: warm-up, measured run, one table row.
# WRK_C, WRK_T, WRK_D override connections, threads and duration for one call.
run_wrk() {
  local backend=$1 label=$2 url=$3
  shift 3
  local c=${WRK_C:-$conns} t=${WRK_T:-$threads} dur=${WRK_D:-$duration}
  wrk -t"$t" -c"$c" -d"$warmup" "$@" "$url" >/dev/null 2>&1 || true
  local out="$work/wrk-$backend-${label//[^A-Za-z0-9]/_}.txt"
  log "$backend: wrk -t$t -c$c -d$dur --latency $label"
  local db b0 s0 d0 t0 b1 s1 d1 t1 TIMEFORMAT='%U %S'
  db=$(db_pids)
  t0=$(date +%s.%N) b0=$(busy_ticks) s0=$(pid_ticks "$server_pid") d0=$(pid_ticks $db)
  { time wrk -t"$t" -c"$c" -d"$dur" --timeout "$timeout" --latency "$@" "$url" >"$out" 2>&1; } 2>"$out.cpu" ||
    { cat "$out" >&2; die "wrk failed"; }
  t1=$(date +%s.%N) b1=$(busy_ticks) s1=$(pid_ticks "$server_pid") d1=$(pid_ticks $db)
  # cores used on average: server / database / wrk / everything else on the machine
  local cpu
  cpu=$(awk -v t="$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')" -v hz="$hz" \
    -v busy=$((b1 - b0)) -v srv=$((s1 - s0)) -v dbt=$((d1 - d0)) -v hasdb="${db:+1}" '{
      w = $1 + $2; s = srv / hz; d = dbt / hz; if (d < 0) d = 0; o = busy / hz - s - d - w; if (o < 0) o = 0
      if (hasdb) printf "%.2f / %.2f / %.2f / %.2f", s / t, d / t, w / t, o / t
      else printf "%.2f / – / %.2f / %.2f", s / t, w / t, o / t
    }' "$out.cpu")
  local rps p50 p99 total errors
  rps=$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' "$out")
  p50=$(awk '$1 == "50%" {print $2}' "$out")
  p99=$(awk '$1 == "99%" {print $2}' "$out")
  total=$(awk '/requests in/ {print $1}' "$out")
  # non-2xx responses and socket errors (a timeout is a request that took longer than --timeout)
  errors=$(awk '/Non-2xx or 3xx responses:/ {e = e "non-2xx " $NF "; "}
    /Socket errors:/ {sub(/.*Socket errors: /, ""); e = e "socket: " $0 "; "}
    END {sub(/; $/, "", e); print (e == "" ? "0" : e)}' "$out")
  rows+=("| $backend | $label | $rps | $(to_ms "$p50") | $(to_ms "$p99") | ${total:-?} | $errors | $cpu |")
  log "$backend: $label → $rps req/s, p50 $p50, p99 $p99, errors: $errors; cores server/db/wrk/other: $cpu"
  cp "$out" "$results_dir/" 2>/dev/null || true
}

results_dir="$root/target/bench-web/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$results_dir"

bench_backend() {
  local backend=$1 url dir
  dir="$work/$backend"
  mkdir -p "$dir"
  local jobs=1
  if [ "$backend" = sqlite ]; then
    url="sqlite:$dir/antenna.db"
  else
    eval "$(bash scripts/pg.sh)"
    pg_started=1
    psql -q -v ON_ERROR_STOP=1 "$ANTENNA_TEST_PG_URL" -c "CREATE DATABASE antenna_bench" >&2
    url="${ANTENNA_TEST_PG_URL%/*}/antenna_bench"
    jobs=$pg_jobs
  fi

  local load_before
  load_before=$(cut -d' ' -f1-3 /proc/loadavg)
  log "$backend: seeding $members members and $asks asks (load average: $load_before)"
  local t0 t1
  t0=$(date +%s.%N)
  "$bin" bench-seed --members "$members" --asks "$asks" --database-url "$url" --jobs "$jobs" | tee "$dir/seed.txt" >&2
  t1=$(date +%s.%N)
  local seed_s email password
  seed_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f", b - a}')
  notes+=("- $backend seed: ${seed_s}s wall clock — $(grep '^seeded' "$dir/seed.txt" | sed 's/^seeded [^ ]* //')")
  email=$(awk '/^login:/ {print $2}' "$dir/seed.txt")
  password=$(awk '/^login:/ {print $4}' "$dir/seed.txt")

  local port base
  port=$(free_port)
  base="http://127.0.0.1:$port"
  log "$backend: starting the server on 127.0.0.1:$port"
  t0=$(date +%s.%N)
  RUST_LOG=warn "$bin" serve --bind "127.0.0.1:$port" --coach-rate 0 --database-url "$url" >"$dir/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 600); do
    curl -fsS "$base/healthz" >/dev/null 2>&1 && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$dir/server.log" >&2; die "$backend: the server exited"; }
    sleep 0.2
  done
  curl -fsS "$base/healthz" >/dev/null || die "$backend: the server did not come up"
  t1=$(date +%s.%N)
  notes+=("- $backend server start (index of asks and members' signatures): $(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f", b - a}')s")

  local jar="$dir/cookies.txt" cookie
  curl -fsS -c "$jar" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"$password\"}" "$base/api/v1/auth/login" >/dev/null ||
    die "$backend: login failed"
  cookie=$(awk '$6 == "antenna_session" {print $7}' "$jar")
  [ -n "$cookie" ] || die "$backend: no session cookie"
  # one request of each, to fail early rather than measure errors
  local items
  curl -fsS -o "$dir/board.html" -H "Cookie: antenna_session=$cookie" "$base/board" || die "$backend: GET /board failed"
  items=$(curl -fsS -H "Cookie: antenna_session=$cookie" "$base/api/v1/board" |
    python3 -c 'import json,sys; print(len(json.load(sys.stdin)))' 2>/dev/null || echo "?")
  curl -fsS -o /dev/null -H 'Content-Type: application/json' -d '{"text":"世田谷区に住んでいる、30代の男性を紹介してください"}' \
    "$base/api/v1/asks/check" || die "$backend: POST /api/v1/asks/check failed"
  notes+=("- $backend: /board page $(wc -c <"$dir/board.html") bytes; /api/v1/board returned $items items")

  run_wrk "$backend" "GET /healthz (static)" "$base/healthz"
  run_wrk "$backend" "GET /board (HTML)" "$base/board" -H "Cookie: antenna_session=$cookie"
  run_wrk "$backend" "GET /api/v1/board (JSON)" "$base/api/v1/board" -H "Cookie: antenna_session=$cookie"
  run_wrk "$backend" "POST /api/v1/asks/check" "$base/api/v1/asks/check" -s "$work/check.lua"
  # one request at a time: what a board view costs without queueing
  WRK_C=1 WRK_T=1 WRK_D=10s run_wrk "$backend" "GET /api/v1/board (JSON), 1 connection" "$base/api/v1/board" \
    -H "Cookie: antenna_session=$cookie"

  local rss
  rss=$(awk '/^VmRSS/ {printf "%.0f MiB", $2 / 1024}' "/proc/$server_pid/status" 2>/dev/null || echo "?")
  notes+=("- $backend server memory after the runs (VmRSS): $rss; load average before seeding $load_before, after the runs $(cut -d' ' -f1-3 /proc/loadavg)")
  log "$backend: stopping the server (SIGTERM)"
  kill -TERM "$server_pid"
  wait "$server_pid" || log "$backend: the server exited with $?"
  server_pid=""
  if [ "$backend" = postgres ]; then
    eval "$(bash scripts/pg.sh stop)"
    pg_started=""
  fi
  rm -rf "$dir"
}

started=$(date +%s)
for b in "${backends[@]}"; do
  bench_backend "$b"
done

{
  echo "Date: $(date -u '+%Y-%m-%d %H:%M UTC'); commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- crates 2>/dev/null || echo ' (with uncommitted changes)')"
  echo "Machine: nproc $(nproc); $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'); load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "wrk: -t$threads -c$conns -d$duration --timeout $timeout --latency (after a $warmup warm-up); $members members, $asks asks"
  echo
  echo "| Backend | Endpoint | Requests/s | p50 (ms) | p99 (ms) | Requests | Errors | CPU cores: server / db / wrk / other |"
  echo "|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
  echo
  printf '%s\n' "${notes[@]}"
  echo "- whole script: $(($(date +%s) - started))s after the build"
} | tee "$results_dir/results.md"
log "results in $results_dir"
