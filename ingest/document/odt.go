package document

import (
	"strings"
)

// ReadODT reads an OpenDocument text (.odt): content.xml, with the styles
// of styles.xml for bold text and list numbering.
//
// Lists are numbered as LibreOffice numbers them. A text:list starts a
// list, nested text:list elements are its deeper levels; the first
// paragraph of a text:list-item is numbered (an item that only wraps a
// deeper list is not), counting at its level and restarting the levels
// below. text:start-value on an item sets its number; a list with
// text:continue-numbering goes on from the last list of the same list
// style, one with text:continue-list from the list with that xml:id. The
// label is the level's num-prefix, the numbers of the display-levels
// levels ending at its own joined by dots, and num-suffix, or
// LibreOffice's loext:num-list-format template ("%1%.%2%.") when given.
//
// Tracked changes keep insertions inline and deleted text apart, in
// text:tracked-changes, which is not read: the text reads as accepted.
func ReadODT(data []byte, lim Limits) (*Document, error) {
	a, err := openArchive(data, lim)
	if err != nil {
		return nil, err
	}
	content, ok, err := a.read("content.xml")
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, &Error{Err: ErrNotDocument, Detail: "в архиве нет части content.xml"}
	}
	r := &odtReader{styles: map[string]*odtStyle{}, lists: map[string]*odtListStyle{},
		byID: map[string]*odtList{}, lastByStyle: map[string]*odtList{}}
	if st, ok, err := a.read("styles.xml"); err != nil {
		return nil, err
	} else if ok {
		if err := r.readStyles(st); err != nil {
			return nil, partError("styles.xml", err)
		}
	}
	doc, err := r.read(content)
	if err != nil {
		return nil, partError("content.xml", err)
	}
	return doc, nil
}

type odtStyle struct {
	parent    string
	bold      tri
	listStyle string
}

type odtLevel struct {
	format     numFormat
	prefix     string
	suffix     string
	display    int
	start      int
	sync       bool
	template   string // loext:num-list-format
	bullet     string
	isBullet   bool
	configured bool
}

type odtListStyle struct {
	levels [10]odtLevel
}

// odtList is one list's counters.
type odtList struct {
	style   string
	count   [10]int
	started [10]bool
}

type odtReader struct {
	s      *scanner
	styles map[string]*odtStyle // paragraph and text styles, by name
	lists  map[string]*odtListStyle
	// byID and lastByStyle find the list a text:continue-list or a
	// text:continue-numbering continues.
	byID        map[string]*odtList
	lastByStyle map[string]*odtList
	changes     int
	comments    int
}

func (r *odtReader) readStyles(data []byte) error {
	r.s = newScanner(data)
	for r.s.next() != tokEOF {
		r.styleElement()
	}
	return r.s.err
}

// styleElement reads the style or list style that starts at the current
// token, if it is one, to its end.
func (r *odtReader) styleElement() bool {
	s := r.s
	if s.kind != tokStart {
		return false
	}
	switch {
	case s.is(nsStyle, "style"):
		name, _ := s.attr(nsStyle, "name")
		st := &odtStyle{}
		st.parent, _ = s.attr(nsStyle, "parent-style-name")
		st.listStyle, _ = s.attr(nsStyle, "list-style-name")
		r.styles[name] = st
		for w := s.walk(); w.next(); {
			if s.is(nsStyle, "text-properties") {
				if weight, ok := s.attr(nsFO, "font-weight"); ok {
					st.bold = triOf(isBoldWeight(weight))
				}
			}
		}
	case s.is(nsText, "list-style"):
		name, _ := s.attr(nsStyle, "name")
		ls := &odtListStyle{}
		r.lists[name] = ls
		for w := s.walk(); w.next(); {
			if s.space != nsText || !strings.HasPrefix(s.local, "list-level-style-") {
				continue
			}
			n := atoiDefault(attrOr(s, nsText, "level", "1"), 1)
			if n < 1 || n > 10 {
				continue
			}
			l := &ls.levels[n-1]
			l.configured = true
			l.display = 1
			l.start = 1
			if s.local == "list-level-style-number" {
				f, _ := s.attr(nsStyle, "num-format")
				l.format = odfFormat(f)
				l.prefix, _ = s.attr(nsStyle, "num-prefix")
				l.suffix, _ = s.attr(nsStyle, "num-suffix")
				l.display = atoiDefault(attrOr(s, nsText, "display-levels", "1"), 1)
				l.start = atoiDefault(attrOr(s, nsText, "start-value", "1"), 1)
				l.sync = attrOr(s, nsStyle, "num-letter-sync", "") == "true"
				l.template, _ = s.attr(nsLOExt, "num-list-format")
			} else {
				l.isBullet = true
				l.bullet = attrOr(s, nsText, "bullet-char", "•")
			}
		}
	default:
		return false
	}
	return true
}

func attrOr(s *scanner, space ns, local, def string) string {
	if v, ok := s.attr(space, local); ok {
		return v
	}
	return def
}

func isBoldWeight(w string) bool {
	switch w {
	case "bold", "bolder", "600", "700", "800", "900":
		return true
	}
	return false
}

func (r *odtReader) bold(name string) bool {
	for range 32 {
		st := r.styles[name]
		if st == nil {
			return false
		}
		if st.bold != unset {
			return st.bold == yes
		}
		name = st.parent
	}
	return false
}

func (r *odtReader) paraListStyle(name string) string {
	for range 32 {
		st := r.styles[name]
		if st == nil {
			return ""
		}
		if st.listStyle != "" {
			return st.listStyle
		}
		name = st.parent
	}
	return ""
}

func (r *odtReader) read(data []byte) (*Document, error) {
	r.s = newScanner(data)
	s := r.s
	doc := &Document{}
	for s.next() != tokEOF {
		if s.kind != tokStart {
			continue
		}
		switch {
		case s.is(nsOffice, "automatic-styles"), s.is(nsOffice, "styles"):
			for k := s.next(); k != tokEOF && k != tokEnd; k = s.next() {
				if k == tokStart && !r.styleElement() {
					s.skip()
				}
			}
		case s.is(nsOffice, "text"):
			doc.Blocks = r.blocks(nil)
		}
	}
	if s.err != nil {
		return nil, s.err
	}
	if r.changes > 0 {
		doc.Notes = append(doc.Notes, Note{Kind: NoteChanges, Count: r.changes})
	}
	if r.comments > 0 {
		doc.Notes = append(doc.Notes, Note{Kind: NoteComments, Count: r.comments})
	}
	return doc, nil
}

// listCtx is where a paragraph sits in a list.
type listCtx struct {
	list  *odtList
	style string
	level int // 0-based
	// first is true until the item's first paragraph is numbered.
	first *bool
	start int // text:start-value of the item, 0 if none
}

// blocks reads block content up to the end of the current element.
func (r *odtReader) blocks(lc *listCtx) []Block {
	var out []Block
	r.blockContent(&out, lc)
	return out
}

func (r *odtReader) blockContent(out *[]Block, lc *listCtx) {
	s := r.s
	for s.child() {
		switch {
		case s.is(nsText, "p"), s.is(nsText, "h"):
			*out = append(*out, Block{Para: r.para(lc)})
		case s.is(nsTable, "table"):
			*out = append(*out, Block{Table: r.table()})
		case s.is(nsText, "list"):
			r.list(out, lc)
		case s.is(nsText, "section"):
			r.blockContent(out, lc)
		case s.is(nsText, "tracked-changes"):
			r.countChanges()
		default:
			s.skip() // sequence-decls, forms, tables of contents, frames...
		}
	}
}

func (r *odtReader) countChanges() {
	s := r.s
	for w := s.walk(); w.next(); {
		if s.is(nsText, "changed-region") {
			r.changes++
		}
	}
}

func (r *odtReader) list(out *[]Block, parent *listCtx) {
	s := r.s
	style, _ := s.attr(nsText, "style-name")
	id, _ := s.attr(nsXML, "id")
	continueList, _ := s.attr(nsText, "continue-list")
	continueNum, _ := s.attr(nsText, "continue-numbering")
	lc := &listCtx{}
	if parent != nil {
		lc.list, lc.level = parent.list, parent.level+1
		lc.style = parent.style
		if style != "" {
			lc.style = style
		}
	} else {
		lc.style = style
		switch {
		case continueList != "" && r.byID[continueList] != nil:
			lc.list = r.byID[continueList]
			if style == "" {
				lc.style = lc.list.style
			}
		case continueNum == "true" && r.lastByStyle[style] != nil:
			lc.list = r.lastByStyle[style]
		default:
			lc.list = &odtList{style: style}
		}
		r.lastByStyle[style] = lc.list
	}
	if id != "" {
		r.byID[id] = lc.list
	}
	for s.child() {
		switch {
		case s.is(nsText, "list-item"):
			item := *lc
			first := true
			item.first = &first
			item.start = atoiDefault(attrOr(s, nsText, "start-value", "0"), 0)
			r.blockContent(out, &item)
		case s.is(nsText, "list-header"):
			item := *lc
			first := false // a header is not numbered
			item.first = &first
			r.blockContent(out, &item)
		default:
			s.skip()
		}
	}
}

// number gives the first paragraph of a list item its label.
func (r *odtReader) number(p *Para, lc *listCtx, paraStyle string) {
	if lc == nil || lc.first == nil || !*lc.first {
		return
	}
	*lc.first = false
	styleName := lc.style
	if styleName == "" {
		styleName = r.paraListStyle(paraStyle)
	}
	ls := r.lists[styleName]
	lv := min(lc.level, 9)
	var def odtLevel
	if ls != nil {
		def = ls.levels[lv]
	}
	if !def.configured {
		def = odtLevel{format: fmtDecimal, display: 1, start: 1, suffix: "."}
	}
	p.Level = lv
	if def.isBullet {
		p.Label, p.Bullet = def.bullet, true
		return
	}
	l := lc.list
	switch {
	case lc.start > 0:
		l.count[lv], l.started[lv] = lc.start, true
	case l.started[lv]:
		l.count[lv]++
	default:
		l.count[lv], l.started[lv] = def.start, true
	}
	for k := lv + 1; k < len(l.started); k++ {
		l.started[k] = false
	}
	levelNum := func(k int) string {
		d := def
		if ls != nil && ls.levels[k].configured {
			d = ls.levels[k]
		}
		v := d.start
		if l.started[k] {
			v = l.count[k]
		}
		if d.isBullet {
			return ""
		}
		return formatNumber(v, d.format, d.sync)
	}
	if def.template != "" {
		var b strings.Builder
		t := def.template
		for i := 0; i < len(t); i++ {
			if t[i] == '%' && i+2 < len(t) && t[i+1] >= '1' && t[i+1] <= '9' && t[i+2] == '%' {
				b.WriteString(levelNum(int(t[i+1] - '1')))
				i += 2
				continue
			}
			b.WriteByte(t[i])
		}
		p.Label = b.String()
		return
	}
	if def.format == fmtNone {
		p.Label = strings.TrimSpace(def.prefix + def.suffix)
		return
	}
	parts := make([]string, 0, def.display)
	for k := max(lv-def.display+1, 0); k <= lv; k++ {
		parts = append(parts, levelNum(k))
	}
	p.Label = def.prefix + strings.Join(parts, ".") + def.suffix
}

func (r *odtReader) para(lc *listCtx) *Para {
	s := r.s
	p := &Para{}
	style, _ := s.attr(nsText, "style-name")
	r.number(p, lc, style)
	r.inline(p, r.bold(style), "")
	return p
}

func (r *odtReader) addText(p *Para, text string, bold bool, href string) {
	if text == "" {
		return
	}
	if n := len(p.Runs); n > 0 && p.Runs[n-1].Bold == bold && p.Runs[n-1].Href == href {
		p.Runs[n-1].Text += text
		return
	}
	p.Runs = append(p.Runs, Run{Text: text, Bold: bold, Href: href})
}

func (r *odtReader) inline(p *Para, bold bool, href string) {
	s := r.s
	for {
		switch s.next() {
		case tokEOF, tokEnd:
			return
		case tokText:
			r.addText(p, string(s.text), bold, href)
			continue
		case tokStart:
		default:
			continue
		}
		switch {
		case s.is(nsText, "span"):
			b := bold
			if name, ok := s.attr(nsText, "style-name"); ok {
				b = r.spanBold(name, bold)
			}
			r.inline(p, b, href)
		case s.is(nsText, "a"):
			h, _ := s.attr(nsXLink, "href")
			r.inline(p, bold, h)
		case s.is(nsText, "s"):
			n := atoiDefault(attrOr(s, nsText, "c", "1"), 1)
			r.addText(p, strings.Repeat(" ", max(1, min(n, 100))), bold, href)
			s.skip()
		case s.is(nsText, "tab"):
			r.addText(p, "\t", bold, href)
			s.skip()
		case s.is(nsText, "line-break"):
			r.addText(p, "\n", bold, href)
			s.skip()
		case s.is(nsOffice, "annotation"):
			r.comments++
			s.skip()
		case s.is(nsText, "note"), s.is(nsText, "bookmark"), s.is(nsText, "bookmark-start"),
			s.is(nsText, "bookmark-end"), s.is(nsText, "soft-page-break"), s.is(nsText, "change"),
			s.is(nsText, "change-start"), s.is(nsText, "change-end"),
			s.is(nsOffice, "annotation-end"), s.is(nsText, "ruby-text"):
			s.skip()
		case s.space == nsText:
			// fields (page numbers, dates, references), ruby bases,
			// meta: their text is what the document shows.
			r.inline(p, bold, href)
		default:
			s.skip() // frames, drawings
		}
	}
}

// spanBold resolves the weight of a text span: its style chain, or the
// paragraph's when the style says nothing.
func (r *odtReader) spanBold(name string, outer bool) bool {
	for range 32 {
		st := r.styles[name]
		if st == nil {
			return outer
		}
		if st.bold != unset {
			return st.bold == yes
		}
		name = st.parent
	}
	return outer
}

// table reads a table:table. Every cell, covered or not, takes one grid
// column (number-columns-repeated more); a cell's spans say which covered
// cells belong to it.
func (r *odtReader) table() *Table {
	s := r.s
	t := &Table{}
	var covered [][]int // per row: the origin cell index covering each column, -1 none
	var origins []struct{ row, cell int }
	owner := func(row, col int) (int, int, bool) {
		if row < len(covered) && col < len(covered[row]) && covered[row][col] >= 0 {
			o := origins[covered[row][col]]
			return o.row, o.cell, true
		}
		return 0, 0, false
	}
	cover := func(row, col, id int) {
		for len(covered) <= row {
			covered = append(covered, nil)
		}
		for len(covered[row]) <= col {
			covered[row] = append(covered[row], -1)
		}
		covered[row][col] = id
	}
	var readRows func(header bool)
	readRows = func(header bool) {
		for s.child() {
			switch {
			case s.is(nsTable, "table-row"):
				repeat := clampSpan(atoiDefault(attrOr(s, nsTable, "number-rows-repeated", "1"), 1), 1)
				ri := len(t.Rows)
				t.Rows = append(t.Rows, Row{Header: header})
				col := 0
				for s.child() {
					isCell, isCovered := s.is(nsTable, "table-cell"), s.is(nsTable, "covered-table-cell")
					if !isCell && !isCovered {
						s.skip()
						continue
					}
					rep := clampSpan(atoiDefault(attrOr(s, nsTable, "number-columns-repeated", "1"), 1), 1)
					cs := clampSpan(atoiDefault(attrOr(s, nsTable, "number-columns-spanned", "1"), 1), 1)
					rs := clampSpan(atoiDefault(attrOr(s, nsTable, "number-rows-spanned", "1"), 1), 1)
					blocks := r.blocks(nil)
					for range rep {
						if col >= maxCols {
							break
						}
						if orow, ocell, ok := owner(ri, col); ok || isCovered {
							if ok {
								c := &t.Rows[orow].Cells[ocell]
								c.Blocks = appendContent(c.Blocks, blocks)
							}
							col++
							continue
						}
						row := &t.Rows[ri]
						row.Cells = append(row.Cells, Cell{Col: col, ColSpan: cs, RowSpan: rs, Blocks: blocks})
						origins = append(origins, struct{ row, cell int }{ri, len(row.Cells) - 1})
						for dr := range rs {
							for dc := range cs {
								cover(ri+dr, col+dc, len(origins)-1)
							}
						}
						col++
					}
				}
				if ri < len(covered) {
					t.Cols = max(t.Cols, len(covered[ri]))
				}
				// A repeated row: copies of the row just read.
				for range min(repeat, 10000) - 1 {
					cp := Row{Header: header, Cells: append([]Cell(nil), t.Rows[ri].Cells...)}
					for i := range cp.Cells {
						cp.Cells[i].RowSpan = 1
					}
					t.Rows = append(t.Rows, cp)
				}
			case s.is(nsTable, "table-header-rows"):
				readRows(true)
			case s.is(nsTable, "table-rows"), s.is(nsTable, "table-row-group"):
				readRows(header)
			case s.is(nsTable, "table-column"):
				t.Cols += min(clampSpan(atoiDefault(attrOr(s, nsTable, "number-columns-repeated", "1"), 1), 1), maxCols)
				s.skip()
			case s.is(nsTable, "table-columns"), s.is(nsTable, "table-header-columns"), s.is(nsTable, "table-column-group"):
				readRows(header)
			default:
				s.skip()
			}
		}
	}
	readRows(false)
	// Spans reaching past the last row end with it.
	for ri := range t.Rows {
		for ci := range t.Rows[ri].Cells {
			c := &t.Rows[ri].Cells[ci]
			c.RowSpan = min(c.RowSpan, len(t.Rows)-ri)
		}
	}
	t.Cols = min(t.Cols, maxCols)
	collapseColumns(t)
	return t
}
