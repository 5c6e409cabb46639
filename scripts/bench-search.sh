#!/bin/sh
# The search benchmark (make bench-search): generates the synthetic bank of 10,000 documents
# with ../shared/bench/gen_corpus.py, builds it with the release binary, indexes the same pages
# with Pagefind (PyPI pagefind[extended], in a virtual environment) and runs
# scripts/bench-search.js over both. Everything generated stays in $WORK (/tmp).
set -eu
cd "$(dirname "$0")/.."
GENERATOR=${GENERATOR:-../shared/bench/gen_corpus.py}
DOCUMENTS=${DOCUMENTS:-10000}
WORK=${WORK:-/tmp/metodbank-bench-search}
PAGEFIND_VERSION=1.5.2
mkdir -p "$WORK"

if [ ! -f "$WORK/corpus-$DOCUMENTS/metodbank.yml" ]; then
  echo "Генерирую банк из $DOCUMENTS документов…"
  python3 "$GENERATOR" --n "$DOCUMENTS" --out "$WORK/corpus-$DOCUMENTS" --flavor metodbank
fi

echo "Собираю сайт (release)…"
rm -rf "$WORK/site"
start=$(date +%s.%N)
.build/release/metodbank build --quiet --source "$WORK/corpus-$DOCUMENTS" --output "$WORK/site"
end=$(date +%s.%N)

if [ ! -x "$WORK/venv/bin/python3" ]; then
  python3 -m venv "$WORK/venv"
fi
"$WORK/venv/bin/pip" install -q "pagefind[extended]==$PAGEFIND_VERSION"
PAGEFIND=$("$WORK/venv/bin/python3" -c 'import os, pagefind_bin_extended as p; print(os.path.join(os.path.dirname(p.__file__), "pagefind_extended"))')
echo "Индексирую те же страницы Pagefind $PAGEFIND_VERSION…"
rm -rf "$WORK/pagefind"
# Only the document pages, as our index: not list pages, nor the p/ and alias redirect pages.
"$PAGEFIND" --site "$WORK/site" --output-path "$WORK/pagefind" \
  --glob "{practices,mentoring,iom,regulations,roadmaps,deficits,indicators,handouts}/*.html" > "$WORK/pagefind.log"

node scripts/bench-search.js "$WORK/site" "$WORK/pagefind" | tee "$WORK/report.md"
awk -v n="$DOCUMENTS" -v s="$start" -v e="$end" 'BEGIN { printf "\nWhole build of the %s-document site (release): %.1f s\n", n, e - s }' | tee -a "$WORK/report.md"
