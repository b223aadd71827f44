#!/usr/bin/env bash
# Fetches the IPADIC sources (Debian's mecab-ipadic package, through apt) into
# target/antenna-dict/src. The antenna binary compiles them into
# target/antenna-dict/ipadic.vibrato on first use (or: antenna dict build).
# Idempotent; needs no root when the sources are already there.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dest="$root/target/antenna-dict"
src="$dest/src/usr/share/mecab/dic/ipadic"
if [ -f "$src/matrix.def" ] || [ -f /usr/share/mecab/dic/ipadic/matrix.def ]; then
  exit 0
fi
mkdir -p "$dest/deb"
cd "$dest/deb"
if ! ls mecab-ipadic_*.deb >/dev/null 2>&1; then
  echo "setup-dict: downloading Debian's mecab-ipadic (IPADIC sources)" >&2
  if ! apt-get download mecab-ipadic >/dev/null 2>&1; then
    apt-get update -qq >/dev/null 2>&1 || true
    apt-get download mecab-ipadic
  fi
fi
dpkg-deb -x mecab-ipadic_*.deb "$dest/src"
test -f "$src/matrix.def"
echo "setup-dict: IPADIC sources in $src" >&2
