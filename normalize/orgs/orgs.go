// Package orgs splits the "responsible" cell of a roadmap item into
// executors and resolves each to a canonical organisation, through the
// abbreviations the document defines ("(далее – ООДО МКУ ДГУО)") and an
// editable alias table (ОбоО -> ОбОО).
//
// Resolution order for one executor: an abbreviation the document defines
// (or its expansion), the alias table, the same without a trailing remark
// ("ДИРО (по согласованию)"), a quantified group ("все ОО"), a match with
// case endings cut ("совместно с Департаментом образования"), a numbered
// group ("МБОУ Школы №№ 10, 17"), and otherwise the name itself:
// a plain name ("Департамент образования", "МБУ ДО ДДТ") is its own
// organisation, while an abbreviation that nothing explains is kept as its
// own organisation too but reported, so the user can add it to the table.
//
// Decisions where the brief is silent:
//   - An unknown abbreviation ("ОРКСЭ") still gets Org = its own spelling,
//     so matrices and checklists count it; the warning asks for an alias.
//   - A misspelling is reported (Info, alias-resolved) when the table marks
//     it "typo" (ОбоО) or when an abbreviation matches the table only with
//     other capitals (Оо); legitimate variants (ОБОУ -> ОбОО) are silent.
//   - A name starting with a collective plural (образовательные ...,
//     учреждения ..., субъекты ..., все ...) is a group.
//   - "совместно с"/"при участии"/"с участием" mark the rest of the
//     comma-separated piece as co-executors.
//   - A document's definition wins over the table for the full name; the
//     first definition of an abbreviation gives its Full, later expansions
//     also resolve to it.
package orgs

import (
	"bytes"
	_ "embed"
	"maps"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// Finding is something the resolver noticed, for the caller to turn into a
// plan.Diagnostic at the cell's position.
type Finding struct {
	Severity plan.Severity
	Code     string // plan.Code*
	Message  string // Russian
	Text     string // the offending text
}

//go:embed aliases.tsv
var builtinAliases string

// builtinLines parses the embedded table once; TestBuiltinTable checks it
// parses without error.
var builtinLines = sync.OnceValue(func() []tableLine {
	lines, _ := parseTable(builtinAliases, "aliases.tsv")
	return lines
})

// builtinTable is the embedded table folded for lookup, built once and
// shared read-only by every resolver given no aliases of its own: a
// region's thousand documents fold the table once, not a thousand times.
var builtinTable = sync.OnceValue(func() *table {
	t := &table{
		aliases: map[string]alias{},
		exact:   map[string]bool{},
		typos:   map[string]string{},
		info:    map[string]canonInfo{},
	}
	for _, l := range builtinLines() {
		t.add(l)
	}
	t.indexStems()
	return t
})

// alias is the canonical name a variant of the alias table resolves to.
type alias struct {
	canonical string
}

// canonInfo describes a canonical organisation of the alias table.
type canonInfo struct {
	full  string
	group bool
}

// table is an alias table folded for lookup. It never changes once built,
// so resolvers share it.
type table struct {
	aliases map[string]alias     // key(variant) -> canonical
	exact   map[string]bool      // variants exactly as the table spells them
	typos   map[string]string    // misspellings, exactly as written -> canonical
	info    map[string]canonInfo // canonical -> what the table says of it

	// stems holds the stemKey of every alias key and full name with the
	// lookup target it stands for, so that a resolver's stem index (whose
	// ambiguities depend on the document's definitions) is built without
	// cutting endings again.
	stems []stemEntry
}

type stemEntry struct{ stem, target string }

// Resolver resolves executor texts of one document. It is not safe for
// concurrent use.
type Resolver struct {
	// The alias table's maps (see table), shared and read-only.
	aliases map[string]alias
	exact   map[string]bool
	typos   map[string]string
	info    map[string]canonInfo
	tbl     *table

	defs    map[string]string // key(abbreviation) -> abbreviation as defined
	expands map[string]string // key(expansion) -> abbreviation
	defFull map[string]string // abbreviation -> its first expansion

	orgs  []plan.Organization
	byKey map[string]int // key(canonical name) -> index in orgs

	stems map[string]string // stemKey -> a name lookup or byKey resolves

	// defined holds the texts Define has read: reading one again changes
	// nothing (define sets only entries that are absent).
	defined map[string]struct{}

	// gen counts the changes of everything above that Resolve reads or
	// writes. memo keeps the results of cells whose resolution changed
	// nothing, and readers the cells whose results read each entry of the
	// state, so that a change forgets those only; reads collects the
	// entries the result being computed reads, while recording; seen
	// holds the cells resolved once (see memo.go).
	gen       uint64
	memo      map[string]memoResult
	seen      map[string]struct{}
	readers   map[dep][]reader
	reads     []dep
	recording bool
}

// New makes a resolver. aliases adds variant -> canonical spellings to the
// embedded table; they win over the embedded lines.
func New(aliases map[string]string) *Resolver {
	t := builtinTable()
	if len(aliases) > 0 {
		// Copy on write: the shared table stays as embedded.
		t = &table{
			aliases: maps.Clone(t.aliases),
			exact:   maps.Clone(t.exact),
			typos:   maps.Clone(t.typos),
			info:    maps.Clone(t.info),
		}
		for v, c := range aliases {
			t.add(tableLine{variant: v, canonical: c})
		}
		t.indexStems()
	}
	return &Resolver{
		aliases: t.aliases,
		exact:   t.exact,
		typos:   t.typos,
		info:    t.info,
		tbl:     t,
		defs:    map[string]string{},
		expands: map[string]string{},
		defFull: map[string]string{},
		byKey:   map[string]int{},
	}
}

func (t *table) add(l tableLine) {
	v, c := clean(l.variant), clean(l.canonical)
	if v == "" || c == "" {
		return
	}
	kv, kc := key(v), key(c)
	if l.typo {
		// A misspelling may fold to the same key as the right spelling
		// (ОбоО, ОбОО), so it is remembered by its exact letters.
		t.typos[v] = c
	}
	if _, ok := t.aliases[kv]; !ok || !l.typo {
		t.aliases[kv] = alias{canonical: c}
	}
	if !l.typo {
		t.exact[v] = true
	}
	if _, ok := t.aliases[kc]; !ok {
		t.aliases[kc] = alias{canonical: c}
		t.exact[c] = true
	}
	if kv == kc || l.full != "" || l.group {
		in := t.info[c]
		if l.full != "" {
			in.full = l.full
		}
		in.group = in.group || l.group
		t.info[c] = in
	}
}

// indexStems fills t.stems: every alias key, then every full name.
func (t *table) indexStems() {
	t.stems = make([]stemEntry, 0, len(t.aliases)+len(t.info))
	for k := range t.aliases {
		if sk := stemKey(k); sk != "" {
			t.stems = append(t.stems, stemEntry{sk, k})
		}
	}
	for c, in := range t.info {
		if in.full != "" {
			if sk := stemKey(in.full); sk != "" {
				t.stems = append(t.stems, stemEntry{sk, c})
			}
		}
	}
}

// Organizations lists the canonical organisations met so far, in order of
// first appearance.
func (r *Resolver) Organizations() []plan.Organization {
	out := make([]plan.Organization, len(r.orgs))
	for i, o := range r.orgs {
		o.Aliases = append([]string(nil), o.Aliases...)
		o.Members = append([]string(nil), o.Members...)
		out[i] = o
	}
	return out
}

// meet records that spelling named the organisation o (by its Name) and
// returns its index in r.orgs: an organisation met before under a name
// that differs only in case or spacing keeps its first spelling.
func (r *Resolver) meet(o plan.Organization, spelling string) int {
	k := key(o.Name)
	r.read(depOrg, k)
	i, ok := r.byKey[k]
	if !ok {
		i = len(r.orgs)
		r.byKey[k] = i
		r.orgs = append(r.orgs, o)
		r.changed(depOrg, k)
		r.addStem(o.Name, o.Name)
	}
	p := &r.orgs[i]
	if p.Full == "" && o.Full != "" {
		p.Full = o.Full
		r.changed(depOrg, k)
	}
	if p.Short == "" && o.Short != "" {
		p.Short = o.Short
		r.changed(depOrg, k)
	}
	if !p.Group && o.Group {
		p.Group = true
		r.changed(depOrg, k)
	}
	for _, m := range o.Members {
		if !contains(p.Members, m) {
			p.Members = append(p.Members, m)
			r.changed(depOrg, k)
		}
	}
	if spelling != "" && spelling != p.Name && !contains(p.Aliases, spelling) {
		p.Aliases = append(p.Aliases, spelling)
		r.changed(depOrg, k)
	}
	return i
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// key folds a name for matching: lower case, ё as е, no quotes, one space
// between words, none around dashes or after №, no trailing dot.
// It runs for every lookup, so the common runes (ASCII and Cyrillic) take
// a path of their own, and a name already folded is returned as it is.
func key(s string) string {
	var buf [128]byte
	b := buf[:0]
	if len(s) > len(buf) {
		b = make([]byte, 0, len(s))
	}
	space := false
	for _, c := range s {
		switch {
		case c < utf8.RuneSelf:
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
		case 'А' <= c && c <= 'Я':
			c += 'а' - 'А'
		case 'Ѐ' <= c && c <= 'Џ':
			c += 'ѐ' - 'Ѐ'
		case 'а' <= c && c <= 'џ': // already lower case
		default:
			c = unicode.ToLower(c)
		}
		switch {
		case c == 'ё':
			c = 'е'
		case c == '«' || c == '»' || c == '"' || c == '“' || c == '”' || c == '„' || c == '\'':
			continue
		case isDash(c):
			c = '-'
		case isSpace(c):
			space = true
			continue
		}
		if space && len(b) > 0 && c != '-' && b[len(b)-1] != '-' && !bytes.HasSuffix(b, []byte("№")) {
			b = append(b, ' ')
		}
		space = false
		b = utf8.AppendRune(b, c)
	}
	for len(b) > 0 && b[len(b)-1] == '.' {
		b = b[:len(b)-1]
	}
	if string(b) == s {
		return s
	}
	return string(b)
}

// isSpace is unicode.IsSpace, without the table search for Cyrillic
// letters, which are never spaces.
func isSpace(c rune) bool {
	if c < utf8.RuneSelf {
		return c == ' ' || '\t' <= c && c <= '\r'
	}
	if 'Ѐ' <= c && c <= 'ӿ' {
		return false
	}
	return unicode.IsSpace(c)
}

func isDash(c rune) bool {
	switch c {
	case '-', '‐', '‑', '‒', '–', '—', '―', '−':
		return true
	}
	return false
}

// clean collapses white space (NBSP and the rest of Unicode's) and trims it.
// A text with single plain spaces between words only is returned as it is.
func clean(s string) string {
	prevSpace := true // at the start, a space would be leading
	for _, c := range s {
		if isSpace(c) {
			if c != ' ' || prevSpace {
				return strings.Join(strings.Fields(s), " ")
			}
			prevSpace = true
		} else {
			prevSpace = false
		}
	}
	if prevSpace && s != "" { // trailing space
		return strings.Join(strings.Fields(s), " ")
	}
	return s
}
