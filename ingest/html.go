package ingest

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

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
	// Cells past the column limit are not kept: over counts them, and
	// overStart..overEnd spans their content, to tell empty cells (dropped
	// with a note) from text (refused).
	over               int
	overStart, overEnd int
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
		if r.over > 0 {
			r.overEnd = off
		} else {
			r.cells[len(r.cells)-1].end = off
		}
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
//
// At most lim.maxColumns() cells of a row are kept (see htmlRow.over), and
// at most lim.maxCells() cells and rows of all tables together: a
// document past that is refused with the position of the cell.
func scanTables(file, s string, lim Limits) ([]*htmlTable, error) {
	z := html.NewTokenizer(strings.NewReader(s))
	var stack, all []*htmlTable
	off := 0
	budget := lim.maxCells()
	maxCols := lim.maxColumns()
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
			if budget--; budget < 0 {
				return nil, tooManyCells(newLineIndex(s).pos(file, tokStart), lim.maxCells())
			}
			top.rows = append(top.rows, htmlRow{off: tokStart})
			top.rowOpen = true
		}
		if a == atom.Tr {
			continue
		}
		if r := &top.rows[len(top.rows)-1]; len(r.cells) >= maxCols {
			if r.over == 0 {
				r.overStart = off
			}
			r.over++
			top.cellOpen = tt != html.SelfClosingTagToken
			r.overEnd = off
			continue
		}
		if budget--; budget < 0 {
			return nil, tooManyCells(newLineIndex(s).pos(file, tokStart), lim.maxCells())
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
	return all, nil
}

// checkOverflow refuses a row whose cells past the column limit hold text,
// and notes the empty ones dropped.
func checkOverflow(name, s string, tbl *htmlTable, lines *lineIndex, lim Limits, diags *plan.Diagnostics) error {
	for _, r := range tbl.rows {
		if r.over == 0 {
			continue
		}
		pos := lines.pos(name, r.off)
		n := len(r.cells) + r.over
		if !blankMarkup(s[r.overStart:max(r.overStart, r.overEnd)]) {
			return tooManyColumns(pos, n, lim.maxColumns())
		}
		diags.Add(pos, plan.Info, plan.CodeRaggedRow,
			fmt.Sprintf("в строке %d ячеек, пустые ячейки после %d-й отброшены", n, lim.maxColumns()), "")
	}
	return nil
}

// blankMarkup reports markup without text: only tags, comments, white
// space and non-breaking spaces.
func blankMarkup(s string) bool {
	for i := 0; i < len(s); {
		switch {
		case s[i] == '<':
			j := strings.IndexByte(s[i:], '>')
			if j < 0 {
				return false
			}
			i += j + 1
		case strings.HasPrefix(s[i:], "&nbsp;"):
			i += len("&nbsp;")
		case strings.HasPrefix(s[i:], "&#160;"):
			i += len("&#160;")
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if !isSpace(r) {
				return false
			}
			i += size
		}
	}
	return true
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
// breaks are counted as the TSV reader counts them: "\r\n", "\n", lone
// "\r". Offsets are asked for mostly in increasing order, so it keeps a
// cursor and counts forward from it, with a mark every 1024 lines to
// start from when asked for an earlier offset: no table of every line (a
// file of newlines would make one of gigabytes).
type lineIndex struct {
	s     string
	scan  int // the cursor: bytes before scan are counted
	line  int // the line holding scan
	start int // where that line starts
	marks []lineMark
}

type lineMark struct{ line, start int }

func newLineIndex(s string) *lineIndex { return &lineIndex{s: s, line: 1} }

func (x *lineIndex) pos(file string, off int) plan.Pos {
	off = min(max(off, 0), len(x.s))
	if off < x.scan {
		i := sort.Search(len(x.marks), func(i int) bool { return x.marks[i].start > off }) - 1
		x.scan, x.line, x.start = 0, 1, 0
		if i >= 0 {
			x.scan, x.line, x.start = x.marks[i].start, x.marks[i].line, x.marks[i].start
		}
	}
	s := x.s
	for i := x.scan; i < off; i++ {
		if c := s[i]; c == '\n' || c == '\r' && (i+1 >= len(s) || s[i+1] != '\n') {
			x.line++
			x.start = i + 1
			if x.line%1024 == 0 && (len(x.marks) == 0 || x.marks[len(x.marks)-1].line < x.line) {
				x.marks = append(x.marks, lineMark{x.line, x.start})
			}
		}
	}
	x.scan = off
	return plan.Pos{File: file, Line: x.line, Col: off - x.start + 1}
}

func readHTML(name, s string, t *Table, lim Limits) error {
	all, err := scanTables(name, s, lim)
	if err != nil {
		return err
	}
	tbl := chooseTable(all)
	if tbl == nil {
		return &ParseError{Pos: plan.Pos{File: name, Line: 1}, Err: ErrNoTable,
			Detail: "в HTML-документе нет таблицы <table> с ячейками; ожидается таблица дорожной карты"}
	}
	lines := newLineIndex(s)
	cells := newCellParser()
	if err := checkOverflow(name, s, tbl, lines, lim, &t.Diagnostics); err != nil {
		return err
	}
	t.Title = textLines(name, s, 0, tbl.start, lines)
	// A <caption> names the table: it belongs with the title.
	t.Title = append(t.Title, textLines(name, s, tbl.captionStart, tbl.captionEnd, lines)...)
	budget := lim.maxCells()
	if t.Rows, err = cells.expandSpans(name, s, tbl, lines, lim, &budget, &t.Diagnostics); err != nil {
		return err
	}
	if len(t.Rows) == 0 {
		return &ParseError{Pos: lines.pos(name, tbl.start), Err: ErrNoTable,
			Detail: "все ячейки таблицы пусты; ожидается таблица дорожной карты"}
	}
	end, err := cells.joinTables(name, s, tbl, all, lines, lim, &budget, t)
	if err != nil {
		return err
	}
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
func (p *cellParser) joinTables(name, s string, first *htmlTable, all []*htmlTable, lines *lineIndex, lim Limits, budget *int, t *Table) (int, error) {
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
		if err := checkOverflow(name, s, next, lines, lim, &diags); err != nil {
			return 0, err
		}
		rows, err := p.expandSpans(name, s, next, lines, lim, budget, &diags)
		if err != nil {
			return 0, err
		}
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
				Cells: []Cell{{Text: l.Text, Raw: l.Text, At: atOf(l.Pos)}}})
		}
		t.Rows = append(t.Rows, rows...)
		t.Diagnostics = append(t.Diagnostics, diags...)
		end = next.end
	}
	return end, nil
}

// expandSpans lays the table's cells on a grid: a cell with colspan or
// rowspan is copied into every grid slot it covers, the copies marked
// Spanned and carrying the origin's position, so each row has one cell per
// column as in the TSV export. Rows whose own cells are all empty are
// dropped: HTML has no page-break blank lines to count, so BlankBefore
// stays 0.
//
// Each grid slot taken costs one of budget; past it the table is refused.
// Slots past the column limit are not laid: a cell of its own with text
// there refuses the table, spanned copies and empty cells are dropped.
func (p *cellParser) expandSpans(name, s string, tbl *htmlTable, lines *lineIndex, lim Limits, budget *int, diags *plan.Diagnostics) ([]Row, error) {
	maxCols := lim.maxColumns()
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
			if col >= maxCols {
				if cell.Text != "" {
					return nil, tooManyColumns(row.Pos, col+1, maxCols)
				}
				continue
			}
			rowspan := hc.rowspan
			if rowspan == 0 || ri+rowspan > len(tbl.rows) {
				rowspan = len(tbl.rows) - ri
			}
			for k := 0; k < hc.colspan && col < maxCols; k++ {
				if *budget -= rowspan; *budget < 0 {
					return nil, tooManyCells(pos, lim.maxCells())
				}
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
			row.Cells = append(row.Cells, Cell{At: atOf(row.Pos)})
			col++
		}
		if row.OwnNonEmpty() == 0 {
			continue
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// textLines extracts the text of s[from:to] outside the table (title
// paragraphs above it, notes below) as lines with positions: each block
// element or <br> ends a line. <head>, <script>, <style> and <title> are
// not text of the document.
func textLines(name, s string, from, to int, lines *lineIndex) []Line {
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
