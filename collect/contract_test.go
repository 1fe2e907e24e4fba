package collect

import (
	"fmt"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// This file writes workbooks that follow the contract of
// normalize/plan/status.go (plan.Manifest) the way render/xlsx does, so
// that collection is tested independently of the writer.

// header texts as the templates name them.
var contractColumns = map[string]string{
	plan.ColID:       "ID",
	plan.ColStatus:   "Статус",
	plan.ColDate:     "Дата выполнения",
	plan.ColEvidence: "Что сделано / подтверждение",
	plan.ColComment:  "Причины невыполнения / комментарий",
}

// checklistHeader is the table header: plan columns, hidden ID, fill columns.
var checklistHeader = []string{"№ п/п", "Мероприятие", "Сроки", "Ответственные", "ID",
	"Статус", "Дата выполнения", "Что сделано / подтверждение", "Причины невыполнения / комментарий"}

const (
	colID     = 5 // E
	colStatus = 6 // F
	colDate   = 7
	colEvid   = 8
	colComm   = 9
	firstData = 4 // rows 1-2 title, 3 header
)

// makePlan builds a plan with n items in sections of ten, each item
// assigned to the group "ОО" and to one of the named schools.
func makePlan(title string, n int, schools []string) *plan.Plan {
	p := &plan.Plan{SchemaVersion: plan.SchemaVersion, Title: title,
		Period: plan.Period{From: plan.MonthOf(2021, 9), To: plan.MonthOf(2023, 8)}}
	p.Organizations = append(p.Organizations, plan.Organization{Name: "ОО", Short: "ОО", Group: true, Members: schools})
	for _, s := range schools {
		p.Organizations = append(p.Organizations, plan.Organization{Name: s})
	}
	for i := 0; i < n; i++ {
		if i%10 == 0 {
			num := fmt.Sprint(i/10 + 1)
			p.Sections = append(p.Sections, plan.Section{ID: "s" + num, Number: &num, Title: "Раздел " + num, Level: 1})
		}
		num := fmt.Sprintf("%d.%d", i/10+1, i%10+1)
		sec := p.Sections[len(p.Sections)-1]
		m := plan.MonthOf(2022, 1+i%12)
		p.Items = append(p.Items, plan.Item{ID: "it-" + num, Number: &num, Section: sec.ID, Level: 2,
			Activity: plan.Text{Text: fmt.Sprintf("Проведение мероприятия № %s по развитию воспитания: подготовка, проведение и анализ результатов с участием обучающихся и родителей", num)},
			Deadline: plan.Schedule{Text: plan.MonthNames[m.Num()-1] + " 2022", Kind: plan.KindDated, Months: []plan.Month{m}},
			Responsible: []plan.Executor{{Text: "ОО", Org: "ОО", Group: true},
				{Text: schools[i%len(schools)], Org: schools[i%len(schools)]}}})
	}
	return p
}

// writeChecklist writes a checklist for org with every item of p.
func writeChecklist(path string, p *plan.Plan, org string, generated time.Time) error {
	f := excelize.NewFile()
	defer f.Close()
	sh := "Чек-лист"
	f.SetSheetName("Sheet1", sh)
	f.SetCellValue(sh, "A1", "Чек-лист исполнения дорожной карты: "+org)
	f.SetCellValue(sh, "A2", p.Title)
	f.SetSheetRow(sh, "A3", &checklistHeader)
	for i, it := range p.Items {
		r := firstData + i
		vals := []any{it.Num(), it.Activity.Text, it.Deadline.Text, it.ResponsibleText(), it.ID}
		cell, _ := excelize.CoordinatesToCellName(1, r)
		f.SetSheetRow(sh, cell, &vals)
	}
	f.SetColVisible(sh, "E", false)
	dv := excelize.NewDataValidation(true)
	dv.Sqref = fmt.Sprintf("F%d:F%d", firstData, firstData+len(p.Items)-1)
	var labels []string
	for _, s := range plan.Statuses {
		labels = append(labels, s.Label())
	}
	dv.SetDropList(labels)
	f.AddDataValidation(sh, dv)

	ms := "_manifest"
	f.NewSheet(ms)
	kv := [][2]string{{"kind", "checklist"}, {"plan_title", p.Title}, {"plan_hash", p.Hash()}, {"org", org},
		{"generated", generated.Format(time.RFC3339)}, {"tool", "roadmap test"}}
	for _, k := range fillKeys {
		kv = append(kv, [2]string{"columns." + k, contractColumns[k]})
	}
	f.SetCellValue(ms, "A1", plan.ManifestMarker)
	for i, x := range kv {
		f.SetCellValue(ms, fmt.Sprintf("A%d", i+2), x[0])
		f.SetCellValue(ms, fmt.Sprintf("B%d", i+2), x[1])
	}
	f.SetSheetVisible(ms, false, true)
	return f.SaveAs(path)
}

// fillRow is what a school types into the row of item id.
type fillRow struct {
	id, status, evidence, comment string
	date                          any // string, or a time.Time written as a date-formatted cell
}

// layout locates the checklist table in a workbook, whoever wrote it.
type layout struct {
	sheet  string
	header int            // header row
	col    map[string]int // manifest column key -> 1-based column
}

func (l layout) cell(key string, row int) string {
	s, _ := excelize.CoordinatesToCellName(l.col[key], row)
	return s
}

// findLayout finds the sheet and header row holding the ID header.
func findLayout(t testing.TB, f *excelize.File) layout {
	t.Helper()
	for _, sh := range f.GetSheetList() {
		rows, _ := f.GetRows(sh)
		for r, row := range rows {
			for _, v := range row {
				if v != contractColumns[plan.ColID] {
					continue
				}
				l := layout{sheet: sh, header: r + 1, col: map[string]int{}}
				for c, v := range row {
					for k, h := range contractColumns {
						if v == h {
							l.col[k] = c + 1
						}
					}
				}
				return l
			}
		}
	}
	t.Fatal("no checklist table found")
	return layout{}
}

// rowsByID maps item IDs to their rows.
func rowsByID(f *excelize.File, l layout) map[string]int {
	rows, _ := f.GetRows(l.sheet)
	out := map[string]int{}
	for r := l.header; r < len(rows); r++ {
		if c := l.col[plan.ColID]; c <= len(rows[r]) && rows[r][c-1] != "" {
			out[rows[r][c-1]] = r + 1
		}
	}
	return out
}

// fillChecklist opens path, writes the answers into the rows found by ID
// and saves it; mutate may then rearrange the workbook before saving.
func fillChecklist(t testing.TB, path string, rows []fillRow, mutate func(f *excelize.File, l layout)) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	l := findLayout(t, f)
	byID := rowsByID(f, l)
	dateStyle, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	for _, fr := range rows {
		r, ok := byID[fr.id]
		if !ok {
			t.Fatalf("%s: no row for %s", path, fr.id)
		}
		f.SetCellValue(l.sheet, l.cell(plan.ColStatus, r), fr.status)
		switch d := fr.date.(type) {
		case time.Time:
			c := l.cell(plan.ColDate, r)
			f.SetCellValue(l.sheet, c, d)
			f.SetCellStyle(l.sheet, c, c, dateStyle)
		case string:
			f.SetCellValue(l.sheet, l.cell(plan.ColDate, r), d)
		}
		f.SetCellValue(l.sheet, l.cell(plan.ColEvidence, r), fr.evidence)
		f.SetCellValue(l.sheet, l.cell(plan.ColComment, r), fr.comment)
	}
	if mutate != nil {
		mutate(f, l)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
}

// sortRowsDesc rewrites the rows below the header in reverse order, as a
// user sorting the table by a column would reorder them.
func sortRowsDesc(f *excelize.File, l layout) {
	all, _ := f.GetRows(l.sheet)
	data := all[l.header:]
	width := 0
	for _, r := range data {
		width = max(width, len(r))
	}
	for i := range data {
		src := data[len(data)-1-i]
		vals := make([]any, width)
		for j := range vals {
			if j < len(src) {
				vals[j] = src[j]
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, l.header+1+i)
		f.SetSheetRow(l.sheet, cell, &vals)
	}
}
