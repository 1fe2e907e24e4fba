package normalize

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/roadmap-tool/roadmap/internal/editdist"
	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// Header typos. A header such as "Мерорпиятие (содержание деятельности)"
// or "Форма прредставления отчета" is read by a person without a pause,
// so the importer reads it too, but only after exact and whole-word
// matching failed, only within a small edit distance per word, and never
// silently: every such reading becomes an Info diagnostic.

// headerMatch is how a header text was read.
type headerMatch struct {
	role    plan.Role
	standIn plan.Role // the synonym's stand-in role (see synonym)
	score   int       // 0 when nothing matched
	// syn is the synonym the main text was read as through a typo ("" for
	// an exact reading); paren is the parenthesised part when it gave or
	// confirmed the role, parenTypo whether that took a typo too.
	syn, paren string
	parenTypo  bool
}

// guessed reports whether the reading went beyond exact matching and so
// must be reported to the user.
func (m headerMatch) guessed() bool { return m.score > 0 && (m.syn != "" || m.paren != "") }

// readHeader reads a header the way a person does: the words as written
// first; failing that, the words with a typo allowed in each, and the
// parenthesised part ("(содержание деятельности)"), which often restates
// the column, as further evidence. When both give a role they must agree,
// unless the parenthesised part reads exactly and the main text only
// through a typo; then the exact reading wins.
func readHeader(header string) headerMatch {
	if s, sc := matchSynonym(header); sc > 0 {
		return headerMatch{role: s.role, standIn: s.standIn, score: sc}
	}
	main := matchTypo(header)
	inner := parenText(header)
	if inner == "" {
		return main
	}
	par := headerMatch{role: plan.RoleOther, paren: inner}
	if s, sc := matchSynonym(inner); sc > 0 {
		par.role, par.standIn, par.score = s.role, s.standIn, sc
	} else if m := matchTypo(inner); m.score > 0 {
		par.role, par.standIn, par.score, par.parenTypo = m.role, m.standIn, m.score, true
	}
	if par.standIn != "" {
		// "(содержание деятельности)" after a header restates what the
		// column is: the activity itself, not a description beside it.
		par.role, par.standIn = par.standIn, ""
	}
	switch {
	case par.score == 0:
		return main
	case main.score == 0:
		return par
	case main.role == par.role:
		main.paren, main.parenTypo = inner, par.parenTypo
		return main
	case !par.parenTypo:
		return par
	}
	return headerMatch{role: plan.RoleOther}
}

// parenText returns the text inside the header's parentheses, joined by
// spaces, or "".
func parenText(s string) string {
	var parts []string
	for {
		i := strings.IndexByte(s, '(')
		if i < 0 {
			break
		}
		j := strings.IndexByte(s[i:], ')')
		if j < 0 {
			parts = append(parts, s[i+1:])
			break
		}
		parts = append(parts, s[i+1:i+j])
		s = s[i+j+1:]
	}
	return strings.TrimSpace(strings.Join(parts, " "))
}

// Scores of typo readings stay below the exact ones of matchRole (100+)
// only in spirit: matchRole is always tried first. Among typo readings a
// whole-header one beats a contained one, and fewer edits beat more.
const (
	typoWhole    = 500
	typoContains = 100
	// maxTypoEdits bounds the edits over the whole synonym: a header
	// with three typos is rather another header.
	maxTypoEdits = 2
)

// matchTypo compares the header's words with each synonym's words by the
// bounded Damerau-Levenshtein distance of typoBound. The whole header may
// equal a synonym with typos, or, when short (as in matchRole), contain
// one. The [other] role is never guessed: an unknown header is kept as an
// extra column anyway. Readings as two different roles with the same score
// are ambiguous and give no match.
func matchTypo(header string) headerMatch {
	h := normHeader(header)
	if h == "" {
		return headerMatch{role: plan.RoleOther}
	}
	fields := strings.Fields(h)
	if len(fields) > 8 {
		return headerMatch{role: plan.RoleOther}
	}
	// A word written twice in a row ("Форма представления представления
	// отчета") is read once, at the cost of one edit.
	words := make([][]rune, 0, len(fields))
	doubled := 0
	for i, f := range fields {
		if i > 0 && f == fields[i-1] {
			doubled++
			continue
		}
		words = append(words, []rune(f))
	}
	best := headerMatch{role: plan.RoleOther}
	ambiguous := false
	syns := synonyms()
	for i := range syns {
		s := &syns[i]
		if s.role == plan.RoleOther || len(s.words) > len(words) {
			continue
		}
		base := typoContains
		if len(s.words) == len(words) {
			base = typoWhole
		}
		for at := 0; at+len(s.words) <= len(words); at++ {
			edits := wordsDistance(words[at:at+len(s.words)], s.words)
			if edits < 0 {
				continue
			}
			if edits += doubled; edits == 0 || edits > maxTypoEdits {
				continue // exact, which matchRole would have found, or too far
			}
			sc := base - 10*edits + len(s.pattern)
			switch {
			case sc > best.score:
				best = headerMatch{role: s.role, standIn: s.standIn, score: sc, syn: s.pattern}
				ambiguous = false
			case sc == best.score && s.role != best.role:
				ambiguous = true
			}
		}
	}
	if ambiguous {
		return headerMatch{role: plan.RoleOther}
	}
	return best
}

// wordsDistance returns the summed edits between equally long word lists,
// or -1 when a word is beyond its bound or the sum beyond maxTypoEdits.
func wordsDistance(got, want [][]rune) int {
	total := 0
	for k := range want {
		bound := typoBound(got[k], want[k])
		d := editdist.OSA(got[k], want[k], bound)
		if d > bound {
			return -1
		}
		total += d
		if total > maxTypoEdits {
			return -1
		}
	}
	return total
}

// typoBound is how many edits a word may carry and still be read as the
// synonym's word: none for short words ("№", "срок", "дата", numbers),
// where one letter makes another word; one for 5-7 letters; two from 8.
func typoBound(a, b []rune) int {
	n := min(len(a), len(b))
	for _, r := range a {
		if !unicode.IsLetter(r) {
			return 0
		}
	}
	switch {
	case n < 5:
		return 0
	case n < 8:
		return 1
	}
	return 2
}

// roleLabels name the roles in the diagnostics, as a user would title the
// column.
var roleLabels = map[plan.Role]string{
	plan.RoleNumber:      "номер",
	plan.RoleActivity:    "мероприятие",
	plan.RoleDeadline:    "срок",
	plan.RoleResponsible: "ответственные",
	plan.RoleResult:      "результат",
	plan.RoleReportForm:  "форма отчета",
	plan.RoleIndicator:   "показатели",
	plan.RoleFunding:     "финансирование",
	plan.RoleDescription: "описание мероприятия",
	plan.RoleGroup:       "группировка",
	plan.RoleOther:       "прочее",
}

// guessMessage says how a header was read beyond exact matching.
func guessMessage(m headerMatch) string {
	label := roleLabels[m.role]
	switch {
	case m.syn != "" && m.paren != "":
		return fmt.Sprintf("заголовок столбца похож на «%s» с опечаткой, это подтверждает часть в скобках «%s»; столбец прочитан как «%s»", m.syn, m.paren, label)
	case m.paren != "" && m.parenTypo:
		return fmt.Sprintf("заголовок столбца не распознан; по части в скобках «%s» (с опечаткой) столбец прочитан как «%s»", m.paren, label)
	case m.paren != "":
		return fmt.Sprintf("заголовок столбца не распознан; по части в скобках «%s» столбец прочитан как «%s»", m.paren, label)
	}
	return fmt.Sprintf("заголовок столбца похож на «%s» с опечаткой; столбец прочитан как «%s»", m.syn, label)
}
