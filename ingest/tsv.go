package ingest

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// srcLine is one line of the decoded text, terminator removed.
type srcLine struct {
	text  string
	num   int // 1-based
	start int // byte offset of the line in the text
}

// lineScanner walks the lines of a text, split at "\r\n", "\n" and a
// lone "\r". It slices the text without copying and keeps no list of the
// lines, so a 20 MB line costs one scan, a file of a million blank lines
// costs no memory, and there is no token limit as with bufio.Scanner.
type lineScanner struct {
	s   string
	off int
	num int
	nl  int // offset of the next '\n' at or after off, len(s) if none; -1 unknown
}

func (sc *lineScanner) next() (srcLine, bool) {
	if sc.off >= len(sc.s) {
		return srcLine{}, false
	}
	if sc.nl < sc.off {
		// Remembered so that a line of many lone CRs is not scanned to
		// its '\n' once per CR.
		sc.nl = len(sc.s)
		if i := strings.IndexByte(sc.s[sc.off:], '\n'); i >= 0 {
			sc.nl = sc.off + i
		}
	}
	line := sc.s[sc.off:sc.nl]
	ln := srcLine{start: sc.off}
	sc.num++
	ln.num = sc.num
	j := strings.IndexByte(line, '\r')
	switch {
	case j >= 0 && (j < len(line)-1 || sc.nl == len(sc.s)):
		// A lone CR (old Mac text, or a CR inside a CRLF file).
		ln.text = line[:j]
		sc.off += j + 1
	case j >= 0:
		ln.text = line[:j] // CRLF
		sc.off = sc.nl + 1
	default:
		ln.text = line
		sc.off = sc.nl + 1
	}
	return ln, true
}

// readTSV reads the converter's text export. The table starts at the first
// line with a tab and ends at the last one; the lines above are the title,
// the lines below are Trailing, and a line without tabs in between is a
// row of its own (a roman-numeral section heading).
func readTSV(name string, text string, t *Table, lim Limits) error {
	firstTab := strings.IndexByte(text, '\t')
	if firstTab < 0 {
		nonBlank := 0
		sc := lineScanner{s: text, nl: -1}
		for ln, ok := sc.next(); ok; ln, ok = sc.next() {
			if !isBlank(ln.text) {
				nonBlank++
			}
		}
		return &ParseError{Pos: plan.Pos{File: name, Line: 1}, Err: ErrNoTable,
			Detail: fmt.Sprintf("в файле %s, но ни в одной нет табуляции; ожидается экспорт таблицы (TSV) или HTML",
				lineCount(nonBlank))}
	}
	// The table's lines: from the start of the first line with a tab to
	// the end of the last one.
	tableStart := strings.LastIndexAny(text[:firstTab], "\r\n") + 1
	lastTab := strings.LastIndexByte(text, '\t')
	cells := newCellParser()
	budget := lim.maxCells()
	// Room for a row per line, within reason: blank lines are not rows.
	t.Rows = make([]Row, 0, min(strings.Count(text[tableStart:lastTab], "\n")+1, 1<<16))
	blank := 0
	sc := lineScanner{s: text, nl: -1}
	for ln, ok := sc.next(); ok; ln, ok = sc.next() {
		switch {
		case ln.start < tableStart:
			if !isBlank(ln.text) {
				t.Title = append(t.Title, textLine(ln.text, plan.Pos{File: name, Line: ln.num, Col: 1}, "в заголовке", &t.Diagnostics)...)
			}
		case ln.start <= lastTab:
			// A line of tabs only is an empty row of the table, not a
			// page break: it is kept as a row of empty cells.
			if isBlank(ln.text) && strings.IndexByte(ln.text, '\t') < 0 {
				blank++
				continue
			}
			row, err := cells.row(name, ln, blank, lim, &t.Diagnostics)
			if err != nil {
				return err
			}
			if budget -= len(row.Cells); budget < 0 {
				return tooManyCells(row.Pos, lim.maxCells())
			}
			t.Rows = append(t.Rows, row)
			blank = 0
		default:
			if !isBlank(ln.text) {
				t.Trailing = append(t.Trailing, textLine(ln.text, plan.Pos{File: name, Line: ln.num, Col: 1}, "в тексте после таблицы", &t.Diagnostics)...)
			}
		}
	}
	checkRagged(t)
	return nil
}

// isBlank reports a line of white space only (NBSP included).
func isBlank(s string) bool {
	for _, r := range s {
		if !isSpace(r) {
			return false
		}
	}
	return true
}

// row splits one line of the table into cells. Empty cells past the
// column limit are dropped with a note; text past it refuses the file.
func (p *cellParser) row(name string, ln srcLine, blank int, lim Limits, diags *plan.Diagnostics) (Row, error) {
	row := Row{Pos: plan.Pos{File: name, Line: ln.num, Col: 1}, BlankBefore: blank}
	n := strings.Count(ln.text, "\t") + 1
	text := ln.text
	if max := lim.maxColumns(); n > max {
		cut := nthTab(text, max)
		if !isBlank(text[cut:]) {
			return row, tooManyColumns(row.Pos, n, max)
		}
		diags.Add(row.Pos, plan.Info, plan.CodeRaggedRow,
			fmt.Sprintf("в строке %d ячеек, пустые ячейки после %d-й отброшены", n, max), "")
		text, n = text[:cut], max
	}
	row.NoTabs = n == 1
	row.Cells = make([]Cell, 0, n)
	rest, col := text, 1
	for {
		raw := rest
		i := strings.IndexByte(rest, '\t')
		if i >= 0 {
			raw, rest = rest[:i], rest[i+1:]
		}
		pos := plan.Pos{File: name, Line: ln.num, Col: col}
		row.Cells = append(row.Cells, p.cell(raw, pos, diags))
		col += len(raw) + 1
		if i < 0 {
			break
		}
	}
	row.Noise = isNoiseRow(row.Cells)
	if row.NoTabs {
		markdownBold(&row.Cells[0])
	}
	return row, nil
}

// markdownBold reads a line of the table without tabs written as a
// markdown bold run ("**Раздел 1. Кадры**"), as the converter writes the
// title's lines: the text without the markers, bold.
func markdownBold(c *Cell) {
	t := strings.TrimSpace(c.Text)
	if len(t) <= 4 || !strings.HasPrefix(t, "**") || !strings.HasSuffix(t, "**") {
		return
	}
	inner := strings.ReplaceAll(t[2:len(t)-2], "****", " ")
	if strings.Contains(inner, "**") {
		return // "**a** и **b**": not one bold run
	}
	c.Text = strings.Join(strings.Fields(inner), " ")
	c.Bold = true
}

// nthTab is the offset of the n-th tab of s (1-based); s has more.
func nthTab(s string, n int) int {
	off := -1
	for range n {
		off += 1 + strings.IndexByte(s[off+1:], '\t')
	}
	return off
}

// cellParser parses the cells of one document. A roadmap repeats the
// same markup many times (the same responsible body, the same deadline,
// the same <b> section header layout), and parsing markup through the
// HTML parser is most of the reader's cost, so each distinct markup cell
// is parsed once per document. parseCell depends only on its input, so
// remembering it changes nothing; diagnostics, which carry the position,
// are still added for every cell.
type cellParser struct {
	memo map[string]cellContent
}

func newCellParser() *cellParser {
	return &cellParser{memo: make(map[string]cellContent)}
}

// parse is parseCell, remembered for cells with markup. Plain cells are
// cheaper to fold again than to look up.
func (p *cellParser) parse(raw string) cellContent {
	if !hasMarkup(raw) {
		return parseCell(raw)
	}
	if c, ok := p.memo[raw]; ok {
		// Each cell owns its links: a caller editing one cell's links
		// must not see them change in another.
		c.Links = slices.Clone(c.Links)
		return c
	}
	c := parseCell(raw)
	p.memo[raw] = c
	return c
}

// ExcelCellMax is the most characters an Excel cell holds.
const ExcelCellMax = 32767

// cell parses a cell and reports broken markup, and text longer than an
// Excel cell holds, at its position.
func (p *cellParser) cell(raw string, pos plan.Pos, diags *plan.Diagnostics) Cell {
	c := p.parse(raw)
	if c.Problem != "" {
		diags.Add(pos, plan.Warning, plan.CodeHTMLMalformed, "ошибка разметки в ячейке: "+c.Problem, clip(raw, 200))
	}
	if len(c.Text) > ExcelCellMax {
		if n := utf8.RuneCountInString(c.Text); n > ExcelCellMax {
			diags.Add(pos, plan.Warning, plan.CodeCellTooLong,
				fmt.Sprintf("текст ячейки длиннее, чем вмещает ячейка Excel (%d знаков при пределе %d): в трекере и чек-листах он будет обрезан, в плане хранится целиком", n, ExcelCellMax),
				clip(c.Text, 200))
		}
	}
	cell := Cell{Text: c.Text, Raw: raw, At: atOf(pos), Bold: c.Bold}
	if c.Links != nil {
		links := c.Links // only this escapes, in the rare cell with links
		cell.links = &links
	}
	return cell
}

// isNoiseRow recognises a markdown table delimiter row left by the
// converter: every cell is empty or made of '-', ':', '=', '|' and at
// least one cell is not empty.
func isNoiseRow(cells []Cell) bool {
	seen := false
	for _, c := range cells {
		for _, r := range c.Text {
			switch r {
			case '-', ':', '=', '|', ' ', '–', '—':
				seen = true
			default:
				return false
			}
		}
	}
	return seen && len(cells) > 1
}

// checkRagged warns about rows with fewer cells than the header row (the
// first row with tabs): in the text export that is most often a line break
// inside a cell, which split one row into two lines. Rows without tabs are
// headings by design, noise rows are normalize's to report, and so are
// extra cells: normalize knows the columns and reports a cell with text
// beyond the last one, while empty extra cells (a trailing tab) lose
// nothing.
func checkRagged(t *Table) {
	hint := ""
	if t.Source.Format == "tsv" {
		hint = ": возможно, строка разорвана переводом строки внутри ячейки"
	}
	width := 0
	for i := range t.Rows {
		r := &t.Rows[i]
		if r.NoTabs || r.Noise {
			continue
		}
		if width == 0 {
			width = len(r.Cells)
			continue
		}
		if len(r.Cells) < width {
			t.Diagnostics.Add(r.Pos, plan.Warning, plan.CodeRaggedRow,
				fmt.Sprintf("в строке %d ячеек, а в заголовке таблицы %d%s", len(r.Cells), width, hint),
				clip(strings.Join(r.Texts(), " | "), 200))
		}
	}
}

// textLine turns one line outside the table (a title line, a note after
// it) into logical lines: markdown bold runs glued together ("**a****b**")
// become separate lines, the markdown markers go, and any HTML is
// flattened like a cell's. where says where the line is, for diagnostics.
func textLine(s string, pos plan.Pos, where string, diags *plan.Diagnostics) []Line {
	var out []Line
	col := pos.Col
	for _, part := range strings.Split(s, "****") {
		pos.Col = col
		col += len(part) + len("****")
		part = stripMarkdown(part)
		c := parseCell(part)
		if c.Problem != "" {
			diags.Add(pos, plan.Warning, plan.CodeHTMLMalformed, "ошибка разметки "+where+": "+c.Problem, clip(part, 200))
		}
		for _, l := range strings.Split(c.Text, "\n") {
			if l != "" {
				out = append(out, Line{Text: l, Pos: pos})
			}
		}
	}
	return out
}

// stripMarkdown removes the markers a document converter puts around a
// title line: heading hashes, paired bold markers, and a bold or italic
// marker at either end of the line. A lone asterisk inside the text
// ("п.*") stays.
func stripMarkdown(s string) string {
	s = strings.TrimSpace(s)
	if h := strings.TrimLeft(s, "#"); len(h) < len(s) && (h == "" || h[0] == ' ') {
		s = strings.TrimSpace(h)
	}
	for _, m := range []string{"**", "__"} {
		if n := strings.Count(s, m); n > 0 && n%2 == 0 {
			// Paired markers: bold runs anywhere in the line.
			s = strings.TrimSpace(strings.ReplaceAll(s, m, ""))
			continue
		}
		// A glued title split at "****" leaves one marker at an end.
		s = strings.TrimSpace(strings.TrimPrefix(s, m))
		s = strings.TrimSpace(strings.TrimSuffix(s, m))
	}
	if len(s) > 2 && s[0] == '*' && s[len(s)-1] == '*' {
		s = strings.TrimSpace(s[1 : len(s)-1])
	}
	return s
}

// lineCount says "1 непустая строка", "3 непустые строки", "5 непустых строк".
func lineCount(n int) string {
	m10, m100 := n%10, n%100
	switch {
	case m10 == 1 && m100 != 11:
		return fmt.Sprintf("%d непустая строка", n)
	case m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14):
		return fmt.Sprintf("%d непустые строки", n)
	}
	return fmt.Sprintf("%d непустых строк", n)
}
