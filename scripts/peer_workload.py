#!/usr/bin/python3
"""Puts the peers' checklist assignment into a roadmap that `roadmap checklists` reads.

The peers' checklist job (shared/peers: checklists_*.py) gives each of the 500
schools of workload/orgs.txt a sample of 80 of the 4,996 activities of
workload/big.txt (common.school_items). roadmap decides who gets which
activity from the plan's executors, so this writes the peers' big.txt with
each activity's executor cell naming exactly the schools whose sample holds
it (and the executor cells of continuation rows emptied), and the
schools as a directory for --orgs. Both sides then write the same 500
checklists of the same 80 activities each. Rows are told apart as the
peers' own parser does (parse_roadmap.parse), with its own functions.

Usage: peer_workload.py PEERS_DIR OUT_DIR
  PEERS_DIR  the peers' folder after gen_workload.py and parse_roadmap.py
             (workload/big.txt, workload/orgs.txt, out/p1_big.json)
  OUT_DIR    gets big-schools.txt and orgs.csv
"""
import csv
import os
import sys


def main():
    peers, out = sys.argv[1], sys.argv[2]
    sys.path.insert(0, peers)
    from common import load_items, load_orgs, school_items
    from parse_roadmap import NUM_RE, clean

    _, items = load_items(os.path.join(peers, 'out', 'p1_big.json'))
    orgs = load_orgs(os.path.join(peers, 'workload', 'orgs.txt'))
    holders = [[] for _ in items]
    for i, school in enumerate(orgs, 1):
        for k in school_items(list(range(len(items))), i):  # the indices of its sample
            holders[k].append(school)

    with open(os.path.join(peers, 'workload', 'big.txt'), encoding='utf-8') as f:
        lines = f.read().split('\n')
    header, ncols, k, after_row = None, 0, 0, False
    for n, raw in enumerate(lines):  # parse_roadmap.parse, row by row
        line = raw.rstrip('\r')
        if not line.strip():
            continue
        if header is None:
            if '\t' in line:
                header = line.split('\t')
                ncols = len(header)
            continue
        cells = line.split('\t')
        cells += [''] * (ncols - len(cells))
        nonempty = [c.strip() for c in cells if c.strip()]
        if nonempty and all(set(c) <= {'-'} for c in nonempty):
            continue
        first = clean(cells[0])
        if not first:
            if after_row:  # a continuation: its row's executors are set
                cells[3] = ''
                lines[n] = '\t'.join(cells)
            continue
        if not NUM_RE.match(first):
            after_row = False  # a section
            continue
        after_row = True
        rest = [clean(c) for c in cells[1:ncols]]
        if rest and rest[0] and not any(rest[1:]):
            continue  # a group row
        cells[3] = ', '.join(holders[k])
        lines[n] = '\t'.join(cells)
        k += 1
    if k != len(items):
        sys.exit('peer_workload: %d activity rows in big.txt, the peers parsed %d' % (k, len(items)))
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, 'big-schools.txt'), 'w', encoding='utf-8') as f:
        f.write('\n'.join(lines))
    with open(os.path.join(out, 'orgs.csv'), 'w', encoding='utf-8', newline='') as f:
        w = csv.writer(f)
        w.writerow(['name', 'short', 'groups'])
        for school in orgs:
            w.writerow([school, '', ''])
    print('%d activities, %d schools, %d assignments' % (k, len(orgs), sum(map(len, holders))))


if __name__ == '__main__':
    main()
