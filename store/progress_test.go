package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// fresh computes Progress without the cache.
func fresh(t *testing.T, s *Store, p *plan.Plan, q Query) *plan.Progress {
	t.Helper()
	hashes, maps, err := s.itemMaps(p.Hash())
	if err != nil {
		t.Fatal(err)
	}
	st := newProgressState(maps)
	if err := s.answerRows(context.Background(), s.run(nil), answerFilter{plans: hashes, quarter: q.Quarter, live: true}, st.apply); err != nil {
		t.Fatal(err)
	}
	return st.progress(q)
}

// The cached Progress, brought up to date row by row, always equals the
// one computed afresh: after web saves, workbooks that supersede others,
// a preferred tracker, saves for other quarters; and a second store on
// the same file (another server) sees the first one's writes.
func TestProgressCache(t *testing.T) {
	path := filepath.Join(t.TempDir(), "roadmap.db")
	a, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	ctx := context.Background()
	p := testPlan("План", 12)
	a.SavePlan(p)
	rng := rand.New(rand.NewPCG(1, 2))
	orgs := []string{"Школа № 1", "Школа № 2", "Школа № 3"}
	quarters := []string{"2022Q1", "2022Q2"}
	at := time.Date(2022, 2, 1, 9, 0, 0, 0, time.UTC)
	for step := range 120 {
		at = at.Add(time.Duration(rng.IntN(120)-30) * time.Minute) // saves out of order too
		q := quarters[rng.IntN(2)]
		org := orgs[rng.IntN(3)]
		st := plan.Statuses[rng.IntN(len(plan.Statuses))]
		w := a
		if step%2 == 1 {
			w = b
		}
		switch rng.IntN(10) {
		case 0, 1: // a workbook (sometimes a tracker, sometimes preferred)
			items := []string{}
			for i := 1; i <= 12; i++ {
				if rng.IntN(3) == 0 {
					items = append(items, fmt.Sprintf("i%d", i))
				}
			}
			sb := sub(p, fmt.Sprintf("f%d", step), org, q, at, st, items...)
			if rng.IntN(4) == 0 {
				sb = sub(p, fmt.Sprintf("t%d", step), TrackerOrg, q, at, st, items...)
				sb.Prefer = rng.IntN(2) == 0
			}
			if _, err := w.Add(ctx, []NewSubmission{sb}); err != nil {
				t.Fatal(err)
			}
		default:
			if _, err := w.SaveEdit(ctx, Edit{PlanHash: p.Hash(), Quarter: q, Org: org, ItemID: fmt.Sprintf("i%d", 1+rng.IntN(12)),
				Status: st, Evidence: fmt.Sprint(step), At: at, Key: fmt.Sprintf("key-%04d", step)}); err != nil {
				t.Fatal(err)
			}
		}
		for _, r := range []*Store{a, b} {
			for _, qq := range []Query{{Quarter: "2022Q1"}, {Quarter: "2022Q2"}, {}, {Quarter: "2022Q2", PreferTracker: true}} {
				got, err := r.Progress(p, qq)
				if err != nil {
					t.Fatal(err)
				}
				if want := fresh(t, r, p, qq); !reflect.DeepEqual(got, want) {
					t.Fatalf("step %d, %+v: cached progress differs:\n got %v\nwant %v", step, qq, got.Answers, want.Answers)
				}
			}
		}
	}
}
