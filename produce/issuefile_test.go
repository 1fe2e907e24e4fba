package produce

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/roadmap-tool/roadmap/collect"
	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/store"
	"github.com/roadmap-tool/roadmap/templates"
)

// TestChecklistsInFile: the operation of roadmap checklists, with and
// without a store: the quarter asked for or the default, the plan
// registered, the issue recorded and signed, the same recipients as
// Recipients says.
func TestChecklistsInFile(t *testing.T) {
	p, d := loadSample(t), loadDir(t)
	want, wantDiags := Recipients(p, d)
	q1 := plan.Quarter{Year: 2022, Q: 1}
	for _, c := range []struct {
		name      string
		store     bool
		requested *plan.Quarter
		quarter   plan.Quarter
	}{
		{name: "no store, default quarter", quarter: Quarter(p, nil, fixedNow)},
		{name: "no store, quarter asked", requested: &q1, quarter: q1},
		{name: "store", store: true, requested: &q1, quarter: q1},
	} {
		t.Run(c.name, func(t *testing.T) {
			db := ""
			if c.store {
				db = filepath.Join(t.TempDir(), "roadmap.db")
			}
			var diags plan.Diagnostics
			dir := t.TempDir()
			files, q, err := ChecklistsInFile(context.Background(), db, dir, p, d, c.requested, ChecklistOptions{
				Settings: Settings{Now: fixedNow}, Diagnostics: func(ds plan.Diagnostics) { diags = append(diags, ds...) },
				Warn: func(msg string) { t.Errorf("warning %q: the plan is the only version", msg) }})
			if err != nil {
				t.Fatal(err)
			}
			if q != c.quarter {
				t.Errorf("quarter %v, want %v", q, c.quarter)
			}
			if len(files) != len(want) || len(diags) != len(wantDiags) {
				t.Fatalf("%d files and %d diagnostics, want %d and %d", len(files), len(diags), len(want), len(wantDiags))
			}
			for i, f := range files {
				if f.Org != want[i].Org || len(f.Items) != len(want[i].Items) {
					t.Errorf("file %d: %s with %d items, want %s with %d", i, f.Org, len(f.Items), want[i].Org, len(want[i].Items))
				}
			}
			if !c.store {
				return
			}
			st, err := store.Open(db)
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			if _, err := st.Plan(p.Hash()); err != nil {
				t.Errorf("the plan is not registered: %v", err)
			}
		})
	}
}

// TestCollectInFile: checklists issued by one store come back into it;
// into another store they are recognised once their plan is registered
// with them (--plan), as their recipients through the directory say.
func TestCollectInFile(t *testing.T) {
	p, d := loadSample(t), loadDir(t)
	issuer := filepath.Join(t.TempDir(), "issuer.db")
	dir := t.TempDir()
	files, _, err := ChecklistsInFile(context.Background(), issuer, dir, p, d, nil, ChecklistOptions{Settings: Settings{Now: fixedNow}})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name  string
		db    string
		plans []*plan.Plan
	}{
		{name: "the store that issued them", db: issuer},
		{name: "another store, the plan registered", db: filepath.Join(t.TempDir(), "other.db"), plans: []*plan.Plan{p}},
	} {
		t.Run(c.name, func(t *testing.T) {
			rep, err := CollectInFile(context.Background(), c.db, []string{dir}, c.plans, d, CollectOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if len(rep.Files) != len(files) || rep.Count(collect.Refused) != 0 {
				var b strings.Builder
				rep.WriteText(&b, true, &templates.Default().Collect)
				t.Errorf("%d files of %d, %d refused:\n%s", len(rep.Files), len(files), rep.Count(collect.Refused), b.String())
			}
		})
	}
	if _, err := CollectInFile(context.Background(), filepath.Join(t.TempDir(), "x.db"), []string{dir}, nil, d, CollectOptions{Quarter: "2022Q9"}); err == nil ||
		!strings.HasPrefix(err.Error(), "collect: ") {
		t.Errorf("a collection that fails: %v", err)
	}
}
