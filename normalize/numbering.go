package normalize

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/roadmap-tool/roadmap/internal/lazyre"
	"github.com/roadmap-tool/roadmap/normalize/plan"
)

type numKind int

const (
	numArabic numKind = iota + 1 // 1, 1.2, 1.2.3.
	numRoman                     // I., II
	numLetter                    // А., Б)
)

// number is a printed row or heading number.
type number struct {
	text string // as printed, trimmed ("1.2.", "II.", "Раздел 2")
	kind numKind
	path []int // arabic components; the value of a roman or letter numeral
	dot  bool  // printed with a trailing dot
	// word is the keyword printed before the number, lower case ("раздел",
	// "задача"), "" for none: the section's kind.
	word string
	// letter is a lower-case letter that ends an arabic number, as
	// printed: "а" of "1.1а." (an item inserted after 1.1, its sibling;
	// path [1 1]) or of "2.3.б" (a sub-item of 2.3; path [2 3 2], the
	// letter's place in the alphabet, sub set); "" for none.
	letter string
	sub    bool
}

// key is the number without its punctuation: "1.2", "II", "Б", "1.1а",
// "2.3.б".
func (n number) key() string {
	if n.kind == numArabic {
		switch {
		case n.letter == "":
		case n.sub:
			return pathString(n.path[:len(n.path)-1]) + "." + n.letter
		default:
			return pathString(n.path) + n.letter
		}
		return pathString(n.path)
	}
	s := strings.TrimRight(n.text, ".)")
	if i := strings.LastIndexByte(s, ' '); i >= 0 {
		s = s[i+1:]
	}
	return s
}

func pathString(p []int) string {
	var b strings.Builder
	for i, v := range p {
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(strconv.Itoa(v))
	}
	return b.String()
}

var (
	romanRE   = lazyre.New(`^([IVXLCІХ]+)([.)])?$`)
	letterRE  = lazyre.New(`^([А-ЯЁA-Z])([.)])?$`)
	keywordRE = lazyre.New(`^(?i:(раздел|подраздел|глава|часть|блок|модуль|этап|задача|цель|направление|подпрограмма)(?:\s+деятельности|\s+работы)?)\s+(\d{1,6}(?:\.\d{1,6})*|[IVXLCІХ]+|[А-ЯЁA-Z])(\.)?(?:\s*[.:—–-]\s*|\s+|$)(.*)$`)
	// kindOnlyRE is a heading that names its kind but no number: "Цель:
	// повышение ...", "Задача. Создание ...".
	kindOnlyRE = lazyre.New(`^(?i:(раздел|этап|задача|цель|направление|подпрограмма))\s*[.:—–-]\s*(\S.*)$`)
	prefixRE   = lazyre.New(`^(\d{1,6}(?:\.\d{1,6})*)([.)])?\s+(\S.*)$`)
	romanPfx   = lazyre.New(`^([IVXLCІХ]+)[.)]\s*(\S.*)$`)
	letterPfx  = lazyre.New(`^([А-ЯЁA-Z])[.)]\s+(\p{Lu}.*)$`)
)

// parseNumber reads a number cell: "1.", "2.5.6", "II.", "Б)".
// Every cell of the number column and every one-cell row comes here, so
// the regular expressions run only on texts that can match them.
func parseNumber(s string) (number, bool) {
	s = strings.TrimSpace(s)
	if path, suffix, ok := matchArabic(s); ok && !yearLike(path) {
		return number{text: s, kind: numArabic, path: splitPath(path), dot: suffix != ""}, true
	}
	if n, ok := parseLettered(s); ok {
		return n, true
	}
	if r, _ := utf8.DecodeRuneInString(s); strings.ContainsRune("IVXLCІХ", r) {
		if m := romanRE.FindStringSubmatch(s); m != nil {
			if v := romanValue(m[1]); v > 0 {
				return number{text: s, kind: numRoman, path: []int{v}, dot: m[2] != ""}, true
			}
		}
	}
	if len(s) <= len("Ё)") { // one letter and its dot or parenthesis
		if m := letterRE.FindStringSubmatch(s); m != nil {
			return number{text: s, kind: numLetter, path: []int{letterValue(m[1])}, dot: m[2] != ""}, true
		}
	}
	return number{}, false
}

// parseLettered reads an arabic number ended by a lower-case letter:
// "1.1а.", "1.1а)", "1а" (an item inserted after 1.1, 1: a sibling) and
// "2.3.б", "2.3.б)" (sub-item б of 2.3: a child). Only letters used for
// enumeration count; a year with "г." ("2021г.") is no number.
func parseLettered(s string) (number, bool) {
	if s == "" || s[0] < '0' || s[0] > '9' {
		return number{}, false
	}
	body := strings.TrimRight(s, ".)")
	if len(s)-len(body) > 1 {
		return number{}, false
	}
	r, size := utf8.DecodeLastRuneInString(body)
	if size == len(body) || !unicode.IsLower(r) {
		return number{}, false
	}
	value := letterIndex(unicode.ToUpper(r))
	if value == 0 {
		return number{}, false
	}
	digits := body[:len(body)-size]
	child := strings.HasSuffix(digits, ".")
	if child {
		digits = digits[:len(digits)-1]
	}
	path, suffix, ok := matchArabic(digits)
	if !ok || suffix != "" || yearLike(path) {
		return number{}, false
	}
	n := number{text: s, kind: numArabic, path: splitPath(path), dot: len(s) > len(body), letter: string(r), sub: child}
	if child {
		n.path = append(n.path, value)
	}
	return n, true
}

// maxDigits bounds one component of an item number: "1000." and
// "1.1250" are items of long flat lists; seven digits are no numbering.
const maxDigits = 6

// yearLike reports a number that is one component of four digits from
// 1900 to 2199: a year (a column header "2021" of a programme's funding),
// not an item number.
func yearLike(path string) bool {
	if len(path) != 4 {
		return false
	}
	y, err := strconv.Atoi(path)
	return err == nil && y >= 1900 && y <= 2199
}

// matchArabic is ^(\d{1,6}(?:\.\d{1,6})*)([.)])?$ by hand (TestMatchArabic
// checks it against that expression): groups of one to maxDigits ASCII
// digits joined by dots, then perhaps one "." or ")". path is the digits
// and dots before that suffix.
func matchArabic(s string) (path, suffix string, ok bool) {
	i := 0
	for {
		d := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			d++
		}
		if d == 0 || d > maxDigits {
			return "", "", false
		}
		switch {
		case i == len(s):
			return s, "", true
		case s[i] == '.' && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9':
			i++ // the next group
		case (s[i] == '.' || s[i] == ')') && i+1 == len(s):
			return s[:i], s[i:], true
		default:
			return "", "", false
		}
	}
}

// headingPrefix splits a heading text into its number and its title:
// "1. Меры ...", "II. МЕХАНИЗМЫ ...", "Раздел 2. ...", "Б. ...".
func headingPrefix(s string) (number, string, bool) {
	s = strings.TrimSpace(s)
	if m := keywordRE.FindStringSubmatch(s); m != nil {
		n, ok := parseNumber(m[2])
		if ok {
			// The number as printed after its keyword: "Раздел 1." -> "1."
			n.text, n.dot = m[2]+m[3], m[3] != ""
			n.word = strings.ToLower(m[1])
			return n, strings.TrimSpace(m[4]), true
		}
	}
	if m := prefixRE.FindStringSubmatch(s); m != nil && !yearLike(m[1]) {
		rest := m[3]
		// "1 Мероприятия" needs a capital; "2021 г." and "2021. Итоги"
		// are years, not numbers.
		if m[2] != "" || strings.Contains(m[1], ".") || startsUpper(rest) {
			return number{text: m[1] + m[2], kind: numArabic, path: splitPath(m[1]), dot: m[2] != ""}, rest, true
		}
	}
	if m := romanPfx.FindStringSubmatch(s); m != nil {
		if v := romanValue(m[1]); v > 0 && startsUpper(m[2]) {
			return number{text: strings.TrimSpace(s[:len(s)-len(m[2])]), kind: numRoman, path: []int{v}, dot: true}, m[2], true
		}
	}
	if m := letterPfx.FindStringSubmatch(s); m != nil {
		return number{text: strings.TrimSpace(s[:len(s)-len(m[2])]), kind: numLetter, path: []int{letterValue(m[1])}, dot: true}, m[2], true
	}
	return number{}, s, false
}

// headingKind reads a heading that names its kind without a number
// ("Цель: повышение качества ..."): the kind and the title.
func headingKind(s string) (kind, title string, ok bool) {
	if r, _ := utf8.DecodeRuneInString(s); !strings.ContainsRune("РрЭэЗзЦцНнПп", r) {
		return "", s, false
	}
	if m := kindOnlyRE.FindStringSubmatch(strings.TrimSpace(s)); m != nil {
		return strings.ToLower(m[1]), m[2], true
	}
	return "", s, false
}

func startsUpper(s string) bool {
	for _, r := range s {
		return r >= 'А' && r <= 'Я' || r == 'Ё' || r >= 'A' && r <= 'Z' || r == '«' || r == '"'
	}
	return false
}

// splitPath reads the components of an arabic number's path ("1.2.3").
// s is groups of one to maxDigits ASCII digits joined by dots (matchArabic,
// prefixRE): read in one pass, without a slice of the groups' strings
// (one allocation per numbered row, not two).
func splitPath(s string) []int {
	out := make([]int, 0, strings.Count(s, ".")+1)
	v := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '.' {
			out = append(out, v)
			v = 0
			continue
		}
		v = v*10 + int(s[i]-'0')
	}
	return append(out, v)
}

// romanValue converts a roman numeral (Cyrillic І and Х accepted as I and
// X); 0 when it is not one.
func romanValue(s string) int {
	vals := map[rune]int{'I': 1, 'І': 1, 'V': 5, 'X': 10, 'Х': 10, 'L': 50, 'C': 100}
	rs := []rune(s)
	total := 0
	for i, r := range rs {
		v := vals[r]
		if v == 0 {
			return 0
		}
		if i+1 < len(rs) && vals[rs[i+1]] > v {
			total -= v
		} else {
			total += v
		}
	}
	if total > 50 {
		return 0
	}
	return total
}

// cyrLetters is the order of Cyrillic enumeration letters (Ё, Й, Ъ, Ы, Ь
// are not used for numbering).
const cyrLetters = "АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЩЭЮЯ"

func letterValue(s string) int {
	r, _ := utf8.DecodeRuneInString(s)
	return letterIndex(r)
}

// letterIndex is the place of an enumeration letter (capital) in its
// alphabet, 0 for none; it allocates nothing, since every number cell
// that ends in a letter asks.
func letterIndex(r rune) int {
	if r >= 'A' && r <= 'Z' {
		return int(r-'A') + 1
	}
	i := 0
	for _, c := range cyrLetters {
		i++
		if c == r {
			return i
		}
	}
	return 0
}

func hasPrefix(p, of []int) bool {
	if len(of) > len(p) {
		return false
	}
	for i := range of {
		if p[i] != of[i] {
			return false
		}
	}
	return true
}

// missingText formats the numbers skipped between prev and next (same
// prefix, last component differs): "пропущен номер 2.5.5".
// With letters, the last component is a letter ("пропущен номер 2.3.б").
func missingText(prefix []int, from, to int, letters bool) string {
	num := func(v int) string {
		if letters && v >= 1 && v <= utf8.RuneCountInString(cyrLetters) {
			return pathString(prefix) + "." + strings.ToLower(string([]rune(cyrLetters)[v-1]))
		}
		return pathString(append(append([]int(nil), prefix...), v))
	}
	if from == to {
		return "пропущен номер " + num(from)
	}
	return fmt.Sprintf("пропущены номера %s–%s", num(from), num(to))
}

// numberStyle records how a number of the number column was printed, for
// the trailing-dot consistency check at the end.
//
// Its row and column stand for its position (the row's cells do not move
// after the logical rows are made): 40 bytes, not 64 with a plan.Pos, for
// each numbered row.
type numberStyle struct {
	text       string
	lr         *lrow
	depth, col int32
	dot        bool
}

// checkDots reports, per depth, the numbers printed against the
// document's majority style ("14.1" among "14.2.", "14.4.").
func checkDots(styles []numberStyle, d *plan.Diagnostics) {
	type tally struct {
		dot, plain int
		first      bool // style of the first number, which wins a tie
	}
	byDepth := map[int32]*tally{}
	for _, s := range styles {
		t := byDepth[s.depth]
		if t == nil {
			t = &tally{first: s.dot}
			byDepth[s.depth] = t
		}
		if s.dot {
			t.dot++
		} else {
			t.plain++
		}
	}
	for _, s := range styles {
		t := byDepth[s.depth]
		if t.dot == 0 || t.plain == 0 {
			continue
		}
		major := t.dot > t.plain || t.dot == t.plain && t.first
		if s.dot == major {
			continue
		}
		msg := fmt.Sprintf("номер %s записан без точки в конце, а большинство номеров этого уровня — с точкой", s.text)
		if s.dot {
			msg = fmt.Sprintf("номер %s записан с точкой в конце, а большинство номеров этого уровня — без точки", s.text)
		}
		d.Add(s.lr.cellPos(int(s.col)), plan.Warning, plan.CodeNumberFormat, msg, s.text)
	}
}
