// Package schedule parses the free-text deadline of a roadmap item
// ("Октябрь 2021 г. - апрель 2022 г.", "Ежегодно (сентябрь)", "I квартал
// 2023 г.") into a plan.Schedule: its kind, its months inside the plan's
// period and its recurrence. The original text is always kept.
//
// The parser is a small tokenizer (token.go) and a list of rules
// (parse.go), each reading one construct at a token: a month with its
// year, a date, a year or academic year, a quarter, a holiday, a
// whole-period phrase, a recurrence, or a connector between them. Rules
// emit atoms (spans of months, perhaps without a year) joined by range and
// list connectors; Parse then infers missing years from neighbours, expands
// the atoms into months and clips them to the period.
//
// Decisions where DOMAIN.md is silent:
//   - A month, range or quarter named without any year ("Октябрь - март",
//     "2 квартал", "Октябрь, май") is taken in every year of the period;
//     its kind follows its form (range or dated) and Recurrence is "yearly",
//     since it does repeat. A yearless range that wraps the year end covers
//     each academic year.
//   - "(ежегодно)" or "далее ежегодно" after a dated month or range repeats
//     it in each later year of the period (kind recurring). "Ежегодно" or
//     "2 раза в год" alone: recurring, yearly, no months.
//   - "Ежеквартально": recurring, quarterly, months = the last month of each
//     calendar quarter in the period (the month a quarterly report is due);
//     "ежемесячно" (also еженедельно, ежедневно): every month, monthly.
//   - Period forms win over a yearly recurrence: "В течение года ежегодно"
//     and "В течение учебного года (ежегодно)" are kind period with
//     Recurrence "yearly". "в течение 2021-2022 гг." / "в течение 2022 года"
//     are kind period over those years.
//   - Holidays: "каникулы" alone are June to August; осенние = November,
//     зимние = January, весенние = March, летние = June to August, as are
//     "летний период" and "летом", in every year of the period; with a
//     year ("летний период 2024 г.") in that year only, with a school year
//     ("осенние каникулы 2022-2023 учебного года") autumn in its first year
//     and the rest in its second.
//   - A report "не позднее 10 числа месяца, следующего за отчетным
//     кварталом" recurs quarterly, due in the months after the quarters
//     (January, April, July, October) that end inside the period: one
//     report per quarter of the plan, the first in the month after its
//     first quarter (never in the period's first month, which reports on
//     a quarter before the plan), the last one inside the period (the
//     report on the period's last quarter falls after it). "ежеквартально
//     до 10 числа" (a day with no month) is the same report;
//     "... за отчетным месяцем" is monthly.
//     "1 раз в два месяца" is read as monthly (no bimonthly recurrence),
//     "каждый четверг" as monthly too, as "еженедельно" is. "... за
//     отчетным периодом" names no period: reports being quarterly
//     (DOMAIN.md), it is read as after each quarter.
//   - "по итогам (по окончании) полугодия" recurs yearly at each half's
//     end (June and December; December and May in a plan of school years);
//     "по итогам квартала" quarterly, "по итогам месяца" monthly; "по итогам
//     года", "по итогам 2023 года", "по итогам учебного года" are the end
//     of it (December, May), as "конец года" is.
//   - Seasons: весна is March to May, лето June to August (also "летняя
//     оздоровительная кампания"), осень September to November; winter,
//     which spans two years, is left unread.
//   - "до 15.09" is that month in every year of the period.
//   - "в сроки, установленные Минпросвещения России", "в установленные
//     сроки", "в сроки проведения ГИА": someone else sets the schedule, so
//     unscheduled, as "по графику" is.
//   - School terms (четверти): I = September-October, II = November-
//     December, III = January-March, IV = April-May; "1 раз в четверть",
//     "по итогам четверти" recur quarterly, due at each term's end
//     (October, December, March, May). A half-year without a year in a
//     plan of school years (its period starts in September) is the school
//     year's: I = September-December, II = January-May.
//   - "2022/2023 учебный год", "в 2023/2024 учебном году", "2024-2025 уч. г."
//     are September to May of that school year (kind range), as "учебный
//     год" without years is: the summer after a school year is not in it
//     (DOMAIN.md). A plan's period "на 2021/2022 учебный год" keeps the
//     summer; that is the title's rule, not this one.
//   - A text that starts with an unscheduled phrase ("По утвержденному плану
//     ... на учебный год") is unscheduled unless it names an explicit month,
//     date, year or quarter.
//   - Due is the latest day-precise date named ("до 01.09.2022",
//     "01.09.2021-31.05.2022" -> 2022-05-31).
//   - A range whose end precedes its start is read as its two ends listed.
//   - "с октября 2021" with no end runs to the end of the period.
//   - A keyword with a typo ("Ежгеодно", "Октяря") is read as the keyword
//     when it is uniquely near one (typo.go) and listed in
//     Result.Corrected; the text is kept as written.
//
// Decided in the third blind round (normalize/schedule/testdata/blind3.txt):
//   - Dates typed with "/" or "," for a dot ("01/09/2024") or in the ISO
//     order ("2024-09-01") are dates; a group whose month cannot be
//     ("32.13.2024") is impossible and gives no month. "Ш" typed for III
//     and "IVквартал" are read; "первая (вторая) половина года" is a
//     half-year.
//   - Months followed by several years repeat in each ("март, апрель 2024,
//     2025 гг.", "июнь-август 2024-2026 гг."); months in parentheses after
//     whole years narrow them ("2024, 2025 (май)"); yearless times in
//     parentheses after a month with its year are a qualifier ("ноябрь
//     2024 г. (по итогам I четверти)").
//   - A half-year, term or month of a named school year ("1 полугодие
//     2024-2025 учебного года", "май 2024/2025 уч. года") is that school
//     year's; "2023-2024, 2024-2025 учебные годы" lists school years.
//   - Winter is December to February: "зима 2024-2025" spans the new year.
//   - A time counted from an event ("после получения результатов", "в
//     течение 10 дней после проведения", "за 2 недели до начала ГИА", "по
//     итогам проведения олимпиады") is unscheduled: no fixed deadline.
//   - "постоянно" is the whole period unless the text names a narrower
//     time; a period form beside whole years narrows them ("2024-2025 гг.
//     (в течение учебного года)"), beside named months it only explains
//     them. "ежегодно в течение 2024-2025 гг." is recurring.
//   - "с октября" without a year runs from the period's first October to
//     its end; "далее ежеквартально (ежемесячно)" from the date named.
//   - "1 раз в неделю", "по четвергам" are read as monthly, as
//     "еженедельно" is.
package schedule

import (
	"fmt"
	"math/bits"
	"slices"
	"strings"

	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// Result is a parsed deadline with what the parser noticed about it.
type Result struct {
	Schedule plan.Schedule
	// Outside lists months the text names that fall outside the period
	// (an activity dated before the plan starts): a diagnostic for the caller.
	// A text only partly outside ("2021" in a plan from September 2021) has
	// both Months and Outside; one wholly outside has no Months.
	Outside []plan.Month
	// After is the month a report after each quarter is due on the
	// period's last quarter ("до 10 числа месяца, следующего за отчетным
	// кварталом" in a plan to December 2022: January 2023). It falls after
	// the period, which a plan's months never leave, so it is not among
	// Months; the caller says so. Zero when there is none.
	After plan.Month
	// Corrected lists the words read through a typo ("Ежгеодно" as
	// "ежегодно"), in text order, for the caller to report; nil when the
	// text was read as written.
	Corrected []Correction
	// Impossible names a date the text gives that cannot be ("31
	// февраля", "31.04.2022", "с 2022 по 2021"), for the caller to report;
	// "" when there is none. What could be read is read: the month of a
	// bad day, both ends of a reversed range.
	Impossible string
}

// element is a listed part of a deadline after ranges are joined: one
// atom, or a span from one atom to another.
type element struct {
	y1, m1, y2, m2 int
	day            int // day of the end date, 0 if the end names no day
	years          bool
	open           bool
	single         bool  // exactly one month
	rep            int16 // the last year the element's group repeats in (atom.rep)
}

// wholeYear reports whether e is one bare year ("2024", "2025 г.").
func (e element) wholeYear() bool {
	return e.years && !e.open && e.y1 == e.y2 && e.m1 == 1 && e.m2 == 12
}

// grouped reports whether e is months of one named year, which a year or
// span of years written after it can repeat.
func (e element) grouped() bool { return !e.years && !e.open && e.y1 != 0 && e.y1 == e.y2 }

// groupStart returns where the group of months of the last element's year
// begins in els: "март, апрель 2024" is one group.
func groupStart(els []element) int {
	g := len(els) - 1
	for g > 0 && els[g-1].grouped() && els[g-1].y1 == els[g].y1 {
		g--
	}
	return g
}

// repeatGroup appends to els the group of months ending it again in each
// year from y1 to y2.
func repeatGroup(els []element, y1, y2 int) []element {
	g, n := groupStart(els), len(els)
	for y := y1; y <= y2; y++ {
		for _, x := range els[g:n] {
			x.y1, x.y2, x.day, x.rep = y, y, 0, 0
			els = append(els, x)
		}
	}
	return els
}

// elements joins atoms linked by range connectors and infers the years a
// part leaves out: the end's year applies to a yearless start ("Май -
// сентябрь 2021"), a yearless list entry takes the year of the next entry
// that has one ("Октябрь, ноябрь 2021 г."), else of the one before.
func (p *parser) elements() []element {
	var out []element
	for k := 0; k < len(p.items); k++ {
		if p.items[k].conn != cNone {
			continue
		}
		a := p.items[k].a
		b := a
		ranged := false
		for k+2 < len(p.items) && p.items[k+1].conn == cRange && p.items[k+2].conn == cNone {
			b = p.items[k+2].a
			ranged = true
			k += 2
		}
		if ranged {
			switch {
			case a.yearless() && !b.yearless():
				y := b.y1
				if a.m2 > b.m1 {
					y--
				}
				a.y1, a.y2 = y, y
			case !a.yearless() && b.yearless():
				y := a.y2
				if b.m1 < a.m2 {
					y++
				}
				b.y1, b.y2 = y, y
			}
			if !a.yearless() && plan.MonthOf(b.y2, b.m2) < plan.MonthOf(a.y1, a.m1) {
				// "с 2022 по 2021", "декабрь 2022 - январь 2022": read as
				// the two ends listed, and reported.
				p.markBad(0, 0)
				out = append(out, element{y1: a.y1, m1: a.m1, y2: a.y2, m2: a.m2, day: a.day, years: a.years})
				a = b
			}
		}
		out = append(out, element{y1: a.y1, m1: a.m1, y2: b.y2, m2: b.m2, day: b.day,
			years: a.years && b.years, open: a.from && !ranged, rep: b.rep})
	}
	out = narrowYears(out)
	for k := len(out) - 2; k >= 0; k-- {
		e, n := &out[k], out[k+1]
		if e.y1 == 0 && n.wholeYear() && !e.open {
			// "май, 2024", "до 01.09. 2024": a year written apart from
			// the yearless months before it is theirs, not a year of its
			// own.
			e.y1, e.y2 = n.y1, n.y1
			if e.m1 > e.m2 {
				e.y1--
			}
			out = slices.Delete(out, k+1, k+2)
			continue
		}
		if e.y1 == 0 && n.y1 != 0 {
			e.y2 = n.y1
			if e.m2 > n.m1 {
				e.y2--
			}
			e.y1 = e.y2
			if e.m1 > e.m2 {
				e.y1--
			}
		}
	}
	for k := 1; k < len(out); k++ {
		e, prev := &out[k], out[k-1]
		if e.y1 == 0 && prev.y1 != 0 {
			e.y1 = prev.y2
			if e.m1 < prev.m2 {
				e.y1++
			}
			e.y2 = e.y1
			if e.m2 < e.m1 {
				e.y2++
			}
		}
	}
	// "Май-июнь 2024 г., 2025 г.", "март, апрель 2024, 2025 гг.": a bare
	// year listed after months of one year names those months again in
	// that year, not the whole year; "июнь-август 2024-2026 гг." repeats
	// them in each year of the span.
	repeated := false
	for k := 1; k < len(out) && !repeated; k++ {
		e, prev := out[k], out[k-1]
		repeated = e.wholeYear() && prev.grouped() && prev.y1 < e.y1
	}
	for _, e := range out {
		repeated = repeated || int(e.rep) > e.y2 && e.grouped()
	}
	if repeated {
		els := make([]element, 0, 2*len(out))
		for _, e := range out {
			if n := len(els); e.wholeYear() && n > 0 && els[n-1].grouped() && els[n-1].y1 < e.y1 {
				els = repeatGroup(els, e.y1, e.y1)
				continue
			}
			els = append(els, e)
			if int(e.rep) > e.y2 && e.grouped() {
				els = repeatGroup(els, e.y2+1, int(e.rep))
			}
		}
		out = els
	}
	for k := range out {
		e := &out[k]
		e.single = !e.open && e.y1 == e.y2 && e.m1 == e.m2
	}
	return out
}

// narrowYears reads months named without a year after whole years
// ("2024, 2025 (май)", "2024-2025 гг. (сентябрь – май)") as those months
// in each of the years, as "Ежегодно (сентябрь)" is in each year of the
// period: the years bound the months, they are not also wholly named.
// Other texts are returned as they are.
func narrowYears(els []element) []element {
	yearsFirst, months := false, false
	for k, e := range els {
		switch {
		case e.years && !e.open && e.m1 == 1 && e.m2 == 12 && !months:
			yearsFirst = yearsFirst || k == 0
		case e.y1 == 0 && !e.open && yearsFirst:
			months = true
		default:
			return els
		}
	}
	if !months {
		return els
	}
	var out []element
	for _, yr := range els {
		if yr.y1 == 0 {
			break
		}
		for y := yr.y1; y <= yr.y2 && y-yr.y1 <= 10; y++ {
			for _, e := range els {
				if e.y1 != 0 {
					continue
				}
				if e.m1 > e.m2 { // a range over the new year: its months in y
					out = append(out, element{y1: y, m1: 1, y2: y, m2: e.m2}, element{y1: y, m1: e.m1, y2: y, m2: 12})
					continue
				}
				out = append(out, element{y1: y, m1: e.m1, y2: y, m2: e.m2, day: e.day})
			}
		}
	}
	return out
}

// Parse reads one deadline text. period is the plan's period; it may be
// zero when the title names none, and then only explicit dates give months.
// It never fails: what it cannot read is kind unknown.
func Parse(text string, period plan.Period) Result {
	res := Result{Schedule: plan.Schedule{Text: text, Kind: plan.KindUnknown}}
	buf := tokenPool.Get().(*[]token)
	p := parser{toks: tokenize((*buf)[:0], text), period: period}
	defer func() {
		*buf = p.toks
		tokenPool.Put(buf)
	}()
	if len(p.toks) == 0 {
		return res
	}
	p.run()
	if p.correct(text) {
		p.reset()
		p.run()
		p.settle(&res)
	}
	els := p.elements()
	for _, t := range p.toks {
		if t.bad {
			end := t.end
			for end < len(text) && (text[end] == '.' || text[end] >= '0' && text[end] <= '9') {
				end++
			}
			p.markBad(t.start, end)
		}
	}
	if p.bad {
		res.Impossible = text
		if p.badEnd > p.badStart {
			res.Impossible = text[p.badStart:p.badEnd]
		}
	}
	s := &res.Schedule

	var named monthSet  // months the text names with their years
	var atomMask uint16 // month numbers named without a year
	var due [3]int
	allYears, allSingle := len(els) > 0, true
	for _, e := range els {
		allYears = allYears && e.years
		allSingle = allSingle && e.single
		if e.y1 == 0 && e.open && !period.IsZero() {
			// "с октября" in a plan: from the first October of the
			// period to its end.
			for m := period.From; m <= period.To; m++ {
				if m.Num() == e.m1 {
					named.addRange(m, period.To)
					break
				}
			}
			continue
		}
		if e.y1 == 0 {
			atomMask |= maskRange(e.m1, e.m2)
			continue
		}
		from, to := plan.MonthOf(e.y1, e.m1), plan.MonthOf(e.y2, e.m2)
		if e.open && !period.IsZero() && period.To > to {
			to = period.To
		}
		named.addRange(from, to)
		if d := [3]int{e.y2, e.m2, e.day}; e.day > 0 && (d[0] > due[0] || d[0] == due[0] && (d[1] > due[1] || d[1] == due[1] && d[2] > due[2])) {
			due = d
		}
	}

	hasAtoms := len(els) > 0
	// "постоянно" is the whole period unless the text names a narrower
	// time ("постоянно, в течение учебного года").
	whole := p.whole || p.always && !hasAtoms && p.periodMask == 0
	// "в течение 2024-2025 гг." is a period form, but with "ежегодно" the
	// years only bound the yearly recurrence.
	periodForm := whole || p.periodMask != 0 || p.inCourse && hasAtoms && allYears && p.recur != plan.RecurYearly
	switch {
	case p.unschedLead && !hasAtoms && p.recur == "":
		s.Kind = plan.KindUnscheduled
		return res
	case !hasAtoms && !periodForm && p.recur == "":
		if p.unsched {
			s.Kind = plan.KindUnscheduled
		}
		return res
	case p.recur != "" && p.recur != plan.RecurYearly:
		s.Kind = plan.KindRecurring
	case periodForm:
		s.Kind = plan.KindPeriod
	case p.recur == plan.RecurYearly:
		s.Kind = plan.KindRecurring
	case allSingle:
		s.Kind = plan.KindDated
	default:
		s.Kind = plan.KindRange
	}
	s.Recurrence = p.recur
	if s.Recurrence == "" && atomMask != 0 && !periodForm {
		s.Recurrence = plan.RecurYearly
	}
	if due[2] > 0 {
		s.Due = fmt.Sprintf("%04d-%02d-%02d", due[0], due[1], due[2])
	}

	all := named
	if p.recur == plan.RecurYearly && !period.IsZero() {
		// Months before the first one in the set are not in it and
		// never get in: the loop adds only later months.
		for m := all.first(); m+12 <= period.To && m < setEnd; m++ {
			if all.has(m) {
				all.add(m + 12)
			}
		}
	}
	mask := atomMask
	switch {
	case p.periodMask == 0:
	case named.empty():
		mask |= p.periodMask
	case allYears:
		// "2024-2025 гг. (в течение учебного года)": the period form
		// narrows the years named.
		for m := range named.each() {
			if p.periodMask&(1<<(m.Num()-1)) == 0 {
				all.remove(m)
			}
		}
	default:
		// "с 01.09.2024 по 31.08.2025 (в течение учебного года)": the
		// months named are the deadline, the period form explains them.
	}
	if whole {
		mask = maskAll
	}
	if mask != 0 {
		for _, m := range period.Months() {
			if mask&(1<<(m.Num()-1)) != 0 {
				all.add(m)
			}
		}
	}
	switch p.recur {
	case plan.RecurQuarterly, plan.RecurMonthly:
		keep := named
		if all.empty() {
			all.addRange(period.From, period.To)
		} else if p.onward && !period.IsZero() {
			all.addRange(all.first(), period.To)
		}
		if p.recur == plan.RecurQuarterly {
			ends := uint16(1<<2 | 1<<5 | 1<<8 | 1<<11) // March, June, September, December
			switch {
			case p.termly:
				ends = 1<<9 | 1<<11 | 1<<2 | 1<<4 // the ends of the school terms
			case p.afterQuarter || p.bareDay():
				ends = 1<<0 | 1<<3 | 1<<6 | 1<<9 // January, April, July, October
				// The report on a quarter that ended before the period
				// began is no deadline of this plan: a plan from January
				// 2025 reports first in April 2025, not in January.
				if !period.IsZero() {
					last := plan.Month(0)
					for m := range all.each() {
						if m-1 < period.From && !keep.has(m) {
							all.remove(m)
						}
						last = m
					}
					// Reports running to the period's end report on its
					// last quarter in the month after it.
					if last >= period.To {
						for m := period.To + 1; m <= period.To+3; m++ {
							if ends&(1<<(m.Num()-1)) != 0 {
								res.After = m
								break
							}
						}
					}
				}
			}
			for m := setFirst; m < setEnd; m++ {
				if ends&(1<<(m.Num()-1)) == 0 && !(p.onward && keep.has(m)) {
					all.remove(m)
				}
			}
		}
	}
	for m := range all.each() {
		switch {
		case period.IsZero() || period.Contains(m):
			s.Months = append(s.Months, m)
		case named.has(m):
			res.Outside = append(res.Outside, m)
		}
	}
	s.Note = p.note(text)
	return res
}

// monthSet is a set of months over the years isYear accepts: any text
// expands in time and memory bounded by that window, however many ranges
// it lists.
type monthSet struct {
	bits [(setEnd-setFirst)/64 + 1]uint64
	n    int
}

const (
	setFirst = plan.Month(1900 * 12)
	setEnd   = plan.Month(2200 * 12)
)

func (s *monthSet) add(m plan.Month) {
	if m >= setFirst && m < setEnd {
		i := int(m - setFirst)
		if s.bits[i/64]&(1<<(i%64)) == 0 {
			s.bits[i/64] |= 1 << (i % 64)
			s.n++
		}
	}
}

func (s *monthSet) remove(m plan.Month) {
	if s.has(m) {
		i := int(m - setFirst)
		s.bits[i/64] &^= 1 << (i % 64)
		s.n--
	}
}

func (s *monthSet) has(m plan.Month) bool {
	if m < setFirst || m >= setEnd {
		return false
	}
	i := int(m - setFirst)
	return s.bits[i/64]&(1<<(i%64)) != 0
}

func (s *monthSet) addRange(from, to plan.Month) {
	from, to = max(from, setFirst), min(to, setEnd-1)
	for m := from; m <= to; m++ {
		s.add(m)
	}
}

func (s *monthSet) empty() bool { return s.n == 0 }

// first returns the earliest month of the set, setEnd when it is empty.
func (s *monthSet) first() plan.Month {
	for w, bits := range s.bits {
		if bits != 0 {
			return setFirst + plan.Month(w*64+trailingZeros(bits))
		}
	}
	return setEnd
}

// each yields the months of the set in ascending order.
func (s *monthSet) each() func(yield func(plan.Month) bool) {
	return func(yield func(plan.Month) bool) {
		for w, bits := range s.bits {
			for bits != 0 {
				b := bits & -bits
				bits &^= b
				if !yield(setFirst + plan.Month(w*64+trailingZeros(b))) {
					return
				}
			}
		}
	}
}

// note returns the qualifiers the rules left unread ("по плану МКУ ДГУО",
// "для каждой ОО"), quoted from the original text. Each run of unread
// words between two dates is one qualifier, from its first to its last
// word that is not a mere connector, with a closing parenthesis kept when
// it opened one; several are joined with "; ".
func (p *parser) note(text string) string {
	var runs []string
	first, last := -1, -1
	flush := func() {
		if first >= 0 {
			runs = append(runs, quote(text, p.toks[first].start, p.toks[last].end))
		}
		first, last = -1, -1
	}
	for i, t := range p.toks {
		switch {
		case t.used && (t.kind == tNum || t.kind == tDate || t.kind == tWord && monthOf(t.text) > 0):
			flush()
		case t.used || t.kind != tWord && t.kind != tNum && t.kind != tDate || t.kind == tWord && filler[t.text]:
		default:
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	flush()
	return strings.Join(runs, "; ")
}

// quote returns text[start:end], extended over the closing parentheses of
// those it opens, without tags and with white space collapsed.
func quote(text string, start, end int) string {
	n := text[start:end]
	for open := strings.Count(n, "(") - strings.Count(n, ")"); open > 0; open-- {
		rest := text[end:]
		t := strings.TrimLeft(rest, " \t\u00a0")
		if !strings.HasPrefix(t, ")") {
			break
		}
		end += len(rest) - len(t) + 1
		n = text[start:end]
	}
	return strings.Join(strings.Fields(stripTags(n)), " ")
}

// stripTags drops HTML tags and entities left inside a quoted note.
func stripTags(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return s
	}
	var b strings.Builder
	for _, t := range tokenizeRaw(s) {
		b.WriteString(t)
	}
	return b.String()
}

// tokenizeRaw returns the pieces of s outside tags and entities.
func tokenizeRaw(s string) []string {
	var out []string
	for len(s) > 0 {
		i := strings.IndexAny(s, "<&")
		if i < 0 {
			out = append(out, s)
			break
		}
		out = append(out, s[:i])
		s = s[i:]
		var stop byte = '>'
		if s[0] == '&' {
			stop = ';'
		}
		j := strings.IndexByte(s, stop)
		if j < 0 || j > 64 {
			out = append(out, s[:1])
			s = s[1:]
			continue
		}
		out = append(out, " ")
		s = s[j+1:]
	}
	return out
}

func trailingZeros(x uint64) int { return bits.TrailingZeros64(x) }
