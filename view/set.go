package view

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/templates"
)

// Matrix is one summary table of counts: labelled rows × labelled columns.
// Writers shade cells by value, so cells are numbers, never text.
type Matrix struct {
	// Name is short enough for an Excel sheet name (≤ 31 characters).
	Name  string
	Title string
	// Note explains how the numbers were counted, shown under the title.
	Note string
	// Corner is the heading of the row-label column.
	Corner string
	Rows   []string
	// Info is an optional second label column (the deadline text of an
	// activity), headed InfoHeader; nil when absent.
	Info       []string
	InfoHeader string
	Cols       []string
	Cells      [][]int
	// Totals says whether RowTotals, ColTotals and Total are meaningful and
	// should be shown (a calendar grid of marks has none).
	Totals    bool
	RowTotals []int
	ColTotals []int
	Total     int
	// Extra is an optional last column after the totals (co-led
	// activities), headed ExtraHeader; nil when absent.
	Extra       []int
	ExtraHeader string
	// Mark says cells are 0/1 marks, drawn as a filled cell, not a number.
	Mark bool
	// Max is the largest cell value, for shading.
	Max int
}

// newMatrix allocates the cells of an r × c matrix.
func newMatrix(rows, cols []string) *Matrix {
	m := &Matrix{Rows: rows, Cols: cols, Cells: make([][]int, len(rows))}
	flat := make([]int, len(rows)*len(cols))
	for i := range m.Cells {
		m.Cells[i], flat = flat[:len(cols):len(cols)], flat[len(cols):]
	}
	return m
}

// sum fills the totals and Max.
func (m *Matrix) sum() {
	m.RowTotals = make([]int, len(m.Rows))
	m.ColTotals = make([]int, len(m.Cols))
	m.Total, m.Max = 0, 0
	for i, r := range m.Cells {
		for j, v := range r {
			m.RowTotals[i] += v
			m.ColTotals[j] += v
			m.Total += v
			m.Max = max(m.Max, v)
		}
	}
}

// Set is every summary matrix of a plan.
type Set struct {
	// ExecutorSection: how many activities each organisation leads or
	// co-leads in each top-level section.
	ExecutorSection *Matrix
	// ActivityMonth: the calendar grid, a mark in each scheduled month.
	ActivityMonth *Matrix
	// ExecutorQuarter: activities running per quarter, per organisation.
	ExecutorQuarter *Matrix
	// SectionStatus: activities by status per top-level section; nil
	// without progress.
	SectionStatus *Matrix
}

// All returns the matrices present, in the order writers show them.
func (s *Set) All() []*Matrix {
	var out []*Matrix
	for _, m := range []*Matrix{s.ExecutorSection, s.ActivityMonth, s.ExecutorQuarter, s.SectionStatus} {
		if m != nil {
			out = append(out, m)
		}
	}
	return out
}

// SectionLabel is how a section is named in matrices and charts:
// "3. Меры ..." with its number when it has one; outside names the items
// outside every section (s nil).
func SectionLabel(s *plan.Section, outside string) string {
	if s == nil {
		return outside
	}
	t := strings.Join(strings.Fields(s.Title), " ")
	n := strings.TrimSpace(s.Num())
	if n == "" || strings.HasPrefix(t, n) {
		return t
	}
	if !strings.HasSuffix(n, ".") && !strings.HasSuffix(n, ")") {
		n += "."
	}
	return n + " " + t
}

// ActivityLabel is "1.2. Text of the activity" on one line, for row labels.
func ActivityLabel(it *plan.Item) string {
	t := strings.Join(strings.Fields(strings.ReplaceAll(it.Activity.Text, "\n- ", "; ")), " ")
	t = strings.TrimPrefix(t, "- ")
	if n := strings.TrimSpace(it.Num()); n != "" {
		return n + " " + t
	}
	return t
}

// Matrices computes every matrix of the plan; prog may be nil. The
// names, titles and headings come from lab (matrix.yaml), the status
// columns from its status words.
func Matrices(p *plan.Plan, prog *plan.Progress, lab *templates.Labels) *Set {
	s := &Set{}
	ml := &lab.Matrix
	words := func(m *Matrix, w templates.MatrixWords) {
		m.Name, m.Title, m.Note, m.Corner = w.Name, w.Title, w.Note, w.Corner
	}

	// Top-level sections in document order, and where each item belongs.
	var tops []string
	topLabel := map[string]string{}
	parent := make(map[string]string, len(p.Sections))
	for i := range p.Sections {
		sec := &p.Sections[i]
		parent[sec.ID] = sec.Parent
		if sec.Parent == "" {
			tops = append(tops, sec.ID)
			topLabel[sec.ID] = SectionLabel(sec, ml.OutsideSections)
		}
	}
	topOf := func(id string) string {
		for n := 0; n <= len(p.Sections); n++ {
			par, ok := parent[id]
			if !ok || par == "" {
				return id
			}
			id = par
		}
		return id
	}
	var acts []*plan.Item
	actTop := map[*plan.Item]string{}
	outside := false
	for i := range p.Items {
		it := &p.Items[i]
		if !IsActivity(it) {
			continue
		}
		acts = append(acts, it)
		t := topOf(it.Section)
		if _, ok := topLabel[t]; !ok {
			t = ""
			outside = true
		}
		actTop[it] = t
	}
	if outside {
		tops = append(tops, "")
		topLabel[""] = SectionLabel(nil, ml.OutsideSections)
	}
	topCol := make(map[string]int, len(tops))
	topNames := make([]string, len(tops))
	for i, id := range tops {
		topCol[id] = i
		topNames[i] = topLabel[id]
	}

	// Organisations, ordered by how many activities they take part in.
	involvement := map[string]int{}
	for _, it := range acts {
		for _, o := range itemOrgs(it) {
			involvement[o.org]++
		}
	}
	orgs := make([]string, 0, len(involvement))
	for o := range involvement {
		orgs = append(orgs, o)
	}
	sort.Slice(orgs, func(a, b int) bool {
		if involvement[orgs[a]] != involvement[orgs[b]] {
			return involvement[orgs[a]] > involvement[orgs[b]]
		}
		return orgs[a] < orgs[b]
	})
	orgRow := make(map[string]int, len(orgs))
	for i, o := range orgs {
		orgRow[o] = i
	}

	// Executor × section.
	es := newMatrix(orgs, topNames)
	words(es, ml.ExecutorSection)
	es.Extra = make([]int, len(orgs))
	es.ExtraHeader = ml.ExecutorSection.Extra
	for _, it := range acts {
		c := topCol[actTop[it]]
		for _, o := range itemOrgs(it) {
			r := orgRow[o.org]
			es.Cells[r][c]++
			if o.co {
				es.Extra[r]++
			}
		}
	}
	es.Totals = true
	es.sum()
	s.ExecutorSection = es

	// Activity × month over the period (or the span of scheduled months
	// when the title named no period).
	months := p.Period.Months()
	if len(months) == 0 {
		var lo, hi plan.Month
		for _, it := range acts {
			for _, m := range it.Deadline.Months {
				if lo == 0 || m < lo {
					lo = m
				}
				hi = max(hi, m)
			}
		}
		if lo != 0 {
			months = plan.Period{From: lo, To: hi}.Months()
		}
	}
	monthCol := make(map[plan.Month]int, len(months))
	monthNames := make([]string, len(months))
	for i, m := range months {
		monthCol[m] = i
		monthNames[i] = templates.Fill(ml.MonthColumn, "{month}", plan.MonthShort[m.Num()-1], "{yy}", fmt.Sprintf("%02d", m.Year()%100))
	}
	rows := make([]string, len(acts))
	info := make([]string, len(acts))
	for i, it := range acts {
		rows[i] = ActivityLabel(it)
		info[i] = strings.Join(strings.Fields(it.Deadline.Text), " ")
	}
	am := newMatrix(rows, monthNames)
	words(am, ml.ActivityMonth)
	am.Info, am.InfoHeader = info, ml.ActivityMonth.Info
	am.Mark = true
	for i, it := range acts {
		for _, m := range it.Deadline.Months {
			if c, ok := monthCol[m]; ok {
				am.Cells[i][c] = 1
			}
		}
	}
	am.sum()
	am.Totals = false
	s.ActivityMonth = am

	// Executor × quarter.
	var quarters []plan.Quarter
	if len(months) > 0 {
		quarters = plan.Period{From: months[0], To: months[len(months)-1]}.Quarters()
	}
	qNames := make([]string, len(quarters))
	for i, q := range quarters {
		qNames[i] = templates.Fill(ml.QuarterColumn, "{roman}", q.Roman(), "{year}", strconv.Itoa(q.Year))
	}
	eq := newMatrix(orgs, qNames)
	words(eq, ml.ExecutorQuarter)
	for _, it := range acts {
		orgsOf := itemOrgs(it)
		if len(orgsOf) == 0 {
			continue
		}
		for j, q := range quarters {
			if !RunsIn(p, it, q.First(), q.Last()) {
				continue
			}
			for _, o := range orgsOf {
				eq.Cells[orgRow[o.org]][j]++
			}
		}
	}
	eq.Totals = true
	eq.sum()
	s.ExecutorQuarter = eq

	// Section × status.
	if prog != nil {
		cols := make([]string, len(StatusOrder))
		for i, st := range StatusOrder {
			cols[i] = lab.Status(st)
		}
		ss := newMatrix(topNames, cols)
		words(ss, ml.SectionStatus)
		if prog.Quarter != "" {
			if q, err := plan.ParseQuarter(prog.Quarter); err == nil {
				ss.Note += templates.Fill(ml.SectionStatus.QuarterNote, "{quarter}", q.Label())
			}
		}
		for _, it := range acts {
			ss.Cells[topCol[actTop[it]]][statusIndex(prog.Status(it.ID))]++
		}
		ss.Totals = true
		ss.sum()
		s.SectionStatus = ss
	}
	return s
}
