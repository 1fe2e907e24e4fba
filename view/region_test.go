package view_test

import (
	"testing"

	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/view"
	"github.com/roadmap-tool/roadmap/view/viewtest"
)

// The region's summary: each plan's cell is the quarterly report's
// totals and overdue count; the municipalities' and the region's sums
// add them up; municipalities by name, plans by title; a quarter without
// answers counts the plan of the quarter.
func TestRegion(t *testing.T) {
	a, b := viewtest.Plan(60), viewtest.Plan(90)
	b.Title = "Б: " + b.Title
	c := viewtest.Plan(30)
	c.Title = "А: " + c.Title
	qs := view.YearQuarters(2022)
	progs := func(p *plan.Plan, n int) []*plan.Progress {
		out := make([]*plan.Progress, len(qs))
		for i := 0; i < n; i++ {
			out[i] = viewtest.Progress(p, qs[i])
		}
		return out
	}
	v := view.Region(qs, []view.RegionPlan{
		{Municipality: "Саров", Hash: "a", Plan: a, Progress: progs(a, 2)},
		{Municipality: "Дербент", Hash: "b", Plan: b, Progress: progs(b, 1)},
		{Municipality: "Дербент", Hash: "c", Plan: c, Progress: progs(c, 4)},
	})
	if len(v.Municipalities) != 2 || v.Municipalities[0].Name != "Дербент" || v.Municipalities[1].Name != "Саров" {
		t.Fatalf("municipalities %+v", v.Municipalities)
	}
	if d := v.Municipalities[0]; len(d.Plans) != 2 || d.Plans[0].Hash != "c" || d.Plans[1].Hash != "b" {
		t.Fatalf("Дербент's plans are not by title: %+v", d.Plans)
	}
	for k, q := range qs {
		var sum view.RegionCell
		for _, g := range v.Municipalities {
			var mun view.RegionCell
			for _, p := range g.Plans {
				var pl *plan.Plan
				var prog *plan.Progress
				switch p.Hash {
				case "a":
					pl, prog = a, progs(a, 2)[k]
				case "b":
					pl, prog = b, progs(b, 1)[k]
				case "c":
					pl, prog = c, progs(c, 4)[k]
				}
				want := view.Quarter(pl, q, prog)
				if p.Cells[k].Counts != want.Totals || p.Cells[k].Overdue != len(want.Overdue) {
					t.Fatalf("%s, %s: cell %+v, the report says %+v and %d overdue", p.Hash, q, p.Cells[k], want.Totals, len(want.Overdue))
				}
				mun.Counts.Total += p.Cells[k].Counts.Total
				mun.Overdue += p.Cells[k].Overdue
				for i := range mun.Counts.N {
					mun.Counts.N[i] += p.Cells[k].Counts.N[i]
				}
			}
			if g.Total[k] != mun {
				t.Fatalf("%s, %s: total %+v, the plans sum to %+v", g.Name, q, g.Total[k], mun)
			}
			sum.Counts.Total += mun.Counts.Total
			sum.Overdue += mun.Overdue
			for i := range sum.Counts.N {
				sum.Counts.N[i] += mun.Counts.N[i]
			}
		}
		if v.Total[k] != sum {
			t.Fatalf("%s: region %+v, municipalities sum to %+v", q, v.Total[k], sum)
		}
	}
	if v.Total[0].Counts.Total == 0 || v.Total[0].Done() == 0 {
		t.Fatalf("the first quarter counts nothing done: %+v", v.Total[0])
	}
	if pct := v.Total[0].Percent(); pct != v.Total[0].Done()*100/v.Total[0].Counts.Total {
		t.Fatalf("percent %d", pct)
	}
	if (view.RegionCell{}).Percent() != 0 {
		t.Fatal("percent of nothing")
	}
}
