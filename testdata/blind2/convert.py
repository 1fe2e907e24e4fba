#!/usr/bin/env python3
"""Write the second blind set's documents in other formats, each with its
expectation, into DIR, for `go test ./normalize -run TestBlind -blind.dir DIR`:

  - every HTML document (Word's and LibreOffice's) as .docx, and every .docx
    as LibreOffice HTML and as .odt, through a real soffice;
  - every HTML document as a converter's tab-separated text (a merged cell's
    text on its first row only, paragraphs as <br>), as the seeds were made.

    python3 testdata/blind2/convert.py DIR
"""

import glob
import html
import os
import re
import shutil
import sys
import tempfile
from html.parser import HTMLParser

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "src"))

import lib  # noqa: E402


class TableText(HTMLParser):
    """Lines of an HTML document as a text converter writes them: the
    paragraphs outside tables one a line, each row of the outer table one a
    line with its cells separated by tabs."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines, self.row, self.cell, self.para = [], None, None, []
        self.depth = self.skip = self.col = 0
        self.spans = {}  # column -> rows its cell still spans

    def pad(self):
        while self.spans.get(self.col, 0) > 0:
            self.row.append("")
            self.spans[self.col] -= 1
            self.col += 1

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("style", "script", "xml", "title"):
            self.skip += 1
        elif tag == "table":
            self.depth += 1
        elif tag == "tr" and self.depth == 1:
            self.row, self.col = [], 0
        elif tag in ("td", "th") and self.depth == 1:
            self.pad()
            self.cell = []
            self.rowspan = int(a.get("rowspan") or 1)
            self.colspan = int(a.get("colspan") or 1)
        elif tag in ("p", "br", "li") and self.cell is not None:
            self.cell.append("\n")

    def handle_endtag(self, tag):
        if tag in ("style", "script", "xml", "title"):
            self.skip -= 1
        elif tag in ("td", "th") and self.depth == 1 and self.cell is not None:
            parts = [re.sub(r"\s+", " ", x).strip() for x in "".join(self.cell).split("\n")]
            self.row.append("<br>".join(html.escape(x, quote=False) for x in parts if x))
            if self.rowspan > 1:
                self.spans[self.col] = self.rowspan - 1
            self.col += 1
            for _ in range(1, self.colspan):
                self.row.append("")
                self.col += 1
            self.cell = None
        elif tag == "tr" and self.depth == 1 and self.row is not None:
            self.pad()
            self.lines.append("\t".join(self.row))
            self.row = None
        elif tag == "table":
            self.depth -= 1
        elif tag in ("p", "div") and self.cell is None and self.depth == 0:
            text = re.sub(r"\s+", " ", "".join(self.para)).strip()
            if text:
                self.lines.append(text)
            self.para = []

    def handle_data(self, data):
        if self.skip:
            return
        if self.cell is not None:
            self.cell.append(re.sub(r"\s+", " ", data))  # line breaks come from tags only
        elif self.depth == 0:
            self.para.append(data)


def as_text(src):
    data = open(src, "rb").read()
    enc = "cp1251" if b"charset=windows-1251" in data[:4000] else "utf-8"
    p = TableText()
    p.feed(data.decode(enc))
    return "\n".join(p.lines) + "\n"


def expectation(stem, document, out):
    with open(os.path.join(HERE, stem + ".expect"), encoding="utf-8") as f:
        text = f.read()
    text = re.sub(r"(?m)^# document: .*$", "# document: " + document, text)
    name = os.path.splitext(document)[0] + "-" + document.rsplit(".", 1)[1] + ".expect"
    with open(os.path.join(out, name), "w", encoding="utf-8") as f:
        f.write(text)


def main(out):
    os.makedirs(out, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix="blind2-conv-")
    try:
        for src in sorted(glob.glob(os.path.join(HERE, "[0-9][0-9]-*.*"))):
            base = os.path.basename(src)
            stem, ext = os.path.splitext(base)
            if ext in (".htm", ".html"):
                lib.soffice(src, "docx:MS Word 2007 XML", tmp, infilter="HTML (StarWriter)")
                made = [stem + ".docx"]
                with open(os.path.join(out, stem + ".txt"), "w", encoding="utf-8") as f:
                    f.write(as_text(src))
                expectation(stem, stem + ".txt", out)
            elif ext == ".docx":
                lib.soffice(src, "html:HTML (StarWriter)", tmp)
                lib.soffice(src, "odt", tmp)
                made = [stem + ".html", stem + ".odt"]
            else:
                continue
            for m in made:
                shutil.copyfile(os.path.join(tmp, m), os.path.join(out, m))
                expectation(stem, m, out)
            print(base, "->", ", ".join(made + ([stem + ".txt"] if ext != ".docx" else [])))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
