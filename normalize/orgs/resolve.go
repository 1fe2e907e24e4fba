package orgs

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/roadmap-tool/roadmap/internal/lazyre"
	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// coPrefixes introduce a co-executor.
var coPrefixes = []string{"совместно с ", "совместно со ", "совм. с ", "при участии ", "с участием ", "во взаимодействии с "}

func (r *Resolver) resolve(text string) ([]plan.Executor, []Finding) {
	text = plainText(text)
	if strings.TrimSpace(text) == "" {
		return nil, nil
	}
	var execs []plan.Executor
	finds := noNames(text)
	for _, part := range split(text) {
		for _, alt := range r.splitSlash(part.text) {
			for _, sub := range r.splitAnd(alt) {
				if !hasAlnum(sub) {
					continue // reported by noNames
				}
				head, co := r.parenthesis(sub)
				e, f := r.resolveOne(head, part.co)
				execs = append(execs, e)
				finds = append(finds, f...)
				for _, c := range co {
					e, f := r.resolveOne(c, true)
					execs = append(execs, e)
					finds = append(finds, f...)
				}
			}
		}
	}
	return execs, finds
}

// parenthesis reads a parenthesis after an executor's name. Initials of
// the name define it ("Районный методический кабинет (РМК)"); bodies of
// their own are co-executors, as a column "Исполнитель (соисполнитель)"
// has them ("Руководители ОО (МБУ ДО «ДЮСШ»)"): head is then the name
// alone. Anything else ("(по согласованию)", a person's name) stays in
// head for resolveOne.
func (r *Resolver) parenthesis(t string) (head string, co []string) {
	if !strings.HasSuffix(t, ")") {
		return t, nil
	}
	i := strings.LastIndex(t, "(")
	if i <= 0 || strings.Contains(t[i+1:len(t)-1], "(") {
		return t, nil
	}
	name, inner := strings.TrimSpace(t[:i]), strings.TrimSpace(t[i+1:len(t)-1])
	if name == "" || inner == "" || hasDalee(inner) {
		return t, nil
	}
	words := strings.Fields(name)
	if abbrevLike(inner) && len(words) > 1 && initialsStart(words, inner) == 0 {
		r.define(inner, name)
		return t, nil
	}
	pieces := split(inner)
	for _, p := range pieces {
		f := strings.Fields(p.text)
		if len(f) == 0 || !(legalForms()[strings.ToLower(f[0])] || r.knownBody(p.text)) {
			return t, nil
		}
	}
	for _, p := range pieces {
		co = append(co, p.text)
	}
	return name, co
}

// noNames reports the parts of a responsible cell written with marks
// only ("..", "?", "ОО, -"): they name nobody, and would otherwise vanish
// in splitting or become an organisation named "?".
func noNames(text string) []Finding {
	var out []Finding
	for _, p := range strings.FieldsFunc(text, func(r rune) bool { return r == ',' || r == ';' || r == '\n' }) {
		if p = strings.TrimSpace(p); p != "" && !hasAlnum(p) {
			out = append(out, Finding{Severity: plan.Warning, Code: plan.CodeExecutorNoName,
				Message: fmt.Sprintf("ответственный записан знаками «%s» без названия: исполнитель не указан", p), Text: text})
		}
	}
	return out
}

// hasAlnum reports a letter or digit in s.
func hasAlnum(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
}

type piece struct {
	text string
	co   bool
	// line: the piece starts a line of the cell (after a line break,
	// not a comma or semicolon).
	line bool
}

// split cuts a cell into executor texts, trimmed of list dashes and
// trailing punctuation. Separators inside «quotes» and parentheses do not
// count, unless a quote or parenthesis is left open (a typo): then they do.
func split(s string) []piece {
	if out, balanced := splitNested(s, true); balanced {
		return joinClauses(out)
	}
	out, _ := splitNested(s, false)
	return joinClauses(out)
}

func splitNested(s string, nest bool) (out []piece, balanced bool) {
	co := false
	coRest := false // after "соисполнители:" every executor is a co-executor
	depth := 0      // inside «» or ()
	quote := false
	start := 0
	line := false // the piece being read starts a line
	flush := func(end int) {
		t := trimPart(s[start:end])
		if rest, ok := coLabel(t); ok {
			t, coRest = rest, true
		}
		if t != "" {
			if c, rest := coPrefix(t); c {
				t, co = rest, true
			}
			out = append(out, piece{text: t, co: co || coRest, line: line})
		}
	}
	for i := 0; i < len(s); {
		c, w := utf8.DecodeRuneInString(s[i:])
		switch {
		case nest && (c == '«' || c == '(' || c == '“'):
			depth++
		case nest && (c == '»' || c == ')' || c == '”') && depth > 0:
			depth--
		case nest && c == '"':
			quote = !quote
		case depth > 0 || quote:
		case c == '\n' || c == ';':
			flush(i)
			start, co, line = i+w, false, c == '\n'
		case c == ',':
			if !numberFollows(s[i+w:]) {
				flush(i)
				start, co, line = i+w, false, false
			}
		case c == ' ':
			if p := coAt(s[i+1:]); p > 0 {
				flush(i)
				start, co, line = i+1, false, false
			}
		}
		i += w
	}
	flush(len(s))
	return out, depth == 0 && !quote
}

// coLabel cuts a label that introduces co-executors in a cell of both
// ("УО; соисполнители: ИМЦ, ОО"): the rest of the cell is co-executors.
func coLabel(t string) (string, bool) {
	colon := strings.IndexAny(t, ":–-")
	if colon < 0 {
		return t, false
	}
	if !hasPrefixFold(t, "соисполнител") && !hasPrefixFold(t, "участник") {
		return t, false
	}
	_, w := utf8.DecodeRuneInString(t[colon:])
	return trimPart(t[colon+w:]), true
}

// hasPrefixFold is strings.HasPrefix without case, for a Cyrillic prefix
// (its letters are two bytes in either case).
func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// numberFollows reports a list of numbers going on: ", 17" after "№№ 10".
func numberFollows(s string) bool {
	s = strings.TrimLeft(s, " \u00a0")
	return s != "" && s[0] >= '0' && s[0] <= '9'
}

// coFirst holds every rune that case-folds to the first letter of a
// co-executor prefix: coAt, tried at every space of a cell, looks no
// further when s starts with anything else.
var coFirst = func() map[rune]bool {
	m := map[rune]bool{}
	for _, p := range coPrefixes {
		r, _ := utf8.DecodeRuneInString(p)
		for f := r; ; {
			m[f] = true
			if f = unicode.SimpleFold(f); f == r {
				break
			}
		}
	}
	return m
}()

// coAt returns the length of a co-executor prefix starting s, or 0.
func coAt(s string) int {
	if r, _ := utf8.DecodeRuneInString(s); !coFirst[r] {
		return 0
	}
	for _, p := range coPrefixes {
		if len(s) >= len(p) && strings.EqualFold(s[:len(p)], p) {
			return len(p)
		}
	}
	return 0
}

func coPrefix(t string) (bool, string) {
	if n := coAt(t); n > 0 {
		return true, strings.TrimSpace(t[n:])
	}
	return false, t
}

// trimPart drops white space, list dashes and bullets in front and dots,
// commas and dashes at the end.
func trimPart(s string) string {
	s = clean(s)
	orig := s
	for {
		t := strings.TrimLeft(s, "-–—•*· ")
		t = strings.TrimRight(t, ".,;:-–— ")
		if t == s {
			break
		}
		s = t
	}
	// The dot of a final initial ("Петрова А.С.") is the name's own.
	if i := strings.Index(orig, s); i >= 0 && strings.HasPrefix(orig[i+len(s):], ".") && endsWithInitial(s) {
		s += "."
	}
	return s
}

// endsWithInitial reports a name ending with an initial: a capital after
// a dot or a space ("А.С", "Петрова А").
func endsWithInitial(s string) bool {
	r, n := utf8.DecodeLastRuneInString(s)
	if !unicode.IsUpper(r) || n == len(s) {
		return false
	}
	p, _ := utf8.DecodeLastRuneInString(s[:len(s)-n])
	return p == '.' || p == ' '
}

// splitSlash splits "УО / ИМЦ", "УО/ОО" at the slashes (outside quotes
// and parentheses) when every side resolves without guessing or names an
// executor of its own; "МБДОУ д/с № 12" stays whole.
func (r *Resolver) splitSlash(t string) []string {
	if !strings.Contains(t, "/") || r.known(t) {
		return []string{t}
	}
	parts := splitOutside(t, "/")
	if len(parts) < 2 {
		return []string{t}
	}
	for _, p := range parts {
		if p == "" || fieldAbbrev(p) || !r.known(p) && !r.standsAlone(p) {
			return []string{t} // "заместитель директора по УВР/ВР": one post
		}
	}
	return parts
}

// splitAnd splits "ОО и ДДТ", "заместитель директора по УПР и председатели
// ПЦК", "отдел образования и ОМВД России по району" at " и " (outside
// quotes and parentheses) when every side names an executor of its own,
// and leaves names such as "Отдел общего и дошкольного образования",
// "Департамент образования и науки" or "учителя русского языка и
// литературы" whole. Where "и" stands between two abbreviations ("КДН и
// ЗП", "ПДН и ОВД", one body each) both sides must be bodies the document
// or the alias table knows ("ОО и ДДТ").
func (r *Resolver) splitAnd(t string) []string {
	if !strings.Contains(t, " и ") || r.known(t) {
		return []string{t}
	}
	parts := splitOutside(t, " и ")
	if len(parts) < 2 {
		return []string{t}
	}
	// Cut at each "и" whose sides both stand alone, the right side taken
	// up to the end ("Управление культуры и Управление по физической
	// культуре и спорту" is cut once).
	var out []string
	start := 0
	for k := 1; k < len(parts); k++ {
		left, right := joinAnd(parts[start:k]), joinAnd(parts[k:])
		prev := parts[k-1]
		if abbrevLike(prev[strings.LastIndexByte(prev, ' ')+1:]) && abbrevLike(firstWord(parts[k])) {
			if !r.knownBody(left) || !r.knownBody(parts[k]) {
				continue
			}
		} else if !r.standsAlone(left) || !r.standsAlone(right) {
			continue
		}
		out = append(out, left)
		start = k
	}
	if len(out) == 0 {
		return []string{t}
	}
	return append(out, joinAnd(parts[start:]))
}

// joinAnd joins parts with " и ", without allocating for one part.
func joinAnd(parts []string) string {
	if len(parts) == 1 {
		return parts[0]
	}
	return strings.Join(parts, " и ")
}

// splitOutside splits s at sep where sep is outside «quotes» and
// parentheses, trimming the parts.
func splitOutside(s, sep string) []string {
	out := make([]string, 0, strings.Count(s, sep)+1)
	depth, start := 0, 0
	for i := 0; i < len(s); {
		c, w := utf8.DecodeRuneInString(s[i:])
		switch {
		case c == '«' || c == '(' || c == '“':
			depth++
		case (c == '»' || c == ')' || c == '”') && depth > 0:
			depth--
		case depth == 0 && strings.HasPrefix(s[i:], sep):
			out = append(out, strings.TrimSpace(s[start:i]))
			i += len(sep)
			start = i
			continue
		}
		i += w
	}
	return append(out, strings.TrimSpace(s[start:]))
}

// bodyHeads are the stems of the nouns that open a body's name: a side of
// "A и B" opened by one names a body of its own ("Управление образования
// и МКУ «ИМЦ»").
var bodyHeads = []string{"управлени", "департамент", "отдел", "комитет", "министерств", "администрац"}

// standsAlone reports a side of "A и B" that names an executor of its
// own: a body the document or the alias table knows, a post, an
// institution opened by its legal form ("МКУ «ИМЦ»"), a body opened by its
// head noun ("отдел образования"), or an abbreviation followed by more
// words ("ОМВД России по району").
func (r *Resolver) standsAlone(p string) bool {
	if r.knownBody(p) || isPosition(p) {
		return true
	}
	f := strings.Fields(p)
	if len(f) < 2 {
		return false
	}
	first := strings.ToLower(f[0])
	if legalForms()[first] || abbrevLike(f[0]) {
		return true
	}
	for _, h := range bodyHeads {
		if strings.HasPrefix(first, h) {
			return true
		}
	}
	return false
}

// known reports whether t resolves without guessing: a defined
// abbreviation or expansion, an alias, or an abbreviation-like name.
func (r *Resolver) known(t string) bool {
	k := key(stripDefinition(t))
	r.read(depName, k)
	if _, ok := r.defs[k]; ok {
		return true
	}
	if _, ok := r.expands[k]; ok {
		return true
	}
	if _, ok := r.aliases[k]; ok {
		return true
	}
	return abbrevLike(t)
}

// knownBody is known without the abbreviation-like guess: a name the
// document defines or the alias table lists.
func (r *Resolver) knownBody(t string) bool {
	k := key(stripDefinition(t))
	r.read(depName, k)
	_, d := r.defs[k]
	_, e := r.expands[k]
	_, a := r.aliases[k]
	return d || e || a
}

// stripDefinition removes a "(далее - X)" from an executor text.
func stripDefinition(t string) string {
	if !hasDalee(t) {
		return t
	}
	if loc := defRE.FindStringIndex(t); loc != nil {
		return clean(t[:loc[0]] + t[loc[1]:])
	}
	return t
}

// groupWords start the names of several organisations.
var groupWords = map[string]bool{"все": true, "всех": true, "образовательные": true,
	"общеобразовательные": true, "дошкольные": true, "организации": true, "учреждения": true,
	"школы": true, "руководители": true, "директора": true, "субъекты": true,
	"муниципальные": true, "педагоги": true}

// quantifiers may precede a group: "все ОО", "руководители ОбОО".
var quantifiers = map[string]bool{"все": true, "всех": true, "руководители": true, "руководителей": true, "директора": true,
	"заведующие": true, "заведующих": true, "администрации": true, "администрация": true}

// cutPersonDash cuts the official named after a dash from "X – Иванова
// Е.Е.": X, when X is no person itself.
func cutPersonDash(name string) (head string, ok bool) {
	for _, d := range [...]string{" – ", " - ", " — "} {
		if i := strings.LastIndex(name, d); i > 0 {
			head, tail := strings.TrimSpace(name[:i]), strings.TrimSpace(name[i+len(d):])
			if personRE.MatchString(tail) && !personRE.MatchString(head) && head != "" {
				return head, true
			}
			return name, false
		}
	}
	return name, false
}

// cutConsentDash cuts the remark from "X – по согласованию" (any dash,
// or a comma): X.
func cutConsentDash(name string) (head string, ok bool) {
	i := strings.LastIndex(name, "по согл")
	if i <= 0 {
		return name, false
	}
	head = strings.TrimRight(name[:i], " ")
	for _, d := range [...]string{"–", "—", "-", ","} {
		if h, found := strings.CutSuffix(head, d); found && strings.HasSuffix(h, " ") || found && d == "," {
			h = strings.TrimSpace(h)
			if h == "" || !consentRE.MatchString("("+name[i:]+")") {
				return name, false
			}
			return h, true
		}
	}
	return name, false
}

// headWords open the name of the head of one institution: "директор
// МБОУ «СОШ № 5»", "руководители МКОУ «Озерская ООШ»".
var headWords = [...]string{"директор", "директора", "руководитель", "руководители", "заведующий", "заведующая",
	"заведующие", "администрация"}

// isHeadWord reports one of headWords in any case, without allocating
// (strings.ToLower copies the capitals of "МБОУ", the first word of most
// names that come here).
func isHeadWord(w string) bool {
	for _, h := range headWords {
		if len(w) == len(h) && strings.EqualFold(w, h) {
			return true
		}
	}
	return false
}

// territoryRE is the territory a body's name may end with: "района",
// "города", "городского округа".
var territoryRE = lazyre.New(`\s+(?:муниципального\s+(?:района|округа|образования)|городского\s+округа|района|города|округа|муниципалитета|поселения)$`)

// consentRE is the remark that an executor outside the education system
// takes part by agreement: "(по согласованию)", "(по согл.)".
var consentRE = lazyre.New(`^\(\s*по\s+согл(?:\.|асованию)?[^()]*\)$`)

var numberedRE = lazyre.New(`^(.*?)\s*№\s*№?\s*(\d+(?:\s*(?:,|и|-|–|—)\s*\d+)+)$`)

// maxRangeMembers bounds the members a range of numbers names ("СОШ №№
// 3-5"): a typo ("1-100") must not make a hundred schools.
const maxRangeMembers = 30

// maxSchoolNumber is the largest number read as a school's: a longer run
// of digits is something else (and near the int's limit a range's
// counting would wrap around).
const maxSchoolNumber = 99999

// numberList expands the numbers of "1, 4, 9", "3-5", "1, 3-5 и 8" in
// order; ok is false for a range that runs backwards or past
// maxRangeMembers.
func numberList(s string) (nums []string, ok bool) {
	prev, inRange := -1, false
	for i := 0; i < len(s); {
		c, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case c >= '0' && c <= '9':
			j := i
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			n, err := strconv.Atoi(s[i:j])
			if err != nil || n > maxSchoolNumber {
				return nil, false // not a school's number
			}
			if inRange {
				if n <= prev || n-prev > maxRangeMembers {
					return nil, false
				}
				for k := 1; k <= n-prev; k++ {
					nums = append(nums, strconv.Itoa(prev+k))
				}
				inRange = false
			} else {
				nums = append(nums, s[i:j])
			}
			prev, i = n, j
			continue
		case c == '-' || c == '–' || c == '—':
			inRange = true
		}
		i += size
	}
	return nums, true
}

func (r *Resolver) resolveOne(t string, co bool) (plan.Executor, []Finding) {
	e := plan.Executor{Text: t, Co: co}
	var finds []Finding
	if hasDalee(t) {
		r.Define(t)
	}
	name := stripDefinition(t)
	if name == "" { // the cell is only "(далее - X)": X names the executor
		if m := defRE.FindStringSubmatch(t); m != nil {
			name = clean(m[1])
		}
		if name == "" {
			name = t
		}
	}
	k := key(name)

	org, ok := r.lookupKey(k)
	if !ok && strings.HasSuffix(name, ")") {
		// A trailing remark: "ДИРО (по согласованию)". A remark of
		// consent is never part of the name, even of one not known.
		if i := strings.LastIndex(name, "("); i > 0 {
			if o, ok2 := r.lookup(strings.TrimSpace(name[:i])); ok2 {
				org, ok = o, true
				name = strings.TrimSpace(name[:i])
			} else if consentRE.MatchString(name[i:]) || personRE.MatchString(strings.TrimSpace(name[i+1:len(name)-1])) {
				// "(по согласованию)", or the official in charge:
				// "МБУ ДО «ЦДТ» (Иванова Е.Е.)".
				name = strings.TrimSpace(name[:i])
				k = key(name)
			}
		}
	}
	if !ok && strings.HasSuffix(name, ".") {
		// The official after a dash: "МБУ ДО «ЦДТ» – Иванова Е.Е.".
		if head, person := cutPersonDash(name); person {
			name, k = head, key(head)
			org, ok = r.lookupKey(k)
		}
	}
	if !ok {
		if f := strings.Fields(name); len(f) > 1 && quantifiers[strings.ToLower(f[0])] {
			// "руководители ОО" are the organisations; "руководители
			// ШМО", heads of a school's associations, are posts.
			if o, ok2 := r.lookup(strings.Join(f[1:], " ")); ok2 && !strings.Contains(o.Full, "объединени") {
				org, ok = o, true
				org.Group = true
			}
		}
	}
	if !ok && strings.Contains(name, "по согл") {
		// The remark of consent after a dash: "МКУ «ЦБ» – по
		// согласованию", "ДИРО - по согл.".
		if head, cut := cutConsentDash(name); cut {
			name, k = head, key(head)
			org, ok = r.lookupKey(k)
		}
	}
	if !ok {
		// "руководители МКОУ «Озерская ООШ»", "директор МБОУ СОШ № 5":
		// the head of one institution named in full by its legal form is
		// that institution (its checklist goes to it), known or not.
		// Cut by hand, not by strings.Fields: most names that come here
		// are posts, and this runs for each one not met before.
		first, rest, _ := strings.Cut(name, " ")
		form, tail, _ := strings.Cut(rest, " ")
		if tail != "" && isHeadWord(first) && legalForms()[strings.ToLower(form)] {
			if o, ok2 := r.lookup(rest); ok2 {
				org = o
			} else {
				org = plan.Organization{Name: rest}
			}
			ok = true
		}
	}
	if !ok {
		// "ОО района", "образовательные организации города": the body the
		// plan's own territory qualifies is the body.
		if loc := territoryRE.FindStringIndex(name); loc != nil && loc[0] > 0 {
			if o, ok2 := r.lookup(name[:loc[0]]); ok2 {
				org, ok = o, true
			}
		}
	}
	if !ok && !abbrevLike(name) {
		org, ok = r.lookupStem(k)
	}
	if ok {
		if a, isAlias := r.aliases[k]; isAlias && a.canonical == org.Name && (r.typos[name] != "" || r.caseTypo(name)) {
			finds = append(finds, Finding{Severity: plan.Info, Code: plan.CodeAliasResolved,
				Message: "исполнитель «" + name + "» распознан как «" + org.Name + "» по таблице псевдонимов", Text: t})
		}
	} else if isPosition(name) || personRE.MatchString(name) {
		// A post, or an official named in person ("Петрова А.С."):
		// people, not bodies.
		org = plan.Organization{Name: name, Kind: plan.ExecutorPosition}
		e.Kind = plan.ExecutorPosition
	} else if m := numberedRE.FindStringSubmatch(name); m != nil {
		org = plan.Organization{Name: name}
		if nums, ok := numberList(m[2]); ok {
			org.Group = true
			prefix := singular(m[1])
			for _, n := range nums {
				org.Members = append(org.Members, prefix+" № "+n)
			}
		}
	} else {
		org = plan.Organization{Name: name}
		if f := strings.Fields(name); len(f) > 0 && groupWords[strings.ToLower(f[0])] {
			org.Group = true
		}
		if abbrevLike(name) {
			finds = append(finds, Finding{Severity: plan.Warning, Code: plan.CodeUnknownExecutor,
				Message: "неизвестное сокращение исполнителя «" + name + "»: добавьте его в таблицу псевдонимов или определите в документе",
				Text:    t})
		}
	}
	i := r.meet(org, name)
	e.Org, e.Group, e.Kind = r.orgs[i].Name, r.orgs[i].Group, r.orgs[i].Kind
	return e, finds
}

// lookup resolves a name through the document's definitions, then the
// alias table.
func (r *Resolver) lookup(name string) (plan.Organization, bool) {
	return r.lookupKey(key(name))
}

// lookupKey is lookup of a name already folded by key.
func (r *Resolver) lookupKey(k string) (plan.Organization, bool) {
	r.read(depName, k)
	abbr, ok := r.defs[k]
	if !ok {
		abbr, ok = r.expands[k]
	}
	if ok {
		r.read(depDefFull, abbr)
		o := plan.Organization{Name: abbr, Short: abbr, Full: r.defFull[abbr]}
		if a, isAlias := r.aliases[key(abbr)]; isAlias {
			in := r.info[a.canonical]
			o.Group = in.group
			if o.Full == "" {
				o.Full = in.full
			}
		}
		o.Group = o.Group || groupWords[strings.ToLower(firstWord(o.Full))]
		return o, true
	}
	a, ok := r.aliases[k]
	if !ok {
		return plan.Organization{}, false
	}
	// An abbreviation the document defines under the table's canonical
	// spelling takes its definition.
	kc := key(a.canonical)
	r.read(depName, kc)
	if d, ok := r.defs[kc]; ok {
		return r.lookup(d)
	}
	in := r.info[a.canonical]
	o := plan.Organization{Name: a.canonical, Full: in.full, Group: in.group}
	if in.full != "" && abbrevLike(a.canonical) {
		o.Short = a.canonical
	}
	return o, true
}

// caseTypo reports an abbreviation spelled with other capitals than any
// spelling of the table (Оо for ОО): resolved, but worth telling.
func (r *Resolver) caseTypo(name string) bool {
	return !r.exact[name] && utf8.RuneCountInString(name) <= 8 && !strings.Contains(name, " ")
}

func firstWord(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, ' '); i >= 0 {
		return s[:i]
	}
	return s
}

// abbrevLike reports a name made only of abbreviations (each word 2-8
// letters, mostly capitals) that is not an institution's name opened by
// its legal form: "ОРКСЭ", "ОВР ДО МКУ ДГУО".
func abbrevLike(name string) bool {
	f := strings.Fields(name)
	if len(f) == 0 || len(f) > 5 {
		return false
	}
	if len(f) > 1 && legalForms()[strings.ToLower(f[0])] {
		return false
	}
	for _, w := range f {
		letters, upper := 0, 0
		for _, c := range w {
			if unicode.IsLetter(c) {
				letters++
				if unicode.IsUpper(c) {
					upper++
				}
			} else if c != '-' {
				return false
			}
		}
		if letters < 2 || letters > 8 || upper*2 <= letters {
			return false
		}
	}
	return true
}

// singular turns the plural noun of a numbered group into the singular
// for its members: "МБОУ Школы" -> "МБОУ Школа".
func singular(prefix string) string {
	f := strings.Fields(prefix)
	for i, w := range f {
		for _, e := range [...]struct{ plural, cut, add string }{
			{"школы", "ы", "а"}, {"гимназии", "и", "я"}, {"лицеи", "и", "й"},
			{"сады", "ы", ""}, {"детские", "ие", "ий"}, {"центры", "ы", ""},
		} {
			if strings.ToLower(w) == e.plural {
				f[i] = strings.TrimSuffix(w, e.cut) + e.add
			}
		}
	}
	return strings.Join(f, " ")
}
