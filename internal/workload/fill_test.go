package workload_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/roadmap-tool/roadmap/collect"
	"github.com/roadmap-tool/roadmap/internal/workload"
	"github.com/roadmap-tool/roadmap/produce"
	"github.com/roadmap-tool/roadmap/store"
	"github.com/roadmap-tool/roadmap/templates"
)

// TestFillChecklist writes the checklists of a generated roadmap, answers
// them with FillChecklist and collects them: every answer typed is read
// back, and each is PeerStatus's for its school and activity.
func TestFillChecklist(t *testing.T) {
	ctx := context.Background()
	p, err := produce.Open(ctx, "big.txt", workload.Roadmap(workload.Options{Items: 60, Seed: 3, Schools: 4, PerItem: 2}))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	recips, _ := produce.Recipients(p, nil)
	files, err := produce.WriteChecklists(ctx, dir, p, recips, produce.ChecklistOptions{})
	if err != nil {
		t.Fatal(err)
	}
	typed := 0
	want := map[string]string{} // org|id -> status word
	for _, f := range files {
		n, err := workload.FillChecklist(filepath.Join(dir, f.File))
		if err != nil {
			t.Fatal(err)
		}
		typed += n
		for _, id := range f.Items {
			if s := workload.PeerStatus(f.Org, p.ItemByID(id).Num()); s != "" {
				want[f.Org+"|"+id] = s
			}
		}
	}
	if typed == 0 || typed != len(want) {
		t.Fatalf("typed %d answers, PeerStatus gives %d", typed, len(want))
	}
	st, err := store.Open(filepath.Join(t.TempDir(), "roadmap.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.SavePlan(p); err != nil {
		t.Fatal(err)
	}
	rep, err := collect.Run(ctx, st, []string{dir}, collect.Options{Quarter: "2022Q1"})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Count(collect.Collected) != len(files) || rep.Answers() != typed {
		t.Errorf("collected %d of %d files, %d answers of %d typed", rep.Count(collect.Collected), len(files), rep.Answers(), typed)
	}
	prog, err := st.Latest(p, "2022Q1")
	if err != nil {
		t.Fatal(err)
	}
	got := 0
	for id, as := range prog.Answers {
		for _, a := range as {
			if w := want[a.Org+"|"+id]; w == "" || templates.Default().Status(a.Status) != w {
				t.Errorf("%s, %s: collected %q, typed %q", a.Org, id, a.Status, w)
			}
			got++
		}
	}
	if got != typed {
		t.Errorf("%d answers in the store, %d typed", got, typed)
	}
}
