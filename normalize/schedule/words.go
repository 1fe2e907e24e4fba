package schedule

import "strings"

// monthStems maps the stem every case form of a month name starts with
// (сентябрь, сентября, сентябре) to its number.
var monthStems = [...]struct {
	stem string
	num  int
}{
	{"январ", 1}, {"феврал", 2}, {"март", 3}, {"апрел", 4}, {"июн", 6},
	{"июл", 7}, {"август", 8}, {"сентябр", 9}, {"октябр", 10}, {"ноябр", 11},
	{"декабр", 12},
}

// monthShort holds the abbreviations met in the documents (янв., февр.,
// сент.) and the forms of "май", whose stem is too short to match by prefix.
var monthShort = map[string]int{
	"янв": 1, "фев": 2, "февр": 2, "мар": 3, "апр": 4, "май": 5, "мая": 5,
	"мае": 5, "маю": 5, "маем": 5, "авг": 8, "сен": 9, "сент": 9, "окт": 10,
	"ноя": 11, "нояб": 11, "дек": 12,
}

// monthOf returns the month number a folded word names, or 0.
func monthOf(w string) int {
	if n, ok := monthShort[w]; ok {
		return n
	}
	for _, m := range monthStems {
		if strings.HasPrefix(w, m.stem) && len(w) <= len(m.stem)+6 {
			return m.num
		}
	}
	return 0
}

// romanOf reads a Roman numeral up to XII written in Latin letters (or the
// Cyrillic і that looks like I), folded to lower case; 0 if w is not one.
func romanOf(w string) int {
	w = strings.ReplaceAll(w, "і", "i")
	switch w {
	case "i":
		return 1
	case "ii":
		return 2
	case "iii":
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

// isQuarterWord and isHalfWord recognise "квартал"/"кв" and "полугодие".
func isQuarterWord(w string) bool { return w == "кв" || strings.HasPrefix(w, "квартал") }
func isHalfWord(w string) bool {
	return strings.HasPrefix(w, "полугод") || w == "полуг"
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

// ordinalSuffix is the tail of "1-й", "2-го", "3-ий" after the dash.
func ordinalSuffix(w string) bool {
	switch w {
	case "й", "ый", "ий", "ой", "го", "ого", "его", "м", "ом", "ем":
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
