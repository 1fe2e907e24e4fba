package xlsx

import (
	"bytes"
	"fmt"
	"io"
	"strconv"

	"github.com/xuri/excelize/v2"

	"github.com/roadmap-tool/roadmap/templates"
	"github.com/roadmap-tool/roadmap/view"
)

// KindRegion is the kind the region's summary states in its document
// properties (roadmap.kind): nothing to collect in it.
const KindRegion = "region"

// WriteRegion writes the region's summary of year as a workbook of one
// sheet: a row per plan of each municipality, its sum after them and the
// region's at the end; four numeric columns per quarter (done, all,
// share done, overdue), so that the figures can be sorted and summed.
func WriteRegion(w io.Writer, v *view.RegionSummary, year int, lab *templates.Labels) error {
	if lab == nil {
		lab = templates.Default()
	}
	t := &lab.Region
	f := excelize.NewFile()
	defer f.Close()
	sh := t.Sheet
	if err := f.SetSheetName("Sheet1", sh); err != nil {
		return fmt.Errorf("сводка региона Excel: лист %q: %w", sh, err)
	}
	st, err := newMxStyles(f)
	if err != nil {
		return fmt.Errorf("сводка региона Excel: %w", err)
	}
	pct, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: "Arial", Size: 9}, NumFmt: 9, Alignment: &excelize.Alignment{Horizontal: "right"},
		Border: []excelize.Border{{Type: "left", Color: "BFBFBF", Style: 1}, {Type: "right", Color: "BFBFBF", Style: 1},
			{Type: "top", Color: "BFBFBF", Style: 1}, {Type: "bottom", Color: "BFBFBF", Style: 1}}})
	if err != nil {
		return fmt.Errorf("сводка региона Excel: %w", err)
	}
	var werr error
	do := func(e error) {
		if werr == nil {
			werr = e
		}
	}
	cell := func(c, r int) string {
		name, _ := excelize.CoordinatesToCellName(c, r)
		return name
	}
	str := func(c, r int, s string, style int) {
		do(f.SetCellStr(sh, cell(c, r), s))
		do(f.SetCellStyle(sh, cell(c, r), cell(c, r), style))
	}
	num := func(c, r int, v any, style int) {
		do(f.SetCellValue(sh, cell(c, r), v))
		do(f.SetCellStyle(sh, cell(c, r), cell(c, r), style))
	}
	y := strconv.Itoa(year)
	str(1, 1, templates.Fill(t.Document, "{year}", y), st.title)
	str(1, 2, t.Note, st.note)
	last := 2 + 4*len(v.Quarters)
	do(f.MergeCell(sh, cell(1, 2), cell(last, 2)))
	do(f.SetRowHeight(sh, 2, 30))
	const head = 4
	str(1, head, t.Municipality, st.head)
	str(2, head, t.Plan, st.head)
	str(1, head+1, "", st.head)
	str(2, head+1, "", st.head)
	do(f.MergeCell(sh, cell(1, head), cell(1, head+1)))
	do(f.MergeCell(sh, cell(2, head), cell(2, head+1)))
	for k, q := range v.Quarters {
		c := 3 + 4*k
		str(c, head, templates.Fill(t.Quarter, "{roman}", q.Roman(), "{year}", strconv.Itoa(q.Year)), st.head)
		for i, h := range []string{t.Done, t.Total, t.Percent, t.Overdue} {
			if i > 0 {
				str(c+i, head, "", st.head)
			}
			str(c+i, head+1, h, st.head)
		}
		do(f.MergeCell(sh, cell(c, head), cell(c+3, head)))
	}
	do(f.SetColWidth(sh, "A", "A", 28))
	do(f.SetColWidth(sh, "B", "B", 48))
	if last > 2 {
		first, _ := excelize.ColumnNumberToName(3)
		lastCol, _ := excelize.ColumnNumberToName(last)
		do(f.SetColWidth(sh, first, lastCol, 11))
	}
	r := head + 2
	line := func(mun, title string, cs []view.RegionCell, bold bool) {
		label, n := st.label, st.num
		if bold {
			label, n = st.total, st.numBold
		}
		str(1, r, mun, label)
		str(2, r, title, label)
		for k, c := range cs {
			col := 3 + 4*k
			num(col, r, c.Done(), n)
			num(col+1, r, c.Counts.Total, n)
			if c.Counts.Total > 0 {
				num(col+2, r, float64(c.Done())/float64(c.Counts.Total), pct)
			} else {
				str(col+2, r, "", n)
			}
			num(col+3, r, c.Overdue, n)
		}
		r++
	}
	for _, g := range v.Municipalities {
		name := g.Name
		if name == "" {
			name = t.Unnamed
		}
		for _, p := range g.Plans {
			line(name, p.Title, p.Cells, false)
		}
		line(name, t.MunicipalityTotal, g.Total, true)
	}
	if len(v.Municipalities) == 0 {
		str(1, r, t.None, st.label)
		r++
	}
	line(t.RegionTotal, "", v.Total, true)
	do(f.SetPanes(sh, &excelize.Panes{Freeze: true, XSplit: 2, YSplit: head + 1, TopLeftCell: cell(3, head+2), ActivePane: "bottomRight"}))
	if werr != nil {
		return fmt.Errorf("сводка региона Excel: %w", werr)
	}
	_ = f.SetDocProps(&excelize.DocProperties{Title: templates.Fill(t.Document, "{year}", y), Creator: "roadmap", Language: "ru-RU"})
	_ = f.SetCustomProps(excelize.CustomProperty{Name: "roadmap.kind", Value: KindRegion})
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return fmt.Errorf("сводка региона Excel: %w", err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}
