#!/usr/bin/env bash
# What the browser tests (crates/web/tests/browser.rs) need, from Debian's
# packages only: Chromium, its ChromeDriver, and a Japanese font (without one
# the screenshots show boxes instead of kana and kanji).
#
#   bash scripts/browser-deps.sh              # idempotent; quiet when all is there
#   bash scripts/browser-deps.sh PKG...       # and these Debian packages too
#                                             # (scripts/screenshots.sh adds fonts)
#
# Installs with `apt-get install -y --no-install-recommends` what is missing;
# runs `apt-get update` only when that install fails (a stale package list).
# Nothing is downloaded from anywhere else: no browser builds of test tools.
set -euo pipefail

log() { echo "browser-deps: $*" >&2; }

has_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "ok installed"; }

has_jp_font() {
  if has_pkg fonts-ipafont-gothic || has_pkg fonts-noto-cjk; then return 0; fi
  command -v fc-list >/dev/null 2>&1 && fc-list :lang=ja family 2>/dev/null | grep -q .
}

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
has_jp_font || missing+=(fonts-ipafont-gothic)
for extra in "$@"; do
  has_pkg "$extra" || missing+=("$extra")
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

[ "$(id -u)" = 0 ] || { log "missing ${missing[*]}; installing them needs root"; exit 1; }
export DEBIAN_FRONTEND=noninteractive
log "installing ${missing[*]}"
if ! apt-get install -y -q --no-install-recommends "${missing[@]}" >&2; then
  log "install failed: apt-get update, then again"
  apt-get update -q >&2
  apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
fi

command -v chromium >/dev/null 2>&1 || { log "chromium still missing"; exit 1; }
command -v chromedriver >/dev/null 2>&1 || { log "chromedriver still missing"; exit 1; }
log "ready: $(chromium --version 2>/dev/null | head -n 1); $(chromedriver --version 2>/dev/null | head -n 1)"
