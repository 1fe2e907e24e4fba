package document

import (
	"strings"
	"unicode/utf8"
)

const (
	relOfficeDocument = "/officeDocument"
	relStyles         = "/styles"
	relNumbering      = "/numbering"
)

// ReadDOCX reads a Word document (Office Open XML, .docx): the main part
// named by the package relationships, with its styles, list numbering and
// hyperlink targets.
func ReadDOCX(data []byte, lim Limits) (*Document, error) {
	a, err := openArchive(data, lim)
	if err != nil {
		return nil, err
	}
	main := "word/document.xml"
	root, err := a.readRels("")
	if err != nil {
		return nil, err
	}
	for _, r := range root {
		if strings.HasSuffix(r.typ, relOfficeDocument) && !r.external && a.has(r.target) {
			main = r.target
		}
	}
	body, ok, err := a.read(main)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, &Error{Err: ErrNotDocument, Detail: "в архиве нет части word/document.xml"}
	}
	rels, err := a.readRels(main)
	if err != nil {
		return nil, err
	}
	r := &docxReader{rels: rels, num: newNumbering(), comments: map[string]bool{}}
	stylesPart, numberingPart := "word/styles.xml", "word/numbering.xml"
	for _, rel := range rels {
		switch {
		case rel.external:
		case strings.HasSuffix(rel.typ, relStyles):
			stylesPart = rel.target
		case strings.HasSuffix(rel.typ, relNumbering):
			numberingPart = rel.target
		}
	}
	if data, ok, err := a.read(stylesPart); err != nil {
		return nil, err
	} else if ok {
		if r.styles, err = parseStyles(data); err != nil {
			return nil, partError(stylesPart, err)
		}
	}
	if data, ok, err := a.read(numberingPart); err != nil {
		return nil, err
	} else if ok {
		if r.num, err = parseNumbering(data); err != nil {
			return nil, partError(numberingPart, err)
		}
	}
	doc, err := r.read(body)
	if err != nil {
		return nil, partError(main, err)
	}
	return doc, nil
}

type docxReader struct {
	s        *scanner
	rels     map[string]relationship
	styles   *styles
	num      *numbering
	fields   []field // complex fields open (w:fldChar), outermost first
	changes  int
	comments map[string]bool
}

// field is a complex field being read: its instruction, then its result.
type field struct {
	instr    strings.Builder
	inResult bool
	href     string
}

func (r *docxReader) read(data []byte) (*Document, error) {
	r.s = newScanner(data)
	doc := &Document{}
	s := r.s
	for s.next() != tokEOF {
		if s.kind == tokStart && s.is(nsW, "body") {
			doc.Blocks = r.blocks()
		}
	}
	if s.err != nil {
		return nil, s.err
	}
	if r.changes > 0 {
		doc.Notes = append(doc.Notes, Note{Kind: NoteChanges, Count: r.changes})
	}
	if len(r.comments) > 0 {
		doc.Notes = append(doc.Notes, Note{Kind: NoteComments, Count: len(r.comments)})
	}
	return doc, nil
}

// blocks reads the block content of the element just opened (w:body,
// w:tc, w:sdtContent...) up to its end.
func (r *docxReader) blocks() []Block {
	var out []Block
	r.blockContent(&out)
	return mergeDeletedMarks(out)
}

// blockContent appends the blocks up to the end of the current element;
// wrappers (content controls, custom XML, tracked insertions of whole
// paragraphs) are read through.
func (r *docxReader) blockContent(out *[]Block) {
	s := r.s
	for s.child() {
		if s.space == nsMC && s.local == "AlternateContent" {
			r.alternate(func() { r.blockContent(out) })
			continue
		}
		if s.space != nsW {
			s.skip()
			continue
		}
		switch s.local {
		case "p":
			*out = append(*out, Block{Para: r.para()})
		case "tbl":
			*out = append(*out, Block{Table: r.table()})
		case "sdt", "customXml", "sdtContent", "smartTag":
			r.blockContent(out)
		case "ins", "moveTo":
			r.changes++
			r.blockContent(out)
		case "del", "moveFrom":
			r.changes++
			s.skip()
		case "commentRangeStart", "commentRangeEnd":
			r.comment()
			s.skip()
		default:
			s.skip() // sectPr, sdtPr, bookmarks, altChunk...
		}
	}
}

// alternate reads mc:AlternateContent through its mc:Fallback, which is
// in the namespaces every reader knows, and skips the mc:Choice.
func (r *docxReader) alternate(content func()) {
	s := r.s
	for s.child() {
		if s.space == nsMC && s.local == "Fallback" {
			content()
		} else {
			s.skip()
		}
	}
}

func (r *docxReader) comment() {
	id, _ := r.s.attr(nsW, "id")
	r.comments[id] = true
}

// paraState is a paragraph being read.
type paraState struct {
	p           *Para
	style       string
	numID       string
	ilvl        int
	markDeleted bool
	// href is the hyperlink being read (w:hyperlink); deleted counts the
	// tracked deletions around the current content.
	href    string
	deleted int
}

func (r *docxReader) para() *Para {
	ps := &paraState{p: &Para{}, ilvl: -1}
	r.inline(ps)
	// A paragraph whose mark was deleted as a tracked change is not
	// numbered: its text joins the next paragraph (mergeDeletedMarks).
	ps.p.markDeleted = ps.markDeleted
	if !ps.markDeleted {
		r.numberPara(ps)
	}
	return ps.p
}

// mergeDeletedMarks joins each paragraph whose mark is deleted with the
// paragraph after it, which keeps its own properties and list label, as
// Word shows the document once the changes are accepted.
func mergeDeletedMarks(blocks []Block) []Block {
	out := blocks[:0]
	var carry []Run
	for _, b := range blocks {
		if b.Para == nil {
			if carry != nil {
				out = append(out, Block{Para: &Para{Runs: carry}})
				carry = nil
			}
			out = append(out, b)
			continue
		}
		p := b.Para
		if p.markDeleted {
			carry = append(carry, p.Runs...)
			continue
		}
		if carry != nil {
			p.Runs = append(carry, p.Runs...)
			carry = nil
		}
		out = append(out, b)
	}
	if carry != nil {
		out = append(out, Block{Para: &Para{Runs: carry}})
	}
	return out
}

// numberPara gives a paragraph its list label: its own w:numPr, or its
// style's, the level from the paragraph, else the style, else the level
// linked to the style, else 0.
func (r *docxReader) numberPara(ps *paraState) {
	style := ps.style
	if style == "" && r.styles != nil {
		style = r.styles.defaultPara
	}
	numID, ilvl := ps.numID, ps.ilvl
	if numID == "" {
		numID = r.styles.numID(style)
		if ilvl < 0 {
			if l := r.num.levelForStyle(numID, style, r.styles); l >= 0 {
				ilvl = l
			} else {
				ilvl = r.styles.ilvl(style)
			}
		}
	} else if ilvl < 0 {
		ilvl = r.styles.ilvl(style)
	}
	if ilvl < 0 {
		ilvl = 0
	}
	label, bullet, ok := r.num.label(numID, ilvl, r.styles)
	if !ok {
		return
	}
	ps.p.Label, ps.p.Bullet, ps.p.Level = label, bullet, ilvl
}

// inline reads a paragraph's content, or that of an inline wrapper inside
// it, up to the end of the current element.
func (r *docxReader) inline(ps *paraState) {
	s := r.s
	for s.child() {
		if s.space == nsMC && s.local == "AlternateContent" {
			r.alternate(func() { r.inline(ps) })
			continue
		}
		if s.space != nsW {
			s.skip()
			continue
		}
		switch s.local {
		case "pPr":
			r.pPr(ps)
		case "r":
			r.run(ps)
		case "hyperlink":
			outer := ps.href
			if id, ok := s.attr(nsR, "id"); ok {
				if rel, ok := r.rels[id]; ok {
					ps.href = rel.target
				}
			} else if anchor, ok := s.attr(nsW, "anchor"); ok {
				ps.href = "#" + anchor
			}
			r.inline(ps)
			ps.href = outer
		case "fldSimple":
			outer := ps.href
			instr, _ := s.attr(nsW, "instr")
			if h := hyperlinkTarget(instr); h != "" {
				ps.href = h
			}
			r.inline(ps)
			ps.href = outer
		case "ins", "moveTo":
			r.changes++
			r.inline(ps)
		case "del", "moveFrom":
			r.changes++
			ps.deleted++
			r.inline(ps) // read for fields and comments; text is dropped
			ps.deleted--
		case "smartTag", "customXml", "sdt", "sdtContent", "dir", "bdo":
			r.inline(ps)
		case "commentRangeStart", "commentRangeEnd":
			r.comment()
			s.skip()
		default:
			s.skip() // bookmarks, proofErr, permStart, sdtPr, oMath...
		}
	}
}

func (r *docxReader) pPr(ps *paraState) {
	s := r.s
	for w := s.walk(); w.next(); {
		if s.space != nsW {
			continue
		}
		val, _ := s.attr(nsW, "val")
		switch s.local {
		case "pStyle":
			ps.style = val
		case "numId":
			ps.numID = val
		case "ilvl":
			ps.ilvl = atoiDefault(val, -1)
		case "del", "moveFrom":
			// under w:rPr: the paragraph mark itself is deleted
			ps.markDeleted = true
			r.changes++
			w.skip()
		case "ins", "moveTo":
			r.changes++
			w.skip()
		case "pPrChange", "rPrChange", "sectPr":
			r.changes++
			w.skip()
		}
	}
}

// runProps is the formatting of a run as it affects the text read.
type runProps struct {
	bold, hidden bool
}

func (r *docxReader) runProps(ps *paraState) runProps {
	s := r.s
	b, v := unset, unset
	rStyle := ""
	for w := s.walk(); w.next(); {
		if s.space != nsW {
			continue
		}
		switch s.local {
		case "b":
			b = triOf(onOff(s, true))
		case "vanish":
			v = triOf(onOff(s, true))
		case "rStyle":
			rStyle, _ = s.attr(nsW, "val")
		case "rPrChange":
			r.changes++
			w.skip()
		}
	}
	return r.resolveProps(ps, b, v, rStyle)
}

// resolveProps applies the style hierarchy to a run's own formatting: the
// run's property, else its character style's, else its paragraph
// style's, else the document default.
func (r *docxReader) resolveProps(ps *paraState, b, v tri, rStyle string) runProps {
	pstyle := ps.style
	if pstyle == "" && r.styles != nil {
		pstyle = r.styles.defaultPara
	}
	resolve := func(direct tri, get func(*styles, string) tri, def bool) bool {
		if direct != unset {
			return direct == yes
		}
		if t := get(r.styles, rStyle); rStyle != "" && t != unset {
			return t == yes
		}
		if t := get(r.styles, pstyle); t != unset {
			return t == yes
		}
		return def
	}
	defBold := r.styles != nil && r.styles.defaultBold
	return runProps{
		bold:   resolve(b, (*styles).bold, defBold),
		hidden: resolve(v, (*styles).vanish, false),
	}
}

func (r *docxReader) run(ps *paraState) {
	s := r.s
	props := r.resolveProps(ps, unset, unset, "")
	var text strings.Builder
	flush := func() {
		if text.Len() == 0 {
			return
		}
		t := text.String()
		text.Reset()
		if props.hidden || ps.deleted > 0 || !r.fieldResult() {
			return
		}
		href := ps.href
		if h := r.fieldHref(); h != "" {
			href = h
		}
		runs := &ps.p.Runs
		if n := len(*runs); n > 0 && (*runs)[n-1].Bold == props.bold && (*runs)[n-1].Href == href {
			(*runs)[n-1].Text += t
			return
		}
		*runs = append(*runs, Run{Text: t, Bold: props.bold, Href: href})
	}
	for s.child() {
		if s.space == nsMC && s.local == "AlternateContent" {
			s.skip() // drawings and shapes
			continue
		}
		if s.space != nsW {
			s.skip()
			continue
		}
		switch s.local {
		case "rPr":
			props = r.runProps(ps)
		case "t":
			r.textContent(&text)
		case "delText", "delInstrText":
			s.skip()
		case "instrText":
			var b strings.Builder
			r.textContent(&b)
			if n := len(r.fields); n > 0 && !r.fields[n-1].inResult {
				r.fields[n-1].instr.WriteString(b.String())
			}
		case "tab", "ptab":
			text.WriteByte('\t')
			s.skip()
		case "br", "cr":
			text.WriteByte('\n')
			s.skip()
		case "noBreakHyphen":
			text.WriteByte('-')
			s.skip()
		case "sym":
			if c, ok := s.attr(nsW, "char"); ok {
				if v, err := parseHex(c); err == nil && utf8.ValidRune(v) {
					text.WriteRune(v)
				}
			}
			s.skip()
		case "fldChar":
			flush()
			typ, _ := s.attr(nsW, "fldCharType")
			r.fieldChar(typ)
			s.skip()
		case "commentReference":
			r.comment()
			s.skip()
		default:
			s.skip() // softHyphen, drawing, pict, object, footnoteReference...
		}
	}
	// At the end of a document cut short there is an error to report
	// instead, and what is flushed then is never read.
	flush()
}

func parseHex(s string) (rune, error) {
	var v rune
	if s == "" || len(s) > 6 {
		return 0, errXML
	}
	for _, c := range s {
		switch {
		case c >= '0' && c <= '9':
			v = v*16 + c - '0'
		case c >= 'a' && c <= 'f':
			v = v*16 + c - 'a' + 10
		case c >= 'A' && c <= 'F':
			v = v*16 + c - 'A' + 10
		default:
			return 0, errXML
		}
	}
	return v, nil
}

// textContent appends the character data of the current element.
func (r *docxReader) textContent(b *strings.Builder) {
	s := r.s
	for {
		switch s.next() {
		case tokEOF, tokEnd:
			return
		case tokText:
			b.Write(s.text)
		case tokStart:
			s.skip()
		}
	}
}

func (r *docxReader) fieldChar(typ string) {
	switch typ {
	case "begin":
		r.fields = append(r.fields, field{})
	case "separate":
		if n := len(r.fields); n > 0 {
			f := &r.fields[n-1]
			f.inResult = true
			f.href = hyperlinkTarget(f.instr.String())
		}
	case "end":
		if n := len(r.fields); n > 0 {
			r.fields = r.fields[:n-1]
		}
	}
}

// fieldResult reports whether text read now is shown: outside fields, or
// in the result of every field open.
func (r *docxReader) fieldResult() bool {
	for i := range r.fields {
		if !r.fields[i].inResult {
			return false
		}
	}
	return true
}

func (r *docxReader) fieldHref() string {
	for i := len(r.fields) - 1; i >= 0; i-- {
		if r.fields[i].href != "" {
			return r.fields[i].href
		}
	}
	return ""
}

// hyperlinkTarget reads a HYPERLINK field instruction:
// HYPERLINK "https://..." or HYPERLINK \l "bookmark".
func hyperlinkTarget(instr string) string {
	f := strings.Fields(instr)
	if len(f) < 2 || !strings.EqualFold(f[0], "HYPERLINK") {
		return ""
	}
	anchor := false
	for _, w := range f[1:] {
		switch {
		case w == `\l`:
			anchor = true
		case strings.HasPrefix(w, `\`):
		default:
			t := strings.Trim(w, `"`)
			if anchor {
				return "#" + t
			}
			return t
		}
	}
	return ""
}

// rawCell is a w:tc before layout.
type rawCell struct {
	span   int
	vMerge int // 0 none, 1 restart, 2 continue
	hMerge int // same, legacy horizontal merge
	blocks []Block
}

type rawRow struct {
	before, after int
	header        bool
	cells         []rawCell
}

func (r *docxReader) table() *Table {
	s := r.s
	var rows []rawRow
	gridCols := 0
	for s.child() {
		if s.space != nsW {
			s.skip()
			continue
		}
		switch s.local {
		case "tblGrid":
			gridCols = r.countGrid()
		case "tr":
			if row, ok := r.row(); ok {
				rows = append(rows, row)
			}
		case "sdt", "customXml", "sdtContent":
			// repeating sections wrap rows: read through them
			rows = append(rows, r.wrappedRows()...)
		default:
			s.skip() // tblPr, tblPrChange, bookmarks
		}
	}
	return layout(rows, gridCols)
}

func (r *docxReader) wrappedRows() []rawRow {
	s := r.s
	var rows []rawRow
	for s.child() {
		switch {
		case s.is(nsW, "tr"):
			if row, ok := r.row(); ok {
				rows = append(rows, row)
			}
		case s.is(nsW, "sdt"), s.is(nsW, "customXml"), s.is(nsW, "sdtContent"):
			rows = append(rows, r.wrappedRows()...)
		default:
			s.skip()
		}
	}
	return rows
}

func (r *docxReader) countGrid() int {
	s := r.s
	n := 0
	for s.child() {
		if s.is(nsW, "gridCol") {
			n++
		}
		s.skip()
	}
	return n
}

// row reads a w:tr; ok is false for a row deleted as a tracked change.
func (r *docxReader) row() (rawRow, bool) {
	s := r.s
	var row rawRow
	deleted := false
	for s.child() {
		if s.space != nsW {
			s.skip()
			continue
		}
		switch s.local {
		case "trPr", "tblPrEx":
			r.trPr(&row, &deleted)
		case "tc":
			if c, ok := r.cell(); ok {
				row.cells = append(row.cells, c)
			}
		case "sdt", "customXml", "sdtContent":
			row.cells = append(row.cells, r.wrappedCells()...)
		default:
			s.skip()
		}
	}
	return row, !deleted
}

func (r *docxReader) wrappedCells() []rawCell {
	s := r.s
	var cells []rawCell
	for s.child() {
		switch {
		case s.is(nsW, "tc"):
			if c, ok := r.cell(); ok {
				cells = append(cells, c)
			}
		case s.is(nsW, "sdt"), s.is(nsW, "customXml"), s.is(nsW, "sdtContent"):
			cells = append(cells, r.wrappedCells()...)
		default:
			s.skip()
		}
	}
	return cells
}

func (r *docxReader) trPr(row *rawRow, deleted *bool) {
	s := r.s
	for w := s.walk(); w.next(); {
		if s.space != nsW {
			continue
		}
		val, _ := s.attr(nsW, "val")
		switch s.local {
		case "gridBefore":
			row.before = clampSpan(atoiDefault(val, 0), 0)
		case "gridAfter":
			row.after = clampSpan(atoiDefault(val, 0), 0)
		case "tblHeader":
			row.header = onOff(s, true)
		case "del":
			*deleted = true
			r.changes++
		case "ins":
			r.changes++
		case "trPrChange", "tblPrExChange":
			r.changes++
			w.skip()
		}
	}
}

// maxCols bounds a span and the grid: HTML allows no wider a colspan.
const maxCols = 1000

func clampSpan(n, lo int) int {
	return max(lo, min(n, maxCols))
}

// cell reads a w:tc; ok is false for a cell deleted as a tracked change.
func (r *docxReader) cell() (rawCell, bool) {
	s := r.s
	c := rawCell{span: 1}
	deleted := false
	var blocks []Block
	for s.child() {
		if s.space == nsW && s.local == "tcPr" {
			r.tcPr(&c, &deleted)
			continue
		}
		if s.space == nsW {
			switch s.local {
			case "p":
				blocks = append(blocks, Block{Para: r.para()})
				continue
			case "tbl":
				blocks = append(blocks, Block{Table: r.table()})
				continue
			case "sdt", "customXml", "sdtContent":
				r.blockContent(&blocks)
				continue
			}
		}
		s.skip()
	}
	c.blocks = mergeDeletedMarks(blocks)
	return c, !deleted
}

func (r *docxReader) tcPr(c *rawCell, deleted *bool) {
	s := r.s
	merge := func() int {
		if v, _ := s.attr(nsW, "val"); v == "restart" {
			return 1
		}
		return 2
	}
	for w := s.walk(); w.next(); {
		if s.space != nsW {
			continue
		}
		switch s.local {
		case "gridSpan":
			v, _ := s.attr(nsW, "val")
			c.span = clampSpan(atoiDefault(v, 1), 1)
		case "vMerge":
			c.vMerge = merge()
		case "hMerge":
			c.hMerge = merge()
		case "cellDel":
			*deleted = true
			r.changes++
		case "cellIns", "cellMerge":
			r.changes++
		case "tcPrChange":
			r.changes++
			w.skip()
		}
	}
}

// layout places the cells of the rows on the grid: horizontal merges
// widen the cell on their left, vertical merges lengthen the cell above;
// a continuation with nothing to continue stays a cell of its own. Text
// found in a continuation cell joins its merged cell, so none is lost.
// Grid columns in which no cell starts (a border that misses a column in
// a few rows) are dropped: they would read as empty columns.
func layout(raw []rawRow, gridCols int) *Table {
	t := &Table{Rows: make([]Row, 0, len(raw))}
	type slot struct{ row, cell int }
	var above []slot // the cell covering each column in the row above
	for ri, rr := range raw {
		row := Row{Header: rr.header, Cells: make([]Cell, 0, len(rr.cells))}
		col := rr.before
		cur := make([]slot, 0, len(above))
		occupy := func(from, to int, sl slot) {
			for len(cur) < to {
				cur = append(cur, slot{-1, -1})
			}
			for i := from; i < to; i++ {
				cur[i] = sl
			}
		}
		for _, rc := range rr.cells {
			if rc.hMerge == 2 && len(row.Cells) > 0 {
				last := &row.Cells[len(row.Cells)-1]
				last.ColSpan += rc.span
				last.Blocks = appendContent(last.Blocks, rc.blocks)
				occupy(col, col+rc.span, slot{ri, len(row.Cells) - 1})
				col += rc.span
				continue
			}
			if rc.vMerge == 2 && col < len(above) && above[col].row >= 0 {
				o := above[col]
				origin := &t.Rows[o.row].Cells[o.cell]
				if origin.Col == col && origin.ColSpan == rc.span && o.row+origin.RowSpan == ri {
					origin.RowSpan++
					origin.Blocks = appendContent(origin.Blocks, rc.blocks)
					occupy(col, col+rc.span, o)
					col += rc.span
					continue
				}
			}
			if col+rc.span > maxCols {
				break
			}
			row.Cells = append(row.Cells, Cell{Col: col, ColSpan: rc.span, RowSpan: 1, Blocks: rc.blocks})
			occupy(col, col+rc.span, slot{ri, len(row.Cells) - 1})
			col += rc.span
		}
		t.Rows = append(t.Rows, row)
		gridCols = max(gridCols, min(col+rr.after, maxCols))
		above = cur
	}
	t.Cols = gridCols
	collapseColumns(t)
	return t
}

// appendContent adds the blocks of a merged continuation cell that hold
// any text.
func appendContent(dst, src []Block) []Block {
	for _, b := range src {
		if b.Table != nil || b.Para != nil && strings.TrimSpace(b.Para.Text()) != "" {
			dst = append(dst, b)
		}
	}
	return dst
}

// collapseColumns drops grid columns in which no cell starts.
func collapseColumns(t *Table) {
	starts := make([]bool, t.Cols)
	for _, r := range t.Rows {
		for _, c := range r.Cells {
			if c.Col < len(starts) {
				starts[c.Col] = true
			}
		}
	}
	newIdx := make([]int, t.Cols+1)
	n := 0
	for i := 0; i < t.Cols; i++ {
		newIdx[i] = n
		if starts[i] {
			n++
		}
	}
	newIdx[t.Cols] = n
	if n == t.Cols {
		return
	}
	for ri := range t.Rows {
		for ci := range t.Rows[ri].Cells {
			c := &t.Rows[ri].Cells[ci]
			end := min(c.Col+c.ColSpan, t.Cols)
			c.Col, c.ColSpan = newIdx[c.Col], max(newIdx[end]-newIdx[c.Col], 1)
		}
	}
	t.Cols = n
}
