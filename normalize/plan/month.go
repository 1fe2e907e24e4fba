package plan

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// Month is a calendar month counted from year 0: year*12 + (month-1).
// Comparable and cheap to range over; encoded in JSON as "YYYY-MM".
type Month int

// MonthOf returns the Month of a year and a 1-based month number.
func MonthOf(year, month int) Month { return Month(year*12 + month - 1) }

// Year returns the calendar year.
func (m Month) Year() int { return int(m) / 12 }

// Num returns the 1-based month number (1 = January).
func (m Month) Num() int { return int(m)%12 + 1 }

// Quarter returns the calendar quarter containing the month.
func (m Month) Quarter() Quarter { return Quarter{Year: m.Year(), Q: (m.Num()-1)/3 + 1} }

// String formats the month as YYYY-MM.
func (m Month) String() string { return fmt.Sprintf("%04d-%02d", m.Year(), m.Num()) }

// monthWords is the one table of Russian month names: every reader and
// writer of months (deadlines, completion dates in returned checklists,
// typo reading, labels and grid headers) takes them from here.
var monthWords = [12]struct {
	// forms are the case forms a deadline uses: nominative first, then
	// genitive, dative, instrumental, prepositional.
	forms string
	// stem starts every case form and derived word ("сентябр|ь",
	// "сентябр|ьский"); "" for май, too short to be read by a prefix.
	stem string
	// abbr are the abbreviations met in documents and typed dates, and
	// the forms of май; the first is the three-letter grid header.
	abbr string
}{
	{"январь января январю январем январе", "январ", "янв"},
	{"февраль февраля февралю февралем феврале", "феврал", "фев февр"},
	{"март марта марту мартом марте", "март", "мар"},
	{"апрель апреля апрелю апрелем апреле", "апрел", "апр"},
	{"май мая маю маем мае", "", "май мая мае маю маем"},
	{"июнь июня июню июнем июне", "июн", "июн"},
	{"июль июля июлю июлем июле", "июл", "июл"},
	{"август августа августу августом августе", "август", "авг"},
	{"сентябрь сентября сентябрю сентябрем сентябре", "сентябр", "сен сент"},
	{"октябрь октября октябрю октябрем октябре", "октябр", "окт"},
	{"ноябрь ноября ноябрю ноябрем ноябре", "ноябр", "ноя нояб"},
	{"декабрь декабря декабрю декабрем декабре", "декабр", "дек"},
}

// MonthNames are the Russian month names in the nominative case.
var MonthNames [12]string

// MonthShort are three-letter Russian month abbreviations for grid headers.
var MonthShort [12]string

// monthAbbr maps every abbreviation (and form of май) to its month.
var monthAbbr = map[string]int{}

func init() {
	for i, w := range monthWords {
		forms, abbr := strings.Fields(w.forms), strings.Fields(w.abbr)
		MonthNames[i], MonthShort[i] = forms[0], abbr[0]
		for _, a := range abbr {
			monthAbbr[a] = i + 1
		}
	}
}

// MonthOfWord returns the month (1-12) a lower-case word names, 0 if none:
// a case form, at most three letters past the stem ("сентября",
// "сентябрем"; not "сентябрьский"), or an abbreviation ("сент", "нояб")
// given without its dot.
func MonthOfWord(w string) int {
	if n, ok := monthAbbr[w]; ok {
		return n
	}
	for i := range monthWords {
		if s := monthWords[i].stem; s != "" && strings.HasPrefix(w, s) && len(w) <= len(s)+6 {
			return i + 1
		}
	}
	return 0
}

// MonthStem returns the prefix every case form of month n (1-12) starts
// with, "" for май.
func MonthStem(n int) string { return monthWords[n-1].stem }

// MonthForms returns the case forms of month n (1-12), nominative first.
func MonthForms(n int) []string { return strings.Fields(monthWords[n-1].forms) }

// Label is "сентябрь 2021".
func (m Month) Label() string { return fmt.Sprintf("%s %d", MonthNames[m.Num()-1], m.Year()) }

// monthError is a month that is not "YYYY-MM"; value is the text read.
type monthError struct{ value string }

func (e *monthError) Error() string {
	return fmt.Sprintf("месяц «%s»: ожидается ГГГГ-ММ (год и номер месяца от 01 до 12)", e.value)
}

// ParseMonth reads "YYYY-MM".
func ParseMonth(s string) (Month, error) {
	if len(s) != 7 || s[4] != '-' {
		return 0, &monthError{s}
	}
	v := 0
	for i, c := range []byte(s) {
		if i == 4 {
			continue
		}
		if c < '0' || c > '9' {
			return 0, &monthError{s}
		}
		v = v*10 + int(c-'0')
	}
	y, mo := v/100, v%100
	if mo < 1 || mo > 12 {
		return 0, &monthError{s}
	}
	return MonthOf(y, mo), nil
}

// MarshalJSON encodes the month as "YYYY-MM".
func (m Month) MarshalJSON() ([]byte, error) { return json.Marshal(m.String()) }

// UnmarshalJSON decodes "YYYY-MM".
func (m *Month) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	v, err := ParseMonth(s)
	if err != nil {
		return err
	}
	*m = v
	return nil
}

// Months is a list of months. It has its own JSON coding because a plan
// holds hundreds of thousands of them (every month of every item) and the
// per-element MarshalJSON calls of encoding/json dominated plan I/O.
type Months []Month

// MarshalJSON encodes the list as ["YYYY-MM", ...]; nil as [].
func (ms Months) MarshalJSON() ([]byte, error) {
	b := make([]byte, 0, 2+10*len(ms))
	b = append(b, '[')
	for i, m := range ms {
		if i > 0 {
			b = append(b, ',')
		}
		y, n := m.Year(), m.Num()
		if y < 0 || y > 9999 {
			return nil, fmt.Errorf("plan: month %d out of range", int(m))
		}
		b = append(b, '"', byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10),
			'-', byte('0'+n/10), byte('0'+n%10), '"')
	}
	return append(b, ']'), nil
}

// UnmarshalJSON decodes ["YYYY-MM", ...] (null gives an empty list).
func (ms *Months) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if string(b) == "null" {
		*ms = nil
		return nil
	}
	if len(b) < 2 || b[0] != '[' || b[len(b)-1] != ']' {
		return fmt.Errorf("месяцы срока (months): ожидается список строк \"ГГГГ-ММ\"")
	}
	body := bytes.TrimSpace(b[1 : len(b)-1])
	if len(body) == 0 {
		*ms = Months{}
		return nil
	}
	out := make(Months, 0, bytes.Count(body, []byte(","))+1)
	for _, item := range bytes.Split(body, []byte(",")) {
		item = bytes.TrimSpace(item)
		if len(item) < 2 || item[0] != '"' || item[len(item)-1] != '"' {
			return &monthError{string(item)}
		}
		m, err := ParseMonth(string(item[1 : len(item)-1]))
		if err != nil {
			return err
		}
		out = append(out, m)
	}
	*ms = out
	return nil
}

// Period is an inclusive range of months. The zero Period is "unknown".
type Period struct {
	From Month `json:"from"`
	To   Month `json:"to"`
}

// IsZero reports whether the period is unknown.
func (p Period) IsZero() bool { return p.From == 0 && p.To == 0 }

// Contains reports whether m lies inside the period.
func (p Period) Contains(m Month) bool { return !p.IsZero() && m >= p.From && m <= p.To }

// Months lists every month of the period in order.
func (p Period) Months() []Month {
	if p.IsZero() || p.To < p.From {
		return nil
	}
	out := make([]Month, 0, int(p.To-p.From)+1)
	for m := p.From; m <= p.To; m++ {
		out = append(out, m)
	}
	return out
}

// Quarters lists the calendar quarters the period touches, in order.
func (p Period) Quarters() []Quarter {
	var out []Quarter
	for _, m := range p.Months() {
		q := m.Quarter()
		if len(out) == 0 || out[len(out)-1] != q {
			out = append(out, q)
		}
	}
	return out
}

// String is "2021-01..2022-12", or "" for the zero period.
func (p Period) String() string {
	if p.IsZero() {
		return ""
	}
	return p.From.String() + ".." + p.To.String()
}
