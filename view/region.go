package view

import (
	"sort"

	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// The region's summary: every municipality's plans with, for each
// quarter asked for, their activities of the quarter by status (the
// quarterly report's totals, Quarter) and those overdue; the sums of
// each municipality and of the region. The region's dashboard, its PDF
// and its workbook all show this one view.

// RegionPlan is one municipality's plan, with its answers up to the end
// of each quarter asked for (Progress[i] for Quarters[i]; nil: none).
type RegionPlan struct {
	Municipality string
	Hash         string
	Plan         *plan.Plan
	Progress     []*plan.Progress
}

// RegionCell is one plan (or sum) in one quarter.
type RegionCell struct {
	Counts  Counts // the activities of the quarter by status
	Overdue int
}

// Done is the activities done.
func (c RegionCell) Done() int { return c.Counts.Get(plan.StatusDone) }

// Percent is the share done, in whole per cent (0 for no activities).
func (c RegionCell) Percent() int {
	if c.Counts.Total == 0 {
		return 0
	}
	return c.Done() * 100 / c.Counts.Total
}

func (c *RegionCell) add(o RegionCell) {
	for i := range c.Counts.N {
		c.Counts.N[i] += o.Counts.N[i]
	}
	c.Counts.Total += o.Counts.Total
	c.Overdue += o.Overdue
}

// RegionRow is one plan's line: a cell per quarter.
type RegionRow struct {
	Hash, Title string
	Cells       []RegionCell
}

// RegionGroup is one municipality: its plans and their sum.
type RegionGroup struct {
	Name  string
	Plans []RegionRow
	Total []RegionCell
}

// RegionSummary is the region's view.
type RegionSummary struct {
	Quarters       []plan.Quarter
	Municipalities []RegionGroup // by name
	Total          []RegionCell
	Plans          int
}

// Region computes the summary of the plans for the quarters; the
// municipalities come by name, each one's plans by title.
func Region(quarters []plan.Quarter, plans []RegionPlan) *RegionSummary {
	v := &RegionSummary{Quarters: quarters, Total: make([]RegionCell, len(quarters)), Plans: len(plans)}
	byName := map[string]int{}
	for _, rp := range plans {
		i, ok := byName[rp.Municipality]
		if !ok {
			i = len(v.Municipalities)
			byName[rp.Municipality] = i
			v.Municipalities = append(v.Municipalities, RegionGroup{Name: rp.Municipality, Total: make([]RegionCell, len(quarters))})
		}
		g := &v.Municipalities[i]
		row := RegionRow{Hash: rp.Hash, Title: rp.Plan.Title, Cells: make([]RegionCell, len(quarters))}
		for k, q := range quarters {
			var prog *plan.Progress
			if k < len(rp.Progress) {
				prog = rp.Progress[k]
			}
			qv := Quarter(rp.Plan, q, prog)
			row.Cells[k] = RegionCell{Counts: qv.Totals, Overdue: len(qv.Overdue)}
			g.Total[k].add(row.Cells[k])
			v.Total[k].add(row.Cells[k])
		}
		g.Plans = append(g.Plans, row)
	}
	sort.SliceStable(v.Municipalities, func(i, j int) bool { return v.Municipalities[i].Name < v.Municipalities[j].Name })
	for _, g := range v.Municipalities {
		sort.SliceStable(g.Plans, func(i, j int) bool { return g.Plans[i].Title < g.Plans[j].Title })
	}
	return v
}

// YearQuarters are the four quarters of a year.
func YearQuarters(year int) []plan.Quarter {
	return []plan.Quarter{{Year: year, Q: 1}, {Year: year, Q: 2}, {Year: year, Q: 3}, {Year: year, Q: 4}}
}
