// Package orgdir is the directory of organisations a municipality sends
// checklists to: each school's full name, its short name and the groups it
// belongs to. It resolves a plan's executors, group executors included, to
// the organisations that must receive each activity.
//
// Groups. A directory row lists the groups an organisation is in ("ОбОО",
// "ДОО"). Group names are compared after normalisation (case, ё, spaces,
// quotes), and a few common spellings share one key: ОБОУ and ОбоО are
// ОбОО, ОУ is ОО, ДОУ is ДОО, УДО is ОДО. Groups nest in one fixed way: a
// member of ОбОО (schools), ДОО (kindergartens) or ОДО (additional
// education) is also a member of ОО (all educational organisations), since
// that is what ОО means in a municipal roadmap. So a school listed with the
// group "ОбОО" receives the activities addressed to ОО and to ОбОО.
package orgdir

import (
	"fmt"
	"strings"
)

// Org is one organisation of the directory.
type Org struct {
	Name   string   `yaml:"name"`
	Short  string   `yaml:"short"`
	Groups []string `yaml:"groups"`
	// Line is the source line of the entry, for messages.
	Line int `yaml:"-"`
}

// Directory is the list of organisations, in file order.
type Directory struct {
	Orgs []Org
	Path string

	byKey   map[string]int // normalised name or short name -> index
	byCore  map[string]int // CoreKey -> index, only when unambiguous
	inGroup map[string][]int
}

// groupAliases maps normalised spellings of a group to its key.
var groupAliases = map[string]string{
	"обоо": "обоо", "обоу": "обоо", "оо": "оо", "оу": "оо",
	"доо": "доо", "доу": "доо", "одо": "одо", "удо": "одо",
}

// groupParents says which groups contain which (see the package doc).
var groupParents = map[string][]string{"обоо": {"оо"}, "доо": {"оо"}, "одо": {"оо"}}

// GroupKey is the normalised key of a group name.
func GroupKey(name string) string {
	k := Normalize(name)
	if a, ok := groupAliases[k]; ok {
		return a
	}
	return k
}

// Normalize folds a name for matching: lower case, ё as е, no quotes or
// spaces, "№" and "N" before a number alike, dashes unified.
func Normalize(s string) string {
	var b strings.Builder
	rs := []rune(strings.ToLower(s))
	for i, r := range rs {
		switch r {
		case 'ё':
			r = 'е'
		case '«', '»', '"', '\'', '„', '“', '”', '‘', '’', ' ', '\t', '\n', '\r', '\u00a0':
			continue
		case '–', '—', '‑':
			r = '-'
		case 'n':
			// "N 10" / "N10" as in a file name: the number sign.
			j := i + 1
			for j < len(rs) && (rs[j] == ' ' || rs[j] == '.') {
				j++
			}
			if (i == 0 || !isLetter(rs[i-1])) && j < len(rs) && rs[j] >= '0' && rs[j] <= '9' {
				r = '№'
			}
		}
		b.WriteRune(r)
	}
	return strings.TrimRight(b.String(), ".")
}

func isLetter(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'а' && r <= 'я' || r == 'ё'
}

// New builds a directory from entries; it rejects empty and duplicate
// names.
func New(path string, orgs []Org) (*Directory, error) {
	d := &Directory{Orgs: orgs, Path: path, byKey: map[string]int{}, byCore: map[string]int{}, inGroup: map[string][]int{}}
	for i, o := range orgs {
		if strings.TrimSpace(o.Name) == "" {
			return nil, fmt.Errorf("%s:%d: пустое название организации (ожидается name)", path, o.Line)
		}
		k := Normalize(o.Name)
		if j, ok := d.byKey[k]; ok && Normalize(orgs[j].Name) == k {
			return nil, fmt.Errorf("%s:%d: организация %q уже указана в строке %d", path, o.Line, o.Name, orgs[j].Line)
		}
		d.byKey[k] = i
	}
	// Short names match only where they do not shadow a full name.
	for i, o := range orgs {
		if o.Short == "" {
			continue
		}
		if _, ok := d.byKey[Normalize(o.Short)]; !ok {
			d.byKey[Normalize(o.Short)] = i
		}
	}
	ambiguous := map[string]bool{}
	for i, o := range orgs {
		k := CoreKey(o.Name)
		if j, ok := d.byCore[k]; ok && j != i {
			ambiguous[k] = true
		}
		d.byCore[k] = i
	}
	for k := range ambiguous {
		delete(d.byCore, k)
	}
	for i, o := range orgs {
		seen := map[string]bool{}
		var add func(g string)
		add = func(g string) {
			if g == "" || seen[g] {
				return
			}
			seen[g] = true
			d.inGroup[g] = append(d.inGroup[g], i)
			for _, p := range groupParents[g] {
				add(p)
			}
		}
		for _, g := range o.Groups {
			add(GroupKey(g))
		}
	}
	return d, nil
}

// Lookup finds an organisation by its name or short name, or else by
// its CoreKey when only one organisation has it ("Школа № 10" finds
// "МБОУ «Школа № 10»").
func (d *Directory) Lookup(name string) (*Org, bool) {
	if d == nil {
		return nil, false
	}
	i, ok := d.byKey[Normalize(name)]
	if !ok {
		i, ok = d.byCore[CoreKey(name)]
	}
	if !ok {
		return nil, false
	}
	return &d.Orgs[i], true
}

// legalForms are the normalised abbreviations of municipal institutions'
// legal forms that plans often leave out or spell differently.
var legalForms = []string{"мбдоу", "мадоу", "мкдоу", "мдоу", "мбоу", "маоу", "мкоу", "моу", "мбудо", "маудо",
	"мкудо", "мбуко", "мбу", "мау", "мку", "гбоу", "гбу", "гаоу", "чоу", "ано"}

// CoreKey is Normalize without a leading legal form and the number sign:
// "МБОУ «Школа № 10»" and "Школа №10" share "школа10".
func CoreKey(name string) string {
	k := Normalize(name)
	for _, f := range legalForms {
		if strings.HasPrefix(k, f) && len(k) > len(f) {
			k = k[len(f):]
			break
		}
	}
	return strings.ReplaceAll(k, "№", "")
}
