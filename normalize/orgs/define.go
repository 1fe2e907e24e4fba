package orgs

import (
	"html"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/roadmap-tool/roadmap/internal/lazyre"
)

// defRE matches an abbreviation definition: "(далее – X)", "(далее-X)",
// "(далее — «X»)", "(далее по тексту – X)".
var defRE = lazyre.New(`(?i)\(\s*далее(?:\s+по\s+тексту)?\s*[-‐‑‒–—―−:]?\s*[«"“]?([^()«»"“”]{1,60}?)[»"”]?\s*\)`)

var tagRE = lazyre.New(`<[a-zA-Z/][^>]*>`)

// plainText drops HTML tags (a paragraph or list item ends a line) and
// decodes entities, since cells may still carry the converter's markup.
func plainText(s string) string {
	if strings.ContainsAny(s, "<&") {
		s = tagRE.ReplaceAllStringFunc(s, func(t string) string {
			l := strings.ToLower(t)
			if strings.HasPrefix(l, "<p") || strings.HasPrefix(l, "<li") || strings.HasPrefix(l, "<br") || strings.HasPrefix(l, "</p") || strings.HasPrefix(l, "</li") {
				return "\n"
			}
			return " "
		})
		s = html.UnescapeString(s)
	}
	return s
}

// Define scans any text of the document for abbreviation definitions
// ("... (далее – X)") and remembers them. Call it on every cell first.
// The expansion is the run of words just before the parenthesis whose
// initials spell the abbreviation (Отдел общего и дошкольного образования
// ... -> ООДО МКУ ДГУО); when the initials do not fit, it is the clause
// since the last comma, colon, semicolon or line start.
//
// A text read before is passed over (396 cells of an export of 5,000
// activities define an abbreviation, in 42 different texts), unless a
// result is being recorded for the memo, which must note what it reads.
func (r *Resolver) Define(text string) {
	if !hasDalee(text) {
		return
	}
	if _, again := r.defined[text]; again && !r.recording {
		return
	}
	if r.defined == nil {
		r.defined = map[string]struct{}{}
	}
	r.defined[text] = struct{}{}
	text = plainText(text)
	for _, m := range defRE.FindAllStringSubmatchIndex(text, -1) {
		abbr := clean(text[m[2]:m[3]])
		if !strings.ContainsFunc(abbr, unicode.IsLetter) || len(strings.Fields(abbr)) > 6 {
			continue
		}
		r.define(abbr, expansion(text[:m[0]], abbr))
	}
}

// hasDalee reports whether "далее" occurs in any capitalisation, without
// lower-casing the whole (often long) cell. It is the filter in front of
// defRE, which needs a "(" (written as an entity in markup, which
// plainText decodes): a text without "(" and "&" is passed over with two
// byte scans, not two searches for a Cyrillic word whose first byte is
// every other byte of the text (every cell of a document comes here).
func hasDalee(s string) bool {
	if strings.IndexByte(s, '(') < 0 && strings.IndexByte(s, '&') < 0 {
		return false
	}
	if strings.Contains(s, "ДАЛЕЕ") {
		return true
	}
	// "далее" and "Далее" both contain "алее": one pass for most cells.
	return strings.Contains(s, "алее") && (strings.Contains(s, "далее") || strings.Contains(s, "Далее"))
}

func (r *Resolver) define(abbr, full string) {
	// A result kept can only have read entries here that were there
	// (else it changed something), and they never change; the reads are
	// noted all the same, as everywhere.
	k := key(abbr)
	r.read(depName, k)
	if prev, ok := r.defs[k]; ok {
		abbr = prev // the first spelling stays canonical
	} else {
		r.defs[k] = abbr
		r.changed(depName, k)
	}
	if full == "" {
		return
	}
	r.read(depDefFull, abbr)
	if _, ok := r.defFull[abbr]; !ok {
		r.defFull[abbr] = full
		r.changed(depDefFull, abbr)
	}
	kf := key(full)
	r.read(depName, kf)
	if _, ok := r.expands[kf]; !ok {
		r.expands[kf] = abbr
		r.changed(depName, kf)
		r.addStem(kf, kf)
	}
}

// expansion picks the full name of abbr from the text before its
// definition.
func expansion(before, abbr string) string {
	clause := before
	if i := lastSeparator(clause); i >= 0 {
		clause = clause[i+1:]
	}
	words := strings.Fields(clause)
	for len(words) > 0 && strings.Trim(words[0], "-–—•*«\"") == "" {
		words = words[1:]
	}
	if len(words) == 0 {
		return ""
	}
	if i := initialsStart(words, abbr); i >= 0 {
		// The legal form before the initials is part of the name:
		// "МКУ «Центр развития образования» (далее – ЦРО)".
		for i > 0 && legalForms()[strings.ToLower(words[i-1])] {
			i--
		}
		words = words[i:]
	}
	return strings.Trim(strings.Join(words, " "), " -–—•*")
}

// lastSeparator is the index of the last of "\n;:,.()" in s outside
// quotes, -1 for none: the comma of "МКУ «Центр психолого-педагогической,
// медицинской и социальной помощи» (далее – ЦППМСП)" is inside the name
// (the full name was "медицинской и социальной помощи»"). An opening «
// left unclosed keeps the rest inside.
func lastSeparator(s string) int {
	last, depth, straight := -1, 0, false
	for i, c := range s {
		switch c {
		case '«', '“':
			depth++
		case '»', '”':
			depth = max(depth-1, 0)
		case '"':
			straight = !straight
		case '\n', ';', ':', ',', '.', '(', ')':
			if depth == 0 && !straight {
				last = i
			}
		}
	}
	return last
}

// stopwords may sit inside a name without giving a letter to its
// abbreviation.
var stopwords = map[string]bool{"и": true, "в": true, "во": true, "на": true, "по": true,
	"о": true, "об": true, "для": true, "с": true, "со": true, "при": true, "к": true,
	"из": true, "от": true, "а": true, "их": true, "за": true}

// initialsStart finds where, reading backwards from the end of words, the
// abbreviation's letters have all been matched by word initials (or a part
// of the abbreviation met verbatim, like МКУ in "... МКУ ДГУО"). Up to two
// trailing words may precede the first match ("объединения учителей" for
// ГМО). It returns the index of the first word of the name, or -1.
func initialsStart(words []string, abbr string) int {
	parts := strings.Fields(abbr)
	if len(parts) == 1 && len(partLetters(parts[0])) == 1 && utf8.RuneCountInString(parts[0]) > 3 {
		return -1 // a capitalised word ("Конкурс"), not initials
	}
	pi := len(parts) - 1
	letters := partLetters(parts[pi])
	li := len(letters) - 1
	matched, trailing := false, 0
	next := func() bool { // move to the previous part; true when none is left
		pi--
		if pi < 0 {
			return true
		}
		letters = partLetters(parts[pi])
		li = len(letters) - 1
		return false
	}
	for wi := len(words) - 1; wi >= 0; wi-- {
		w := strings.Trim(words[wi], "«»\"“”()")
		lw := strings.ToLower(w)
		switch {
		case li == len(letters)-1 && key(w) == key(parts[pi]):
			matched = true
			if next() {
				return wi
			}
		case stopwords[lw]:
		case li >= 0 && firstLetter(lw) == letters[li]:
			matched = true
			if li--; li < 0 && next() {
				return wi
			}
		case !matched && trailing < 2:
			trailing++
		default:
			return -1
		}
		for pi >= 0 && len(letters) == 0 {
			if next() {
				return wi
			}
		}
	}
	return -1
}

// partLetters returns the letters of one part of an abbreviation that are
// initials: all of them in an all-capitals part (ООДО), only the capitals
// in a mixed one (ВсОШ -> В О Ш, ДМиС -> Д М С), folded to lower case.
func partLetters(p string) []rune {
	var upper, all []rune
	for _, c := range p {
		if !unicode.IsLetter(c) {
			continue
		}
		l := unicode.ToLower(c)
		if l == 'ё' {
			l = 'е'
		}
		all = append(all, l)
		if unicode.IsUpper(c) {
			upper = append(upper, l)
		}
	}
	if len(upper) > 0 && len(upper) < len(all) {
		return upper
	}
	return all
}

func firstLetter(w string) rune {
	for _, c := range w {
		if unicode.IsLetter(c) {
			if c == 'ё' {
				c = 'е'
			}
			return c
		}
	}
	return 0
}

// glossaryEntryRE is one entry of a list of abbreviations: the
// abbreviation, a dash between spaces, the full name.
var glossaryEntryRE = lazyre.New(`^(\S.{0,39}?)\s+[-–—]\s+(\S.*)$`)

// DefineGlossary reads a list of abbreviations written outside the table,
// as officials append one under a roadmap ("Используемые сокращения: ОО –
// общеобразовательные организации; ИМЦ – информационно-методический
// центр."): entries "X – full name" separated by semicolons or lines,
// after an optional label ending with a colon. An entry whose X is not an
// abbreviation ("Начальник управления – Е.В. Кречетова") defines nothing,
// and a definition met earlier ("(далее – X)" in a cell) is kept.
func (r *Resolver) DefineGlossary(text string) {
	text = plainText(text)
	if i := strings.IndexByte(text, ':'); i >= 0 && !glossaryEntryRE.MatchString(strings.TrimSpace(text[:i])) {
		text = text[i+1:]
	}
	for _, e := range strings.FieldsFunc(text, func(c rune) bool { return c == ';' || c == '\n' }) {
		m := glossaryEntryRE.FindStringSubmatch(strings.TrimSpace(e))
		if m == nil {
			continue
		}
		abbr, full := clean(m[1]), strings.TrimRight(clean(m[2]), ".,; ")
		if !glossaryTerm(abbr) || full == "" || instruction(full) {
			continue
		}
		r.define(abbr, full)
	}
}

// instruction reports an explanation that opens with a verb in the
// infinitive or the imperative ("обеспечить участие ...", "предоставьте
// отчет ..."): a note under the table that tells an organisation what to
// do ("ОО – обеспечить участие в конкурсе"), not the name that a list of
// abbreviations gives it. A name opens with a noun or an adjective, and
// few Russian nouns and no adjective in the nominative end in -ть, -ться
// or -чь ("сеть", "часть", "власть", "область" are let through).
func instruction(full string) bool {
	w, _, _ := strings.Cut(strings.ToLower(full), " ")
	w = strings.TrimRight(w, ",.:;")
	for _, end := range []string{"ть", "ться", "чь", "йте", "ите", "ьте"} {
		if strings.HasSuffix(w, end) {
			switch w {
			case "часть", "власть", "сеть", "область":
				return false
			}
			return true
		}
	}
	return false
}

// glossaryTerm reports an abbreviation as a list of them names it: a short
// run of capitals ("ОО", "ДОО", "КДН и ЗП"), possibly with a word after a
// hyphen ("ППМС-центр").
func glossaryTerm(s string) bool {
	f := strings.Fields(s)
	if len(f) == 0 || len(f) > 3 {
		return false
	}
	head, _, _ := strings.Cut(f[0], "-")
	return abbrevLike(head)
}
