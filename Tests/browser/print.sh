#!/bin/sh
# Print tests: headless Chromium prints a regulation, a roadmap and a handout of the sample bank
# to PDF from file://; the page count must be sane and a real reader (zbarimg) must find the
# document's QR code on the rendered pages. Prints «N passed, N failed».
set -eu
cd "$(dirname "$0")/../.."
BIN=${METODBANK:-.build/debug/metodbank}
OUT=$(mktemp -d /tmp/metodbank-print.XXXXXX)
trap 'rm -rf "$OUT"' EXIT
"$BIN" build --quiet --output "$OUT/site"
BASE=$(sed -n 's/^base_url: *//p' metodbank.yml)
passed=0; failed=0
check() { if [ "$1" = ok ]; then passed=$((passed + 1)); echo "ok $2"; else failed=$((failed + 1)); echo "FAIL $2"; fi; }

# page, expected page range, expected codes (short addresses the page must carry)
print_page() {
  page=$1; min=$2; max=$3
  pdf="$OUT/$(echo "$page" | tr / _).pdf"
  timeout 120 chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
    --print-to-pdf="$pdf" "file://$OUT/site/$page" 2>/dev/null
  pages=$(pdfinfo "$pdf" | sed -n 's/^Pages: *//p')
  if [ "$pages" -ge "$min" ] && [ "$pages" -le "$max" ]; then check ok "$page: $pages pages"; else check fail "$page: $pages pages, expected $min–$max"; fi
  pdftoppm -r 150 -png "$pdf" "$OUT/page"
  zbarimg --quiet --raw "$OUT"/page-*.png 2>/dev/null | sort > "$OUT/decoded.txt" || true
  rm -f "$OUT"/page-*.png
}

expect_code() {
  if grep -qx "$1" "$OUT/decoded.txt"; then check ok "$2: QR code $1 read from the printed page"; else check fail "$2: QR code $1 not found (read: $(tr '\n' ' ' < "$OUT/decoded.txt"))"; fi
}

code_of() {  # the short address the document page prints
  sed -n 's/.*<span class="print-url">\([^<]*\)<\/span>.*/\1/p' "$OUT/site/$1" | head -1
}

for page in regulations/polozhenie-o-rabote-s-molodymi-pedagogami.html roadmaps/dk-shnor-mezhevskoy-rayon.html; do
  url=$(code_of "$page")
  case "$url" in "$BASE"p/\?????) check ok "$page: prints its short address $url" ;; *) check fail "$page: short address «$url»" ;; esac
  case $page in roadmaps/*) print_page "$page" 1 15 ;; *) print_page "$page" 1 6 ;; esac
  expect_code "$url" "$page"
done

# The handout: one sheet, every card's code readable.
page=handouts/seminar-nastavnichestvo.html
print_page "$page" 1 2
cards=$(grep -o '<p class="qr-card-url">[^<]*' "$OUT/site/$page" | sed 's/.*>//')
n=0
for url in $cards; do n=$((n + 1)); expect_code "$url" "$page card $n"; done
if [ "$n" -ge 6 ]; then check ok "$page: $n cards"; else check fail "$page: only $n cards"; fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
