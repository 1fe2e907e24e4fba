package pdf

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/roadmap-tool/roadmap/plandiff"
	"github.com/roadmap-tool/roadmap/templates"
)

// ChangesOptions configures the change sheet in PDF.
type ChangesOptions struct {
	Labels *templates.Labels // the words (changes.yaml); nil = the embedded templates
	// Now is the date of the sheet and of the PDF metadata; zero means
	// time.Now(). A fixed Now gives a byte-identical file.
	Now time.Time
}

// changes holds the state of one change sheet being written.
type changes struct {
	d   *doc
	c   *templates.Changes
	dif *plandiff.Diff
}

// WriteChanges writes the change sheet of a diff ("лист изменений") as
// PDF: both versions (title, amendment line, period, file), a summary,
// tables of the added, removed, changed, moved and renumbered items (a
// changed text shown as a word diff: the deleted words struck through in
// the old text, the inserted ones underlined in the new), and a
// signature block kept on one page.
func WriteChanges(w io.Writer, dif *plandiff.Diff, opts ChangesOptions) error {
	lab := labelsOf(opts.Labels)
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	c := &lab.Changes
	x := &changes{c: c, dif: dif}
	x.d = newDoc(now, c.Title, oneLine(dif.New.Title), c.Keywords, c.Markers.Page)
	x.d.newPage()
	x.titleBlock(now)
	x.summary()
	x.items(c.Headings.Added, dif.Added, true)
	x.items(c.Headings.Removed, dif.Removed, false)
	x.changed()
	x.moved()
	x.renumbered()
	x.signatures()
	if err := x.d.pdf.Error(); err != nil {
		return fmt.Errorf("лист изменений PDF: %w", err)
	}
	return x.d.output(w)
}

// kv writes a label and its value, wrapped beside it.
func (x *changes) kv(k, v string, labelW float64) {
	d := x.d
	const lh = 4.5
	d.font("", 9.5)
	ls := d.wrap(oneLine(v), bodyW-labelW, nil)
	d.ensure(float64(len(ls)) * lh)
	y := d.pdf.GetY()
	d.font("B", 9.5)
	d.drawText(marginL, y+lh*0.76, k)
	d.font("", 9.5)
	for i, l := range ls {
		d.drawText(marginL+labelW, y+float64(i)*lh+lh*0.76, l)
	}
	d.pdf.SetY(y + float64(max(len(ls), 1))*lh)
}

func (x *changes) titleBlock(now time.Time) {
	d, c := x.d, x.c
	d.pdf.Bookmark(c.Title, 0, -1)
	d.paragraph(c.Title, "B", 15, bodyW, 7)
	d.pdf.SetY(d.pdf.GetY() + 2)
	d.font("B", 9.5)
	labelW := 0.0
	for _, l := range []string{c.Labels.Title, c.Labels.Amendment, c.Labels.Period, c.Labels.Source, c.Labels.Items, c.Labels.Generated} {
		labelW = max(labelW, d.width(l)+3)
	}
	for _, v := range []struct {
		name string
		v    plandiff.Version
	}{{c.Old, x.dif.Old}, {c.New, x.dif.New}} {
		d.paragraph(v.name, "B", 11, bodyW, 5.5)
		x.kv(c.Labels.Title, v.v.Title, labelW)
		x.kv(c.Labels.Amendment, nonEmptyOr(v.v.Amendment, c.Labels.Original), labelW)
		x.kv(c.Labels.Period, plandiff.PeriodText(v.v.Period, c), labelW)
		x.kv(c.Labels.Source, v.v.Source, labelW)
		x.kv(c.Labels.Items, itoa(v.v.Items), labelW)
		d.pdf.SetY(d.pdf.GetY() + 2)
	}
	x.kv(c.Labels.Generated, now.Format("02.01.2006"), labelW)
}

// summary writes the counts, then what else changed and the legend.
func (x *changes) summary() {
	d, c, s := x.d, x.c, x.dif.Summary
	d.heading(c.Summary.Heading, 0, 40)
	rows := []struct {
		label string
		n     int
		bold  bool
	}{
		{c.Summary.Matched, s.Matched, true},
		{"   " + c.Summary.Unchanged, s.Unchanged, false},
		{"   " + c.Summary.Changed, s.Changed, false},
		{"   " + c.Summary.Renumbered, s.Renumbered, false},
		{"   " + c.Summary.Moved, s.Moved, false},
		{c.Summary.Added, s.Added, true},
		{c.Summary.Removed, s.Removed, true},
	}
	const lh, labelW, numW = 5.0, 120.0, 20.0
	for _, r := range rows {
		y := d.pdf.GetY()
		st := style("")
		if r.bold {
			st = "B"
		}
		d.font(st, 9.5)
		d.drawText(marginL, y+lh*0.72, d.truncate(r.label, labelW))
		n := itoa(r.n)
		d.drawText(marginL+labelW+numW-d.width(n), y+lh*0.72, n)
		d.pdf.SetDrawColor(220, 220, 220)
		d.pdf.Line(marginL, y+lh, marginL+labelW+numW, y+lh)
		d.pdf.SetY(y + lh)
	}
	d.pdf.SetY(d.pdf.GetY() + 2)
	for _, n := range plandiff.Notes(x.dif, c) {
		d.paragraph(n, "B", 9.5, bodyW, 4.5)
	}
	if len(x.dif.Changed) > 0 {
		d.pdf.SetTextColor(70, 70, 70)
		d.paragraph(c.Markers.Legend, "I", 9, bodyW, 4.3)
		d.pdf.SetTextColor(0, 0, 0)
	}
	d.pdf.SetY(d.pdf.GetY() + 2)
}

// rows writes a table under a heading with its count: the heading is
// kept with the header and the first row.
func (x *changes) rows(heading string, n int, headings []string, widths []float64, mk func(t *table, i int) prepared) {
	if n == 0 {
		return
	}
	t := newTable(x.d, headings, widths, x.c.Markers.Continued)
	first := mk(t, 0)
	x.d.heading(fmt.Sprintf("%s (%d)", heading, n), 0, t.headH+t.keepOf(first))
	t.begin(t.keepOf(first))
	t.row(first)
	for i := 1; i < n; i++ {
		t.row(mk(t, i))
	}
	t.end()
}

func (x *changes) none(s string) string { return nonEmptyOr(s, x.c.Markers.None) }

// items lists added (new numbers) or removed (old numbers) items.
func (x *changes) items(heading string, refs []plandiff.Ref, added bool) {
	col := x.c.Columns
	num := col.OldNumber
	if added {
		num = col.NewNumber
	}
	x.rows(heading, len(refs), []string{num, col.Activity, col.Deadline, col.Responsible, col.Section},
		[]float64{20, 95, 35, 55, 68}, func(t *table, i int) prepared {
			r := refs[i]
			return t.prepare([][]para{{{text: plandiff.Num(r)}}, {{text: r.Activity}}, {{text: x.none(r.Deadline)}},
				{{text: x.none(r.Responsible)}}, {{text: x.none(r.Section)}}}, nil, nil)
		})
}

// changed lists each changed item as a band with its numbers and
// activity, then a row per changed field: the field, the old value and
// the new, texts as a word diff.
func (x *changes) changed() {
	chs := x.dif.Changed
	if len(chs) == 0 {
		return
	}
	d, col := x.d, x.c.Columns
	t := newTable(d, []string{col.Field, col.Before, col.After}, []float64{28, 122, 122}, x.c.Markers.Continued)
	type entry struct {
		band string
		rows []prepared
	}
	var es []entry
	for _, ch := range chs {
		e := entry{band: pairLabel(ch.Old, ch.New) + "  " + cutRunes(oneLine(ch.New.Activity), 160)}
		for _, f := range plandiff.Fields(ch, x.c) {
			var before, after []para
			if f.Spans != nil {
				before = []para{{runs: spanRuns(f.Spans, plandiff.Delete)}}
				after = []para{{runs: spanRuns(f.Spans, plandiff.Insert)}}
			} else {
				before = []para{{text: x.none(f.Old)}}
				after = []para{{text: x.none(f.New)}}
				if len(f.Notes) > 0 {
					after = append(after, para{text: "(" + strings.Join(f.Notes, "; ") + ")", st: "I", gray: true})
				}
			}
			e.rows = append(e.rows, t.prepare([][]para{{{text: f.Name, st: "B"}}, before, after}, nil, nil))
		}
		es = append(es, e)
	}
	bandH := func(e entry) float64 {
		d.font("B", textSize)
		return float64(len(d.wrap(e.band, bodyW-2*padX, nil)))*lineH + 2*padY
	}
	d.heading(fmt.Sprintf("%s (%d)", x.c.Headings.Changed, len(chs)), 0, t.headH+bandH(es[0])+t.keepOf(es[0].rows[0]))
	t.begin(bandH(es[0]) + t.keepOf(es[0].rows[0]))
	for _, e := range es {
		t.span(e.band, "B", sectionFill, 0, t.keepOf(e.rows[0]))
		for _, r := range e.rows {
			t.row(r)
		}
	}
	t.end()
}

// pairLabel is "1.2.3 → 1.2.2", or the number alone when it is the same.
func pairLabel(o, n plandiff.Ref) string {
	if plandiff.Num(o) == plandiff.Num(n) {
		return plandiff.Num(n)
	}
	return plandiff.Num(o) + " → " + plandiff.Num(n)
}

// spanRuns is one side of a word diff as rich runs: the old text with its
// deleted words marked, or the new with its inserted ones.
func spanRuns(ss []plandiff.Span, side plandiff.Op) []run {
	out := []run{}
	for _, s := range ss {
		switch s.Op {
		case plandiff.Equal:
			out = append(out, run{text: s.Text})
		case side:
			m := markDeleted
			if side == plandiff.Insert {
				m = markInserted
			}
			out = append(out, run{text: s.Text, mark: m})
		}
	}
	return out
}

func (x *changes) moved() {
	col, ms := x.c.Columns, x.dif.Moved
	x.rows(x.c.Headings.Moved, len(ms), []string{col.OldNumber, col.NewNumber, col.Activity, col.From, col.To},
		[]float64{20, 20, 100, 66, 66}, func(t *table, i int) prepared {
			m := ms[i]
			return t.prepare([][]para{{{text: plandiff.Num(m.Old)}}, {{text: plandiff.Num(m.New)}}, {{text: m.New.Activity}},
				{{text: x.none(m.From)}}, {{text: x.none(m.To)}}}, nil, nil)
		})
}

func (x *changes) renumbered() {
	col, ms := x.c.Columns, x.dif.Renumbered()
	x.rows(x.c.Headings.Renumbered, len(ms), []string{col.OldNumber, col.NewNumber, col.Activity},
		[]float64{20, 20, 232}, func(t *table, i int) prepared {
			m := ms[i]
			return t.prepare([][]para{{{text: plandiff.Num(m.Old)}}, {{text: plandiff.Num(m.New)}}, {{text: m.New.Activity}}}, nil, nil)
		})
}

// signatures writes, for each role, a rule to sign on and a rule for the
// name, each captioned, and the date; the block is kept on one page.
func (x *changes) signatures() {
	d, sg := x.d, x.c.Signature
	if len(sg.Roles) == 0 {
		return
	}
	const rowH = 14.0
	d.ensure(6 + float64(len(sg.Roles))*rowH)
	d.pdf.SetY(d.pdf.GetY() + 6)
	d.font("B", 10)
	roleW := 0.0
	for _, r := range sg.Roles {
		roleW = max(roleW, d.width(r)+6)
	}
	signX, signW := marginL+roleW, 60.0
	nameX, nameW := signX+signW+10, 75.0
	dateX := nameX + nameW + 10
	for _, role := range sg.Roles {
		y := d.pdf.GetY() + 6
		d.font("B", 10)
		d.drawText(marginL, y, role)
		d.pdf.SetDrawColor(0, 0, 0)
		d.pdf.SetLineWidth(0.2)
		d.pdf.Line(signX, y+0.8, signX+signW, y+0.8)
		d.pdf.Line(nameX, y+0.8, nameX+nameW, y+0.8)
		d.font("", 10)
		d.drawText(dateX, y, sg.Date)
		d.font("", 7)
		d.drawText(signX+(signW-d.width(sg.Sign))/2, y+4, sg.Sign)
		d.drawText(nameX+(nameW-d.width(sg.Name))/2, y+4, sg.Name)
		d.pdf.SetY(d.pdf.GetY() + rowH)
	}
}

// cutRunes shortens s to n characters with "…": a band names its item,
// the rows below show the text in full.
func cutRunes(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return strings.TrimRight(string(r[:n-1]), " ,.;:") + "…"
	}
	return s
}
