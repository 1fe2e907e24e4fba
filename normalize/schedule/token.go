package schedule

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// tokKind is the lexical class of a token.
type tokKind uint8

const (
	tWord  tokKind = iota // a run of letters, folded to lower case with ё -> е
	tNum                  // a run of digits
	tDate                 // 01.09.2022, 09.2021 or 15.09: day (0 if absent), month, year (0 if absent)
	tDash                 // - – — ‑ −: a range, or a list dash
	tSep                  // , ; and the like: a list separator
	tSlash                // /: 2022/2023
	tOpen                 // (
	tClose                // )
)

// token is one lexical unit of a deadline. Offsets point into the original
// text so that a qualifier can be quoted back exactly as it was written.
type token struct {
	kind       tokKind
	text       string // folded word, or the digits
	n          int    // value of a tNum (0 when it does not fit)
	day, mon   int    // tDate parts
	year       int    // tDate year
	start, end int    // byte offsets in the original text
	used       bool   // consumed by a rule
	// bad marks digits shaped as a date that does not exist (31.02.2022,
	// 15.13.2022): read as plain numbers, and reported.
	bad bool
}

// tokenPool recycles Parse's token slices: nothing of a token outlives
// the Parse that made it (the folded words live in their own buffer).
var tokenPool = sync.Pool{New: func() any {
	s := make([]token, 0, 32)
	return &s
}}

// tokenize splits a deadline text into tokens, appended to toks. It skips
// HTML tags and character entities (cells may still carry <p> or &nbsp;),
// dots and any other punctuation that carries no meaning for dates.
func tokenize(toks []token, s string) []token {
	// Folded words share one buffer: a substring of a Builder's String()
	// stays valid as the Builder grows, so each word costs no allocation.
	var folded strings.Builder
	folded.Grow(len(s) + 8)
	i := 0
	for i < len(s) {
		r, w := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '<' && i+1 < len(s) && (isASCIILetter(s[i+1]) || s[i+1] == '/'):
			if j := strings.IndexByte(s[i:], '>'); j > 0 {
				i += j + 1
				continue
			}
			i += w
		case r == '&':
			if j := strings.IndexByte(s[i:], ';'); j > 1 && j < 10 && isEntityName(s[i+1:i+j]) {
				i += j + 1
				continue
			}
			i += w
		case unicode.IsLetter(r):
			j := i
			for j < len(s) {
				r2, w2 := utf8.DecodeRuneInString(s[j:])
				if !unicode.IsLetter(r2) {
					break
				}
				j += w2
			}
			j = romanPrefix(s, i, j)
			n := folded.Len()
			foldInto(&folded, s[i:j])
			toks = append(toks, token{kind: tWord, text: folded.String()[n:], start: i, end: j})
			i = j
		case r >= 'Ⅰ' && r <= 'ⅻ' && romanChars[(r-'Ⅰ')%16] != "":
			// Ⅱ, Ⅳ: the numerals of Unicode's number forms, which Word's
			// symbol table and some fonts' converters give. They are not
			// letters, so they were passed over as punctuation and "Ⅱ
			// квартал" was read as a quarter of every year.
			toks = append(toks, token{kind: tWord, text: romanChars[(r-'Ⅰ')%16], start: i, end: i + w})
			i += w
		case r >= '0' && r <= '9':
			t, j := scanNumber(s, i)
			toks = append(toks, t)
			i = j
		case isDash(r):
			toks = append(toks, token{kind: tDash, start: i, end: i + w})
			i += w
		case r == ',' || r == ';' || r == '+':
			toks = append(toks, token{kind: tSep, start: i, end: i + w})
			i += w
		case r == '/' || r == '\\':
			toks = append(toks, token{kind: tSlash, start: i, end: i + w})
			i += w
		case r == '(' || r == '[':
			toks = append(toks, token{kind: tOpen, start: i, end: i + w})
			i += w
		case r == ')' || r == ']':
			toks = append(toks, token{kind: tClose, start: i, end: i + w})
			i += w
		default: // spaces, NBSP, dots, quotes, invalid bytes
			i += w
		}
	}
	return toks
}

// romanChars spells the Roman numerals Ⅰ-Ⅻ (U+2160-U+216B) and ⅰ-ⅻ
// (U+2170-U+217B) in Latin letters, as romanOf reads them; "" for the
// other number forms of those rows (Ⅼ, Ⅽ, Ⅾ, Ⅿ).
var romanChars = [16]string{"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"}

// romanPrefix splits a Roman numeral in Latin letters glued to the Russian
// word after it ("IVквартал", "IIполугодие"): it returns where the word
// starting at s[i:] ends, j unless s[i:j] is such a numeral and a word.
// A Latin letter that merely looks Cyrillic ("Cентябрь") is not split:
// only I, V and X are.
func romanPrefix(s string, i, j int) int {
	k := i
	for k < j && strings.IndexByte("IVXivx", s[k]) >= 0 {
		k++
	}
	if k == i || k == j || k-i > 4 || s[k] < utf8.RuneSelf {
		return j
	}
	return k
}

// scanNumber reads digits at s[i:]. A dotted group that forms a valid date
// (01.09.2022, 1.9.22), month (09.2021) or day without a year (15.09, year
// 0) becomes one tDate token; anything
// else is a plain tNum, its dots left for the caller to skip. A slash or a
// comma typed for a dot ("01/09/2024", "01,09.2024") and the ISO order
// ("2024-09-01") make a date too when the group is a whole date with a
// year of four digits; a group shaped as a date whose month cannot be
// ("32.13.2024") is one bad number, so that no part of it is read as a
// year.
func scanNumber(s string, i int) (token, int) {
	if t, j, ok := isoDate(s, i); ok {
		return t, j
	}
	var parts [3]string
	n := 0
	j := i
	loose := false // a separator other than a dot
	for n < 3 {
		k := j
		for k < len(s) && s[k] >= '0' && s[k] <= '9' {
			k++
		}
		if k == j {
			break
		}
		parts[n] = s[j:k]
		n++
		j = k
		if j+1 < len(s) && s[j+1] >= '0' && s[j+1] <= '9' && n < 3 {
			if s[j] == '.' {
				j++
				continue
			}
			if (s[j] == '/' || s[j] == ',') && looseDate(s, i) {
				loose = true
				j++
				continue
			}
		}
		break
	}
	first := token{kind: tNum, text: parts[0], n: atoi(parts[0]), start: i, end: i + len(parts[0])}
	switch n {
	case 3:
		d, m, y := atoi(parts[0]), atoi(parts[1]), fullYear(parts[2])
		if len(parts[0]) <= 2 && len(parts[1]) <= 2 && validDay(y, m, d) && (!loose || len(parts[2]) == 4) {
			return token{kind: tDate, day: d, mon: m, year: y, start: i, end: j}, j
		}
		if len(parts[0]) <= 2 && len(parts[1]) <= 2 && isYear(y) && d >= 1 && m > 12 {
			first.bad, first.end = true, j
			return first, j
		}
		if len(parts[0]) <= 2 && len(parts[1]) <= 2 && isYear(y) && d >= 1 && m >= 1 {
			first.bad = true
			return first, first.end
		}
	case 2:
		m, y := atoi(parts[0]), fullYear(parts[1])
		if len(parts[0]) <= 2 && len(parts[1]) == 4 && m >= 1 && m <= 12 && isYear(y) {
			return token{kind: tDate, mon: m, year: y, start: i, end: j}, j
		}
		// "до 15.09": a day and month without a year.
		if d, m := atoi(parts[0]), atoi(parts[1]); len(parts[1]) == 2 && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(2000, m) {
			return token{kind: tDate, day: d, mon: m, start: i, end: j}, j
		}
	}
	return first, first.end
}

// looseDate reports whether s[i:] starts with a whole date written with
// slashes or commas among its dots: d[./,]m[./,]yyyy.
func looseDate(s string, i int) bool {
	var n [3]int // digits in each group
	g := 0
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			n[g]++
		case (c == '.' || c == '/' || c == ',') && g < 2 && n[g] > 0:
			g++
		default:
			return g == 2 && n[0] <= 2 && n[1] <= 2 && n[2] == 4
		}
	}
	return g == 2 && n[0] <= 2 && n[1] <= 2 && n[2] == 4
}

// isoDate reads "2024-09-01" at s[i:], the order of spreadsheets and
// forms: a year of four digits, a month and a day of two, a real date.
func isoDate(s string, i int) (token, int, bool) {
	if i+10 > len(s) || s[i+4] != '-' || s[i+7] != '-' {
		return token{}, i, false
	}
	for _, k := range []int{0, 1, 2, 3, 5, 6, 8, 9} {
		if s[i+k] < '0' || s[i+k] > '9' {
			return token{}, i, false
		}
	}
	if i+10 < len(s) && s[i+10] >= '0' && s[i+10] <= '9' {
		return token{}, i, false
	}
	y, m, d := atoi(s[i:i+4]), atoi(s[i+5:i+7]), atoi(s[i+8:i+10])
	if !validDay(y, m, d) {
		return token{}, i, false
	}
	return token{kind: tDate, day: d, mon: m, year: y, start: i, end: i + 10}, i + 10, true
}

// atoi converts a digit string; values that do not fit in six digits give 0
// so that no rule mistakes them for a day, month or year.
func atoi(s string) int {
	if len(s) == 0 || len(s) > 6 {
		return 0
	}
	v := 0
	for i := 0; i < len(s); i++ {
		v = v*10 + int(s[i]-'0')
	}
	return v
}

// fullYear reads a year of four digits, or of two (22 -> 2022).
func fullYear(s string) int {
	switch len(s) {
	case 2:
		return 2000 + atoi(s)
	case 4:
		return atoi(s)
	}
	return 0
}

// isYear bounds the years the parser accepts, which keeps every range it
// expands small whatever the input.
func isYear(y int) bool { return y >= 1900 && y <= 2199 }

// validDay reports whether d.m.y is a real calendar date.
func validDay(y, m, d int) bool {
	if !isYear(y) || m < 1 || m > 12 || d < 1 {
		return false
	}
	return d <= daysIn(y, m)
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

func isDash(r rune) bool {
	switch r {
	case '-', '‐', '‑', '‒', '–', '—', '―', '−':
		return true
	}
	return false
}

func isASCIILetter(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }

func isEntityName(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isASCIILetter(s[i]) && !(s[i] >= '0' && s[i] <= '9') && s[i] != '#' {
			return false
		}
	}
	return true
}

// foldInto writes a word lower-cased and with ё spelled е, the way the
// documents mix them.
func foldInto(b *strings.Builder, w string) {
	for _, r := range w {
		r = unicode.ToLower(r)
		if r == 'ё' {
			r = 'е'
		}
		b.WriteRune(r)
	}
}
