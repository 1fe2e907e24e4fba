package xlsx

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/orgdir"
	"github.com/xuri/excelize/v2"
)

func loadDir(t testing.TB) *orgdir.Directory {
	t.Helper()
	d, err := orgdir.Load(filepath.Join("..", "..", "testdata", "render", "orgs.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func writeChecklists(t testing.TB, p *plan.Plan, opts ChecklistOptions) (string, []Checklist, plan.Diagnostics) {
	t.Helper()
	dir := t.TempDir()
	if *keepOut != "" {
		dir = filepath.Join(*keepOut, "checklists")
		os.RemoveAll(dir)
	}
	opts.Now = fixedNow
	list, diags, err := WriteChecklists(dir, p, opts)
	if err != nil {
		t.Fatal(err)
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
	idCol := colOf(t, rows[clHeaderRow-1], "ID")
	var ids []string
	for _, r := range rows[clHeaderRow:] {
		if len(r) >= idCol && r[idCol-1] != "" {
			ids = append(ids, r[idCol-1])
		}
	}
	return ids
}

func TestChecklistsWithDirectory(t *testing.T) {
	p := loadSample(t)
	dir, list, diags := writeChecklists(t, p, ChecklistOptions{Directory: loadDir(t), Version: "1.2.3"})
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
		if c.Org != w.org || c.File != w.file || c.Items != strings.Count(w.ids, ",")+1 {
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
		man := readManifest(t, f)
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

func TestChecklistWorkbook(t *testing.T) {
	p := loadSample(t)
	dir, list, _ := writeChecklists(t, p, ChecklistOptions{Directory: loadDir(t)})
	f, err := excelize.OpenFile(filepath.Join(dir, list[0].File))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows("Чек-лист")
	header := rows[clHeaderRow-1]
	last := len(rows)
	stCol := colOf(t, header, "Статус")
	dvs, err := f.GetDataValidations("Чек-лист")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"list": cellAt(stCol, clFirstRow) + ":" + cellAt(stCol, last),
		"date": cellAt(stCol+1, clFirstRow) + ":" + cellAt(stCol+1, last)}
	for _, dv := range dvs {
		if want[dv.Type] == dv.Sqref {
			delete(want, dv.Type)
		}
	}
	if len(want) > 0 {
		t.Errorf("validations over the rows missing: %v (have %+v)", want, dvs)
	}
	b, _ := os.ReadFile(filepath.Join(dir, list[0].File))
	sheet := zipPart(t, b, "xl/worksheets/sheet1.xml")
	for _, s := range []string{`<sheetProtection`, `state="frozen"`, `ySplit="5"`, `<autoFilter ref="$A$5:$K$` + itoa(last) + `"`,
		`<mergeCell ref="A1:K1">`, `<mergeCell ref="A4:K4">`, `<dimension ref="A1:M` + itoa(last) + `"`} {
		if !strings.Contains(sheet, s) {
			t.Errorf("checklist sheet lacks %s", s)
		}
	}
	if strings.Contains(sheet, itoa(sentinelRow)) {
		t.Error("sentinel row left in the sheet")
	}
	if wb := zipPart(t, b, "xl/workbook.xml"); strings.Contains(wb, itoa(sentinelRow)) || !strings.Contains(wb, "$A$5:$K$"+itoa(last)) {
		t.Errorf("workbook.xml filter range not adjusted")
	}
	if c := zipPart(t, b, "docProps/custom.xml"); !strings.Contains(c, "МБОУ «Школа № 10»") {
		t.Errorf("custom properties lack the org: %s", c)
	}
	locked := func(cell string) bool {
		id, _ := f.GetCellStyle("Чек-лист", cell)
		st, _ := f.GetStyle(id)
		return st.Protection == nil || st.Protection.Locked
	}
	for r := clFirstRow; r <= last; r++ {
		id, _ := f.GetCellValue("Чек-лист", cellAt(colOf(t, header, "ID"), r))
		for c := stCol; c < stCol+4; c++ {
			if locked(cellAt(c, r)) == (id != "") {
				t.Errorf("%s locked=%v for row with id %q", cellAt(c, r), locked(cellAt(c, r)), id)
			}
		}
	}
	// Instructions tell how to fill in Russian.
	if v, _ := f.GetCellValue("Чек-лист", "A4"); !strings.Contains(v, "выберите значение из списка") || !strings.Contains(v, "приказ, справка, ссылка") {
		t.Errorf("instructions = %q", v)
	}
}

func TestChecklistsWithoutDirectory(t *testing.T) {
	p := loadSample(t)
	_, list, diags := writeChecklists(t, p, ChecklistOptions{})
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
