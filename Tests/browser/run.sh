#!/bin/sh
# Browser tests: builds the sample bank and opens its pages from file:// in headless Chromium.
# harness.html checks every kind of page; search-harness.html uses the search as a reader does
# (the search page with ?q=, facets, keyboard, the header box) and checks escaping on the
# fixture bank of Tests/js. Prints «N passed, N failed» and exits non-zero on any failure.
set -eu
cd "$(dirname "$0")/../.."
BIN=${METODBANK:-.build/debug/metodbank}
OUT=$(mktemp -d /tmp/metodbank-browser.XXXXXX)
trap 'rm -rf "$OUT"' EXIT
"$BIN" build --quiet --output "$OUT/site"
"$BIN" build --quiet --source Tests/js/fixtures/bank --output "$OUT/fixture"
cp Tests/browser/harness.html Tests/browser/search-harness.html "$OUT/site/"

first() { ls "$OUT/site/$1" | grep -v '^index.html$' | head -1; }
cat > "$OUT/site/browser-checks.js" <<JSON
var checks = [
 {"page": "index.html", "selectors": [".tiles", ".deficit-groups", ".cards", "#site-search-input"], "texts": ["Материалы по типам", "По профессиональным дефицитам", "Недавно обновлённые"]},
 {"page": "practices/index.html", "selectors": [".cards .card"]},
 {"page": "practices/$(first practices)", "selectors": [".facts", ".document-body"], "texts": ["Устраняемые дефициты"]},
 {"page": "mentoring/$(first mentoring)", "selectors": ["table.plan"], "texts": ["Форма наставничества"]},
 {"page": "iom/$(first iom)", "selectors": ["table.plan"], "texts": ["План реализации маршрута"]},
 {"page": "regulations/$(first regulations)", "selectors": [".approval", ".toc"], "hidden": [".print-block"], "texts": ["Содержание"]},
 {"page": "handouts/$(first handouts)", "selectors": [".qr-sheet .qr-card svg"]},
 {"page": "roadmaps/$(first roadmaps)", "selectors": ["table.roadmap-table"], "texts": ["Отчётная документация"]},
 {"page": "deficits/$(first deficits)", "selectors": [".facts"], "texts": ["Что помогает устранить дефицит"]},
 {"page": "indicators/$(first indicators)", "selectors": ["svg.chart", ".indicator-values table"], "texts": ["Базовое и целевые значения"]},
 {"page": "coverage.html", "selectors": ["table.coverage"]},
 {"page": "search/index.html", "selectors": ["#search-query", ".search-hint"], "texts": ["Поиск"]},
 {"page": "404.html", "texts": ["Страница не найдена"]}
];
JSON
status=0
for harness in harness.html search-harness.html; do
  timeout 120 chromium --headless --no-sandbox --disable-gpu --allow-file-access-from-files \
    --virtual-time-budget=60000 --dump-dom "file://$OUT/site/$harness" 2>/dev/null \
    | sed -n '/<pre id="results">/,/<\/pre>/p' | sed 's/<[^>]*>//g' > "$OUT/results.txt" || true
  echo "== $harness"
  cat "$OUT/results.txt"
  grep -q ' passed, 0 failed' "$OUT/results.txt" || status=1
done
# A short address (p/?code, as printed under QR codes) opened from disk lands on its document;
# an unknown code says so.
page=regulations/$(first regulations)
code=$(sed -n 's/.*<span class="print-url">[^<]*p\/?\([^<]*\)<\/span>.*/\1/p' "$OUT/site/$page" | head -1)
want=$(grep -o '<title>[^<]*</title>' "$OUT/site/$page" | head -1)
echo "== short address p/?$code"
for query in "$code" zzzz; do
  timeout 60 chromium --headless --no-sandbox --disable-gpu --allow-file-access-from-files \
    --virtual-time-budget=10000 --dump-dom "file://$OUT/site/p/index.html?$query" 2>/dev/null > "$OUT/permalink.html" || true
  if [ "$query" = zzzz ]; then
    if grep -q 'Документа с кодом «zzzz» в банке нет' "$OUT/permalink.html"; then echo "ok: an unknown code is reported"; else echo "FAIL: unknown code"; status=1; fi
  elif [ -n "$code" ] && grep -qF "$want" "$OUT/permalink.html"; then
    echo "ok: p/?$code opens $page"
  else
    echo "FAIL: p/?$code does not open $page"; status=1
  fi
done
exit $status
