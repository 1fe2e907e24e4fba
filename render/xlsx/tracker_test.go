package xlsx

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/roadmap-tool/roadmap/internal/xlsxtest"
	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/orgdir"
	"github.com/roadmap-tool/roadmap/templates"
)

// zipPart returns one part of a workbook, to check what excelize's API
// does not expose (cell types, protection, outline levels).
func zipPart(t testing.TB, b []byte, name string) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == name {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			data, err := io.ReadAll(rc)
			if err != nil {
				t.Fatal(err)
			}
			return string(data)
		}
	}
	t.Fatalf("no part %s", name)
	return ""
}

// colOf finds a header in a row and returns its 1-based column.
func colOf(t testing.TB, header []string, name string) int { return xlsxtest.ColOf(t, header, name) }

func cellAt(c, r int) string { n, _ := excelize.CoordinatesToCellName(c, r); return n }

func TestTrackerPlanSheet(t *testing.T) {
	p := loadSample(t)
	b := trackerBytes(t, p, TrackerOptions{Now: fixedNow, Version: "1.2.3"})
	f := openBytes(t, b)

	if got, want := f.GetSheetList(), []string{"План", "Календарь", "Сводка", "_manifest"}; strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("sheets = %q, want %q", got, want)
	}
	rows, err := f.GetRows("План")
	if err != nil {
		t.Fatal(err)
	}
	if rows[0][0] != p.Title {
		t.Errorf("A1 = %q, want the plan title", rows[0][0])
	}
	header := rows[trackerHeaderRow-1]
	wantHeader := []string{"№", "Мероприятие", "Сроки", "Ответственные", "Ожидаемый результат", "Форма отчетности", "Показатели",
		"Статус", "Дата выполнения", "Что сделано / подтверждение", "Причины невыполнения / комментарий", "ID", "Срок (последний месяц)"}
	if strings.Join(header[:len(wantHeader)], "|") != strings.Join(wantHeader, "|") {
		t.Errorf("header = %q\nwant %q", header, wantHeader)
	}
	idCol := colOf(t, header, "ID")
	// Every item in order, each section as its own row before its items.
	var ids, secs []string
	for _, r := range rows[trackerHeaderRow:] {
		if len(r) >= idCol && r[idCol-1] != "" {
			ids = append(ids, r[idCol-1])
		} else {
			secs = append(secs, r[1])
		}
	}
	var wantIDs []string
	for _, it := range p.Items {
		wantIDs = append(wantIDs, it.ID)
	}
	if strings.Join(ids, ",") != strings.Join(wantIDs, ",") {
		t.Errorf("item ids = %v\nwant %v", ids, wantIDs)
	}
	if len(secs) != len(p.Sections) {
		t.Errorf("section rows = %q, want %d", secs, len(p.Sections))
	}
	// Source texts that look like formulas stay strings.
	for r := trackerHeaderRow + 1; r <= len(rows); r++ {
		v, _ := f.GetCellValue("План", cellAt(2, r))
		if v == "" || !strings.ContainsAny(v[:1], "=+-@") {
			continue
		}
		if fm, _ := f.GetCellFormula("План", cellAt(2, r)); fm != "" {
			t.Errorf("B%d %q became formula %q", r, v, fm)
		}
		if typ, _ := f.GetCellType("План", cellAt(2, r)); typ != excelize.CellTypeInlineString {
			t.Errorf("B%d %q has type %v, want inline string", r, v, typ)
		}
	}
	sheet := zipPart(t, b, "xl/worksheets/sheet1.xml")
	if !regexp.MustCompile(`<c r="B\d+" s="\d+" t="inlineStr"><is><t xml:space="preserve">=SUM\(A1\)`).MatchString(sheet) {
		t.Error(`"=SUM(A1)..." is not an inline string cell`)
	}
	for _, want := range []string{`<sheetProtection`, `outlineLevel="1"`, `outlineLevel="2"`, `outlineLevelRow="2"`,
		`state="frozen"`, `<autoFilter ref="$A$3:$K$23"`, `summaryBelow="false"`, `fitToPage="true"`, `orientation="landscape"`, `paperSize="9"`,
		`&amp;C&amp;8Стр. &amp;P из &amp;N`, `<cfRule type="expression"`, `TODAY()`} {
		if !strings.Contains(sheet, want) {
			t.Errorf("sheet XML lacks %s", want)
		}
	}
	if wb := zipPart(t, b, "xl/workbook.xml"); !strings.Contains(wb, `_xlnm.Print_Titles`) || !strings.Contains(wb, `&#39;План&#39;!$3:$3`) {
		t.Errorf("no print titles in workbook.xml")
	}

	// Drop-downs and the date check on the fill columns.
	dvs, err := f.GetDataValidations("План")
	if err != nil {
		t.Fatal(err)
	}
	stCol, dtCol := cellAt(colOf(t, header, "Статус"), 1)[:1], cellAt(colOf(t, header, "Дата выполнения"), 1)[:1]
	last := len(rows)
	var list, date bool
	for _, dv := range dvs {
		switch {
		case dv.Type == "list":
			list = dv.Sqref == stCol+"4:"+stCol+itoa(last) && strings.Contains(dv.Formula1, "Не начато,Выполняется,Выполнено,Не выполнено,Перенесено")
		case dv.Type == "date":
			date = dv.Sqref == dtCol+"4:"+dtCol+itoa(last)
		}
	}
	if !list || !date {
		t.Errorf("validations %+v: list ok %v, date ok %v", dvs, list, date)
	}
	// Fill cells unlocked, given cells locked.
	locked := func(cell string) bool {
		id, err := f.GetCellStyle("План", cell)
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		return st.Protection == nil || st.Protection.Locked
	}
	r := trackerHeaderRow + 2 // first item row
	for _, name := range []string{"Статус", "Дата выполнения", "Что сделано / подтверждение", "Причины невыполнения / комментарий"} {
		if locked(cellAt(colOf(t, header, name), r)) {
			t.Errorf("%s cell locked", name)
		}
	}
	for _, name := range []string{"№", "Мероприятие", "Сроки", "Ответственные", "Показатели"} {
		if !locked(cellAt(colOf(t, header, name), r)) {
			t.Errorf("%s cell unlocked", name)
		}
	}
	for _, name := range []string{"ID", "Срок (последний месяц)", "Раздел (ключ)", "Исполнители (ключ)"} {
		c, _ := excelize.ColumnNumberToName(colOf(t, header, name))
		if vis, _ := f.GetColVisible("План", c); vis {
			t.Errorf("column %s visible", name)
		}
	}
	// Due dates: the end of the last scheduled month.
	dueCol := colOf(t, header, "Срок (последний месяц)")
	v, _ := f.GetCellValue("План", cellAt(dueCol, r))
	if v != "30.09.2021" {
		t.Errorf("due of 1.1 = %q, want 30.09.2021", v)
	}
	props, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	if props.Title != p.Title || props.Creator != "roadmap" || props.Keywords != p.Hash() || !strings.Contains(props.Subject, "г. Образцовск") {
		t.Errorf("doc props %+v", props)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestTrackerManifest(t *testing.T) {
	p := loadSample(t)
	b := trackerBytes(t, p, TrackerOptions{Now: fixedNow, Version: "1.2.3"})
	f := openBytes(t, b)
	if vis, _ := f.GetSheetVisible(manifestSheet); vis {
		t.Error("manifest sheet visible")
	}
	if wb := zipPart(t, b, "xl/workbook.xml"); !strings.Contains(wb, `name="_manifest" sheetId="4" r:id="rId6" state="veryHidden"`) {
		t.Error("manifest sheet is not very hidden")
	}
	got := readManifest(t, f)
	want := map[string]string{
		"kind": "tracker", "plan_title": p.Title, "plan_hash": p.Hash(), "generated": "2022-03-15T10:30:00Z",
		"tool": "roadmap 1.2.3", "columns.id": "ID", "columns.status": "Статус", "columns.date": "Дата выполнения",
		"columns.evidence": "Что сделано / подтверждение", "columns.comment": "Причины невыполнения / комментарий",
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("manifest %s = %q, want %q", k, got[k], v)
		}
	}
	if len(got) != len(want) {
		t.Errorf("manifest has %d keys, want %d: %v", len(got), len(want), got)
	}
}

func readManifest(t testing.TB, f *excelize.File) map[string]string {
	return xlsxtest.ReadManifest(t, f, manifestSheet)
}

func TestTrackerSummaryFormulas(t *testing.T) {
	p := loadSample(t)
	f := openBytes(t, trackerBytes(t, p, TrackerOptions{Now: fixedNow}))
	rows, err := f.GetRows("Сводка")
	if err != nil {
		t.Fatal(err)
	}
	find := func(label string) int {
		for i, r := range rows {
			if len(r) > 0 && r[0] == label {
				return i + 1
			}
		}
		t.Fatalf("no row %q in Сводка: %q", label, rows)
		return 0
	}
	r := find("1. Организационно-управленческие мероприятия")
	tests := []struct{ cell, want string }{
		{cellAt(2, r), `COUNTIFS('План'!$N$4:$N$23,"=s1")`},
		{cellAt(5, r), `COUNTIFS('План'!$N$4:$N$23,"=s1",'План'!$H$4:$H$23,"Выполнено")`},
		{cellAt(8, r), `B` + itoa(r) + `-SUM(C` + itoa(r) + `:G` + itoa(r) + `)`},
		{cellAt(2, find("ОО")), `COUNTIFS('План'!$O$4:$O$23,"*|ОО|*")`},
		{cellAt(2, find("Итого")), `SUM(B6:B8)`},
	}
	for _, tt := range tests {
		got, err := f.GetCellFormula("Сводка", tt.cell)
		if err != nil || got != tt.want {
			t.Errorf("%s = %q (%v), want %q", tt.cell, got, err, tt.want)
		}
	}
	if n := len(executorOrder(p)); find("Итого")+3+n > len(rows) {
		t.Errorf("executors table shorter than %d rows", n)
	}
}

func TestTrackerCalendar(t *testing.T) {
	p := loadSample(t)
	f := openBytes(t, trackerBytes(t, p, TrackerOptions{Now: fixedNow}))
	rows, err := f.GetRows("Календарь")
	if err != nil {
		t.Fatal(err)
	}
	months := rows[calMonthRow-1]
	if len(months) != calFixedCols+24 || months[calFixedCols] != "янв 2021" || months[len(months)-1] != "дек 2022" {
		t.Fatalf("month header = %q", months)
	}
	if rows[calYearRow-1][calFixedCols] != "2021" {
		t.Errorf("year header = %q", rows[calYearRow-1])
	}
	st, _ := newStylesProbe(f)
	byNum := map[string]int{}
	for i, r := range rows {
		if len(r) > 0 && i >= calFirstRow-1 {
			byNum[r[0]] = i + 1
		}
	}
	tests := []struct {
		num, kind string
		months    []string // scheduled months, as header labels
	}{
		{"1.1.", "", []string{"сен 2021"}},
		{"1.3.", "ежегодно, месяц не указан", nil},
		{"1.5.", "по мере необходимости", nil},
		{"2.2.", "", []string{"ноя 2021", "ноя 2022"}},
		{"2.1.3.", "по плану ДИРО", nil},
		{"3.4.", "срок не распознан: по согласованию", nil},
	}
	for _, tt := range tests {
		r := byNum[tt.num]
		if r == 0 {
			t.Fatalf("no calendar row %s", tt.num)
		}
		if got, _ := f.GetCellValue("Календарь", cellAt(4, r)); got != tt.kind {
			t.Errorf("%s: Вид = %q, want %q", tt.num, got, tt.kind)
		}
		var got []string
		for c := calFixedCols + 1; c <= len(months); c++ {
			if id, _ := f.GetCellStyle("Календарь", cellAt(c, r)); id == st.month {
				got = append(got, months[c-1])
			}
		}
		if strings.Join(got, ",") != strings.Join(tt.months, ",") {
			t.Errorf("%s: filled months %q, want %q", tt.num, got, tt.months)
		}
		kindStyle, _ := f.GetCellStyle("Календарь", cellAt(4, r))
		if (kindStyle == st.unplaced) != (tt.kind != "") {
			t.Errorf("%s: Вид cell style %d, unplaced style %d", tt.num, kindStyle, st.unplaced)
		}
	}
}

// newStylesProbe recovers the style ids of a written workbook: they are
// created in the same order in every workbook.
func newStylesProbe(f *excelize.File) (*styles, error) {
	g := excelize.NewFile()
	defer g.Close()
	return newStyles(g)
}

func TestTrackerProgress(t *testing.T) {
	p := loadSample(t)
	day := time.Date(2022, 3, 1, 0, 0, 0, 0, time.UTC)
	pr := &plan.Progress{Answers: map[string][]plan.Answer{
		"i1.1": {{ItemID: "i1.1", Org: "Департамент образования", Status: plan.StatusDone, Date: "2021-09-20", Evidence: "Приказ № 12 от 20.09.2021", Received: day}},
		"i1.4": {
			{ItemID: "i1.4", Org: "МБОУ Школа № 17", Status: plan.StatusNotDone, Comment: "нет специалиста", Received: day},
			{ItemID: "i1.4", Org: "МБОУ Школа № 10", Status: plan.StatusDone, Date: "2022-02-10", Evidence: "справка", Received: day},
		},
	}}
	f := openBytes(t, trackerBytes(t, p, TrackerOptions{Progress: pr, Now: fixedNow}))
	rows, _ := f.GetRows("План")
	header := rows[trackerHeaderRow-1]
	row := func(id string) []string {
		for _, r := range rows {
			if len(r) >= 12 && r[11] == id {
				return r
			}
		}
		t.Fatalf("no row %s", id)
		return nil
	}
	st, dt, ev, cm := colOf(t, header, "Статус")-1, colOf(t, header, "Дата выполнения")-1, colOf(t, header, "Что сделано / подтверждение")-1, colOf(t, header, "Причины невыполнения / комментарий")-1
	r := row("i1.1")
	if r[st] != "Выполнено" || r[dt] != "20.09.2021" || r[ev] != "Приказ № 12 от 20.09.2021" {
		t.Errorf("i1.1 = %q", r)
	}
	r = row("i1.4")
	if r[st] != "Не выполнено" || r[dt] != "10.02.2022" || r[ev] != "МБОУ Школа № 10: справка" || r[cm] != "МБОУ Школа № 17: нет специалиста" {
		t.Errorf("i1.4 = %q", r)
	}
	comments, err := f.GetComments("План")
	if err != nil {
		t.Fatal(err)
	}
	if len(comments) != 1 || !strings.Contains(comments[0].Text+richText(comments[0].Paragraph), "МБОУ Школа № 17: Не выполнено — нет специалиста") {
		t.Errorf("comments = %+v", comments)
	}
}

func richText(rs []excelize.RichTextRun) string {
	var b strings.Builder
	for _, r := range rs {
		b.WriteString(r.Text)
	}
	return b.String()
}

func TestTrackerPassword(t *testing.T) {
	p := loadSample(t)
	b := trackerBytes(t, p, TrackerOptions{Now: fixedNow, Password: "секрет"})
	if s := zipPart(t, b, "xl/worksheets/sheet1.xml"); !regexp.MustCompile(`<sheetProtection password="[0-9A-F]{4}"`).MatchString(s) {
		t.Error("no password on protection")
	}
}

// TestTrackerTemplatesDir renames headings through a templates directory:
// the workbook and its manifest use the new names.
func TestTrackerTemplatesDir(t *testing.T) {
	dir := t.TempDir()
	b, err := os.ReadFile(filepath.Join("..", "..", "templates", "tracker.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	custom := strings.Replace(string(b), "  status: Статус\n", "  status: Отметка о выполнении\n", 1)
	custom = strings.Replace(custom, "  plan: План\n", "  plan: Дорожная карта\n", 1)
	if err := os.WriteFile(filepath.Join(dir, "tracker.yaml"), []byte(custom), 0o644); err != nil {
		t.Fatal(err)
	}
	p := loadSample(t)
	lab, err := templates.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	f := openBytes(t, trackerBytes(t, p, TrackerOptions{Now: fixedNow, Labels: lab}))
	rows, err := f.GetRows("Дорожная карта")
	if err != nil {
		t.Fatal(err)
	}
	colOf(t, rows[trackerHeaderRow-1], "Отметка о выполнении")
	if m := readManifest(t, f); m["columns.status"] != "Отметка о выполнении" {
		t.Errorf("manifest columns.status = %q", m["columns.status"])
	}
	if fm, _ := f.GetCellFormula("Сводка", "B6"); !strings.Contains(fm, "'Дорожная карта'!") {
		t.Errorf("Сводка refers to %q", fm)
	}

	os.WriteFile(filepath.Join(dir, "tracker.yaml"), []byte("columns:\n  status: \"\"\n"), 0o644)
	_, err = templates.Load(dir)
	if err == nil || !strings.Contains(err.Error(), "tracker.yaml") {
		t.Errorf("empty heading: %v", err)
	}
}

// TestOddPlans writes plans that a hand-edited JSON or a strange source
// can produce: nothing may hang or panic, and the text stays as written.
func TestOddPlans(t *testing.T) {
	num := "1."
	long := strings.Repeat("длинный текст ", 3000) // > 32767 characters
	tests := []struct {
		name string
		p    *plan.Plan
	}{
		{"empty", &plan.Plan{SchemaVersion: 1, Title: "Пустой план"}},
		{"cyclic sections", &plan.Plan{SchemaVersion: 1,
			Sections: []plan.Section{{ID: "a", Parent: "b", Level: 1, Number: &num, Title: "А"}, {ID: "b", Parent: "a", Level: 2, Title: "Б"}},
			Items:    []plan.Item{{ID: "x", Section: "a", Activity: plan.Text{Text: "x"}, Responsible: []plan.Executor{{Text: "ОО", Org: "ОО", Group: true}}}}}},
		{"odd text", &plan.Plan{SchemaVersion: 1, Period: plan.Period{From: plan.MonthOf(2030, 1), To: plan.MonthOf(2020, 1)},
			Items: []plan.Item{{ID: "y", Section: "missing", Level: 12, Activity: plan.Text{Text: "a\x00b\x07c _x0041_ & <tag> \ufffe" + long},
				Deadline:    plan.Schedule{Text: "*?~", Kind: plan.KindDated, Months: []plan.Month{plan.MonthOf(1999, 1)}},
				Responsible: []plan.Executor{{Text: "*Школа?~"}}}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := trackerBytes(t, tt.p, TrackerOptions{Now: fixedNow})
			f := openBytes(t, b)
			rows, err := f.GetRows("План")
			if err != nil {
				t.Fatal(err)
			}
			idCol := colOf(t, rows[trackerHeaderRow-1], "ID") - 1
			var ids []string
			for _, r := range rows[trackerHeaderRow:] {
				if len(r) > idCol && r[idCol] != "" {
					ids = append(ids, r[idCol])
				}
			}
			if len(ids) != len(tt.p.Items) {
				t.Errorf("ids %q", ids)
			}
			if tt.name == "odd text" {
				// Control characters dropped, a literal "_x0041_" escaped as
				// OOXML says so that it reads back as written, the text cut
				// to Excel's limit.
				v := rows[trackerHeaderRow][1]
				if !strings.HasPrefix(v, "abc _x0041_ & <tag> длинный") || len([]rune(v)) > maxCellRunes+6 || len([]rune(v)) < maxCellRunes-6 || !strings.HasSuffix(v, "…") {
					t.Errorf("text = %q... (%d runes)", v[:40], len([]rune(v)))
				}
				if !strings.Contains(zipPart(t, b, "xl/worksheets/sheet1.xml"), "abc _x005F_x0041_ &amp; &lt;tag&gt; длинный") {
					t.Error("text not escaped as expected in the sheet XML")
				}
			}
			var none *orgdir.Directory // organisations from the plan
			recips, _ := none.Recipients(tt.p)
			c, err := NewChecklists(tt.p, ChecklistOptions{Now: fixedNow})
			if err != nil {
				t.Fatal(err)
			}
			for org, ids := range recips {
				var buf bytes.Buffer
				if err := c.Write(&buf, org, ids); err != nil {
					t.Fatal(err)
				}
				openBytes(t, buf.Bytes())
			}
			if len(recips) != len(tt.p.Items) {
				t.Errorf("%d checklists", len(recips))
			}
		})
	}
}

// TestSectionHeadingHeight: a bold section heading that LibreOffice
// wraps (60-68 characters, which fit one line in regular type) gets the
// height of two lines, so that its second line is not cut off.
func TestSectionHeadingHeight(t *testing.T) {
	p := loadSample(t)
	const title = "Методическое сопровождение системы организации воспитания обучающихся"
	p.Sections[0].Title, p.Sections[0].Level = title, 1
	f := openBytes(t, trackerBytes(t, p, TrackerOptions{Now: fixedNow}))
	rows, err := f.GetRows("План")
	if err != nil {
		t.Fatal(err)
	}
	for r, row := range rows {
		if len(row) > 1 && row[1] == title {
			h, err := f.GetRowHeight("План", r+1)
			if err != nil {
				t.Fatal(err)
			}
			if h < rowHeight(2) {
				t.Errorf("row %d of %q: height %.1f pt, want at least two lines (%.1f pt)", r+1, title, h, rowHeight(2))
			}
			return
		}
	}
	t.Fatalf("no section row %q", title)
}
