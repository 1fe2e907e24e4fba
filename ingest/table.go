package ingest

import (
	"math"

	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// Table is one document read into rows of cells.
type Table struct {
	Source plan.Source
	// Title holds the lines above the table (plain text, markup removed),
	// one entry per logical title line.
	Title []Line
	// Rows are the table's rows in source order, header rows included.
	// Blank lines are not rows; they are counted in Row.BlankBefore.
	Rows []Row
	// Trailing holds non-blank lines after the table, if any.
	Trailing []Line
	// Diagnostics found while reading (ragged rows, malformed markup...).
	Diagnostics plan.Diagnostics
	// Alternatives are the other candidate tables of a Word or
	// OpenDocument document, in document order, each read as a table of
	// its own with the text above it as its title. The reader takes the
	// first table that looks like data; the normalizer, which knows a
	// roadmap's header row, reads the first of this table and its
	// alternatives that has one.
	Alternatives []*Table
}

// Line is a line of text outside the table.
type Line struct {
	Text string
	Pos  plan.Pos
}

// Row is one table row.
type Row struct {
	Pos   plan.Pos
	Cells []Cell
	// BlankBefore counts the blank lines right before this row: a page
	// break of the original document shows as one or more blank lines.
	BlankBefore int
	// NoTabs is true for a TSV line without any tab inside the table (a
	// heading such as "II. МЕХАНИЗМЫ ...").
	NoTabs bool
	// Noise is true for a markdown delimiter row such as "--\t---\t--"
	// left by the converter. It is kept so nothing is dropped silently;
	// normalize skips and reports it.
	Noise bool
}

// Cell is one cell's content.
type Cell struct {
	// Text is the plain text: entities decoded, tags removed, paragraphs,
	// <br> and list items on their own lines, list items starting with
	// "- ", runs of white space folded, lines trimmed.
	Text string
	// Raw is the cell exactly as in the source.
	Raw string
	// At is where the cell starts; its file is its row's (CellPos). A
	// file name in every cell took 16 of its bytes: 30,895 cells in an
	// export of 5,000 activities.
	At At
	// links are the cell's hyperlinks (Links), nil when it has none: a
	// cell in thousands has any, and a slice in every cell took 24 of its
	// bytes.
	links *[]Link
	// Bold is true when all the cell's text is bold (<b>, <strong>, or a
	// bold style); a bold single-cell row is a section heading. (Next to
	// Spanned: the two flags share a word.)
	Bold bool
	// Spanned is true for a cell copied from a rowspan/colspan origin in
	// an HTML table; its origin is the first cell with the same Pos.
	Spanned bool
}

// At is a place in a document without its file: the line and the
// column of its first byte, 1-based. 32 bits each: a file read is at most
// a few tens of megabytes (Limits.MaxBytes), and a cell is 56 bytes, not
// 64 (30,895 cells in an export of 5,000 activities; a row of five cells
// 288 bytes instead of 320).
type At struct {
	Line, Col int32
}

// atOf is pos without its file; a line or column past 32 bits (a file of
// gigabytes) stays at the largest.
func atOf(pos plan.Pos) At { return At{Line: clamp32(pos.Line), Col: clamp32(pos.Col)} }

func clamp32(v int) int32 { return int32(min(v, math.MaxInt32)) }

// In is the position of a in file.
func (a At) In(file string) plan.Pos {
	return plan.Pos{File: file, Line: int(a.Line), Col: int(a.Col)}
}

// Links lists the cell's hyperlinks.
func (c *Cell) Links() []Link {
	if c.links == nil {
		return nil
	}
	return *c.links
}

// CellPos is the position of the row's j-th cell.
func (r *Row) CellPos(j int) plan.Pos { return r.Cells[j].At.In(r.Pos.File) }

// Link is a hyperlink inside a cell.
type Link struct {
	Text string
	Href string
}

// NonEmpty counts the cells with text.
func (r *Row) NonEmpty() int {
	n := 0
	for _, c := range r.Cells {
		if c.Text != "" {
			n++
		}
	}
	return n
}

// OwnNonEmpty counts the cells with text of their own, leaving out copies
// spanned from an HTML rowspan or colspan origin: a section heading saved
// as <td colspan=5> fills five cells with one text but is one cell wide,
// like the TSV export's "<b>1. Раздел</b>\t\t\t\t".
func (r *Row) OwnNonEmpty() int {
	n := 0
	for _, c := range r.Cells {
		if c.Text != "" && !c.Spanned {
			n++
		}
	}
	return n
}

// Texts returns the cells' plain texts.
func (r *Row) Texts() []string {
	out := make([]string, len(r.Cells))
	for i, c := range r.Cells {
		out[i] = c.Text
	}
	return out
}
