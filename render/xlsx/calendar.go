package xlsx

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// Rows and columns of the Календарь sheet.
const (
	calTitleRow  = 1
	calLegendRow = 2 // and the next row
	calYearRow   = 4
	calMonthRow  = 5
	calFirstRow  = 6
	calFixedCols = 4 // №, Мероприятие, Сроки, Вид
	calMaxMonths = 120
)

// calendar is the Gantt-like grid: one row per item, one column per month
// of the plan's period.
type calendar struct {
	p      *plan.Plan
	lab    *labels
	st     *styles
	months []plan.Month
}

// calendarMonths is the plan's period, or, when the title states none, the
// span of the scheduled months; capped at ten years.
func calendarMonths(p *plan.Plan) []plan.Month {
	ms := p.Period.Months()
	if len(ms) == 0 {
		var lo, hi plan.Month
		for i := range p.Items {
			for _, m := range p.Items[i].Deadline.Months {
				if lo == 0 || m < lo {
					lo = m
				}
				if m > hi {
					hi = m
				}
			}
		}
		ms = plan.Period{From: lo, To: hi}.Months()
	}
	if len(ms) > calMaxMonths {
		ms = ms[:calMaxMonths]
	}
	return ms
}

func newCalendar(p *plan.Plan, lab *labels, st *styles) *calendar {
	return &calendar{p: p, lab: lab, st: st, months: calendarMonths(p)}
}

// setup lays out the Календарь sheet of f: widths, merges, panes, print.
func (c *calendar) setup(f *excelize.File) error {
	p, lab, st := c.p, c.lab, c.st
	sh := lab.Sheets.Calendar
	var err error
	do := func(e error) {
		if err == nil {
			err = e
		}
	}
	widths := []float64{8, 50, 22, 26}
	for i, w := range widths {
		do(f.SetColWidth(sh, colName(i+1), colName(i+1), w))
	}
	if len(c.months) > 0 {
		// Empty grid cells take their border from the column style, so
		// only scheduled months are written: 5,000 items x 48 months of
		// blank cells tripled the sheet.
		first, last := colName(calFixedCols+1), colName(calFixedCols+len(c.months))
		do(f.SetColWidth(sh, first, last, 3.6))
		do(f.SetColStyle(sh, first+":"+last, st.calText))
	}
	for i := 1; i <= calFixedCols; i++ {
		do(f.MergeCell(sh, colName(i)+strconv.Itoa(calYearRow), colName(i)+strconv.Itoa(calMonthRow)))
	}
	for _, span := range c.yearSpans() {
		if span[1] > span[0] {
			do(f.MergeCell(sh, colName(span[0])+strconv.Itoa(calYearRow), colName(span[1])+strconv.Itoa(calYearRow)))
		}
	}
	top := colName(calFixedCols+1) + strconv.Itoa(calFirstRow)
	do(f.SetPanes(sh, &excelize.Panes{Freeze: true, XSplit: calFixedCols, YSplit: calMonthRow, TopLeftCell: top,
		ActivePane: "bottomRight", Selection: []excelize.Selection{{SQRef: top, ActiveCell: top, Pane: "bottomRight"}}}))
	do(printSetup(f, sh, calMonthRow, p.Title, lab.Print.Footer))
	return err
}

// yearSpans returns, per calendar year, its first and last month column.
func (c *calendar) yearSpans() [][2]int {
	var out [][2]int
	for i, m := range c.months {
		col := calFixedCols + 1 + i
		if i == 0 || m.Year() != c.months[i-1].Year() {
			out = append(out, [2]int{col, col})
		} else {
			out[len(out)-1][1] = col
		}
	}
	return out
}

// rows writes the calendar for the table's rows (sections as bands).
func (c *calendar) rows(w *rowsWriter, refs []rowRef) {
	st, l := c.st, c.lab
	lastCol := calFixedCols + len(c.months)
	w.start(calTitleRow, 20, 0)
	w.str(1, st.plainBold, l.Calendar.Title+": "+oneLine(c.p.Title))
	w.end()
	w.start(calLegendRow, 0, 0)
	w.blank(1, st.month)
	w.str(2, st.plain, l.Calendar.LegendScheduled)
	w.end()
	w.start(calLegendRow+1, 0, 0)
	w.blank(1, st.unplaced)
	w.str(2, st.plain, l.Calendar.LegendUnplaced)
	w.end()

	w.start(calYearRow, 0, 0)
	heads := []string{l.Columns.Number, l.Columns.Activity, l.Columns.Deadline, l.Calendar.Kind}
	for i, h := range heads {
		w.str(i+1, st.header, h)
	}
	spans := c.yearSpans()
	for _, sp := range spans {
		w.str(sp[0], st.header, strconv.Itoa(c.months[sp[0]-calFixedCols-1].Year()))
		for col := sp[0] + 1; col <= sp[1]; col++ {
			w.blank(col, st.header)
		}
	}
	w.end()
	w.start(calMonthRow, 48, 0)
	for i := range heads {
		w.blank(i+1, st.header)
	}
	for i, m := range c.months {
		w.str(calFixedCols+1+i, st.headerRot, plan.MonthShort[m.Num()-1]+" "+strconv.Itoa(m.Year()))
	}
	w.end()

	r := calFirstRow
	for _, ref := range refs {
		if ref.sec != nil {
			w.start(r, 0, 0)
			w.str(1, st.calSec, ref.sec.Num())
			w.str(2, st.calSec, oneLine(ref.sec.Title))
			for col := 3; col <= lastCol; col++ {
				w.blank(col, st.calSec)
			}
			w.end()
			r++
			continue
		}
		it := &c.p.Items[ref.item]
		w.start(r, 0, 0)
		w.str(1, st.calText, it.Num())
		w.str(2, st.calText, oneLine(it.Activity.Text))
		w.str(3, st.calText, oneLine(it.Deadline.Text))
		kind, unplaced := c.kind(&it.Deadline)
		ks := st.calText
		if unplaced {
			ks = st.unplaced
		}
		w.str(4, ks, kind)
		ms := it.Deadline.Months
		j := 0
		for i, m := range c.months {
			for j < len(ms) && ms[j] < m {
				j++
			}
			if j < len(ms) && ms[j] == m {
				w.blank(calFixedCols+1+i, st.month)
			}
		}
		w.end()
		r++
	}
}

// kind is the Вид text of a deadline and whether the item has no month
// on the grid (which the Вид cell then shows with its own fill).
func (c *calendar) kind(s *plan.Schedule) (string, bool) {
	k := &c.lab.Calendar.Kinds
	inGrid := false
	for _, m := range s.Months {
		if len(c.months) > 0 && m >= c.months[0] && m <= c.months[len(c.months)-1] {
			inGrid = true
			break
		}
	}
	if inGrid {
		if s.Recurrence == plan.RecurMonthly {
			return k.Monthly, false
		}
		return "", false
	}
	text := strings.TrimSpace(oneLine(s.Text))
	switch {
	case text == "":
		return k.Empty, true
	case len(s.Months) > 0:
		return k.Outside, true
	case s.Kind == plan.KindRecurring:
		switch s.Recurrence {
		case plan.RecurYearly:
			return k.YearlyNoMonth, true
		case plan.RecurQuarterly:
			return k.QuarterlyNoMonth, true
		case plan.RecurMonthly:
			return k.Monthly, true
		}
		return fmt.Sprintf(k.RecurringNoMonth, lowerFirst(text)), true
	case s.Kind == plan.KindUnscheduled:
		return fmt.Sprintf(k.Unscheduled, lowerFirst(text)), true
	case s.Kind == plan.KindUnknown:
		return fmt.Sprintf(k.Unknown, text), true
	}
	return k.Outside, true
}

// oneLine joins a multi-line text for cells that do not wrap.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\n\r\t") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// lowerFirst lowers the first letter unless the first word is an
// abbreviation ("ДИРО").
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	if r2, _ := utf8.DecodeRuneInString(s[n:]); unicode.IsUpper(r2) {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}
