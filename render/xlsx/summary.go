package xlsx

import (
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// summaryRows writes the rows of the Сводка sheet: COUNTIFS formulas over
// the План sheet's hidden key columns and the status column, so the
// counts follow every status a user picks in Excel. They are spliced into
// the template like the other sheets' rows (summarySetup lays out the
// sheet): through excelize's cells they cost a tenth of the tracker.
func summaryRows(w *rowsWriter, p *plan.Plan, lab *labels, st *styles, lay *layout, planSheet string, first, last int) {
	s := &lab.Summary
	rng := func(k colKind) string {
		c := colName(lay.pos[k])
		return quoteSheet(planSheet) + "!$" + c + "$" + strconv.Itoa(first) + ":$" + c + "$" + strconv.Itoa(last)
	}
	statusRng, secRng, execRng := rng(kStatus), rng(kSectionKey), rng(kExecKey)
	cell := func(c, r int) string { return colName(c) + strconv.Itoa(r) }
	line := func(r int, height float64, col, style int, v string) {
		w.start(r, height, 0)
		w.str(col, style, v)
		w.end()
	}
	// Columns: label, total, one per status, нет данных, % выполнено.
	nStat := len(plan.Statuses)
	colNone := 3 + nStat
	colPct := colNone + 1
	doneCol := 0
	for i, stt := range plan.Statuses {
		if stt == plan.StatusDone {
			doneCol = 3 + i
		}
	}
	pct := func(r int) string {
		return "IF(" + cell(2, r) + ">0," + cell(doneCol, r) + "/" + cell(2, r) + ",0)"
	}
	header := func(r int, first string) {
		w.start(r, 30, 0)
		w.str(1, st.header, first)
		w.str(2, st.header, s.Total)
		for i, stt := range plan.Statuses {
			w.str(3+i, st.header, lab.Status(stt))
		}
		w.str(colNone, st.header, lab.Status(plan.StatusNone))
		w.str(colPct, st.header, s.Percent)
		w.end()
	}
	counts := func(r int, label, keyRng, crit string) {
		height := 0.0
		if n := textLines(label, summaryLabelWidth); n > 1 {
			height = rowHeight(n)
		}
		w.start(r, height, 0)
		w.str(1, st.sumLabel, label)
		w.formula(2, st.sumNum, "COUNTIFS("+keyRng+","+formulaString(crit)+")")
		for i, stt := range plan.Statuses {
			w.formula(3+i, st.sumNum, "COUNTIFS("+keyRng+","+formulaString(crit)+","+statusRng+","+formulaString(lab.Status(stt))+")")
		}
		w.formula(colNone, st.sumNum, cell(2, r)+"-SUM("+cell(3, r)+":"+cell(2+nStat, r)+")")
		w.formula(colPct, st.sumPct, pct(r))
		w.end()
	}

	line(1, 0, 1, st.plainBold, s.Title+": "+oneLine(p.Title))
	line(2, 0, 1, st.plain, s.Note)
	r := 4
	line(r, 0, 1, st.plainBold, s.BySection)
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
	w.start(r, 0, 0)
	w.str(1, st.sumTotal, s.Totals)
	for c := 2; c <= colNone; c++ {
		if r > from {
			w.formula(c, st.sumTotalNum, "SUM("+cell(c, from)+":"+cell(c, r-1)+")")
		} else {
			w.formula(c, st.sumTotalNum, "0")
		}
	}
	w.formula(colPct, st.sumTotalPct, pct(r))
	w.end()
	r += 2
	line(r, 0, 1, st.plainBold, s.ByExecutor)
	r++
	header(r, s.Executor)
	r++
	for _, name := range executorOrder(p) {
		counts(r, name, execRng, "*|"+escapeWildcards(name)+"|*")
		r++
	}
}

// summarySetup lays out the Сводка sheet of f: widths, view, print.
func summarySetup(f *excelize.File, sh, title string, lab *labels) error {
	nStat := len(plan.Statuses)
	if err := f.SetColWidth(sh, "A", "A", summaryLabelWidth); err != nil {
		return err
	}
	if err := f.SetColWidth(sh, "B", colName(nStat+4), 12.5); err != nil {
		return err
	}
	no := false
	if err := f.SetSheetView(sh, 0, &excelize.ViewOptions{ShowGridLines: &no}); err != nil {
		return err
	}
	return printSetup(f, sh, 0, title, lab.Print.Footer)
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
func escapeWildcards(s string) string { return wildcards.Replace(s) }

var wildcards = strings.NewReplacer("~", "~~", "*", "~*", "?", "~?")
