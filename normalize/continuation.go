package normalize

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/roadmap-tool/roadmap/ingest"
	"github.com/roadmap-tool/roadmap/internal/lazyre"
	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/normalize/schedule"
)

// lrow is a logical row: one source row with the rows that continue it
// after a page break merged in, its cells mapped to the layout's columns.
type lrow struct {
	src   *ingest.Row
	cells []string // text per column
	// at is the source cell per column (of the first text), nil when the
	// column has none: its position, 8 bytes a column instead of 32.
	at   []*ingest.Cell
	bold []bool
	// fill is filled's room, one entry per column.
	fill []int
}

func (lr *lrow) line() int { return lr.src.Pos.Line }

// text returns column j's text, "" when the column is absent.
func (lr *lrow) text(j int) string {
	if j < 0 || j >= len(lr.cells) {
		return ""
	}
	return lr.cells[j]
}

func (lr *lrow) cellPos(j int) plan.Pos {
	if j >= 0 && j < len(lr.at) && lr.at[j] != nil && lr.at[j].At.Line > 0 {
		return lr.at[j].At.In(lr.src.Pos.File)
	}
	return lr.src.Pos
}

// first returns the row's first text, "" when it has none.
func (lr *lrow) first() string {
	for _, s := range lr.cells {
		if s != "" {
			return s
		}
	}
	return ""
}

// filled lists the columns with text, in the row's own room (fill): the
// list stays valid until the row's cells change and filled is called
// again. (A new list per call was 1.5 MB of garbage for 5,000 rows.)
func (lr *lrow) filled() []int {
	out := lr.fill[:0]
	for j, s := range lr.cells {
		if s != "" {
			out = append(out, j)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// fillLRow fills lr, whose cells, at and bold have one zero entry per
// column, from a source row, realigned when it has one cell too many or
// too few (see realign).
func fillLRow(lr *lrow, r *ingest.Row, l *layout, d *plan.Diagnostics) {
	n := len(l.cols)
	lr.src = r
	cells := r.Cells
	if alt := l.realign(r, d); alt != nil {
		cells = alt
	}
	for j := range cells {
		c := &cells[j]
		if c.Text == "" || j > 0 && c.Spanned && cells[j-1].At == c.At || dashesOnly(c.Text) && !l.yearMark(j, c.Text) {
			// "—" in a cell is a placeholder for "nothing here"; "+"
			// under a year ticks that year
			continue
		}
		if j >= n {
			d.Add(c.At.In(r.Pos.File), plan.Warning, plan.CodeRaggedRow,
				fmt.Sprintf("ячейка за последним столбцом таблицы (столбцов %d)", n), c.Text)
			continue
		}
		lr.cells[j], lr.at[j], lr.bold[j] = c.Text, c, c.Bold
	}
}

// logicalRows turns the body rows into logical rows: noise, repeated
// header rows and column-number rows are skipped with an Info diagnostic,
// continuation rows are merged into the row they continue.
func logicalRows(t *ingest.Table, l *layout, d *plan.Diagnostics) []*lrow {
	// The rows and their per-column slices come from one allocation each,
	// not four per row.
	rows, n := max(len(t.Rows)-l.body, 0), len(l.cols)
	out := make([]*lrow, 0, rows)
	lrows := make([]lrow, rows)
	cells, at, bold, fill := make([]string, rows*n), make([]*ingest.Cell, rows*n), make([]bool, rows*n), make([]int, rows*n)
	// afterHeader: the header was repeated, as at the top of a new page;
	// the row after it may continue the one before.
	afterHeader := false
	for i := l.body; i < len(t.Rows); i++ {
		r := &t.Rows[i]
		brk := afterHeader || r.BlankBefore > 0
		afterHeader = false
		if isNoise(r) {
			d.Add(r.Pos, plan.Info, plan.CodeNoiseRow, "служебная строка без текста пропущена", strings.TrimSpace(strings.Join(r.Texts(), " ")))
			continue
		}
		k := i - l.body
		lr := &lrows[k]
		lr.cells, lr.at, lr.bold = cells[k*n:(k+1)*n:(k+1)*n], at[k*n:(k+1)*n:(k+1)*n], bold[k*n:(k+1)*n:(k+1)*n]
		lr.fill = fill[k*n : k*n : (k+1)*n]
		fillLRow(lr, r, l, d)
		filled := lr.filled()
		switch {
		case len(filled) == 0:
			continue
		case repeatsHeader(r, l):
			d.Add(r.Pos, plan.Info, plan.CodeNoiseRow, "повтор строки заголовка таблицы пропущен", strings.Join(r.Texts(), " | "))
			afterHeader = true
			continue
		case isColumnNumbers(r):
			d.Add(r.Pos, plan.Info, plan.CodeNoiseRow, "строка с номерами столбцов пропущена", strings.Join(r.Texts(), " "))
			afterHeader = true
			continue
		case len(filled) == 1 && isPageNumber(lr.cells[filled[0]], r.NoTabs && r.BlankBefore > 0):
			d.Add(r.Pos, plan.Info, plan.CodeNoiseRow, "номер страницы пропущен", lr.cells[filled[0]])
			afterHeader = true
			continue
		}
		if len(out) > 0 && l.sharesActivity(r, lr, out[len(out)-1]) {
			// The activity's cell spans this row too (rowspan): the row
			// breaks the activity down (by funding source), it is no
			// activity of its own.
			prev := out[len(out)-1]
			own := ""
			for _, j := range filled {
				if j < len(r.Cells) && r.Cells[j].Spanned {
					continue
				}
				if own == "" {
					own = lr.cells[j]
				}
				if prev.cells[j] == "" {
					prev.cells[j], prev.at[j] = lr.cells[j], lr.at[j]
				} else {
					prev.cells[j] += "\n" + lr.cells[j]
				}
			}
			msg := "ячейка мероприятия строки %d объединена и с этой строкой: строка — разбивка того же мероприятия (по источникам финансирования), присоединена к нему"
			if isTotalLabel(prev.first()) {
				msg = "строка под итогом — его разбивка по источникам: присоединена к итогу в строке %d"
			}
			d.Add(r.Pos, plan.Info, plan.CodeContinuation, fmt.Sprintf(msg, prev.line()), own)
			continue
		}
		if len(out) > 0 && isContinuation(lr, out[len(out)-1], l, brk) {
			prev := out[len(out)-1]
			if h, ok := headingCell(prev); ok {
				// A heading split by a page break: its title goes on in
				// whichever column the converter put it.
				for _, j := range filled {
					prev.cells[h] = joinCont(prev.cells[h], lr.cells[j], rawOf(r, j))
				}
			} else if isTotalLabel(prev.first()) {
				// A total's breakdown goes on new lines, one figure a line.
				for _, j := range filled {
					if prev.cells[j] == "" {
						prev.cells[j], prev.at[j] = lr.cells[j], lr.at[j]
					} else {
						prev.cells[j] += "\n" + lr.cells[j]
					}
				}
			} else {
				for _, j := range filled {
					switch {
					case slices.Contains(l.deadlines, j):
						prev.cells[j] = joinDeadline(prev.cells[j], lr.cells[j], rawOf(r, j))
					case l.breakdown(prev.cells[j], lr.cells[j], j):
						// An activity's breakdown by funding source: one
						// figure (or source) a line, as a total's.
						prev.cells[j] += "\n" + lr.cells[j]
					default:
						prev.cells[j] = joinCont(prev.cells[j], lr.cells[j], rawOf(r, j))
					}
					if prev.at[j] == nil || prev.at[j].At.Line <= 0 {
						prev.at[j] = lr.at[j]
					}
				}
			}
			msg := "строка после разрыва страницы присоединена к строке %d"
			switch {
			case isTotalLabel(prev.first()):
				msg = "строка под итогом — его разбивка по источникам: присоединена к итогу в строке %d"
			case headingGoesOn(lr, prev):
				msg = "строка продолжает название раздела в строке %d: присоединена к нему"
			case !brk:
				msg = "строка без своих срока и исполнителя не может быть отдельным мероприятием: присоединена к строке %d"
			}
			d.Add(r.Pos, plan.Info, plan.CodeContinuation, fmt.Sprintf(msg, prev.line()), lr.cells[filled[0]])
			continue
		}
		out = append(out, lr)
	}
	return out
}

func rawOf(r *ingest.Row, j int) string {
	if j < len(r.Cells) {
		return r.Cells[j].Raw
	}
	return ""
}

// isNoise: a row with text, every text made of dashes, pipes, colons and
// the like (a markdown delimiter row "--\t---\t--").
func isNoise(r *ingest.Row) bool {
	n := 0
	for _, c := range r.Cells {
		if c.Text == "" {
			continue
		}
		if !dashesOnly(c.Text) {
			return false
		}
		n++
	}
	return n > 0
}

// pageNumberRE is the number a PDF export keeps of a page's header or
// footer: "- 2 -", "— 3 —", "стр. 4", "Страница 5 из 12".
var pageNumberRE = lazyre.New(`^(?:[-–—]\s*\d{1,4}\s*[-–—]|(?i:стр\.?|страница)\s*\d{1,4}(?:\s*(?:из|/)\s*\d{1,4})?)$`)

// isPageNumber reports a row that is only a page's number. A bare number
// of up to three digits ("2") counts only on a line of its own after a
// page break (alone), where no heading or item is a number without text;
// "2025" there may head the rows of a year.
func isPageNumber(s string, alone bool) bool {
	s = strings.TrimSpace(s)
	if alone && s != "" && len(s) <= 3 && strings.Trim(s, "0123456789") == "" {
		return true
	}
	if len(s) > 40 || s == "" {
		return false
	}
	return pageNumberRE.MatchString(s)
}

func dashesOnly(s string) bool {
	for _, r := range s {
		if !strings.ContainsRune("-–—|:=_*+ ", r) {
			return false
		}
	}
	return true
}

// isContinuation decides whether a row finishes the previous one rather
// than standing alone. The source shows a page break as blank lines (or a
// repeated header) followed by a row whose number cell is empty. Without
// a page break, a row continues the one above only when it cannot stand
// alone: its texts are all in columns the row above has, it has no
// deadline and no executor of its own, and it has no activity or one that
// goes on mid-sentence. A row with its own deadline and executor is never
// glued to another; neither is a heading (no tabs, bold, "Раздел 2",
// "II."), a total ("Итого ...") or a row opening a new group of a grouping
// column, except that a bold line starting in lower case after a page
// break finishes the heading before it.
func isContinuation(lr, prev *lrow, l *layout, brk bool) bool {
	if headingGoesOn(lr, prev) {
		return true
	}
	if lr.src.NoTabs {
		return false
	}
	filled := lr.filled()
	if l.num >= 0 && lr.text(l.num) != "" {
		return false
	}
	for _, g := range l.groups {
		if t := lr.text(g); t != "" && t != prev.text(g) {
			return false
		}
	}
	if len(filled) == 1 {
		j := filled[0]
		if lr.bold[j] {
			// Bold goes on only a bold heading cut in the middle of
			// a sentence.
			_, heading := headingCell(prev)
			first, _ := utf8.DecodeRuneInString(lr.cells[j])
			return heading && brk && unicode.IsLower(first)
		}
		if n, _, ok := headingPrefix(lr.cells[j]); ok && n.kind != numArabic {
			return false
		}
	}
	if isTotalLabel(lr.cells[filled[0]]) {
		return false
	}
	dl, resp := l.hasDeadline(lr), l.hasExecutor(lr)
	if dl && resp {
		return false
	}
	if brk {
		if l.num >= 0 {
			return true
		}
		// No number column: a continuation starts in the middle of a
		// sentence.
		first := lr.cells[filled[0]]
		r, _ := utf8.DecodeRuneInString(first)
		return unicode.IsLower(r) || unicode.IsPunct(r)
	}
	if isTotalLabel(prev.first()) {
		// "в том числе: областной бюджет" under "Итого": the total's
		// breakdown by source, part of the total.
		act := lr.text(l.act)
		return (act == "" || isBreakdownLabel(act)) && !resp && l.num >= 0
	}
	if _, heading := headingCell(prev); heading {
		return false
	}
	for _, j := range filled {
		if prev.cells[j] == "" {
			return false
		}
	}
	act := lr.text(l.act)
	if act == "" {
		return true
	}
	if dl || resp {
		return false
	}
	r, _ := utf8.DecodeRuneInString(act)
	return unicode.IsLower(r) || unicode.IsPunct(r) && r != '«' && r != '"'
}

// sharesActivity reports a row whose activity cell is a rowspan copy of
// the previous row's and that has no deadline or executor of its own:
// programme tables merge an activity's cells over the rows of its funding
// sources. A row with its own deadline or executor stays an item, even
// under a merged activity.
func (l *layout) sharesActivity(r *ingest.Row, lr, prev *lrow) bool {
	if l.act < 0 || l.act >= len(r.Cells) {
		return false
	}
	c := &r.Cells[l.act]
	if !c.Spanned || c.Text == "" || prev.at[l.act] == nil || c.At != prev.at[l.act].At {
		return false
	}
	own := func(j int) bool {
		return j >= 0 && lr.text(j) != "" && !(j < len(r.Cells) && r.Cells[j].Spanned)
	}
	if own(l.resp) {
		return false
	}
	for _, j := range l.deadlines {
		if own(j) {
			return false
		}
	}
	for _, j := range l.co {
		if own(j) {
			return false
		}
	}
	return true
}

// isBreakdownLabel reports the label of a row that breaks the row above
// down: "в том числе:", "в т.ч.", "из них".
func isBreakdownLabel(s string) bool {
	s = strings.ToLower(strings.TrimSpace(s))
	for _, p := range [...]string{"в том числе", "в т.ч", "в т. ч", "из них"} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// yearMark reports a mark ticking the year of column j, a deadline column
// per year.
func (l *layout) yearMark(j int, text string) bool {
	return j < len(l.cols) && l.cols[j].Year != 0 && l.cols[j].Role == plan.RoleDeadline && isYearMark(text)
}

// hasDeadline reports text in a deadline column of the row.
func (l *layout) hasDeadline(lr *lrow) bool {
	for _, j := range l.deadlines {
		if lr.text(j) != "" {
			return true
		}
	}
	return false
}

// hasReadableDeadline reports a deadline column of the row whose text
// reads as some deadline.
func (l *layout) hasReadableDeadline(lr *lrow) bool {
	for _, j := range l.deadlines {
		if t := lr.text(j); t != "" && schedule.Parse(t, plan.Period{}).Schedule.Kind != plan.KindUnknown {
			return true
		}
	}
	return false
}

// hasExecutor reports text in the responsible or a co-executors' column.
func (l *layout) hasExecutor(lr *lrow) bool {
	if lr.text(l.resp) != "" {
		return true
	}
	for _, j := range l.co {
		if lr.text(j) != "" {
			return true
		}
	}
	return false
}

// breakdown reports a continuation of column j that goes on a line of its
// own: the next figure, or the next funding source, of an activity broken
// down by source. Text in an indicator column ("Доля ОО, в которых ...")
// cut by a page break goes on as a sentence.
func (l *layout) breakdown(prev, next string, j int) bool {
	if !l.figures[j] || prev == "" {
		return false
	}
	if l.cols[j].Role == plan.RoleFunding {
		return true
	}
	if i := strings.LastIndexByte(prev, '\n'); i >= 0 {
		prev = prev[i+1:]
	}
	_, _, a := parseFigure(prev)
	_, _, b := parseFigure(next)
	return a && b
}

// joinCont appends a continuation cell to the cell it continues. A word
// broken by a hyphen ("воспи-" + "тания") is rejoined; a continuation
// that starts a list item, or a new paragraph that starts a sentence,
// goes on a new line; anything else continues the sentence after a space.
func joinCont(prev, next, raw string) string {
	if prev == "" {
		return next
	}
	if next == "" {
		return prev
	}
	first, _ := utf8.DecodeRuneInString(next)
	last, _ := utf8.DecodeLastRuneInString(prev)
	lower := unicode.IsLower(first)
	if last == '-' && lower {
		before, _ := utf8.DecodeLastRuneInString(prev[:len(prev)-1])
		if unicode.IsLetter(before) {
			return prev[:len(prev)-1] + next
		}
	}
	// Only the opening tag matters; raw can be a long list.
	r := strings.TrimLeft(raw, " \t\r\n")
	if len(r) > 8 {
		r = r[:8]
	}
	r = strings.ToLower(r)
	if strings.HasPrefix(r, "<ul") || strings.HasPrefix(r, "<ol") || strings.HasPrefix(r, "<li") ||
		strings.HasPrefix(next, "- ") || strings.HasPrefix(next, "– ") || strings.HasPrefix(next, "• ") {
		return prev + "\n" + next
	}
	block := strings.HasPrefix(r, "<p") || strings.HasPrefix(r, "<div")
	terminal := strings.ContainsRune(".!?;:", last)
	if block && (!lower || terminal) {
		return prev + "\n" + next
	}
	return prev + " " + next
}

// joinDeadline is joinCont for a deadline cut by a page break, which may
// cut it in the middle of a word ("По мер" + "е необходимости"): when the
// text joined after a space does not read as a deadline and the text
// joined without one does, the word is rejoined.
func joinDeadline(prev, next, raw string) string {
	joined := joinCont(prev, next, raw)
	last, _ := utf8.DecodeLastRuneInString(prev)
	first, _ := utf8.DecodeRuneInString(next)
	word := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	if !word(last) || !word(first) || joined != prev+" "+next || deadlineLike(joined) {
		return joined
	}
	if glued := prev + next; deadlineLike(glued) {
		return glued
	}
	return joined
}

// repeatsHeader reports a header row repeated after a page break, as Word
// does for tables spanning pages: the row equals one of the header rows.
// Cells are compared one by one, and a cell much longer than its header
// rejects the row before normalizing.
func repeatsHeader(r *ingest.Row, l *layout) bool {
	for _, norm := range l.headerNorm {
		if equalsHeaderRow(r, norm) {
			return true
		}
	}
	return false
}

func equalsHeaderRow(r *ingest.Row, norm []string) bool {
	matched := 0
	for j, c := range r.Cells {
		h := ""
		if j < len(norm) {
			h = norm[j]
		}
		if c.Spanned {
			continue
		}
		if c.Text == "" && h == "" {
			continue
		}
		if len(c.Text) > 2*len(h)+16 || normHeader(c.Text) != h {
			return false
		}
		matched++
	}
	return matched >= 2
}

// headingCell returns the only cell of a heading row (one text, not a bare
// number).
// headingGoesOn reports a heading's title wrapped onto a line of its own
// ("Раздел I. Создание условий для ... детьми" over "в возрасте до 3
// лет"): one text, in the heading's column or both lines without tabs,
// going on in lower case, not bold unless the heading is, under a heading
// that is no page break away (that case is isContinuation's own).
func headingGoesOn(lr, prev *lrow) bool {
	h, heading := headingCell(prev)
	f := lr.filled()
	if !heading || len(f) != 1 || lr.src.NoTabs != prev.src.NoTabs || !lr.src.NoTabs && f[0] != h ||
		lr.bold[f[0]] && !prev.bold[h] {
		return false
	}
	t := lr.cells[f[0]]
	first, _ := utf8.DecodeRuneInString(t)
	if !unicode.IsLower(first) || isSubListMarker(firstWordOf(t)) {
		return false
	}
	_, _, numbered := headingPrefix(prev.cells[h])
	return numbered
}

func headingCell(lr *lrow) (int, bool) {
	f := lr.filled()
	if len(f) != 1 {
		return 0, false
	}
	if _, pure := parseNumber(lr.cells[f[0]]); pure {
		return 0, false
	}
	return f[0], true
}
