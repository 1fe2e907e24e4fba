package xlsx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/templates"
	"github.com/roadmap-tool/roadmap/view"
)

// Matrix sheets shade cells by value with explicit fills from a fixed
// ramp rather than a conditional format: the shading then survives every
// spreadsheet program and printing, and a streamed sheet needs no second
// pass. mxShades[0] is the lightest non-zero shade.
var mxShades = []string{"DEEBF7", "C6DBEF", "9ECAE1", "6BAED6", "4292C6", "2171B5", "08519C"}

const (
	mxMarkColor = "70AD47"
	mxTitleRow  = 1
	mxNoteRow   = 2
	mxHeadRow   = 4
)

// mxStyles are the style ids of a matrix workbook.
type mxStyles struct {
	title, note, head, headRot, label, num, numBold, total, mark, empty int
	shade                                                               []int
}

func newMxStyles(f *excelize.File) (*mxStyles, error) {
	border := []excelize.Border{
		{Type: "left", Color: "BFBFBF", Style: 1}, {Type: "right", Color: "BFBFBF", Style: 1},
		{Type: "top", Color: "BFBFBF", Style: 1}, {Type: "bottom", Color: "BFBFBF", Style: 1},
	}
	font := func(bold, italic bool, color string) *excelize.Font {
		return &excelize.Font{Family: "Arial", Size: 9, Bold: bold, Italic: italic, Color: color}
	}
	fill := func(c string) excelize.Fill {
		return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c}}
	}
	var s mxStyles
	var err error
	add := func(st *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(st)
		return id
	}
	s.title = add(&excelize.Style{Font: &excelize.Font{Family: "Arial", Size: 13, Bold: true}})
	s.note = add(&excelize.Style{Font: font(false, true, "595959"), Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	s.head = add(&excelize.Style{Font: font(true, false, ""), Fill: fill("D9E1F2"), Border: border,
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "bottom"}})
	s.headRot = add(&excelize.Style{Font: font(true, false, ""), Fill: fill("D9E1F2"), Border: border,
		Alignment: &excelize.Alignment{TextRotation: 90, Horizontal: "center", Vertical: "bottom", WrapText: true}})
	s.label = add(&excelize.Style{Font: font(false, false, ""), Border: border, Alignment: &excelize.Alignment{Vertical: "top"}})
	s.num = add(&excelize.Style{Font: font(false, false, ""), Border: border, Alignment: &excelize.Alignment{Horizontal: "center"}})
	s.numBold = add(&excelize.Style{Font: font(true, false, ""), Border: border, Alignment: &excelize.Alignment{Horizontal: "center"}})
	s.total = add(&excelize.Style{Font: font(true, false, ""), Fill: fill("D9E1F2"), Border: border, Alignment: &excelize.Alignment{Horizontal: "center"}})
	// The mark keeps its value 1 (for sums and filters) but shows only the
	// fill: the format ";;;" prints nothing.
	hide := ";;;"
	s.mark = add(&excelize.Style{Fill: fill(mxMarkColor), Border: border, CustomNumFmt: &hide})
	s.empty = add(&excelize.Style{Border: border})
	for i, c := range mxShades {
		color := ""
		if i >= 4 {
			color = "FFFFFF"
		}
		s.shade = append(s.shade, add(&excelize.Style{Font: font(false, false, color), Fill: fill(c), Border: border,
			Alignment: &excelize.Alignment{Horizontal: "center"}}))
	}
	return &s, err
}

// shadeOf picks the fill of value v on a scale to maxV.
func (s *mxStyles) shadeOf(v, maxV int) int {
	if v <= 0 {
		return s.num
	}
	i := 0
	if maxV > 1 {
		i = (v - 1) * (len(s.shade) - 1) / (maxV - 1)
	}
	return s.shade[min(max(i, 0), len(s.shade)-1)]
}

// WriteMatrices writes the matrices of s as a workbook: one sheet per
// matrix with the headers frozen, cells shaded by value and a legend,
// set up to print on A4 landscape one page wide.
func WriteMatrices(w io.Writer, p *plan.Plan, s *view.Set, lab *templates.Labels) error {
	if lab == nil {
		lab = templates.Default()
	}
	ml := &lab.Matrix
	f := excelize.NewFile()
	defer f.Close()
	st, err := newMxStyles(f)
	if err != nil {
		return fmt.Errorf("матрицы Excel: %w", err)
	}
	ms := s.All()
	if len(ms) == 0 {
		return fmt.Errorf("матрицы Excel: нет ни одной матрицы")
	}
	for i, m := range ms {
		name := m.Name
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return fmt.Errorf("матрицы Excel: лист %q: %w", name, err)
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return fmt.Errorf("матрицы Excel: лист %q: %w", name, err)
		}
		if err := writeMxSheet(f, st, ml, m); err != nil {
			return fmt.Errorf("матрицы Excel: лист %q: %w", name, err)
		}
	}
	// The first sheet is active already; SetActiveSheet would parse every
	// streamed sheet back into memory (most of the time on a 5,000-row
	// calendar) only to write it out again.
	_ = f.SetDocProps(&excelize.DocProperties{Title: templates.Fill(ml.Document, "{title}", strings.Join(strings.Fields(plan.CutRunes(p.Title, maxCellRunes-1, "…")), " ")), Creator: "roadmap", Language: "ru-RU"})
	// Marks the workbook as one with nothing to collect (collect passes
	// it over): the manifests' kind, as the tracker's custom properties
	// name it.
	_ = f.SetCustomProps(excelize.CustomProperty{Name: "roadmap.kind", Value: KindMatrix})
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return fmt.Errorf("матрицы Excel: %w", err)
	}
	return mxSortedZip(w, buf.Bytes())
}

// mxSortedZip copies a zip archive with its entries in name order.
// excelize writes the parts in map order, so the same workbook came out
// in different bytes from run to run; sorted, the same inputs give the
// same file. Entries are copied compressed, without re-deflating.
func mxSortedZip(w io.Writer, data []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return err
	}
	files := append([]*zip.File(nil), zr.File...)
	sort.Slice(files, func(i, j int) bool { return files[i].Name < files[j].Name })
	zw := zip.NewWriter(w)
	for _, f := range files {
		h := f.FileHeader
		dst, err := zw.CreateRaw(&h)
		if err != nil {
			return err
		}
		src, err := f.OpenRaw()
		if err != nil {
			return err
		}
		if _, err := io.Copy(dst, src); err != nil {
			return err
		}
	}
	return zw.Close()
}

func writeMxSheet(f *excelize.File, st *mxStyles, ml *templates.Matrix, m *view.Matrix) error {
	sheet := m.Name
	orient, a4, one, zero := "landscape", 9, 1, 0
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &orient, Size: &a4, FitToWidth: &one, FitToHeight: &zero}); err != nil {
		return err
	}
	fit := true
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	// Columns: label, optional info, data, totals, extra.
	labelCols := 1
	if m.Info != nil {
		labelCols = 2
	}
	dataW := 9.0
	if m.Mark {
		dataW = 4.3
	}
	if err := sw.SetColWidth(1, 1, 48); err != nil {
		return err
	}
	if m.Info != nil {
		if err := sw.SetColWidth(2, 2, 24); err != nil {
			return err
		}
	}
	first := labelCols + 1
	lastData := labelCols + len(m.Cols)
	if len(m.Cols) > 0 {
		if err := sw.SetColWidth(first, lastData, dataW); err != nil {
			return err
		}
	}
	tail := lastData
	if m.Totals {
		tail++
	}
	if m.Extra != nil {
		tail++
	}
	if tail > lastData {
		if err := sw.SetColWidth(lastData+1, tail, 11); err != nil {
			return err
		}
	}
	topLeft, _ := excelize.CoordinatesToCellName(first, mxHeadRow+1)
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: labelCols, YSplit: mxHeadRow, TopLeftCell: topLeft, ActivePane: "bottomRight",
		Selection: []excelize.Selection{{SQRef: topLeft, ActiveCell: topLeft, Pane: "bottomRight"}}}); err != nil {
		return err
	}

	row := func(r int, vals []any, opts ...excelize.RowOpts) error {
		cell, _ := excelize.CoordinatesToCellName(1, r)
		return sw.SetRow(cell, vals, opts...)
	}
	if err := row(mxTitleRow, []any{excelize.Cell{StyleID: st.title, Value: m.Title}}, excelize.RowOpts{Height: 20}); err != nil {
		return err
	}
	if err := row(mxNoteRow, []any{excelize.Cell{StyleID: st.note, Value: m.Note}}, excelize.RowOpts{Height: 26}); err != nil {
		return err
	}
	noteEnd, _ := excelize.CoordinatesToCellName(max(tail, labelCols+1), mxNoteRow)
	if err := sw.MergeCell("A2", noteEnd); err != nil {
		return err
	}

	// Header row; long labels (sections, months) stand rotated.
	head := []any{excelize.Cell{StyleID: st.head, Value: m.Corner}}
	if m.Info != nil {
		head = append(head, excelize.Cell{StyleID: st.head, Value: m.InfoHeader})
	}
	for _, c := range m.Cols {
		head = append(head, excelize.Cell{StyleID: st.headRot, Value: c})
	}
	if m.Totals {
		head = append(head, excelize.Cell{StyleID: st.headRot, Value: ml.Total})
	}
	if m.Extra != nil {
		head = append(head, excelize.Cell{StyleID: st.headRot, Value: m.ExtraHeader})
	}
	if err := row(mxHeadRow, head, excelize.RowOpts{Height: 110}); err != nil {
		return err
	}

	vals := make([]any, 0, tail)
	r := mxHeadRow + 1
	for i, label := range m.Rows {
		vals = vals[:0]
		vals = append(vals, excelize.Cell{StyleID: st.label, Value: label})
		if m.Info != nil {
			vals = append(vals, excelize.Cell{StyleID: st.label, Value: m.Info[i]})
		}
		for _, v := range m.Cells[i] {
			switch {
			case m.Mark && v > 0:
				vals = append(vals, excelize.Cell{StyleID: st.mark, Value: v})
			case m.Mark:
				vals = append(vals, excelize.Cell{StyleID: st.empty})
			case v == 0:
				vals = append(vals, excelize.Cell{StyleID: st.num})
			default:
				vals = append(vals, excelize.Cell{StyleID: st.shadeOf(v, m.Max), Value: v})
			}
		}
		if m.Totals {
			vals = append(vals, excelize.Cell{StyleID: st.numBold, Value: m.RowTotals[i]})
		}
		if m.Extra != nil {
			if m.Extra[i] > 0 {
				vals = append(vals, excelize.Cell{StyleID: st.num, Value: m.Extra[i]})
			} else {
				vals = append(vals, excelize.Cell{StyleID: st.num})
			}
		}
		if err := row(r, vals); err != nil {
			return err
		}
		r++
	}
	if m.Totals {
		vals = vals[:0]
		vals = append(vals, excelize.Cell{StyleID: st.total, Value: ml.Total})
		if m.Info != nil {
			vals = append(vals, excelize.Cell{StyleID: st.total})
		}
		for _, v := range m.ColTotals {
			vals = append(vals, excelize.Cell{StyleID: st.total, Value: v})
		}
		vals = append(vals, excelize.Cell{StyleID: st.total, Value: m.Total})
		if m.Extra != nil {
			n := 0
			for _, v := range m.Extra {
				n += v
			}
			vals = append(vals, excelize.Cell{StyleID: st.total, Value: n})
		}
		if err := row(r, vals); err != nil {
			return err
		}
		r++
	}

	// Legend.
	r++
	if m.Mark {
		if err := row(r, []any{excelize.Cell{StyleID: st.label, Value: ml.LegendMark}, nil,
			excelize.Cell{StyleID: st.mark, Value: 1}}); err != nil {
			return err
		}
	} else {
		legend := []any{excelize.Cell{StyleID: st.label, Value: strings.TrimSpace(ml.Legend) + " " + strconv.Itoa(m.Max)}}
		for _, v := range mxLegendValues(m.Max, len(st.shade)) {
			legend = append(legend, excelize.Cell{StyleID: st.shadeOf(v, m.Max), Value: v})
		}
		if err := row(r, legend); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// mxLegendValues are up to n distinct values from 1 to maxV that show
// each shade of the ramp once.
func mxLegendValues(maxV, n int) []int {
	var out []int
	last := -1
	for v := 1; v <= maxV; v++ {
		i := 0
		if maxV > 1 {
			i = (v - 1) * (n - 1) / (maxV - 1)
		}
		if i != last {
			out = append(out, v)
			last = i
		}
	}
	return out
}
