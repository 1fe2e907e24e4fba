package store

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/roadmap-tool/roadmap/internal/pgtest"
	"github.com/roadmap-tool/roadmap/normalize/plan"
)

func TestAddSeq(t *testing.T) { pgtest.Run(t, testAddSeq) }

// AddSeq stores what it is given one by one as Add stores a slice: the
// results in order, a duplicate reported, a submission superseded by a
// later one of the same batch told so; a producer stopped by its context
// leaves nothing behind, what it had yielded included.
func testAddSeq(t *testing.T, e pgtest.Engine) {
	st := openTemp(t, e)
	p := testPlan("План", 3)
	if err := st.SavePlan(p); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	t0 := time.Date(2022, 3, 20, 10, 0, 0, 0, time.UTC)
	const school = "МБОУ Школа № 1"
	if _, err := st.Add(ctx, []NewSubmission{sub(p, "first", school, "2022Q1", t0, plan.StatusInProgress, "i1")}); err != nil {
		t.Fatal(err)
	}
	batch := []NewSubmission{
		sub(p, "first", school, "2022Q1", t0, plan.StatusInProgress, "i1"),            // stored before
		sub(p, "old", "МБОУ Школа № 2", "2022Q2", t0, plan.StatusNotDone, "i1", "i2"), // superseded by "new"
		sub(p, "new", "МБОУ Школа № 2", "2022Q2", t0.AddDate(0, 0, 1), plan.StatusDone, "i1"),
	}
	res, err := st.AddSeq(ctx, func(yield func(NewSubmission) bool) {
		for _, s := range batch {
			if !yield(s) {
				return
			}
		}
	})
	if err != nil || len(res) != 3 {
		t.Fatalf("AddSeq: %+v %v", res, err)
	}
	if res[0].DuplicateOf != "first.xlsx" || res[1].ID == 0 || res[2].ID == 0 {
		t.Errorf("results: %+v", res)
	}
	if res[1].SupersededBy == nil || res[1].SupersededBy.Path != "new.xlsx" || len(res[2].Supersedes) != 1 {
		t.Errorf("supersede in the batch: %+v / %+v", res[1], res[2])
	}
	prog, err := st.Latest(p, "2022Q2")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := describe(prog.Answers["i1"]), "МБОУ Школа № 1:in_progress МБОУ Школа № 2:done"; got != want {
		t.Errorf("i1 = %q, want %q", got, want)
	}
	if n, err := st.AddSeq(ctx, func(func(NewSubmission) bool) {}); err != nil || len(n) != 0 {
		t.Errorf("empty sequence: %v %v", n, err)
	}

	before := dump(t, st)
	cctx, cancel := context.WithCancel(ctx)
	_, err = st.AddSeq(cctx, func(yield func(NewSubmission) bool) {
		if !yield(sub(p, "stopped1", "МБОУ Школа № 3", "2022Q3", t0, plan.StatusDone, "i1")) {
			return
		}
		cancel() // the producer sees its context end and stops
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("stopped producer: err = %v, want context.Canceled", err)
	}
	if after := dump(t, st); after != before {
		t.Errorf("a stopped batch changed the store:\nbefore:\n%s\nafter:\n%s", before, after)
	}
}
