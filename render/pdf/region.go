package pdf

import (
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/roadmap-tool/roadmap/templates"
	"github.com/roadmap-tool/roadmap/view"
)

// RegionOptions configures the region's summary in PDF.
type RegionOptions struct {
	Labels *templates.Labels // the words; nil = the embedded templates
	// Now stamps the PDF metadata and the date line; zero means time.Now().
	Now time.Time
}

// regionFill marks the sums of a municipality; the region's total takes
// the header's fill.
var regionFill = rgb{240, 243, 247}

// WriteRegion writes the region's summary of year: one table of the
// municipalities' plans, a column per quarter (done of all, the share
// done, overdue), each municipality's sum after its plans and the
// region's at the end.
func WriteRegion(w io.Writer, v *view.RegionSummary, year int, opts RegionOptions) error {
	lab := labelsOf(opts.Labels)
	t := &lab.Region
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	y := strconv.Itoa(year)
	doc := templates.Fill(t.Document, "{year}", y)
	d := newDoc(now, t.Title, doc, t.Keywords, lab.Report.Marker("page"))
	d.pdf.SetAuthor("roadmap", true)
	d.newPage()
	d.pdf.Bookmark(t.Title, 0, -1)
	d.paragraph(t.Title, "B", 15, bodyW, 7)
	d.paragraph(doc, "B", 11, bodyW, 5.5)
	if t.Generated != "" {
		d.paragraph(templates.Fill(t.Generated, "{date}", now.Format("02.01.2006")), "", 9, bodyW, 4.5)
	}
	if t.Note != "" {
		d.pdf.SetTextColor(70, 70, 70)
		d.paragraph(t.Note, "I", 9, bodyW, 4.3)
		d.pdf.SetTextColor(0, 0, 0)
	}
	d.pdf.SetY(d.pdf.GetY() + 2)
	if len(v.Municipalities) == 0 {
		d.paragraph(t.None, "", 10, bodyW, 5)
	} else {
		regionTable(d, t, v)
	}
	if err := d.pdf.Error(); err != nil {
		return fmt.Errorf("сводка региона PDF: %w", err)
	}
	return d.output(w)
}

// regionTable draws the summary's one table.
func regionTable(d *doc, t *templates.Region, v *view.RegionSummary) {
	headings := []string{t.Municipality, t.Plan}
	widths := []float64{38, 70}
	for _, q := range v.Quarters {
		headings = append(headings, templates.Fill(t.Quarter, "{roman}", q.Roman(), "{year}", strconv.Itoa(q.Year))+
			"\n"+t.Done+" / "+t.Total+", "+t.Percent+", "+t.Overdue)
		widths = append(widths, 36)
	}
	tb := newTable(d, headings, widths, "")
	for i := 2; i < len(tb.cols); i++ {
		tb.cols[i].align = "C"
	}
	row := func(mun, title string, cs []view.RegionCell, bold bool, fill *rgb) prepared {
		st := style("")
		if bold {
			st = "B"
		}
		paras := [][]para{{{text: mun, st: st}}, {{text: title, st: st}}}
		for _, c := range cs {
			paras = append(paras, []para{{text: regionCellText(c), st: st}})
		}
		return tb.prepare(paras, nil, fill)
	}
	var first prepared
	g0 := v.Municipalities[0]
	if len(g0.Plans) > 0 {
		first = row(munName(t, g0.Name), g0.Plans[0].Title, g0.Plans[0].Cells, false, nil)
	}
	tb.begin(tb.keepOf(first))
	for _, g := range v.Municipalities {
		for _, p := range g.Plans {
			tb.row(row(munName(t, g.Name), p.Title, p.Cells, false, nil))
		}
		tb.row(row(munName(t, g.Name), t.MunicipalityTotal, g.Total, true, &regionFill))
	}
	tb.row(row(t.RegionTotal, "", v.Total, true, &headerFill))
	tb.end()
}

// regionCellText is a cell: "12 / 40, 30 %, 3".
func regionCellText(c view.RegionCell) string {
	if c.Counts.Total == 0 {
		return "—"
	}
	return fmt.Sprintf("%d / %d, %d %%, %d", c.Done(), c.Counts.Total, c.Percent(), c.Overdue)
}

// munName is a municipality's name, or the words for the single
// department's municipality, which has none.
func munName(t *templates.Region, name string) string { return nonEmptyOr(name, t.Unnamed) }
