#!/usr/bin/python3
"""Makes the peers' workload (shared/peers) into inputs roadmap does the same work on.

  peer_workload.py schools PEERS_DIR OUT_DIR
      The peers' checklist job (checklists_*.py) gives each of the 500 schools
      of workload/orgs.txt a sample of 80 of the 4,996 activities of
      workload/big.txt (common.school_items). roadmap decides who gets which
      activity from the plan's executors, so this writes OUT_DIR/big-schools.txt:
      the peers' big.txt with each activity's executor cell naming exactly the
      schools whose sample holds it (and the executor cells of continuation
      rows emptied); and OUT_DIR/orgs.csv, the schools as a directory for
      --orgs. Both sides then write the same 500 checklists of the same 80
      activities each.

  peer_workload.py first PEERS_DIR K OUT_FILE
      The peers' big.txt up to its K-th activity row and its continuation
      rows: the plan whose quarterly report has as many rows as ReportLab's
      report of the first activities (bench-peers.sh picks K).

Rows are told apart as the peers' own parser does (parse_roadmap.parse), with
its own functions. PEERS_DIR is the peers' folder after gen_workload.py and
parse_roadmap.py (workload/big.txt, workload/orgs.txt, out/p1_big.json).
"""
import csv
import os
import sys


def rows(lines, clean, num_re):
    """Yields (index, cells, kind) for the table rows of big.txt as
    parse_roadmap.parse classifies them: 'item', 'group', 'section',
    'continuation' (a row continuing the row before a page break)."""
    header, ncols, after_row = None, 0, False
    for n, raw in enumerate(lines):
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
            if after_row:
                yield n, cells, 'continuation'
            continue
        if not num_re.match(first):
            after_row = False
            yield n, cells, 'section'
            continue
        after_row = True
        rest = [clean(c) for c in cells[1:ncols]]
        yield n, cells, 'group' if rest and rest[0] and not any(rest[1:]) else 'item'


def main():
    mode, peers = sys.argv[1], sys.argv[2]
    sys.path.insert(0, peers)
    from common import load_items, load_orgs, school_items
    from parse_roadmap import NUM_RE, clean

    _, items = load_items(os.path.join(peers, 'out', 'p1_big.json'))
    with open(os.path.join(peers, 'workload', 'big.txt'), encoding='utf-8') as f:
        lines = f.read().split('\n')

    if mode == 'first':
        k, out = int(sys.argv[3]), sys.argv[4]
        seen, end = 0, len(lines)
        for n, _, kind in rows(lines, clean, NUM_RE):
            if kind == 'item':
                seen += 1
                if seen > k:
                    end = n
                    break
        with open(out, 'w', encoding='utf-8') as f:
            f.write('\n'.join(lines[:end]) + '\n')
        return

    out = sys.argv[3]
    orgs = load_orgs(os.path.join(peers, 'workload', 'orgs.txt'))
    holders = [[] for _ in items]
    for i, school in enumerate(orgs, 1):
        for k in school_items(list(range(len(items))), i):  # the indices of its sample
            holders[k].append(school)
    k = 0
    for n, cells, kind in rows(lines, clean, NUM_RE):
        if kind == 'continuation':
            cells[3] = ''  # the executors of its row are set
        elif kind == 'item':
            cells[3] = ', '.join(holders[k])
            k += 1
        else:
            continue
        lines[n] = '\t'.join(cells)
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
