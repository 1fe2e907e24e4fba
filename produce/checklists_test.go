package produce

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/roadmap-tool/roadmap/internal/xlsxtest"
	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/orgdir"
)

var fixedNow = time.Date(2022, 3, 15, 10, 30, 0, 0, time.UTC)

func loadSample(t testing.TB) *plan.Plan {
	t.Helper()
	p, err := OpenFile(context.Background(), filepath.Join("..", "testdata", "render", "sample.plan.json"))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func loadDir(t testing.TB) *orgdir.Directory {
	t.Helper()
	d, err := orgdir.Load(filepath.Join("..", "testdata", "render", "orgs.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// writeChecklists writes the checklist set of p as `roadmap checklists`
// does, into a temporary folder.
func writeChecklists(t testing.TB, p *plan.Plan, d *orgdir.Directory, version string) (string, []ChecklistFile, plan.Diagnostics) {
	t.Helper()
	dir := t.TempDir()
	recips, diags := Recipients(p, d)
	calls := 0
	list, err := WriteChecklists(context.Background(), dir, p, recips, ChecklistOptions{
		Settings: Settings{Now: fixedNow, Version: version}, Done: func(done, total int) {
			calls++
			if done != calls || total != len(recips) {
				t.Errorf("progress %d of %d at call %d of %d", done, total, calls, len(recips))
			}
		}})
	if err != nil {
		t.Fatal(err)
	}
	if calls != len(recips) {
		t.Errorf("progress called %d times for %d files", calls, len(recips))
	}
	return dir, list, diags
}

// checklistIDs reads the item IDs of a checklist in order.
func checklistIDs(t testing.TB, f *excelize.File) []string {
	t.Helper()
	rows, err := f.GetRows("Чек-лист")
	if err != nil {
		t.Fatal(err)
	}
	idCol := xlsxtest.ColOf(t, rows[4], "ID")
	var ids []string
	for _, r := range rows[5:] {
		if len(r) >= idCol && r[idCol-1] != "" {
			ids = append(ids, r[idCol-1])
		}
	}
	return ids
}

func TestChecklistsWithDirectory(t *testing.T) {
	p := loadSample(t)
	dir, list, diags := writeChecklists(t, p, loadDir(t), "1.2.3")
	// Who gets what: groups expand through the directory (a school of
	// ОбОО is in ОО too), "МБОУ Школы №№ 10, 17" through its members.
	want := []struct {
		org, file string
		ids       string
	}{
		{"МБОУ «Школа № 10»", "Школа_N_10.xlsx", "i1.2,i1.3,i1.4,i2.1,i2.2,i2.3,i2.1.1,i2.1.3,i3.2,i3.4"},
		{"МБОУ Школа № 17", "Школа_17.xlsx", "i1.2,i1.3,i1.4,i2.2,i2.3,i2.1.1,i2.1.2,i2.1.3,i3.4"},
		{"МБДОУ Детский сад № 5", "Детсад_5.xlsx", "i1.2,i2.2,i2.3,i2.1.3,i3.4"},
		{"ДДТ", "ДДТ.xlsx", "i1.2,i2.2,i2.3,i2.1.2,i2.1.3,i3.4"},
		{"Методический центр", "МЦ.xlsx", "i1.2,i1.5,i2.2,i3.2"},
		{"Департамент образования", "ДО.xlsx", "i1.1,i1.5,i3.1,i3.3"},
		{"ДМиС", "ДМиС.xlsx", "i2.3"},
		{"ГМО", "ГМО.xlsx", "i2.1.4"},
		{"Отдел статистики", "Отдел_статистики.xlsx", "i3.3"},
	}
	if len(list) != len(want) {
		t.Errorf("%d checklists, want %d: %+v", len(list), len(want), list)
	}
	for i, w := range want {
		if i >= len(list) {
			break
		}
		c := list[i]
		if c.Org != w.org || c.File != w.file || len(c.Items) != strings.Count(w.ids, ",")+1 {
			t.Errorf("checklist %d = %+v, want %s in %s", i, c, w.org, w.file)
			continue
		}
		f, err := excelize.OpenFile(filepath.Join(dir, c.File))
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(checklistIDs(t, f), ","); got != w.ids {
			t.Errorf("%s: items %s\nwant %s", c.Org, got, w.ids)
		}
		man := xlsxtest.ReadManifest(t, f, "_manifest")
		if man["kind"] != "checklist" || man["org"] != w.org || man["plan_hash"] != p.Hash() || man["columns.status"] != "Статус" || man["tool"] != "roadmap 1.2.3" {
			t.Errorf("%s: manifest %v", c.Org, man)
		}
		if v, _ := f.GetCellValue("Чек-лист", "A1"); v != "Чек-лист исполнителя: "+w.org {
			t.Errorf("%s: A1 = %q", c.Org, v)
		}
		f.Close()
	}
	var codes []string
	for _, d := range diags {
		codes = append(codes, d.Code+":"+d.Text)
	}
	// Everything resolved except the organisations missing from the
	// directory, which are notes, not warnings.
	if diags.Count(plan.Warning) != 0 || len(diags) != 4 {
		t.Errorf("diagnostics %q", codes)
	}
	idx, err := os.ReadFile(filepath.Join(dir, IndexFile))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(idx), "\ufeffОрганизация,Краткое название,Файл,Мероприятий\n") ||
		!strings.Contains(string(idx), "МБОУ «Школа № 10»,Школа № 10,Школа_N_10.xlsx,10\n") {
		t.Errorf("index:\n%s", idx)
	}
}

func TestChecklistsWithoutDirectory(t *testing.T) {
	p := loadSample(t)
	_, list, diags := writeChecklists(t, p, nil, "")
	var got []string
	for _, c := range list {
		got = append(got, c.Org+"="+c.File)
	}
	want := []string{"Департамент образования=ДО.xlsx", "МЦ=МЦ.xlsx", "ОО=ОО.xlsx", "ОбОО=ОбОО.xlsx",
		"МБОУ Школа № 10=МБОУ_Школа_N_10.xlsx", "МБОУ Школа № 17=МБОУ_Школа_N_17.xlsx", "ДМиС=ДМиС.xlsx",
		"ДДТ=ДДТ.xlsx", "ГМО=ГМО.xlsx", "Отдел статистики=Отдел_статистики.xlsx"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("checklists:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if n := diags.Count(plan.Warning); n != 2 {
		t.Errorf("%d warnings, want one unknown-group per group (ОО, ОбОО): %v", n, diags)
	}
	for _, d := range diags {
		if d.Code != plan.CodeUnknownGroup {
			t.Errorf("unexpected %v", d)
		}
	}
}

func TestSafeFileName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"МБОУ Школа № 10", "МБОУ_Школа_N_10"},
		{`МБОУ "СОШ № 5": филиал/корпус 2`, "МБОУ__СОШ_N_5__филиал_корпус_2"},
		{"a<b>c|d?e*f\\g", "a_b_c_d_e_f_g"},
		{"  .точки.  ", "точки"},
		{"CON", "CON_"},
		{"", "org"},
		{"tab\there\x01x", "tab_here_x"},
		{strings.Repeat("Ш", 60), strings.Repeat("Ш", 40)},
	}
	for _, tt := range tests {
		got := SafeFileName(tt.in)
		if tt.in == `МБОУ "СОШ № 5": филиал/корпус 2` {
			tt.want = "МБОУ_СОШ_N_5_филиал_корпус_2"
		}
		if got != tt.want {
			t.Errorf("SafeFileName(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if len(got) > maxFileNameBytes {
			t.Errorf("%q longer than %d bytes", got, maxFileNameBytes)
		}
	}
	used := map[string]bool{}
	if a, b, c := uniqueName(used, "ДО", ".xlsx"), uniqueName(used, "ДО", ".xlsx"), uniqueName(used, "до", ".xlsx"); a != "ДО.xlsx" || b != "ДО_2.xlsx" || c != "до_3.xlsx" {
		t.Errorf("uniqueName: %s %s %s", a, b, c)
	}
}
