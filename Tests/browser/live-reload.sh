#!/bin/sh
# Live reload in a real browser: `metodbank serve` on a copy of the sample bank, a page open in
# headless Chromium (Selenium), then a saved edit, a broken file and its repair. Prints
# «N passed, N failed» and exits non-zero on any failure.
set -eu
cd "$(dirname "$0")/../.."
BIN=${METODBANK:-.build/debug/metodbank}
. Tests/qa-venv.sh
"$VENV/bin/python" Tests/browser/live_reload.py "$BIN"
