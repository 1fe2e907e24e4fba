package xlsx

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/roadmap-tool/roadmap/plandiff"
	"github.com/roadmap-tool/roadmap/templates"
)

// ChangesOptions configure WriteChanges.
type ChangesOptions struct {
	// Labels are the words (changes.yaml); nil = the embedded templates.
	Labels *templates.Labels
	// Now is the date of the sheet; zero = time.Now().
	Now time.Time
}

// The change sheet is one printable grid of six columns that every table
// of it shares: numbers before and after, the activity, a narrow column
// (what changed, the deadline), and two wide ones (before and after, the
// executors and the section).
var chWidths = [6]float64{11, 11, 42, 16, 46, 46}

const (
	chColorDeleted  = "C00000"
	chColorInserted = "00612E"
)

type chStyles struct {
	title, label, value, head, cell, cellCenter, sumLabel, sumNum, note, sigRole, sigDate, sigLine, sigCaption, heading int
}

func newChStyles(f *excelize.File) (*chStyles, error) {
	border := []excelize.Border{
		{Type: "left", Color: colorBorder, Style: 1}, {Type: "right", Color: colorBorder, Style: 1},
		{Type: "top", Color: colorBorder, Style: 1}, {Type: "bottom", Color: colorBorder, Style: 1},
	}
	font := func(bold, italic bool, size float64) *excelize.Font {
		return &excelize.Font{Family: fontName, Size: size, Bold: bold, Italic: italic}
	}
	top := &excelize.Alignment{Vertical: "top", WrapText: true}
	var s chStyles
	var err error
	add := func(dst *int, st *excelize.Style) {
		if err == nil {
			*dst, err = f.NewStyle(st)
		}
	}
	add(&s.title, &excelize.Style{Font: font(true, false, 14), Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	add(&s.heading, &excelize.Style{Font: font(true, false, 11), Alignment: &excelize.Alignment{Vertical: "bottom"}})
	add(&s.label, &excelize.Style{Font: font(true, false, fontSize), Alignment: top})
	add(&s.value, &excelize.Style{Font: font(false, false, fontSize), Alignment: top})
	add(&s.head, &excelize.Style{Font: font(true, false, fontSize), Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colorHeader}},
		Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	add(&s.cell, &excelize.Style{Font: font(false, false, fontSize), Border: border, Alignment: top})
	add(&s.cellCenter, &excelize.Style{Font: font(false, false, fontSize), Border: border,
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top", WrapText: true}})
	add(&s.sumLabel, &excelize.Style{Font: font(false, false, fontSize), Border: border, Alignment: top})
	add(&s.sumNum, &excelize.Style{Font: font(true, false, fontSize), Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}})
	add(&s.note, &excelize.Style{Font: font(false, true, 9), Alignment: top})
	add(&s.sigRole, &excelize.Style{Font: font(true, false, fontSize), Alignment: &excelize.Alignment{Vertical: "bottom"}})
	add(&s.sigDate, &excelize.Style{Font: font(false, false, fontSize), Alignment: &excelize.Alignment{Vertical: "bottom"}})
	add(&s.sigLine, &excelize.Style{Font: font(false, false, fontSize), Border: []excelize.Border{{Type: "bottom", Color: "000000", Style: 1}},
		Alignment: &excelize.Alignment{Vertical: "bottom"}})
	add(&s.sigCaption, &excelize.Style{Font: font(false, false, 8), Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}})
	return &s, err
}

// changeSheet writes one change sheet.
type changeSheet struct {
	f   *excelize.File
	sh  string
	c   *templates.Changes
	st  *chStyles
	d   *plandiff.Diff
	row int
	err error
}

func (w *changeSheet) do(err error) {
	if w.err == nil && err != nil {
		w.err = err
	}
}

func chCell(col, row int) string { return colName(col) + strconv.Itoa(row) }

// put writes a value into columns [from, to] of the current row, merged
// when they are several, with a style.
func (w *changeSheet) put(from, to int, v string, style int) {
	a, b := chCell(from, w.row), chCell(to, w.row)
	w.do(w.f.SetCellStr(w.sh, a, v))
	if to > from {
		w.do(w.f.MergeCell(w.sh, a, b))
	}
	w.do(w.f.SetCellStyle(w.sh, a, b, style))
}

// rich writes runs into a cell (a word diff).
func (w *changeSheet) rich(col int, runs []excelize.RichTextRun, style int) {
	a := chCell(col, w.row)
	w.do(w.f.SetCellRichText(w.sh, a, runs))
	w.do(w.f.SetCellStyle(w.sh, a, a, style))
}

// width of columns [from, to].
func chWidth(from, to int) float64 {
	s := 0.0
	for c := from; c <= to; c++ {
		s += chWidths[c-1]
	}
	return s
}

// fit sets the current row's height to show the tallest of its texts,
// each given with the columns it spans.
func (w *changeSheet) fit(cells ...chText) { w.fitScaled(1, cells...) }

// fitScaled is fit for text wider than the plain: bold headings take
// about a fifth more room.
func (w *changeSheet) fitScaled(scale float64, cells ...chText) {
	n := 1
	for _, c := range cells {
		n = max(n, textLines(c.text, chWidth(c.from, c.to)*scale))
	}
	if n > 1 {
		w.do(w.f.SetRowHeight(w.sh, w.row, rowHeight(n)))
	}
}

type chText struct {
	from, to int
	text     string
}

// WriteChanges writes the change sheet of a diff ("лист изменений") as a
// workbook: the sheet an official signs, with both versions, a summary,
// the added, removed, changed (deleted words struck through, inserted
// ones underlined), moved and renumbered items and a signature block,
// set up to print on A4 landscape one page wide; and a second sheet
// pairing every item of the old version with its new self, the map
// along which answers carry over.
func WriteChanges(out io.Writer, d *plandiff.Diff, o ChangesOptions) error {
	lab := o.Labels
	if lab == nil {
		lab = templates.Default()
	}
	now := o.Now
	if now.IsZero() {
		now = time.Now()
	}
	c := &lab.Changes
	f := excelize.NewFile()
	defer f.Close()
	st, err := newChStyles(f)
	if err != nil {
		return fmt.Errorf("лист изменений Excel: %w", err)
	}
	if err := f.SetSheetName("Sheet1", c.Sheet); err != nil {
		return fmt.Errorf("лист изменений Excel: лист %q: %w", c.Sheet, err)
	}
	w := &changeSheet{f: f, sh: c.Sheet, c: c, st: st, d: d, row: 1}
	for i, width := range chWidths {
		w.do(f.SetColWidth(w.sh, colName(i+1), colName(i+1), width))
	}
	w.heading(now)
	w.summary()
	w.added()
	w.removed()
	w.changed()
	w.moved()
	w.renumbered()
	w.signatures()
	no := false
	w.do(f.SetSheetView(w.sh, 0, &excelize.ViewOptions{ShowGridLines: &no}))
	w.do(printSetup(f, w.sh, 0, c.Title+": "+d.New.Title, templates.Fill(c.Markers.Page, "{page}", "&P", "{pages}", "&N")))
	w.do(writeMatches(f, d, c, st))
	if w.err != nil {
		return fmt.Errorf("лист изменений Excel: %w", w.err)
	}
	if err := f.Write(out); err != nil {
		return fmt.Errorf("лист изменений Excel: %w", err)
	}
	return nil
}

func (w *changeSheet) heading(now time.Time) {
	c := w.c
	w.put(1, 6, c.Title, w.st.title)
	w.do(w.f.SetRowHeight(w.sh, w.row, 24))
	w.row += 2
	kv := func(k, v string) {
		w.put(1, 2, k, w.st.label)
		w.put(3, 6, v, w.st.value)
		w.fit(chText{3, 6, v}, chText{1, 2, k})
		w.row++
	}
	for _, v := range []struct {
		name string
		v    plandiff.Version
	}{{c.Old, w.d.Old}, {c.New, w.d.New}} {
		w.put(1, 6, v.name, w.st.heading)
		w.row++
		kv(c.Labels.Title, v.v.Title)
		kv(c.Labels.Amendment, orDefault(v.v.Amendment, c.Labels.Original))
		kv(c.Labels.Period, plandiff.PeriodText(v.v.Period, c))
		kv(c.Labels.Source, v.v.Source)
		kv(c.Labels.Items, strconv.Itoa(v.v.Items))
		w.row++
	}
	kv(c.Labels.Generated, now.Format("02.01.2006"))
	w.row++
}

func orDefault(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}

func (w *changeSheet) summary() {
	c, s := w.c, w.d.Summary
	w.put(1, 6, c.Summary.Heading, w.st.heading)
	w.row++
	line := func(label string, n int) {
		w.put(1, 5, label, w.st.sumLabel)
		w.do(w.f.SetCellInt(w.sh, chCell(6, w.row), int64(n)))
		w.do(w.f.SetCellStyle(w.sh, chCell(6, w.row), chCell(6, w.row), w.st.sumNum))
		w.row++
	}
	line(c.Summary.Matched, s.Matched)
	line("    "+c.Summary.Unchanged, s.Unchanged)
	line("    "+c.Summary.Changed, s.Changed)
	line("    "+c.Summary.Renumbered, s.Renumbered)
	line("    "+c.Summary.Moved, s.Moved)
	line(c.Summary.Added, s.Added)
	line(c.Summary.Removed, s.Removed)
	notes := plandiff.Notes(w.d, c)
	if len(w.d.Changed) > 0 {
		notes = append(notes, c.Markers.Legend)
	}
	for _, n := range notes {
		w.put(1, 6, n, w.st.note)
		w.fit(chText{1, 6, n})
		w.row++
	}
	w.row++
}

// table starts a table: its heading with the count, then its header row
// (each heading with the columns it spans).
func (w *changeSheet) table(title string, n int, cols ...chText) {
	w.row++
	w.put(1, 6, fmt.Sprintf("%s (%d)", title, n), w.st.heading)
	w.do(w.f.SetRowHeight(w.sh, w.row, 20))
	w.row++
	for _, h := range cols {
		w.put(h.from, h.to, h.text, w.st.head)
	}
	w.fitScaled(0.8, cols...)
	w.row++
}

func (w *changeSheet) none(s string) string { return orDefault(s, w.c.Markers.None) }

// itemRows lists added or removed items: number, activity, deadline,
// executors, section.
func (w *changeSheet) itemRows(title string, refs []plandiff.Ref, added bool) {
	if len(refs) == 0 {
		return
	}
	c := w.c.Columns
	w.table(title, len(refs), chText{1, 1, c.OldNumber}, chText{2, 2, c.NewNumber}, chText{3, 3, c.Activity},
		chText{4, 4, c.Deadline}, chText{5, 5, c.Responsible}, chText{6, 6, c.Section})
	for _, r := range refs {
		oldN, newN := plandiff.Num(r), w.c.Markers.None
		if added {
			oldN, newN = newN, oldN
		}
		w.numberedRow(chText{1, 1, oldN}, chText{2, 2, newN}, chText{3, 3, r.Activity}, chText{4, 4, w.none(r.Deadline)},
			chText{5, 5, w.none(r.Responsible)}, chText{6, 6, w.none(r.Section)})
	}
}

// numberedRow writes a row of a table whose first two cells are the
// item's numbers before and after (centred), and moves below it.
func (w *changeSheet) numberedRow(cells ...chText) {
	for i, x := range cells {
		style := w.st.cell
		if i < 2 {
			style = w.st.cellCenter
		}
		w.put(x.from, x.to, x.text, style)
	}
	w.fit(cells...)
	w.row++
}

func (w *changeSheet) added()   { w.itemRows(w.c.Headings.Added, w.d.Added, true) }
func (w *changeSheet) removed() { w.itemRows(w.c.Headings.Removed, w.d.Removed, false) }

// changed lists each changed item with one row per changed field: the
// field, its old and new values; texts as a word diff with the deleted
// words struck through in the old value and the inserted ones
// underlined in the new.
func (w *changeSheet) changed() {
	if len(w.d.Changed) == 0 {
		return
	}
	c := w.c.Columns
	w.table(w.c.Headings.Changed, len(w.d.Changed), chText{1, 1, c.OldNumber}, chText{2, 2, c.NewNumber}, chText{3, 3, c.Activity},
		chText{4, 4, c.Field}, chText{5, 5, c.Before}, chText{6, 6, c.After})
	for _, ch := range w.d.Changed {
		fields := plandiff.Fields(ch, w.c)
		first := w.row
		for _, fc := range fields {
			before, after := fc.Old, fc.New
			if fc.Spans != nil {
				before, after = spanText(fc.Spans, plandiff.Delete), spanText(fc.Spans, plandiff.Insert)
				w.rich(5, richRuns(fc.Spans, plandiff.Delete), w.st.cell)
				w.rich(6, richRuns(fc.Spans, plandiff.Insert), w.st.cell)
			} else {
				if len(fc.Notes) > 0 {
					after += "\n(" + strings.Join(fc.Notes, "; ") + ")"
				}
				before, after = w.none(before), w.none(after)
				w.put(5, 5, before, w.st.cell)
				w.put(6, 6, after, w.st.cell)
			}
			w.put(4, 4, fc.Name, w.st.cell)
			for col, v := range []string{plandiff.Num(ch.Old), plandiff.Num(ch.New), ch.New.Activity} {
				style := w.st.cellCenter
				if col == 2 {
					style = w.st.cell
				}
				w.put(col+1, col+1, v, style)
			}
			cells := []chText{{4, 4, fc.Name}, {5, 5, before}, {6, 6, after}}
			if len(fields) == 1 {
				cells = append(cells, chText{3, 3, ch.New.Activity})
			}
			w.fit(cells...)
			w.row++
		}
		if len(fields) > 1 {
			// The item's number and activity span its field rows; the
			// activity gets room in the first when it needs more.
			for col := 1; col <= 3; col++ {
				w.do(w.f.MergeCell(w.sh, chCell(col, first), chCell(col, w.row-1)))
			}
			w.growFor(first, w.row-1, ch.New.Activity, 3)
		}
	}
}

// growFor makes rows [from, to] together tall enough for text in col.
func (w *changeSheet) growFor(from, to int, text string, col int) {
	need := rowHeight(textLines(text, chWidths[col-1]))
	have := 0.0
	for r := from; r <= to; r++ {
		h, err := w.f.GetRowHeight(w.sh, r)
		w.do(err)
		have += h
	}
	if have < need {
		h, err := w.f.GetRowHeight(w.sh, from)
		w.do(err)
		w.do(w.f.SetRowHeight(w.sh, from, min(h+need-have, 409)))
	}
}

func (w *changeSheet) moved() {
	if len(w.d.Moved) == 0 {
		return
	}
	c := w.c.Columns
	w.table(w.c.Headings.Moved, len(w.d.Moved), chText{1, 1, c.OldNumber}, chText{2, 2, c.NewNumber}, chText{3, 4, c.Activity},
		chText{5, 5, c.From}, chText{6, 6, c.To})
	for _, m := range w.d.Moved {
		w.numberedRow(chText{1, 1, plandiff.Num(m.Old)}, chText{2, 2, plandiff.Num(m.New)}, chText{3, 4, m.New.Activity},
			chText{5, 5, w.none(m.From)}, chText{6, 6, w.none(m.To)})
	}
}

func (w *changeSheet) renumbered() {
	ren := w.d.Renumbered()
	if len(ren) == 0 {
		return
	}
	c := w.c.Columns
	w.table(w.c.Headings.Renumbered, len(ren), chText{1, 1, c.OldNumber}, chText{2, 2, c.NewNumber}, chText{3, 6, c.Activity})
	for _, m := range ren {
		w.numberedRow(chText{1, 1, plandiff.Num(m.Old)}, chText{2, 2, plandiff.Num(m.New)}, chText{3, 6, m.New.Activity})
	}
}

// signatures writes a line to sign for each role: the role, a rule for
// the signature and one for the name, each captioned below, and the date.
func (w *changeSheet) signatures() {
	sg := w.c.Signature
	w.row += 2
	for _, role := range sg.Roles {
		w.put(1, 2, role, w.st.sigRole)
		w.put(3, 3, "", w.st.sigLine)
		w.put(5, 5, "", w.st.sigLine)
		w.put(6, 6, sg.Date, w.st.sigDate)
		w.do(w.f.SetRowHeight(w.sh, w.row, 24))
		w.row++
		w.put(3, 3, sg.Sign, w.st.sigCaption)
		w.put(5, 5, sg.Name, w.st.sigCaption)
		w.row += 2
	}
}

// spanText joins the spans of one side of a word diff: the old text
// (without the inserted spans) or the new one (without the deleted).
func spanText(ss []plandiff.Span, side plandiff.Op) string {
	var b strings.Builder
	for _, s := range ss {
		if s.Op == plandiff.Equal || s.Op == side {
			b.WriteString(s.Text)
		}
	}
	return b.String()
}

// richRuns are one side of a word diff as runs of a cell: deleted words
// struck through in dark red, inserted ones underlined in dark green and
// bold, so that both read on a grey printout as well.
func richRuns(ss []plandiff.Span, side plandiff.Op) []excelize.RichTextRun {
	var out []excelize.RichTextRun
	room := maxCellRunes - 1
	for _, s := range ss {
		if s.Op != plandiff.Equal && s.Op != side || room <= 0 {
			continue
		}
		if r := []rune(s.Text); len(r) > room {
			s.Text = string(r[:room-1]) + "…"
		}
		room -= utf8.RuneCountInString(s.Text)
		plain := func(t string) {
			if t != "" {
				out = append(out, excelize.RichTextRun{Text: t, Font: &excelize.Font{Family: fontName, Size: fontSize}})
			}
		}
		if s.Op == plandiff.Equal {
			plain(s.Text)
			continue
		}
		// The spaces around a marked phrase stay unmarked: " (уточнено)"
		// underlines the words, not the gap before them.
		core := strings.TrimSpace(s.Text)
		if core == "" {
			plain(s.Text)
			continue
		}
		i := strings.Index(s.Text, core)
		plain(s.Text[:i])
		fnt := &excelize.Font{Family: fontName, Size: fontSize}
		if s.Op == plandiff.Delete {
			fnt.Strike, fnt.Color = true, chColorDeleted
		} else {
			fnt.Underline, fnt.Bold, fnt.Color = "single", true, chColorInserted
		}
		out = append(out, excelize.RichTextRun{Text: core, Font: fnt})
		plain(s.Text[i+len(core):])
	}
	if len(out) == 0 {
		out = append(out, excelize.RichTextRun{Text: "", Font: &excelize.Font{Family: fontName, Size: fontSize}})
	}
	return out
}

// writeMatches adds the sheet pairing the items of both versions: every
// match, then the added and the removed items, with how each pair was
// matched; filterable, its header frozen.
func writeMatches(f *excelize.File, d *plandiff.Diff, c *templates.Changes, st *chStyles) error {
	sh := c.MatchesSheet
	if _, err := f.NewSheet(sh); err != nil {
		return err
	}
	cols := c.Columns
	head := []string{cols.OldNumber, cols.NewNumber, cols.Activity, cols.By, cols.Similarity, "ID (" + c.Old + ")", "ID (" + c.New + ")"}
	widths := []float64{12, 12, 70, 26, 11, 14, 14}
	var err error
	do := func(e error) {
		if err == nil {
			err = e
		}
	}
	for i, h := range head {
		cell := chCell(i+1, 1)
		do(f.SetCellStr(sh, cell, h))
		do(f.SetCellStyle(sh, cell, cell, st.head))
		do(f.SetColWidth(sh, colName(i+1), colName(i+1), widths[i]))
	}
	do(f.SetRowHeight(sh, 1, 30))
	r := 2
	row := func(vals []any) {
		for i, v := range vals {
			cell := chCell(i+1, r)
			do(f.SetCellValue(sh, cell, v))
			style := st.cell
			if i != 2 {
				style = st.cellCenter
			}
			do(f.SetCellStyle(sh, cell, cell, style))
		}
		r++
	}
	none := c.Markers.None
	for _, m := range d.Matches {
		row([]any{plandiff.Num(m.Old), plandiff.Num(m.New), oneLine(m.New.Activity), c.MatchedBy(m.By), m.Similarity, m.Old.ID, m.New.ID})
	}
	for _, a := range d.Added {
		row([]any{none, plandiff.Num(a), oneLine(a.Activity), c.Headings.Added, none, none, a.ID})
	}
	for _, x := range d.Removed {
		row([]any{plandiff.Num(x), none, oneLine(x.Activity), c.Headings.Removed, none, x.ID, none})
	}
	do(f.SetPanes(sh, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}))
	do(f.AutoFilter(sh, "A1:"+chCell(len(head), max(r-1, 1)), nil))
	do(printSetup(f, sh, 1, c.Title+": "+d.New.Title, templates.Fill(c.Markers.Page, "{page}", "&P", "{pages}", "&N")))
	return err
}
