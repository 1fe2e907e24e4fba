package ingest

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/roadmap-tool/roadmap/ingest/document"
	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// Word (.docx) and OpenDocument (.odt) documents are read directly:
// package document gives their body as paragraphs and tables, with list
// numbers computed, merges laid on the grid and tracked changes accepted;
// this file makes the same Table the other readers make from it.
//
// Positions. A document has no lines, so each paragraph and each table row
// of the body counts as one, in reading order: the line it would take in
// a text export that writes every paragraph and every row on a line of its
// own, as the converter's TSV export does. Pos.Line is that count (empty
// paragraphs included), Pos.Col the cell's column on the table grid,
// 1-based (1 for a paragraph). "plan.docx:37:3" is the third column of
// the row 37 paragraphs-and-rows into the document; the diagnostic's text
// quotes the cell, which is what a user searches for in Word.
//
// Cells. Each cell is written as the small HTML fragment it would be in an
// HTML export (paragraphs, <b>, <ul><li> for bulleted paragraphs, <a href>,
// <br>, a nested table as <table>) and read by the same cell parser as
// the TSV and HTML exports, so all formats share one set of text rules;
// Cell.Raw holds that fragment. A numbered paragraph starts with its list
// label ("1.1. "), which is how the number reaches the number column.
//
// Tables. As for HTML, the roadmap is the first table with at least two
// rows of two cells or more, joined with the tables of the same width
// that follow it (paragraphs between them become rows without tabs); the
// title is the text above it. A document can hold tables before the
// roadmap (indicators, an approval sheet): every such group of tables is
// read, and the later ones are given in Table.Alternatives for the
// normalizer, which recognises the roadmap by its header row.

// Causes of a ParseError for documents, besides the shared ones.
var (
	// ErrEncrypted is a document protected by a password.
	ErrEncrypted = errors.New("документ защищен паролем")
	// ErrCorrupt is a document whose archive or XML cannot be read.
	ErrCorrupt = document.ErrCorrupt
)

// Source formats of documents read directly.
const (
	FormatDOCX = "docx"
	FormatODT  = "odt"
)

// readDocument reads data when it is a word-processing document; ok is
// false for anything else, which the text readers then look at.
func readDocument(name string, data []byte, lim Limits) (t *Table, ok bool, err error) {
	kind := document.Detect(data)
	at := plan.Pos{File: name, Line: 1}
	var doc *document.Document
	format := ""
	switch kind {
	case document.Unknown:
		return nil, false, nil
	case document.Encrypted:
		return nil, true, &ParseError{Pos: at, Err: ErrEncrypted,
			Detail: "файл зашифрован; снимите пароль (в Word: Файл → Сведения → Защита документа → Зашифровать с использованием пароля, пустой пароль) и сохраните документ заново"}
	case document.WordBinary:
		return nil, true, &ParseError{Pos: at, Err: ErrFormat,
			Detail: "это документ Word старого формата (DOC), а ожидается DOCX, ODT, HTML или текстовый экспорт таблицы; сохраните его в Word как «Документ Word (*.docx)»"}
	case document.DOCX:
		format = FormatDOCX
		doc, err = document.ReadDOCX(data, document.Limits{MaxUnpacked: lim.maxUnpacked()})
	case document.ODT:
		format = FormatODT
		doc, err = document.ReadODT(data, document.Limits{MaxUnpacked: lim.maxUnpacked()})
	}
	if err != nil {
		var de *document.Error
		if errors.As(err, &de) {
			cause, detail := de.Err, documentName(format)+": "+de.Detail
			switch cause {
			case document.ErrTooLarge:
				cause = ErrTooLarge
			case document.ErrCorrupt:
				detail += "; откройте документ в Word или LibreOffice и сохраните его заново"
			}
			return nil, true, &ParseError{Pos: at, Err: cause, Detail: detail}
		}
		return nil, true, &ParseError{Pos: at, Err: ErrCorrupt, Detail: documentName(format) + ": " + err.Error()}
	}
	t, err = fromDocument(name, format, doc)
	return t, true, err
}

func documentName(format string) string {
	if format == FormatODT {
		return "документ OpenDocument (ODT)"
	}
	return "документ Word (DOCX)"
}

// unit is a top-level table with the line its first row takes.
type unit struct {
	table *document.Table
	line  int // line of the first row
	block int // index in the body
}

type docBuilder struct {
	name   string
	blocks []document.Block
	lines  []int // line of each top-level block (of its first row for a table)
	cells  *cellParser
	diags  plan.Diagnostics
}

func fromDocument(name, format string, doc *document.Document) (*Table, error) {
	b := &docBuilder{name: name, blocks: doc.Blocks, cells: newCellParser()}
	line := 1
	var tables []unit
	b.lines = make([]int, len(doc.Blocks))
	for i, blk := range doc.Blocks {
		b.lines[i] = line
		if blk.Table != nil {
			tables = append(tables, unit{blk.Table, line, i})
			line += max(len(blk.Table.Rows), 1)
		} else {
			line++
		}
	}
	at := plan.Pos{File: name, Line: 1}
	for _, n := range doc.Notes {
		switch n.Kind {
		case document.NoteChanges:
			b.diags.Add(at, plan.Info, plan.CodeTrackedChanges,
				fmt.Sprintf("в документе есть непринятые исправления (%d): прочитан текст, в котором все они приняты", n.Count), "")
		case document.NoteComments:
			b.diags.Add(at, plan.Info, plan.CodeComments,
				fmt.Sprintf("примечания к документу (%d) не прочитаны", n.Count), "")
		}
	}
	groups := b.groups(tables)
	if len(groups) == 0 {
		return nil, &ParseError{Pos: at, Err: ErrNoTable,
			Detail: "в документе нет таблицы с текстом; ожидается таблица дорожной карты"}
	}
	var out []*Table
	from := 0
	for _, g := range groups {
		t := &Table{Source: plan.Source{Path: name, Format: format}}
		t.Title = b.textLines(from, g[0].block)
		end := b.joinGroup(t, g)
		t.Trailing = b.textLines(end, len(b.blocks))
		t.Diagnostics = append(append(plan.Diagnostics{}, b.diags...), t.Diagnostics...)
		checkRagged(t)
		out = append(out, t)
		from = end
	}
	if len(out) > 1 {
		out[0].Alternatives = out[1:]
	}
	return out[0], nil
}

// wide counts a table's rows of two cells or more.
func wide(t *document.Table) int {
	n := 0
	for _, r := range t.Rows {
		if len(r.Cells) > 1 {
			n++
		}
	}
	return n
}

// groups splits the tables into roadmap candidates: a table with two wide
// rows or more starts a group, and the tables of the same width right
// after it join it; the first table with text stands alone when no table
// is wide (a one-column list).
func (b *docBuilder) groups(tables []unit) [][]unit {
	var out [][]unit
	for i := 0; i < len(tables); i++ {
		if wide(tables[i].table) < 2 {
			continue
		}
		g := []unit{tables[i]}
		for i+1 < len(tables) && wide(tables[i+1].table) > 0 && tables[i+1].table.Cols == tables[i].table.Cols {
			i++
			g = append(g, tables[i])
		}
		out = append(out, g)
	}
	if len(out) > 0 {
		return out
	}
	for _, u := range tables {
		for _, r := range u.table.Rows {
			for _, c := range r.Cells {
				if b.cellText(c.Blocks) != "" {
					return [][]unit{{u}}
				}
			}
		}
	}
	return nil
}

func (b *docBuilder) cellText(blocks []document.Block) string {
	return b.cells.parse(cellHTML(blocks)).Text
}

// joinGroup lays the group's tables into t.Rows, with the paragraphs
// between them as rows without tabs, and returns the block index after
// the group.
func (b *docBuilder) joinGroup(t *Table, g []unit) int {
	b.tableRows(t, g[0], nil)
	var first []string
	if len(t.Rows) > 0 {
		first = t.Rows[0].Texts()
	}
	for k := 1; k < len(g); k++ {
		u := g[k]
		between := b.textLines(g[k-1].block+1, u.block)
		for _, l := range between {
			t.Rows = append(t.Rows, Row{Pos: l.Pos, NoTabs: true,
				Cells: []Cell{{Text: l.Text, Raw: l.Text, At: atOf(l.Pos)}}})
		}
		if body := b.tableRows(t, u, first); len(between) == 0 && body >= 0 {
			// Tables split with nothing between: a page break, as the
			// text export shows it with blank lines before the first row
			// after the repeated header.
			t.Rows[body].BlankBefore = 1
		}
	}
	return g[len(g)-1].block + 1
}

// tableRows lays a table on its grid: a cell spanning columns or rows is
// copied into every slot it covers, the copies marked Spanned with the
// origin's position, as the HTML reader does with colspan and rowspan.
// It returns the index in t.Rows of the first row appended that is not a
// header row (w:tblHeader, table:table-header-rows, or the same texts as
// header), -1 if none.
func (b *docBuilder) tableRows(t *Table, u unit, header []string) int {
	body := -1
	type carry struct {
		cell Cell
		left int // rows still covered; 0: no carry in this column
	}
	dt := u.table
	carries := make([]carry, dt.Cols)
	set := make([]bool, dt.Cols) // the slots of the current row a cell covers
	t.Rows = slices.Grow(t.Rows, len(dt.Rows))
	for ri, dr := range dt.Rows {
		line := u.line + ri
		row := Row{Pos: plan.Pos{File: b.name, Line: line, Col: 1}, Cells: make([]Cell, dt.Cols)}
		clear(set)
		for col := range carries {
			if c := &carries[col]; c.left > 0 {
				row.Cells[col], set[col] = c.cell, true
				if c.left--; c.left == 0 {
					c.cell = Cell{}
				}
			}
		}
		for _, dc := range dr.Cells {
			pos := plan.Pos{File: b.name, Line: line, Col: dc.Col + 1}
			cell := b.cells.cell(cellHTML(dc.Blocks), pos, &t.Diagnostics)
			for k := 0; k < dc.ColSpan && dc.Col+k < dt.Cols; k++ {
				col := dc.Col + k
				row.Cells[col], set[col] = cell, true
				row.Cells[col].Spanned = k > 0
				if dc.RowSpan > 1 {
					carries[col] = carry{cell: cell, left: dc.RowSpan - 1}
					carries[col].cell.Spanned = true
				}
			}
		}
		for col, ok := range set {
			if !ok {
				row.Cells[col] = Cell{At: atOf(plan.Pos{Line: line, Col: col + 1})}
			}
		}
		if row.OwnNonEmpty() == 0 {
			continue
		}
		if body < 0 && !dr.Header && !slices.Equal(row.Texts(), header) {
			body = len(t.Rows)
		}
		t.Rows = append(t.Rows, row)
	}
	return body
}

// textLines gives the text of blocks [from, to) outside the roadmap as
// lines: each paragraph's lines, and the text of any table there cell by
// cell.
func (b *docBuilder) textLines(from, to int) []Line {
	var out []Line
	for i := from; i < to && i < len(b.blocks); i++ {
		blk := b.blocks[i]
		if blk.Para != nil {
			out = b.appendLines(out, cellHTML(b.blocks[i:i+1]), plan.Pos{File: b.name, Line: b.lines[i], Col: 1})
			continue
		}
		for ri, r := range blk.Table.Rows {
			for _, c := range r.Cells {
				out = b.appendLines(out, cellHTML(c.Blocks), plan.Pos{File: b.name, Line: b.lines[i] + ri, Col: c.Col + 1})
			}
		}
	}
	return out
}

func (b *docBuilder) appendLines(out []Line, raw string, pos plan.Pos) []Line {
	c := b.cells.parse(raw)
	for _, l := range strings.Split(c.Text, "\n") {
		if l != "" {
			out = append(out, Line{Text: l, Pos: pos})
		}
	}
	return out
}

// cellHTML writes blocks as the HTML an export would hold for them. A
// single plain paragraph stays plain text, which the cell parser's fast
// path takes as it is.
func cellHTML(blocks []document.Block) string {
	if len(blocks) == 1 && blocks[0].Para != nil {
		p := blocks[0].Para
		if p.Label == "" && len(p.Runs) <= 1 && (len(p.Runs) == 0 || !p.Runs[0].Bold && p.Runs[0].Href == "") {
			text := p.Text()
			if !strings.ContainsAny(text, "<>&\n") {
				return text
			}
		}
	}
	var sb strings.Builder
	writeBlocks(&sb, blocks)
	return sb.String()
}

func writeBlocks(sb *strings.Builder, blocks []document.Block) {
	inList := false
	for _, blk := range blocks {
		if blk.Para != nil && blk.Para.Bullet {
			if !inList {
				sb.WriteString("<ul>")
				inList = true
			}
			sb.WriteString("<li>")
			writeRuns(sb, blk.Para.Runs)
			sb.WriteString("</li>")
			continue
		}
		if inList {
			sb.WriteString("</ul>")
			inList = false
		}
		if blk.Table != nil {
			sb.WriteString("<table>")
			for _, r := range blk.Table.Rows {
				sb.WriteString("<tr>")
				for _, c := range r.Cells {
					// A nested cell of one paragraph stays on the row's
					// line: "этап срок", as an HTML export's <td> reads.
					sb.WriteString("<td>")
					if len(c.Blocks) == 1 && c.Blocks[0].Para != nil && !c.Blocks[0].Para.Bullet {
						writeRuns(sb, labelled(c.Blocks[0].Para))
					} else {
						writeBlocks(sb, c.Blocks)
					}
					sb.WriteString("</td>")
				}
				sb.WriteString("</tr>")
			}
			sb.WriteString("</table>")
			continue
		}
		sb.WriteString("<p>")
		writeRuns(sb, labelled(blk.Para))
		sb.WriteString("</p>")
	}
	if inList {
		sb.WriteString("</ul>")
	}
}

// labelled returns a paragraph's runs with its list label in front, in
// the weight of its first run.
func labelled(p *document.Para) []document.Run {
	if p.Label == "" {
		return p.Runs
	}
	runs := make([]document.Run, 0, len(p.Runs)+1)
	bold := len(p.Runs) > 0 && p.Runs[0].Bold
	sep := ""
	if len(p.Runs) > 0 {
		sep = " "
	}
	runs = append(runs, document.Run{Text: p.Label + sep, Bold: bold})
	return append(runs, p.Runs...)
}

func writeRuns(sb *strings.Builder, runs []document.Run) {
	for _, r := range runs {
		if r.Href != "" {
			sb.WriteString(`<a href="`)
			escapeHTML(sb, r.Href)
			sb.WriteString(`">`)
		}
		if r.Bold {
			sb.WriteString("<b>")
		}
		escapeHTML(sb, r.Text)
		if r.Bold {
			sb.WriteString("</b>")
		}
		if r.Href != "" {
			sb.WriteString("</a>")
		}
	}
}

// escapeHTML writes s as HTML text: markup characters escaped, line
// breaks as <br>, tabs as spaces.
func escapeHTML(sb *strings.Builder, s string) {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '<':
			sb.WriteString("&lt;")
		case '>':
			sb.WriteString("&gt;")
		case '&':
			sb.WriteString("&amp;")
		case '"':
			sb.WriteString("&#34;")
		case '\n':
			sb.WriteString("<br>")
		case '\t':
			sb.WriteByte(' ')
		default:
			sb.WriteByte(c)
		}
	}
}
