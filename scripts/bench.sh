#!/bin/sh
# Build benchmark: metodbank (release) and Hugo side by side on the synthetic bank of
# ../shared/bench/gen_corpus.py (fixed seed), 1,000 and 10,000 documents, the two tools taking
# turns, with `sync` and a pause before each run. Reports median wall and CPU time, peak memory,
# pages per second, the ratio metodbank/Hugo, the rebuild `serve` does after one document
# changes (`metodbank bench-rebuild`) and the time from saving a file to serve telling open pages
# to reload (`scripts/serve-latency.py`). Usage: scripts/bench.sh [runs] (default 3).
#
# Cold means no output of an earlier run, not a freshly deleted one: each run's output is moved
# aside into $WORK/old, which the script never deletes (it says how at the end). On ext4 without
# a journal (these machines) the kernel will not reuse an inode freed in the last minute (five,
# while its block is dirty) and scans past every such inode for each file it creates: right after
# deleting the 20,000 files of a 10k site, creating the next site's files took about half of
# either tool's time (perf: recently_deleted, find_inode_bit). Delete old outputs well before
# measuring again.
set -eu
cd "$(dirname "$0")/.."
RUNS=${1:-3}
BIN=$(pwd)/.build/release/metodbank
GEN=../shared/bench/gen_corpus.py
HUGO_SITE=$(cd ../shared/bench/hugo-site && pwd)
WORK=${BENCH_DIR:-/tmp/metodbank-bench}
mkdir -p "$WORK"

mkdir -p "$WORK/old"
trap 'echo "Outputs of the runs are kept in $WORK/old ($(du -sh "$WORK/old" | cut -f1)); remove them a few minutes before the next measurement: rm -rf $WORK/old"' EXIT

set_aside() {  # moves the last output out of the way without deleting it
  if [ -e "$WORK/out" ]; then mv "$WORK/out" "$(mktemp -d "$WORK/old/run.XXXXXX")/out"; fi
}

run_once() {  # times file, command…: one cold run, its times appended to the file
  times=$1; shift
  set_aside
  sync; sleep "${BENCH_PAUSE:-5}"
  /usr/bin/time -a -o "$times" -f '%e %U %S %M' "$@" >/dev/null 2>&1
}

summarize() {  # label, times file: prints the medians; wall and peak go to FILE.median
  python3 - "$1" "$2" <<'PY'
import statistics as s, sys
rows = [list(map(float, l.split())) for l in open(sys.argv[2]) if l[:1].isdigit()]
wall = s.median(r[0] for r in rows); cpu = s.median(r[1] + r[2] for r in rows); peak = s.median(r[3] for r in rows) / 1024
print(f"{sys.argv[1]:34} wall {wall:7.2f} s   cpu {cpu:7.2f} s   peak {peak:7.0f} MiB")
open(sys.argv[2] + ".median", "w").write(f"{wall} {peak}\n")
PY
}

for n in 1000 10000; do
  [ -d "$WORK/mb-$n" ] || python3 "$GEN" --n "$n" --out "$WORK/mb-$n" --flavor metodbank >/dev/null 2>&1
  [ -d "$WORK/hugo-$n" ] || python3 "$GEN" --n "$n" --out "$WORK/hugo-$n" --flavor hugo >/dev/null 2>&1
  echo "== $n documents, median of $RUNS cold runs"
  # The two tools take turns, so a slower spell of the shared machine falls on both.
  rm -f "$WORK/mb-times.txt" "$WORK/hugo-times.txt"
  for _ in $(seq "$RUNS"); do
    run_once "$WORK/mb-times.txt" "$BIN" build --quiet --source "$WORK/mb-$n" --output "$WORK/out"
    if command -v hugo >/dev/null; then
      run_once "$WORK/hugo-times.txt" hugo --quiet --source "$HUGO_SITE" --contentDir "$WORK/hugo-$n/content" --destination "$WORK/out"
    fi
  done
  summarize "metodbank build" "$WORK/mb-times.txt"
  read -r mb_wall mb_peak < "$WORK/mb-times.txt.median"
  pages=$(find "$WORK/mb-$n/content" -name '*.md' | wc -l)
  echo "  pages per second: $(python3 -c "print(round($pages / $mb_wall))")"
  set_aside
  doc=$(cd "$WORK/mb-$n" && find content/practices -name '*.md' | sort | head -1)
  "$BIN" bench-rebuild --source "$WORK/mb-$n" --output "$WORK/out" --document "$doc" --runs 5 > "$WORK/rebuild.txt" 2>/dev/null
  python3 - "$WORK/rebuild.txt" <<'PY'
import sys
rows = dict(l.split("\t")[:2] for l in open(sys.argv[1]) if l[:1] != " " and "\t" in l)
full, rebuild, pages = float(rows["full"]), float(rows["rebuild"]), float(rows["pages"])
print(f"  one-file rebuild (serve, warm): {rebuild:.2f} s = {100 * rebuild / full:.1f}% of the same process's full build ({full:.2f} s)")
print(f"    of which until the new pages are in place (the search index follows): {pages:.2f} s = {100 * pages / full:.1f}%")
PY
  sed -n 's/^  //p' "$WORK/rebuild.txt" | tr '\n' ' ' | sed 's/^/    steps: /'; echo
  if command -v hugo >/dev/null; then
    summarize "hugo" "$WORK/hugo-times.txt"
    read -r hugo_wall hugo_peak < "$WORK/hugo-times.txt.median"
    python3 - "$WORK/mb-times.txt" "$WORK/hugo-times.txt" "$mb_wall" "$hugo_wall" "$mb_peak" "$hugo_peak" <<'PY'
import statistics as s, sys
walls = [[float(l.split()[0]) for l in open(f) if l[:1].isdigit()] for f in sys.argv[1:3]]
mb_wall, hugo_wall, mb_peak, hugo_peak = map(float, sys.argv[3:])
pairs = [m / h for m, h in zip(*walls)]  # run i of each tool ran back to back
print(f"  ratio metodbank/Hugo: time {mb_wall / hugo_wall:.2f} (run by run {', '.join(f'{r:.2f}' for r in pairs)}; median {s.median(pairs):.2f}), peak memory {mb_peak / hugo_peak:.2f}")
PY
  fi
  # What a methodologist waits for: from saving a file to the open page reloading.
  echo "  serve, median of 5 edits:"
  python3 scripts/serve-latency.py "$BIN" "$WORK/mb-$n" 5 "$(mktemp -d "$WORK/old/serve.XXXXXX")/out" | sed 's/^/    /'
done
