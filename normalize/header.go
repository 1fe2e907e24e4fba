package normalize

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/roadmap-tool/roadmap/ingest"
	"github.com/roadmap-tool/roadmap/internal/lazyre"
)

// Headers over several rows. A programme table heads its funding columns
// with three rows ("Объемы финансирования (тыс. руб.)" over "всего | в том
// числе по годам:" over "2009 г. | 2010 г. | ..."), a plan its deadline
// with two ("Срок" over "начало | окончание"). Each column is named by the
// path of the header cells above it. An HTML table says which cell covers
// which column (colspan and rowspan copies); the text export leaves the
// columns a cell covered empty, so there a cell covers the empty cells to
// its right that have header text below them and lie under the same cell
// of the row above.

// maxHeaderRows bounds the header: no real table has more, and data rows
// must not be swallowed.
const maxHeaderRows = 5

// headerCell is the cell of a header row covering a column.
type headerCell struct {
	row, col int // the covering cell's row and column; col < 0: none
	// vertical is true for a copy of the cell above (rowspan): the path
	// has it already.
	vertical bool
}

// headerGrid works out which header cell covers each column on each row.
type headerGrid struct {
	rows  []*ingest.Row
	width int
	cover [][]headerCell
}

func cellAt(r *ingest.Row, j int) *ingest.Cell {
	if j < len(r.Cells) {
		return &r.Cells[j]
	}
	return nil
}

func newHeaderGrid(rows []*ingest.Row, width int) *headerGrid {
	g := &headerGrid{rows: rows, width: width, cover: make([][]headerCell, len(rows))}
	for r := range rows {
		g.cover[r] = make([]headerCell, width)
		for j := 0; j < width; j++ {
			c := cellAt(rows[r], j)
			hc := headerCell{row: r, col: -1}
			switch {
			case c == nil || c.Text == "":
				if j > 0 && g.cover[r][j-1].col >= 0 && !g.cover[r][j-1].vertical &&
					g.sameParent(r, j-1, j) && g.textBelow(r, j) {
					hc = g.cover[r][j-1]
				}
			case r > 0 && c.Spanned && j < len(rows[r-1].Cells) && rows[r-1].Cells[j].At == c.At:
				hc = g.cover[r-1][j]
				hc.vertical = true
			case colspanCopy(rows[r], j):
				hc = g.cover[r][j-1]
			default:
				hc.col = j
			}
			g.cover[r][j] = hc
		}
	}
	return g
}

// parent identifies the cell covering column j on row r-1: equal for two
// columns under the same cell. An uncovered column is its own parent.
func (g *headerGrid) parent(r, j int) int {
	if r == 0 {
		return -1
	}
	hc := g.cover[r-1][j]
	if hc.col < 0 {
		return -2 - j
	}
	return hc.row*g.width + hc.col
}

func (g *headerGrid) sameParent(r, a, b int) bool { return g.parent(r, a) == g.parent(r, b) }

// textBelow reports header text in column j below row r.
func (g *headerGrid) textBelow(r, j int) bool {
	for k := r + 1; k < len(g.rows); k++ {
		if c := cellAt(g.rows[k], j); c != nil && c.Text != "" && !c.Spanned {
			return true
		}
	}
	return false
}

// spans reports whether the cell covering (r, j) covers another column.
func (g *headerGrid) spans(r, j int) bool {
	hc := g.cover[r][j]
	if hc.col < 0 {
		return false
	}
	for k := 0; k < g.width; k++ {
		if k != j {
			if o := g.cover[r][k]; o.col == hc.col && o.row == hc.row {
				return true
			}
		}
	}
	return false
}

// path returns the header texts above column j, outermost first. A text
// that finishes the one above it in the same single-column cell
// ("Наименование" over "мероприятия") joins it with a space.
func (g *headerGrid) path(j int) []string {
	var out []string
	lastRow := -1
	for r := range g.rows {
		hc := g.cover[r][j]
		if hc.col < 0 || hc.vertical {
			continue
		}
		text := g.rows[hc.row].Cells[hc.col].Text
		if len(out) > 0 && out[len(out)-1] == text {
			continue
		}
		if len(out) > 0 && lastRow >= 0 && !g.spans(lastRow, j) && !g.spans(r, j) && startsLower(text) {
			out[len(out)-1] += " " + text
		} else {
			out = append(out, text)
		}
		lastRow = r
	}
	return out
}

func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

// isSubHeader reports whether row continues the header rows above it:
// every text of its own short, not an item number, and under a header
// cell that spans several columns ("Срок" over "начало | окончание"), or
// starting in lower case ("Наименование" over "мероприятия"), or a year
// ("2022 г."), or a header of its own ("начало"); the number column
// empty, or the end of its header ("№" over "п/п"). A data row without a number is told apart by its texts: under
// no group, long, or starting with a capital.
func isSubHeader(hdr []*ingest.Row, r *ingest.Row) bool {
	if r.NoTabs || isColumnNumbers(r) {
		return false
	}
	last := hdr[len(hdr)-1]
	width := len(r.Cells)
	for _, h := range hdr {
		width = max(width, len(h.Cells))
	}
	// The grid includes the candidate row: a header cell covers the
	// empty cells to its right that have text below it.
	g := newHeaderGrid(append(slices.Clip(hdr), r), width)
	own := 0
	for j, c := range r.Cells {
		if c.Text == "" || c.Spanned {
			continue
		}
		if j == 0 && !numberTail(c.Text) || j >= len(last.Cells) {
			return false
		}
		if utf8.RuneCountInString(c.Text) > 60 || len(strings.Fields(c.Text)) > 8 {
			return false
		}
		if _, ok := parseNumber(c.Text); ok {
			return false
		}
		if _, _, ok := headingPrefix(c.Text); ok {
			// "Раздел 1. Организационные мероприятия", "1. Кадры": the
			// first section's heading, not a header naming a column.
			return false
		}
		under := groupMember(last, j) && groupStart(last, j) >= 0 || g.spans(len(hdr)-1, j)
		if !under && !startsLower(c.Text) && yearOf(c.Text) == 0 {
			if _, sc := matchRole(c.Text); sc == 0 {
				return false
			}
		}
		own++
	}
	return own > 0
}

// numberTail reports the end of a number column's header wrapped onto
// the next line of a PDF export ("№" over "п/п").
func numberTail(s string) bool {
	switch strings.ToLower(strings.ReplaceAll(strings.TrimSpace(s), " ", "")) {
	case "п/п", "пп", "п.п.", "п\\п", "п/п.":
		return true
	}
	return false
}

// groupMember: header cell j is empty or a colspan copy, i.e. part of the
// header cell to its left.
func groupMember(hdr *ingest.Row, j int) bool {
	return j < len(hdr.Cells) && (hdr.Cells[j].Text == "" || colspanCopy(hdr, j))
}

// groupStart returns the header cell that column j belongs to, or -1.
func groupStart(hdr *ingest.Row, j int) int {
	for ; j >= 0; j-- {
		if !groupMember(hdr, j) {
			return j
		}
	}
	return -1
}

var yearHeaderRE = lazyre.New(`^(?:на\s+|в\s+)?((?:19|20)\d\d)\s*(?:г\.?|год|года|гг\.?)?\.?$`)

// yearOf returns the year a header names by itself ("2010 г.", "2022",
// "2023 год"), or 0.
func yearOf(s string) int {
	s = strings.TrimSpace(strings.ToLower(s))
	if len(s) < 4 || s[0] < '0' && !strings.HasPrefix(s, "на") && !strings.HasPrefix(s, "в") {
		return 0
	}
	m := yearHeaderRE.FindStringSubmatch(s)
	if m == nil {
		return 0
	}
	y, _ := strconv.Atoi(m[1])
	return y
}
