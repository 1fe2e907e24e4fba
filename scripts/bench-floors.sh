#!/usr/bin/env bash
# Measures the floors of the two import goals of issue 11 that are not met
# (one seed >= 10x bs4, the 1,000-file corpus >= 10x bs4): what the least
# program that does the same work costs as a whole process on this machine.
#
#   WORK=/tmp/roadmap-bench ONLY=P1 scripts/bench-peers.sh   # first: workload, peers, roadmap
#   WORK=/tmp/roadmap-bench N=10 scripts/bench-floors.sh
#
# Beside the peer and roadmap it times three throwaway programs, built here
# into a temporary folder of the module (CGO_ENABLED=0 -trimpath, as
# scripts/build.sh builds roadmap) and removed afterwards:
#   import-only  reads one seed, builds its plan and writes the plan JSON:
#                ingest, normalize and plan linked, nothing else of ours, no
#                command line, no other library;
#   io-only      reads the 1,000 corpus files and writes 2.5 times their
#                bytes (what a plan JSON weighs against its export) to 1,000
#                files through a temporary file and a rename, two workers,
#                no parsing at all;
#   hello        a Go hello world: the runtime alone.
# Timing is the peers' bench.py, as in bench-peers.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
W=${WORK:-/tmp/roadmap-bench}
N=${N:-10}
P=$W/peers
PY=/usr/bin/python3
[ -x "$W/roadmap" ] && [ -d "$P/workload/corpus" ] ||
  { echo "bench-floors: run 'WORK=$W ONLY=P1 scripts/bench-peers.sh' first" >&2; exit 1; }
S0=$(ls "$ROOT"/seeds/*.txt | sed -n 1p)
TSV=$W/floors.tsv
: > "$TSV"

D=$(mktemp -d "$ROOT/.floors.XXXXXX")
trap 'rm -rf "$D"' EXIT
mkdir "$D/importonly" "$D/ioonly" "$D/hello"
cat > "$D/importonly/main.go" <<'EOF'
package main

import (
	"bufio"
	"os"

	"github.com/roadmap-tool/roadmap/ingest"
	"github.com/roadmap-tool/roadmap/normalize"
	"github.com/roadmap-tool/roadmap/normalize/plan"
)

func main() {
	data, err := os.ReadFile(os.Args[1])
	if err != nil {
		panic(err)
	}
	t, err := ingest.Limits{}.Read(os.Args[1], data)
	if err != nil {
		panic(err)
	}
	p, err := normalize.Build(t, normalize.Options{})
	if err != nil {
		panic(err)
	}
	f, err := os.Create(os.Args[2])
	if err != nil {
		panic(err)
	}
	w := bufio.NewWriter(f)
	if err := plan.Write(w, p); err != nil {
		panic(err)
	}
	if err := w.Flush(); err != nil {
		panic(err)
	}
	if err := f.Close(); err != nil {
		panic(err)
	}
}
EOF
cat > "$D/ioonly/main.go" <<'EOF'
package main

import (
	"os"
	"path/filepath"
	"sync"
)

func main() {
	in, out := os.Args[1], os.Args[2]
	if err := os.MkdirAll(out, 0o777); err != nil {
		panic(err)
	}
	ents, err := os.ReadDir(in)
	if err != nil {
		panic(err)
	}
	jobs := make(chan string)
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() {
			for name := range jobs {
				data, err := os.ReadFile(filepath.Join(in, name))
				if err != nil {
					panic(err)
				}
				n := len(data) * 5 / 2
				buf := make([]byte, 0, n+len(data))
				for len(buf) < n {
					buf = append(buf, data...)
				}
				tmp := filepath.Join(out, "."+name+".tmp")
				if err := os.WriteFile(tmp, buf[:n], 0o666); err != nil {
					panic(err)
				}
				if err := os.Rename(tmp, filepath.Join(out, name+".json")); err != nil {
					panic(err)
				}
			}
		})
	}
	for _, e := range ents {
		jobs <- e.Name()
	}
	close(jobs)
	wg.Wait()
}
EOF
printf 'package main\n\nimport "os"\n\nfunc main() { os.Stdout.WriteString("hello\\n") }\n' > "$D/hello/main.go"
for p in importonly ioonly hello; do
  CGO_ENABLED=0 go build -trimpath -o "$W/floor-$p" "./$(basename "$D")/$p"
done

b() { local label=$1; shift; (cd "$P" && $PY bench.py -n "$N" --label "$label" --tsv "$TSV" -- "$@"); }
b "seed bs4" $PY parse_roadmap.py "$S0" -o out/p1_seed0.json
b "seed roadmap" "$W/roadmap" ingest "$S0" -o "$W/seed0.json"
b "seed import-only" "$W/floor-importonly" "$S0" "$W/floor-seed0.json"
b "roadmap --version" "$W/roadmap" --version
b "hello" "$W/floor-hello"
b "corpus bs4" $PY parse_roadmap.py workload/corpus --outdir out/p1_corpus
b "corpus roadmap" "$W/roadmap" ingest -o "$W/corpus-json" workload/corpus
b "corpus io-only" "$W/floor-ioonly" workload/corpus "$W/floor-corpus"

$PY - "$TSV" <<'EOF'
import sys
rows = {l.split("\t")[0]: l.split("\t") for l in open(sys.argv[1]) if l.strip()}
wall = lambda k: float(rows[k][2])
for job, peer in (("seed", "seed bs4"), ("corpus", "corpus bs4")):
    goal = wall(peer) / 10
    print(f"{job}: 10x {peer} asks <= {goal:.3f} s wall")
    for k in rows:
        if k.startswith(job + " ") and k != peer:
            print(f"  {k:<22} {wall(k):.3f} s  ({wall(k) / goal:.1f}x what 10x asks)")
print(f"start: roadmap --version {wall('roadmap --version'):.3f} s, hello {wall('hello'):.3f} s")
EOF
