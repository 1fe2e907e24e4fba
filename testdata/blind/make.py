#!/usr/bin/env python3
"""Writes the blind roadmaps of testdata/blind from their sources in src/.

Each src/NN-name.dsl describes one roadmap as its officials typed it and says,
by hand, how a careful reader reads it. This script writes the document in the
format a converter or an office suite produces (a tab-separated export with
HTML in its cells, Word's "Save as Web Page" in Windows-1251, LibreOffice
Writer HTML through a real soffice) and NN-name.expect, the expected reading.

The expected deadline months are never computed: each deadline text of a
document is mapped to its months by hand in the source (a "dl" block). The
expected executors are the cell split at commas and semicolons only when the
cell has nothing that makes the split doubtful; a cell with " и ", "совместно",
"(" or a participial clause must carry its reading by hand (x=...), or this
script stops.

Run: python3 testdata/blind/make.py  (needs soffice for the LibreOffice ones).

The DSL, one row a line:
  doc key: value           settings (name, format, encoding, columns, ...)
  title: text              a title line (several allowed, in order)
  after: text              a line after the table
  head: c1 | c2 | ...      a header row; "text@c3" colspan, "text@r2" rowspan
  dl: text => months       the hand reading of one deadline text
  = text                   a section row ("=[style] text" for another style)
  ~ c1 | c2 | ...          a table row that is no activity (totals, numbers)
  c1 | c2 | ... {opts}     an activity, its cells in the order of the columns
  @break [n]               a page break: n blank lines (TSV)
  @header                  the header repeated (TSV, HTML)
  @table text              HTML: the table ends, a paragraph, a new table
  ! raw                    a raw line (TSV) or raw HTML
A cell "^" is the cell above merged down (rowspan in HTML; in TSV the
converter keeps only the first copy, so it is empty).
Options of an activity: m=months (overrides dl), x=exec;co:exec;... (the
executors), brk=col:pos+col:pos (page break inside the row: the cells are cut
at pos and continue in a continuation row), hdr (the header is repeated at
that break), tab=col:pos (a tab typed inside the cell), drop=col (the export
dropped that empty cell), n=number (the expected number when the cell does
not show it), nosplit (the executors cell is read as written, whole).
"""
import html
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "src")


class Doc:
    def __init__(self):
        self.cfg = {}
        self.title = []
        self.after = []
        self.head = []
        self.dl = {}
        self.rows = []  # (kind, payload)


def parse(path):
    d = Doc()
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for ln, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("doc "):
            k, v = line[4:].split(":", 1)
            d.cfg[k.strip()] = v.strip()
        elif line.startswith("title:"):
            d.title.append(line[6:].strip())
        elif line.startswith("after:"):
            d.after.append(line[6:].strip())
        elif line.startswith("head:"):
            if "|" in line:
                d.head.append([c.strip() for c in line[5:].split("|")])
            else:  # a TSV header line as typed: its leading tabs are empty cells
                d.head.append([line[5:].lstrip(" ")])
        elif line.startswith("dl:"):
            k, v = line[3:].split("=>")
            d.dl[norm_dl(k)] = v.strip()
        elif line.startswith("="):
            m = re.match(r"=(\[(\w+)\])?\s*(.*)", line)
            d.rows.append(("sec", (m.group(2), m.group(3).strip(), ln)))
        elif line.startswith("~"):
            d.rows.append(("raw", ([c.strip() for c in line[1:].split("|")], ln)))
        elif line.startswith("@"):
            parts = line[1:].split(None, 1)
            d.rows.append(("cmd", (parts[0], parts[1] if len(parts) > 1 else "", ln)))
        elif line.startswith("!"):
            d.rows.append(("lit", (line[1:].lstrip(), ln)))
        else:
            opts = {}
            m = re.search(r"\{([^{}]*)\}\s*$", line)
            if m:
                line = line[: m.start()]
                # options are separated by commas, but x= names may hold commas
                for o in re.split(r",\s*(?=(?:m|x|brk|tab|drop|n|blank)=|hdr\b|nosplit\b)", m.group(1)):
                    o = o.strip()
                    if not o:
                        continue
                    if "=" in o:
                        k, v = o.split("=", 1)
                        if k in opts:
                            opts[k] += "," + v
                        else:
                            opts[k] = v
                    else:
                        opts[o] = True
            cells = [c.strip() for c in line.split("|")]
            d.rows.append(("item", (cells, opts, ln)))
    return d


def norm_dl(s):
    return re.sub(r"\s+", " ", s.strip()).lower()


def plain(s):
    """The visible text of a cell written in the DSL."""
    s = re.sub(r"<br\s*/?>", " ", s)
    s = re.sub(r"<[^>]+>", "", s)
    s = html.unescape(s)
    return re.sub(r"\s+", " ", s).strip()


DOUBT = re.compile(r"\bи\b|совместно|\(|ющ(ие|ий|ая|ее)\b|вш(ие|ий|ая)\b")


def expect_for(d, path):
    cols = d.cfg["columns"].split()
    out = ["# " + d.cfg["name"], "# period: " + d.cfg.get("period", "?")]
    if "municipality" in d.cfg:
        out.append("# municipality: " + d.cfg["municipality"])
    above = {}
    for kind, p in d.rows:
        if kind != "item":
            continue
        cells, opts, ln = p
        if len(cells) != len(cols):
            sys.exit(f"{path}:{ln}: {len(cells)} cells, {len(cols)} columns")
        val = {}
        for c, v in zip(cols, cells):
            if v == "^":
                v = above.get(c, "")
            else:
                above[c] = v
            val.setdefault(c, v)
        num = opts.get("n") or (plain(val.get("num", "")) or "-")
        act = plain(val["act"])
        words = act.split()
        prefix = " ".join(words[: min(6, len(words))])
        # months
        if "m" in opts:
            months = opts["m"]
        else:
            dtext = plain(val.get("dl", ""))
            if "dl2" in val:  # two date columns: start | end
                dtext = (dtext + " - " + plain(val["dl2"])).strip(" -")
            key = norm_dl(dtext)
            if key not in d.dl:
                sys.exit(f"{path}:{ln}: no dl reading for {dtext!r}")
            months = d.dl[key]
        # executors
        if "x" in opts:
            ex = opts["x"]  # x=a;b;co:c (commas separate options)
        else:
            ex = []
            for c in ("ex", "co"):
                if c not in val:
                    continue
                t = plain(val[c])
                if "nosplit" in opts:
                    parts = [t] if t else []
                else:
                    if DOUBT.search(t):
                        sys.exit(f"{path}:{ln}: executors need x=: {t!r}")
                    parts = [x.strip(" .") for x in re.split(r"[;,]", t) if x.strip(" .")]
                ex += [("co:" if c == "co" else "") + x for x in parts]
            ex = ";".join(ex)
        out.append(f"{num} | {prefix} | {months} | {ex}")
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- TSV


def tsv_cell(s):
    """A cell as the converter writes it: paragraphs as <p>, lists inline."""
    if "<br>" in s:
        parts = [p.strip() for p in s.split("<br>")]
        return " ".join(f"<p>{p}</p>" for p in parts if p)
    return s


def tsv_head(head):
    """Header rows as a converter exports them: a merged cell once, the
    columns and rows it covers empty."""
    if not any("@" in c for row in head for c in row):
        return head
    grid = {}
    out = []
    for r, row in enumerate(head):
        cells, j = [], 0
        for c in row:
            while (r, j) in grid:
                cells.append("")
                j += 1
            text, rs, cs = header_cells([c])[0]
            cells.append(text)
            for dr in range(rs):
                for dc in range(cs):
                    if dr or dc:
                        grid[(r + dr, j + dc)] = True
            cells += [""] * (cs - 1)
            j += cs
        while (r, j) in grid:
            cells.append("")
            j += 1
        out.append(cells)
    return out


def html_head(head):
    """TSV header lines as HTML header rows (cells split at tabs)."""
    return [sum((c.split("\t") for c in row), []) for row in head]


def write_tsv(d, path):
    cols = d.cfg["columns"].split()
    n = len(cols)
    secstyle = d.cfg.get("secstyle", "bold")
    out = []
    for t in d.title:
        out.append(t)
    out.append("")
    for h in tsv_head(d.head):
        out.append("\t".join(h))
    header = ["\t".join(h) for h in tsv_head(d.head)]
    for kind, p in d.rows:
        if kind == "sec":
            style, text, _ = p
            style = style or secstyle
            if style == "bold":
                out.append(f"<b>{text}</b>" + "\t" * (n - 1))
            elif style == "plain":
                out.append(text + "\t" * (n - 1))
            elif style == "notabs":
                out.append(text)
            elif style == "second":  # the heading in the activity column
                i = cols.index("act")
                cells = [""] * n
                cells[i] = f"<b>{text}</b>"
                out.append("\t".join(cells))
            elif style == "numsplit":  # "1." | "<b>heading</b>" | ...
                m = re.match(r"(\S+)\s+(.*)", text)
                cells = [""] * n
                cells[0] = m.group(1)
                cells[cols.index("act")] = f"<b>{m.group(2)}</b>"
                out.append("\t".join(cells))
            else:
                sys.exit("unknown section style " + style)
        elif kind == "raw":
            cells, _ = p
            out.append("\t".join("" if c == "^" else c for c in cells))
        elif kind == "lit":
            out.append(p[0])
        elif kind == "cmd":
            c, arg, _ = p
            if c == "break":
                out += [""] * int(arg or 2)
            elif c == "header":
                out += header
            elif c == "table":  # a second table: the paragraph between, its header
                out += ["", "", arg, ""] if arg else ["", ""]
                out += header
            else:
                sys.exit("tsv: unknown command " + c)
        else:
            cells, opts, ln = p
            cells = ["" if c == "^" else tsv_cell(c) for c in cells]
            rest = None
            if "brk" in opts:
                rest = [""] * n
                for spec in opts["brk"].split("+"):
                    c, pos = spec.split(":")
                    i = cols.index(c)
                    pos = int(pos)
                    rest[i] = cells[i][pos:].lstrip()
                    cells[i] = cells[i][:pos].rstrip() if cells[i][pos:pos + 1] == " " else cells[i][:pos]
            if "tab" in opts:
                c, pos = opts["tab"].split(":")
                i = cols.index(c)
                pos = int(pos)
                cells[i] = cells[i][:pos] + "\t" + cells[i][pos:].lstrip()
            if "drop" in opts:
                i = cols.index(opts["drop"])
                if cells[i]:
                    sys.exit(f"{path}:{ln}: dropped cell not empty")
                del cells[i]
            line = "\t".join(cells)
            out.append(line)
            if rest is not None:
                out += [""] * int(opts.get("blank", 2))
                if "hdr" in opts:
                    out += header
                out.append("\t".join(rest))
    for a in d.after:
        out.append(a)
    text = "\n".join(out) + "\n"
    enc = d.cfg.get("encoding", "utf-8")
    if d.cfg.get("crlf") == "yes":
        text = text.replace("\n", "\r\n")
    with open(path, "wb") as f:
        f.write(text.encode(enc))


# ---------------------------------------------------------------- HTML


def span_grid(d):
    """Rows of cells with rowspans computed from "^" cells."""
    cols = d.cfg["columns"].split()
    rows = []
    for kind, p in d.rows:
        if kind == "item":
            rows.append(("item", list(p[0]), p[1]))
        elif kind == "raw":
            rows.append(("raw", list(p[0]), None))
        else:
            rows.append((kind, p, None))
    # rowspan: count "^" below each cell in consecutive table rows
    spans = {}
    for ri, (kind, cells, _) in enumerate(rows):
        if kind not in ("item", "raw"):
            continue
        for ci, c in enumerate(cells):
            if c == "^":
                continue
            k = 1
            while (ri + k < len(rows) and rows[ri + k][0] in ("item", "raw")
                   and ci < len(rows[ri + k][1]) and rows[ri + k][1][ci] == "^"):
                k += 1
            spans[(ri, ci)] = k
    return cols, rows, spans


def paras(s):
    return [p.strip() for p in s.split("<br>")] if s else [""]


WORD_HEAD = """<html xmlns:v="urn:schemas-microsoft-com:vml"
xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word"
xmlns:m="http://schemas.microsoft.com/office/2004/12/omml"
xmlns="http://www.w3.org/TR/REC-html40">

<head>
<meta http-equiv=Content-Type content="text/html; charset=windows-1251">
<meta name=ProgId content=Word.Document>
<meta name=Generator content="Microsoft Word 15">
<meta name=Originator content="Microsoft Word 15">
<link rel=File-List href="{stem}.files/filelist.xml">
<title>{title}</title>
<!--[if gte mso 9]><xml>
 <o:DocumentProperties>
  <o:Author>{author}</o:Author>
  <o:LastAuthor>{author}</o:LastAuthor>
  <o:Revision>7</o:Revision>
  <o:TotalTime>184</o:TotalTime>
  <o:Created>2023-02-14T06:12:00Z</o:Created>
  <o:LastSaved>2023-03-01T09:41:00Z</o:LastSaved>
  <o:Pages>6</o:Pages>
  <o:Words>2215</o:Words>
  <o:Characters>12631</o:Characters>
  <o:Company>SPecialiST RePack</o:Company>
  <o:Lines>105</o:Lines>
  <o:Paragraphs>29</o:Paragraphs>
  <o:CharactersWithSpaces>14817</o:CharactersWithSpaces>
  <o:Version>16.00</o:Version>
 </o:DocumentProperties>
</xml><![endif]-->
<!--[if gte mso 9]><xml>
 <w:WordDocument>
  <w:SpellingState>Clean</w:SpellingState>
  <w:GrammarState>Clean</w:GrammarState>
  <w:TrackMoves>false</w:TrackMoves>
  <w:TrackFormatting/>
  <w:PunctuationKerning/>
  <w:ValidateAgainstSchemas/>
  <w:SaveIfXMLInvalid>false</w:SaveIfXMLInvalid>
  <w:IgnoreMixedContent>false</w:IgnoreMixedContent>
  <w:AlwaysShowPlaceholderText>false</w:AlwaysShowPlaceholderText>
  <w:DoNotPromoteQF/>
  <w:LidThemeOther>RU</w:LidThemeOther>
  <w:LidThemeAsian>X-NONE</w:LidThemeAsian>
  <w:LidThemeComplexScript>X-NONE</w:LidThemeComplexScript>
 </w:WordDocument>
</xml><![endif]-->
<style>
<!--
 /* Font Definitions */
 @font-face
	{{font-family:"Cambria Math";
	panose-1:2 4 5 3 5 4 6 3 2 4;
	mso-font-charset:204;
	mso-generic-font-family:roman;
	mso-font-pitch:variable;
	mso-font-signature:-536869121 1107305727 33554432 0 415 0;}}
 /* Style Definitions */
 p.MsoNormal, li.MsoNormal, div.MsoNormal
	{{mso-style-unhide:no;
	mso-style-qformat:yes;
	mso-style-parent:"";
	margin:0cm;
	font-size:12.0pt;
	font-family:"Times New Roman",serif;
	mso-fareast-font-family:"Times New Roman";}}
p.MsoListParagraph, li.MsoListParagraph, div.MsoListParagraph
	{{mso-style-priority:34;
	mso-style-unhide:no;
	mso-style-qformat:yes;
	margin-top:0cm;
	margin-right:0cm;
	margin-bottom:0cm;
	margin-left:36.0pt;
	mso-add-space:auto;
	font-size:12.0pt;
	font-family:"Times New Roman",serif;}}
@page WordSection1
	{{size:841.9pt 595.3pt;
	mso-page-orientation:landscape;
	margin:42.55pt 56.7pt 42.5pt 56.7pt;
	mso-header-margin:35.4pt;
	mso-footer-margin:35.4pt;
	mso-paper-source:0;}}
div.WordSection1
	{{page:WordSection1;}}
 /* List Definitions */
 @list l0
	{{mso-list-id:1151602310;
	mso-list-type:hybrid;
	mso-list-template-ids:-1218488566 68747279 68747289 68747291 68747279 68747289 68747291 68747279 68747289 68747291;}}
@list l0:level1
	{{mso-level-tab-stop:none;
	mso-level-number-position:left;
	margin-left:0cm;
	text-indent:0cm;}}
ol
	{{margin-bottom:0cm;}}
ul
	{{margin-bottom:0cm;}}
-->
</style>
<!--[if gte mso 10]>
<style>
 /* Style Definitions */
 table.MsoNormalTable
	{{mso-style-name:"Обычная таблица";
	mso-tstyle-rowband-size:0;
	mso-tstyle-colband-size:0;
	mso-style-noshow:yes;
	mso-style-priority:99;
	mso-style-parent:"";
	mso-padding-alt:0cm 5.4pt 0cm 5.4pt;
	mso-para-margin:0cm;
	font-size:10.0pt;
	font-family:"Times New Roman",serif;}}
table.MsoTableGrid
	{{mso-style-name:"Сетка таблицы";
	mso-tstyle-rowband-size:0;
	mso-tstyle-colband-size:0;
	mso-style-priority:59;
	mso-style-unhide:no;
	border:solid windowtext 1.0pt;
	mso-border-alt:solid windowtext .5pt;
	mso-padding-alt:0cm 5.4pt 0cm 5.4pt;
	mso-border-insideh:.5pt solid windowtext;
	mso-border-insidev:.5pt solid windowtext;
	mso-para-margin:0cm;
	font-size:10.0pt;
	font-family:"Times New Roman",serif;}}
</style>
<![endif]--><!--[if gte mso 9]><xml>
 <o:shapedefaults v:ext="edit" spidmax="1026"/>
</xml><![endif]--><!--[if gte mso 9]><xml>
 <o:shapelayout v:ext="edit">
  <o:idmap v:ext="edit" data="1"/>
 </o:shapelayout></xml><![endif]-->
</head>

<body lang=RU style='tab-interval:35.4pt;word-wrap:break-word'>

<div class=WordSection1>

"""

WIDTHS = [47, 260, 104, 150, 150, 120, 100, 90, 80, 80, 80]


def word_wrap(text, width=76, indent=""):
    """Word's HTML writer folds its source lines at about 76 columns, at spaces."""
    out = []
    for line in text.split("\n"):
        while len(line) > width:
            cut = line.rfind(" ", 0, width)
            if cut <= len(indent):
                cut = line.find(" ", width)
                if cut < 0:
                    break
            out.append(line[:cut])
            line = indent + line[cut + 1:]
        out.append(line)
    return "\n".join(out)


def word_para(text, bold=False, center=False, listnum=None):
    style = "style='font-family:\"Times New Roman\",serif'"
    if not text and listnum is not None:
        text = "<o:p>&nbsp;</o:p>"
        return (
            "<p class=MsoListParagraph style='margin-left:0cm;mso-add-space:auto;"
            "text-indent:0cm;mso-list:l0 level1 lfo1'><![if !supportLists]><span "
            f"{style}><span style='mso-list:Ignore'>{listnum}<span "
            "style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; "
            "</span></span></span><![endif]><span " + style + ">" + text + "</span></p>"
        )
    if not text:
        return "<p class=MsoNormal><span " + style + "><o:p>&nbsp;</o:p></span></p>"
    t = text
    t = re.sub(r"(№)\s+(\d)", r"\1&nbsp;\2", t)
    if bold:
        t = f"<b><span {style}>{t}<o:p></o:p></span></b>"
    else:
        t = f"<span {style}>{t}<o:p></o:p></span>"
    if listnum is not None:
        return (
            "<p class=MsoListParagraph style='margin-left:0cm;mso-add-space:auto;"
            "text-indent:0cm;mso-list:l0 level1 lfo1'><![if !supportLists]><span "
            f"{style}><span style='mso-list:Ignore'>{listnum}<span "
            "style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; "
            "</span></span></span><![endif]>" + t + "</p>"
        )
    al = " align=center style='text-align:center'" if center else ""
    return f"<p class=MsoNormal{al}>{t}</p>"


def word_cell(text, width, rs=1, cs=1, bold=False, center=False, listnum=None, first=False):
    attrs = f"width={width}"
    if rs > 1:
        attrs += f" rowspan={rs}"
    if cs > 1:
        attrs += f" colspan={cs}"
    border = "border:solid windowtext 1.0pt" if first else "border:solid windowtext 1.0pt;border-top:none;mso-border-top-alt:solid windowtext .5pt"
    s = word_wrap(f"  <td {attrs} valign=top style='width:{width * 0.75:.2f}pt;{border};mso-border-alt:solid windowtext .5pt;padding:0cm 5.4pt 0cm 5.4pt'>", 76, "  ") + "\n"
    body = "\n".join(word_para(p, bold, center, listnum if i == 0 else None) for i, p in enumerate(paras(text)))
    s += word_wrap("  " + body, 76, "  ") + "\n  </td>\n"
    return s


def header_cells(row):
    out = []
    for c in row:
        rs = cs = 1
        m = re.search(r"@([rc]\d+)(@([rc]\d+))?$", c)
        if m:
            for g in (m.group(1), m.group(3)):
                if g and g[0] == "r":
                    rs = int(g[1:])
                elif g:
                    cs = int(g[1:])
            c = c[: m.start()]
        out.append((c, rs, cs))
    return out


def write_word(d, path):
    cols, rows, spans = span_grid(d)
    n = len(cols)
    listnums = d.cfg.get("autonum") == "yes"
    stem = os.path.splitext(os.path.basename(path))[0]
    out = [WORD_HEAD.format(stem=stem, title=plain(d.title[0]) if d.title else "", author=d.cfg.get("author", "User"))]
    for t in d.title:
        bold = t.startswith("**")
        t = t.strip("*")
        out.append(word_wrap(word_para(t, bold=bold, center=True)) + "\n\n")
    irow = [0]

    def open_table():
        out.append("<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0\n"
                   " style='border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt;\n"
                   " mso-yfti-tbllook:1184;mso-padding-alt:0cm 5.4pt 0cm 5.4pt'>\n")

    def header():
        for hr in d.head:
            tr(header_cells(hr), bold=True, center=True)

    def tr(cells, bold=False, center=False, listnum=None):
        extra = ";mso-yfti-firstrow:yes" if irow[0] == 0 else ""
        out.append(f" <tr style='mso-yfti-irow:{irow[0]}{extra}'>\n")
        ci = 0
        for text, rs, cs in cells:
            w = sum(WIDTHS[ci:ci + cs]) if ci < len(WIDTHS) else 80
            out.append(word_cell(text, w, rs, cs, bold, center, listnum if ci == 0 else None, first=irow[0] == 0))
            ci += cs
        out.append(" </tr>\n")
        irow[0] += 1

    open_table()
    header()
    for ri, (kind, p, opts) in enumerate(rows):
        if kind == "sec":
            style, text, _ = p
            if style == "numsplit":
                m = re.match(r"(\S+)\s+(.*)", text)
                tr([(m.group(1), 1, 1), (m.group(2), 1, n - 1)], bold=True)
            else:
                tr([(text, 1, n)], bold=True)
        elif kind == "raw":
            tr([(c, spans[(ri, ci)], 1) for ci, c in enumerate(p) if c != "^"])
        elif kind == "lit":
            out.append(p[0] + "\n")
        elif kind == "cmd":
            c, arg, _ = p
            if c == "header":
                header()
            elif c == "table":
                out.append("</table>\n\n")
                out.append("<span style='font-size:12.0pt;font-family:\"Times New Roman\",serif'><br clear=all style='page-break-before:always;mso-break-type:section-break'>\n</span>\n\n")
                if arg:
                    out.append(word_para(arg) + "\n\n")
                irow[0] = 0
                open_table()
                header()
            elif c == "break":
                pass
            else:
                sys.exit("word: unknown command " + c)
        else:
            cells = []
            for ci, c in enumerate(p):
                if c == "^":
                    continue
                cells.append((c, spans[(ri, ci)], 1))
            ln = None
            if listnums and cells and cells[0][0]:
                ln = cells[0][0]
                cells[0] = ("", cells[0][1], 1)
            tr(cells, listnum=ln)
    out.append("</table>\n\n")
    for a in d.after:
        out.append(word_wrap(word_para(a)) + "\n\n")
    out.append("<p class=MsoNormal><o:p>&nbsp;</o:p></p>\n\n</div>\n\n</body>\n\n</html>\n")
    text = "".join(out).replace("\r\n", "\n").replace("\n", "\r\n")
    with open(path, "wb") as f:
        f.write(text.encode("cp1251", errors="xmlcharrefreplace"))


def write_lo(d, path):
    """A plain HTML document opened in LibreOffice Writer and saved as HTML."""
    cols, rows, spans = span_grid(d)
    n = len(cols)
    ol = d.cfg.get("autonum") == "yes"
    out = ["<html><head><meta charset=\"utf-8\"><title></title></head><body>"]
    for t in d.title:
        b = t.startswith("**")
        t = t.strip("*")
        out.append(f"<p align=\"center\">{'<b>' if b else ''}{t}{'</b>' if b else ''}</p>")

    def cell(tag, text, rs=1, cs=1, bold=False):
        a = ""
        if rs > 1:
            a += f' rowspan="{rs}"'
        if cs > 1:
            a += f' colspan="{cs}"'
        body = "".join(f"<p>{'<b>' if bold else ''}{p}{'</b>' if bold else ''}</p>" for p in paras(text))
        return f"<{tag}{a}>{body}</{tag}>"

    def header():
        for hr in d.head:
            out.append("<tr>" + "".join(cell("td", c, rs, cs, True) for c, rs, cs in header_cells(hr)) + "</tr>")

    out.append('<table border="1" cellpadding="4" cellspacing="0" width="100%">')
    header()
    counter = 0
    for ri, (kind, p, opts) in enumerate(rows):
        if kind == "sec":
            style, text, _ = p
            out.append("<tr>" + cell("td", text, 1, n, True) + "</tr>")
        elif kind == "raw":
            out.append("<tr>" + "".join(cell("td", c, spans[(ri, ci)]) for ci, c in enumerate(p) if c != "^") + "</tr>")
        elif kind == "lit":
            out.append(p[0])
        elif kind == "cmd":
            c, arg, _ = p
            if c == "header":
                header()
            elif c == "table":
                out.append("</table>")
                if arg:
                    out.append(f"<p>{arg}</p>")
                out.append('<table border="1" cellpadding="4" cellspacing="0" width="100%">')
                header()
        else:
            tds = []
            for ci, c in enumerate(p):
                if c == "^":
                    continue
                if ci == 0 and ol and c:
                    counter += 1
                    tds.append(f'<td><ol start="{counter}"><li><p></p></li></ol></td>')
                    continue
                tds.append(cell("td", c, spans[(ri, ci)]))
            out.append("<tr>" + "".join(tds) + "</tr>")
    out.append("</table>")
    for a in d.after:
        out.append(f"<p>{a}</p>")
    out.append("</body></html>")
    with tempfile.TemporaryDirectory() as tmp:
        stem = os.path.splitext(os.path.basename(path))[0]
        src = os.path.join(tmp, stem + ".html")
        with open(src, "w", encoding="utf-8") as f:
            f.write("\n".join(out))
        od = os.path.join(tmp, "out")
        subprocess.run(["soffice", "--headless", "--infilter=HTML (StarWriter)", "--convert-to",
                        "html:HTML (StarWriter)", "--outdir", od, src], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with open(os.path.join(od, stem + ".html"), "rb") as f:
            data = f.read()
    if d.cfg.get("encoding") == "utf-8-sig":
        data = b"\xef\xbb\xbf" + data
    with open(path, "wb") as f:
        f.write(data)


def main():
    args = sys.argv[1:]
    fmt_over, out_dir = None, HERE
    if args[:1] == ["--as"]:  # --as FORMAT DIR: every source in another format
        fmt_over, out_dir, args = args[1], args[2], args[3:]
        os.makedirs(out_dir, exist_ok=True)
    only = args
    for fn in sorted(os.listdir(SRC)):
        if not fn.endswith(".dsl"):
            continue
        stem = fn[:-4]
        if only and stem not in only and stem[:2] not in only:
            continue
        path = os.path.join(SRC, fn)
        d = parse(path)
        fmt = d.cfg["format"]
        if fmt_over and fmt_over != fmt:
            if fmt == "tsv":
                d.head = html_head(d.head)
                d.cfg.pop("encoding", None)
            fmt = fmt_over
        ext = {"tsv": ".txt", "word": ".htm", "lo": ".html"}[fmt]
        doc = os.path.join(out_dir, stem + ext)
        exp = expect_for(d, path)
        {"tsv": write_tsv, "word": write_word, "lo": write_lo}[fmt](d, doc)
        with open(os.path.join(out_dir, stem + ".expect"), "w", encoding="utf-8") as f:
            f.write(f"# document: {os.path.basename(doc)}\n" + exp)
        print(stem, fmt, exp.count("\n") - 3, "activities")


if __name__ == "__main__":
    main()
