package collect

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/roadmap-tool/roadmap/internal/pgtest"
	"github.com/roadmap-tool/roadmap/templates"

	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/store"
)

// Workbooks uploaded to the server are collected from memory as files on
// disk are, and a school's upload accepts only its own checklist.
func TestRunFilesScope(t *testing.T) { pgtest.Run(t, testRunFilesScope) }

func testRunFilesScope(t *testing.T, e pgtest.Engine) {
	dir := t.TempDir()
	schools := []string{"МБОУ Школа № 1", "МБОУ Школа № 2"}
	p := makePlan("План мероприятий на 2022 год", 6, schools)
	other := makePlan("Другой план на 2022 год", 6, schools)
	st := storeOf(t, e, p, other)
	uid, _ := st.AddUser(context.Background(), "ivanova", "Иванова", "h", time.Now())
	gen := time.Date(2022, 3, 1, 9, 0, 0, 0, time.UTC)
	read := func(name string, pl *plan.Plan, org string) File {
		path := filepath.Join(dir, name)
		if err := writeChecklist(path, pl, org, gen); err != nil {
			t.Fatal(err)
		}
		fillChecklist(t, path, []fillRow{{id: pl.Items[0].ID, status: "Выполнено", evidence: "приказ " + name}}, nil)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return File{Name: name, Data: data, ModTime: gen.Add(time.Hour)}
	}
	own := read("мой.xlsx", p, schools[0])
	files := []File{own, read("чужой.xlsx", p, schools[1]), read("другой-план.xlsx", other, schools[0]),
		{Name: "бомба.xlsx", Data: zipBomb(t)}, {Name: "пустой.xlsx"},
		{Name: "огромный.xlsx", Data: append([]byte("PK\x03\x04"), make([]byte, maxFile)...)}}
	opts := Options{Quarter: "2022Q1", Now: gen.Add(2 * time.Hour), By: store.Actor{UserID: uid},
		Only: &Scope{PlanHash: p.Hash(), Org: schools[0]}}
	rep, err := RunFiles(context.Background(), st, files, opts)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"собрано 1 ответ, МБОУ Школа № 1",
		"ОТКАЗ: чек-лист другой организации («МБОУ Школа № 2»): здесь принимается только чек-лист «МБОУ Школа № 1»",
		"ОТКАЗ: чек-лист другого плана («Другой план на 2022 год»)",
		"ОТКАЗ: подозрение на zip-бомбу",
		"ОТКАЗ: пустой файл",
		"ОТКАЗ: файл слишком велик: 50 МБ, допускается не более 50 МБ; ожидается книга Excel",
	}
	for i, f := range rep.Files {
		if f.Path != files[i].Name || !strings.HasPrefix(rep.Line(i, &templates.Default().Collect), want[i]) {
			t.Errorf("%s: %q, want %q", f.Path, rep.Line(i, &templates.Default().Collect), want[i])
		}
	}
	subs, _ := st.Submissions(p.Hash())
	if len(subs) != 1 || subs[0].Path != "мой.xlsx" || subs[0].Org != schools[0] {
		t.Fatalf("stored: %+v", subs)
	}
	h, _ := st.History(context.Background(), p.Hash(), p.Items[0].ID, schools[0])
	if len(h) != 1 || h[0].ByName != "Иванова" || h[0].Kind != store.KindChecklist {
		t.Fatalf("history: %+v", h)
	}
	// The same bytes again are a duplicate, as on disk.
	rep, _ = RunFiles(context.Background(), st, []File{own}, opts)
	if rep.Files[0].Outcome != Duplicate || rep.Line(0, &templates.Default().Collect) != "уже собран" {
		t.Fatalf("again: %q", rep.Line(0, &templates.Default().Collect))
	}
	// A tracker is not a school's to upload.
	if err := (&Scope{PlanHash: p.Hash(), Org: schools[0]}).check(plan.Manifest{Kind: store.KindTracker}, p.Hash()); err == nil ||
		!strings.Contains(err.Error(), "трекер") {
		t.Fatalf("tracker in scope: %v", err)
	}
}
