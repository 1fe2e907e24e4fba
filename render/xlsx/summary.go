package xlsx

import (
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// writeSummary fills the Сводка sheet with COUNTIFS formulas over the
// План sheet's hidden key columns and the status column, so the counts
// follow every status a user picks in Excel. It is small, so it goes
// through excelize directly rather than through splice.
func writeSummary(f *excelize.File, p *plan.Plan, lab *labels, st *styles, lay *layout, planSheet string, first, last int) error {
	sh := lab.Sheets.Summary
	s := &lab.Summary
	var err error
	do := func(e error) {
		if err == nil {
			err = e
		}
	}
	rng := func(k colKind) string {
		c := colName(lay.pos[k])
		return quoteSheet(planSheet) + "!$" + c + "$" + strconv.Itoa(first) + ":$" + c + "$" + strconv.Itoa(last)
	}
	statusRng, secRng, execRng := rng(kStatus), rng(kSectionKey), rng(kExecKey)
	cell := func(c, r int) string { return colName(c) + strconv.Itoa(r) }
	str := func(c, r int, v string, style int) {
		do(f.SetCellStr(sh, cell(c, r), v))
		do(f.SetCellStyle(sh, cell(c, r), cell(c, r), style))
	}
	formula := func(c, r int, fm string, style int) {
		do(f.SetCellFormula(sh, cell(c, r), fm))
		do(f.SetCellStyle(sh, cell(c, r), cell(c, r), style))
	}
	// Columns: label, total, one per status, нет данных, % выполнено.
	nStat := len(plan.Statuses)
	colNone := 3 + nStat
	colPct := colNone + 1
	doneCol := 0
	header := func(r int, first string) {
		str(1, r, first, st.header)
		str(2, r, s.Total, st.header)
		for i, stt := range plan.Statuses {
			str(3+i, r, lab.Status(stt), st.header)
			if stt == plan.StatusDone {
				doneCol = 3 + i
			}
		}
		str(colNone, r, lab.Status(plan.StatusNone), st.header)
		str(colPct, r, s.Percent, st.header)
		do(f.SetRowHeight(sh, r, 30))
	}
	counts := func(r int, label, keyRng, crit string) {
		str(1, r, label, st.sumLabel)
		if n := textLines(label, summaryLabelWidth); n > 1 {
			do(f.SetRowHeight(sh, r, rowHeight(n)))
		}
		formula(2, r, "COUNTIFS("+keyRng+","+formulaString(crit)+")", st.sumNum)
		for i, stt := range plan.Statuses {
			formula(3+i, r, "COUNTIFS("+keyRng+","+formulaString(crit)+","+statusRng+","+formulaString(lab.Status(stt))+")", st.sumNum)
		}
		formula(colNone, r, cell(2, r)+"-SUM("+cell(3, r)+":"+cell(2+nStat, r)+")", st.sumNum)
		formula(colPct, r, "IF("+cell(2, r)+">0,"+cell(doneCol, r)+"/"+cell(2, r)+",0)", st.sumPct)
	}

	str(1, 1, s.Title+": "+oneLine(p.Title), st.plainBold)
	str(1, 2, s.Note, st.plain)
	r := 4
	str(1, r, s.BySection, st.plainBold)
	r++
	header(r, s.Section)
	r++
	from := r
	for _, key := range topSections(p) {
		label := s.NoSection
		if key != noSectionKey {
			sec := p.SectionByID(key)
			label = strings.TrimSpace(sec.Num() + " " + oneLine(sec.Title))
		}
		counts(r, label, secRng, "="+escapeWildcards(key))
		r++
	}
	str(1, r, s.Totals, st.sumTotal)
	for c := 2; c <= colNone; c++ {
		if r > from {
			formula(c, r, "SUM("+cell(c, from)+":"+cell(c, r-1)+")", st.sumTotalNum)
		} else {
			formula(c, r, "0", st.sumTotalNum)
		}
	}
	formula(colPct, r, "IF("+cell(2, r)+">0,"+cell(doneCol, r)+"/"+cell(2, r)+",0)", st.sumTotalPct)
	r += 2
	str(1, r, s.ByExecutor, st.plainBold)
	r++
	header(r, s.Executor)
	r++
	for _, name := range executorOrder(p) {
		counts(r, name, execRng, "*|"+escapeWildcards(name)+"|*")
		r++
	}
	do(f.SetColWidth(sh, "A", "A", summaryLabelWidth))
	do(f.SetColWidth(sh, "B", colName(colPct), 12.5))
	no := false
	do(f.SetSheetView(sh, 0, &excelize.ViewOptions{ShowGridLines: &no}))
	do(printSetup(f, sh, 0, p.Title, lab.Print.Footer))
	return err
}

// summaryLabelWidth is the width of the label column of Сводка.
const summaryLabelWidth = 60

// topSections lists the keys of top-level sections holding items, in
// document order, then the no-section key if some item has none.
func topSections(p *plan.Plan) []string {
	has := map[string]bool{}
	keys := sectionKeys(p)
	for i := range p.Items {
		has[sectionKey(keys, &p.Items[i])] = true
	}
	var out []string
	for _, s := range p.Sections {
		if s.Parent == "" && has[s.ID] {
			out = append(out, s.ID)
		}
	}
	if has[noSectionKey] {
		out = append(out, noSectionKey)
	}
	return out
}

// executorOrder lists executors as the plan's organisations list them,
// then any other executor name in order of first mention.
func executorOrder(p *plan.Plan) []string {
	used := map[string]bool{}
	var mentioned []string
	for i := range p.Items {
		for _, e := range p.Items[i].Responsible {
			if n := executorName(e); n != "" && !used[n] {
				used[n] = true
				mentioned = append(mentioned, n)
			}
		}
	}
	var out []string
	listed := map[string]bool{}
	for _, o := range p.Organizations {
		if used[o.Name] && !listed[o.Name] {
			listed[o.Name] = true
			out = append(out, o.Name)
		}
	}
	for _, n := range mentioned {
		if !listed[n] {
			out = append(out, n)
		}
	}
	return out
}

// escapeWildcards protects *, ? and ~ in a COUNTIFS criterion.
func escapeWildcards(s string) string {
	r := strings.NewReplacer("~", "~~", "*", "~*", "?", "~?")
	return r.Replace(s)
}
