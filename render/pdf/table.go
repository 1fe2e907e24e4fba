package pdf

import "math"

// rgb is a fill colour.
type rgb struct{ r, g, b int }

var (
	headerFill  = rgb{221, 227, 234}
	sectionFill = rgb{236, 239, 243}
	groupFill   = rgb{246, 247, 249}
	carriedFill = rgb{255, 248, 225}
	borderGray  = 150
)

// tcol is a table column placed on the page.
type tcol struct {
	heading string
	w       float64
	align   string // "L" or "C"
}

// table draws rows with a repeated header and the page-break rules.
type table struct {
	d     *doc
	m     *meter // measures the rows prepared: the doc's, or a forked one
	cols  []tcol
	head  [][]line
	headH float64
	cont  string // marker of a row continued from the previous page
}

// newTable scales the relative widths of cols to the body width.
func newTable(d *doc, headings []string, widths []float64, cont string) *table {
	total := 0.0
	for _, w := range widths {
		total += w
	}
	t := &table{d: d, m: &d.meter, cont: cont}
	for i, h := range headings {
		t.cols = append(t.cols, tcol{heading: h, w: widths[i] * bodyW / total, align: "L"})
	}
	n := 0
	for _, c := range t.cols {
		ls := d.layout([]para{{text: c.heading, st: "B"}}, c.w-2*padX)
		t.head = append(t.head, ls)
		n = max(n, len(ls))
	}
	t.headH = float64(n)*lineH + 2*padY
	return t
}

// begin starts the table at the current position: the header is drawn now
// (on a new page if the header and a little of the first row do not fit)
// and again on every page until end.
func (t *table) begin(firstRow float64) {
	t.d.ensure(t.headH + math.Min(firstRow, 3*lineH+2*padY))
	t.header()
	t.d.onNewPage = t.header
}

// end stops repeating the header.
func (t *table) end() {
	t.d.onNewPage = nil
	t.d.pdf.SetY(t.d.pdf.GetY() + 3)
}

func (t *table) header() {
	cells := make([]cell, len(t.cols))
	for i := range t.cols {
		cells[i] = cell{lines: t.head[i], fill: &headerFill}
	}
	t.drawChunk(cells, 0, int(math.Round((t.headH-2*padY)/lineH)), t.headH, nil)
}

// cell is one laid-out cell of a row.
type cell struct {
	lines []line
	fill  *rgb
	align string
}

// prepared is a row laid out and measured once.
type prepared struct {
	cells []cell
	n     int // lines in the tallest cell
	fill  *rgb
}

func (r prepared) height() float64 { return float64(r.n)*lineH + 2*padY }

// prepare lays out a row's paragraphs column by column.
func (t *table) prepare(paras [][]para, fills []*rgb, rowFill *rgb) prepared {
	r := prepared{cells: make([]cell, len(t.cols)), fill: rowFill}
	for i, c := range t.cols {
		if i >= len(paras) {
			break
		}
		r.cells[i].lines = t.m.layout(paras[i], c.w-2*padX)
		r.cells[i].align = c.align
		if fills != nil && fills[i] != nil {
			r.cells[i].fill = fills[i]
		}
		r.n = max(r.n, len(r.cells[i].lines))
	}
	r.n = max(r.n, 1)
	return r
}

// room is the height a row may take on a fresh page below the header.
func (t *table) room() float64 { return bottom - marginT - t.headH }

// row draws a prepared row: on this page when it fits, whole on the next
// page when it fits there, and otherwise split across pages, each part
// after the first opening with the continuation marker.
func (t *table) row(r prepared) {
	d := t.d
	h := r.height()
	if d.pdf.GetY()+h > bottom && h <= t.room() {
		d.newPage()
	}
	if d.pdf.GetY()+h <= bottom {
		t.drawChunk(r.cells, 0, r.n, h, r.fill)
		return
	}
	// Taller than a page: split by lines.
	from := 0
	first := true
	for from < r.n {
		avail := int((bottom - d.pdf.GetY() - 2*padY) / lineH)
		if avail < 3 || !first && avail < 1 {
			d.newPage()
			avail = int((bottom - d.pdf.GetY() - 2*padY) / lineH)
		}
		lead := ""
		if !first {
			lead = t.cont
			avail--
		}
		// At least one line per page, so that a header taller than the
		// page can never stall the loop.
		n := max(1, min(avail, r.n-from))
		extra := 0
		if lead != "" {
			extra = 1
		}
		t.drawChunkLead(r.cells, from, from+n, float64(n+extra)*lineH+2*padY, r.fill, lead)
		from += n
		first = false
		if from < r.n {
			d.newPage()
		}
	}
}

// drawChunk draws lines [from, to) of each cell as one band of height h.
func (t *table) drawChunk(cells []cell, from, to int, h float64, rowFill *rgb) {
	t.drawChunkLead(cells, from, to, h, rowFill, "")
}

// drawChunkLead is drawChunk with a lead line (the continuation marker)
// drawn above the lines, in the second column (the first, a number, is
// too narrow for it).
func (t *table) drawChunkLead(cells []cell, from, to int, h float64, rowFill *rgb, lead string) {
	d := t.d
	pdf := d.pdf
	y := pdf.GetY()
	x := marginL
	pdf.SetDrawColor(borderGray, borderGray, borderGray)
	pdf.SetLineWidth(0.15)
	for i, c := range t.cols {
		f := rowFill
		if i < len(cells) && cells[i].fill != nil {
			f = cells[i].fill
		}
		if f != nil {
			d.fillRect(x, y, c.w, h, "FD", *f)
		} else {
			pdf.Rect(x, y, c.w, h, "D")
		}
		top := y
		if lead != "" && i == 0 && len(cells) > 0 && len(cells[0].lines) > 0 && from >= len(cells[0].lines) {
			// Repeat the row's number beside the marker, so a continued
			// page says whose continuation it is.
			d.font("I", textSize)
			pdf.SetTextColor(100, 100, 100)
			d.text(x+padX, y+padY, cells[0].lines[0].text)
			pdf.SetTextColor(0, 0, 0)
		}
		if lead != "" {
			if i == min(1, len(t.cols)-1) {
				d.font("I", textSize)
				pdf.SetTextColor(100, 100, 100)
				d.text(x+padX, y+padY, lead)
				pdf.SetTextColor(0, 0, 0)
			}
			top += lineH
		}
		if i < len(cells) {
			ls := cells[i].lines
			for k := from; k < to && k < len(ls); k++ {
				l := ls[k]
				ly := top + padY + float64(k-from)*lineH
				if l.pieces != nil {
					d.drawPieces(x+padX, ly, l.pieces)
					continue
				}
				if l.text == "" && !l.bullet {
					continue
				}
				d.font(l.st, textSize)
				if l.gray {
					pdf.SetTextColor(100, 100, 100)
				}
				lx := x + padX + l.indent
				if cells[i].align == "C" {
					lx = x + (c.w-d.width(l.text))/2
				} else if cells[i].align == "R" {
					lx = x + c.w - padX - d.width(l.text)
				}
				if l.bullet {
					d.text(x+padX, ly, "–")
				}
				d.text(lx, ly, l.text)
				if l.gray {
					pdf.SetTextColor(0, 0, 0)
				}
			}
		}
		x += c.w
	}
	pdf.SetY(y + h)
}

// span draws a full-width row (a section heading) kept on the same page as
// keep mm of what follows it; long headings wrap.
func (t *table) span(text string, st style, f rgb, indent float64, keep float64) {
	d := t.d
	d.font(st, textSize)
	ls := d.wrap(text, bodyW-2*padX-indent, nil)
	h := float64(len(ls))*lineH + 2*padY
	if d.pdf.GetY()+h+keep > bottom {
		d.newPage()
	}
	pdf := d.pdf
	y := pdf.GetY()
	pdf.SetDrawColor(borderGray, borderGray, borderGray)
	d.fillRect(marginL, y, bodyW, h, "FD", f)
	for i, l := range ls {
		d.font(st, textSize)
		d.text(marginL+padX+indent, y+padY+float64(i)*lineH, l)
	}
	pdf.SetY(y + h)
}

// keepOf is how much of a row must follow a heading on the same page: the
// whole row when it fits on a page (it would move whole anyway), or its
// first three lines when it is longer and will be split.
func (t *table) keepOf(r prepared) float64 {
	if r.height() <= t.room() {
		return r.height()
	}
	return 3*lineH + 2*padY
}
