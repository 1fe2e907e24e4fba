#!/usr/bin/env python3
"""Write the second blind set: every src/NN-*.py source into its document
and its expectation (NN-name.expect). The LibreOffice documents need soffice.

    python3 testdata/blind2/make.py            # all
    python3 testdata/blind2/make.py 03 07      # some
    python3 testdata/blind2/make.py --review   # print every executor cell and its reading
"""

import glob
import importlib.util
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "src"))

import lib  # noqa: E402


def load(path):
    name = os.path.splitext(os.path.basename(path))[0].replace("-", "_")
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def main(args):
    review = "--review" in args
    args = [a for a in args if not a.startswith("--")]
    for path in sorted(glob.glob(os.path.join(HERE, "src", "[0-9][0-9]-*.py"))):
        base = os.path.basename(path)
        if args and base[:2] not in args:
            continue
        mod = load(path)
        doc = lib.Doc(mod)
        expect = doc.expect()
        stem = os.path.splitext(mod.FILE)[0]
        if review:
            seen = set()
            for r in doc.rows:
                if r.kind != "I":
                    continue
                for key, co in (("resp", False), ("co", True)):
                    cell = r[key]
                    if cell and (cell, co) not in seen:
                        seen.add((cell, co))
                        print(f"{base[:2]} {'co ' if co else ''}{lib.plain(cell)!r}\n      -> {doc.executors(cell, co)}")
            continue
        out = os.path.join(HERE, mod.FILE)
        data = mod.render(doc, out)
        if data is not None:
            with open(out, "wb") as f:
                f.write(data)
        with open(os.path.join(HERE, stem + ".expect"), "w", encoding="utf-8") as f:
            f.write(expect)
        n = sum(1 for r in doc.rows if r.kind == "I")
        print(f"{mod.FILE}: {n} activities")


if __name__ == "__main__":
    main(sys.argv[1:])
