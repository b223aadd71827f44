#!/usr/bin/env bash
# The whole test suite, from a fresh machine: fetches what it needs, checks
# formatting and lints, runs every test, then scores the engine on the
# outside gold asks (shared/data/asks-dev.jsonl) when they are beside the checkout.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export CARGO_TERM_COLOR=never

bash scripts/setup-dict.sh

echo "== cargo fmt --check"
cargo fmt --all -- --check

echo "== cargo clippy"
cargo clippy --workspace --all-targets -- -D warnings

echo "== build (and the dictionary, on first use)"
cargo build --workspace
./target/debug/antenna check "辞書の準備" >/dev/null

echo "== pure crates stay pure"
for crate in antenna-ask antenna-i18n antenna-matching antenna-fixtures; do
  for dep in tokio sqlx axum; do
    if cargo tree -p "$crate" -e normal -i "$dep" >/dev/null 2>&1; then
      echo "$crate depends on $dep" >&2
      exit 1
    fi
  done
done

echo "== PostgreSQL: a throwaway cluster on loopback"
eval "$(bash scripts/pg.sh)"
export ANTENNA_REQUIRE_PG=1
trap 'bash scripts/pg.sh stop >/dev/null 2>&1 || true' EXIT

echo "== headless Chromium for the browser tests"
bash scripts/browser-deps.sh
export ANTENNA_REQUIRE_BROWSER=1

echo "== cargo test"
cargo test --workspace 2>&1 | tee target/test.log
grep -q "test result: ok" target/test.log
bash scripts/schemathesis.sh

gold="$root/../shared/data/asks-dev.jsonl"
scorer="$root/../shared/tools/score_asks.py"
if [ -f "$gold" ] && [ -f "$scorer" ]; then
  echo "== outside check: shared/data/asks-dev.jsonl"
  ./target/debug/antenna check --json --jsonl "$gold" > target/asks-dev.answers.jsonl
  python3 "$scorer" "$gold" target/asks-dev.answers.jsonl \
    --min-f1 0.90 --min-find 0.90 --max-false 0 --min-band 0.90 --min-auc 0.95 | tail -n 1
else
  echo "== outside check skipped: $gold not found"
fi
echo "== all tests passed"
