package document

import (
	"strconv"
	"strings"
)

// numFormat is how a list level writes its counter.
type numFormat uint8

const (
	fmtDecimal numFormat = iota
	fmtDecimalZero
	fmtLowerLetter // a..z, then aa, bb (Word) or aa, ab (OpenDocument without letter sync)
	fmtUpperLetter
	fmtLowerRoman
	fmtUpperRoman
	fmtRussianLower
	fmtRussianUpper
	fmtNone
	fmtBullet
)

// wordFormats maps w:numFmt values. Formats the readers do not know
// (ordinal, cardinalText, chineseCounting...) print as decimal, which
// keeps the number's value.
var wordFormats = map[string]numFormat{
	"decimal":      fmtDecimal,
	"decimalZero":  fmtDecimalZero,
	"lowerLetter":  fmtLowerLetter,
	"upperLetter":  fmtUpperLetter,
	"lowerRoman":   fmtLowerRoman,
	"upperRoman":   fmtUpperRoman,
	"russianLower": fmtRussianLower,
	"russianUpper": fmtRussianUpper,
	"none":         fmtNone,
	"bullet":       fmtBullet,
}

// odfFormat reads style:num-format: "1", "a", "A", "i", "I", "" (none),
// and LibreOffice's Cyrillic "а, б, .., аа, аб, ... (ru)".
func odfFormat(v string) numFormat {
	switch {
	case v == "":
		return fmtNone
	case v == "a":
		return fmtLowerLetter
	case v == "A":
		return fmtUpperLetter
	case v == "i":
		return fmtLowerRoman
	case v == "I":
		return fmtUpperRoman
	case strings.HasPrefix(v, "а"):
		return fmtRussianLower
	case strings.HasPrefix(v, "А"):
		return fmtRussianUpper
	case strings.HasPrefix(v, "01"):
		return fmtDecimalZero
	}
	return fmtDecimal
}

// russianLetters are the letters Word and LibreOffice count with in
// Russian lists: the alphabet without ё, й, ъ, ы, ь.
var russianLetters = []rune("абвгдежзиклмнопрстуфхцчшщэюя")

// formatNumber writes n in format f. sync selects repeated letters after
// the alphabet runs out (z, aa, bb: Word, and OpenDocument with
// style:num-letter-sync) over bijective counting (z, aa, ab).
func formatNumber(n int, f numFormat, sync bool) string {
	switch f {
	case fmtNone, fmtBullet:
		return ""
	case fmtDecimalZero:
		if n >= 0 && n < 10 {
			return "0" + strconv.Itoa(n)
		}
	case fmtLowerLetter, fmtUpperLetter:
		if n > 0 {
			s := letters(n, []rune("abcdefghijklmnopqrstuvwxyz"), sync)
			if f == fmtUpperLetter {
				s = strings.ToUpper(s)
			}
			return s
		}
	case fmtRussianLower, fmtRussianUpper:
		if n > 0 {
			s := letters(n, russianLetters, sync)
			if f == fmtRussianUpper {
				s = strings.ToUpper(s)
			}
			return s
		}
	case fmtLowerRoman, fmtUpperRoman:
		if n > 0 && n < 4000 {
			s := roman(n)
			if f == fmtLowerRoman {
				s = strings.ToLower(s)
			}
			return s
		}
	}
	return strconv.Itoa(n)
}

func letters(n int, alphabet []rune, sync bool) string {
	k := len(alphabet)
	if sync {
		// a..z, aa..zz, aaa..: the letter repeated once per round.
		repeat := (n-1)/k + 1
		if repeat > 50 {
			return strconv.Itoa(n)
		}
		return strings.Repeat(string(alphabet[(n-1)%k]), repeat)
	}
	var out []rune
	for n > 0 {
		n--
		out = append([]rune{alphabet[n%k]}, out...)
		n /= k
	}
	return string(out)
}

func roman(n int) string {
	vals := [...]int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := [...]string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}
