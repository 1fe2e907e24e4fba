package view

import (
	"strings"

	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// IsActivity reports whether an item is an activity that is counted and
// reported. A row that only groups numbered sub-items and has no deadline
// of its own (Derbent's "1.1 Оценка качества ..." above 1.1.1, 1.1.2) is
// structure: it is shown as a sub-heading but never counted, so a parent
// and its children do not inflate the totals twice.
func IsActivity(it *plan.Item) bool {
	if !it.HasChildren {
		return true
	}
	return strings.TrimSpace(it.Deadline.Text) != "" || len(it.Deadline.Months) > 0
}

// Unscheduled reports whether an item has no months at all and is not a
// recurring or whole-period activity: "по мере необходимости", "по
// графику", an empty or unparsed deadline. Such items cannot be placed in a
// quarter, so reports list them in a block of their own.
func Unscheduled(it *plan.Item) bool {
	if len(it.Deadline.Months) > 0 {
		return false
	}
	switch it.Deadline.Kind {
	case plan.KindRecurring, plan.KindPeriod:
		return false
	}
	return true
}

// RunsIn reports whether an item is due or running in the months [from, to].
// Scheduled months decide when there are any. A recurring item with no
// months ("Ежегодно" alone) or a whole-period item runs in every quarter of
// the plan's period: we cannot tell when in the year it happens, so it is
// shown wherever it might be due rather than nowhere.
func RunsIn(p *plan.Plan, it *plan.Item, from, to plan.Month) bool {
	if len(it.Deadline.Months) > 0 {
		return it.Deadline.In(from, to)
	}
	switch it.Deadline.Kind {
	case plan.KindRecurring, plan.KindPeriod:
		if p.Period.IsZero() {
			return true
		}
		return from <= p.Period.To && to >= p.Period.From
	}
	return false
}

// OrgKey is the name an executor is counted under: the canonical
// organisation when it was resolved, the source text otherwise, so that an
// unknown executor still appears in the summaries instead of vanishing.
func OrgKey(e plan.Executor) string {
	if e.Org != "" {
		return e.Org
	}
	return strings.Join(strings.Fields(e.Text), " ")
}

// orgRole is one organisation's part in one item.
type orgRole struct {
	org string
	co  bool
}

// itemOrgs lists the distinct organisations of an item in source order; an
// organisation named both as lead and as co-executor counts as lead.
func itemOrgs(it *plan.Item) []orgRole {
	out := make([]orgRole, 0, len(it.Responsible))
	for _, e := range it.Responsible {
		k := OrgKey(e)
		if k == "" {
			continue
		}
		dup := false
		for i := range out {
			if out[i].org == k {
				out[i].co = out[i].co && e.Co
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, orgRole{k, e.Co})
		}
	}
	return out
}

// StatusOrder is the order in which statuses are counted and shown in
// totals, charts and legends: the closed state first, "no data" last.
var StatusOrder = []plan.Status{
	plan.StatusDone, plan.StatusInProgress, plan.StatusNotStarted,
	plan.StatusNotDone, plan.StatusPostponed, plan.StatusNone,
}

// statusIndex maps a status to its place in StatusOrder; unknown keys
// (a newer vocabulary) count as "no data" rather than being lost.
func statusIndex(s plan.Status) int {
	for i, o := range StatusOrder {
		if o == s {
			return i
		}
	}
	return len(StatusOrder) - 1
}

// Counts holds numbers of activities by status, indexed like StatusOrder.
type Counts struct {
	N     [6]int
	Total int
}

// Add counts one activity of status s.
func (c *Counts) Add(s plan.Status) {
	c.N[statusIndex(s)]++
	c.Total++
}

// Get returns the number of activities of status s.
func (c Counts) Get(s plan.Status) int { return c.N[statusIndex(s)] }

// carried reports whether an activity due before quarter q (whose
// answers are as) stays in q's report: while it is not done, and in the
// quarter it was reported done, so that the report of that quarter shows
// what was done in it (a report is cumulative: an activity done in an
// earlier quarter leaves it).
func carried(st plan.Status, as []plan.Answer, q plan.Quarter) bool {
	if !st.Final() {
		return true
	}
	qs := q.String()
	for _, a := range as {
		if a.Quarter == qs {
			return true
		}
	}
	return false
}
