package schedule

import (
	"fmt"
	"strings"

	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// atom is one point or span of time the text names: a month, a date, a
// year, a quarter, a half-year or an academic year. A zero year means the
// text gave none (yet): years are inferred from neighbours later.
type atom struct {
	y1, m1, y2, m2 int
	day            int  // day of a date (tDate or "1 сентября"), 0 if none
	years          bool // a bare year or an academic year: "2021", "2022/2023 уч. год"
	from           bool // introduced by "с"/"начиная с": an open range if nothing follows
	// rep is the last year of a span written after the months ("май –
	// сентябрь 2023 – 2025 гг."): the months repeat in each year to it.
	// An int16 keeps the atom in its size.
	rep int16
}

func (a atom) yearless() bool { return a.y1 == 0 }

// item is an atom or a connector between atoms, in text order.
type item struct {
	conn connKind
	a    atom
}

type connKind uint8

const (
	cNone  connKind = iota // the item is an atom
	cRange                 // "-", "по", "до" after "с": the atoms around it bound a range
	cList                  // ",", ";", "и": the atoms around it are listed
)

// parser holds the state of one Parse call: the tokens, the items built
// from them and the flags set by keyword rules.
type parser struct {
	toks   []token
	period plan.Period
	items  []item

	recur       string // plan.Recur* or "every N years"
	whole       bool   // "весь период", "в течение всего срока"
	always      bool   // "постоянно": the whole period unless the text names a time
	inCourse    bool   // "в течение", "на протяжении"
	periodMask  uint16 // month numbers of a yearless period form (учебный год, каникулы, год)
	unsched     bool   // "по плану", "по мере необходимости", ...
	unschedLead bool   // ... and the text starts with it
	pendingFrom bool   // "с" seen, the next atom opens a range
	// edge is +1 after "конец", -1 after "начало": the next atom shrinks to
	// its last or first month. An int8 packs it with the flags above, which
	// keeps the parser (allocated by every Parse) in its size class.
	edge int8
	// bad is set when the text names a date that cannot be: a day its
	// month does not have, or a range ending before it starts; badStart
	// and badEnd hold the first such date's bytes (0, 0 for the whole
	// text).
	bad bool
	// termly: the quarterly recurrence is by school terms ("1 раз в
	// четверть"), due at the end of each: October, December, March, May.
	termly bool
	// afterQuarter: the quarterly recurrence is due in the month after
	// each quarter ("месяца, следующего за отчетным кварталом").
	afterQuarter bool
	// onward: "далее ежеквартально (ежемесячно)" after a date repeats from
	// it to the end of the period.
	onward bool
	// openItem and openTok are 1 + the item count and the token index at
	// the last "(" (0: none open, or too far into a long text), for the
	// qualifier rule at ")"; bytes, which keep the parser in its size class.
	openItem, openTok uint8
	badStart, badEnd  int32
	typos             *typoState // set only when some word was corrected
}

// markBad records an impossible date at text[start:end] (the first wins).
func (p *parser) markBad(start, end int) {
	if !p.bad {
		p.bad, p.badStart, p.badEnd = true, int32(start), int32(end)
	}
}

// maskRange sets month numbers from..to, wrapping past December.
func maskRange(from, to int) uint16 {
	if from < 1 || from > 12 || to < 1 || to > 12 {
		return 0
	}
	var m uint16
	for i := from; ; i = i%12 + 1 {
		m |= 1 << (i - 1)
		if i == to {
			return m
		}
	}
}

const (
	maskAll      uint16 = 1<<12 - 1
	maskAcademic        = uint16(1<<8|1<<9|1<<10|1<<11) | 1<<0 | 1<<1 | 1<<2 | 1<<3 | 1<<4 // Sep..May
	maskSummer          = uint16(1<<5 | 1<<6 | 1<<7)                                       // Jun..Aug
	maskSpring          = uint16(1<<2 | 1<<3 | 1<<4)                                       // Mar..May
	maskAutumn          = uint16(1<<8 | 1<<9 | 1<<10)                                      // Sep..Nov
	maskWinter          = uint16(1<<11 | 1<<0 | 1<<1)                                      // Dec..Feb
)

func (p *parser) word(i int) string {
	if i >= 0 && i < len(p.toks) && p.toks[i].kind == tWord {
		return p.toks[i].text
	}
	return ""
}

func (p *parser) kind(i int) (tokKind, bool) {
	if i >= 0 && i < len(p.toks) {
		return p.toks[i].kind, true
	}
	return 0, false
}

func (p *parser) use(from, to int) {
	for i := max(from, 0); i < to && i < len(p.toks); i++ {
		p.toks[i].used = true
	}
}

func (p *parser) emit(a atom) {
	a.from = a.from || p.pendingFrom
	p.pendingFrom = false
	switch p.edge {
	case 1:
		a.y1, a.m1 = a.y2, a.m2
		a.years = false
	case -1:
		a.y2, a.m2 = a.y1, a.m1
		a.years = false
	}
	p.edge = 0
	p.items = append(p.items, item{a: a})
}

func (p *parser) connect(c connKind) {
	p.items = append(p.items, item{conn: c})
}

// lastIsAtom reports whether the latest item is an atom, so that a
// following "по" or "до" bounds a range rather than starting a qualifier.
func (p *parser) lastIsAtom() bool {
	return len(p.items) > 0 && p.items[len(p.items)-1].conn == cNone
}

// scanUnscheduled flags the phrases that put an activity on some other
// schedule: "по мере необходимости", "по (отдельному|утвержденному) плану",
// "по графику", "в соответствии с ...", "согласно ...". It consumes no
// token: when a date is found as well, the phrase becomes the note.
func (p *parser) scanUnscheduled() {
	first := -1
	for i, t := range p.toks {
		if t.kind == tWord {
			first = i
			break
		}
	}
	for i := range p.toks {
		w := p.word(i)
		hit := false
		switch w {
		case "по":
			n := p.word(i + 1)
			for _, c := range unscheduledCues {
				if strings.HasPrefix(n, c.stem) || p.abbrevAt(i+1, c.stem, len("отд")) {
					hit = true // "по отд. плану", "по необх."
				}
			}
			// "по итогам (результатам) проведения олимпиады", "по
			// окончании курсов", "по итогам мониторинга": after an event,
			// not at the end of a time ("по итогам года" is read by
			// ruleConnector).
			hit = hit || (strings.HasPrefix(n, "итог") || strings.HasPrefix(n, "результат") || strings.HasPrefix(n, "окончани") ||
				strings.HasPrefix(n, "завершени")) && p.word(i+2) != "" && !p.timeAt(i+2)
		case "согласно":
			hit = true
		case "в":
			n := p.word(i + 1)
			hit = n == "соответствии" || n == "случае" || p.setTerms(i+1)
		case "при":
			hit = strings.HasPrefix(p.word(i+1), "необходим")
		case "с", "со":
			hit = strings.HasPrefix(p.word(i+1), "момент") // "с момента получения"
		case "после":
			// "после получения результатов", "в течение 10 дней после
			// проведения мероприятия": counted from an event.
			hit = p.eventAt(i + 1)
		case "за":
			// "за 2 недели до начала ГИА", "за месяц до проведения":
			// counted back from an event.
			hit = p.beforeEvent(i + 1)
		}
		if hit {
			if p.typos != nil { // a corrected word may be the one read here
				p.typos.cues = append(p.typos.cues, i, i+1)
			}
			p.unsched = true
			if i == first {
				p.unschedLead = true
			}
		}
	}
}

// eventAt reports an event named at token i: a verbal noun
// ("проведения", "получения", "утверждения", "поступления") that no time
// word follows. A time counted from it is no fixed deadline.
func (p *parser) eventAt(i int) bool {
	w := p.word(i)
	if !strings.HasSuffix(w, "ния") && !strings.HasSuffix(w, "тия") {
		return false
	}
	for j := i + 1; j < len(p.toks) && j <= i+3; j++ {
		if p.timeAt(j) {
			return false
		}
	}
	return true
}

// timeAt reports a time named at token i: a time atom, or a word for a
// year, school year, term, quarter, half-year or month, or "каждый" before
// one ("по итогам каждой четверти").
func (p *parser) timeAt(i int) bool {
	n := p.word(i)
	return p.startsAtom(i) || isYearNoun(n) || isAcademicWord(n) || isTermWord(n) || isQuarterWord(n) || isHalfWord(n) ||
		strings.HasPrefix(n, "месяц") || strings.HasPrefix(n, "кажд") || n == "всего" || n == "весь"
}

// beforeEvent reports "N недели (дней, месяц) до <event>" at token i,
// after "за": a time counted back from an event that names no date.
func (p *parser) beforeEvent(i int) bool {
	if k, ok := p.kind(i); ok && k == tNum {
		i++
	}
	if u := p.word(i); !strings.HasPrefix(u, "дн") && !strings.HasPrefix(u, "день") && !strings.HasPrefix(u, "недел") &&
		!strings.HasPrefix(u, "месяц") && !strings.HasPrefix(u, "час") {
		return false
	}
	if p.word(i+1) != "до" {
		return false
	}
	for j := i + 2; j < len(p.toks); j++ {
		if n := p.word(j); p.startsAtom(j) || isYearNoun(n) || isAcademicWord(n) {
			return false
		}
	}
	return true
}

// setTerms reports "сроки, установленные ...", "срок, определенный ...",
// "установленные сроки", "сроки проведения ...", "день (период)
// проведения ..." at token i (after "в"): the activity keeps a schedule
// someone else sets.
func (p *parser) setTerms(i int) bool {
	w := p.word(i)
	if strings.HasPrefix(w, "установлен") || strings.HasPrefix(w, "определен") || strings.HasPrefix(w, "утвержден") {
		return strings.HasPrefix(p.word(i+1), "срок")
	}
	if w == "день" || w == "дни" || strings.HasPrefix(w, "период") {
		return strings.HasPrefix(p.word(i+1), "проведени")
	}
	if !strings.HasPrefix(w, "срок") {
		return false
	}
	j := i + 1
	if k, ok := p.kind(j); ok && k == tSep {
		j++
	}
	for _, stem := range setTermsStems {
		if strings.HasPrefix(p.word(j), stem) {
			return true
		}
	}
	return false
}

// setTermsStems are the words after "в сроки" that hand the schedule to
// someone else: установленные, определенные, утвержденные, предусмотренные
// (by a body, a timetable or a regulation), проведения (of an event).
var setTermsStems = []string{"установлен", "определен", "утвержден", "предусмотрен", "проведени", "согласно"}

// rule tries to read a construct at token i and returns how many tokens it
// consumed (0: not this rule).
type rule func(p *parser, i int) int

// rules are tried in order at every token.
var rules = []rule{
	(*parser).ruleRecurrence,
	(*parser).ruleYears,
	(*parser).ruleDayMonth,
	(*parser).ruleMonth,
	(*parser).ruleDate,
	(*parser).ruleQuarter,
	(*parser).ruleHolidays,
	(*parser).ruleAcademic,
	(*parser).ruleWhole,
	(*parser).ruleYearNoun,
	(*parser).ruleConnector,
}

func (p *parser) run() {
	p.scanUnscheduled()
	for i := 0; i < len(p.toks); {
		if p.toks[i].used {
			i++
			continue
		}
		n := 0
		for _, r := range rules {
			if n = r(p, i); n > 0 {
				break
			}
		}
		if n == 0 {
			n = 1
		}
		i += n
	}
}

// ruleRecurrence reads ежегодно / далее ежегодно / ежеквартально /
// ежемесячно / каждый год / "N раз(а) в M года (лет)".
func (p *parser) ruleRecurrence(i int) int {
	w := p.word(i)
	set := func(r string) {
		if p.recur == "" || p.recur == plan.RecurYearly && r != plan.RecurYearly {
			p.recur = r
		}
	}
	switch {
	case strings.HasPrefix(w, "ежегодн") || p.abbrevAt(i, "ежегодн", len("ежег")):
		set(plan.RecurYearly)
		for j := i - 1; j >= 0 && j >= i-3; j-- {
			if p.word(j) == "далее" || p.word(j) == "затем" || p.word(j) == "потом" {
				p.use(j, j+1) // "далее ежегодно" means what "ежегодно" does after a date
			}
		}
		p.use(i, i+1)
		return 1
	case strings.HasPrefix(w, "ежеквартальн") || p.abbrevAt(i, "ежеквартальн", len("ежекв")):
		set(plan.RecurQuarterly)
		p.onward = p.onward || p.thenBefore(i)
		p.use(i, i+1)
		return 1
	case strings.HasPrefix(w, "ежемесячн"), strings.HasPrefix(w, "еженедельн"), strings.HasPrefix(w, "ежедневн"),
		p.abbrevAt(i, "ежемесячн", len("ежемес")), p.abbrevAt(i, "еженедельн", len("еженед")):
		set(plan.RecurMonthly)
		p.onward = p.onward || p.thenBefore(i)
		p.use(i, i+1)
		return 1
	case (isTermWord(w) || isHalfWord(w) || isQuarterWord(w) || strings.HasPrefix(w, "месяц")) && endWord(p.word(i-1)):
		// "по итогам четверти", "в конце четверти", "по итогам
		// полугодия", "по окончании квартала": at the end of each.
		p.endOfEach(w)
		from := i - 1
		if w := p.word(i - 2); w == "по" || w == "в" {
			from--
		}
		p.use(from, i+1)
		return 1
	case isQuarterWord(w) && strings.HasPrefix(p.word(i-1), "месяц"):
		// "до 20 числа последнего месяца квартала": every quarter
		set(plan.RecurQuarterly)
		from := i - 1
		if strings.HasPrefix(p.word(from-1), "последн") || strings.HasPrefix(p.word(from-1), "перв") {
			from--
		}
		p.use(p.dayBefore(from), i+1)
		return 1
	case strings.HasPrefix(w, "следующ") && p.word(i+1) == "за":
		return p.ruleAfterReport(i)
	case w == "по" && weekdaysPlural[p.word(i+1)]:
		// "по четвергам": weekly, read as monthly as "еженедельно" is;
		// the day stays in the note ("еженедельно, по понедельникам").
		set(plan.RecurMonthly)
		return 2
	case strings.HasPrefix(w, "кажд"):
		n := p.word(i + 1)
		switch {
		case isYearNoun(n):
			set(plan.RecurYearly)
		case isQuarterWord(n) || isTermWord(n):
			set(plan.RecurQuarterly)
			p.termly = isTermWord(n)
		case isHalfWord(n):
			p.endOfEach(n)
		case strings.HasPrefix(n, "месяц"), isWeekday(n), strings.HasPrefix(n, "недел"):
			set(plan.RecurMonthly) // weekly is read as monthly, as "еженедельно" is
		default:
			return 0
		}
		p.use(i, i+2)
		return 2
	}
	// [N] раз(а) в [M] год/года/лет/квартал/месяц/полугодие
	j := i
	if k, _ := p.kind(j); k == tNum && p.word(j+1) != "" && strings.HasPrefix(p.word(j+1), "раз") {
		j++
	}
	if w := p.word(j); w != "раз" && w != "раза" {
		return 0
	}
	j++
	if p.word(j) != "в" && p.word(j) != "во" {
		return 0
	}
	j++
	every := 1
	if k, ok := p.kind(j); ok && k == tNum && p.toks[j].n >= 1 && p.toks[j].n <= 50 {
		every = p.toks[j].n
		j++
	} else if n := cardinalOf(p.word(j)); n > 0 {
		every = n
		j++
	}
	u := p.word(j)
	switch {
	case isYearNoun(u) || u == "лет":
		if every > 1 {
			p.recur = fmt.Sprintf("every %d years", every)
		} else {
			set(plan.RecurYearly)
		}
	case isHalfWord(u):
		set(plan.RecurYearly)
	case isQuarterWord(u) || isTermWord(u):
		set(plan.RecurQuarterly)
		p.termly = isTermWord(u)
	case strings.HasPrefix(u, "месяц"), strings.HasPrefix(u, "недел"):
		set(plan.RecurMonthly) // weekly is read as monthly, as "еженедельно" is
	default:
		return 0
	}
	p.use(i, j+1)
	return j + 1 - i
}

// abbrevAt reports the word at token i cut short of the stem it begins,
// as narrow columns write it ("ежекв.", "ежемес.", "по отд. плану", "по
// необх."): at least min bytes of it, not the whole stem, and not a word
// a page break cut that the next token completes ("По мер" + "е
// необходимости", rejoined by the normalizer).
func (p *parser) abbrevAt(i int, stem string, min int) bool {
	w := p.word(i)
	return len(w) >= min && len(w) < len(stem) && strings.HasPrefix(stem, w) &&
		!strings.HasPrefix(p.word(i+1), stem[len(w):])
}

// thenBefore reports "далее" (затем, потом) within the three words
// before token i, and marks it read: "до 01.10.2024, далее
// ежеквартально".
func (p *parser) thenBefore(i int) bool {
	for j := i - 1; j >= 0 && j >= i-3; j-- {
		if w := p.word(j); w == "далее" || w == "затем" || w == "потом" {
			p.use(j, j+1)
			return true
		}
	}
	return false
}

// endWord is the word before a period that puts a deadline at its end:
// "по итогам", "по окончании", "в конце", "по завершении".
func endWord(w string) bool {
	for _, stem := range []string{"итог", "окончан", "конц", "конец", "завершени"} {
		if strings.HasPrefix(w, stem) {
			return true
		}
	}
	return false
}

// endOfEach reads "по итогам <unit>" for a unit named without a number:
// each school term or calendar quarter recurs quarterly at its end, each
// month monthly, and each half-year yearly at its ends (June and December;
// in a plan of school years December and May).
func (p *parser) endOfEach(unit string) {
	switch {
	case isTermWord(unit), isQuarterWord(unit):
		if p.recur == "" || p.recur == plan.RecurYearly {
			p.recur = plan.RecurQuarterly
		}
		p.termly = p.termly || isTermWord(unit)
	case strings.HasPrefix(unit, "месяц"):
		if p.recur == "" || p.recur == plan.RecurYearly {
			p.recur = plan.RecurMonthly
		}
	default: // a half-year: twice a year, recurring as a term is
		if p.recur == "" {
			p.recur = plan.RecurYearly
		}
		ends := [2]int{6, 12}
		if !p.period.IsZero() && p.period.From.Num() == 9 {
			ends = [2]int{12, 5}
		}
		p.edge = 0
		p.emit(atom{m1: ends[0], m2: ends[0]})
		p.connect(cList)
		p.emit(atom{m1: ends[1], m2: ends[1]})
	}
}

// ruleAfterReport reads "(не позднее 10 числа) месяца, следующего за
// отчетным кварталом (месяцем, годом)": a report due after each reporting
// period, so recurring with that period. After a quarter the months are
// those that follow the quarters' ends (January, April, July, October).
// The day and "месяца" before it are part of the phrase, not a note.
func (p *parser) ruleAfterReport(i int) int {
	j := i + 2
	reporting := false
	if w := p.word(j); strings.HasPrefix(w, "отчетн") || strings.HasPrefix(w, "истекш") {
		j++
		reporting = true
	}
	u := p.word(j)
	head := i - 1
	if k, _ := p.kind(head); k == tSep {
		head--
	}
	if unit := isQuarterWord(u) || strings.HasPrefix(u, "месяц") || isYearNoun(u) || isHalfWord(u) || strings.HasPrefix(u, "период"); reporting && !unit && strings.HasPrefix(p.word(head), "месяц") {
		// "месяца, следующего за отчетным": the noun left out is the
		// one named before it, the month.
		u, j = "месяц", j-1
	}
	switch {
	case isQuarterWord(u):
		if p.recur == "" || p.recur == plan.RecurYearly || p.recur == plan.RecurQuarterly {
			p.recur = plan.RecurQuarterly
			p.afterQuarter = true
		}
	case strings.HasPrefix(u, "месяц"):
		switch {
		case p.recur == "" || p.recur == plan.RecurYearly:
			p.recur = plan.RecurMonthly
		case p.recur == plan.RecurQuarterly && !p.termly:
			// "ежеквартально, до 10 числа месяца, следующего за
			// отчетным": the reporting period is the quarter.
			p.afterQuarter = true
		}
	case isYearNoun(u) || isHalfWord(u):
		if p.recur == "" {
			p.recur = plan.RecurYearly
		}
	case strings.HasPrefix(u, "период"):
		// "за отчетным периодом": the period is not named; reports are
		// quarterly (DOMAIN.md), so read as after each quarter.
		if p.recur == "" || p.recur == plan.RecurYearly || p.recur == plan.RecurQuarterly {
			p.recur = plan.RecurQuarterly
			p.afterQuarter = true
		}
	default:
		return 0
	}
	from := i
	if k, _ := p.kind(from - 1); k == tSep {
		from--
	}
	if strings.HasPrefix(p.word(from-1), "месяц") {
		from = p.dayBefore(from - 1)
	}
	p.use(from, j+1)
	return j + 1 - i
}

// dayBefore extends a phrase starting at token from over the day of the
// month written before it ("10 числа" of "10 числа месяца, ...", "5-го
// числа").
func (p *parser) dayBefore(from int) int {
	if strings.HasPrefix(p.word(from-1), "числ") {
		from--
		if d := p.dayAt(from - 1); d >= 0 {
			from = d
		}
	}
	return from
}

// dayAt returns the index of the day of the month that ends at token
// end ("10", or "5" of "5-го"), -1 when there is none.
func (p *parser) dayAt(end int) int {
	if k, _ := p.kind(end - 1); k == tDash && ordinalSuffix(p.word(end)) {
		end -= 2
	}
	if k, _ := p.kind(end); k == tNum && p.toks[end].n >= 1 && p.toks[end].n <= 31 {
		return end
	}
	return -1
}

// bareDay reports a day of the month named with no month ("ежеквартально
// до 10 числа"): a quarterly report is then due on that day of the month
// after each quarter, as "10 числа месяца, следующего за кварталом" is.
// "до 20 числа последнего месяца квартала" names its month.
func (p *parser) bareDay() bool {
	for i, t := range p.toks {
		if t.used || t.kind != tWord || !strings.HasPrefix(t.text, "числ") || p.dayAt(i-1) < 0 {
			continue
		}
		next := p.word(i + 1)
		if next == "" || !(strings.HasPrefix(next, "месяц") || strings.HasPrefix(next, "последн") ||
			strings.HasPrefix(next, "перв") || strings.HasPrefix(next, "кажд") || monthOf(next) > 0 || isQuarterWord(next)) {
			return true
		}
	}
	return false
}

// yearAt reads a year number at token i, returning it and the index after
// it and any "г."/"года" that follows.
func (p *parser) yearAt(i int) (int, int) {
	if k, ok := p.kind(i); !ok || k != tNum || len(p.toks[i].text) != 4 || !isYear(p.toks[i].n) {
		return 0, i
	}
	y := p.toks[i].n
	i++
	if yearWord(p.word(i)) {
		i++
	}
	return y, i
}

// ruleYears reads "2021", "2021 г.", "2021-2022 гг." (as two atoms and a
// range connector) and the academic years "2022-2023 уч. год",
// "2022/2023 учебный год", "2021-2024 учебные годы" (September of the
// first year to August of the last).
func (p *parser) ruleYears(i int) int {
	y1, j := p.yearAt(i)
	if y1 == 0 {
		return 0
	}
	// An academic year: Y1 [-/] Y2 [гг.] уч(ебный) год, the second year
	// possibly in two digits ("2021/22 уч. г."). In a list of them the
	// word comes once, after the last: "2023-2024, 2024-2025 учебные
	// годы", "в течение 2023/2024, 2024/2025 учебных годов".
	if y2, l := p.yearPair(i); y2 != 0 {
		if isAcademicWord(p.word(l)) {
			l = p.academicTail(l + 1)
			p.emitSchoolYears(y1, max(y2, y1+1))
			p.use(i, l)
			return l - i
		}
		if y2 == y1+1 && p.schoolYearList(l) {
			p.emitSchoolYears(y1, y2)
			p.use(i, l)
			return l - i
		}
	}
	if isAcademicWord(p.word(j)) { // "2021 учебный год": the year it starts
		l := p.academicTail(j + 1)
		p.emitSchoolYears(y1, y1+1)
		p.use(i, l)
		return l - i
	}
	p.emit(atom{y1: y1, m1: 1, y2: y1, m2: 12, years: true})
	p.use(i, j)
	return j - i
}

// yearPair reads "Y1-Y2", "Y1/Y2" or "Y1/YY" (no space before the
// separator) at token i: the second year (0 if there is none, or it is
// before the first) and the index after it and its "гг.".
func (p *parser) yearPair(i int) (int, int) {
	y1, j := p.yearAt(i)
	if k, ok := p.kind(j); y1 == 0 || !ok || k != tDash && k != tSlash || j != i+1 {
		return 0, i
	}
	y2, l := p.yearAt(j + 1)
	if k2, ok := p.kind(j + 1); y2 == 0 && ok && k2 == tNum && len(p.toks[j+1].text) == 2 {
		y2, l = y1/100*100+p.toks[j+1].n, j+2
		if yearWord(p.word(l)) {
			l++
		}
	}
	if y2 < y1 {
		return 0, i
	}
	return y2, l
}

// schoolYearList reports whether the tokens from i are the rest of a
// list of year pairs that ends in "учебные годы": ", 2024-2025 уч. гг.".
func (p *parser) schoolYearList(i int) bool {
	for {
		if k, ok := p.kind(i); !ok || k != tSep && p.word(i) != "и" {
			return false
		}
		y2, l := p.yearPair(i + 1)
		if y2 == 0 {
			return false
		}
		if isAcademicWord(p.word(l)) {
			return true
		}
		i = l
	}
}

// schoolYearAt reads a school year "2024-2025 учебного года", "2024/25
// уч. г." at token i: its first year (0 if there is none) and the index
// after it.
func (p *parser) schoolYearAt(i int) (int, int) {
	y2, l := p.yearPair(i)
	if y2 == 0 || !isAcademicWord(p.word(l)) {
		return 0, i
	}
	return p.toks[i].n, p.academicTail(l + 1)
}

// emitSchoolYears emits the school years from September of y1 to May of
// y2, each September to May: a deadline naming a school year means its
// teaching months, the summer after it is not in it (a plan's period
// "на 2021/2022 учебный год" is read by the title's rules, which keep the
// summer). "2021-2024 учебные годы" is three school years, listed.
func (p *parser) emitSchoolYears(y1, y2 int) {
	if y2-y1 > 10 {
		y2 = y1 + 10 // no plan runs longer; a typo must not emit a century
	}
	for y := y1; y < y2; y++ {
		if y > y1 {
			p.connect(cList)
		}
		p.emit(atom{y1: y, m1: 9, y2: y + 1, m2: 5, years: true})
	}
}

// academicTail skips the "год"/"г."/"годы" after "учебный".
func (p *parser) academicTail(l int) int {
	if w := p.word(l); yearWord(w) || strings.HasPrefix(w, "год") {
		l++
	}
	return l
}

// ruleDayMonth reads "1 сентября 2022 г.", "15 декабря".
func (p *parser) ruleDayMonth(i int) int {
	k, _ := p.kind(i)
	if k != tNum || p.toks[i].n < 1 || p.toks[i].n > 31 || len(p.toks[i].text) > 2 {
		return 0
	}
	m := monthOf(p.word(i + 1))
	if m == 0 {
		return 0
	}
	d := p.toks[i].n
	y, j := p.yearAt(i + 2)
	if y != 0 && !validDay(y, m, d) || y == 0 && d > daysIn(2000, m) {
		p.markBad(p.toks[i].start, p.toks[j-1].end)
		return 0
	}
	p.useFirstDay(i)
	p.emit(atom{y1: y, m1: m, y2: y, m2: m, day: d})
	p.use(i, j)
	return j - i
}

// ruleMonth reads a month name with an optional year: "сентябрь",
// "сентября 2021 г.", "сент. 2021".
func (p *parser) ruleMonth(i int) int {
	m := monthOf(p.word(i))
	if m == 0 {
		return 0
	}
	// "май 2024/2025 учебного года": the month of that school year.
	if sy, j := p.schoolYearAt(i + 1); sy != 0 {
		if m < 9 {
			sy++
		}
		p.emit(atom{y1: sy, m1: m, y2: sy, m2: m})
		p.use(i, j)
		return j - i
	}
	y, j := p.yearAt(i + 1)
	if y == 0 {
		j = i + 1
	}
	a := atom{y1: y, m1: m, y2: y, m2: m}
	if y != 0 && j == i+2 {
		var rep int
		rep, j = p.repeatYears(j, y)
		a.rep = int16(rep)
	}
	p.emit(a)
	p.use(i, j)
	return j - i
}

// repeatYears reads "– 2025 гг." at token j, right after a year y that
// follows months or a quarter ("июнь-август 2024-2026 гг.", "III кв.
// 2024-2025 гг."): a span of years over which those months repeat. It
// returns the span's last year (0 if there is none) and the index after
// it. A school year ("сентябрь 2024-2025 учебного года") is no such span.
func (p *parser) repeatYears(j, y int) (int, int) {
	if k, ok := p.kind(j); !ok || k != tDash {
		return 0, j
	}
	y2, l := p.yearAt(j + 1)
	if y2 <= y || y2-y > 10 || isAcademicWord(p.word(l)) || monthOf(p.word(l)) > 0 {
		return 0, j
	}
	return y2, l
}

// useFirstDay marks the first day of a range of days written before the
// day at token i ("1-10 сентября", "с 01 по 10.09.2024", "12 - 13
// декабря") as read: the month is the later day's, and a bare "1" is no
// qualifier.
func (p *parser) useFirstDay(i int) {
	j := i - 1
	if k, ok := p.kind(j); !ok || k != tDash && p.word(j) != "по" {
		return
	}
	if k, _ := p.kind(j - 1); k == tNum && !p.toks[j-1].used && p.toks[j-1].n >= 1 && p.toks[j-1].n <= 31 && len(p.toks[j-1].text) <= 2 {
		p.use(j-1, j+1)
		// the range connector the dash made has no atom before it
		if n := len(p.items); n > 0 && p.items[n-1].conn == cRange && (n == 1 || p.items[n-2].conn != cNone) {
			p.items = p.items[:n-1]
		}
	}
}

// ruleDate reads 01.09.2022 and 09.2021.
func (p *parser) ruleDate(i int) int {
	t := p.toks[i]
	if t.kind != tDate {
		return 0
	}
	if t.day > 0 {
		p.useFirstDay(i)
	}
	j := i + 1
	if yearWord(p.word(j)) {
		j++
	}
	p.emit(atom{y1: t.year, m1: t.mon, y2: t.year, m2: t.mon, day: t.day})
	p.use(i, j)
	return j - i
}

// numeralAt reads a quarter or half-year number: 1, I, первый, "1-й".
func (p *parser) numeralAt(i int) (int, int) {
	if i >= len(p.toks) {
		return 0, i
	}
	t := p.toks[i]
	n := 0
	switch t.kind {
	case tNum:
		if len(t.text) == 1 {
			n = t.n
		}
	case tWord:
		if n = romanOf(t.text); n == 0 {
			n = ordinalOf(t.text)
		}
	}
	if n < 1 || n > 4 {
		return 0, i
	}
	i++
	if k, ok := p.kind(i); ok && k == tDash && ordinalSuffix(p.word(i+1)) {
		i += 2
	}
	return n, i
}

// ruleQuarter reads "I квартал 2023 г.", "2 квартал", "IV кв. 2022",
// "II-III квартал 2022 г.", "I и II кварталы", "первое полугодие 2022",
// "II полугодие". Each numeral becomes an atom, joined by the connectors
// written between them; the year written after the word applies to the
// last and reaches the others through year inference.
func (p *parser) ruleQuarter(i int) int {
	type num struct{ n, at int }
	var nums []num
	var conns []connKind
	j := i
	for {
		n, next := p.numeralAt(j)
		if n == 0 {
			return 0
		}
		nums = append(nums, num{n, j})
		j = next
		k, ok := p.kind(j)
		if !ok {
			return 0
		}
		switch {
		case k == tDash:
			conns = append(conns, cRange)
		case k == tSep || p.word(j) == "и":
			conns = append(conns, cList)
		default:
			goto word
		}
		j++
	}
word:
	w := p.word(j)
	size := 0
	switch {
	case isQuarterWord(w):
		size = 3
	case isHalfNoun(w):
		size = 6
	case isTermWord(w):
		size = -1 // a school term: its months below
	default:
		return 0
	}
	for _, n := range nums {
		if size == 6 && n.n > 2 {
			return 0
		}
	}
	// A half-year or term of a named school year ("1 полугодие 2024-2025
	// учебного года", "I четверть 2024/2025 уч. года") is that school
	// year's: its months from September in the first year, the rest in
	// the second.
	sy, end := p.schoolYearAt(j + 1)
	y, rep := 0, 0
	if sy == 0 {
		if y, end = p.yearAt(j + 1); y == 0 {
			end = j + 1
		} else if end == j+2 {
			rep, end = p.repeatYears(end, y)
		}
	}
	// "II полугодие учебного года", "I четверть уч. года": a half or a
	// term of the school year, without its years; in a plan of calendar
	// years, of each school year.
	ofSchoolYear := false
	if sy == 0 && y == 0 && isAcademicWord(p.word(j+1)) {
		if t := p.academicTail(j + 2); t > j+2 {
			ofSchoolYear, end = true, t
		}
	}
	// In a plan of school years a half-year without a year is the school
	// year's: I is September to December, II January to May.
	school := sy != 0 || ofSchoolYear || y == 0 && !p.period.IsZero() && p.period.From.Num() == 9
	edge := p.edge // "по итогам I, II полугодия": the end of each
	for k, n := range nums {
		if k > 0 {
			p.connect(conns[k-1])
			if conns[k-1] == cList {
				p.edge = edge
			}
		}
		a := atom{m1: (n.n-1)*size + 1, m2: n.n * size}
		switch {
		case size < 0:
			a.m1, a.m2 = schoolTerms[n.n-1][0], schoolTerms[n.n-1][1]
		case size == 6 && school:
			a.m1, a.m2 = schoolHalves[n.n-1][0], schoolHalves[n.n-1][1]
		}
		switch {
		case sy != 0:
			a.y1, a.y2 = sy, sy
			if a.m1 < 9 {
				a.y1 = sy + 1
			}
			if a.m2 < 9 {
				a.y2 = sy + 1
			}
		case k == len(nums)-1:
			a.y1, a.y2, a.rep = y, y, int16(rep)
		}
		p.emit(a)
	}
	p.use(i, end)
	return end - i
}

// schoolTerms are the months of the four school terms (четверти): I
// September-October, II November-December, III January-March, IV
// April-May; schoolHalves those of a school year's halves.
var (
	schoolTerms  = [4][2]int{{9, 10}, {11, 12}, {1, 3}, {4, 5}}
	schoolHalves = [2][2]int{{9, 12}, {1, 5}}
)

// ruleHolidays reads "каникулы", "в период каникул", "каникулярный
// период" (June to August) and the shorter holidays: осенние (November),
// зимние (January), весенние (March), летние (June to August). "Летний
// период", "летнее время", "летом" are the summer months too, not the
// whole period that "в течение ... периода" would otherwise make of them.
func (p *parser) ruleHolidays(i int) int {
	w := p.word(i)
	switch w {
	case "летом", "лето":
		return p.holidaysIn(i, i+1, maskSummer)
	case "весна", "весной", "весну", "весны":
		return p.holidaysIn(i, i+1, maskSpring)
	case "осень", "осенью", "осени":
		return p.holidaysIn(i, i+1, maskAutumn)
	case "зима", "зимой", "зиму", "зимы":
		return p.winterIn(i, i+1)
	}
	season := strings.HasPrefix(w, "летн") || strings.HasPrefix(w, "весенн") || strings.HasPrefix(w, "осенн") || strings.HasPrefix(w, "зимн")
	n := ""
	if season {
		n = p.word(i + 1)
	}
	seasonNoun := season && (strings.HasPrefix(n, "период") || strings.HasPrefix(n, "врем") || strings.HasPrefix(n, "месяц"))
	switch {
	case strings.HasPrefix(w, "летн") && (seasonNoun || strings.HasPrefix(n, "оздоров") || strings.HasPrefix(n, "кампан") ||
		strings.HasPrefix(n, "отдых") || strings.HasPrefix(n, "смен")):
		// "летний период", "(в период) летней оздоровительной кампании",
		// "летние смены"
		end := i + 2
		if strings.HasPrefix(p.word(end), "кампан") {
			end++
		}
		if strings.HasPrefix(p.word(i-1), "период") {
			p.use(i-1, i)
		}
		return p.holidaysIn(i, end, maskSummer)
	case strings.HasPrefix(w, "весенн") && seasonNoun:
		return p.holidaysIn(i, i+2, maskSpring)
	case strings.HasPrefix(w, "осенн") && seasonNoun:
		return p.holidaysIn(i, i+2, maskAutumn)
	case strings.HasPrefix(w, "зимн") && seasonNoun:
		return p.winterIn(i, i+2)
	}
	if !strings.HasPrefix(w, "каникул") {
		return 0
	}
	var m uint16
	for j := i - 1; j >= 0 && j >= i-5; j-- {
		switch v := p.word(j); {
		case strings.HasPrefix(v, "летн"):
			m |= maskSummer
		case strings.HasPrefix(v, "осенн"):
			m |= 1 << 10
		case strings.HasPrefix(v, "зимн"):
			m |= 1 << 0
		case strings.HasPrefix(v, "весенн"):
			m |= 1 << 2
		case strings.HasPrefix(v, "период") && j == i-2:
			// "в период осенних каникул"
		default:
			continue
		}
		p.use(j, j+1)
	}
	if m == 0 {
		m = maskSummer
	}
	end := i + 1
	if strings.HasPrefix(p.word(end), "период") {
		end++
	}
	if j := i - 1; strings.HasPrefix(p.word(j), "период") {
		p.use(j, i)
	}
	return p.holidaysIn(i, end, m)
}

// holidaysIn records the holiday months mask read from tokens i..end: in
// every year of the period, or, when a year follows ("летний период 2024
// г.", "летние каникулы 2023 года"), in that year only; after a school
// year ("осенние каникулы 2022-2023 учебного года") the autumn is in its
// first year, the rest in its second.
func (p *parser) holidaysIn(i, end int, mask uint16) int {
	y, next := p.yearAt(end)
	if y == 0 {
		p.periodMask |= mask
		p.use(i, end)
		return end - i
	}
	school, last := false, y
	if k, ok := p.kind(next); ok && (k == tDash || k == tSlash) {
		y2, l := p.yearAt(next + 1)
		switch {
		case y2 == y+1 && isAcademicWord(p.word(l)):
			school, next = true, p.academicTail(l+1)
		case y2 > y && y2-y <= 10: // "летние каникулы 2022-2023 гг.": each year's
			last, next = y2, l
		default:
			p.periodMask |= mask
			p.use(i, end)
			return end - i
		}
	} else if isAcademicWord(p.word(next)) {
		school, next = true, p.academicTail(next+1)
	}
	first := true
	for ; y <= last; y++ {
		first = p.emitMask(y, mask, school, first)
	}
	p.use(i, next)
	return next - i
}

// winterIn reads the winter named at tokens i..end: December to February.
// Winter spans the new year, so "зима 2024-2025" is December 2024 to
// February 2025; with one year ("зимний период 2025 г.") it is the winter
// months of that calendar year, without a year every year's.
func (p *parser) winterIn(i, end int) int {
	y, _ := p.yearAt(end)
	if y2, l := p.yearPair(end); y != 0 && y2 == y+1 {
		if isAcademicWord(p.word(l)) {
			l = p.academicTail(l + 1)
		}
		p.emit(atom{y1: y, m1: 12, y2: y2, m2: 2})
		p.use(i, l)
		return l - i
	}
	return p.holidaysIn(i, end, maskWinter)
}

// emitMask emits the runs of months of mask in year y (in a school year
// starting in y, the months before September in y+1), listed after what
// was emitted before unless first; it returns first, false once it emitted.
func (p *parser) emitMask(y int, mask uint16, school, first bool) bool {
	for m := 1; m <= 12; m++ {
		if mask&(1<<(m-1)) == 0 || m > 1 && mask&(1<<(m-2)) != 0 {
			continue // not a month of the mask, or not the first of its run
		}
		last := m
		for last < 12 && mask&(1<<last) != 0 {
			last++
		}
		if !first {
			p.connect(cList)
		}
		first = false
		in := y
		if school && m < 9 {
			in = y + 1
		}
		p.emit(atom{y1: in, m1: m, y2: in, m2: last})
	}
	return first
}

// ruleAcademic reads "учебный год" without years: September to May of
// each academic year of the period.
func (p *parser) ruleAcademic(i int) int {
	if w := p.word(i + 1); !isAcademicWord(p.word(i)) || !strings.HasPrefix(w, "год") && w != "г" {
		return 0
	}
	p.use(i, i+2)
	if p.edge != 0 { // конец / начало учебного года: May / September
		p.emit(atom{m1: 9, m2: 5})
		return 2
	}
	p.periodMask |= maskAcademic
	if w := p.word(i - 1); w == "весь" || w == "всего" || w == "целый" || w == "целого" {
		p.use(i-1, i)
	}
	return 2
}

// ruleWhole reads the whole-period forms: "весь период", "в течение всего
// периода", "период реализации", "постоянно", "весь срок".
func (p *parser) ruleWhole(i int) int {
	w := p.word(i)
	switch {
	case w == "весь" || w == "всего" || w == "всем" || w == "все":
		n := p.word(i + 1)
		if strings.HasPrefix(n, "период") || strings.HasPrefix(n, "срок") {
			p.whole = true
			j := i + 2
			if strings.HasPrefix(p.word(j), "реализац") || strings.HasPrefix(p.word(j), "действ") {
				for j++; planWords[p.word(j)]; j++ {
				}
			}
			p.use(i, j)
			return j - i
		}
	case (strings.HasPrefix(w, "период") || strings.HasPrefix(w, "срок")) && strings.HasPrefix(p.word(i+1), "действ"):
		// "на период действия дорожной карты", "в течение срока действия плана"
		p.whole = true
		j := i + 2
		for planWords[p.word(j)] {
			j++
		}
		if w := p.word(i - 1); w == "на" || w == "весь" || w == "всего" {
			p.use(i-1, i)
		}
		p.use(i, j)
		return j - i
	case strings.HasPrefix(w, "период") && strings.HasPrefix(p.word(i+1), "реализац"):
		p.whole = true
		j := i + 2
		for planWords[p.word(j)] {
			j++
		}
		p.use(i, j)
		return j - i
	case strings.HasPrefix(w, "период") && p.inCourse:
		p.whole = true
		p.use(i, i+1)
		return 1
	case w == "постоянно" || w == "непрерывно" || w == "систематически":
		p.always = true
		p.use(i, i+1)
		return 1
	}
	return 0
}

// planWords name the plan itself after "период реализации": they say
// nothing more than the period and are not a note.
var planWords = map[string]bool{"дорожной": true, "карты": true, "программы": true, "комплекса": true, "мер": true,
	"плана": true, "проекта": true, "мероприятий": true, "настоящей": true, "настоящего": true}

// ruleYearNoun reads "год" standing alone after "в течение" or "весь":
// every month of each year.
func (p *parser) ruleYearNoun(i int) int {
	if !isYearNoun(p.word(i)) {
		return 0
	}
	prev := p.word(i - 1)
	if p.edge != 0 { // конец / начало года: December / January
		p.emit(atom{m1: 1, m2: 12})
		p.use(i, i+1)
		return 1
	}
	if !p.inCourse && prev != "весь" && prev != "целый" && prev != "целого" && prev != "всего" {
		return 0
	}
	p.periodMask |= maskAll
	// Only the qualifier itself goes with the noun: any other word before
	// it ("следующего года", or a mistyped "учебонго года") stays unread,
	// for the note or for typo correction.
	from := i
	if prev == "весь" || prev == "целый" || prev == "целого" || prev == "всего" {
		from = i - 1
	}
	p.use(from, i+1)
	return 1
}

// closeQualifier reads the parentheses closed at token i: after a month
// with its year, yearless times in parentheses cannot narrow it and name
// what it follows ("ноябрь 2024 г. (по итогам I четверти)"), so they are
// a qualifier, kept in the note, not more months.
func (p *parser) closeQualifier(i int) {
	from := int(p.openItem) - 1
	p.openItem = 0
	if from < 1 || from >= len(p.items) {
		return
	}
	before := p.items[from-1]
	if before.conn != cNone || before.a.yearless() || before.a.y1 != before.a.y2 || before.a.m1 != before.a.m2 {
		return
	}
	for _, it := range p.items[from:] {
		if it.conn == cNone && !it.a.yearless() {
			return
		}
	}
	p.items = p.items[:from]
	for k := int(p.openTok) + 1; k < i; k++ {
		p.toks[k].used = false
	}
}

// startsAtom reports whether a time atom can start at token i.
func (p *parser) startsAtom(i int) bool {
	if i >= len(p.toks) {
		return false
	}
	t := p.toks[i]
	switch t.kind {
	case tDate:
		return true
	case tNum:
		return isYear(t.n) && len(t.text) == 4 || monthOf(p.word(i+1)) > 0
	case tWord:
		if monthOf(t.text) > 0 {
			return true
		}
		// "I квартал", "I, II полугодие", "II-III кв."
		for n, j := p.numeralAt(i); n > 0; n, j = p.numeralAt(j + 1) {
			if w := p.word(j); isQuarterWord(w) || isHalfNoun(w) {
				return true
			}
			if k, ok := p.kind(j); !ok || k != tSep && k != tDash && p.word(j) != "и" {
				return false
			}
		}
	}
	return false
}

// ruleConnector reads what joins atoms: dashes, "по" and "до" between two
// atoms (ranges), commas and "и" (lists), "с"/"начиная с" before an atom
// (the start of a range), and "в течение" (a period form).
func (p *parser) ruleConnector(i int) int {
	t := p.toks[i]
	switch t.kind {
	case tDash:
		p.connect(cRange)
		p.use(i, i+1)
		return 1
	case tSep:
		p.connect(cList)
		p.use(i, i+1)
		return 1
	case tOpen:
		p.openItem, p.openTok = 0, 0
		if len(p.items) < 255 && i < 256 {
			p.openItem, p.openTok = uint8(len(p.items)+1), uint8(i)
		}
		p.use(i, i+1)
		return 1
	case tClose:
		p.use(i, i+1)
		p.closeQualifier(i)
		return 1
	}
	switch w := t.text; w {
	case "по", "до":
		if p.lastIsAtom() && p.startsAtom(i+1) && (w == "по" || p.items[len(p.items)-1].a.from) {
			p.connect(cRange)
			p.use(i, i+1)
			return 1
		}
		if w == "до" && p.startsAtom(i+1) {
			p.use(i, i+1)
			return 1
		}
	case "и":
		p.connect(cList)
		p.use(i, i+1)
		return 1
	case "с", "со", "начиная", "от":
		j := i + 1
		if w == "начиная" && (p.word(j) == "с" || p.word(j) == "со") {
			j++
		}
		if p.startsAtom(j) {
			p.pendingFrom = true
			p.use(i, j)
			return j - i
		}
	case "течение", "протяжении", "теч":
		if p.word(i-1) == "в" || p.word(i-1) == "на" {
			p.inCourse = true
			p.use(i-1, i+1)
			return 1
		}
	case "не":
		if n := p.word(i + 1); strings.HasPrefix(n, "поздн") || n == "реже" || n == "чаще" {
			p.use(i, i+2)
			return 2
		}
	case "далее", "затем":
		p.use(i, i+1)
		return 1
	case "конец", "конца", "концу", "конце", "окончание", "окончания", "окончании":
		p.edge = 1
		p.use(i, i+1)
		if w := p.word(i - 1); w == "по" || w == "к" {
			p.use(i-1, i) // "по окончании учебного года"
		}
		return 1
	case "итогам", "итогов", "итоги":
		// "по итогам года", "по итогам 2023 года", "по итогам I
		// полугодия": at the end of the period named next; "по итогам
		// мониторинга" names none and is a qualifier.
		n := p.word(i + 1)
		if k, _ := p.kind(i + 1); p.word(i-1) == "по" && (isYearNoun(n) || isAcademicWord(n) || k == tNum || p.startsAtom(i+1)) {
			p.edge = 1
			p.use(i-1, i+1)
			return 1
		}
	case "начало", "начала", "началу", "начале":
		p.edge = -1
		p.use(i, i+1)
		return 1
	}
	return 0
}
