package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/produce"
	"github.com/roadmap-tool/roadmap/store"
)

// editManifest sets key to value in a workbook's hidden manifest (an
// empty value removes the key), as a user who unhides the sheet can.
func editManifest(t *testing.T, path, key, value string) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("_manifest")
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		if len(r) > 0 && r[0] == key {
			a, _ := excelize.CoordinatesToCellName(1, i+1)
			b, _ := excelize.CoordinatesToCellName(2, i+1)
			if value == "" {
				f.SetCellValue("_manifest", a, "")
			}
			f.SetCellValue("_manifest", b, value)
			if err := f.Save(); err != nil {
				t.Fatal(err)
			}
			return
		}
	}
	if value == "" {
		t.Fatalf("%s: no %q in the manifest", path, key)
	}
	a, _ := excelize.CoordinatesToCellName(1, len(rows)+1)
	f.SetSheetRow("_manifest", a, &[]any{key, value})
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
}

// issuedAndFilled issues the Sarov seed's checklists with a store on
// 2022-03-01 (so for 2022Q1) and fills school 10's first rows with
// statuses; it returns the folder, the store and school 10's checklist.
func issuedAndFilled(t *testing.T, statuses ...string) (dir, db, school string) {
	t.Helper()
	dir = t.TempDir()
	db = filepath.Join(dir, "roadmap.db")
	cl := filepath.Join(dir, "cl")
	t.Setenv("SOURCE_DATE_EPOCH", "1646092800")
	if _, errs, code := run(t, "checklists", "-o", cl, "--db", db, seedSarov); code != 0 {
		t.Fatal(errs)
	}
	school = filepath.Join(cl, "МБОУ_Школа_N_10.xlsx")
	fillFirstRows(t, school, statuses...)
	return dir, db, school
}

// copyFile copies a workbook so that each case edits its own.
func copyFile(t *testing.T, from, to string) string {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return to
}

// liveSubmissions lists the store's submissions that count, by
// organisation and quarter.
func liveSubmissions(t *testing.T, db string) map[string]string {
	t.Helper()
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	subs, err := st.Submissions("")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, s := range subs {
		if s.SupersededBy == 0 {
			out[s.Org] += s.Quarter + " "
		}
	}
	return out
}

// TestCollectFilesUnderIssuedQuarter: checklists carry the quarter they
// were issued for, and collect files their answers under it; a quarter
// outside the plan's period is refused; a wrongly filed collection is
// moved with --replace, the earlier filing kept as superseded.
func TestCollectFilesUnderIssuedQuarter(t *testing.T) {
	_, db, school := issuedAndFilled(t, "Выполнено")
	// No --quarter: the manifest's quarter, though today is years later.
	out, errs, code := run(t, "collect", "--db", db, school)
	if code != 0 || !strings.Contains(out, "собрано 1 ответ, МБОУ Школа № 10, за I квартал 2022 г.") {
		t.Fatalf("exit %d: %s\n%s", code, errs, out)
	}
	if got := liveSubmissions(t, db)["МБОУ Школа № 10"]; got != "2022Q1 " {
		t.Errorf("filed under %q", got)
	}

	// A quarter outside the plan (2021-2022) is refused, nothing stored.
	out, _, code = run(t, "collect", "--db", db, "-q", "2025Q1", "--replace", school)
	if code != 1 || !strings.Contains(out, "вне периода плана") {
		t.Errorf("2025Q1: exit %d\n%s", code, out)
	}

	// Collected under the wrong quarter: again without --replace says so,
	// with --replace it moves; the first filing stays in history.
	out, _, _ = run(t, "collect", "--db", db, "-q", "2022Q2", school)
	if !strings.Contains(out, "уже собран за I квартал 2022 г.; чтобы записать его за II квартал 2022 г.: roadmap collect --replace") {
		t.Errorf("without --replace:\n%s", out)
	}
	out, errs, code = run(t, "collect", "--db", db, "-q", "2022Q2", "--replace", school)
	if code != 0 || !strings.Contains(out, "прежняя запись этого файла") {
		t.Fatalf("--replace: exit %d %s\n%s", code, errs, out)
	}
	if got := liveSubmissions(t, db)["МБОУ Школа № 10"]; got != "2022Q2 " {
		t.Errorf("after --replace filed under %q", got)
	}
	st, _ := store.Open(db)
	subs, _ := st.Submissions("")
	st.Close()
	if len(subs) != 2 || subs[0].SupersededBy != subs[1].ID || subs[0].Answers != 1 {
		t.Errorf("history: %+v", subs)
	}
	// Moved back with --replace again: still one live filing.
	if _, errs, code = run(t, "collect", "--db", db, "-q", "2022Q1", "--replace", school); code != 0 {
		t.Fatal(errs)
	}
	if got := liveSubmissions(t, db)["МБОУ Школа № 10"]; got != "2022Q1 " {
		t.Errorf("moved back: %q", got)
	}
}

// TestCollectOldWorkbookQuarter: a workbook without a quarter (an earlier
// version's) is not filed under today's quarter of a plan that ended in
// 2022: it is refused with the way out; with --quarter it is collected.
func TestCollectOldWorkbookQuarter(t *testing.T) {
	dir := t.TempDir()
	cl := filepath.Join(dir, "cl")
	if _, errs, code := run(t, "checklists", "-o", cl, "--db", "", seedSarov); code != 0 {
		t.Fatal(errs)
	}
	school := filepath.Join(cl, "МБОУ_Школа_N_10.xlsx")
	fillFirstRows(t, school, "в работе")
	editManifest(t, school, "quarter", "")
	db := filepath.Join(dir, "other.db")
	out, _, code := run(t, "collect", "--db", db, "--plan", seedSarov, school)
	if code != 1 || !strings.Contains(out, "в файле не указан квартал") || !strings.Contains(out, "--quarter") {
		t.Errorf("exit %d\n%s", code, out)
	}
	out, errs, code := run(t, "collect", "--db", db, "-q", "2022Q4", school)
	if code != 0 || !strings.Contains(out, "собрано 1 ответ") {
		t.Errorf("exit %d %s\n%s", code, errs, out)
	}
}

// TestCollectTrustsOnlyWhatItIssued: an organisation edited in the
// manifest (to another recipient or to a school the plan does not name),
// a signature removed, a tracker claiming a school, rows added for items
// the school was not given: refused with the reason, never filed under
// another school.
func TestCollectTrustsOnlyWhatItIssued(t *testing.T) {
	dir, db, orig := issuedAndFilled(t, "Выполнено", "в работе")
	in := filepath.Join(dir, "in")
	os.Mkdir(in, 0o755)
	for _, tc := range []struct {
		name, key, value, reason string
	}{
		{"another school", "org", "МБОУ Школа № 17", "служебный лист (паспорт) изменен"},
		{"not a recipient", "org", "МБОУ Школа № 999", "служебный лист (паспорт) изменен"},
		{"another quarter", "quarter", "2022Q3", "служебный лист (паспорт) изменен"},
		{"made a tracker", "kind", "tracker", "служебный лист (паспорт) изменен"},
		{"signature removed", "signature", "", "в паспорте нет подписи"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := copyFile(t, orig, filepath.Join(in, strings.ReplaceAll(tc.name, " ", "_")+".xlsx"))
			editManifest(t, path, tc.key, tc.value)
			out, _, code := run(t, "collect", "--db", db, path)
			if code != 1 || !strings.Contains(out, "ОТКАЗ: "+tc.reason) {
				t.Errorf("exit %d\n%s", code, out)
			}
		})
	}
	if subs := liveSubmissions(t, db); len(subs) != 0 {
		t.Fatalf("stored: %v", subs)
	}

	// A row added for an item of another school: that row is left out.
	p, err := produceOpen(seedSarov)
	if err != nil {
		t.Fatal(err)
	}
	recips := produce.RecipientMap(p, nil)
	mine := map[string]bool{}
	for _, id := range recips["МБОУ Школа № 10"] {
		mine[id] = true
	}
	foreign := ""
	for _, ids := range recips {
		for _, id := range ids {
			if !mine[id] {
				foreign = id
			}
		}
	}
	if foreign == "" {
		t.Fatal("no item that school 10 was not given")
	}
	added := copyFile(t, orig, filepath.Join(dir, "added.xlsx"))
	f, err := excelize.OpenFile(added)
	if err != nil {
		t.Fatal(err)
	}
	sh := f.GetSheetName(0)
	rows, _ := f.GetRows(sh)
	idCol, stCol := -1, -1
	for _, r := range rows {
		for c, v := range r {
			switch v {
			case "ID":
				idCol = c
			case "Статус":
				stCol = c
			}
		}
		if idCol >= 0 {
			break
		}
	}
	cell, _ := excelize.CoordinatesToCellName(idCol+1, len(rows)+1)
	f.SetCellValue(sh, cell, foreign)
	cell, _ = excelize.CoordinatesToCellName(stCol+1, len(rows)+1)
	f.SetCellValue(sh, cell, "Выполнено")
	f.Save()
	f.Close()
	out, errs, code := run(t, "collect", "--db", db, added)
	if code != 0 || !strings.Contains(out, "собрано 2 ответа, МБОУ Школа № 10") || !strings.Contains(out, "не поручен организации «МБОУ Школа № 10»") {
		t.Fatalf("exit %d %s\n%s", code, errs, out)
	}
	st, _ := store.Open(db)
	prog, _ := st.Progress(p, store.Query{})
	st.Close()
	for _, a := range prog.Answers[foreign] {
		t.Errorf("answer to %s stored for %s", foreign, a.Org)
	}
}

// TestCollectUnissuedPlan: checklists issued without a store (or by an
// earlier version) are checked against the plan's recipients: a school
// the plan does not name is refused, and so are its rows for items of
// others.
func TestCollectUnissuedPlan(t *testing.T) {
	dir := t.TempDir()
	cl := filepath.Join(dir, "cl")
	if _, errs, code := run(t, "checklists", "-o", cl, "--db", "", "-q", "2022Q1", seedSarov); code != 0 {
		t.Fatal(errs)
	}
	school := filepath.Join(cl, "МБОУ_Школа_N_10.xlsx")
	fillFirstRows(t, school, "Выполнено")
	edited := copyFile(t, school, filepath.Join(dir, "edited.xlsx"))
	editManifest(t, edited, "org", "МБОУ Школа № 999")
	db := filepath.Join(dir, "fresh.db")
	out, _, code := run(t, "collect", "--db", db, "--plan", seedSarov, school, edited)
	if code != 1 || !strings.Contains(out, "edited.xlsx: ОТКАЗ: организация «МБОУ Школа № 999» не исполнитель плана") ||
		!strings.Contains(out, "МБОУ_Школа_N_10.xlsx: собрано 1 ответ, МБОУ Школа № 10, за I квартал 2022 г.") {
		t.Errorf("exit %d\n%s", code, out)
	}
}

// produceOpen reads a plan as the commands do.
func produceOpen(path string) (*plan.Plan, error) {
	return produce.OpenFile(context.Background(), path)
}

// TestCollectBuildFolder: a build's folder collected as it is: the
// matrices are passed over (not refused), the signed tracker is filed
// under the department for the build's quarter, and a copy of it made
// without a store is taken too, as the department's.
func TestCollectBuildFolder(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	t.Setenv("SOURCE_DATE_EPOCH", "1646092800")
	if _, errs, code := run(t, "build", "--quiet", "-q", "2022Q1", "-o", out, seedSarov); code != 0 {
		t.Fatal(errs)
	}
	trackers, _ := filepath.Glob(filepath.Join(out, "*", "tracker.xlsx"))
	if len(trackers) != 1 {
		t.Fatalf("trackers: %v", trackers)
	}
	fillFirstRows(t, trackers[0], "Выполнено")
	db := filepath.Join(out, "roadmap.db")
	stdout, errs, code := run(t, "collect", "--db", db, out)
	if code != 0 || !strings.Contains(stdout, "matrix.xlsx: пропущен") ||
		!strings.Contains(stdout, "tracker.xlsx: собрано 1 ответ, Департамент (трекер), за I квартал 2022 г.") {
		t.Fatalf("exit %d %s\n%s", code, errs, stdout)
	}
	unsigned := filepath.Join(dir, "t.xlsx")
	if _, errs, code := run(t, "tracker", "-q", "2022Q2", "-o", unsigned, seedSarov); code != 0 {
		t.Fatal(errs)
	}
	fillFirstRows(t, unsigned, "в работе")
	stdout, errs, code = run(t, "collect", "--db", db, unsigned)
	if code != 0 || !strings.Contains(stdout, "Департамент (трекер), за II квартал 2022 г.") || !strings.Contains(stdout, "трекер без подписи") {
		t.Fatalf("exit %d %s\n%s", code, errs, stdout)
	}
}

// TestChecklistsRemoveStale: issued again into the same folder, the
// checklists the new list no longer has are removed when they are blank
// checklists of the same plan; a filled one, another plan's, a file that
// is no checklist and a name pointing outside the folder are kept.
func TestChecklistsRemoveStale(t *testing.T) {
	dir := t.TempDir()
	cl := filepath.Join(dir, "cl")
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(text), 0o644)
		return p
	}
	all := write("all.csv", "name,short,groups\nМБОУ Школа № 10,Школа 10,ОбОО\nМБОУ Школа № 3,Школа 3,ОбОО\nМБОУ Школа № 5,Школа 5,ОбОО\n")
	one := write("one.csv", "name,short,groups\nМБОУ Школа № 10,Школа 10,ОбОО\n")
	secret := write("secret.xlsx", "not mine")
	if _, errs, code := run(t, "checklists", "--db", "", "--orgs", all, "-o", cl, seedSarov); code != 0 {
		t.Fatal(errs)
	}
	fillFirstRows(t, filepath.Join(cl, "Школа_3.xlsx"), "Выполнено")
	os.WriteFile(filepath.Join(cl, "notes.xlsx"), []byte("PK\x03\x04 not a workbook"), 0o644)
	index, _ := os.ReadFile(filepath.Join(cl, "checklists.csv"))
	index = append(index, []byte("Чужой,,notes.xlsx,1\r\nВне папки,,../secret.xlsx,1\r\n")...)
	os.WriteFile(filepath.Join(cl, "checklists.csv"), index, 0o644)

	out, errs, code := run(t, "checklists", "--db", "", "--orgs", one, "-o", cl, seedSarov)
	if code != 0 {
		t.Fatal(errs)
	}
	if _, err := os.Stat(filepath.Join(cl, "Школа_5.xlsx")); err == nil || !strings.Contains(out, "Удален устаревший чек-лист Школа_5.xlsx") {
		t.Errorf("the blank stale checklist is still there:\n%s", out)
	}
	for _, kept := range []string{filepath.Join(cl, "Школа_3.xlsx"), filepath.Join(cl, "notes.xlsx"), secret, filepath.Join(cl, "Школа_10.xlsx")} {
		if _, err := os.Stat(kept); err != nil {
			t.Errorf("%s removed", kept)
		}
	}
	for _, w := range []string{"Школа_3.xlsx оставлен, хотя его нет в новом списке: заполнен", "notes.xlsx оставлен", "../secret.xlsx оставлен"} {
		if !strings.Contains(errs, w) {
			t.Errorf("stderr lacks %q:\n%s", w, errs)
		}
	}
	// Another plan's checklists listed in the folder's index stay.
	if _, errs, code := run(t, "checklists", "--db", "", "-o", cl, seedDerbent); code != 0 {
		t.Fatal(errs)
	}
	if _, err := os.Stat(filepath.Join(cl, "Школа_10.xlsx")); err != nil {
		t.Error("a checklist of another plan was removed")
	}
}
