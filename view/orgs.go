package view

import (
	"sort"

	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// Assignment is an organisation and the activities it receives (the
// recipients of the checklists).
type Assignment struct {
	Org   string
	Items []string // item ids
}

// OrgQuarter is one organisation's part of a quarter: what its checklist
// and its web page ask of it, with its own answers.
type OrgQuarter struct {
	Org string
	// Rows are its activities due or running in the quarter and, with
	// progress, those due earlier that it has not reported done (carried
	// forward), in plan order. Each row's Status and Answers are the
	// organisation's own, never another's.
	Rows []Row
	// Unscheduled are its activities without months (по мере
	// необходимости): it may report on them in any quarter.
	Unscheduled []Row
	Counts      Counts // of Rows, by the organisation's own status
	Answered    int    // Rows with an answer of its own
	Overdue     int    // Rows overdue
}

// ownAnswer finds org's answer among an item's answers: by binary search
// when they are sorted by organisation (as the store returns them), by a
// scan otherwise. The result shares as' storage.
func ownAnswer(as []plan.Answer, sorted bool, org string) []plan.Answer {
	if sorted {
		i := sort.Search(len(as), func(i int) bool { return as[i].Org >= org })
		if i < len(as) && as[i].Org == org {
			return as[i : i+1 : i+1]
		}
		return nil
	}
	for i := range as {
		if as[i].Org == org {
			return as[i : i+1 : i+1]
		}
	}
	return nil
}

// ForOrgs computes each organisation's part of quarter q, with the rules
// of Quarter applied to the organisation's own answers: a row is carried
// forward while the organisation has not reported it done, and overdue
// when its last month is not after the quarter's end.
func ForOrgs(p *plan.Plan, q plan.Quarter, prog *plan.Progress, as []Assignment) []OrgQuarter {
	sorted := map[string]bool{}
	if prog != nil {
		for item, as := range prog.Answers {
			sorted[item] = sort.SliceIsSorted(as, func(i, j int) bool { return as[i].Org < as[j].Org })
		}
	}
	pos := make(map[string]int, len(p.Items))
	for i := range p.Items {
		pos[p.Items[i].ID] = i
	}
	from, to := q.First(), q.Last()
	out := make([]OrgQuarter, len(as))
	for k, a := range as {
		oq := OrgQuarter{Org: a.Org}
		for _, id := range a.Items {
			i, ok := pos[id]
			if !ok || !IsActivity(&p.Items[i]) {
				continue
			}
			it := &p.Items[i]
			row := Row{Item: it}
			if prog != nil {
				if own := ownAnswer(prog.Answers[id], sorted[id], a.Org); own != nil {
					row.Status, row.Answers = own[0].Status, own
				}
			}
			if Unscheduled(it) {
				oq.Unscheduled = append(oq.Unscheduled, row)
				continue
			}
			last := it.Deadline.Last()
			switch {
			case RunsIn(p, it, from, to):
			case prog != nil && last != 0 && last < from && !row.Status.Final():
				row.Carried = true
			default:
				continue
			}
			row.Overdue = prog != nil && !row.Status.Final() && last != 0 && last <= to
			oq.Rows = append(oq.Rows, row)
			oq.Counts.Add(row.Status)
			if len(row.Answers) > 0 {
				oq.Answered++
			}
			if row.Overdue {
				oq.Overdue++
			}
		}
		out[k] = oq
	}
	return out
}
