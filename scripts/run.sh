#!/usr/bin/env bash
# Builds Antenna (release) with its dictionary and runs it:
#   scripts/run.sh serve --demo        # the web app with a demo community (http://127.0.0.1:8080)
#   scripts/run.sh serve               # the web app on ./antenna-data/antenna.db
#   scripts/run.sh check "世田谷区に住んでいる、30代の男性を紹介して下さい"
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
cargo build --release -q -p antenna-cli
# the dictionary, once: Debian's mecab-ipadic through apt, compiled into target/antenna-dict
"$root/target/release/antenna" dict fetch
if [ $# -eq 0 ]; then
  set -- serve
fi
exec "$root/target/release/antenna" "$@"
