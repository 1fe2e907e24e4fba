package ingest

import (
	"sort"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// A document saved as HTML by Word or LibreOffice is read in two passes.
// The first tokenizes the whole document once, summing the Raw() lengths
// of the tokens to know the byte offset of every <table>, <tr> and <td>,
// and records each cell's content range; it knows nothing of text. The
// second turns the content of the chosen table's cells into text with the
// same cell parser the TSV export uses, so both formats obey one set of
// text rules, and maps offsets to lines for the positions.

type htmlCell struct {
	off        int // offset of the <td> or <th> tag
	start, end int // the content between the tags
	rowspan    int
	colspan    int
}

type htmlRow struct {
	off   int
	cells []htmlCell
}

type htmlTable struct {
	start, end int
	// caption is the content of <caption>, if any ([0,0) if none).
	captionStart, captionEnd int
	rows                     []htmlRow
	rowOpen                  bool
	cellOpen                 bool
}

func (t *htmlTable) closeCell(off int) {
	if t.cellOpen {
		r := &t.rows[len(t.rows)-1]
		r.cells[len(r.cells)-1].end = off
		t.cellOpen = false
	}
}

func (t *htmlTable) cellCount() (cells, wideRows int) {
	for _, r := range t.rows {
		cells += len(r.cells)
		if len(r.cells) > 1 {
			wideRows++
		}
	}
	return cells, wideRows
}

// maxColspan and maxRowspan are the limits of the HTML standard; they keep
// a hostile span from allocating without bound.
const (
	maxColspan = 1000
	maxRowspan = 65534
)

// scanTables finds every table in document order with its rows and cells.
// Tables nested in a cell are listed too; their markup stays inside the
// outer cell's content range, which flattens them into its text.
func scanTables(s string) []*htmlTable {
	z := html.NewTokenizer(strings.NewReader(s))
	var stack, all []*htmlTable
	off := 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		tokStart := off
		off += len(z.Raw())
		if tt != html.StartTagToken && tt != html.EndTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		name, hasAttr := z.TagName()
		a := atom.Lookup(name)
		var top *htmlTable
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		if a == atom.Caption && top != nil && !top.cellOpen {
			if tt == html.StartTagToken {
				top.captionStart, top.captionEnd = off, off
			} else if tt == html.EndTagToken && top.captionStart > 0 {
				top.captionEnd = tokStart
			}
			continue
		}
		if a != atom.Table && a != atom.Tr && a != atom.Td && a != atom.Th {
			continue
		}
		if tt == html.EndTagToken {
			if top == nil {
				continue
			}
			top.closeCell(tokStart)
			switch a {
			case atom.Table:
				top.end = off
				stack = stack[:len(stack)-1]
			case atom.Tr:
				top.rowOpen = false
			}
			continue
		}
		if a == atom.Table {
			t := &htmlTable{start: tokStart, end: -1}
			stack = append(stack, t)
			all = append(all, t)
			continue
		}
		if top == nil {
			continue
		}
		top.closeCell(tokStart)
		if a == atom.Tr || !top.rowOpen {
			top.rows = append(top.rows, htmlRow{off: tokStart})
			top.rowOpen = true
		}
		if a == atom.Tr {
			continue
		}
		c := htmlCell{off: tokStart, start: off, end: -1, rowspan: 1, colspan: 1}
		for hasAttr {
			var k, v []byte
			k, v, hasAttr = z.TagAttr()
			switch string(k) {
			case "rowspan":
				c.rowspan = spanValue(v, 0, maxRowspan)
			case "colspan":
				c.colspan = spanValue(v, 1, maxColspan)
			}
		}
		r := &top.rows[len(top.rows)-1]
		r.cells = append(r.cells, c)
		top.cellOpen = true
		if tt == html.SelfClosingTagToken {
			top.closeCell(off)
		}
	}
	for _, t := range stack {
		t.closeCell(len(s))
		t.end = len(s)
	}
	return all
}

// spanValue parses a rowspan or colspan the way browsers do: leading
// digits, clamped; junk gives 1. rowspan="0" (to the end of the table) is
// allowed by passing lo=0.
func spanValue(v []byte, lo, hi int) int {
	s := strings.TrimSpace(string(v))
	end := 0
	for end < len(s) && s[end] >= '0' && s[end] <= '9' {
		end++
	}
	n, err := strconv.Atoi(s[:end])
	if err != nil || n < lo {
		return 1
	}
	return min(n, hi)
}

// chooseTable picks the roadmap among the document's tables: the first one
// with at least two rows of two or more cells. Layout tables (a single
// cell wrapping the real table, a one-row letterhead) are passed over.
func chooseTable(all []*htmlTable) *htmlTable {
	for _, t := range all {
		if _, wide := t.cellCount(); wide >= 2 {
			return t
		}
	}
	for _, t := range all {
		if n, _ := t.cellCount(); n > 1 {
			return t
		}
	}
	for _, t := range all {
		if n, _ := t.cellCount(); n > 0 {
			return t
		}
	}
	return nil
}

// lineIndex maps byte offsets to 1-based lines and byte columns. Line
// breaks are counted as splitLines counts them: "\r\n", "\n", lone "\r".
type lineIndex []int

func newLineIndex(s string) lineIndex {
	idx := lineIndex{0}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\n':
			idx = append(idx, i+1)
		case '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				continue
			}
			idx = append(idx, i+1)
		}
	}
	return idx
}

func (x lineIndex) pos(file string, off int) plan.Pos {
	i := sort.SearchInts(x, off+1) - 1 // the last line start <= off
	return plan.Pos{File: file, Line: i + 1, Col: off - x[i] + 1}
}

func readHTML(name, s string, t *Table) error {
	all := scanTables(s)
	tbl := chooseTable(all)
	if tbl == nil {
		return &ParseError{Pos: plan.Pos{File: name, Line: 1}, Err: ErrNoTable,
			Detail: "в HTML-документе нет таблицы <table> с ячейками; ожидается таблица дорожной карты"}
	}
	lines := newLineIndex(s)
	cells := newCellParser()
	t.Title = textLines(name, s, 0, tbl.start, lines)
	// A <caption> names the table: it belongs with the title.
	t.Title = append(t.Title, textLines(name, s, tbl.captionStart, tbl.captionEnd, lines)...)
	t.Rows = cells.expandSpans(name, s, tbl, lines, &t.Diagnostics)
	if len(t.Rows) == 0 {
		return &ParseError{Pos: lines.pos(name, tbl.start), Err: ErrNoTable,
			Detail: "все ячейки таблицы пусты; ожидается таблица дорожной карты"}
	}
	end := cells.joinTables(name, s, tbl, all, lines, t)
	t.Trailing = textLines(name, s, end, len(s), lines)
	checkRagged(t)
	return nil
}

// joinTables appends the tables that continue the roadmap after the first
// one. Word documents often split a roadmap into one table per part, with
// the part's heading ("II. МЕХАНИЗМЫ ...") as a paragraph in between; a
// following table of the same width continues the roadmap, and the text
// between becomes rows without tabs, as the TSV export shows such
// headings. The first table of another width (a signature block) ends the
// roadmap. It returns the offset where the roadmap ends.
func (p *cellParser) joinTables(name, s string, first *htmlTable, all []*htmlTable, lines lineIndex, t *Table) int {
	width := 0
	for _, r := range t.Rows {
		width = max(width, len(r.Cells))
	}
	end := first.end
	for _, next := range all {
		if next.start < end {
			continue // the first table, tables before or nested inside
		}
		if _, wide := next.cellCount(); wide == 0 {
			break
		}
		var diags plan.Diagnostics
		rows := p.expandSpans(name, s, next, lines, &diags)
		w := 0
		for _, r := range rows {
			w = max(w, len(r.Cells))
		}
		if w != width {
			break
		}
		for _, l := range textLines(name, s, end, next.start, lines) {
			// Raw is the heading's text: its markup may span several
			// elements and is of no use to anyone downstream.
			t.Rows = append(t.Rows, Row{Pos: l.Pos, NoTabs: true,
				Cells: []Cell{{Text: l.Text, Raw: l.Text, Pos: l.Pos}}})
		}
		t.Rows = append(t.Rows, rows...)
		t.Diagnostics = append(t.Diagnostics, diags...)
		end = next.end
	}
	return end
}

// expandSpans lays the table's cells on a grid: a cell with colspan or
// rowspan is copied into every grid slot it covers, the copies marked
// Spanned and carrying the origin's position, so each row has one cell per
// column as in the TSV export. Rows whose own cells are all empty are
// dropped: HTML has no page-break blank lines to count, so BlankBefore
// stays 0.
func (p *cellParser) expandSpans(name, s string, tbl *htmlTable, lines lineIndex, diags *plan.Diagnostics) []Row {
	type carry struct {
		cell Cell
		left int // rows still covered below
	}
	var carries []*carry
	var rows []Row
	for ri, hr := range tbl.rows {
		row := Row{Pos: lines.pos(name, hr.off)}
		col := 0
		fill := func() {
			for col < len(carries) && carries[col] != nil {
				row.Cells = append(row.Cells, carries[col].cell)
				if carries[col].left--; carries[col].left == 0 {
					carries[col] = nil
				}
				col++
			}
		}
		for _, hc := range hr.cells {
			fill()
			pos := lines.pos(name, hc.off)
			end := hc.end
			if end < hc.start {
				end = hc.start
			}
			cell := p.cell(s[hc.start:end], pos, diags)
			rowspan := hc.rowspan
			if rowspan == 0 || ri+rowspan > len(tbl.rows) {
				rowspan = len(tbl.rows) - ri
			}
			for k := 0; k < hc.colspan; k++ {
				c := cell
				if k > 0 {
					c.Spanned = true
				}
				row.Cells = append(row.Cells, c)
				if rowspan > 1 {
					for len(carries) <= col {
						carries = append(carries, nil)
					}
					cp := cell
					cp.Spanned = true
					carries[col] = &carry{cell: cp, left: rowspan - 1}
				}
				col++
			}
		}
		// Slots still covered from above after the row's own cells, with
		// empty cells for any gap before them.
		for {
			fill()
			more := false
			for _, c := range carries[min(col, len(carries)):] {
				if c != nil {
					more = true
					break
				}
			}
			if !more {
				break
			}
			row.Cells = append(row.Cells, Cell{Pos: row.Pos})
			col++
		}
		if row.OwnNonEmpty() == 0 {
			continue
		}
		rows = append(rows, row)
	}
	return rows
}

// textLines extracts the text of s[from:to] outside the table (title
// paragraphs above it, notes below) as lines with positions: each block
// element or <br> ends a line. <head>, <script>, <style> and <title> are
// not text of the document.
func textLines(name, s string, from, to int, lines lineIndex) []Line {
	if from >= to {
		return nil
	}
	var out []Line
	var cur strings.Builder
	curOff, space := 0, false
	flush := func() {
		if cur.Len() > 0 {
			out = append(out, Line{Text: cur.String(), Pos: lines.pos(name, curOff)})
			cur.Reset()
		}
		space = false
	}
	z := html.NewTokenizer(strings.NewReader(s[from:to]))
	off := from
	skip := atom.Atom(0) // the element whose content is skipped
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		tokStart := off
		off += len(z.Raw())
		switch tt {
		case html.TextToken:
			if skip != 0 {
				continue
			}
			raw := z.Raw()
			text := string(z.Text())
			// Offsets of the decoded text differ from the raw ones only
			// where an entity was replaced; the line start is what
			// matters and entities hold no line breaks.
			lead := len(raw) - len(strings.TrimLeft(string(raw), " \t\r\n\f"))
			for _, r := range text {
				if isSpace(r) {
					space = true
					continue
				}
				if cur.Len() == 0 {
					curOff = tokStart + lead
				} else if space {
					cur.WriteByte(' ')
				}
				space = false
				cur.WriteRune(r)
			}
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			bname, _ := z.TagName()
			a := atom.Lookup(bname)
			switch a {
			case atom.Head, atom.Script, atom.Style, atom.Title, atom.Template, atom.Noscript:
				if tt == html.StartTagToken && skip == 0 {
					skip = a
				} else if tt == html.EndTagToken && skip == a {
					skip = 0
				}
				continue
			case atom.Body:
				skip = 0
			}
			if a == atom.Br || a == atom.Li || isBlock(a) || a == atom.Td && tt == html.EndTagToken {
				flush()
			} else if a == atom.Td || a == atom.Th {
				space = true
			}
		}
	}
	flush()
	return out
}
