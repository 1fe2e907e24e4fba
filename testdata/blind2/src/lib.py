"""Helpers for the second blind set: parse a document's source, write its
expectation, and render TSV exports, Word "Save as Web Page" HTML and, through
a real soffice, LibreOffice Writer HTML and .docx.

A source (src/NN-name.py) defines:
  FILE, TITLE..., FIELDS (the item fields in source order), ROWS (a text block:
  one row a line), DL (deadline text = months, written by hand), EX (executor
  cell = expected executors, where the cell is not a plain list), and a
  render(doc) function returning the document's bytes (or writing it itself).

ROWS lines:
  I | f1 | f2 | ...    an activity: fields in FIELDS order ("" for empty)
  S | a | b ...        a section row (rendered by the document's renderer)
  P                    a page break (TSV: blank lines)
  H                    the header repeated after a page break (TSV)
  R | raw              a raw line / row the renderer writes as it is (\\t = tab)
Inside a field, "^" marks where a page break cuts the cell (the TSV renderer
writes a continuation row; other formats drop the mark).
"""

import html
import os
import re
import shutil
import subprocess
import tempfile

BREAK = "^"


class Row:
    def __init__(self, kind, cells, fields=None):
        self.kind = kind
        self.cells = cells
        self.f = {}
        if fields:
            if len(cells) != len(fields):
                raise SystemExit(f"row has {len(cells)} fields, want {len(fields)}: {cells}")
            self.f = dict(zip(fields, cells))

    def __getitem__(self, k):
        return self.f.get(k, "")


def parse_rows(text, fields):
    rows = []
    for line in text.strip("\n").split("\n"):
        line = line.rstrip()
        if not line or line.startswith("#"):
            continue
        kind, _, rest = line.partition(" | ")
        kind = kind.strip()
        cells = [c.strip() for c in rest.split("|")] if rest else []
        if kind == "I":
            rows.append(Row("I", cells, fields))
        elif kind in ("S", "R", "T", "F"):
            rows.append(Row(kind, [rest] if kind == "R" else cells))
        elif kind in ("P", "H"):
            rows.append(Row(kind, []))
        else:
            raise SystemExit(f"unknown row kind {kind!r}: {line}")
    return rows


def parse_map(text):
    m = {}
    for line in text.strip("\n").split("\n"):
        if not line.strip() or line.startswith("#"):
            continue
        k, sep, v = line.partition(" = ")
        if not sep:
            raise SystemExit(f"map line without ' = ': {line}")
        m[k.strip()] = v.strip()
    return m


TAG = re.compile(r"<[^>]+>")
BLOCK = re.compile(r"<br\s*/?>|</p>|</li>|<p[^>]*>|<li[^>]*>", re.I)


def plain(s, keep_lines=False):
    s = s.replace(BREAK, "")
    if keep_lines:
        s = BLOCK.sub("\n", s)
    s = TAG.sub(" " if not keep_lines else "", s)
    s = html.unescape(s).replace("\u00a0", " ")
    if keep_lines:
        return "\n".join(re.sub(r"\s+", " ", l).strip() for l in s.split("\n") if l.strip())
    return re.sub(r"\s+", " ", s).strip()


def split_list(cell):
    """Split an executor cell at commas, semicolons and line breaks that are
    outside quotes and parentheses."""
    s = plain(cell, keep_lines=True)
    out, cur, depth, quote = [], "", 0, 0
    for ch in s:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif ch == "«":
            quote += 1
        elif ch == "»":
            quote = max(0, quote - 1)
        if ch in ",;\n" and depth == 0 and quote == 0:
            out.append(cur)
            cur = ""
            continue
        cur += ch
    out.append(cur)
    res = []
    for x in out:
        x = x.strip().lstrip("-–•· ").strip().rstrip(".,;").strip()
        if x:
            res.append(x)
    return res


class Doc:
    def __init__(self, mod):
        self.mod = mod
        self.rows = parse_rows(mod.ROWS, mod.FIELDS)
        self.dl = parse_map(mod.DL)
        self.ex = parse_map(getattr(mod, "EX", ""))
        self.used_dl = set()
        self.used_ex = set()

    def executors(self, cell, co=False):
        if not plain(cell):
            return []
        if cell in self.ex:
            self.used_ex.add(cell)
            names = [x.strip() for x in self.ex[cell].split(";") if x.strip()]
        else:
            names = split_list(cell)
        if co:
            names = [n if n.startswith("co:") else "co:" + n for n in names]
        return names

    def expect(self, words=6):
        m = self.mod
        lines = [f"# document: {m.FILE}", f"# period: {m.PERIOD}"]
        if getattr(m, "MUNICIPALITY", ""):
            lines.append(f"# municipality: {m.MUNICIPALITY}")
        lines.append("# number | first words of the activity | months | executors")
        act_field = getattr(m, "ACT", "act")
        for r in self.rows:
            if r.kind != "I":
                continue
            dl = plain(r["dl"]) if "dl" in r.f else plain(getattr(m, "dl_of")(r))
            if dl == "":
                months = "none"
            else:
                if dl not in self.dl:
                    raise SystemExit(f"{m.FILE}: no months written for deadline {dl!r}")
                self.used_dl.add(dl)
                months = self.dl[dl]
            ex = self.executors(r["resp"])
            if "co" in r.f:
                ex += self.executors(r["co"], co=True)
            act = plain(r[act_field])
            first = " ".join(act.split()[:words])
            num = plain(r["num"]) if plain(r["num"]) else "-"
            if hasattr(m, "num_of"):
                num = m.num_of(r)
            lines.append(f"{num} | {first} | {months} | {'; '.join(ex)}")
        unused = set(self.dl) - self.used_dl
        if unused:
            raise SystemExit(f"{m.FILE}: deadlines written but not used: {sorted(unused)}")
        unused = set(self.ex) - self.used_ex
        if unused:
            raise SystemExit(f"{m.FILE}: executor cells written but not used: {sorted(unused)}")
        return "\n".join(lines) + "\n"


# ---- TSV ----

def tsv_cells_split(cells):
    """Split a row at its page-break marks into the row before the break and
    the continuation row after it (first cell empty)."""
    if not any(BREAK in c for c in cells):
        return [cells]
    before, after = [], []
    for i, c in enumerate(cells):
        if BREAK in c:
            a, b = c.split(BREAK, 1)
            before.append(a.rstrip() if not a.endswith("-") else a)
            after.append(b.lstrip())
        else:
            before.append(c)
            after.append("")
    after[0] = ""
    return [before, None, after]


def tsv(lines, crlf=False, bom=False, encoding="utf-8"):
    nl = "\r\n" if crlf else "\n"
    text = nl.join(lines) + nl
    data = text.encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    return data


# ---- Word "Save as Web Page" ----

def wrap(text, width=76):
    """Wrap lines the way Word writes its HTML: at a space once a line passes
    about 76 characters, the rest on a new line with the line's indent."""
    out = []
    for line in text.split("\n"):
        indent = re.match(r"^ *", line).group(0)
        while len(line) > width:
            cut = line.rfind(" ", len(indent) + 1, width)
            if cut <= len(indent):
                cut = line.find(" ", width)
                if cut < 0:
                    break
            out.append(line[:cut])
            line = indent + line[cut + 1:]
        out.append(line)
    return "\n".join(out)


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
<!--[if gte mso 9]><xml>
 <o:DocumentProperties>
  <o:Author>{author}</o:Author>
  <o:LastAuthor>{author}</o:LastAuthor>
  <o:Revision>{rev}</o:Revision>
  <o:TotalTime>{total}</o:TotalTime>
  <o:LastPrinted>{saved}</o:LastPrinted>
  <o:Created>{created}</o:Created>
  <o:LastSaved>{saved}</o:LastSaved>
  <o:Pages>{pages}</o:Pages>
  <o:Words>{words}</o:Words>
  <o:Characters>{chars}</o:Characters>
  <o:Lines>{lines}</o:Lines>
  <o:Paragraphs>{paras}</o:Paragraphs>
  <o:CharactersWithSpaces>{charsws}</o:CharactersWithSpaces>
  <o:Version>16.00</o:Version>
 </o:DocumentProperties>
</xml><![endif]-->
<link rel=themeData href="{stem}.files/themedata.thmx">
<link rel=colorSchemeMapping href="{stem}.files/colorschememapping.xml">
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
  <w:Compatibility>
   <w:BreakWrappedTables/>
   <w:SnapToGridInCell/>
   <w:WrapTextWithPunct/>
   <w:UseAsianBreakRules/>
   <w:DontGrowAutofit/>
   <w:SplitPgBreakAndParaMark/>
   <w:EnableOpenTypeKerning/>
   <w:DontFlipMirrorIndents/>
   <w:OverrideTableStyleHps/>
  </w:Compatibility>
  <w:BrowserLevel>MicrosoftInternetExplorer4</w:BrowserLevel>
  <m:mathPr>
   <m:mathFont m:val="Cambria Math"/>
   <m:brkBin m:val="before"/>
   <m:brkBinSub m:val="&#45;-"/>
   <m:smallFrac m:val="off"/>
   <m:dispDef/>
   <m:lMargin m:val="0"/>
   <m:rMargin m:val="0"/>
   <m:defJc m:val="centerGroup"/>
   <m:wrapIndent m:val="1440"/>
   <m:intLim m:val="subSup"/>
   <m:naryLim m:val="undOvr"/>
  </m:mathPr></w:WordDocument>
</xml><![endif]--><!--[if gte mso 9]><xml>
 <w:LatentStyles DefLockedState="false" DefUnhideWhenUsed="false"
  DefSemiHidden="false" DefQFormat="false" DefPriority="99"
  LatentStyleCount="376">
  <w:LsdException Locked="false" Priority="0" QFormat="true" Name="Normal"/>
  <w:LsdException Locked="false" Priority="9" QFormat="true" Name="heading 1"/>
  <w:LsdException Locked="false" Priority="39" SemiHidden="true"
   UnhideWhenUsed="true" Name="toc 1"/>
  <w:LsdException Locked="false" Priority="35" SemiHidden="true"
   UnhideWhenUsed="true" QFormat="true" Name="caption"/>
  <w:LsdException Locked="false" Priority="10" QFormat="true" Name="Title"/>
  <w:LsdException Locked="false" Priority="22" QFormat="true" Name="Strong"/>
  <w:LsdException Locked="false" Priority="20" QFormat="true" Name="Emphasis"/>
  <w:LsdException Locked="false" Priority="59" Name="Table Grid"/>
  <w:LsdException Locked="false" Priority="1" QFormat="true" Name="No Spacing"/>
  <w:LsdException Locked="false" Priority="34" QFormat="true"
   Name="List Paragraph"/>
 </w:LatentStyles>
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
@font-face
	{{font-family:Calibri;
	panose-1:2 15 5 2 2 2 4 3 2 4;
	mso-font-charset:204;
	mso-generic-font-family:swiss;
	mso-font-pitch:variable;
	mso-font-signature:-469750017 -1073732485 9 0 511 0;}}
 /* Style Definitions */
 p.MsoNormal, li.MsoNormal, div.MsoNormal
	{{mso-style-unhide:no;
	mso-style-qformat:yes;
	mso-style-parent:"";
	margin:0cm;
	mso-pagination:widow-orphan;
	font-size:12.0pt;
	font-family:"Times New Roman",serif;
	mso-fareast-font-family:"Times New Roman";
	mso-fareast-language:RU;}}
p.MsoNoSpacing, li.MsoNoSpacing, div.MsoNoSpacing
	{{mso-style-priority:1;
	mso-style-unhide:no;
	mso-style-qformat:yes;
	margin:0cm;
	mso-pagination:widow-orphan;
	font-size:11.0pt;
	font-family:"Calibri",sans-serif;
	mso-fareast-font-family:Calibri;
	mso-fareast-language:EN-US;}}
p.MsoListParagraph, li.MsoListParagraph, div.MsoListParagraph
	{{mso-style-priority:34;
	mso-style-unhide:no;
	mso-style-qformat:yes;
	margin-top:0cm;
	margin-right:0cm;
	margin-bottom:0cm;
	margin-left:36.0pt;
	mso-add-space:auto;
	mso-pagination:widow-orphan;
	font-size:12.0pt;
	font-family:"Times New Roman",serif;
	mso-fareast-font-family:"Times New Roman";}}
span.SpellE
	{{mso-style-name:"";
	mso-spl-e:yes;}}
span.GramE
	{{mso-style-name:"";
	mso-gram-e:yes;}}
.MsoChpDefault
	{{mso-style-type:export-only;
	mso-default-props:yes;
	font-family:"Calibri",sans-serif;
	mso-ascii-font-family:Calibri;
	mso-fareast-language:EN-US;}}
@page WordSection1
	{{size:841.9pt 595.3pt;
	mso-page-orientation:landscape;
	margin:42.5pt 42.5pt 42.5pt 56.7pt;
	mso-header-margin:35.4pt;
	mso-footer-margin:35.4pt;
	mso-paper-source:0;}}
div.WordSection1
	{{page:WordSection1;}}
{lists}-->
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
	font-size:11.0pt;
	font-family:"Calibri",sans-serif;
	mso-fareast-language:EN-US;}}
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

WORD_TAIL = """
<p class=MsoNormal><o:p>&nbsp;</o:p></p>

</div>

</body>

</html>
"""

SPELL = re.compile(r"\b(ОМСУ|ППЭ|ОО|ДОО|ГИА|ВПР|КИМ|ФИПИ|РЦОИ|МЦ|ИРО|ЦОДОУ|РИС|ФЦТ|УВР|ПДН|ОМВД|ЗП|КДН|ОВЗ|ЦРО|УДО|Кванториум|ДДТ|ЦДТ|ЦЗН)\b")


def word_text(s, spell=True):
    """Cell or paragraph text as Word writes it: entities for < > &,
    spell-checker spans around abbreviations."""
    s = html.escape(s, quote=False)
    if spell:
        s = SPELL.sub(r"<span class=SpellE>\1</span>", s)
    return s


def word_para(text, align=None, bold=False, size=None, cls="MsoNormal", extra_style=""):
    style = []
    attrs = f"class={cls}"
    if align:
        attrs += f" align={align}"
        style.append(f"text-align:{align}")
    if extra_style:
        style.append(extra_style)
    if style:
        attrs += " style='" + ";".join(style) + "'"
    inner = text
    span_style = f"font-size:{size}.0pt" if size else ""
    if span_style:
        inner = f"<span style='{span_style}'>{inner}<o:p></o:p></span>"
    else:
        inner = f"{inner}<o:p></o:p>"
    if bold:
        inner = f"<b>{inner}</b>"
    return f"<p {attrs}>{inner}</p>"


def word_cell(paras, width_pt, first_row=False, first_col=False, colspan=None, rowspan=None, valign="top"):
    border = "border:solid windowtext 1.0pt"
    if not first_row and not first_col:
        border += ";border-top:none;border-left:none;mso-border-top-alt:solid windowtext .5pt;mso-border-left-alt:solid windowtext .5pt"
    elif not first_row:
        border += ";border-top:none;mso-border-top-alt:solid windowtext .5pt"
    elif not first_col:
        border += ";border-left:none;mso-border-left-alt:solid windowtext .5pt"
    width_pt = round(width_pt, 1)
    attrs = f"width={int(width_pt * 1.333)} valign={valign}"
    if colspan:
        attrs = f"colspan={colspan} " + attrs
    if rowspan:
        attrs = f"rowspan={rowspan} " + attrs
    body = "\n  ".join(paras) if paras else "<p class=MsoNormal><o:p>&nbsp;</o:p></p>"
    return (f"  <td {attrs} style='width:{width_pt:g}pt;{border};mso-border-alt:solid windowtext .5pt;"
            f"padding:0cm 5.4pt 0cm 5.4pt'>\n  {body}\n  </td>")


def word_doc(stem, body, lists="", author="Пользователь", created="2023-08-28T06:12:00Z",
             saved="2023-08-28T07:02:00Z", pages=6):
    words = len(re.findall(r"\w+", TAG.sub(" ", body)))
    head = WORD_HEAD.format(stem=stem, author=author, rev=4, total=97, created=created,
                            saved=saved, pages=pages, words=words, chars=words * 6,
                            lines=words // 9, paras=words // 40, charsws=words * 7, lists=lists)
    text = head + wrap(body) + WORD_TAIL
    text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    return text.encode("cp1251", "xmlcharrefreplace")


# ---- LibreOffice ----

def soffice(src_path, target, outdir, infilter=None):
    """Convert with the real LibreOffice; a private profile so that runs do
    not share state."""
    prof = tempfile.mkdtemp(prefix="lo-prof-")
    try:
        cmd = ["soffice", f"-env:UserInstallation=file://{prof}", "--headless"]
        if infilter:
            cmd.append(f"--infilter={infilter}")
        cmd += ["--convert-to", target, "--outdir", outdir, src_path]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180)
    finally:
        shutil.rmtree(prof, ignore_errors=True)


def lo_render(source_html, out_path):
    """Write source_html (an HTML document a Writer user would type) as a
    Writer document and save it as LibreOffice HTML or .docx, as soffice does."""
    tmp = tempfile.mkdtemp(prefix="blind2-")
    try:
        stem = os.path.splitext(os.path.basename(out_path))[0]
        src = os.path.join(tmp, stem + ".html")
        with open(src, "w", encoding="utf-8") as f:
            f.write(source_html)
        soffice(src, "odt", tmp, infilter="HTML (StarWriter)")
        odt = os.path.join(tmp, stem + ".odt")
        outdir = os.path.join(tmp, "out")
        os.mkdir(outdir)
        if out_path.endswith(".docx"):
            soffice(odt, "docx:MS Word 2007 XML", outdir)
        else:
            soffice(odt, "html:HTML (StarWriter)", outdir)
        produced = os.path.join(outdir, os.listdir(outdir)[0])
        shutil.copyfile(produced, out_path)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def lo_html(title, body, landscape=True):
    size = "29.7cm 21cm" if landscape else "21cm 29.7cm"
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>@page {{ size: {size}; margin: 2cm 1.5cm 1.5cm 2cm }}
p {{ font-family: 'Times New Roman', serif; font-size: 12pt; margin: 0 }}
td p {{ font-size: 11pt }}</style></head>
<body>
{body}
</body></html>
"""
