#!/usr/bin/env bash
# Refreshes docs/screenshots/*.png: the app with the demo community
# (antenna_web::demo::seed), in headless Chromium at 1280×900 (and 390×844
# for the phone board), pictures saved through WebDriver.
#
#   bash scripts/screenshots.sh            # about a minute after the build
#
# Pictures: home-coach (front page, coach result), login, board, ask (an
# ask's page with its reading), ask-new (writing an ask, live coach),
# profile, org (organizer dashboard), all in Japanese; board-en (English),
# board-phone (phone width). ANTENNA_SCREENSHOTS_DIR writes them elsewhere.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/setup-dict.sh
# Noto Sans CJK JP (proportional, as app.css asks, like Hiragino or Yu
# Gothic on people's machines; IPAGothic alone sets Latin text monospaced)
# and colour emoji (📡 🙋 in the UI), for pictures as people see the app.
bash scripts/browser-deps.sh fonts-noto-cjk fonts-noto-color-emoji
export ANTENNA_REQUIRE_BROWSER=1
out="${ANTENNA_SCREENSHOTS_DIR:-$root/docs/screenshots}"
mkdir -p "$out"
cargo test -p antenna-web --test browser -- --ignored --exact screenshots --nocapture
ls -l "$out"/*.png
