package normalize

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/roadmap-tool/roadmap/ingest"
	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// setTitle fills the title, the municipality and the period from the lines
// above the table (the municipality also from a quoted name in a cell).
func setTitle(p *plan.Plan, lines []ingest.Line, t *ingest.Table, d *plan.Diagnostics) {
	preamble, lines := splitPreamble(lines)
	if len(preamble) > 0 {
		d.Add(preamble[0].Pos, plan.Info, plan.CodeTitlePreamble,
			"гриф утверждения над заголовком не включен в название плана", joinLines(preamble))
	}
	p.Title = joinLines(lines)
	if p.Title == "" {
		pos := plan.Pos{File: t.Source.Path}
		if len(t.Rows) > 0 {
			pos = t.Rows[0].Pos
		}
		d.Add(pos, plan.Warning, plan.CodeNoTitle, "над таблицей нет заголовка документа: название, муниципалитет и период не определены", "")
	}
	p.Period = parsePeriod(p.Title)
	if bad := reversedPeriod(p.Title); p.Period.IsZero() && bad != "" && len(lines) > 0 {
		d.Add(lines[0].Pos, plan.Warning, plan.CodeDateImpossible,
			fmt.Sprintf("в заголовке невозможный период «%s»: конец раньше начала; период плана не определен", bad), p.Title)
	}
	p.Municipality = municipalityFromTitle(p.Title)
	if p.Municipality == "" && len(preamble) > 0 {
		// "Начальник управления образования администрации Кстовского
		// муниципального округа" names it when the title does not.
		p.Municipality = municipalityFromTitle(joinLines(preamble))
	}
	if p.Municipality == "" {
	rows:
		for _, r := range t.Rows {
			for _, c := range r.Cells {
				if m := quotedMunicipality(c.Text); m != "" {
					p.Municipality = m
					break rows
				}
			}
		}
	}
}

func joinLines(lines []ingest.Line) string {
	parts := make([]string, 0, len(lines))
	for _, ln := range lines {
		parts = append(parts, ln.Text)
	}
	return strings.Join(strings.Fields(strings.Join(parts, " ")), " ")
}

var (
	titleStartRE = regexp.MustCompile(`(?i)^\s*(?:план(?:\s|$)|«?дорожн|комплекс\s+мер|программ|перечень|мероприяти)`)
	approvalRE   = regexp.MustCompile(`(?i)утвержд|приложени|согласован`)
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
	academicRE = regexp.MustCompile(`(20\d\d)\s*(?:г\.?\s*)?[-–—/]\s*(20\d\d)\s*(?:гг?\.?\s*)?(?:уч\.|учебн)`)
	academic1  = regexp.MustCompile(`(20\d\d)\s*(?:г\.?\s*)?учебн`)
	rangeRE    = regexp.MustCompile(`(20\d\d)\s*(?:г\.?\s*|года\s*)?[-–—]\s*(20\d\d)`)
	fromToRE   = regexp.MustCompile(`с\s+(20\d\d)\s*(?:г\.?|года)?\s+по\s+(20\d\d)`)
	oneYearRE  = regexp.MustCompile(`(?:на|в)\s+(20\d\d)\s*(?:год|г\.)`)
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
		return a, b, b >= a && b-a <= 10
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
	for _, re := range []*regexp.Regexp{rangeRE, fromToRE} {
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
	return plan.Period{}
}

// reversedPeriod returns the period the title names backwards ("с 2022 по
// 2021", "на 2023-2021 годы"), or "".
func reversedPeriod(title string) string {
	s := strings.ReplaceAll(strings.ToLower(title), "ё", "е")
	for _, re := range []*regexp.Regexp{academicRE, rangeRE, fromToRE} {
		if loc := re.FindStringSubmatchIndex(s); loc != nil {
			a, _ := strconv.Atoi(s[loc[2]:loc[3]])
			b, _ := strconv.Atoi(s[loc[4]:loc[5]])
			if b < a {
				return s[loc[0]:loc[1]]
			}
		}
	}
	return ""
}

const word = `[А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]+)?`

var (
	quotedRE   = regexp.MustCompile(`«\s*((?i:город|городской округ|муниципальный район|муниципальный округ|городское поселение|сельское поселение|г\.)\s*[^«»]+?)\s*»`)
	okrugRE    = regexp.MustCompile(`(?i:городско(?:й|го|м)\s+округ(?:а|е|у)?)\s+((?:город\s+)?` + word + `)`)
	districtRE = regexp.MustCompile(`(` + word + `)\s+муниципальн(?:ого|ом|ый)\s+(район|округ)`)
	cityRE     = regexp.MustCompile(`(?:^|[\s(])(?:в\s+)?(г\.|город[еау]?)\s*(` + word + `)`)
	locativeRE = regexp.MustCompile(`(?:^|\s)в\s+(` + word + `)(?:$|[\s,.;:])`)
)

// municipalityFromTitle finds the municipality the title names, in the
// nominative when the inflection can be undone reliably and as written
// otherwise: «город Дербент»; "городского округа город Бор" -> "городской
// округ город Бор"; "Богородского муниципального района" -> "Богородский
// муниципальный район"; "г. Саров"; "в городе Сарове", "в Сарове" -> "Саров".
func municipalityFromTitle(title string) string {
	if m := quotedMunicipality(title); m != "" {
		return m
	}
	if m := okrugRE.FindStringSubmatch(title); m != nil {
		return "городской округ " + m[1]
	}
	if m := districtRE.FindStringSubmatch(title); m != nil {
		return adjectiveNominative(m[1]) + " муниципальный " + m[2]
	}
	if m := cityRE.FindStringSubmatch(title); m != nil {
		switch m[1] {
		case "города":
			return genitiveNominative(m[2])
		case "городе":
			return reliableLocative(m[2])
		case "г.":
			if strings.HasSuffix(strings.TrimSpace(strings.SplitN(m[0], "г.", 2)[0]), "в") {
				return locativeNominative(m[2])
			}
			return m[2]
		}
		return m[2]
	}
	for _, m := range locativeRE.FindAllStringSubmatch(title, -1) {
		if n := locativeNominative(m[1]); n != m[1] {
			return n
		}
	}
	return ""
}

func quotedMunicipality(s string) string {
	if m := quotedRE.FindStringSubmatch(s); m != nil {
		return strings.Join(strings.Fields(m[1]), " ")
	}
	return ""
}

// locativeSuffixes undo the prepositional case of masculine town names,
// the only endings where that is unambiguous: в Сарове, в Томске, в
// Оренбурге, в Новгороде, в Севастополе.
var locativeSuffixes = [][2]string{
	{"бурге", "бург"}, {"граде", "град"}, {"городе", "город"}, {"поле", "поль"},
	{"ове", "ов"}, {"еве", "ев"}, {"ёве", "ёв"}, {"ине", "ин"}, {"ыне", "ын"},
	{"ске", "ск"}, {"цке", "цк"},
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
	return ""
}

// genitiveNominative undoes "города Сарова": a masculine name that ends
// in a consonant plus -а.
func genitiveNominative(w string) string {
	for _, s := range []string{"ова", "ева", "ина", "ска", "бурга", "града", "города", "ента"} {
		if strings.HasSuffix(w, s) {
			return strings.TrimSuffix(w, "а")
		}
	}
	return w
}

// adjectiveNominative: Богородского -> Богородский, Лукояновского ->
// Лукояновский, Городецкого -> Городецкий, Краснинского -> Краснинский.
func adjectiveNominative(w string) string {
	switch {
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
