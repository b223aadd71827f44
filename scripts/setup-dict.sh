#!/usr/bin/env bash
# Prepares the Japanese dictionary for this checkout: `antenna dict fetch`
# downloads Debian's mecab-ipadic (IPADIC sources, through apt) into
# target/antenna-dict/src and compiles them into target/antenna-dict/ipadic.vibrato
# (about 3 s). The logic lives in the CLI (crates/cli/src/dict.rs); this only
# builds and calls it. Idempotent; needs no root when the sources are already there.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
cargo run -q -p antenna-cli -- dict fetch
