package normalize

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/roadmap-tool/roadmap/ingest"
	"github.com/roadmap-tool/roadmap/normalize/orgs"
	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/normalize/schedule"
)

// deadlineText joins the item's deadline columns: one column, or a start
// and an end column written "начало – окончание", or one column per year
// ("Сроки исполнения / 2024 | 2025 | 2026"), where a mark ("+", "х")
// stands for its year and a text without a year is dated in it: "+ | |
// март" reads "2024, март 2026".
func (b *builder) deadlineText(lr *lrow) (string, plan.Pos) {
	var parts []string
	pos := lr.src.Pos
	sep := " – "
	for i, j := range b.l.deadlines {
		t := lr.text(j)
		if y := b.l.cols[j].Year; y != 0 && t != "" {
			sep = ", "
			switch {
			case isYearMark(t):
				t = strconv.Itoa(y)
			case len(yearsIn(t)) == 0:
				t += " " + strconv.Itoa(y)
			}
		}
		if t != "" {
			parts = append(parts, t)
		}
		if i == 0 {
			pos = lr.cellPos(j)
		}
	}
	return strings.Join(parts, sep), pos
}

// isYearMark reports the mark that ticks a year in a column per year:
// "+", "х", "X", "v", "✓", "*", "да".
func isYearMark(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "+", "х", "x", "v", "✓", "✔", "√", "*", "да", "•", "●":
		return true
	}
	return false
}

// yearsIn returns the years (20xx, not inside a longer number) a text
// names; in "2024–2026" both, though the dash sits between them.
func yearsIn(s string) []int {
	var out []int
	for _, loc := range anyYearRE.FindAllStringIndex(s, -1) {
		if loc[0] > 0 && isDigit(s[loc[0]-1]) || loc[1] < len(s) && isDigit(s[loc[1]]) {
			continue
		}
		y, _ := strconv.Atoi(s[loc[0]:loc[1]])
		out = append(out, y)
	}
	return out
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// inferPeriod covers the years the deadlines name, January of the first
// to December of the last, for a title that states no period.
func (b *builder) inferPeriod() (plan.Period, bool) {
	lo, hi := 0, 0
	for _, lr := range b.itemRows {
		t, _ := b.deadlineText(lr)
		for _, y := range yearsIn(t) {
			if lo == 0 || y < lo {
				lo = y
			}
			if y > hi {
				hi = y
			}
		}
	}
	if lo == 0 {
		return plan.Period{}, false
	}
	return plan.Period{From: plan.MonthOf(lo, 1), To: plan.MonthOf(hi, 12)}, true
}

// resolve fills what needs the whole document first: the period (from the
// deadlines when the title has none), each item's parsed deadline, and its
// executors once every abbreviation definition ("(далее – МСОКО)") in any
// cell is known.
//
// notes are the texts under the table, where a list of the abbreviations
// used may define them.
func (b *builder) resolve(title []ingest.Line, rows []*lrow, notes []string, opts Options) {
	p, d := b.plan, b.diag
	if p.Period.IsZero() {
		pos := plan.Pos{File: p.Source.Path}
		switch {
		case len(title) > 0:
			pos = title[0].Pos
		case len(rows) > 0:
			pos = rows[0].src.Pos
		}
		if per, ok := b.inferPeriod(); ok {
			p.Period = per
			d.Add(pos, plan.Warning, plan.CodeNoPeriod, fmt.Sprintf(
				"в заголовке не указан период плана; он определен по годам в сроках: %s – %s",
				per.From.Label(), per.To.Label()), "")
		} else {
			d.Add(pos, plan.Warning, plan.CodeNoPeriod,
				"в заголовке не указан период плана, и в сроках нет годов: месяцы сроков не определены", "")
		}
	}

	res := orgs.New(opts.Aliases)
	for _, ln := range title {
		res.Define(ln.Text)
	}
	for _, lr := range rows {
		for _, c := range lr.cells {
			if c != "" {
				res.Define(c)
			}
		}
	}
	for _, n := range notes {
		res.Define(n)
		res.DefineGlossary(n)
	}

	// A table without a column of deadlines or of executors leaves every
	// item without one: said once, where the header is.
	if len(p.Items) > 0 && len(b.l.deadlines) == 0 {
		d.Add(b.l.headerPos, plan.Warning, plan.CodeDeadlineEmpty,
			"в таблице нет столбца сроков: сроки мероприятий не определены; ожидается столбец вроде «Срок исполнения»", "")
	}
	if len(p.Items) > 0 && b.l.resp < 0 && len(b.l.co) == 0 {
		d.Add(b.l.headerPos, plan.Warning, plan.CodeNoResponsible,
			"в таблице нет столбца ответственных: исполнители мероприятий не определены; ожидается столбец вроде «Ответственный исполнитель»", "")
	}

	// Deadlines repeat ("В течение всего периода", "Ежегодно") and Parse
	// is a pure function of the text and the period: parse each distinct
	// text once. The items with the same text share one copy of its
	// Months, which nothing writes to; its capacity is its length, so an
	// append copies (a slice per item was 340 KB of an import of 5,000
	// activities).
	parsed := make(map[string]schedule.Result)
	for i := range p.Items {
		it, lr := &p.Items[i], b.itemRows[i]
		text, pos := b.deadlineText(lr)
		r, ok := parsed[text]
		if !ok {
			r = schedule.Parse(text, p.Period)
			r.Schedule.Months = slices.Clip(r.Schedule.Months) // Parse's own slice
			if r.Schedule.Months == nil {
				r.Schedule.Months = []plan.Month{}
			}
			parsed[text] = r
		}
		it.Deadline = r.Schedule
		it.Deadline.Text = text
		switch {
		case len(b.l.deadlines) == 0:
		case text == "":
			d.Add(pos, plan.Warning, plan.CodeDeadlineEmpty,
				fmt.Sprintf("у мероприятия %s не указан срок", it.ID), it.Activity.Text)
		case it.Deadline.Kind == plan.KindUnknown:
			d.Add(pos, plan.Warning, plan.CodeDeadlineUnparsed, "срок не распознан: месяцы не назначены, текст сохранен как есть; проверьте срок", text)
		}
		if r.Impossible != "" {
			d.Add(pos, plan.Warning, plan.CodeDateImpossible,
				fmt.Sprintf("в сроке невозможная дата «%s» (такого дня нет или конец раньше начала); прочитано, что удалось, проверьте срок", r.Impossible), text)
		}
		for _, c := range r.Corrected {
			d.Add(pos, plan.Info, plan.CodeDeadlineTypo,
				fmt.Sprintf("в сроке слово «%s» прочитано как «%s»", c.Word, c.As), text)
		}
		if r.After != 0 {
			d.Add(pos, plan.Info, plan.CodeDeadlinePeriod, fmt.Sprintf(
				"срок отчета за последний квартал плана — %s, после окончания периода плана (%s): в сроки мероприятия не включен",
				r.After.Label(), p.Period.To.Label()), text)
		}
		if len(r.Outside) > 0 {
			labels := make([]string, len(r.Outside))
			for k, m := range r.Outside {
				labels[k] = m.Label()
			}
			d.Add(pos, plan.Warning, plan.CodeDeadlinePeriod, fmt.Sprintf(
				"срок выходит за период плана (%s – %s): %s", p.Period.From.Label(), p.Period.To.Label(),
				strings.Join(labels, ", ")), text)
		}

		if b.l.resp < 0 {
			continue
		}
		rt := lr.text(b.l.resp)
		rpos := lr.cellPos(b.l.resp)
		if rt == "" && !b.anyCo(lr) {
			d.Add(rpos, plan.Warning, plan.CodeNoResponsible,
				fmt.Sprintf("у мероприятия %s не указан ответственный", it.ID), it.Activity.Text)
			continue
		}
		if rt == "" {
			d.Add(rpos, plan.Warning, plan.CodeNoResponsible,
				fmt.Sprintf("у мероприятия %s не указан ответственный исполнитель, указаны только соисполнители", it.ID), it.Activity.Text)
		}
		b.addExecutors(it, res, rt, rpos, "", false)
		for k, j := range b.l.co {
			b.addExecutors(it, res, lr.text(j), lr.cellPos(j), b.l.cols[j].Header, !b.l.persons[k])
		}
	}
	p.Organizations = res.Organizations()
	if p.Organizations == nil {
		p.Organizations = []plan.Organization{}
	}
	b.mergeShortForms()
}

// mergeShortForms makes one executor of a body the document names in full
// and by a short form ("Отдел образования администрации Первомайского
// района", then "Отдел образования"), when the short form can name only
// it (orgs.ShortForms), with an Info where the short form is first met; a
// short form of several bodies stays its own and is reported.
func (b *builder) mergeShortForms() {
	p := b.plan
	full, ambiguous := orgs.ShortForms(p.Organizations)
	if len(full) == 0 && len(ambiguous) == 0 {
		return
	}
	told := map[string]bool{}
	for i := range p.Items {
		it := &p.Items[i]
		for k := range it.Responsible {
			e := &it.Responsible[k]
			col := b.l.resp
			for _, j := range b.l.co {
				if e.Column != "" && b.l.cols[j].Header == e.Column {
					col = j
				}
			}
			pos := b.itemRows[i].src.Pos
			if col >= 0 {
				pos = b.itemRows[i].cellPos(col)
			}
			if l, ok := full[e.Org]; ok {
				if !told[e.Org] {
					told[e.Org] = true
					b.diag.Add(pos, plan.Info, plan.CodeAliasResolved,
						fmt.Sprintf("«%s» прочитано как «%s»: другого такого органа в документе нет", e.Org, l), e.Text)
				}
				e.Org = l
			} else if ls, ok := ambiguous[e.Org]; ok && !told[e.Org] {
				told[e.Org] = true
				b.diag.Add(pos, plan.Info, plan.CodeAliasResolved,
					fmt.Sprintf("«%s» может означать %s: оставлено отдельным исполнителем", e.Org, quoteList(ls)), e.Text)
			}
		}
	}
	p.Organizations = orgs.MergeShortForms(p.Organizations, full)
}

// quoteList writes names as «a», «b» или «c».
func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = "«" + n + "»"
	}
	if len(q) == 1 {
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " или " + q[len(q)-1]
}

// anyCo reports whether a co-executors' column of the row has text.
func (b *builder) anyCo(lr *lrow) bool {
	for _, j := range b.l.co {
		if lr.text(j) != "" {
			return true
		}
	}
	return false
}

// addExecutors resolves an executor cell and appends its executors to the
// item; column names a second executors' column, whose executors are all
// Co when co is set (not for the people of an organisations' column).
func (b *builder) addExecutors(it *plan.Item, res *orgs.Resolver, text string, pos plan.Pos, column string, co bool) {
	if text == "" {
		return
	}
	execs, findings := res.Resolve(text)
	for i := range execs {
		if column != "" {
			execs[i].Co, execs[i].Column = co, column
		}
	}
	switch {
	case len(execs) == 0:
	case len(it.Responsible) == 0:
		it.Responsible = execs
	default:
		it.Responsible = append(it.Responsible, execs...)
	}
	for _, f := range findings {
		b.diag.Add(pos, f.Severity, f.Code, f.Message, f.Text)
	}
}
