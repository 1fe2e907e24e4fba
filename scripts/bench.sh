#!/usr/bin/env bash
# Runs the Go benchmark of every stage (ingest, normalize, tracker,
# checklists, collect, report, matrix, build) with sizes from the issues,
# and prints the results (benchstat-compatible text).
#
#   scripts/bench.sh                 # ~3 minutes on 2 cores
#   COUNT=5 scripts/bench.sh > new.txt && benchstat old.txt new.txt
#
# Workloads are generated in the benchmarks (internal/workload, deterministic);
# nothing large is committed. The region build (1,000 files) runs once.
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${COUNT:-1}
run() { go test "$1" -run '^$' -bench "$2" -benchmem -count "$COUNT" -benchtime "$3" | grep -E '^(Benchmark|goos|goarch|cpu|pkg)'; }
run ./ingest        'ReadSeed|ReadLarge$'                  20x
run ./normalize     'BuildSeed|BuildLarge|Corpus'          10x
run ./render/xlsx   'Tracker5000|Checklists500|MatrixXLSX' 5x
run ./collect       'Collect500'                           5x
run ./render/pdf    'Report500|Report5000|Matrix$'         3x
run ./view          'Matrices5000|Quarter5000'             10x
run ./produce       'WriteChecklists500|Changes5000'       3x
ROADMAP_BENCH_FILES=1000 run ./pipeline 'BuildRegion|BuildLarge' 1x
