package pdf

import (
	"fmt"
	"io"
	"math"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/templates"
	"github.com/roadmap-tool/roadmap/view"
)

// ReportOptions configures a quarterly report.
type ReportOptions struct {
	Quarter plan.Quarter
	// Progress holds the collected statuses; nil makes the report the plan
	// of the quarter (what is due), labelled as such.
	Progress *plan.Progress
	// Labels are the words (report.yaml, common.yaml); nil = the embedded
	// templates.
	Labels *templates.Labels
	// Now is the generation date printed on the title and stamped into the
	// PDF metadata; the zero value means time.Now(). A fixed Now gives a
	// byte-identical file.
	Now time.Time
}

// statusColors are the chart and status-cell colours, by status: the
// colours every view shows (view.StatusColor).
var statusColors = func() map[plan.Status]rgb {
	m := map[plan.Status]rgb{}
	for _, s := range view.StatusOrder {
		c := view.StatusColor(s)
		m[s] = rgb{int(c.R), int(c.G), int(c.B)}
	}
	return m
}()

// tint mixes a colour with white for cell backgrounds.
func tint(c rgb) rgb {
	return rgb{c.r + (255-c.r)*3/4, c.g + (255-c.g)*3/4, c.b + (255-c.b)*3/4}
}

// statusTints are the status-cell backgrounds.
var statusTints = func() map[plan.Status]*rgb {
	m := map[plan.Status]*rgb{}
	for s, c := range statusColors {
		t := tint(c)
		m[s] = &t
	}
	return m
}()

// report holds the state of one report being written.
type report struct {
	d      *doc
	t      *tmpl
	p      *plan.Plan
	v      *view.Quarterly
	prog   *plan.Progress
	now    time.Time
	quart  string // "I квартал 2022 г."
	hasRes bool   // the plan has an expected-result column
}

// WriteReport writes the quarterly report on p as PDF to w.
func WriteReport(w io.Writer, p *plan.Plan, opts ReportOptions) error {
	t := &labelsOf(opts.Labels).Report
	if opts.Quarter.Q < 1 || opts.Quarter.Q > 4 {
		return fmt.Errorf("отчет: не задан квартал")
	}
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	r := &report{t: t, p: p, prog: opts.Progress, now: now, quart: opts.Quarter.Label()}
	r.v = view.Quarter(p, opts.Quarter, opts.Progress)
	_, r.hasRes = p.ColumnFor(plan.FieldResult)

	title := r.title()
	r.d = newDocOn(reportBase(), now, title, oneLine(p.Title), strings.Join(nonEmpty(t.Keywords, r.quart, p.Municipality), ", "), t.Marker("page"))
	r.d.pdf.SetAuthor(nonEmptyOr(p.Municipality, "roadmap"), true)
	r.d.newPage()
	r.titleBlock(title)
	r.totals()
	r.chart()
	r.mainTable()
	r.unscheduled()
	r.overdue()
	r.executors()
	if err := r.d.pdf.Error(); err != nil {
		return fmt.Errorf("отчет PDF: %w", err)
	}
	return r.d.output(w)
}

// preparedReport holds the base of the next report when PrepareReport made one.
var preparedReport atomic.Pointer[chan base]

// PrepareReport starts setting up the next report's document in the
// background: adding the three fonts a report uses (regular, bold for its
// title, italic for the note under it) is about a tenth of a 500-row
// report, and a command that calls this before it reads its plan does
// both at once on a machine with a second core. The next WriteReport
// takes the document; without the call it sets one up itself, the same,
// so the output never depends on it.
func PrepareReport() {
	ch := make(chan base, 1)
	go func() { ch <- newBase(reportStyles...) }()
	preparedReport.Store(&ch)
}

// reportStyles are the styles every report uses besides regular: bold
// for the title, italic for the note of the title block (titleBlock). The
// document lists its fonts sorted by name (SetCatalogSort), so the order
// in which they are added does not change the file.
var reportStyles = []style{"B", "I"}

// reportBase is the base of a report, its fonts added.
func reportBase() base {
	if ch := preparedReport.Swap(nil); ch != nil {
		return <-*ch
	}
	return newBase(reportStyles...)
}

func (r *report) title() string {
	if r.prog == nil {
		return fill(r.t.PlanTitle, "{quarter}", r.quart)
	}
	return fill(r.t.Title, "{quarter}", r.quart)
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return out
}

func nonEmptyOr(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}

// monthYear is "январь 2021 г.".
func (r *report) monthYear(m plan.Month) string {
	return fill(r.t.Label("month_year"), "{month}", m.Label())
}

// titleBlock writes the report title, the plan and the particulars.
func (r *report) titleBlock(title string) {
	d := r.d
	d.pdf.Bookmark(title, 0, -1)
	d.paragraph(title, "B", 15, bodyW, 7)
	d.pdf.SetY(d.pdf.GetY() + 1.5)
	d.paragraph(oneLine(r.p.Title), "", 11, bodyW, 5.2)
	d.pdf.SetY(d.pdf.GetY() + 2)
	kv := func(k, v string) {
		if strings.TrimSpace(v) == "" {
			return
		}
		d.font("B", 9.5)
		kw := d.width(k) + 2
		y := d.pdf.GetY()
		d.drawText(marginL, y+4.5*0.76, k)
		d.font("", 9.5)
		ls := d.wrap(v, bodyW-kw, nil)
		for i, l := range ls {
			d.drawText(marginL+kw, y+float64(i)*4.5+4.5*0.76, l)
		}
		d.pdf.SetY(y + float64(len(ls))*4.5)
	}
	kv(r.t.Label("municipality"), r.p.Municipality)
	if !r.p.Period.IsZero() {
		kv(r.t.Label("period"), r.monthYear(r.p.Period.From)+" – "+r.monthYear(r.p.Period.To))
	}
	if r.p.Source.Path != "" {
		kv(r.t.Label("source"), filepath.Base(r.p.Source.Path))
	}
	if r.prog != nil {
		n := 0
		for _, as := range r.prog.Answers {
			n += len(as)
		}
		kv(r.t.Label("answers"), itoa(n))
	}
	kv(r.t.Label("generated"), r.now.Format("02.01.2006"))
	d.pdf.SetY(d.pdf.GetY() + 2)
	note := r.t.CumulativeNote
	if r.prog == nil {
		note = r.t.PlanNote
	}
	d.pdf.SetTextColor(70, 70, 70)
	d.paragraph(note, "I", 9, bodyW, 4.3)
	d.pdf.SetTextColor(0, 0, 0)
}

// totals writes the summary figures.
func (r *report) totals() {
	d := r.d
	v := r.v
	d.heading(r.t.Heading("totals"), 0, 30)
	type kv struct {
		label string
		n     int
		color *rgb
		bold  bool
	}
	rows := []kv{{label: r.t.Label("total"), n: v.Totals.Total, bold: true}}
	rows = append(rows, kv{label: "   " + r.t.Label("due"), n: v.Due})
	if r.prog != nil {
		rows = append(rows, kv{label: "   " + r.t.Label("carried"), n: v.Carried})
		for _, s := range view.StatusOrder {
			c := statusColors[s]
			rows = append(rows, kv{label: r.t.Status(s), n: v.Totals.Get(s), color: &c})
		}
		rows = append(rows, kv{label: r.t.Label("overdue"), n: len(v.Overdue), bold: true})
	}
	rows = append(rows, kv{label: r.t.Label("unscheduled"), n: len(v.Unscheduled)})
	const lh = 5.0
	labelW, numW := 120.0, 20.0
	d.ensure(float64(len(rows)) * lh)
	for _, row := range rows {
		y := d.pdf.GetY()
		x := marginL
		if row.color != nil {
			d.fillRect(x+1, y+1.2, 3, 3, "F", *row.color)
			x += 6
		}
		st := style("")
		if row.bold {
			st = "B"
		}
		d.font(st, 9.5)
		d.drawText(x, y+lh*0.72, d.truncate(row.label, labelW-(x-marginL)))
		n := itoa(row.n)
		d.drawText(marginL+labelW+numW-d.width(n), y+lh*0.72, n)
		d.pdf.SetDrawColor(220, 220, 220)
		d.pdf.Line(marginL, y+lh, marginL+labelW+numW, y+lh)
		d.pdf.SetY(y + lh)
	}
}

// chart draws completion by top-level section as horizontal stacked bars:
// long Russian section titles read far better beside a bar than under it.
func (r *report) chart() {
	d := r.d
	v := r.v
	if len(v.BySection) == 0 {
		return
	}
	const (
		labelW = 100.0
		barX   = marginL + labelW + 3
		numW   = 38.0
		barMax = bodyW - labelW - 3 - numW
		barH   = 4.6
		gap    = 2.2
	)
	// Without progress every activity is "no data": the bars then show
	// how many activities each section has in the quarter, in one colour.
	colorOf := func(st plan.Status) rgb { return statusColors[st] }
	nameOf := r.t.Status
	chartHeading := r.t.Heading("chart")
	if r.prog == nil {
		colorOf = func(plan.Status) rgb { return statusColors[plan.StatusInProgress] }
		nameOf = func(plan.Status) string { return r.t.Label("chart_plan_legend") }
		chartHeading = r.t.Heading("chart_plan")
	}
	d.heading(chartHeading, 0, 8+barH+gap)
	// Legend: the statuses that occur.
	legend := func() {
		x := marginL
		y := d.pdf.GetY()
		d.font("", 8)
		for _, s := range view.StatusOrder {
			if v.Totals.Get(s) == 0 {
				continue
			}
			c := colorOf(s)
			d.fillRect(x, y+0.8, 3.5, 3.5, "F", c)
			lbl := nameOf(s)
			d.drawText(x+5, y+3.7, lbl)
			x += 5 + d.width(lbl) + 6
		}
		d.pdf.SetY(y + 7)
	}
	legend()
	maxTotal := 1
	for _, s := range v.BySection {
		maxTotal = max(maxTotal, s.Counts.Total)
	}
	for _, s := range v.BySection {
		if d.pdf.GetY()+barH+gap > bottom {
			d.newPage()
			legend()
		}
		y := d.pdf.GetY()
		label := view.SectionLabel(s.Section, r.t.Label("outside_sections"))
		if s.Section == nil {
			label = r.t.Label("outside_sections")
		}
		d.font("", 8)
		d.drawText(marginL, y+barH*0.75, d.truncate(label, labelW))
		x := barX
		for i, st := range view.StatusOrder {
			n := s.Counts.N[i]
			if n == 0 {
				continue
			}
			w := barMax * float64(n) / float64(maxTotal)
			c := colorOf(st)
			d.fillRect(x, y, w, barH, "F", c)
			if lbl := itoa(n); w > d.width(lbl)+1.5 && r.prog != nil {
				if view.DarkOnColor(st) {
					d.pdf.SetTextColor(0, 0, 0)
				} else {
					d.pdf.SetTextColor(255, 255, 255)
				}
				d.drawText(x+(w-d.width(lbl))/2, y+barH*0.75, lbl)
				d.pdf.SetTextColor(0, 0, 0)
			}
			x += w
		}
		summary := itoa(s.Counts.Total)
		if r.prog != nil {
			done := s.Counts.Get(plan.StatusDone)
			summary = fill(r.t.Label("done_share"), "{done}", itoa(done), "{total}", itoa(s.Counts.Total),
				"{percent}", itoa(done*100/max(s.Counts.Total, 1)))
		}
		d.drawText(x+2, y+barH*0.75, summary)
		d.pdf.SetY(y + barH + gap)
	}
}

// columns returns the main table's column set.
func (r *report) columns() []column {
	if r.prog == nil {
		return r.t.Columns.Plan
	}
	return r.t.Columns.Progress
}

// newItemTable builds a table for a column set.
func (r *report) newItemTable(cols []column) *table {
	hs := make([]string, len(cols))
	ws := make([]float64, len(cols))
	for i, c := range cols {
		hs[i] = c.Heading
		if c.Key == "result" && !r.hasRes && c.HeadingReportForm != "" {
			hs[i] = c.HeadingReportForm
		}
		ws[i] = c.Width
	}
	return newTable(r.d, hs, ws, r.t.Marker("continued"))
}

// itemRow lays out one activity for a column set.
func (r *report) itemRow(t *table, cols []column, row view.Row) prepared {
	it := row.Item
	paras := make([][]para, len(cols))
	fills := make([]*rgb, len(cols))
	for i, c := range cols {
		switch c.Key {
		case "number":
			paras[i] = []para{{text: it.Num()}}
		case "activity":
			if row.Carried {
				paras[i] = append(paras[i], para{text: r.t.Marker("carried") + " (" + it.Deadline.Text + ")", st: "I", gray: true})
			}
			paras[i] = append(paras[i], para{text: it.Activity.Text})
		case "deadline":
			paras[i] = []para{{text: it.Deadline.Text}}
		case "responsible":
			paras[i] = []para{{text: it.ResponsibleText()}}
		case "result":
			txt := it.Result.Text
			if !r.hasRes {
				txt = it.ReportForm.Text
			}
			paras[i] = []para{{text: txt}}
		case "report_form":
			paras[i] = []para{{text: it.ReportForm.Text}}
		case "status":
			if r.prog == nil {
				paras[i] = []para{{text: r.t.Marker("none")}}
				break
			}
			paras[i] = []para{{text: r.t.Status(row.Status), st: "B"}}
			if row.Overdue {
				paras[i] = append(paras[i], para{text: r.t.Label("overdue_mark"), st: "I"})
			}
			fills[i] = statusTints[row.Status]
		case "done":
			paras[i] = r.doneText(row)
		}
	}
	var rf *rgb
	if row.Carried {
		rf = &carriedFill
	}
	return t.prepare(paras, fills, rf)
}

// doneText is what was done or why not: each answer's comment, evidence
// and date, prefixed by the organisation when several answered.
func (r *report) doneText(row view.Row) []para {
	var out []para
	multi := len(row.Answers) > 1
	for _, a := range row.Answers {
		var parts []string
		if c := strings.TrimSpace(a.Comment); c != "" {
			parts = append(parts, c)
		}
		if e := strings.TrimSpace(a.Evidence); e != "" {
			parts = append(parts, e)
		}
		if a.Date != "" {
			if t, err := time.Parse("2006-01-02", a.Date); err == nil {
				parts = append(parts, t.Format("02.01.2006"))
			} else {
				parts = append(parts, a.Date)
			}
		}
		if len(parts) == 0 && !multi {
			continue
		}
		txt := strings.Join(parts, "; ")
		if multi {
			head := a.Org + " (" + r.t.Status(a.Status) + ")"
			if txt != "" {
				head += ": "
			}
			txt = head + txt
		}
		out = append(out, para{text: txt})
	}
	return out
}

// mainTable writes the activities of the quarter by section.
func (r *report) mainTable() {
	d := r.d
	d.newPage()
	d.heading(r.t.Heading("table"), 0, 20)
	if r.v.Totals.Total == 0 {
		d.paragraph(r.t.Label("no_rows"), "I", 9.5, bodyW, 5)
		return
	}
	cols := r.columns()
	t := r.newItemTable(cols)

	// The groups flattened into headings and rows, each laid out once, on
	// another goroutine while this one draws: laying out is four tenths
	// of the table's work and needs nothing of the document but the
	// fonts' widths (a forked meter). Every style the rows use is added
	// first, so that the widths are all there to read.
	for _, s := range reportStyles {
		d.addStyle(s)
	}
	if r.hasHeadingRows() {
		d.addStyle(groupStyle)
	}
	entries := make(chan tableEntry, 64)
	var layoutPanic any // set by layOut before it closes entries
	go r.layOut(t, cols, entries, &layoutPanic)
	defer func() {
		for range entries { // left unread only by a panic: let layOut end
		}
	}()

	// Each heading knows how much must follow it on its page: the headings
	// right after it and the first row (whole when the row fits on a page,
	// its first lines otherwise); so the entries are read ahead to the
	// next row.
	var es []tableEntry
	done := false
	have := func(i int) bool {
		for len(es) <= i && !done {
			e, ok := <-entries
			if !ok {
				done = true
				break
			}
			es = append(es, e)
		}
		return i < len(es)
	}
	var keep func(i int) float64
	keep = func(i int) float64 {
		if !have(i) {
			return 0
		}
		if e := &es[i]; e.heading {
			return math.Min(e.h+keep(i+1), t.room()/2)
		}
		return t.keepOf(es[i].row)
	}
	t.begin(keep(0))
	for i := 0; have(i); i++ {
		e := es[i]
		es[i] = tableEntry{} // drawn: its lines are garbage
		if !e.heading {
			t.row(e.row)
			continue
		}
		next := keep(i + 1)
		if d.pdf.GetY()+e.h+next > bottom {
			d.newPage()
		}
		if e.mark >= 0 {
			d.pdf.Bookmark(e.label, e.mark, -1)
		}
		t.span(e.label, e.st, e.fill, e.indent, next)
	}
	if layoutPanic != nil {
		panic(layoutPanic) // here, where the caller can recover it
	}
	t.end()
}

// groupStyle draws the headings of groups of activities in the table.
const groupStyle style = "BI"

// tableEntry is a heading or a laid-out row of the main table.
type tableEntry struct {
	row     prepared
	heading bool
	label   string
	st      style
	fill    rgb
	indent  float64
	mark    int // bookmark level, -1 for none
	h       float64
}

// hasHeadingRows says whether a row of the table is a group heading.
func (r *report) hasHeadingRows() bool {
	for _, g := range r.v.Groups {
		for _, row := range g.Rows {
			if row.Heading {
				return true
			}
		}
	}
	return false
}

// layOut lays out the main table's entries in order into out and closes
// it, measuring with a meter of its own. A panic stops it and is passed
// to mainTable in *failed (written before out is closed): raised on this
// goroutine, nothing could recover it, and the web server, which
// recovers a handler's panic as that request's error, would end.
func (r *report) layOut(t *table, cols []column, out chan<- tableEntry, failed *any) {
	defer close(out)
	defer func() { *failed = recover() }()
	lt := *t
	lt.m = r.d.forked()
	m := lt.m
	head := func(e tableEntry) tableEntry {
		m.use(e.st, textSize)
		e.h = float64(len(m.wrap(e.label, bodyW-2*padX-e.indent, nil)))*lineH + 2*padY
		return e
	}
	for _, g := range r.v.Groups {
		label := view.SectionLabel(g.Section, r.t.Label("outside_sections"))
		if g.Section == nil {
			label = r.t.Label("outside_sections")
		}
		out <- head(tableEntry{heading: true, label: label, st: "B", fill: sectionFill, indent: float64(g.Level-1) * 4, mark: min(g.Level, 3)})
		for _, row := range g.Rows {
			if row.Heading {
				out <- head(tableEntry{heading: true, label: view.ActivityLabel(row.Item), st: groupStyle, fill: groupFill, indent: float64(g.Level) * 4, mark: -1})
				continue
			}
			out <- tableEntry{row: r.itemRow(&lt, cols, row)}
		}
	}
}

// unscheduled lists the activities without months.
func (r *report) unscheduled() {
	if len(r.v.Unscheduled) == 0 {
		return
	}
	r.list(r.t.Heading("unscheduled"), r.v.Unscheduled)
}

// overdue lists the overdue activities.
func (r *report) overdue() {
	d := r.d
	if r.prog == nil || len(r.v.Overdue) == 0 {
		d.heading(r.t.Heading("overdue"), 0, 6)
		msg := r.t.Label("no_overdue")
		if r.prog == nil {
			msg = r.t.Label("no_progress")
		}
		d.paragraph(msg, "I", 9.5, bodyW, 5)
		d.pdf.SetY(d.pdf.GetY() + 3)
		return
	}
	r.list(r.t.Heading("overdue"), r.v.Overdue)
}

// list writes a short table of activities under a heading.
func (r *report) list(heading string, rows []view.Row) {
	cols := r.t.ListColumns
	if r.prog == nil {
		var cs []column
		for _, c := range cols {
			if c.Key != "status" && c.Key != "done" {
				cs = append(cs, c)
			}
		}
		cols = cs
	}
	t := r.newItemTable(cols)
	first := r.itemRow(t, cols, rows[0])
	r.d.heading(heading, 0, t.headH+t.keepOf(first))
	t.begin(t.keepOf(first))
	t.row(first)
	for _, row := range rows[1:] {
		t.row(r.itemRow(t, cols, row))
	}
	t.end()
}

// executors writes the per-organisation summary.
func (r *report) executors() {
	v := r.v
	if len(v.ByExecutor) == 0 {
		return
	}
	hs := []string{r.t.Label("executor")}
	ws := []float64{90}
	var shown []plan.Status
	if r.prog != nil {
		for _, s := range view.StatusOrder {
			shown = append(shown, s)
			hs = append(hs, r.t.Status(s))
			ws = append(ws, 24)
		}
	}
	hs = append(hs, r.t.Label("chart_total"))
	ws = append(ws, 24)
	t := newTable(r.d, hs, ws, r.t.Marker("continued"))
	for i := 1; i < len(t.cols); i++ {
		t.cols[i].align = "R"
	}
	mk := func(e view.ExecutorCounts) prepared {
		paras := [][]para{{{text: e.Org}}}
		for _, s := range shown {
			n := e.Counts.Get(s)
			txt := ""
			if n > 0 {
				txt = itoa(n)
			}
			paras = append(paras, []para{{text: txt}})
		}
		paras = append(paras, []para{{text: itoa(e.Counts.Total), st: "B"}})
		p := t.prepare(paras, nil, nil)
		for i := 1; i < len(p.cells); i++ {
			p.cells[i].align = "R"
		}
		return p
	}
	first := mk(v.ByExecutor[0])
	r.d.heading(r.t.Heading("executors"), 0, t.headH+t.keepOf(first))
	t.begin(t.keepOf(first))
	t.row(first)
	for _, e := range v.ByExecutor[1:] {
		t.row(mk(e))
	}
	t.end()
}
