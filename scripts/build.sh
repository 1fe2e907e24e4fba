#!/usr/bin/env bash
# Builds the roadmap program as users should run it: every command starts
# with less work than a plain `go build` (BENCHMARKS.md, "Sixth pass
# (startup)": `roadmap --version` touches ~110 fewer pages of memory, each
# of which costs 12-18 µs on the project's machine).
#
#   scripts/build.sh                                       # ./roadmap
#   scripts/build.sh -o /usr/local/bin/roadmap
#   GOOS=linux GOARCH=amd64 scripts/build.sh -o roadmap     # for a server
#
#   CGO_ENABLED=0             a static program: no dynamic loader, no C
#                             library mapped and relocated at start (the
#                             SQLite driver is pure Go; DNS and user look-ups
#                             use Go's own resolvers, as on a machine without
#                             a C compiler);
#   -tags urfave_cli_no_docs  urfave/cli without its man-page and Markdown
#                             generators, which roadmap does not use: their
#                             Markdown parser builds 214 KB of tables at start;
#   -trimpath                 no paths of the build machine in the program:
#                             the same bytes from any checkout.
#
# `go run ./cmd/roadmap`, `go install ./cmd/roadmap` and `go test ./...`
# work without these settings; their programs do the same and start a few
# milliseconds later.
set -euo pipefail
out=$PWD/roadmap
while [ $# -gt 0 ]; do
  case $1 in
    -o) [ $# -ge 2 ] || { echo "build.sh: -o needs a path" >&2; exit 2; }; out=$2; shift 2 ;;
    *) echo "build.sh: unknown argument $1 (usage: scripts/build.sh [-o PATH])" >&2; exit 2 ;;
  esac
done
case $out in /*) ;; *) out=$PWD/$out ;; esac
mkdir -p "$(dirname "$out")"
cd "$(dirname "$0")/.."
CGO_ENABLED=0 exec go build -trimpath -tags urfave_cli_no_docs -o "$out" ./cmd/roadmap
