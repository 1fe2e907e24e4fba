package xlsx

import (
	"bytes"
	"os"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/templates"
	"github.com/roadmap-tool/roadmap/view"
	"github.com/roadmap-tool/roadmap/view/viewtest"
)

func TestWriteMatrices(t *testing.T) {
	p := viewtest.Sample(t)
	s := view.Matrices(p, viewtest.Progress(p, plan.Quarter{Year: 2022, Q: 1}), templates.Default())
	var buf bytes.Buffer
	if err := WriteMatrices(&buf, p, s, nil); err != nil {
		t.Fatal(err)
	}
	if *keepOut != "" {
		_ = os.WriteFile(*keepOut+"/matrices.xlsx", buf.Bytes(), 0o644)
	}
	var again bytes.Buffer
	if err := WriteMatrices(&again, p, s, nil); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), again.Bytes()) {
		t.Error("two writes of the same matrices differ")
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := []string{"Исполнители и разделы", "Календарь мероприятий", "Нагрузка по кварталам", "Разделы и статусы"}
	got := f.GetSheetList()
	if len(got) != len(want) {
		t.Fatalf("sheets %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("sheet %d = %q, want %q", i, got[i], want[i])
		}
	}

	tests := []struct {
		sheet, cell, want string
	}{
		{"Исполнители и разделы", "A1", "Участие исполнителей в разделах дорожной карты"},
		{"Исполнители и разделы", "A4", "Исполнитель"},
		{"Исполнители и разделы", "B4", "1. Мероприятия по организационно-управленческому сопровождению системы организации воспитания обучающихся"},
		{"Исполнители и разделы", "E4", "Итого"},
		{"Исполнители и разделы", "F4", "в т. ч. как соисполнитель"},
		{"Календарь мероприятий", "B4", "Срок"},
		{"Календарь мероприятий", "C4", "янв 21"},
		{"Календарь мероприятий", "Z4", "дек 22"},
		{"Нагрузка по кварталам", "F4", "I кв. 2022"},
		{"Разделы и статусы", "B4", "Выполнено"},
		{"Разделы и статусы", "G4", "нет данных"},
	}
	for _, tc := range tests {
		v, err := f.GetCellValue(tc.sheet, tc.cell)
		if err != nil || v != tc.want {
			t.Errorf("%s!%s = %q (%v), want %q", tc.sheet, tc.cell, v, err, tc.want)
		}
	}
	// Values match the matrix, row by row, with the totals.
	es := s.ExecutorSection
	for i, org := range es.Rows {
		r := 5 + i
		if v, _ := f.GetCellValue("Исполнители и разделы", cellName(1, r)); v != org {
			t.Errorf("row %d label %q, want %q", r, v, org)
		}
		for j, n := range es.Cells[i] {
			v, _ := f.GetCellValue("Исполнители и разделы", cellName(2+j, r))
			if (n == 0 && v != "") || (n != 0 && v != itoaTest(n)) {
				t.Errorf("%s × %d = %q, want %d", org, j, v, n)
			}
		}
		if v, _ := f.GetCellValue("Исполнители и разделы", cellName(5, r)); v != itoaTest(es.RowTotals[i]) {
			t.Errorf("%s total %q, want %d", org, v, es.RowTotals[i])
		}
	}
	if v, _ := f.GetCellValue("Исполнители и разделы", cellName(5, 5+len(es.Rows))); v != itoaTest(es.Total) {
		t.Errorf("grand total %q, want %d", v, es.Total)
	}
	// Frozen headers and shaded cells.
	for _, sh := range want {
		panes, err := f.GetPanes(sh)
		if err != nil || !panes.Freeze || panes.YSplit != 4 {
			t.Errorf("%s: panes %+v (%v), want frozen below row 4", sh, panes, err)
		}
	}
	styleID, _ := f.GetCellStyle("Исполнители и разделы", "B5")
	style, err := f.GetStyle(styleID)
	if err != nil || len(style.Fill.Color) == 0 {
		t.Errorf("B5 not shaded: %+v %v", style, err)
	}
	// The calendar marks 2.1.2 in October 2021 (column L).
	rows, _ := f.GetRows("Календарь мероприятий")
	for i, r := range rows {
		if len(r) > 0 && len(r[0]) > 6 && r[0][:7] == "2.1.2. " {
			if v, _ := f.GetCellValue("Календарь мероприятий", cellName(12, i+1), excelize.Options{RawCellValue: true}); v != "1" {
				t.Errorf("2.1.2 in October 2021: %q", v)
			}
		}
	}
}

func cellName(c, r int) string {
	n, _ := excelize.CoordinatesToCellName(c, r)
	return n
}

func itoaTest(n int) string { return strconv.Itoa(n) }

func BenchmarkMatrixXLSX5000(b *testing.B) {
	p := viewtest.Plan(5000)
	s := view.Matrices(p, viewtest.Progress(p, plan.Quarter{Year: 2022, Q: 1}), templates.Default())
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := WriteMatrices(&buf, p, s, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func TestWriteMatricesEmptyPlan(t *testing.T) {
	p := &plan.Plan{SchemaVersion: plan.SchemaVersion, Title: "Пустой план"}
	var buf bytes.Buffer
	if err := WriteMatrices(&buf, p, view.Matrices(p, nil, templates.Default()), nil); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if n := len(f.GetSheetList()); n != 3 {
		t.Errorf("%d sheets, want 3 (no section × status without progress)", n)
	}
}
