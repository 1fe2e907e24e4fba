package normalize

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/roadmap-tool/roadmap/ingest"
	"github.com/roadmap-tool/roadmap/internal/lazyre"
	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// setTitle fills the title, the municipality, the plan's organisation
// and the period from the lines above the table: an approval stamp above
// the title and amendment lines ("(в ред. постановления ... от
// 13.03.2023 N 245)") are kept apart, not in the title. The municipality
// is looked for in the title, then in the approval lines, then in the
// heading rows above the table header; never in an activity.
func setTitle(p *plan.Plan, lines []ingest.Line, t *ingest.Table, d *plan.Diagnostics) {
	lines, amend := splitAmendments(lines)
	p.Amendments = amend
	preamble, lines := splitPreamble(lines)
	if len(preamble) > 0 {
		p.Approval = headingOf(preamble, "гриф утверждения", d)
		d.Add(preamble[0].Pos, plan.Info, plan.CodeTitlePreamble,
			"гриф утверждения над заголовком не включен в название плана", p.Approval)
	}
	p.Title = headingOf(lines, "название плана", d)
	if p.Title == "" {
		pos := plan.Pos{File: t.Source.Path}
		if len(t.Rows) > 0 {
			pos = t.Rows[0].Pos
		}
		d.Add(pos, plan.Warning, plan.CodeNoTitle, "над таблицей нет заголовка документа: название, муниципалитет и период не определены", "")
	}
	p.Period = parsePeriod(p.Title)
	if p.Period.IsZero() && p.Approval != "" {
		// "Приложение к муниципальной программе «...» на 2024-2026
		// годы" over "Перечень мероприятий подпрограммы": the period
		// the lines above the title name is the plan's.
		if per := parsePeriod(p.Approval); !per.IsZero() {
			p.Period = per
			d.Add(preamble[0].Pos, plan.Info, plan.CodeNoPeriod, fmt.Sprintf(
				"в заголовке не указан период плана; он взят из строк над заголовком: %s – %s",
				per.From.Label(), per.To.Label()), p.Approval)
		}
	}
	if bad := reversedPeriod(p.Title); p.Period.IsZero() && bad != "" && len(lines) > 0 {
		d.Add(lines[0].Pos, plan.Warning, plan.CodeDateImpossible,
			fmt.Sprintf("в заголовке невозможный период «%s»: конец раньше начала; период плана не определен", bad), p.Title)
	}
	p.Organization = organizationOf(p.Title)
	if p.Organization == "" {
		p.Organization = organizationOf(p.Approval)
	}
	for _, src := range []string{p.Title, p.Approval} {
		m, sure := municipalityFromTitle(src)
		if m == "" {
			continue
		}
		p.Municipality = m
		if !sure {
			pos := plan.Pos{File: t.Source.Path}
			if len(lines) > 0 {
				pos = lines[0].Pos
			}
			d.Add(pos, plan.Info, plan.CodeMunicipality,
				"падеж названия муниципалитета не определен надежно: оно сохранено как в тексте", m)
		}
		break
	}
}

var amendRE = lazyre.New(`(?i)\(\s*(?:в\s+ред(?:\.|акции)|с\s+изменениями|с\s+изм\.|в\s+редакции)[^()]*(?:\([^()]*\)[^()]*)*\)?`)

// splitAmendments takes the amendment notes out of the title lines: a
// line "(в ред. постановления Администрации ... от 13.03.2023 N 245)",
// or such a parenthesis at the end of a title line.
func splitAmendments(lines []ingest.Line) (rest []ingest.Line, amend []string) {
	for _, ln := range lines {
		if !strings.Contains(ln.Text, "ред") && !strings.Contains(ln.Text, "изм") {
			rest = append(rest, ln)
			continue
		}
		loc := amendRE.FindStringIndex(ln.Text)
		if loc == nil {
			rest = append(rest, ln)
			continue
		}
		amend = append(amend, strings.TrimSpace(ln.Text[loc[0]:loc[1]]))
		if left := strings.Join(strings.Fields(ln.Text[:loc[0]]+" "+ln.Text[loc[1]:]), " "); left != "" {
			ln.Text = left
			rest = append(rest, ln)
		}
	}
	return rest, amend
}

// orgRE finds a school or another institution whose own plan this is:
// "МБОУ «Средняя общеобразовательная школа № 5»", "МАОУ СОШ № 12",
// "МБДОУ «Детский сад № 5 «Ромашка»" (quotes inside quotes, the outer
// closing one often left out),
// "Гимназия № 2", "средней общеобразовательной школы № 3".
var orgRE = lazyre.New(`(?:(?:МБОУ|МАОУ|МКОУ|МОУ|ГБОУ|ГАОУ|ГКОУ|ЧОУ|МБДОУ|МАДОУ|МКДОУ|МДОУ|МБУ\s+ДО|МАУ\s+ДО|МБОУ\s+ДО|МАОУ\s+ДО)\s+(?:«[^«»]{2,150}«[^«»]{1,80}»»?|«[^«»]{2,150}»|"[^"]{2,150}"|(?:[А-ЯЁ][А-ЯЁа-яё-]*\s+){0,3}№\s*\d+[А-Яа-я]?(?:\s+(?:им\.|имени)\s+[^,;()]{3,60})?|[А-ЯЁ]{2,}(?:\s+[А-ЯЁ]{2,})*)|(?i:средн(?:яя|ей)\s+общеобразовательн(?:ая|ой)\s+школ[аы]|основн(?:ая|ой)\s+общеобразовательн(?:ая|ой)\s+школ[аы]|гимнази[яи]|лице[йя])\s*№\s*\d+[А-Яа-я]?)`)

// mayNameSchool is a cheap test for a legal form of orgRE in s: they all
// end in "ОУ" or hold "У ДО".
func mayNameSchool(s string) bool {
	return strings.Contains(s, "ОУ ") || strings.Contains(s, "У ДО")
}

// organizationOf returns the institution a title names as the plan's
// owner, as written, or "".
func organizationOf(s string) string {
	if !strings.Contains(s, "№") && !mayNameSchool(s) {
		return "" // every reading of orgRE names a number or a legal form
	}
	return strings.Join(strings.Fields(orgRE.FindString(s)), " ")
}

// headingOf joins lines above the table into a text of the plan's
// heading (named what in the message), cut to plan.MaxHeadingRunes with a
// warning: the lines are then more than a heading (a whole document above
// a table, a hostile export), and a plan JSON with a longer one is
// refused when read back.
func headingOf(lines []ingest.Line, what string, d *plan.Diagnostics) string {
	s := joinLines(lines)
	if len(s) <= plan.MaxHeadingRunes {
		return s
	}
	cut := plan.CutRunes(s, plan.MaxHeadingRunes-1, "…")
	if len(cut) < len(s) {
		d.Add(lines[0].Pos, plan.Warning, plan.CodeTitleTooLong, fmt.Sprintf(
			"строки над таблицей длиннее %d знаков: в %s взяты первые %d; ожидается заголовок документа",
			plan.MaxHeadingRunes, what, plan.MaxHeadingRunes-1), plan.CutRunes(s, 200, "…"))
	}
	return cut
}

func joinLines(lines []ingest.Line) string {
	parts := make([]string, 0, len(lines))
	for _, ln := range lines {
		parts = append(parts, ln.Text)
	}
	return strings.Join(strings.Fields(strings.Join(parts, " ")), " ")
}

var (
	titleStartRE = lazyre.New(`(?i)^\s*(?:(?:календарн|перспективн|комплексн|годов|единый)\S*\s+)?(?:план(?:\s|$)|«?дорожн|комплекс\s+мер|программ|подпрограмм|перечень|мероприяти|(?:муниципальн|государственн|ведомственн)\S*\s+(?:целев\S*\s+)?программ)`)
	approvalRE   = lazyre.New(`(?i)утвержд|приложени|согласован`)
)

// splitPreamble separates an approval stamp ("УТВЕРЖДАЮ", "Приложение № 2
// к приказу ... от 01.09.2021 № 123", the signatory) from the title that
// follows it: the title starts at the first line naming the document (План,
// Дорожная карта, Комплекс мер, Программа, Перечень, Мероприятия), and the
// lines above it are a stamp only when one of them says so (утверждаю,
// приложение, согласовано). Without both, every line is the title.
func splitPreamble(lines []ingest.Line) (preamble, title []ingest.Line) {
	for i, ln := range lines {
		if !titleStartRE.MatchString(ln.Text) {
			continue
		}
		if i == 0 {
			return nil, lines
		}
		for _, pl := range lines[:i] {
			if approvalRE.MatchString(pl.Text) {
				return lines[:i], lines[i:]
			}
		}
		return nil, lines
	}
	return nil, lines
}

var (
	// The second year may be written with two digits: "на 2023-24
	// учебный год", "в 2024/25 учебном году".
	// "уч." may lose its dot ("на 2024-2025 уч год").
	academicRE = lazyre.New(`(20\d\d)\s*(?:г\.?\s*)?[-–—/]\s*((?:20)?\d\d)\s*(?:гг?\.?\s*)?(?:уч(?:\.|\s|$)|учебн)`)
	academic1  = lazyre.New(`(20\d\d)\s*(?:г\.?\s*)?учебн`)
	rangeRE    = lazyre.New(`(20\d\d)\s*(?:г\.?\s*|года\s*)?[-–—]\s*(20\d\d)`)
	fromToRE   = lazyre.New(`с\s+(20\d\d)\s*(?:г\.?|года)?\s+по\s+(20\d\d)`)
	andRE      = lazyre.New(`(20\d\d)\s+и\s+(20\d\d)\s*(?:годы|гг)`)
	oneYearRE  = lazyre.New(`(?:на|в)\s+(20\d\d)\s*(?:год|г(?:\.|\s|$))`)
	yearWordRE = lazyre.New(`(?:^|\D)(20\d\d)\s*(?:года|году|год|г\.)`)
	anyYearRE  = lazyre.New(`20\d\d`)
	// preparesForRE ends the text before a school year the plan prepares
	// for: "к", "к началу", "к новому".
	preparesForRE = lazyre.New(`(?:^|\s)к(?:\s+(?:началу|новому|старту))?\s*$`)
)

// parsePeriod reads the plan's period from the title: "на 2021-2022 годы"
// is January 2021 to December 2022; "на 2021-2024 учебный год" and
// "2021/2022 учебные годы" run September to August; "на 2022 год" is one
// calendar year. Zero when the title names none.
func parsePeriod(title string) plan.Period {
	s := strings.ReplaceAll(strings.ToLower(title), "ё", "е")
	years := func(m []string) (int, int, bool) {
		a, _ := strconv.Atoi(m[1])
		b, _ := strconv.Atoi(m[2])
		if len(m[2]) == 2 {
			b += a / 100 * 100
		}
		return a, b, b >= a && b-a <= 10
	}
	// A school year the plan prepares for ("подготовки ... к началу
	// 2024-2025 учебного года", "к новому 2024/2025 учебному году") is not
	// its period: the plan runs before it. Without another period named,
	// the deadlines' years give it.
	for _, re := range []*lazyre.Regexp{academicRE, academic1} {
		if !strings.Contains(s, "к ") {
			break // no "к" to prepare for anything
		}
		if loc := re.FindStringIndex(s); loc != nil && preparesForRE.MatchString(s[:loc[0]]) {
			s = s[:loc[0]] + " " + s[loc[1]:]
		}
	}
	if m := academicRE.FindStringSubmatch(s); m != nil {
		if a, b, ok := years(m); ok && b > a {
			return plan.Period{From: plan.MonthOf(a, 9), To: plan.MonthOf(b, 8)}
		}
	}
	if m := academic1.FindStringSubmatch(s); m != nil {
		a, _ := strconv.Atoi(m[1])
		return plan.Period{From: plan.MonthOf(a, 9), To: plan.MonthOf(a+1, 8)}
	}
	for _, re := range []*lazyre.Regexp{rangeRE, fromToRE, andRE} {
		if m := re.FindStringSubmatch(s); m != nil {
			if a, b, ok := years(m); ok {
				return plan.Period{From: plan.MonthOf(a, 1), To: plan.MonthOf(b, 12)}
			}
		}
	}
	if m := oneYearRE.FindStringSubmatch(s); m != nil {
		a, _ := strconv.Atoi(m[1])
		return plan.Period{From: plan.MonthOf(a, 1), To: plan.MonthOf(a, 12)}
	}
	// "... в летний период 2024 года", "кампании 2024 года": the only
	// year the title names, written as a year.
	if all := yearWordRE.FindAllStringSubmatch(s, 2); len(all) == 1 && len(anyYearRE.FindAllString(s, 2)) == 1 {
		a, _ := strconv.Atoi(all[0][1])
		return plan.Period{From: plan.MonthOf(a, 1), To: plan.MonthOf(a, 12)}
	}
	return plan.Period{}
}

// reversedPeriod returns the period the title names backwards ("с 2022 по
// 2021", "на 2023-2021 годы"), or "".
func reversedPeriod(title string) string {
	s := strings.ReplaceAll(strings.ToLower(title), "ё", "е")
	for _, re := range []*lazyre.Regexp{academicRE, rangeRE, fromToRE} {
		if loc := re.FindStringSubmatchIndex(s); loc != nil {
			a, _ := strconv.Atoi(s[loc[2]:loc[3]])
			b, _ := strconv.Atoi(s[loc[4]:loc[5]])
			if loc[5]-loc[4] == 2 { // "2023-24"
				b += a / 100 * 100
			}
			if b < a {
				return s[loc[0]:loc[1]]
			}
		}
	}
	return ""
}

const word = `[А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]+)*`

var (
	quotedRE = lazyre.New(`«\s*((?i:город|городской округ|муниципальный район|муниципальный округ|городское поселение|сельское поселение|г\.)\s*[^«»]+?)\s*»`)
	okrugRE  = lazyre.New(`(?i:городско(?:й|го|м)\s+округ(?:а|е|у)?|(?:^|\s)г\.\s?о\.)\s*((?:город\s+)?` + word + `)`)
	// entityRE is a municipality of Irkutsk's kind: "Усть-Кутского
	// муниципального образования".
	entityRE   = lazyre.New(`(` + word + `)\s+муниципальн(?:ого|ом|ое)\s+образовани(?:я|и|е)`)
	districtRE = lazyre.New(`(` + word + `)\s+муниципальн(?:ого|ом|ый)\s+(район|округ)`)
	// urbanRE is an urban district named by its adjective: "Шебекинского
	// городского округа".
	urbanRE = lazyre.New(`(` + word + `)\s+городск(?:ого|ом|ой)\s+округ`)
	// kindQuotedRE is a municipality named in quotes after its kind:
	// муниципального района «Мегино-Кангаласский улус».
	kindQuotedRE = lazyre.New(`(?i:муниципальн\S*\s+(?:район|округ|образовани)\S*|городск\S*\s+округ\S*)\s*«\s*([^«»]+?)\s*»`)
	// areaRE is a district named without "муниципальный": "Ливенского
	// района", "Чаа-Хольского кожууна", "Мегино-Кангаласского улуса".
	areaRE = lazyre.New(`(` + word + `)\s+(район|района|районе|кожуун|кожууна|кожууне|улус|улуса|улусе)(?:$|[\s,.;:)»])`)
	cityRE = lazyre.New(`(?:^|[\s(])(?:в\s+)?(г\.|город[еау]?)\s*(` + word + `)`)
	// adjectiveRE is a word with an adjective's ending, nextWordRE the
	// capitalised word after it: a town named by two words.
	adjectiveRE = lazyre.New(`(?:ой|ый|ий|ая|ое|ые|ие|его|ого|ей|ом|ем|их|ых|ую)$`)
	nextWordRE  = lazyre.New(`^\s+(` + word + `)`)
	// regionRE follows a region's adjective: "г. Лесной Свердловской
	// области" names the town Лесной.
	regionRE   = lazyre.New(`^\s+(?:области|края|республики|автономного|района|округа)`)
	locativeRE = lazyre.New(`(?:^|\s)в\s+(` + word + `)(?:$|[\s,.;:])`)
)

// municipalityFromTitle finds the municipality the title names, in the
// nominative when the inflection can be undone reliably, and as written
// otherwise (sure is then false): «город Дербент»; "городского округа
// город Бор" -> "городской округ город Бор"; "Богородского
// муниципального района" -> "Богородский муниципальный район";
// "Ливенского района" -> "Ливенский район"; "Чаа-Хольского кожууна" ->
// "Чаа-Хольский кожуун"; "г. Саров"; "в городе Сарове", "в Сарове" ->
// "Саров"; "в городе Арзамасе" -> "городе Арзамасе", not sure.
func municipalityFromTitle(title string) (name string, sure bool) {
	if m := quotedMunicipality(title); m != "" {
		return m, true
	}
	if m := kindQuotedRE.FindStringSubmatch(title); m != nil {
		return strings.Join(strings.Fields(m[1]), " "), true
	}
	if m := okrugRE.FindStringSubmatch(title); m != nil {
		return "городской округ " + m[1], true
	}
	if m := districtRE.FindStringSubmatch(title); m != nil {
		return adjectiveNominative(m[1]) + " муниципальный " + m[2], true
	}
	if m := urbanRE.FindStringSubmatch(title); m != nil && (adjectiveNominative(m[1]) != m[1] || nominativeAdjective(m[1])) {
		// "Шебекинского городского округа", or already in the
		// nominative: "(Сосновоборский городской округ)".
		return adjectiveNominative(m[1]) + " городской округ", true
	}
	if m := entityRE.FindStringSubmatch(title); m != nil {
		if n := adjectiveNominative(m[1]); n != m[1] || nominativeAdjective(m[1]) {
			return neuterAdjective(n) + " муниципальное образование", true
		}
	}
	if !strings.Contains(title, "район") && !strings.Contains(title, "кожуун") && !strings.Contains(title, "улус") {
		// areaRE cannot match: spare the expression
	} else if m := areaRE.FindStringSubmatch(title); m != nil && adjectiveNominative(m[1]) != m[1] {
		noun := strings.TrimSuffix(strings.TrimSuffix(m[2], "а"), "е") // района, кожууне -> район, кожуун
		return adjectiveNominative(m[1]) + " " + noun, true
	}
	if loc := cityRE.FindStringSubmatchIndex(title); loc != nil {
		// Both groups always take part in a match.
		m := []string{title[loc[0]:loc[1]], title[loc[2]:loc[3]], title[loc[4]:loc[5]]}
		if adjectiveRE.MatchString(m[2]) {
			// "г. Лесной Поляны", "города Нижнего Новгорода": an
			// adjective and a noun, inflected together; the case is
			// not undone, the name is kept as written.
			rest := title[loc[5]:]
			if n := nextWordRE.FindStringSubmatchIndex(rest); n != nil && !regionRE.MatchString(rest[n[1]:]) {
				return m[2] + " " + rest[n[2]:n[3]], false
			}
		}
		// "Светлогорска-на-Вятке": the head inflects, the rest does not.
		if head, tail := splitPlaceTail(m[2]); tail != "" {
			n, sure := municipalityFromTitle(m[1] + " " + head)
			if n == "" {
				return head + tail, false
			}
			return n + tail, sure
		}
		if head, adj, ok := strings.Cut(m[2], "-"); ok && m[1] != "городе" && strings.HasSuffix(adj, "ого") {
			// "г. Зеленодольска-Северного": a masculine name and its
			// adjective, both in the genitive; a name of another gender
			// ("Усолья-Сибирского") is kept as written.
			if n := genitiveNominative(head); n != head {
				return n + "-" + adjectiveNominative(adj), true
			}
			return m[2], false
		}
		switch m[1] {
		case "города":
			if n, ok := reliableGenitive(m[2]); ok {
				return n, true
			}
			return "города " + m[2], false
		case "городе":
			if n := reliableLocative(m[2]); n != "" {
				return n, true
			}
			return "городе " + m[2], false
		case "г.":
			if strings.HasSuffix(strings.TrimSpace(strings.SplitN(m[0], "г.", 2)[0]), "в") {
				// "в г. Кстово": after "г." the name is mostly left
				// uninflected; "в г. Сарове" is undone.
				return locativeNominative(m[2]), true
			}
			// "школа № 3 г. Кузнецка": after a noun, a name with a
			// masculine genitive ending is undone; others are kept.
			return genitiveNominative(m[2]), true
		}
		return m[2], true
	}
	for _, m := range locativeRE.FindAllStringSubmatch(title, -1) {
		if n := locativeNominative(m[1]); n != m[1] {
			return n, true
		}
	}
	return "", false
}

// nominativeAdjective reports a masculine adjective in the nominative
// ("Сосновоборский", "Новый", "Речной"), the form adjectiveNominative
// gives.
func nominativeAdjective(w string) bool {
	return strings.HasSuffix(w, "ий") || strings.HasSuffix(w, "ый") || strings.HasSuffix(w, "ой")
}

// neuterAdjective turns a masculine adjective in the nominative into the
// neuter: "Усть-Кутский" -> "Усть-Кутское" (муниципальное образование).
func neuterAdjective(w string) string {
	if nominativeAdjective(w) {
		return w[:len(w)-len("ий")] + "ое"
	}
	return w
}

// splitPlaceTail splits a town's name with a preposition inside
// ("Ростова-на-Дону", "Новгорода-над-Волгой") into its head, which
// inflects, and the uninflected rest ("-на-Дону"); tail is "" for other
// names.
func splitPlaceTail(name string) (head, tail string) {
	for _, p := range [...]string{"-на-", "-над-", "-под-", "-у-"} {
		if i := strings.Index(name, p); i > 0 {
			return name[:i], name[i:]
		}
	}
	return name, ""
}

func quotedMunicipality(s string) string {
	if m := quotedRE.FindStringSubmatch(s); m != nil {
		return strings.Join(strings.Fields(m[1]), " ")
	}
	return ""
}

// locativeSuffixes undo the prepositional case of masculine town names,
// the only endings where that is unambiguous: в Сарове, в Томске, в
// Оренбурге, в Новгороде, в Севастополе, в Череповце (the е of -ец
// drops in the other cases).
var locativeSuffixes = [][2]string{
	{"бурге", "бург"}, {"граде", "град"}, {"городе", "город"}, {"поле", "поль"},
	{"ове", "ов"}, {"еве", "ев"}, {"ёве", "ёв"}, {"ине", "ин"}, {"ыне", "ын"},
	{"ске", "ск"}, {"цке", "цк"}, {"вце", "вец"}, // в Череповце, в Гороховце
}

func locativeNominative(w string) string {
	for _, s := range locativeSuffixes {
		if strings.HasSuffix(w, s[0]) {
			return strings.TrimSuffix(w, s[0]) + s[1]
		}
	}
	return w
}

// reliableLocative is locativeNominative when one of its rules applies and
// "" otherwise: "в городе Арзамасе" must not give the municipality
// "Арзамасе", and "Арзамас" cannot be told from "Москва" -> "Москве" by
// the ending alone.
func reliableLocative(w string) string {
	if n := locativeNominative(w); n != w {
		return n
	}
	// Left uninflected after "городе": a plural name ("в городе
	// Березники", "Великие Луки"; a feminine -ка would read -ке) or an
	// indeclinable one in -о ("в городе Кстово").
	for _, s := range []string{"ки", "ги", "хи", "о"} {
		if strings.HasSuffix(w, s) {
			return w
		}
	}
	return ""
}

// reliableGenitive undoes "города Ишима", "города Сарова": after "города"
// a name ending in a hard consonant plus -а is a masculine name in the
// genitive (feminine ones end in -ы, -и), unless a vowel drops from its
// last syllable ("Орла" of Орёл): that one is not reliable (false).
// Other names are taken as written: officials leave plural names
// uninflected ("города Ливны").
func reliableGenitive(w string) (string, bool) {
	if n := genitiveNominative(w); n != w {
		return n, true
	}
	rs := []rune(w)
	if len(rs) < 4 || rs[len(rs)-1] != 'а' || !strings.ContainsRune("бвгдзклмнпрстфх", rs[len(rs)-2]) {
		return w, true
	}
	if rs[len(rs)-2] == 'л' && !strings.ContainsRune("аеёиоуыэюя", rs[len(rs)-3]) {
		return w, false
	}
	return string(rs[:len(rs)-1]), true
}

// genitiveNominative undoes "города Сарова": a masculine name that ends
// in a consonant plus -а.
func genitiveNominative(w string) string {
	for _, s := range []string{"ова", "ева", "ина", "ска", "цка", "бурга", "града", "города", "ента"} {
		if strings.HasSuffix(w, s) {
			return strings.TrimSuffix(w, "а")
		}
	}
	return w
}

// adjectiveNominative: Богородского -> Богородский, Лукояновского ->
// Лукояновский, Городецкого -> Городецкий, Краснинского -> Краснинский;
// each part of a hyphenated one that inflects: Старооскольском-Заречном
// -> Старооскольский-Заречный, Мегино-Кангаласского ->
// Мегино-Кангаласский.
func adjectiveNominative(w string) string {
	if strings.Contains(w, "-") {
		parts := strings.Split(w, "-")
		for i, p := range parts {
			parts[i] = adjectiveNominative(p)
		}
		return strings.Join(parts, "-")
	}
	switch {
	case strings.HasSuffix(w, "него"):
		return strings.TrimSuffix(w, "его") + "ий" // Верхнего -> Верхний
	case strings.HasSuffix(w, "ского"), strings.HasSuffix(w, "цкого"):
		return strings.TrimSuffix(w, "ого") + "ий"
	case strings.HasSuffix(w, "ого"):
		return strings.TrimSuffix(w, "ого") + "ый"
	case strings.HasSuffix(w, "ском"), strings.HasSuffix(w, "цком"):
		return strings.TrimSuffix(w, "ом") + "ий"
	case strings.HasSuffix(w, "ом"):
		return strings.TrimSuffix(w, "ом") + "ый"
	}
	return w
}
