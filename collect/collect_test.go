package collect

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/roadmap-tool/roadmap/internal/pgtest"
	"github.com/roadmap-tool/roadmap/templates"

	"github.com/xuri/excelize/v2"

	"github.com/roadmap-tool/roadmap/internal/tooltest"
	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/render/xlsx"
	"github.com/roadmap-tool/roadmap/store"
)

func TestParseStatus(t *testing.T) {
	tests := []struct {
		in   string
		want plan.Status
		ok   bool
	}{
		{"Выполнено", plan.StatusDone, true},
		{"  выполнено. ", plan.StatusDone, true},
		{"ВЫПОЛНЕНО!", plan.StatusDone, true},
		{"да", plan.StatusDone, true},
		{"+", plan.StatusDone, true},
		{"сделано", plan.StatusDone, true},
		{"Исполнено", plan.StatusDone, true},
		{"выполнено, см. приказ № 12", plan.StatusDone, true},
		{"«Выполнено»", plan.StatusDone, true},
		{"в работе", plan.StatusInProgress, true},
		{"В  процессе", plan.StatusInProgress, true},
		{"частично", plan.StatusInProgress, true},
		{"выполнено частично", plan.StatusInProgress, true},
		{"Выполняется", plan.StatusInProgress, true},
		{"нет", plan.StatusNotDone, true},
		{"Не выполнено", plan.StatusNotDone, true},
		{"не выполнено по причине карантина", plan.StatusNotDone, true},
		{"перенесено", plan.StatusPostponed, true},
		{"перенос", plan.StatusPostponed, true},
		{"Отложено", plan.StatusPostponed, true},
		{"перенесён", plan.StatusPostponed, true},
		{"не начато", plan.StatusNotStarted, true},
		{"-", plan.StatusNotStarted, true},
		{"", plan.StatusNone, true},
		{"сомнительно", plan.StatusNone, false},
		{"дата уточняется", plan.StatusNone, false},
		{"выполнено1", plan.StatusNone, false},
	}
	for _, tc := range tests {
		got, ok := ParseStatus(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("ParseStatus(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in, want string
		month    bool
	}{
		{"01.09.2022", "2022-09-01", false},
		{"1.9.22", "2022-09-01", false},
		{"2022-09-01", "2022-09-01", false},
		{"01/09/2022", "2022-09-01", false},
		{"01.09.2022 г.", "2022-09-01", false},
		{"сентябрь 2022", "2022-09-01", true},
		{"Сентябрь 2022 г.", "2022-09-01", true},
		{"15 марта 2022", "2022-03-15", false},
		{"1 мая 2022 года", "2022-05-01", false},
		{"44805", "2022-09-01", false}, // Excel serial
		{"44805.5", "2022-09-01", false},
		{"31.02.2022", "", false},
		{"скоро", "", false},
		{"12", "", false},
	}
	for _, tc := range tests {
		got, ok := ParseDate(tc.in, false)
		if got.Date != tc.want || ok != (tc.want != "") || got.Month != tc.month {
			t.Errorf("ParseDate(%q) = %+v, %v; want %q month=%v", tc.in, got, ok, tc.want, tc.month)
		}
	}
	if got, _ := ParseDate("43343", true); got.Date != "2022-09-01" {
		t.Errorf("1904 serial = %s, want 2022-09-01", got.Date)
	}
}

// TestInterrupted cancels a collection: nothing is stored.
func TestInterrupted(t *testing.T) { pgtest.Run(t, testInterrupted) }

func testInterrupted(t *testing.T, e pgtest.Engine) {
	dir := t.TempDir()
	p := makePlan("План", 5, []string{"МБОУ Школа № 1"})
	st := storeOf(t, e, p)
	path := filepath.Join(dir, "a.xlsx")
	writeChecklist(path, p, "МБОУ Школа № 1", time.Now())
	fillChecklist(t, path, []fillRow{{id: p.Items[0].ID, status: "да"}}, nil)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Run(ctx, st, []string{path}, Options{}); err != ErrInterrupted {
		t.Fatalf("Run on a cancelled context: %v", err)
	}
	if subs, _ := st.Submissions(""); len(subs) != 0 {
		t.Fatalf("a cancelled collection stored %d submissions", len(subs))
	}
}

// TestInterruptedMidway cancels a collection while its first workbooks
// are being written and the last is still being read (on SQLite the
// answers go in as the files are parsed): nothing is stored.
func TestInterruptedMidway(t *testing.T) { pgtest.Run(t, testInterruptedMidway) }

func testInterruptedMidway(t *testing.T, e pgtest.Engine) {
	dir := t.TempDir()
	schools := []string{"МБОУ Школа № 1", "МБОУ Школа № 2", "МБОУ Школа № 3", "МБОУ Школа № 4"}
	p := makePlan("План", 5, schools)
	st := storeOf(t, e, p)
	var files []string
	for i, school := range schools {
		path := filepath.Join(dir, fmt.Sprintf("%d.xlsx", i))
		writeChecklist(path, p, school, time.Now())
		fillChecklist(t, path, []fillRow{{id: p.Items[0].ID, status: "да"}}, nil)
		files = append(files, path)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	last := len(files) - 1
	read := func(i int) (*parsed, error) {
		if i == last {
			// The files before have been read and handed to the store
			// (or are being); give the writer time to insert them.
			time.Sleep(100 * time.Millisecond)
			cancel()
		}
		return readWorkbook(files[i], 0)
	}
	if _, err := run(ctx, st, files, read, Options{Workers: 1}); err != ErrInterrupted {
		t.Fatalf("run cancelled midway: %v", err)
	}
	if subs, _ := st.Submissions(""); len(subs) != 0 {
		t.Fatalf("a collection cancelled midway stored %d submissions", len(subs))
	}
}

func TestNaturalLess(t *testing.T) {
	names := []string{"МБОУ Школа № 10", "МБОУ Гимназия № 2", "МБОУ Школа № 2", "МБОУ Школа № 100", "МБОУ Школа № 02а", "Департамент"}
	sort.Slice(names, func(i, j int) bool { return NaturalLess(names[i], names[j]) })
	want := "Департамент|МБОУ Гимназия № 2|МБОУ Школа № 2|МБОУ Школа № 02а|МБОУ Школа № 10|МБОУ Школа № 100"
	if got := strings.Join(names, "|"); got != want {
		t.Errorf("natural order:\n got %s\nwant %s", got, want)
	}
}

// expectation is the answer that must land for (item, org).
type expectation struct {
	status   plan.Status
	raw      string
	date     string
	evidence string
	comment  string
}

// typed spellings for statuses, as twenty schools would write them.
var typed = []struct {
	text string
	st   plan.Status
}{
	{"Выполнено", plan.StatusDone}, {"выполнено.", plan.StatusDone}, {"да", plan.StatusDone}, {"+", plan.StatusDone},
	{"Сделано", plan.StatusDone}, {"исполнено", plan.StatusDone}, {"В работе", plan.StatusInProgress},
	{"в процессе", plan.StatusInProgress}, {"частично", plan.StatusInProgress}, {"нет", plan.StatusNotDone},
	{"Не выполнено", plan.StatusNotDone}, {"перенесено", plan.StatusPostponed}, {"перенос", plan.StatusPostponed},
	{"отложено", plan.StatusPostponed}, {"не начато", plan.StatusNotStarted}, {"-", plan.StatusNotStarted},
	{"Выполняется", plan.StatusInProgress}, {"ВЫПОЛНЕНО", plan.StatusDone}, {"перенесён", plan.StatusPostponed},
}

// writer writes one checklist per school into dir and returns their paths.
type writer func(t *testing.T, dir string, p *plan.Plan, schools []string, gen time.Time) map[string]string

func contractWriter(t *testing.T, dir string, p *plan.Plan, schools []string, gen time.Time) map[string]string {
	out := map[string]string{}
	for i, org := range schools {
		path := filepath.Join(dir, fmt.Sprintf("school%02d.xlsx", i+1))
		if err := writeChecklist(path, p, org, gen); err != nil {
			t.Fatal(err)
		}
		out[org] = path
	}
	return out
}

// realWriter uses the writer `roadmap checklists` runs.
func realWriter(t *testing.T, dir string, p *plan.Plan, schools []string, gen time.Time) map[string]string {
	tmp := t.TempDir()
	list, err := writeChecklists(tmp, p, gen)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, c := range list {
		for i, org := range schools {
			if c.Org == org {
				path := filepath.Join(dir, fmt.Sprintf("school%02d.xlsx", i+1))
				data, err := os.ReadFile(filepath.Join(tmp, c.File))
				if err != nil {
					t.Fatal(err)
				}
				os.WriteFile(path, data, 0o644)
				out[org] = path
			}
		}
	}
	if len(out) != len(schools) {
		t.Fatalf("render/xlsx wrote checklists for %d of %d schools", len(out), len(schools))
	}
	return out
}

// The end-to-end collection runs on both engines; LibreOffice's resaved
// workbooks (what a school's office suite makes of them) are read once,
// on SQLite: what they test is the reading, not the store.
func TestCollectEndToEnd(t *testing.T) {
	pgtest.Run(t, func(t *testing.T, e pgtest.Engine) {
		t.Run("contract", func(t *testing.T) { testEndToEnd(t, e, contractWriter, false) })
		t.Run("render-xlsx", func(t *testing.T) { testEndToEnd(t, e, realWriter, e.Name == "sqlite") })
	})
}

func testEndToEnd(t *testing.T, e pgtest.Engine, write writer, libreoffice bool) {
	dir := t.TempDir()
	in := filepath.Join(dir, "inbox")
	os.MkdirAll(filepath.Join(in, "sub"), 0o755)
	var schools []string
	for i := 1; i <= 20; i++ {
		schools = append(schools, fmt.Sprintf("МБОУ Школа № %d", i))
	}
	p := makePlan("План мероприятий муниципальной системы воспитания на 2021-2023 годы", 40, schools)
	st := storeOf(t, e, p)
	// Another version of the same plan (one more item) and another plan,
	// neither registered.
	otherVersion := makePlan(p.Title, 41, schools)
	otherPlan := makePlan("Дорожная карта МСОКО на 2021-2024 учебные годы", 10, schools)
	gen := time.Date(2022, 3, 1, 9, 0, 0, 0, time.UTC)

	type key struct{ item, org string }
	want := map[key]expectation{}
	refused := map[string]string{} // base name -> part of the reason
	duplicate := map[string]bool{}
	wantDiag := map[string]string{} // base name -> part of a diagnostic

	paths := write(t, in, p, schools, gen)
	for si, org := range schools {
		path := paths[org]
		name := filepath.Base(path)
		var rows []fillRow
		for k := 0; k < 6; k++ {
			it := p.Items[(si*3+k*7)%len(p.Items)]
			ty := typed[(si+k)%len(typed)]
			fr := fillRow{id: it.ID, status: ty.text, evidence: fmt.Sprintf("Приказ № %d-%d от 01.03.2022\nссылка: https://school%d.ru/news/%d", si, k, si, k)}
			e := expectation{status: ty.st, evidence: fr.evidence}
			if ty.text != ty.st.Label() {
				e.raw = ty.text
			}
			switch k {
			case 0:
				fr.date, e.date = "01.03.2022", "2022-03-01"
			case 1:
				fr.date, e.date = "1.3.22", "2022-03-01"
			case 2:
				if si != 1 { // sorted rows lose cell formats in this helper
					fr.date, e.date = time.Date(2022, 2, 15, 0, 0, 0, 0, time.UTC), "2022-02-15"
				}
			case 3:
				fr.date, e.date = "март 2022", "2022-03-01"
			case 4:
				fr.comment, e.comment = "Перенесено из-за карантина;\nпроведем в апреле", "Перенесено из-за карантина;\nпроведем в апреле"
			}
			rows = append(rows, fr)
			want[key{it.ID, org}] = e
		}
		var mutate func(f *excelize.File, l layout)
		switch si {
		case 1: // sorted in reverse
			mutate = sortRowsDesc
		case 2: // unanswered rows deleted
			mutate = func(f *excelize.File, l layout) {
				answered := map[string]bool{}
				for _, r := range rows {
					answered[r.id] = true
				}
				byID := rowsByID(f, l)
				var del []int
				for id, r := range byID {
					if !answered[id] {
						del = append(del, r)
					}
				}
				sort.Sort(sort.Reverse(sort.IntSlice(del)))
				for _, r := range del {
					f.RemoveRow(l.sheet, r)
				}
			}
		case 3: // a row added by hand, with text, without an ID
			mutate = func(f *excelize.File, l layout) {
				r := l.header + 3
				f.InsertRows(l.sheet, r, 1)
				f.SetCellValue(l.sheet, fmt.Sprintf("B%d", r), "Дополнительное мероприятие школы")
				f.SetCellValue(l.sheet, l.cell(plan.ColEvidence, r), "Провели конкурс чтецов")
			}
			wantDiag[name] = "без кода пункта"
		case 4: // sheet renamed, a column inserted before the fill columns
			mutate = func(f *excelize.File, l layout) {
				f.SetSheetName(l.sheet, "Мой отчет")
				col, _ := excelize.ColumnNumberToName(l.col[plan.ColStatus])
				f.InsertCols("Мой отчет", col, 1)
				f.SetCellValue("Мой отчет", fmt.Sprintf("%s%d", col, l.header), "Примечание школы")
			}
		case 5: // a status nobody foresaw: kept verbatim
			rows = append(rows, fillRow{id: p.Items[39].ID, status: "сомнительно", evidence: "см. письмо"})
			want[key{p.Items[39].ID, org}] = expectation{status: plan.StatusNone, raw: "сомнительно", evidence: "см. письмо"}
			wantDiag[name] = "нераспознанный статус «сомнительно»"
		case 6: // evidence without a status still lands
			rows = append(rows, fillRow{id: p.Items[38].ID, evidence: "Отчет размещен на сайте"})
			want[key{p.Items[38].ID, org}] = expectation{status: plan.StatusNone, evidence: "Отчет размещен на сайте"}
		}
		fillChecklist(t, path, rows, mutate)
		if si == 9 && libreoffice {
			resaveLibreOffice(t, path)
		}
		os.Chtimes(path, gen.Add(time.Duration(si)*time.Hour), gen.Add(time.Duration(si)*time.Hour))
	}

	// School 8 sends a corrected copy of its file later, with one more
	// answer: it supersedes the first one.
	{
		org := schools[7]
		data, _ := os.ReadFile(paths[org])
		path := filepath.Join(in, "school08-исправлено.xlsx")
		os.WriteFile(path, data, 0o644)
		fr := fillRow{id: p.Items[0].ID, status: "Выполнено", evidence: "Исправленный отчет"}
		fillChecklist(t, path, []fillRow{fr}, nil)
		os.Chtimes(path, gen.Add(48*time.Hour), gen.Add(48*time.Hour))
		want[key{p.Items[0].ID, org}] = expectation{status: plan.StatusDone, evidence: "Исправленный отчет"}
	}

	// Files that must be refused, each with its reason.
	writeChecklist(filepath.Join(in, "other-version.xlsx"), otherVersion, schools[0], gen)
	refused["other-version.xlsx"] = "другой версии плана"
	writeChecklist(filepath.Join(in, "other-plan.xlsx"), otherPlan, schools[0], gen)
	refused["other-plan.xlsx"] = "которого нет в базе"
	good, _ := os.ReadFile(filepath.Join(in, "school01.xlsx"))
	os.WriteFile(filepath.Join(in, "corrupted.xlsx"), good[:len(good)/2], 0o644)
	refused["corrupted.xlsx"] = "поврежден"
	os.WriteFile(filepath.Join(in, "letter.xlsx"), []byte("Добрый день! Отчет во вложении."), 0o644)
	refused["letter.xlsx"] = "не книга Excel"
	notes := filepath.Join(dir, "notes.txt")
	os.WriteFile(notes, []byte("просто текст"), 0o644)
	refused["notes.txt"] = "не книга Excel"
	os.WriteFile(filepath.Join(in, "bomb.xlsx"), zipBomb(t), 0o644)
	refused["bomb.xlsx"] = "zip-бомб"
	{
		f, _ := excelize.OpenFile(filepath.Join(in, "school01.xlsx"))
		f.SaveAs(filepath.Join(in, "secret.xlsx"), excelize.Options{Password: "123"})
		f.Close()
	}
	refused["secret.xlsx"] = "защищен паролем"
	{
		f := excelize.NewFile()
		f.SetCellValue("Sheet1", "A1", "Отчет школы")
		f.SaveAs(filepath.Join(in, "own-form.xlsx"))
		f.Close()
	}
	refused["own-form.xlsx"] = "нет служебного листа"
	// A copy of a school's file in a subfolder, and an Excel lock file.
	os.WriteFile(filepath.Join(in, "sub", "school01-копия.xlsx"), good, 0o644)
	duplicate["school01-копия.xlsx"] = true
	os.WriteFile(filepath.Join(in, "~$school01.xlsx"), []byte("lock"), 0o644)

	now := time.Date(2022, 4, 5, 12, 0, 0, 0, time.UTC)
	starting := -1
	rep, err := Run(context.Background(), st, []string{in, notes}, Options{Quarter: "2022Q1", Now: now, Workers: 3,
		Starting: func(files int) { starting = files }})
	if err != nil {
		t.Fatal(err)
	}
	if starting != len(rep.Files) {
		t.Errorf("Starting was told of %d workbooks, the report has %d", starting, len(rep.Files))
	}
	var text bytes.Buffer
	rep.WriteText(&text, false, &templates.Default().Collect)
	t.Log("\n" + text.String())

	// Every file is accounted for with the right outcome.
	for _, f := range rep.Files {
		base := filepath.Base(f.Path)
		switch {
		case strings.HasPrefix(base, "~$"):
			t.Errorf("lock file %s was read", base)
		case refused[base] != "":
			if f.Outcome != Refused || !strings.Contains(f.Reason, refused[base]) {
				t.Errorf("%s: outcome %v reason %q, want refused with %q", base, f.Outcome, f.Reason, refused[base])
			}
			if !strings.Contains(text.String(), f.Path+": ОТКАЗ: ") {
				t.Errorf("report does not name refused %s", base)
			}
			delete(refused, base)
		case duplicate[base]:
			if f.Outcome != Duplicate {
				t.Errorf("%s: outcome %v, want duplicate", base, f.Outcome)
			}
			delete(duplicate, base)
		default:
			if f.Outcome != Collected {
				t.Errorf("%s: outcome %v (%s), want collected", base, f.Outcome, f.Reason)
			}
		}
		if d := wantDiag[base]; d != "" {
			found := false
			for _, x := range f.Diagnostics {
				found = found || strings.Contains(x.Message, d)
			}
			if !found {
				t.Errorf("%s: no diagnostic %q in %v", base, d, f.Diagnostics)
			}
		}
	}
	for base := range refused {
		t.Errorf("%s not in the report", base)
	}
	for base := range duplicate {
		t.Errorf("%s not in the report", base)
	}
	if rep.Count(Refused) != 8 {
		t.Errorf("refused %d files, want 8", rep.Count(Refused))
	}
	var old FileResult
	for _, f := range rep.Files {
		if filepath.Base(f.Path) == "school08.xlsx" {
			old = f
		}
	}
	if !strings.HasSuffix(old.SupersededBy, "school08-исправлено.xlsx") {
		t.Errorf("school08.xlsx superseded by %q, want the corrected file", old.SupersededBy)
	}

	checkLanded(t, st, p, func(yield func(item, org string, e expectation) bool) {
		for k, e := range want {
			if !yield(k.item, k.org, e) {
				return
			}
		}
	}, len(want))
	before := dumpAnswers(t, st)

	// Collecting the same folder again changes nothing.
	rep2, err := Run(context.Background(), st, []string{in}, Options{Quarter: "2022Q1", Now: now.Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	if rep2.Count(Collected) != 0 {
		t.Errorf("second run collected %d files", rep2.Count(Collected))
	}
	if after := dumpAnswers(t, st); after != before {
		t.Errorf("second run changed the store")
	}
}

// resaveLibreOffice opens path in LibreOffice Calc and saves it back as
// .xlsx, as a school working in LibreOffice would.
func resaveLibreOffice(t *testing.T, path string) {
	soffice := tooltest.Need(t, "soffice")
	dir := t.TempDir()
	cmd := exec.Command(soffice, "--headless", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", filepath.Join(dir, "out"), path)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	data, err := os.ReadFile(filepath.Join(dir, "out", filepath.Base(path)))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(data, []byte("xuri")) {
		t.Fatal("LibreOffice output still carries excelize's stamp")
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("%s re-saved by LibreOffice", filepath.Base(path))
}

// checkLanded asserts that the live answers are exactly the expected ones.
func checkLanded(t *testing.T, st *store.Store, p *plan.Plan, want func(func(item, org string, e expectation) bool), n int) {
	t.Helper()
	prog, err := st.Latest(p, "2022Q1")
	if err != nil {
		t.Fatal(err)
	}
	got := 0
	for _, as := range prog.Answers {
		got += len(as)
	}
	if got != n {
		t.Errorf("%d live answers, want %d", got, n)
	}
	want(func(item, org string, e expectation) bool {
		var a *plan.Answer
		for i, x := range prog.Answers[item] {
			if x.Org == org {
				if a != nil {
					t.Errorf("%s/%s answered twice", item, org)
				}
				a = &prog.Answers[item][i]
			}
		}
		if a == nil {
			t.Errorf("%s/%s: no answer landed", item, org)
			return true
		}
		g := expectation{a.Status, a.Raw, a.Date, a.Evidence, a.Comment}
		if g != e {
			t.Errorf("%s/%s = %+v, want %+v", item, org, g, e)
		}
		return true
	})
}

func dumpAnswers(t *testing.T, st *store.Store) string {
	rows, err := st.DB().Query(`SELECT submission_id, item_id, org, status, raw, date, evidence, comment FROM answers ORDER BY 1, 2`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var lines []string
	for rows.Next() {
		var a [8]string
		rows.Scan(&a[0], &a[1], &a[2], &a[3], &a[4], &a[5], &a[6], &a[7])
		lines = append(lines, strings.Join(a[:], "|"))
	}
	subs, _ := st.Submissions("")
	sort.Strings(lines)
	return fmt.Sprint(len(subs)) + "\n" + strings.Join(lines, "\n")
}

// zipBomb is a small zip whose single part inflates to 60 MB.
func zipBomb(t *testing.T) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, _ := zw.Create("xl/worksheets/sheet1.xml")
	zero := make([]byte, 1<<20)
	for range 60 {
		w.Write(zero)
	}
	zw.Close()
	return b.Bytes()
}

// TestCollectTracker reads back a tracker written by render/xlsx and
// edited by the department: its answers are the department's, and they
// override the schools only when collected with PreferTracker.
func TestCollectTracker(t *testing.T) { pgtest.Run(t, testCollectTracker) }

func testCollectTracker(t *testing.T, e pgtest.Engine) {
	dir := t.TempDir()
	schools := []string{"МБОУ Школа № 1", "МБОУ Школа № 2"}
	p := makePlan("План мероприятий на 2022 год", 12, schools)
	st := storeOf(t, e, p)
	gen := time.Date(2022, 3, 1, 9, 0, 0, 0, time.UTC)

	paths := realWriter(t, dir, p, schools[:1], gen)
	fillChecklist(t, paths[schools[0]], []fillRow{{id: p.Items[0].ID, status: "нет"}, {id: p.Items[1].ID, status: "да"}}, nil)
	trackerPath := func(name string) string {
		path := filepath.Join(dir, name)
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := xlsx.WriteTracker(f, p, xlsx.TrackerOptions{Now: gen}); err != nil {
			t.Fatal(err)
		}
		f.Close()
		fillChecklist(t, path, []fillRow{{id: p.Items[0].ID, status: "Выполнено", evidence: "Проверено департаментом"},
			{id: p.Items[2].ID, status: "Перенесено"}}, nil)
		return path
	}
	now := time.Date(2022, 4, 5, 12, 0, 0, 0, time.UTC)
	rep, err := Run(context.Background(), st, []string{paths[schools[0]], trackerPath("tracker.xlsx")}, Options{Quarter: "2022Q1", Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Count(Collected) != 2 || rep.Files[1].Org != store.TrackerOrg || rep.Files[1].Kind != "tracker" || rep.Files[1].Answers != 2 {
		t.Fatalf("tracker collection: %+v", rep.Files)
	}
	prog, _ := st.Latest(p, "2022Q1")
	for item, want := range map[string]string{
		p.Items[0].ID: "МБОУ Школа № 1:not_done", // the school's own word stands
		p.Items[1].ID: "МБОУ Школа № 1:done",
		p.Items[2].ID: "Департамент:postponed", // nobody else answered
	} {
		if got := describe(prog.Answers[item]); got != want {
			t.Errorf("without prefer: %s = %q, want %q", item, got, want)
		}
	}
	// Collected again, edited, with --prefer tracker: the department wins.
	path := trackerPath("tracker-2.xlsx")
	fillChecklist(t, path, []fillRow{{id: p.Items[3].ID, status: "в работе"}}, nil)
	if _, err := Run(context.Background(), st, []string{path}, Options{Quarter: "2022Q1", Now: now.Add(time.Hour), PreferTracker: true}); err != nil {
		t.Fatal(err)
	}
	prog, _ = st.Latest(p, "2022Q1")
	if got := describe(prog.Answers[p.Items[0].ID]); got != "Департамент:done" {
		t.Errorf("with prefer: %q, want the tracker's", got)
	}
}

func describe(as []plan.Answer) string {
	var parts []string
	for _, a := range as {
		parts = append(parts, a.Org+":"+string(a.Status))
	}
	return strings.Join(parts, " ")
}

// storeOf is a new store of the engine holding plans, closed when the
// test ends.
func storeOf(t *testing.T, e pgtest.Engine, plans ...*plan.Plan) *store.Store {
	t.Helper()
	st, err := store.Open(e.New(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	for _, p := range plans {
		if err := st.SavePlan(p); err != nil {
			t.Fatal(err)
		}
	}
	return st
}
