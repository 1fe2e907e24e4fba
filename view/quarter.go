package view

import (
	"sort"

	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// Row is one activity in a quarterly report.
type Row struct {
	Item    *plan.Item
	Status  plan.Status   // aggregated over the answers; StatusNone without progress
	Answers []plan.Answer // the answers collected for the item, by organisation
	// Carried marks an activity due before the quarter and not done before
	// it: quarterly reports are cumulative, so it stays in them until the
	// quarter in which it is reported done.
	Carried bool
	// Overdue marks an activity whose last scheduled month is not after the
	// quarter's end and which is not done.
	Overdue bool
	// Heading marks a grouping item (one with sub-items and no deadline of
	// its own) shown as a sub-heading above its children; never counted.
	Heading bool
}

// Group is a run of rows under one section heading, in document order.
// Ancestors of a nested section appear as groups of their own, possibly
// without rows, so the table shows the whole heading chain.
type Group struct {
	Section *plan.Section // nil for items outside every section
	Level   int           // 1 for top-level sections (and for the nil section)
	Rows    []Row
}

// SectionCounts is the status breakdown of one top-level section.
type SectionCounts struct {
	Section *plan.Section // nil: items outside every section
	Counts  Counts
}

// ExecutorCounts is the status breakdown of one organisation's activities.
type ExecutorCounts struct {
	Org    string
	Counts Counts
}

// Quarterly is what a quarterly report shows.
type Quarterly struct {
	Quarter     plan.Quarter
	HasProgress bool
	// Groups hold the activities due or running in the quarter and, with
	// progress, those carried forward from earlier quarters.
	Groups      []Group
	Unscheduled []Row // activities without months: their own block
	Overdue     []Row // with progress only
	Totals      Counts
	Due         int // rows due or running in the quarter itself
	Carried     int // rows carried forward
	BySection   []SectionCounts
	ByExecutor  []ExecutorCounts
}

// Rows returns the number of activity rows in Groups.
func (q *Quarterly) Rows() int { return q.Totals.Total }

// Quarter selects and counts the activities of quarter q. With prog nil
// the view is the plan for the quarter: what is due, every status
// StatusNone, nothing carried forward (nothing is known to be undone) and
// nothing overdue.
func Quarter(p *plan.Plan, q plan.Quarter, prog *plan.Progress) *Quarterly {
	from, to := q.First(), q.Last()
	v := &Quarterly{Quarter: q, HasProgress: prog != nil}

	secIdx := make(map[string]int, len(p.Sections))
	for i := range p.Sections {
		secIdx[p.Sections[i].ID] = i
	}
	itemIdx := make(map[string]int, len(p.Items))
	for i := range p.Items {
		itemIdx[p.Items[i].ID] = i
	}
	topOf := func(id string) string {
		for {
			i, ok := secIdx[id]
			if !ok || p.Sections[i].Parent == "" {
				return id
			}
			id = p.Sections[i].Parent
		}
	}
	// chain returns the section path root..leaf of a section id.
	chain := func(id string) []*plan.Section {
		var out []*plan.Section
		for id != "" {
			i, ok := secIdx[id]
			if !ok {
				break
			}
			out = append(out, &p.Sections[i])
			id = p.Sections[i].Parent
			if len(out) > len(p.Sections) { // a cycle in bad input
				break
			}
		}
		for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
			out[i], out[j] = out[j], out[i]
		}
		return out
	}

	bySec := map[string]*Counts{}
	var secOrder []string
	byOrg := map[string]*Counts{}

	var path []*plan.Section // headings open, root..leaf
	var cur string           // the section the open group belongs to
	started := false
	var headingsDone map[string]bool

	for i := range p.Items {
		it := &p.Items[i]
		if !IsActivity(it) {
			continue
		}
		st := prog.Status(it.ID)
		row := Row{Item: it, Status: st}
		if prog != nil {
			row.Answers = prog.Answers[it.ID]
		}
		if Unscheduled(it) {
			v.Unscheduled = append(v.Unscheduled, row)
			continue
		}
		switch {
		case RunsIn(p, it, from, to):
		case prog != nil && it.Deadline.Last() != 0 && it.Deadline.Last() < from && carried(st, row.Answers, q):
			row.Carried = true
		default:
			continue
		}
		if prog != nil && !st.Final() && it.Deadline.Last() != 0 && it.Deadline.Last() <= to {
			row.Overdue = true
			v.Overdue = append(v.Overdue, row)
		}

		// Open the heading chain of the item's section where it differs
		// from the one already open.
		if !started || it.Section != cur {
			want := chain(it.Section)
			common := 0
			for common < len(want) && common < len(path) && want[common] == path[common] {
				common++
			}
			if common == len(want) {
				// Back in an enclosing section after a subsection (or the
				// very first rows): repeat its heading so the rows are not
				// read as the subsection's.
				if len(want) == 0 {
					v.Groups = append(v.Groups, Group{Level: 1})
				} else {
					s := want[len(want)-1]
					v.Groups = append(v.Groups, Group{Section: s, Level: max(s.Level, 1)})
				}
			}
			for _, s := range want[common:] {
				v.Groups = append(v.Groups, Group{Section: s, Level: max(s.Level, 1)})
			}
			path, cur, started = want, it.Section, true
			headingsDone = map[string]bool{}
		}
		g := &v.Groups[len(v.Groups)-1]

		// Grouping items above this one, outermost first.
		var heads []*plan.Item
		for par := it.Parent; par != ""; {
			j, ok := itemIdx[par]
			if !ok || len(heads) > len(p.Items) {
				break
			}
			pi := &p.Items[j]
			if !IsActivity(pi) && !headingsDone[pi.ID] {
				heads = append(heads, pi)
			}
			par = pi.Parent
		}
		for k := len(heads) - 1; k >= 0; k-- {
			headingsDone[heads[k].ID] = true
			g.Rows = append(g.Rows, Row{Item: heads[k], Heading: true})
		}
		g.Rows = append(g.Rows, row)

		v.Totals.Add(st)
		if row.Carried {
			v.Carried++
		} else {
			v.Due++
		}
		top := topOf(it.Section)
		c := bySec[top]
		if c == nil {
			c = &Counts{}
			bySec[top] = c
			secOrder = append(secOrder, top)
		}
		c.Add(st)
		for _, o := range itemOrgs(it) {
			oc := byOrg[o.org]
			if oc == nil {
				oc = &Counts{}
				byOrg[o.org] = oc
			}
			oc.Add(orgStatus(row, o.org))
		}
	}

	// Top-level sections in document order, whatever order items came in.
	sort.SliceStable(secOrder, func(a, b int) bool {
		ia, oka := secIdx[secOrder[a]]
		ib, okb := secIdx[secOrder[b]]
		if oka != okb {
			return !oka
		}
		return ia < ib
	})
	for _, id := range secOrder {
		sc := SectionCounts{Counts: *bySec[id]}
		if i, ok := secIdx[id]; ok {
			sc.Section = &p.Sections[i]
		}
		v.BySection = append(v.BySection, sc)
	}
	for org, c := range byOrg {
		v.ByExecutor = append(v.ByExecutor, ExecutorCounts{Org: org, Counts: *c})
	}
	sort.Slice(v.ByExecutor, func(a, b int) bool {
		x, y := v.ByExecutor[a], v.ByExecutor[b]
		if x.Counts.Total != y.Counts.Total {
			return x.Counts.Total > y.Counts.Total
		}
		return x.Org < y.Org
	})
	return v
}

// orgStatus is an organisation's own answer for the row when it sent one,
// the item's aggregated status otherwise (a group executor such as "ОО" is
// answered by its member schools, whose answers the aggregate sums up).
func orgStatus(r Row, org string) plan.Status {
	for _, a := range r.Answers {
		if a.Org == org {
			return a.Status
		}
	}
	return r.Status
}
