package pdf

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/templates"
	"github.com/roadmap-tool/roadmap/view"
)

// MatrixOptions configures the summary matrices in PDF.
type MatrixOptions struct {
	Labels *templates.Labels // the words; nil = the embedded templates
	// Now stamps the PDF metadata and the date line; zero means time.Now().
	Now time.Time
}

// Geometry of matrix pages, millimetres.
const (
	mxRowH    = 4.6
	mxSize    = 7.5 // points
	mxHeadMax = 42.0
	mxTotalW  = 14.0
)

// heatHigh is the dark end of the shading scale; markFill fills the
// scheduled months of the calendar grid.
var (
	heatHigh = rgb{38, 110, 190}
	markFill = rgb{76, 160, 80}
)

// heat is the fill of a cell of value v on a scale to max: white for 0,
// then from a light tint to heatHigh.
func heat(v, maxV int) rgb {
	if v <= 0 || maxV <= 0 {
		return rgb{255, 255, 255}
	}
	f := 0.15 + 0.85*float64(v)/float64(maxV)
	mix := func(c int) int { return 255 - int(float64(255-c)*f) }
	return rgb{mix(heatHigh.r), mix(heatHigh.g), mix(heatHigh.b)}
}

// WriteMatrices writes each matrix of s on its own landscape pages; a
// matrix wider than a page continues on further pages with the row labels
// repeated, a longer one with the column headers repeated.
func WriteMatrices(w io.Writer, p *plan.Plan, s *view.Set, opts MatrixOptions) error {
	lab := labelsOf(opts.Labels)
	t := &lab.Matrix
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	title := t.Title
	d := newDoc(now, title, oneLine(p.Title), t.Keywords, lab.Report.Marker("page"))
	d.pdf.SetAuthor(nonEmptyOr(p.Municipality, "roadmap"), true)
	for _, m := range s.All() {
		writeMatrix(d, t, p, m)
	}
	if d.pdf.PageNo() == 0 {
		d.newPage()
		d.paragraph(title, "B", 14, bodyW, 7)
	}
	if err := d.pdf.Error(); err != nil {
		return fmt.Errorf("матрицы PDF: %w", err)
	}
	return d.output(w)
}

// writeMatrix draws one matrix over as many pages as it needs.
func writeMatrix(d *doc, t *templates.Matrix, p *plan.Plan, m *view.Matrix) {
	pdf := d.pdf
	labelW := 70.0
	infoW := 0.0
	if m.Info != nil {
		labelW, infoW = 78.0, 32.0
	}
	colW := 12.0
	if m.Mark {
		colW = 6.6
	}
	tail := 0.0 // totals and extra columns at the right
	if m.Totals {
		tail += mxTotalW
	}
	if m.Extra != nil {
		tail += mxTotalW + 4
	}
	perPage := max(1, int((bodyW-labelW-infoW-tail)/colW))
	if len(m.Cols) <= perPage {
		// Give spare width to the columns, up to a comfortable size.
		colW = min(28, (bodyW-labelW-infoW-tail)/float64(max(1, len(m.Cols))))
	}

	// Header height: the longest rotated column label, within limits.
	d.font("B", mxSize)
	headH := 12.0
	for _, c := range m.Cols {
		headH = max(headH, d.width(c)+3)
	}
	for _, h := range []string{t.Total, m.ExtraHeader} {
		if h != "" {
			headH = max(headH, min(d.width(h)+3, mxHeadMax))
		}
	}
	headH = min(headH, mxHeadMax)

	continued := t.Continued
	var truncated bool
	first := true
	for c0 := 0; c0 < max(1, len(m.Cols)); c0 += perPage {
		c1 := min(len(m.Cols), c0+perPage)
		last := c1 == len(m.Cols)
		r := 0
		for r < len(m.Rows) || (r == 0 && len(m.Rows) == 0) {
			d.newPage()
			// Title block.
			ttl := m.Title
			if !first {
				ttl += " " + continued
			}
			if first {
				pdf.Bookmark(m.Title, 0, -1)
			}
			d.paragraph(ttl, "B", 13, bodyW, 6)
			if first {
				pdf.SetTextColor(70, 70, 70)
				d.paragraph(oneLine(p.Title), "", 8.5, bodyW, 4)
				d.paragraph(m.Note, "I", 8.5, bodyW, 4)
				pdf.SetTextColor(0, 0, 0)
			}
			pdf.SetY(pdf.GetY() + 2)
			first = false

			// Header row.
			y := pdf.GetY()
			x := marginL
			pdf.SetDrawColor(borderGray, borderGray, borderGray)
			pdf.SetLineWidth(0.15)
			pdf.SetFillColor(headerFill.r, headerFill.g, headerFill.b)
			hcell := func(w float64, s string, rotate bool) {
				pdf.Rect(x, y, w, headH, "FD")
				d.font("B", mxSize)
				if rotate {
					s = d.truncate(s, headH-3)
					pdf.TransformBegin()
					pdf.TransformRotate(90, x+w/2+1.2, y+headH-1.5)
					d.drawText(x+w/2+1.2, y+headH-1.5, s)
					pdf.TransformEnd()
					return
				}
				ls := d.wrap(s, w-2*padX, nil)
				for i, l := range ls {
					d.drawText(x+padX, y+headH-1.5-float64(len(ls)-1-i)*3.3, l)
				}
			}
			hcell(labelW, m.Corner, false)
			x += labelW
			if infoW > 0 {
				hcell(infoW, m.InfoHeader, false)
				x += infoW
			}
			for _, c := range m.Cols[c0:c1] {
				if d.width(c)+3 > headH {
					truncated = true
				}
				hcell(colW, c, true)
				x += colW
			}
			if last && m.Totals {
				hcell(mxTotalW, t.Total, true)
				x += mxTotalW
			}
			if last && m.Extra != nil {
				hcell(mxTotalW+4, m.ExtraHeader, true)
				x += mxTotalW + 4
			}
			pdf.SetY(y + headH)

			// Rows until the page is full (leaving room for totals and legend).
			room := bottom - 14.0
			for ; r < len(m.Rows) && pdf.GetY()+mxRowH <= room; r++ {
				mxRow(d, m, r, c0, c1, labelW, infoW, colW, last)
			}
			if r >= len(m.Rows) {
				if m.Totals {
					mxTotals(d, t, m, c0, c1, labelW, infoW, colW, last)
				}
				mxLegend(d, t, m)
				if len(m.Rows) == 0 {
					break
				}
			}
		}
	}
	if truncated {
		// Full names of truncated column labels, on the last page if they
		// fit there.
		const lh = 3.1
		d.font("", mxSize)
		n := 1
		for _, c := range m.Cols {
			n += len(d.wrap(c, bodyW, nil))
		}
		if pdf.GetY()+2+float64(n)*lh > bottom {
			d.newPage()
		}
		pdf.SetY(pdf.GetY() + 2)
		d.paragraph(t.ColumnsKey, "B", mxSize, bodyW, lh)
		for _, c := range m.Cols {
			d.paragraph(c, "", mxSize, bodyW, lh)
		}
	}
}

func mxRow(d *doc, m *view.Matrix, r, c0, c1 int, labelW, infoW, colW float64, last bool) {
	pdf := d.pdf
	y := pdf.GetY()
	x := marginL
	pdf.SetDrawColor(200, 200, 200)
	d.font("", mxSize)
	pdf.Rect(x, y, labelW, mxRowH, "D")
	d.text(x+padX, y+0.4, d.truncate(m.Rows[r], labelW-2*padX))
	x += labelW
	if infoW > 0 {
		pdf.Rect(x, y, infoW, mxRowH, "D")
		d.text(x+padX, y+0.4, d.truncate(m.Info[r], infoW-2*padX))
		x += infoW
	}
	for c := c0; c < c1; c++ {
		v := m.Cells[r][c]
		switch {
		case m.Mark && v > 0:
			pdf.SetFillColor(markFill.r, markFill.g, markFill.b)
			pdf.Rect(x, y, colW, mxRowH, "FD")
		case !m.Mark && v > 0:
			f := heat(v, m.Max)
			pdf.SetFillColor(f.r, f.g, f.b)
			pdf.Rect(x, y, colW, mxRowH, "FD")
			if f.r < 140 {
				pdf.SetTextColor(255, 255, 255)
			}
			s := itoa(v)
			d.text(x+(colW-d.width(s))/2, y+0.4, s)
			pdf.SetTextColor(0, 0, 0)
		default:
			pdf.Rect(x, y, colW, mxRowH, "D")
		}
		x += colW
	}
	if last && m.Totals {
		pdf.Rect(x, y, mxTotalW, mxRowH, "D")
		d.font("B", mxSize)
		s := itoa(m.RowTotals[r])
		d.text(x+mxTotalW-padX-d.width(s), y+0.4, s)
		x += mxTotalW
	}
	if last && m.Extra != nil {
		pdf.Rect(x, y, mxTotalW+4, mxRowH, "D")
		d.font("", mxSize)
		if m.Extra[r] > 0 {
			s := itoa(m.Extra[r])
			d.text(x+mxTotalW+4-padX-d.width(s), y+0.4, s)
		}
	}
	pdf.SetY(y + mxRowH)
}

func mxTotals(d *doc, t *templates.Matrix, m *view.Matrix, c0, c1 int, labelW, infoW, colW float64, last bool) {
	pdf := d.pdf
	y := pdf.GetY()
	x := marginL
	pdf.SetDrawColor(borderGray, borderGray, borderGray)
	pdf.SetFillColor(headerFill.r, headerFill.g, headerFill.b)
	d.font("B", mxSize)
	pdf.Rect(x, y, labelW+infoW, mxRowH, "FD")
	d.text(x+padX, y+0.4, t.Total)
	x += labelW + infoW
	for c := c0; c < c1; c++ {
		pdf.Rect(x, y, colW, mxRowH, "FD")
		s := itoa(m.ColTotals[c])
		d.text(x+(colW-d.width(s))/2, y+0.4, s)
		x += colW
	}
	if last {
		pdf.Rect(x, y, mxTotalW, mxRowH, "FD")
		s := itoa(m.Total)
		d.text(x+mxTotalW-padX-d.width(s), y+0.4, s)
		x += mxTotalW
		if m.Extra != nil {
			n := 0
			for _, v := range m.Extra {
				n += v
			}
			pdf.Rect(x, y, mxTotalW+4, mxRowH, "FD")
			s := itoa(n)
			d.text(x+mxTotalW+4-padX-d.width(s), y+0.4, s)
		}
	}
	pdf.SetY(y + mxRowH)
}

// mxLegend explains the shading under the table.
func mxLegend(d *doc, t *templates.Matrix, m *view.Matrix) {
	pdf := d.pdf
	y := pdf.GetY() + 3
	x := marginL
	d.font("", mxSize)
	if m.Mark {
		pdf.SetFillColor(markFill.r, markFill.g, markFill.b)
		pdf.Rect(x, y, 6, 3.5, "F")
		d.text(x+8, y, t.LegendMark)
		pdf.SetY(y + 5)
		return
	}
	lbl := strings.TrimSpace(t.Legend)
	d.text(x, y, lbl)
	x += d.width(lbl) + 3
	steps := min(max(m.Max, 1), 8)
	for i := 1; i <= steps; i++ {
		v := (m.Max*i + steps - 1) / steps
		f := heat(v, m.Max)
		pdf.SetFillColor(f.r, f.g, f.b)
		pdf.Rect(x, y, 7, 3.5, "F")
		s := itoa(v)
		if f.r < 140 {
			pdf.SetTextColor(255, 255, 255)
		}
		d.text(x+(7-d.width(s))/2, y, s)
		pdf.SetTextColor(0, 0, 0)
		x += 7
	}
	pdf.SetY(y + 5)
}
