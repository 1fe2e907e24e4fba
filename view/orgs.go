package view

import (
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

// ForOrgs computes each organisation's part of quarter q, with the rules
// of Quarter applied to the organisation's own answers: a row is carried
// forward while the organisation has not reported it done, and overdue
// when its last month is not after the quarter's end.
func ForOrgs(p *plan.Plan, q plan.Quarter, prog *plan.Progress, as []Assignment) []OrgQuarter {
	pos := make(map[string]int, len(p.Items))
	for i := range p.Items {
		pos[p.Items[i].ID] = i
	}
	// own[k][i] is organisation k's answer to item i: each answer is
	// looked at once, whatever the number of organisations.
	orgPos := make(map[string]int, len(as))
	for k, a := range as {
		orgPos[a.Org] = k
	}
	own := make([][][]plan.Answer, len(as)) // one-answer slices of prog's storage
	if prog != nil {
		for item, answers := range prog.Answers {
			i, ok := pos[item]
			if !ok {
				continue
			}
			for j := range answers {
				if k, ok := orgPos[answers[j].Org]; ok {
					if own[k] == nil {
						own[k] = make([][]plan.Answer, len(p.Items))
					}
					own[k][i] = answers[j : j+1 : j+1]
				}
			}
		}
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
			if own[k] != nil && own[k][i] != nil {
				row.Status, row.Answers = own[k][i][0].Status, own[k][i]
			}
			if Unscheduled(it) {
				oq.Unscheduled = append(oq.Unscheduled, row)
				continue
			}
			last := it.Deadline.Last()
			switch {
			case RunsIn(p, it, from, to):
			case prog != nil && last != 0 && last < from && carried(row.Status, row.Answers, q):
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
