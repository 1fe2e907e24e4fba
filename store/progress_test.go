package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"github.com/roadmap-tool/roadmap/internal/pgtest"

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
func TestProgressCache(t *testing.T) { pgtest.Run(t, testProgressCache) }

func testProgressCache(t *testing.T, e pgtest.Engine) {
	path := e.New(t)
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

// Answers saved on the web count for every version of an amended plan,
// mapped to each version's items; a state cached before the amendment is
// not served after it.
func TestProgressAcrossVersions(t *testing.T) { pgtest.Run(t, testProgressAcrossVersions) }

func testProgressAcrossVersions(t *testing.T, e pgtest.Engine) {
	st := openTemp(t, e)
	ctx := context.Background()
	t0 := time.Date(2022, 3, 20, 10, 0, 0, 0, time.UTC)
	v1 := versionOf("План", "i1", "i2", "i3")
	v2 := versionOf("План (в ред. от 01.04.2022)", "j1", "j2", "j9")
	st.SavePlan(v1)
	save := func(p *plan.Plan, item string, s plan.Status, at time.Time, key string) {
		t.Helper()
		if _, err := st.SaveEdit(ctx, Edit{PlanHash: p.Hash(), Quarter: "2022Q2", Org: "Школа", ItemID: item, Status: s, At: at, Key: key}); err != nil {
			t.Fatal(err)
		}
	}
	save(v1, "i1", plan.StatusInProgress, t0, "key-0001")
	save(v1, "i3", plan.StatusDone, t0, "key-0002")
	describe := func(p *plan.Plan) string {
		t.Helper()
		prog, err := st.Progress(p, Query{Quarter: "2022Q2"})
		if err != nil {
			t.Fatal(err)
		}
		if want := fresh(t, st, p, Query{Quarter: "2022Q2"}); !reflect.DeepEqual(prog, want) {
			t.Fatalf("cached %v, fresh %v", prog.Answers, want.Answers)
		}
		var out []string
		for _, it := range p.Items {
			for _, a := range prog.Answers[it.ID] {
				out = append(out, it.ID+"="+string(a.Status))
			}
		}
		return fmt.Sprint(out)
	}
	if got := describe(v1); got != "[i1=in_progress i3=done]" {
		t.Fatalf("v1 before the amendment: %s", got)
	}
	if err := st.Amend(ctx, NewAmendment{Old: v1, New: v2, Effective: "2022Q2", Carry: map[string]string{"i1": "j1", "i2": "j2"},
		Diff: []byte(`{}`), Now: t0.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	save(v2, "j1", plan.StatusDone, t0.Add(2*time.Hour), "key-0003")
	save(v2, "j9", plan.StatusNotDone, t0.Add(2*time.Hour), "key-0004")
	// v2 reads v1's answer to i1 as j1's, superseded by its own later one;
	// i3 was removed; j9 is its own.
	if got := describe(v2); got != "[j1=done j9=not_done]" {
		t.Fatalf("v2: %s", got)
	}
	// v1, cached before, now reads v2's answers back to its items.
	if got := describe(v1); got != "[i1=done i3=done]" {
		t.Fatalf("v1 after the amendment: %s", got)
	}
}
