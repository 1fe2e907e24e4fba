#!/usr/bin/env python3
"""Compares builds of roadmap whole process against whole process.

    scripts/ab-perf.py N 'ARGS' BUILD...

runs each BUILD with ARGS N times, the builds interleaved (in turn, the order
reversed every other round, so that a change of the machine's load falls on
all of them alike), each run under `perf stat -e task-clock,page-faults`, and
prints per build the median and minimum CPU time (task-clock) and the median
and minimum count of page faults. On the project's machine a fresh page of
memory costs 12-18 us, so page faults are time; on a machine shared with other
work CPU time and page faults are the figures to compare, not wall time.

A BUILD is a path to a program, or VAR=VALUE[,VAR=VALUE]@PATH to run it with
those environment variables. The runs start in the current folder; the
program's standard output and error go to files in WORK (default a temporary
folder), as perf's figures do. Examples (BENCHMARKS.md, "Sixth pass
(startup)"):

    scripts/ab-perf.py 40 --version /tmp/old/roadmap /tmp/new/roadmap
    scripts/ab-perf.py 40 'ingest seeds/000_a1e155e70aa7bfd4.txt -o /tmp/x.json' OLD NEW
    scripts/ab-perf.py 40 --version GOMAXPROCS=1@/tmp/new/roadmap /tmp/new/roadmap
"""
import os
import shlex
import statistics
import subprocess
import sys
import tempfile


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    n, args, builds = int(sys.argv[1]), shlex.split(sys.argv[2]), sys.argv[3:]
    work = os.environ.get("WORK") or tempfile.mkdtemp(prefix="ab-perf.")
    stats = os.path.join(work, "perf.csv")
    cpu = {b: [] for b in builds}
    faults = {b: [] for b in builds}
    for i in range(n):
        for b in builds if i % 2 == 0 else builds[::-1]:
            env, prog = dict(os.environ), b
            if "@" in b:
                settings, prog = b.split("@", 1)
                for kv in settings.split(","):
                    k, v = kv.split("=", 1)
                    env[k] = v
            with open(os.path.join(work, "out"), "w") as out, open(os.path.join(work, "err"), "w") as err:
                subprocess.run(["perf", "stat", "-x,", "-o", stats, "-e", "task-clock,page-faults", prog] + args,
                               env=env, stdout=out, stderr=err, check=False)
            got = {}
            with open(stats) as f:
                for line in f:
                    fields = line.strip().split(",")
                    if len(fields) > 3 and fields[2] in ("task-clock", "page-faults"):
                        got[fields[2]] = float(fields[0])
            if len(got) < 2:
                sys.exit("ab-perf: perf stat gave no figures for %s (see %s)" % (b, stats))
            cpu[b].append(got["task-clock"])
            faults[b].append(got["page-faults"])
    for b in builds:
        print("%-40s CPU median %7.2f ms (min %7.2f)  page faults median %6d (min %6d)  n=%d" % (
            b, statistics.median(cpu[b]), min(cpu[b]), statistics.median(faults[b]), min(faults[b]), n))


if __name__ == "__main__":
    main()
