package produce

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/roadmap-tool/roadmap/collect"
	"github.com/roadmap-tool/roadmap/internal/xlsxtest"
	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/store"
	"github.com/roadmap-tool/roadmap/templates"
)

// amendSeed writes a version of the Sarov seed amended as a department
// would: the amendment line added to the title, item 1.<drop> taken out
// of section 1 and the items after it renumbered, and the text of other
// lines replaced. It returns the path of the new export.
func amendSeed(t *testing.T, src, amendment string, drop int, replace ...string) string {
	t.Helper()
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	num := regexp.MustCompile(`^1\.(\d+)\.\t`)
	var out []string
	for _, l := range lines {
		if strings.HasPrefix(l, "**План мероприятий") {
			if i := strings.Index(l, "**(в ред."); i >= 0 {
				l = l[:i] // the new amendment line replaces the old
			}
			l += "**(" + amendment + ")**"
		}
		if m := num.FindStringSubmatch(l); m != nil && drop > 0 {
			n, _ := strconv.Atoi(m[1])
			switch {
			case n == drop:
				continue
			case n > drop:
				l = fmt.Sprintf("1.%d.\t", n-1) + l[len(m[0]):]
			}
		}
		out = append(out, l)
	}
	text := strings.NewReplacer(replace...).Replace(strings.Join(out, "\n"))
	path := filepath.Join(t.TempDir(), "amended.txt")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// fillItems types a status into the rows of a checklist whose hidden ID
// is one of ids, as a school would, and saves it.
func fillItems(t *testing.T, path, status string, ids ...string) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	const sh = "Чек-лист"
	rows, err := f.GetRows(sh)
	if err != nil {
		t.Fatal(err)
	}
	idCol, stCol := xlsxtest.ColOf(t, rows[4], "ID"), xlsxtest.ColOf(t, rows[4], "Статус")
	want := map[string]bool{}
	for _, id := range ids {
		want[id] = true
	}
	n := 0
	for i, r := range rows {
		if len(r) >= idCol && want[r[idCol-1]] {
			cell, _ := excelize.CoordinatesToCellName(stCol, i+1)
			if err := f.SetCellStr(sh, cell, status); err != nil {
				t.Fatal(err)
			}
			n++
		}
	}
	if n != len(ids) {
		t.Fatalf("%s: found %d of the rows %q", path, n, ids)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
}

func countStored(t *testing.T, st *store.Store) int {
	t.Helper()
	var n int
	if err := st.DB().QueryRow(`SELECT COUNT(*) FROM answers`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestAmendCycle runs the life of an amended roadmap through the core:
// checklists of the first version filled and collected; the version
// amended (item 1.3 removed, 1.4-1.8 renumbered, a deadline changed);
// every answer kept, the matched ones counting for the new version, 1.3's
// still under the old; a late checklist of the old version collected
// after the amendment, with its warnings, and counted for the new
// version; a second amendment (three versions); documents built from the
// version in force; the history of versions; and the refusals.
func TestAmendCycle(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st, err := store.Open(filepath.Join(dir, "roadmap.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	seed := filepath.Join("..", "seeds", "000_a1e155e70aa7bfd4.txt")
	v1, err := OpenFile(ctx, seed)
	if err != nil {
		t.Fatal(err)
	}
	if err := Register(ctx, st, v1); err != nil {
		t.Fatal(err)
	}
	recips, _ := Recipients(v1, nil)
	cl := filepath.Join(dir, "cl1")
	files, err := WriteChecklists(ctx, cl, v1, recips, ChecklistOptions{Settings: Settings{Now: fixedNow}})
	if err != nil {
		t.Fatal(err)
	}
	fileOf := func(files []ChecklistFile, dir, short string) string {
		for _, f := range files {
			if f.Short == short || f.Org == short {
				return filepath.Join(dir, f.File)
			}
		}
		t.Fatalf("no checklist for %s", short)
		return ""
	}
	// Департамент образования answers 1.1, 1.3 and 1.4 (1.3 is removed
	// in the next version, 1.4 renumbered 1.3); ОО answers 3.2.
	dep := fileOf(files, cl, "Департамент образования")
	fillItems(t, dep, "Выполнено", "1.1", "1.3", "1.4")
	fillItems(t, fileOf(files, cl, "ОО"), "в работе", "3.2")
	collectQ := func(quarter string, paths ...string) *collect.Report {
		t.Helper()
		rep, err := collect.Run(ctx, st, paths, collect.Options{Quarter: quarter, Now: fixedNow})
		if err != nil {
			t.Fatal(err)
		}
		if n := rep.Count(collect.Refused); n > 0 {
			t.Fatalf("refused: %+v", rep.Files)
		}
		return rep
	}
	collectQ("2022Q1", cl)
	before := countStored(t, st)
	if before != 4 {
		t.Fatalf("%d answers collected, want 4", before)
	}

	v2path := amendSeed(t, seed, "в ред. приказа от 01.04.2022 № 12", 3,
		"развитие семейного волонтерства\tВ течение всего периода", "развитие семейного волонтерства\tМарт 2022 г.")
	v2, err := OpenFile(ctx, v2path)
	if err != nil {
		t.Fatal(err)
	}
	q2 := plan.Quarter{Year: 2022, Q: 2}
	// The preview (what the web app shows before it is accepted) says
	// what Amend then does, and registers nothing.
	pre, err := PreviewAmend(ctx, st, v1, v2, AmendOptions{Quarter: &q2})
	if err != nil {
		t.Fatal(err)
	}
	if chain, err := st.Chain(v1.Hash()); err != nil || len(chain) != 1 {
		t.Fatalf("after a preview the chain is %d versions (%v), want 1", len(chain), err)
	}
	a, err := Amend(ctx, st, v1, v2, AmendOptions{Quarter: &q2, Now: fixedNow.AddDate(0, 1, 0)})
	if err != nil {
		t.Fatal(err)
	}
	if pre.Version != a.Version || pre.Effective != a.Effective || pre.Carried != a.Carried || fmt.Sprint(pre.Kept) != fmt.Sprint(a.Kept) || pre.Diff.Summary != a.Diff.Summary {
		t.Errorf("the preview said version %d from %v, carried %d, kept %v, %+v; Amend did %d from %v, %d, %v, %+v",
			pre.Version, pre.Effective, pre.Carried, pre.Kept, pre.Diff.Summary, a.Version, a.Effective, a.Carried, a.Kept, a.Diff.Summary)
	}
	if n := countStored(t, st); n != before {
		t.Fatalf("amend changed the stored answers: %d, was %d", n, before)
	}
	if a.Version != 2 || a.Effective != q2 || a.Carried != 3 || len(a.Kept) != 1 || a.Kept[0].ID != "1.3" || a.Kept[0].Answers != 1 {
		t.Errorf("amendment: version %d from %v, carried %d, kept %+v", a.Version, a.Effective, a.Carried, a.Kept)
	}
	if a.Diff.Summary.Removed != 1 || a.Diff.Summary.Renumbered != 5 {
		t.Errorf("diff summary %+v", a.Diff.Summary)
	}
	var out bytes.Buffer
	if err := WriteAmendment(&out, a, &templates.Default().Changes); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"Зарегистрирована редакция 2 плана «План мероприятий («дорожная карта» 2.3) по развитию в Сарове муниципальной системы организации воспитания обучающихся на 2021-2022 годы» (в ред. приказа от 01.04.2022 № 12); действует с II квартала 2022 г.",
		"Ответы организаций по сопоставленным пунктам учитываются в новой редакции: 3.",
		"Ответы по исключенным пунктам сохранены при прежней редакции: 1.",
		"  1.3. Участие в семинарах-совещаниях МОНиМП",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("amend output lacks %q:\n%s", want, out.String())
		}
	}

	status := func(p *plan.Plan, quarter string) map[string]plan.Status {
		t.Helper()
		prog, err := Progress(ctx, st, p, quarter, false)
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]plan.Status{}
		for id := range prog.Answers {
			m[id] = prog.Status(id)
		}
		return m
	}
	// The new version: 1.1 as it was, old 1.4 as new 1.3, 3.2 kept; the
	// removed item has no counterpart. The old version keeps all four.
	if got := status(v2, ""); len(got) != 3 || got["1.1"] != plan.StatusDone || got["1.3"] != plan.StatusDone || got["3.2"] != plan.StatusInProgress {
		t.Errorf("v2 answers: %v", got)
	}
	if got := status(v1, ""); len(got) != 4 || got["1.3"] != plan.StatusDone {
		t.Errorf("v1 answers after the amendment: %v", got)
	}

	// A checklist of the old version collected after the amendment (1.1
	// as before, 1.3-1.5 now not done): kept, warned about, and counted
	// for the new version.
	fillItems(t, dep, "не выполнено", "1.3", "1.4", "1.5")
	rep := collectQ("2022Q2", dep)
	var msgs []string
	for _, d := range rep.Files[0].Diagnostics {
		msgs = append(msgs, d.Message)
	}
	all := strings.Join(msgs, "\n")
	if rep.Files[0].Outcome != collect.Collected ||
		!strings.Contains(all, "файл составлен по прежней редакции плана; действует редакция от 15.04.2022 (с II квартала 2022 г.)") ||
		!strings.Contains(all, "пункты 1.3. исключены в действующей редакции: ответы на них сохранены при прежней редакции") {
		t.Errorf("a late checklist of the old version: %v\n%s", rep.Files[0].Outcome, all)
	}
	if got := status(v2, "2022Q2"); got["1.3"] != plan.StatusNotDone || got["1.4"] != plan.StatusNotDone || got["1.1"] != plan.StatusDone {
		t.Errorf("v2 after a late old checklist: %v", got)
	}
	// A checklist of the new version.
	recips2, _ := Recipients(v2, nil)
	cl2 := filepath.Join(dir, "cl2")
	files2, err := WriteChecklists(ctx, cl2, v2, recips2, ChecklistOptions{Settings: Settings{Now: fixedNow.AddDate(0, 2, 0)}})
	if err != nil {
		t.Fatal(err)
	}
	fillItems(t, fileOf(files2, cl2, "ОО"), "Выполнено", "3.2")
	collectQ("2022Q2", cl2)
	if got := status(v1, "2022Q2"); got["3.2"] != plan.StatusDone {
		t.Errorf("v1 does not read v2's answer: %v", got)
	}

	// The second amendment: 1.1 removed.
	v3path := amendSeed(t, v2path, "в ред. приказа от 01.09.2022 № 30", 1)
	v3, err := OpenFile(ctx, v3path)
	if err != nil {
		t.Fatal(err)
	}
	q3 := plan.Quarter{Year: 2022, Q: 3}
	for _, amend := range []func(context.Context, VersionStore, *plan.Plan, *plan.Plan, AmendOptions) (*Amendment, error){Amend, PreviewAmend} {
		if _, err := amend(ctx, st, v1, v3, AmendOptions{Quarter: &q3}); err == nil ||
			!strings.Contains(err.Error(), "эта редакция уже заменена более новой (зарегистрирована 15.04.2022, действует с II квартала 2022 г.); новую редакцию регистрируйте на замену действующей «План мероприятий") {
			t.Errorf("amending a replaced version: %v", err)
		}
	}
	a3, err := Amend(ctx, st, v2, v3, AmendOptions{Quarter: &q3, Now: fixedNow.AddDate(0, 5, 0)})
	if err != nil {
		t.Fatal(err)
	}
	if a3.Version != 3 || len(a3.Kept) != 1 || a3.Kept[0].ID != "1.1" {
		t.Errorf("second amendment: version %d, kept %+v", a3.Version, a3.Kept)
	}
	if got := status(v3, ""); got["1.2"] != plan.StatusNotDone || got["3.2"] != plan.StatusDone {
		t.Errorf("v3 answers: %v", got) // v3's 1.2 is v1's 1.4
	}
	if n := countStored(t, st); n != before+4+1 {
		t.Errorf("%d answers stored, want %d", n, before+5)
	}

	// Documents are built from the version in force in their quarter.
	for _, tc := range []struct {
		given   *plan.Plan
		quarter string
		want    *plan.Plan
		note    string
	}{
		{v1, "", v3, "редакция 1 из 3 (база " + st.Path() + "); действует редакция 3 (в ред. приказа от 01.09.2022 № 30): документ построен по ней"},
		{v3, "2022Q1", v1, "; в I квартале 2022 г. действовала редакция 1: документ построен по ней"},
		{v2, "2022Q2", v2, ""},
		{v1, "2022Q4", v3, "в IV квартале 2022 г. действовала редакция 3"},
	} {
		got, note, err := InForce(ctx, st, tc.given, tc.quarter)
		if err != nil {
			t.Fatal(err)
		}
		if got.Hash() != tc.want.Hash() || tc.note == "" && note != "" || !strings.Contains(note, tc.note) {
			t.Errorf("InForce(%q): %s, %q", tc.quarter, got.Title, note)
		}
	}

	h, err := VersionHistory(ctx, st, v2)
	if err != nil {
		t.Fatal(err)
	}
	if len(h.Versions) != 3 || h.Versions[0].Answers != 4+4 || h.Versions[1].Answers != 1 || !h.Versions[2].Current ||
		h.Versions[0].To != "2022Q1" || h.Versions[2].From != "2022Q3" || h.Versions[2].Changes.Removed != 1 {
		t.Errorf("history versions: %+v", h.Versions)
	}
	byQ := map[string]int{}
	for _, q := range h.Quarters {
		byQ[q.Quarter] = q.Version
	}
	if byQ["2021Q1"] != 1 || byQ["2022Q1"] != 1 || byQ["2022Q2"] != 2 || byQ["2022Q3"] != 3 || byQ["2022Q4"] != 3 {
		t.Errorf("version by quarter: %v", byQ)
	}
	out.Reset()
	if err := WriteHistory(&out, h, &templates.Default().Changes); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"История редакций: План мероприятий",
		"1  первоначальная",
		"с начала периода по I квартал 2022 г.",
		"в ред. приказа от 01.04.2022 № 12",
		"с III квартала 2022 г. (действующая)",
		"добавлено 0, исключено 1, изменено 1, перемещено 0",
		"II квартал 2022 г.   2",
		"4 (ред. 1), 1 (ред. 2)",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("history lacks %q:\n%s", want, out.String())
		}
	}

	// Refusals: the same plan twice, an old version not in the store.
	if _, err := Amend(ctx, st, v3, v3, AmendOptions{}); err == nil || !strings.Contains(err.Error(), "новая редакция совпадает с прежней (тот же план): регистрировать нечего") {
		t.Errorf("same version: %v", err)
	}
	other, err := OpenFile(ctx, filepath.Join("..", "seeds", "004_7e7c8821e6f4a4e0.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Amend(ctx, st, other, v3, AmendOptions{}); err == nil ||
		!strings.Contains(err.Error(), "004_7e7c8821e6f4a4e0.txt: прежней редакции нет в базе "+st.Path()) {
		t.Errorf("old version not in the store: %v", err)
	}
	// Another plan is not a new version: nothing would carry over.
	if _, err := Amend(ctx, st, v3, other, AmendOptions{}); err == nil ||
		!strings.Contains(err.Error(), "004_7e7c8821e6f4a4e0.txt: ни одно мероприятие не сопоставлено с мероприятиями ") {
		t.Errorf("an unrelated plan: %v", err)
	}
	if chain, _ := st.Chain(v3.Hash()); len(chain) != 3 {
		t.Errorf("refusals changed the chain: %d versions", len(chain))
	}
}

// clonePlan copies a plan through its JSON form, for a test to amend.
func clonePlan(tb testing.TB, p *plan.Plan) *plan.Plan {
	tb.Helper()
	var js bytes.Buffer
	if err := plan.Write(&js, p); err != nil {
		tb.Fatal(err)
	}
	q, err := plan.Read(&js)
	if err != nil {
		tb.Fatal(err)
	}
	return q
}
