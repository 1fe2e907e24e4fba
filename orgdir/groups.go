package orgdir

import (
	"sort"
	"strings"

	"github.com/roadmap-tool/roadmap/normalize/orgs"
)

// Group is a group of the directory with its members.
type Group struct {
	Name    string   // as first written in the directory ("ОбОО")
	Members []string // organisation names, in directory order
	// Implied is true for a group no organisation names but that contains
	// named ones (ОО contains the members of ОбОО, ДОО and ОДО).
	Implied bool
}

// impliedNames spell the groups that groupParents adds.
var impliedNames = map[string]string{"оо": "ОО"}

// Groups lists the directory's groups by name, each with its members, the
// nesting of groupParents included: what a group executor of a plan
// expands to.
func (d *Directory) Groups() []Group {
	if d == nil {
		return nil
	}
	names := map[string]string{}
	for _, o := range d.Orgs {
		for _, g := range o.Groups {
			if k := orgs.GroupKey(g); names[k] == "" {
				names[k] = strings.TrimSpace(g)
			}
		}
	}
	out := make([]Group, 0, len(d.inGroup))
	for k, idx := range d.inGroup {
		g := Group{Name: names[k]}
		if g.Name == "" {
			g.Implied, g.Name = true, impliedNames[k]
			if g.Name == "" {
				g.Name = k
			}
		}
		for _, i := range idx {
			g.Members = append(g.Members, d.Orgs[i].Name)
		}
		out = append(out, g)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}
