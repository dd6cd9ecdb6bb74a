#!/usr/bin/env bash
# Regenerates docs/screenshot.png: the app on the demo sequence under Xvfb.
# Run after building (bash .ci/setup; BUILD_DIR picks another build folder). Uses a private cache and settings so
# it neither reads nor changes the user's.
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
XDG_CACHE_HOME="$scratch/cache" XDG_CONFIG_HOME="$scratch/config" XDG_RUNTIME_DIR="$scratch" \
  xvfb-run -a -s "-screen 0 1600x900x24" \
  "${BUILD_DIR:-build}/app/gui/quantlens" --demo --scan 5 --screenshot docs/screenshot.png
