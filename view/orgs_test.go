package view

import (
	"fmt"
	"testing"

	"github.com/roadmap-tool/roadmap/normalize/plan"
)

func TestForOrgs(t *testing.T) {
	m := plan.MonthOf
	item := func(id string, s plan.Schedule) plan.Item {
		return plan.Item{ID: id, Activity: plan.Text{Text: id}, Deadline: s}
	}
	p := &plan.Plan{Period: plan.Period{From: m(2022, 1), To: m(2022, 12)}, Items: []plan.Item{
		item("jan", plan.Schedule{Kind: plan.KindDated, Months: []plan.Month{m(2022, 1)}}),
		item("may", plan.Schedule{Kind: plan.KindDated, Months: []plan.Month{m(2022, 5)}}),
		item("jun", plan.Schedule{Kind: plan.KindDated, Months: []plan.Month{m(2022, 6)}}),
		item("sep", plan.Schedule{Kind: plan.KindDated, Months: []plan.Month{m(2022, 9)}}),
		item("any", plan.Schedule{Kind: plan.KindUnscheduled, Text: "По мере необходимости"}),
		item("yearly", plan.Schedule{Kind: plan.KindRecurring, Recurrence: "yearly", Text: "Ежегодно"}),
	}}
	ans := func(item, org string, s plan.Status) plan.Answer {
		return plan.Answer{ItemID: item, Org: org, Status: s}
	}
	prog := &plan.Progress{Answers: map[string][]plan.Answer{
		"jan": {ans("jan", "A", plan.StatusDone), ans("jan", "B", plan.StatusInProgress)},
		"may": {ans("may", "B", plan.StatusDone)},
	}}
	all := []string{"jan", "may", "jun", "sep", "any", "yearly", "missing"}
	got := ForOrgs(p, plan.Quarter{Year: 2022, Q: 2}, prog, []Assignment{{Org: "A", Items: all}, {Org: "B", Items: all}, {Org: "C", Items: []string{"sep"}}})
	describe := func(oq OrgQuarter) string {
		s := ""
		for _, r := range oq.Rows {
			s += fmt.Sprintf("%s:%s", r.Item.ID, r.Status)
			if r.Carried {
				s += ",carried"
			}
			if r.Overdue {
				s += ",overdue"
			}
			s += " "
		}
		for _, r := range oq.Unscheduled {
			s += "(" + r.Item.ID + ") "
		}
		return s + fmt.Sprintf("answered=%d overdue=%d done=%d total=%d", oq.Answered, oq.Overdue, oq.Counts.Get(plan.StatusDone), oq.Counts.Total)
	}
	want := []string{
		// A did January: not carried; May and June are due and unanswered.
		"may:,overdue jun:,overdue yearly: (any) answered=0 overdue=2 done=0 total=3",
		// B's own answers decide: its January is still in progress
		// (carried, overdue), its May is done; A's done never counts for B.
		"jan:in_progress,carried,overdue may:done jun:,overdue yearly: (any) answered=2 overdue=2 done=1 total=4",
		"answered=0 overdue=0 done=0 total=0",
	}
	for i, oq := range got {
		if d := describe(oq); d != want[i] {
			t.Errorf("%s:\n got %s\nwant %s", oq.Org, d, want[i])
		}
	}
	// Answers in any order (a progress not from the store) are found too.
	unsorted := &plan.Progress{Answers: map[string][]plan.Answer{"may": {ans("may", "C", plan.StatusNotDone), ans("may", "B", plan.StatusDone), ans("may", "A", plan.StatusPostponed)}}}
	for org, want := range map[string]plan.Status{"A": plan.StatusPostponed, "B": plan.StatusDone, "C": plan.StatusNotDone, "D": plan.StatusNone} {
		oq := ForOrgs(p, plan.Quarter{Year: 2022, Q: 2}, unsorted, []Assignment{{Org: org, Items: []string{"may"}}})[0]
		if len(oq.Rows) != 1 || oq.Rows[0].Status != want {
			t.Errorf("unsorted answers, %s: %+v", org, oq.Rows)
		}
	}
	// Without progress nothing is carried or overdue.
	plain := ForOrgs(p, plan.Quarter{Year: 2022, Q: 2}, nil, []Assignment{{Org: "A", Items: all}})
	if d := describe(plain[0]); d != "may: jun: yearly: (any) answered=0 overdue=0 done=0 total=3" {
		t.Errorf("without progress: %s", d)
	}
}

// TestCarriedUntilDone: an activity due before the quarter stays in it
// while it is not done, and in the quarter in which it was reported
// done (that quarter's report shows what was done in it); in the
// quarters after, it is gone. Both views apply the same rule.
func TestCarriedUntilDone(t *testing.T) {
	m := plan.MonthOf
	p := &plan.Plan{Period: plan.Period{From: m(2022, 1), To: m(2022, 12)}, Items: []plan.Item{
		{ID: "jan", Activity: plan.Text{Text: "jan"}, Deadline: plan.Schedule{Kind: plan.KindDated, Months: []plan.Month{m(2022, 1)}}},
	}}
	done := &plan.Progress{Answers: map[string][]plan.Answer{"jan": {{ItemID: "jan", Org: "A", Status: plan.StatusDone, Quarter: "2022Q2"}}}}
	for _, c := range []struct {
		q    plan.Quarter
		want bool
	}{{plan.Quarter{Year: 2022, Q: 2}, true}, {plan.Quarter{Year: 2022, Q: 3}, false}} {
		oq := ForOrgs(p, c.q, done, []Assignment{{Org: "A", Items: []string{"jan"}}})[0]
		if got := len(oq.Rows) == 1 && oq.Rows[0].Carried && !oq.Rows[0].Overdue; got != c.want {
			t.Errorf("%s, an organisation's row done in 2022Q2: carried %v, want %v (%+v)", c.q, got, c.want, oq.Rows)
		}
		v := Quarter(p, c.q, done)
		if got := v.Carried == 1 && len(v.Overdue) == 0; got != c.want {
			t.Errorf("%s, the quarter's row done in 2022Q2: carried %v, want %v", c.q, got, c.want)
		}
	}
}
