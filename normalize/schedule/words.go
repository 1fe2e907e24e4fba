package schedule

import (
	"strings"

	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// monthOf returns the month number a folded word names, or 0: the month
// names are the model's (plan.MonthOfWord), shared with collection.
func monthOf(w string) int { return plan.MonthOfWord(w) }

// unscheduledCues are the words after "по" that make a deadline
// unscheduled ("по мере необходимости", "по плану ДИРО", "по графику"):
// the stem by which the rules read each (parse.go) and its forms, by
// which a typo of it is read (typo.go). "мере" has no forms: too short to
// be corrected.
var unscheduledCues = []keywordGroup{
	{"мере", ""},
	{"необходим", "необходимости необходимость необходимо"},
	{"план", "плана плану планом плане планы планов планам планами планах"},
	{"отдельн", "отдельному отдельным отдельной отдельного отдельными отдельно отдельные"},
	{"график", "график графика графику графиком графики графиков"},
	{"утвержд", "утвержденному утвержденным утвержденной утвержденного утвержденными утвержденные утвержденных"},
	{"согласован", "согласованию согласованному согласованным согласованной"},
	{"запрос", "запросу запросам запросов запроса"},
	{"расписан", "расписанию расписания расписание"},
	{"заявк", "заявке заявкам заявки заявка"},
	{"индивидуальн", "индивидуальному индивидуальным индивидуальной индивидуальные"},
	{"распоряж", "распоряжению распоряжения распоряжением"},
	{"приказ", "приказу приказа приказом"},
	{"факт", "факту"},
	{"обращени", "обращениям обращению обращения обращение"},
	{"потребност", "потребности потребностям"},
}

// romanOf reads a Roman numeral up to IV written in Latin letters (or the
// Cyrillic і that looks like I, or the Cyrillic ш typed for III, which it
// looks like), folded to lower case; 0 if w is not one. Callers accept it
// only before a quarter, half-year or term.
func romanOf(w string) int {
	w = strings.ReplaceAll(w, "і", "i")
	switch w {
	case "i":
		return 1
	case "ii":
		return 2
	case "iii", "ш":
		return 3
	case "iv":
		return 4
	}
	return 0
}

// ordinalOf reads первый/второй/третий/четвертый in any case form.
func ordinalOf(w string) int {
	switch {
	case strings.HasPrefix(w, "перв"):
		return 1
	case strings.HasPrefix(w, "втор"):
		return 2
	case strings.HasPrefix(w, "трет"):
		return 3
	case strings.HasPrefix(w, "четверт"):
		return 4
	}
	return 0
}

// yearWord reports a word that follows a year number: г, гг, год, года,
// году, годы, годов, годах.
func yearWord(w string) bool {
	switch w {
	case "г", "гг", "год", "года", "году", "годы", "годов", "годах", "годом":
		return true
	}
	return false
}

// isQuarterWord and isHalfWord recognise "квартал"/"кв" and "полугодие"
// ("раз в полгода" too).
func isQuarterWord(w string) bool { return w == "кв" || strings.HasPrefix(w, "квартал") }
func isHalfWord(w string) bool {
	return strings.HasPrefix(w, "полугод") || w == "полуг" || w == "полгода"
}

// isHalfNoun recognises a numbered half-year: "полугодие", or "половина"
// after an ordinal ("в первой половине 2025 года", "вторая половина
// года").
func isHalfNoun(w string) bool { return isHalfWord(w) || strings.HasPrefix(w, "половин") }

// isWeekday recognises a day of the week in any case: "каждый четверг",
// "каждую пятницу" repeat weekly.
func isWeekday(w string) bool {
	for _, stem := range []string{"понедельник", "вторник", "сред", "четверг", "пятниц", "суббот", "воскресень"} {
		if strings.HasPrefix(w, stem) {
			return true
		}
	}
	return false
}

// weekdaysPlural are the days of the week after "по" ("по четвергам"):
// exact forms, since a stem such as "сред" begins other words
// ("средствам").
var weekdaysPlural = map[string]bool{"понедельникам": true, "вторникам": true, "средам": true, "четвергам": true,
	"пятницам": true, "субботам": true, "воскресеньям": true}

// cardinalOf reads a small number written as a word, as in "1 раз в два
// месяца", "раз в три года"; 0 if w is not one.
func cardinalOf(w string) int {
	switch w {
	case "два", "две":
		return 2
	case "три":
		return 3
	case "четыре":
		return 4
	case "пять":
		return 5
	case "шесть":
		return 6
	}
	return 0
}

// isTermWord recognises "четверть", the school term (a quarter of the
// school year): "1 раз в четверть", "каждую четверть" repeat quarterly.
func isTermWord(w string) bool {
	switch w {
	case "четверть", "четверти", "четвертью", "четвертей", "четвертям", "четвертях":
		return true
	}
	return false
}

// isAcademicWord recognises "учебный" and its short form "уч".
func isAcademicWord(w string) bool { return w == "уч" || strings.HasPrefix(w, "учебн") }

// isYearNoun reports "год" and its case forms without a number.
func isYearNoun(w string) bool {
	switch w {
	case "год", "года", "году", "годом", "годы", "годов", "годах":
		return true
	}
	return false
}

// ordinalSuffix is the tail of "1-й", "2-го", "3-ий", "2-е", "1-я" after
// the dash.
func ordinalSuffix(w string) bool {
	switch w {
	case "й", "ый", "ий", "ой", "го", "ого", "его", "м", "ом", "ем", "е", "ое", "ее", "я", "ая":
		return true
	}
	return false
}

// filler words connect the parts of a deadline without adding meaning; a
// note never starts or ends on them.
var filler = map[string]bool{
	"в": true, "во": true, "с": true, "со": true, "до": true, "и": true, "к": true,
	"на": true, "не": true, "позднее": true, "позже": true, "течение": true,
	"протяжении": true, "далее": true, "начиная": true, "также": true, "а": true,
	"г": true, "гг": true, "года": true, "год": true, "году": true, "годы": true,
	"срок": true, "сроки": true,
}
