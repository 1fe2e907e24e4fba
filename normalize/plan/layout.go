package plan

import "sort"

// Section kinds are the document's own words, lower case (Section.Kind).

// Total is a row of figures that sums others ("Итого", "Итого по задаче 1",
// "Всего по подпрограмме", "ВСЕГО"), or the figures a section's own row
// carries (a numbered task row with subtotals). It is not an activity.
type Total struct {
	// Label is the row's text ("Итого по задаче 1"); for a section's own
	// figures, the section's title.
	Label string `json:"label"`
	// Section is the id of the section the total sums; "" for the plan.
	Section string `json:"section,omitempty"`
	// Own is true for the figures printed on the section's own row.
	Own  bool `json:"own,omitempty"`
	Line int  `json:"line"`
	// Values are the row's other texts by column header, as written.
	Values map[string]string `json:"values"`
}

// Reading records how normalize read the source table: what a user needs
// to see why the plan came out as it did (`roadmap lint --explain`).
// Everything else of the reading is in the plan itself: columns with their
// roles and header paths, sections made from grouping columns, totals,
// and diagnostics for continuation rows, realigned rows and skipped rows.
type Reading struct {
	// HeaderLines are the source lines of the header rows, top first.
	HeaderLines []int
	// NumbersLine is the line of the row of column numbers under the
	// header ("1 | 2 | 3 ..."), 0 when there is none.
	NumbersLine int
	// GroupNumbers names the grouping column whose groups the number
	// column numbers (the number is printed on a group's first row only,
	// and the rows below are items of that group); "" otherwise.
	GroupNumbers string
	// Columns says for each column (as in Plan.Columns) how its role was
	// decided: "" when by its header alone, or a short Russian reason
	// ("вместо столбца мероприятия нет другого").
	Columns []string
}

// hashLayout feeds Hash the fields of the layouts beyond the first two
// seeds' (section kinds, descriptions, positions, co-executor columns,
// header paths, totals, the plan's organisation), and nothing when a plan
// has none of them, so that the hash of such a plan stays as it was.
func (p *Plan) hashLayout(h *hasher) {
	used := p.Organization != "" || p.Approval != "" || len(p.Amendments) > 0 || len(p.Totals) > 0
	for i := 0; !used && i < len(p.Columns); i++ {
		used = len(p.Columns[i].Path) > 0 || p.Columns[i].Year != 0
	}
	for i := 0; !used && i < len(p.Sections); i++ {
		used = p.Sections[i].Kind != ""
	}
	for i := 0; !used && i < len(p.Items); i++ {
		it := &p.Items[i]
		used = it.Description.Text != ""
		for _, e := range it.Responsible {
			used = used || e.Kind != ExecutorOrg || e.Column != ""
		}
	}
	if !used {
		return
	}
	h.str("layout-v1")
	h.str(p.Organization)
	h.str(p.Approval)
	h.num(len(p.Amendments))
	for _, a := range p.Amendments {
		h.str(a)
	}
	for _, c := range p.Columns {
		h.num(len(c.Path))
		for _, s := range c.Path {
			h.str(s)
		}
		h.num(c.Year)
	}
	for i := range p.Sections {
		h.str(p.Sections[i].Kind)
	}
	for i := range p.Items {
		it := &p.Items[i]
		h.str(it.Description.Text)
		for _, e := range it.Responsible {
			h.num(int(e.Kind))
			h.str(e.Column)
		}
	}
	h.num(len(p.Totals))
	for _, t := range p.Totals {
		h.str(t.Label)
		h.str(t.Section)
		h.flag(t.Own)
		keys := make([]string, 0, len(t.Values))
		for k := range t.Values {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		h.num(len(keys))
		for _, k := range keys {
			h.str(k)
			h.str(t.Values[k])
		}
	}
}
