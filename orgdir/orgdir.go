// Package orgdir is the directory of organisations a municipality sends
// checklists to: each school's full name, its short name and the groups it
// belongs to. It resolves a plan's executors, group executors included, to
// the organisations that must receive each activity.
//
// Names are matched by the keys of normalize/orgs (orgs.CompactKey,
// orgs.CoreKey), the same vocabulary the plan's executors were resolved
// with.
//
// Groups. A directory row lists the groups an organisation is in ("ОбОО",
// "ДОО"). Group names are compared by orgs.GroupKey, through the alias
// table of normalize/orgs: ОБОУ and ОбоО are ОбОО, ОУ is ОО, ДОУ is ДОО,
// УДО is ОДО. Groups nest in one fixed way: a
// member of ОбОО (schools), ДОО (kindergartens) or ОДО (additional
// education) is also a member of ОО (all educational organisations), since
// that is what ОО means in a municipal roadmap. So a school listed with the
// group "ОбОО" receives the activities addressed to ОО and to ОбОО.
package orgdir

import (
	"fmt"
	"strings"

	"github.com/roadmap-tool/roadmap/normalize/orgs"
)

// Org is one organisation of the directory.
type Org struct {
	Name   string   `yaml:"name"`
	Short  string   `yaml:"short"`
	Groups []string `yaml:"groups"`
	// Email is where the organisation's link is sent ("" when unknown).
	Email string `yaml:"email"`
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

// groupParents says which groups contain which (see the package doc),
// by orgs.GroupKey.
var groupParents = map[string][]string{"обоо": {"оо"}, "доо": {"оо"}, "одо": {"оо"}}

// New builds a directory from entries; it rejects empty and duplicate
// names.
func New(path string, entries []Org) (*Directory, error) {
	d := &Directory{Orgs: entries, Path: path, byKey: map[string]int{}, byCore: map[string]int{}, inGroup: map[string][]int{}}
	for i, o := range entries {
		if strings.TrimSpace(o.Name) == "" {
			return nil, fmt.Errorf("%s:%d: пустое название организации (ожидается name)", path, o.Line)
		}
		k := orgs.CompactKey(o.Name)
		if j, ok := d.byKey[k]; ok && orgs.CompactKey(entries[j].Name) == k {
			return nil, fmt.Errorf("%s:%d: организация %q уже указана в строке %d", path, o.Line, o.Name, entries[j].Line)
		}
		d.byKey[k] = i
	}
	// Short names match only where they do not shadow a full name.
	for i, o := range entries {
		if o.Short == "" {
			continue
		}
		if _, ok := d.byKey[orgs.CompactKey(o.Short)]; !ok {
			d.byKey[orgs.CompactKey(o.Short)] = i
		}
	}
	ambiguous := map[string]bool{}
	for i, o := range entries {
		k := orgs.CoreKey(o.Name)
		if j, ok := d.byCore[k]; ok && j != i {
			ambiguous[k] = true
		}
		d.byCore[k] = i
	}
	for k := range ambiguous {
		delete(d.byCore, k)
	}
	for i, o := range entries {
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
			add(orgs.GroupKey(g))
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
	i, ok := d.byKey[orgs.CompactKey(name)]
	if !ok {
		i, ok = d.byCore[orgs.CoreKey(name)]
	}
	if !ok {
		return nil, false
	}
	return &d.Orgs[i], true
}
