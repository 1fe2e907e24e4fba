#!/usr/bin/env bash
# Measures roadmap side by side with the peer pipelines of ../shared/peers
# (Python with BeautifulSoup, openpyxl, xlsxwriter, reportlab) on the same
# machine, in one run, and prints the ratios (peer time / roadmap time).
#
#   scripts/bench-peers.sh            # N=5 timed runs after a warm-up
#   N=3 scripts/bench-peers.sh
#
# Needs: apt-get install python3-openpyxl python3-xlsxwriter python3-bs4 python3-lxml
#        python3-reportlab fonts-dejavu-core
# Timing is the peers' own bench.py (whole process, median wall, peak RSS).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PEERS_SRC=${PEERS_SRC:-$ROOT/../shared/peers}
W=${WORK:-/tmp/roadmap-bench}
N=${N:-5}
PY=/usr/bin/python3
mkdir -p "$W"
rm -rf "$W/peers" && cp -r "$PEERS_SRC" "$W/peers" && chmod -R u+w "$W/peers"
P=$W/peers
TSV=$W/bench.tsv
: > "$TSV"

echo "== build roadmap"
go build -o "$W/roadmap" ./cmd/roadmap
R=$W/roadmap

echo "== workloads (peers' generator, and ours for the checklist job)"
(cd "$P" && $PY gen_workload.py --seeds-dir "$ROOT/seeds" --out workload >/dev/null)
(cd "$P" && mkdir -p out && $PY parse_roadmap.py workload/big.txt -o out/p1_big.json >/dev/null)
go run ./cmd/roadmap-workload -o "$W/wl" -items 5000 -corpus 0 -schools 500 -per-item 8 >/dev/null
S0=$(ls "$ROOT"/seeds/*.txt | sed -n 1p)

b() { local label=$1; shift; (cd "$P" && $PY bench.py -n "$N" --label "$label" --tsv "$TSV" -- "$@") ; }

echo "== P1 import"
b "P1 seed bs4" $PY parse_roadmap.py "$S0" -o out/p1_seed0.json
b "P1 seed roadmap" "$R" ingest "$S0" -o "$W/seed0.json"
b "P1 big bs4" $PY parse_roadmap.py workload/big.txt -o out/p1_big.json
b "P1 big roadmap" "$R" ingest workload/big.txt -o "$W/big.json"
b "P1 corpus bs4" $PY parse_roadmap.py workload/corpus --outdir out/p1_corpus
b "P1 corpus roadmap" sh -c "$R lint workload/corpus > /dev/null"

echo "== P2 tracker (5,000 items)"
b "P2 tracker xlsxwriter" $PY tracker_xlsxwriter.py out/p1_big.json out/tracker_xlsxwriter.xlsx
b "P2 tracker openpyxl" $PY tracker_openpyxl.py out/p1_big.json out/tracker_openpyxl.xlsx
b "P2 tracker roadmap" "$R" tracker "$W/big.json" -o "$W/tracker.xlsx"

echo "== P3 checklists (500 schools x ~80 items)"
"$R" ingest "$W/wl/big.txt" -o "$W/schools.json" 2>/dev/null
b "P3 checklists xlsxwriter in_memory" $PY checklists_xlsxwriter.py out/p1_big.json workload/orgs.txt out/cl_xw --in-memory
b "P3 checklists openpyxl" $PY checklists_openpyxl.py out/p1_big.json workload/orgs.txt out/cl_op
b "P3 checklists roadmap" sh -c "rm -rf $W/cl && $R checklists $W/schools.json --orgs $W/wl/orgs.csv --db $W/cl.db -o $W/cl >/dev/null"

echo "== P4 collect (500 files)"
b "P4 collect openpyxl" $PY collect_openpyxl.py out/cl_xw out/collected.csv
b "P4 collect roadmap" sh -c "rm -f $W/collect.db && cp $W/cl.db $W/collect.db && $R collect --db $W/collect.db --quarter 2022Q1 $W/cl >/dev/null"

echo "== P5 report (500 rows)"
b "P5 report reportlab" $PY report_reportlab.py out/p1_big.json out/report_reportlab.pdf
b "P5 report roadmap 5000 items" "$R" report "$W/big.json" --quarter 2022Q1 -o "$W/report.pdf"

echo "== ratios (peer median / roadmap median)"
$PY - "$TSV" <<'PYEOF'
import sys, csv
rows = {r[0]: r for r in csv.reader(open(sys.argv[1]), delimiter='\t') if len(r) > 5}
def med(label): return float(rows[label][2]) if label in rows else None
def mem(label): return float(rows[label][6]) if label in rows else None
pairs = [("P1 seed", "P1 seed bs4", "P1 seed roadmap"), ("P1 big", "P1 big bs4", "P1 big roadmap"),
         ("P1 corpus", "P1 corpus bs4", "P1 corpus roadmap"),
         ("P2 tracker", "P2 tracker xlsxwriter", "P2 tracker roadmap"), ("P2 tracker", "P2 tracker openpyxl", "P2 tracker roadmap"),
         ("P3 checklists", "P3 checklists xlsxwriter in_memory", "P3 checklists roadmap"),
         ("P3 checklists", "P3 checklists openpyxl", "P3 checklists roadmap"),
         ("P4 collect", "P4 collect openpyxl", "P4 collect roadmap"),
         ("P5 report", "P5 report reportlab", "P5 report roadmap 5000 items")]
print(f"{'job':14} {'peer':38} {'peer s':>8} {'roadmap s':>10} {'ratio':>7} {'roadmap MiB':>12}")
for job, peer, ours in pairs:
    a, b = med(peer), med(ours)
    if a is None or b is None: continue
    print(f"{job:14} {peer:38} {a:8.3f} {b:10.3f} {a/b:6.1f}x {mem(ours):12.1f}")
PYEOF
