// Package document reads word-processing documents, Word (.docx) and
// OpenDocument (.odt), into a neutral tree of paragraphs and tables, as
// the documents render: automatic list numbers computed into their labels,
// merged cells laid on the table grid, tracked changes accepted, comments,
// drawings and hidden text left out. Package ingest turns the tree into
// its raw table; this package knows nothing of roadmaps.
//
// No maintained Go library reads Word tables with merges and list
// numbering (unioffice needs a paid licence, gooxml is no longer served,
// the others write documents or replace text), so both formats are read
// from their XML parts with a small scanner (xml.go) inside a ZIP archive
// opened with bounds on its size (zip.go).
package document

// Document is a document's body: paragraphs and tables in reading order.
type Document struct {
	Blocks []Block
	// Notes are what the reader did that a user should know: tracked
	// changes accepted, comments not read.
	Notes []Note
}

// Block is a paragraph or a table; exactly one is set.
type Block struct {
	Para  *Para
	Table *Table
}

// Para is one paragraph.
type Para struct {
	Runs []Run
	// Label is the automatic list label as the application renders it
	// ("1.1.", "а)", "IV."); for a bulleted paragraph, the bullet. ""
	// when the paragraph is not in a list.
	Label string
	// Bullet is true when the label is a bullet: the paragraph is an
	// item of an unnumbered list.
	Bullet bool
	// Level is the list level, 0 for the first; meaningful with a Label.
	Level int
	// markDeleted: the paragraph mark is a tracked deletion (docx).
	markDeleted bool
}

// Run is a stretch of text with one formatting.
type Run struct {
	// Text holds the characters; "\n" stands for a line break.
	Text string
	Bold bool
	// Href is the target of the hyperlink the run is part of.
	Href string
}

// Text returns the paragraph's characters without its label.
func (p *Para) Text() string {
	if len(p.Runs) == 1 {
		return p.Runs[0].Text
	}
	n := 0
	for _, r := range p.Runs {
		n += len(r.Text)
	}
	b := make([]byte, 0, n)
	for _, r := range p.Runs {
		b = append(b, r.Text...)
	}
	return string(b)
}

// Table is a table laid on its grid.
type Table struct {
	// Cols is the number of grid columns.
	Cols int
	Rows []Row
}

// Row is one table row.
type Row struct {
	// Cells are the cells that start in this row, left to right.
	// Grid slots covered by a cell spanning from the left or from above
	// have no entry; Cell.Col says where each cell starts.
	Cells []Cell
	// Header is true for a row the application repeats at the top of
	// each page (w:tblHeader, table:table-header-rows).
	Header bool
}

// Cell is a cell on the grid: it starts at grid column Col of its row and
// covers ColSpan columns and RowSpan rows. A vertical merge (w:vMerge,
// table:number-rows-spanned) is one cell with RowSpan > 1, its content
// that of the first row.
type Cell struct {
	Col     int
	ColSpan int
	RowSpan int
	Blocks  []Block
}

// NoteKind says what a Note is about.
type NoteKind int

const (
	// NoteChanges: the document has tracked changes; insertions were
	// kept, deletions dropped, moves read at their destination.
	NoteChanges NoteKind = iota + 1
	// NoteComments: the document has comments, which were not read.
	NoteComments
)

// Note is one thing the reader did that changes what the user sees.
type Note struct {
	Kind  NoteKind
	Count int
}
