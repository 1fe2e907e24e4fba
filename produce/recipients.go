package produce

import (
	"sort"

	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/orgdir"
)

// Recipient is an organisation that receives a checklist, and what it
// holds.
type Recipient struct {
	Org   string   // the organisation's name (the directory's, or the plan's)
	Short string   // its short name, "" when none is known
	Items []string // ids of its activities, in plan order
}

// Recipients says who receives which activities (orgdir.Recipients: every
// executor resolved through the directory d, groups expanded to their
// members; d nil takes the organisations from the plan). They come in
// directory order (or the plan's organisations order), then the others
// by their first activity. The diagnostics say what could not be resolved.
func Recipients(p *plan.Plan, d *orgdir.Directory) ([]Recipient, plan.Diagnostics) {
	byOrg, diags := d.Recipients(p)
	rank := map[string]int{}
	if d != nil {
		for i, o := range d.Orgs {
			rank[o.Name] = i
		}
	} else {
		for i, o := range p.Organizations {
			if _, ok := rank[o.Name]; !ok {
				rank[o.Name] = i
			}
		}
	}
	pos := make(map[string]int, len(p.Items))
	for i := range p.Items {
		pos[p.Items[i].ID] = i
	}
	first := map[string]int{}
	list := make([]Recipient, 0, len(byOrg))
	for org, ids := range byOrg {
		if len(ids) == 0 {
			continue
		}
		first[org] = pos[ids[0]]
		list = append(list, Recipient{Org: org, Short: d.Short(p, org), Items: ids})
	}
	key := func(r Recipient) (int, int) {
		if n, ok := rank[r.Org]; ok {
			return 0, n
		}
		return 1, first[r.Org]
	}
	sort.Slice(list, func(i, j int) bool {
		a1, a2 := key(list[i])
		b1, b2 := key(list[j])
		if a1 != b1 {
			return a1 < b1
		}
		if a2 != b2 {
			return a2 < b2
		}
		return list[i].Org < list[j].Org
	})
	return list, diags
}

// RecipientMap is Recipients as a map from each organisation to its
// items, without the diagnostics: whom the checklists of p go to, for a
// collection checking a checklist of a plan its store did not issue.
func RecipientMap(p *plan.Plan, d *orgdir.Directory) map[string][]string {
	list, _ := Recipients(p, d)
	out := make(map[string][]string, len(list))
	for _, r := range list {
		out[r.Org] = r.Items
	}
	return out
}
