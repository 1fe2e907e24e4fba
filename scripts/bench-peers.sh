#!/usr/bin/env bash
# Measures roadmap side by side with the peer pipelines of ../shared/peers
# (Python with BeautifulSoup, openpyxl, xlsxwriter, reportlab) on the same
# machine, in one run, on the same work, and prints the ratios (peer time /
# roadmap time) of the median wall time and of the median CPU time.
#
#   scripts/bench-peers.sh            # N=5 timed runs after a warm-up
#   N=3 scripts/bench-peers.sh
#   ONLY="P1 P5" scripts/bench-peers.sh   # some jobs only (P1..P5)
#
# Needs: apt-get install python3-openpyxl python3-xlsxwriter python3-bs4 python3-lxml
#        python3-reportlab fonts-dejavu-core poppler-utils
# Timing is the peers' own bench.py (whole process: median wall, median CPU
# user+sys, peak RSS). Wall time is what a user waits for; on a machine
# shared with other work it measures the neighbours too, CPU time the code.
#
# The same work on both sides, on the peers' workload (gen_workload.py):
#   P1  import one seed, the 5,000-item big.txt, and the 1,000-file corpus,
#       each writing plan JSON (the corpus: 1,000 JSON files on both sides);
#   P2  the tracker of the 5,000 items, from the JSON each side wrote;
#   P3  the peers' 500 checklists of 80 activities: the peers' big.txt and
#       orgs.txt with each activity's executors naming the schools of the
#       peers' sample (scripts/peer_workload.py), so that roadmap writes the
#       same 500 x 80 rows (checked);
#   P4  collect those 500 checklists filled: the peers' are written filled
#       (common.filled_status), ours are filled the same way afterwards
#       (roadmap-workload -fill, the same 36,034 answers; checked);
#   P5  a PDF report of 500 rows: ReportLab's first 500 activities, ours the
#       quarterly report of the first activities of big.txt, as many as give
#       a table of exactly 500 rows (checked with pdftotext).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
for d in "${PEERS_SRC:-}" "$ROOT/../shared/peers" "$ROOT/../../shared/peers"; do # a checkout or a worktree
  [ -n "$d" ] && [ -f "$d/bench.py" ] && PEERS_SRC=$d && break
done
[ -n "${PEERS_SRC:-}" ] || { echo "bench-peers: the peers' folder not found: set PEERS_SRC" >&2; exit 1; }
W=${WORK:-/tmp/roadmap-bench}
N=${N:-5}
ONLY=${ONLY:-P1 P2 P3 P4 P5}
PY=/usr/bin/python3
Q=2024Q1 # the first quarter of the peers' big.txt (2024-2025)
mkdir -p "$W"
rm -rf "$W/peers" && cp -r "$PEERS_SRC" "$W/peers" && chmod -R u+w "$W/peers"
P=$W/peers
TSV=$W/bench.tsv
: > "$TSV"
want() { [[ " $ONLY " == *" $1 "* ]]; }
fail() { echo "bench-peers: $*" >&2; exit 1; }

echo "== build roadmap (as users build it: scripts/build.sh) and roadmap-workload"
scripts/build.sh -o "$W/roadmap"
go build -o "$W/roadmap-workload" ./cmd/roadmap-workload
R=$W/roadmap

echo "== workloads (the peers' generator)"
(cd "$P" && $PY gen_workload.py --seeds-dir "$ROOT/seeds" --out workload >/dev/null)
(cd "$P" && mkdir -p out && $PY parse_roadmap.py workload/big.txt -o out/p1_big.json >/dev/null)
"$R" ingest "$P/workload/big.txt" -o "$W/big.json" 2>/dev/null
S0=$(ls "$ROOT"/seeds/*.txt | sed -n 1p)

b() { local label=$1; shift; (cd "$P" && $PY bench.py -n "$N" --label "$label" --tsv "$TSV" -- "$@"); }

if want P1; then
  echo "== P1 import (plan JSON written on both sides)"
  b "P1 seed bs4" $PY parse_roadmap.py "$S0" -o out/p1_seed0.json
  b "P1 seed roadmap" "$R" ingest "$S0" -o "$W/seed0.json"
  b "P1 big bs4" $PY parse_roadmap.py workload/big.txt -o out/p1_big.json
  b "P1 big roadmap" "$R" ingest workload/big.txt -o "$W/big.json"
  b "P1 corpus bs4" $PY parse_roadmap.py workload/corpus --outdir out/p1_corpus
  b "P1 corpus roadmap" "$R" ingest -o "$W/corpus-json" workload/corpus
  n=$(ls "$W/corpus-json" | wc -l); [ "$n" = 1000 ] || fail "P1: $n plan files written, want 1000"
fi

if want P2; then
  echo "== P2 tracker (5,000 items, from the plan JSON)"
  b "P2 tracker xlsxwriter" $PY tracker_xlsxwriter.py out/p1_big.json out/tracker_xlsxwriter.xlsx
  b "P2 tracker openpyxl" $PY tracker_openpyxl.py out/p1_big.json out/tracker_openpyxl.xlsx
  b "P2 tracker roadmap" "$R" tracker "$W/big.json" -o "$W/tracker.xlsx"
fi

if want P3 || want P4; then
  echo "== P3 workload: the peers' 500 schools x 80 activities as executors"
  $PY scripts/peer_workload.py schools "$P" "$W/pw"
  "$R" ingest "$W/pw/big-schools.txt" -o "$W/schools.json" 2>/dev/null
  rm -rf "$W/cl" "$W/cl.db"
  "$R" checklists "$W/schools.json" --orgs "$W/pw/orgs.csv" --db "$W/cl.db" -o "$W/cl" 2>/dev/null | tail -1
  rows=$(awk -F, 'NR > 1 { n += $NF } END { print n }' "$W/cl/checklists.csv")
  [ "$(ls "$W"/cl/*.xlsx | wc -l)" = 500 ] && [ "$rows" = 40000 ] || fail "P3: checklists do not hold 500 x 80 rows ($rows)"
fi

if want P3; then
  echo "== P3 checklists (500 schools x 80 activities)"
  b "P3 checklists xlsxwriter in_memory" $PY checklists_xlsxwriter.py out/p1_big.json workload/orgs.txt out/cl_xw --in-memory
  b "P3 checklists openpyxl" $PY checklists_openpyxl.py out/p1_big.json workload/orgs.txt out/cl_op
  b "P3 checklists roadmap" sh -c "rm -rf '$W/cl3' && exec '$R' checklists '$W/schools.json' --orgs '$W/pw/orgs.csv' --db '$W/cl.db' -o '$W/cl3'"
fi

if want P4; then
  echo "== P4 collect (500 filled checklists)"
  [ -d "$P/out/cl_xw" ] || (cd "$P" && $PY checklists_xlsxwriter.py out/p1_big.json workload/orgs.txt out/cl_xw --in-memory >/dev/null)
  rm -rf "$W/filled" && cp -r "$W/cl" "$W/filled" && rm "$W/filled/checklists.csv"
  "$W/roadmap-workload" -fill "$W/filled"
  b "P4 collect openpyxl" $PY collect_openpyxl.py out/cl_xw out/collected.csv
  b "P4 collect roadmap" sh -c "cp '$W/cl.db' '$W/collect.db' && exec '$R' collect --db '$W/collect.db' --quarter $Q '$W/filled'"
  peer=$($PY -c 'import csv, sys; print(sum(1 for r in csv.DictReader(open(sys.argv[1])) if r["status"]))' "$P/out/collected.csv")
  cp "$W/cl.db" "$W/collect.db"
  ours=$("$R" collect --db "$W/collect.db" --quarter $Q "$W/filled" | sed -n 's/.*собрано: 500 (\([0-9]*\) ответ.*/\1/p')
  [ "$ours" = "$peer" ] || fail "P4: roadmap collected ${ours:-?} answers, openpyxl $peer"
  echo "P4: $ours answers collected on both sides"
fi

if want P5; then
  echo "== P5 report (500 rows)"
  rows_of() { pdftotext -layout "$1" - | sed -n 's/^Всего мероприятий в отчете *\([0-9]*\)$/\1/p' | head -1; }
  lo=500 hi=4996 # the first k activities: rows grow by at most one with k
  while [ $lo -lt $hi ]; do
    k=$(( (lo + hi) / 2 ))
    $PY scripts/peer_workload.py first "$P" $k "$W/first.txt"
    "$R" ingest "$W/first.txt" -o "$W/first.json" 2>/dev/null
    "$R" report "$W/first.json" --quarter $Q -o "$W/first.pdf"
    if [ "$(rows_of "$W/first.pdf")" -lt 500 ]; then lo=$((k + 1)); else hi=$k; fi
  done
  $PY scripts/peer_workload.py first "$P" $lo "$W/first.txt"
  "$R" ingest "$W/first.txt" -o "$W/first.json" 2>/dev/null
  "$R" report "$W/first.json" --quarter $Q -o "$W/report.pdf"
  [ "$(rows_of "$W/report.pdf")" = 500 ] || fail "P5: the report has $(rows_of "$W/report.pdf") rows, want 500"
  echo "P5: the first $lo activities give a report of 500 rows"
  b "P5 report reportlab" $PY report_reportlab.py out/p1_big.json out/report_reportlab.pdf --rows 500
  b "P5 report roadmap" "$R" report "$W/first.json" --quarter $Q -o "$W/report.pdf"
fi

echo "== ratios (peer median / roadmap median)"
$PY - "$TSV" <<'PYEOF'
import sys, csv
rows = {r[0]: r for r in csv.reader(open(sys.argv[1]), delimiter='\t') if len(r) > 5}
def col(label, i): return float(rows[label][i]) if label in rows else None
pairs = [("P1 seed", "P1 seed bs4", "P1 seed roadmap", 10), ("P1 big", "P1 big bs4", "P1 big roadmap", 4.5),
         ("P1 corpus", "P1 corpus bs4", "P1 corpus roadmap", 10),
         ("P2 tracker", "P2 tracker xlsxwriter", "P2 tracker roadmap", 2), ("P2 tracker", "P2 tracker openpyxl", "P2 tracker roadmap", None),
         ("P3 checklists", "P3 checklists xlsxwriter in_memory", "P3 checklists roadmap", 3),
         ("P3 checklists", "P3 checklists openpyxl", "P3 checklists roadmap", None),
         ("P4 collect", "P4 collect openpyxl", "P4 collect roadmap", 5),
         ("P5 report", "P5 report reportlab", "P5 report roadmap", 8)]
print(f"{'job':14} {'peer':36} {'peer s':>7} {'ours s':>7} {'wall':>6} {'peer cpu':>8} {'ours cpu':>8} {'cpu':>6} {'goal':>5} {'ours MiB':>8}")
for job, peer, ours, goal in pairs:
    if col(peer, 2) is None or col(ours, 2) is None: continue
    w = col(peer, 2) / col(ours, 2); c = col(peer, 5) / col(ours, 5)
    g = f"{goal:g}x" if goal else ""
    print(f"{job:14} {peer:36} {col(peer, 2):7.3f} {col(ours, 2):7.3f} {w:5.1f}x {col(peer, 5):8.3f} {col(ours, 5):8.3f} {c:5.1f}x {g:>5} {col(ours, 6):8.1f}")
PYEOF
