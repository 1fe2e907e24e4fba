package normalize

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/roadmap-tool/roadmap/ingest"
	"github.com/roadmap-tool/roadmap/normalize/orgs"
	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/normalize/schedule"
)

// Rows with one cell too many or too few. A tab typed inside a cell
// splits it in two; an export that drops an empty cell shifts the rest to
// the left. Read by position, a deadline then lands among the executors.
// When reading by position puts some text where it does not fit and
// exactly one shift (two neighbouring cells joined, or one empty cell put
// back) makes every text fit its column, the row is read that way, with a
// diagnostic naming both readings; otherwise it is kept by position.

// realign returns the row's cells shifted to fit the columns, or nil to
// read the row by position.
func (l *layout) realign(r *ingest.Row, d *plan.Diagnostics) []ingest.Cell {
	n := len(l.cols)
	cells := r.Cells
	for len(cells) > n && cells[len(cells)-1].Text == "" {
		cells = cells[:len(cells)-1]
	}
	if r.NoTabs || len(cells) != n+1 && len(cells) != n-1 || n < 3 || r.OwnNonEmpty() < 3 {
		return nil
	}
	if len(cells) == n-1 && l.fitsAll(cells) {
		return nil // the missing cell is the last one: position is right
	}
	// Each text can only land in its own column or the next (or the one
	// before): its fits are worked out once, not once per shift.
	memo := make(map[fitKey]bool, 3*len(cells))
	var found []ingest.Cell
	at, fits := -1, 0
	unfinished := 0 // fitting joins whose left text is cut off
	for k := 0; k < n; k++ {
		alt := shifted(cells, n, k)
		if alt == nil || !l.fitsAllMemo(alt, memo) {
			continue
		}
		cut := len(cells) > n && cutOff(cells[k].Text, cells[k+1].Text)
		switch {
		case cut && unfinished == 0:
			// The first join of a text that stops mid-list ("УО,")
			// wins over the joins that merely fit.
			fits, unfinished = 1, 1
			found, at = alt, k
		case cut:
			unfinished++
			fits++
		case unfinished == 0:
			fits++
			found, at = alt, k
		}
	}
	if fits != 1 {
		if fits > 1 {
			d.Add(r.Pos, plan.Info, plan.CodeRaggedRow, fmt.Sprintf(
				"в строке %d ячеек при %d столбцах, и ее можно выровнять по-разному: оставлена по позициям", len(cells), n), "")
		}
		return nil
	}
	// Name the first text that reading by position would misplace.
	var why string
	for j := 0; j < n && j < len(cells); j++ {
		if t := cells[j].Text; t != "" && !l.fits(j, t) {
			why = fmt.Sprintf("по позициям «%s» попало бы в столбец «%s»", clipText(t, 40), l.cols[j].Header)
			break
		}
	}
	if why == "" && len(cells) > n {
		why = fmt.Sprintf("по позициям «%s» оказалось бы за последним столбцом", clipText(cells[n].Text, 40))
	}
	var how string
	if len(cells) > n {
		how = fmt.Sprintf("ячейки «%s» и «%s» прочитаны как одна в столбце «%s»",
			clipText(cells[at].Text, 40), clipText(cells[at+1].Text, 40), l.cols[at].Header)
	} else {
		how = fmt.Sprintf("пропущенной считается ячейка столбца «%s»", l.cols[at].Header)
	}
	d.Add(r.Pos, plan.Warning, plan.CodeRowRealigned, "строка выровнена по содержанию: "+how+"; "+why,
		clipText(strings.Join(r.Texts(), " | "), 200))
	return found
}

// shifted returns cells as n cells: with one too many, cells k and k+1
// joined; with one too few, an empty cell put back at k. nil when that
// shift makes no sense (joining an empty cell).
func shifted(cells []ingest.Cell, n, k int) []ingest.Cell {
	out := make([]ingest.Cell, 0, n)
	if len(cells) == n+1 {
		a, b := cells[k], cells[k+1]
		if a.Text == "" || b.Text == "" {
			return nil
		}
		j := a
		j.Text, j.Raw, j.Spanned = a.Text+" "+b.Text, a.Raw+"\t"+b.Raw, false
		j.Bold = a.Bold && b.Bold
		out = append(append(append(out, cells[:k]...), j), cells[k+2:]...)
		return out
	}
	if k < len(cells) && cells[k].Text == "" {
		return nil // an empty cell is there already: same as another shift
	}
	empty := ingest.Cell{}
	if k < len(cells) {
		empty.At = cells[k].At
	} else if len(cells) > 0 {
		empty.At = cells[len(cells)-1].At
	}
	return append(append(append(out, cells[:k]...), empty), cells[k:]...)
}

// cutOff reports two neighbouring cells that read as one text cut by a
// typed tab: the left one stops on a comma, a conjunction or a
// preposition, or the right one goes on in lower case.
func cutOff(left, right string) bool {
	left = strings.TrimSpace(left)
	last, _ := utf8.DecodeLastRuneInString(left)
	if strings.ContainsRune(",;:-–(", last) {
		return true
	}
	if i := strings.LastIndexByte(left, ' '); i >= 0 {
		switch strings.ToLower(left[i+1:]) {
		case "и", "или", "в", "с", "по", "на", "для", "к", "о", "об":
			return true
		}
	}
	first, _ := utf8.DecodeRuneInString(right)
	return unicode.IsLower(first)
}

type fitKey struct {
	col  int
	text string
}

// fitsAllMemo is fitsAll remembering each column's verdict on a text.
func (l *layout) fitsAllMemo(cells []ingest.Cell, memo map[fitKey]bool) bool {
	return l.fitsCells(cells, func(j int, t string) bool {
		k := fitKey{j, t}
		v, ok := memo[k]
		if !ok {
			v = l.fits(j, t)
			memo[k] = v
		}
		return v
	})
}

func (l *layout) fitsAll(cells []ingest.Cell) bool { return l.fitsCells(cells, l.fits) }

func (l *layout) fitsCells(cells []ingest.Cell, fits func(int, string) bool) bool {
	// Co-executors without the responsible they assist do not fit.
	if l.resp >= 0 && (l.resp >= len(cells) || cells[l.resp].Text == "") {
		for _, j := range l.co {
			if j < len(cells) && cells[j].Text != "" {
				return false
			}
		}
	}
	for j, c := range cells {
		if j >= len(l.cols) {
			if c.Text != "" {
				return false
			}
			continue
		}
		if !fits(j, c.Text) {
			return false
		}
	}
	return true
}

// fits reports whether a text can be column j's: a number in the number
// column, a deadline in a deadline column, executors in an executors'
// column, and no bare deadline or number where text is expected.
func (l *layout) fits(j int, t string) bool {
	if t == "" {
		return true
	}
	c := l.cols[j]
	switch {
	case c.Role == plan.RoleNumber:
		_, ok := parseNumber(t)
		return ok
	case c.Role == plan.RoleDeadline:
		return deadlineLike(t)
	case c.Role == plan.RoleResponsible:
		return !deadlineLike(t) && orgs.LooksLikeExecutor(t)
	case l.figures[j]:
		return true
	}
	if _, ok := parseNumber(t); ok {
		return false
	}
	return !deadlineLike(t)
}

// deadlineLike reports a text that is a deadline and nothing else: read
// by the schedule parser with nothing left over ("Сентябрь 2022", "В
// течение года", "По мере необходимости"), not a sentence that happens to
// name a month.
func deadlineLike(t string) bool {
	if utf8.RuneCountInString(t) > 100 {
		return false
	}
	r := schedule.Parse(t, plan.Period{})
	switch r.Schedule.Kind {
	case plan.KindUnknown:
		return false
	case plan.KindUnscheduled:
		w := strings.ToLower(firstWordOf(t))
		return w == "по" || w == "в" || w == "согласно" || w == "при"
	}
	return r.Schedule.Note == ""
}

func firstWordOf(s string) string {
	if f := strings.Fields(s); len(f) > 0 {
		return f[0]
	}
	return ""
}

func clipText(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}
