package produce

import (
	"sort"

	"github.com/roadmap-tool/roadmap/normalize"
	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// OutlineRow is one row of a plan's outline as data: a section or an
// item, with the diagnostics found at its line of the source.
type OutlineRow struct {
	Line        int
	Section     *plan.Section // one of Section and Item is set
	Item        *plan.Item
	KindLabel   string // the item's deadline kind in words ("период")
	Diagnostics plan.Diagnostics
}

// OutlineData is the outline of a plan that a page shows: what Outline
// writes as text, with every diagnostic placed at its row.
type OutlineData struct {
	// Columns say how each column of the source table was read.
	Columns []OutlineColumn
	Rows    []OutlineRow
	// Other are the diagnostics at no row of the outline: the title, the
	// header, rows dropped or merged while reading, the plan as a whole.
	Other plan.Diagnostics
}

// OutlineColumn is one column of the source table and what it was read
// as.
type OutlineColumn struct {
	Header string
	Role   string // in words: "срок", "ответственные", "прочее"
	Extra  bool   // kept as is, under its header, beside the item's fields
}

// OutlineOf lays out p's sections and items in document order and puts
// each diagnostic at the row of its line.
func OutlineOf(p *plan.Plan) OutlineData {
	var o OutlineData
	for _, c := range p.Columns {
		o.Columns = append(o.Columns, OutlineColumn{Header: c.Header, Role: normalize.RoleLabel(c.Role), Extra: c.Field == plan.FieldExtra})
	}
	for i := range p.Sections {
		o.Rows = append(o.Rows, OutlineRow{Line: p.Sections[i].Line, Section: &p.Sections[i]})
	}
	for i := range p.Items {
		it := &p.Items[i]
		o.Rows = append(o.Rows, OutlineRow{Line: it.Line, Item: it, KindLabel: normalize.KindLabel(it.Deadline.Kind)})
	}
	sort.SliceStable(o.Rows, func(i, j int) bool { return o.Rows[i].Line < o.Rows[j].Line })
	byLine := map[int]int{}
	for i, r := range o.Rows {
		if _, ok := byLine[r.Line]; !ok && r.Line > 0 {
			byLine[r.Line] = i
		}
	}
	for _, d := range p.Diagnostics {
		if i, ok := byLine[d.Line]; ok && d.Line > 0 {
			o.Rows[i].Diagnostics = append(o.Rows[i].Diagnostics, d)
		} else {
			o.Other = append(o.Other, d)
		}
	}
	return o
}
