package xlsx

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// colKind is what a column of the План / checklist table holds.
type colKind int

const (
	kNumber colKind = iota
	kActivity
	kDeadline
	kResponsible
	kPlan // another source column (result, report form, extras)
	kStatus
	kDate
	kEvidence
	kComment
	kID
	kDue
	kSectionKey
	kExecKey
)

type column struct {
	kind   colKind
	header string
	src    plan.Column
	width  float64
	hidden bool
	wrap   bool
}

// layout is the column set of a table sheet, shared by the tracker and
// every checklist of a plan so that collection sees the same headers.
type layout struct {
	cols        []column
	pos         map[colKind]int // 1-based column of each fixed kind
	lastVisible int
}

// newLayout orders the columns: the four core columns, the plan's other
// columns in source order, the columns to fill, then hidden service
// columns (the stable item ID, the due date for overdue formatting and,
// in the tracker, the keys Сводка counts by).
func newLayout(p *plan.Plan, l *labels, tracker bool) *layout {
	c := l.Columns
	lay := &layout{pos: map[colKind]int{}}
	add := func(col column) {
		lay.cols = append(lay.cols, col)
		if col.kind != kPlan {
			lay.pos[col.kind] = len(lay.cols)
		}
		if !col.hidden {
			lay.lastVisible = len(lay.cols)
		}
	}
	add(column{kind: kNumber, header: c.Number, width: 6})
	add(column{kind: kActivity, header: c.Activity, width: 30, wrap: true})
	add(column{kind: kDeadline, header: c.Deadline, width: 12, wrap: true})
	add(column{kind: kResponsible, header: c.Responsible, width: 14, wrap: true})
	for _, pc := range p.Columns {
		switch pc.Field {
		case plan.FieldNumber, plan.FieldActivity, plan.FieldDeadline, plan.FieldResponsible:
			continue
		}
		add(column{kind: kPlan, header: pc.Header, src: pc, width: 14, wrap: true})
	}
	add(column{kind: kStatus, header: c.Status, width: 15, wrap: true})
	add(column{kind: kDate, header: c.Date, width: 12, wrap: true})
	add(column{kind: kEvidence, header: c.Evidence, width: 36, wrap: true})
	add(column{kind: kComment, header: c.Comment, width: 28, wrap: true})
	add(column{kind: kID, header: c.ID, width: 10, hidden: true})
	add(column{kind: kDue, header: c.Due, width: 12, hidden: true})
	if tracker {
		add(column{kind: kSectionKey, header: c.SectionKey, width: 10, hidden: true})
		add(column{kind: kExecKey, header: c.ExecutorsKey, width: 20, hidden: true})
	}
	return lay
}

// maxWidth caps content-sized columns (in Excel character units); longer
// texts wrap.
var maxWidth = map[colKind]float64{kNumber: 10, kActivity: 60, kDeadline: 22, kResponsible: 30, kPlan: 40}

// fit widens the given columns to their longest line over all items, up
// to the caps, so short columns stay narrow and long ones wrap.
func (lay *layout) fit(p *plan.Plan) {
	for i := range lay.cols {
		col := &lay.cols[i]
		limit, ok := maxWidth[col.kind]
		if !ok {
			continue
		}
		longest := 0
		for j := range p.Items {
			if n := longestLine(itemValue(&p.Items[j], col)); n > longest {
				longest = n
			}
		}
		w := float64(longest) + 2
		if w > limit {
			w = limit
		}
		if w > col.width {
			col.width = w
		}
	}
}

// itemValue is the text of a given (source) column for an item.
func itemValue(it *plan.Item, col *column) string {
	switch col.kind {
	case kNumber:
		return it.Num()
	case kActivity:
		return it.Activity.Text
	case kDeadline:
		return it.Deadline.Text
	case kResponsible:
		return it.ResponsibleText()
	case kPlan:
		return it.Value(col.src)
	}
	return ""
}

func longestLine(s string) int {
	longest := 0
	for s != "" {
		line := s
		if i := strings.IndexByte(s, '\n'); i >= 0 {
			line, s = s[:i], s[i+1:]
		} else {
			s = ""
		}
		if n := utf8.RuneCountInString(line); n > longest {
			longest = n
		}
	}
	return longest
}

// charsPerUnit is how many characters of Arial 10 fit in one unit of
// column width (the width of "0" in the workbook's default Calibri 11),
// kept on the safe side so estimated rows are never too short.
const charsPerUnit = 1.2

// boldWidth scales a column's width for bold text (section headings):
// bold Arial 10 is wider, and LibreOffice wraps a bold heading after 57
// to 59 characters in the column that holds 67 regular ones. Without it
// a heading of 60-68 characters showed one line of two.
const boldWidth = 0.85

// textLines estimates how many lines a wrapped cell of the given width
// shows, wrapping greedily at spaces as Excel and LibreOffice do.
func textLines(s string, width float64) int {
	if s == "" {
		return 1
	}
	cpl := int(width*charsPerUnit) - 1
	if cpl < 4 {
		cpl = 4
	}
	// One pass over the bytes, no allocation: this runs for every given
	// cell of every item (25,000 cells for a 5,000-item tracker).
	lines, col, word := 1, 0, 0
	flush := func() {
		if word == 0 {
			return
		}
		switch {
		case col == 0:
			col = word
		case col+1+word <= cpl:
			col += 1 + word
		default:
			lines++
			col = word
		}
		for col > cpl { // a word longer than the line breaks anywhere
			lines++
			col -= cpl
		}
		word = 0
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\n':
			flush()
			lines++
			col = 0
		case c == ' ' || c == '\t' || c == '\r':
			flush()
		case c < 0x80 || c >= 0xC0: // count each UTF-8 sequence once
			word++
		}
	}
	flush()
	return lines
}

// rowHeight is the height in points that shows n lines.
func rowHeight(n int) float64 {
	if n < 1 {
		n = 1
	}
	h := float64(n)*lineHeightPt + 3
	if h > 409 {
		h = 409 // Excel's maximum row height
	}
	return h
}

// rowRef is one row of a table: a section heading or an item.
type rowRef struct {
	sec  *plan.Section
	item int // index into p.Items when sec is nil
}

// tableRows interleaves sections and items in document order. keep, when
// non-nil, selects items; then only the sections that contain a selected
// item are shown (as context). Without a filter every section appears,
// even an empty one, where the document has it.
func tableRows(p *plan.Plan, keep []bool) []rowRef {
	return newTableIndex(p).rows(nil, keep)
}

// tableIndex is where each item and section sits among p.Sections (-1:
// nowhere), found once per plan rather than once per checklist.
type tableIndex struct {
	p         *plan.Plan
	itemSec   []int
	secParent []int
}

func newTableIndex(p *plan.Plan) *tableIndex {
	secIdx := make(map[string]int, len(p.Sections))
	for i := range p.Sections {
		secIdx[p.Sections[i].ID] = i
	}
	at := func(id string) int {
		if i, ok := secIdx[id]; ok {
			return i
		}
		return -1
	}
	x := &tableIndex{p: p, itemSec: make([]int, len(p.Items)), secParent: make([]int, len(p.Sections))}
	for i := range p.Items {
		x.itemSec[i] = at(p.Items[i].Section)
	}
	for i := range p.Sections {
		x.secParent[i] = at(p.Sections[i].Parent)
	}
	return x
}

// rows is tableRows, appended to out[:0].
func (x *tableIndex) rows(out []rowRef, keep []bool) []rowRef {
	p := x.p
	done := make([]bool, len(p.Sections))
	out = out[:0]
	var chain []int
	for i := range p.Items {
		if keep != nil && !keep[i] {
			continue
		}
		if si := x.itemSec[i]; si >= 0 && !done[si] {
			if keep == nil {
				for j := 0; j <= si; j++ {
					if !done[j] {
						done[j] = true
						out = append(out, rowRef{sec: &p.Sections[j]})
					}
				}
			} else {
				chain = chain[:0]
				for j := si; j >= 0 && len(chain) < len(p.Sections); j = x.secParent[j] {
					chain = append(chain, j)
				}
				for k := len(chain) - 1; k >= 0; k-- {
					if j := chain[k]; !done[j] {
						done[j] = true
						out = append(out, rowRef{sec: &p.Sections[j]})
					}
				}
			}
		}
		out = append(out, rowRef{sec: nil, item: i})
	}
	if keep == nil {
		for j := range p.Sections {
			if !done[j] {
				out = append(out, rowRef{sec: &p.Sections[j]})
			}
		}
	}
	return out
}

// fillValues are the answers shown in the columns to fill.
type fillValues struct {
	status, evidence, comment string
	date                      float64 // Excel serial, 0 = none
}

// tableWriter writes the header, section and item rows of a table sheet.
type tableWriter struct {
	p   *plan.Plan
	lay *layout
	st  *styles
	// givenLines caches, per item, the lines its tallest given cell needs:
	// the same for the tracker and every checklist.
	givenLines []int
	secLevel   map[string]int
}

func newTableWriter(p *plan.Plan, lay *layout, st *styles) *tableWriter {
	t := &tableWriter{p: p, lay: lay, st: st, givenLines: make([]int, len(p.Items)), secLevel: map[string]int{}}
	for i := range p.Sections {
		t.secLevel[p.Sections[i].ID] = p.Sections[i].Level
	}
	for i := range p.Items {
		n := 1
		for c := range lay.cols {
			col := &lay.cols[c]
			if col.hidden || !col.wrap || col.kind > kPlan {
				continue
			}
			if l := textLines(itemValue(&p.Items[i], col), col.width); l > n {
				n = l
			}
		}
		t.givenLines[i] = n
	}
	return t
}

// header writes the header row.
func (t *tableWriter) header(w *rowsWriter, r int) {
	n := 1
	for _, col := range t.lay.cols {
		if !col.hidden {
			if l := textLines(col.header, col.width); l > n {
				n = l
			}
		}
	}
	w.start(r, rowHeight(n), 0)
	for i, col := range t.lay.cols {
		st := t.st.header
		if col.hidden {
			st = t.st.hidden
		}
		w.str(i+1, st, col.header)
	}
	w.end()
}

// section writes a section heading row, shaded by depth.
func (t *tableWriter) section(w *rowsWriter, r int, s *plan.Section) {
	plain, text := t.st.sectionStyles(s.Level)
	actWidth := t.lay.cols[t.lay.pos[kActivity]-1].width
	w.start(r, rowHeight(textLines(s.Title, (actWidth-float64(s.Level-1))*boldWidth)), s.Level-1)
	for i := 1; i <= t.lay.lastVisible; i++ {
		switch i {
		case t.lay.pos[kNumber]:
			w.str(i, plain, s.Num())
		case t.lay.pos[kActivity]:
			w.str(i, text, s.Title)
		default:
			w.blank(i, plain)
		}
	}
	w.end()
}

// itemLevel is the outline level of an item row: one below its section.
func (t *tableWriter) itemLevel(it *plan.Item) int {
	return t.secLevel[it.Section]
}

// item writes one activity row. keys are the tracker's hidden section and
// executor keys ("" in checklists).
func (t *tableWriter) item(w *rowsWriter, r, idx int, fv fillValues, secKey, execKey string) {
	it := &t.p.Items[idx]
	lines := t.givenLines[idx]
	if fv.evidence != "" || fv.comment != "" {
		for _, k := range []colKind{kEvidence, kComment} {
			col := &t.lay.cols[t.lay.pos[k]-1]
			s := fv.evidence
			if k == kComment {
				s = fv.comment
			}
			if l := textLines(s, col.width); l > lines {
				lines = l
			}
		}
	}
	w.start(r, rowHeight(lines), t.itemLevel(it))
	for i := range t.lay.cols {
		col := &t.lay.cols[i]
		c := i + 1
		switch col.kind {
		case kNumber:
			w.str(c, t.st.givenNum, it.Num())
		case kActivity, kDeadline, kResponsible, kPlan:
			w.str(c, t.st.givenText, itemValue(it, col))
		case kStatus:
			w.str(c, t.st.fillText, fv.status)
		case kDate:
			if fv.date > 0 {
				w.num(c, t.st.fillDate, fv.date)
			} else {
				w.blank(c, t.st.fillDate)
			}
		case kEvidence:
			w.str(c, t.st.fillText, fv.evidence)
		case kComment:
			w.str(c, t.st.fillText, fv.comment)
		case kID:
			w.str(c, t.st.hidden, it.ID)
		case kDue:
			if last := it.Deadline.Last(); last != 0 {
				w.num(c, t.st.hiddenDate, excelDate(monthEnd(last)))
			}
		case kSectionKey:
			w.str(c, t.st.hidden, secKey)
		case kExecKey:
			w.str(c, t.st.hidden, execKey)
		}
	}
	w.end()
}

// tableSetup describes where a table sits on its sheet.
type tableSetup struct {
	sheet                     string
	headerRow, firstRow, last int
	title                     string // page header
	password                  string
	footer                    string
	validation                *labels
}

// setupTable applies everything but the rows to a table sheet through
// excelize: widths, hidden columns, frozen panes, autofilter, drop-downs,
// conditional formats, protection and print setup.
func setupTable(f *excelize.File, lay *layout, st *styles, ts tableSetup) error {
	var err error
	do := func(e error) {
		if err == nil {
			err = e
		}
	}
	sh := ts.sheet
	for i, col := range lay.cols {
		name := colName(i + 1)
		do(f.SetColWidth(sh, name, name, col.width))
		if col.hidden {
			do(f.SetColVisible(sh, name, false))
		}
	}
	top := "B" + strconv.Itoa(ts.headerRow+1)
	do(f.SetPanes(sh, &excelize.Panes{Freeze: true, XSplit: 1, YSplit: ts.headerRow, TopLeftCell: top,
		ActivePane: "bottomRight", Selection: []excelize.Selection{{SQRef: top, ActiveCell: top, Pane: "bottomRight"}}}))
	lastVis := colName(lay.lastVisible)
	first, last := strconv.Itoa(ts.firstRow), strconv.Itoa(ts.last)
	do(f.AutoFilter(sh, "A"+strconv.Itoa(ts.headerRow)+":"+lastVis+last, nil))

	l := ts.validation
	stCol := colName(lay.pos[kStatus])
	dv := excelize.NewDataValidation(true)
	dv.Sqref = stCol + first + ":" + stCol + last
	do(dv.SetDropList(l.StatusList()))
	dv.SetError(excelize.DataValidationErrorStyleStop, l.Validation.StatusErrorTitle, l.Validation.StatusError)
	dv.SetInput(l.Validation.StatusTitle, l.Validation.StatusPrompt)
	do(f.AddDataValidation(sh, dv))
	dtCol := colName(lay.pos[kDate])
	dd := excelize.NewDataValidation(true)
	dd.Sqref = dtCol + first + ":" + dtCol + last
	do(dd.SetRange(36526, 73051, excelize.DataValidationTypeDate, excelize.DataValidationOperatorBetween))
	dd.SetError(excelize.DataValidationErrorStyleStop, l.Validation.DateErrorTitle, l.Validation.DateError)
	dd.SetInput(l.Validation.DateTitle, l.Validation.DatePrompt)
	do(f.AddDataValidation(sh, dd))

	// Status colours over the visible row; overdue in red on № and Сроки.
	stRef := "$" + stCol + first
	rng := "A" + first + ":" + lastVis + last
	var rules []excelize.ConditionalFormatOptions
	for _, r := range []struct {
		s  plan.Status
		id int
	}{{plan.StatusDone, st.cfDone}, {plan.StatusNotDone, st.cfNotDone}, {plan.StatusInProgress, st.cfInProgress}, {plan.StatusPostponed, st.cfPostponed}} {
		id := r.id
		rules = append(rules, excelize.ConditionalFormatOptions{Type: "formula", Format: &id,
			Criteria: stRef + "=" + formulaString(l.Status(r.s))})
	}
	do(f.SetConditionalFormat(sh, rng, rules))
	due := "$" + colName(lay.pos[kDue]) + first
	overdue := fmt.Sprintf("AND(ISNUMBER(%s),%s<TODAY(),%s<>%s)", due, due, stRef, formulaString(l.Status(plan.StatusDone)))
	od := st.cfOverdue
	for _, k := range []colKind{kNumber, kDeadline} {
		c := colName(lay.pos[k])
		do(f.SetConditionalFormat(sh, c+first+":"+c+last, []excelize.ConditionalFormatOptions{{Type: "formula", Format: &od, Criteria: overdue}}))
	}

	do(f.ProtectSheet(sh, &excelize.SheetProtectionOptions{Password: ts.password, AutoFilter: true, Sort: true,
		FormatColumns: true, FormatRows: true, SelectLockedCells: true, SelectUnlockedCells: true}))
	do(printSetup(f, sh, ts.headerRow, ts.title, ts.footer))
	no := false
	do(f.SetSheetProps(sh, &excelize.SheetPropsOptions{OutlineSummaryBelow: &no}))
	return err
}

// printSetup makes a sheet print on A4 landscape, one page wide, with the
// header row on every page, the title on top and page numbers below.
func printSetup(f *excelize.File, sh string, titleRow int, title, footer string) error {
	size, orient, w, h := 9, "landscape", 1, 0
	if err := f.SetPageLayout(sh, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient, FitToWidth: &w, FitToHeight: &h}); err != nil {
		return err
	}
	yes := true
	if err := f.SetSheetProps(sh, &excelize.SheetPropsOptions{FitToPage: &yes}); err != nil {
		return err
	}
	m := func(v float64) *float64 { return &v }
	if err := f.SetPageMargins(sh, &excelize.PageLayoutMarginsOptions{Left: m(0.4), Right: m(0.4), Top: m(0.7),
		Bottom: m(0.7), Header: m(0.3), Footer: m(0.3)}); err != nil {
		return err
	}
	if titleRow > 0 {
		r := strconv.Itoa(titleRow)
		if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: quoteSheet(sh) + "!$" + r + ":$" + r, Scope: sh}); err != nil {
			return err
		}
	}
	return f.SetHeaderFooter(sh, &excelize.HeaderFooterOptions{
		OddHeader: `&C&"Arial,Bold"&9` + headerText(title, 180),
		OddFooter: "&C&8" + footer,
	})
}

// headerText escapes "&" for a page header and shortens the text: Excel
// limits a header to 255 characters.
func headerText(s string, limit int) string {
	// Cut first, with room for the spaces Fields squeezes out: a plan's
	// title may be megabytes long (a plan JSON edited by hand), and split
	// and joined whole it cost several copies of itself.
	s = strings.Join(strings.Fields(plan.CutRunes(s, 4*limit, "")), " ")
	s = plan.CutRunes(s, limit-1, "…")
	return strings.ReplaceAll(s, "&", "&&")
}

// formulaString quotes s as a string literal of a formula.
func formulaString(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// quoteSheet quotes a sheet name for references.
func quoteSheet(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// monthEnd is the last day of a month.
func monthEnd(m plan.Month) time.Time {
	return time.Date(m.Year(), time.Month(m.Num()+1), 0, 0, 0, 0, 0, time.UTC)
}
