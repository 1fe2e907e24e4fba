package store

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/roadmap-tool/roadmap/internal/pgtest"
	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// The same workbook collected by two servers at once (two stores on one
// database) is stored once: one of them stores it, the other reports it
// collected already; and the organisation keeps one live submission per
// quarter whichever server stored which of its files.
func TestConcurrentSameWorkbook(t *testing.T) { pgtest.Run(t, testConcurrentSameWorkbook) }

func testConcurrentSameWorkbook(t *testing.T, e pgtest.Engine) {
	db := e.New(t)
	a, b := openAt(t, db), openAt(t, db)
	p := testPlan("План", 5)
	a.SavePlan(p)
	ctx := context.Background()
	at := time.Date(2022, 3, 20, 10, 0, 0, 0, time.UTC)
	for round := range 20 {
		org := fmt.Sprintf("Школа № %d", round)
		same := sub(p, fmt.Sprintf("same-%d", round), org, "2022Q1", at, plan.StatusDone, "i1", "i2")
		other := sub(p, fmt.Sprintf("other-%d", round), org, "2022Q1", at.Add(time.Minute), plan.StatusInProgress, "i1")
		var wg sync.WaitGroup
		res := make([][]Added, 2)
		errs := make([]error, 2)
		for k, st := range []*Store{a, b} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				res[k], errs[k] = st.Add(ctx, []NewSubmission{same, other})
			}()
		}
		wg.Wait()
		for k, err := range errs {
			if err != nil {
				t.Fatalf("round %d, server %d: %v", round, k, err)
			}
		}
		stored, dup := 0, 0
		for _, r := range res {
			for _, x := range r {
				switch {
				case x.ID != 0:
					stored++
				case x.DuplicateOf != "":
					dup++
				}
			}
		}
		if stored != 2 || dup != 2 {
			t.Fatalf("round %d: %d stored, %d reported as collected already; want 2 and 2: %+v", round, stored, dup, res)
		}
		var live, all int
		a.DB().QueryRow(fmt.Sprintf(`SELECT COUNT(*), SUM(CASE WHEN superseded_by IS NULL THEN 1 ELSE 0 END) FROM submissions WHERE org = '%s'`, org)).Scan(&all, &live)
		if all != 2 || live != 1 {
			t.Fatalf("round %d: %d submissions, %d live; want 2, 1", round, all, live)
		}
	}
}

// On PostgreSQL servers commit side by side, and an answer saved in a
// transaction that began first may become visible after one with a
// greater id: the cached progress of every server still takes it.
func TestProgressSeesLateCommits(t *testing.T) { pgtest.Run(t, testProgressSeesLateCommits) }

func testProgressSeesLateCommits(t *testing.T, e pgtest.Engine) {
	if e.Name != "postgres" {
		t.Skip("SQLite has one writer at a time: it commits in the order of the ids")
	}
	db := e.New(t)
	st := openAt(t, db)
	p := testPlan("План", 3)
	st.SavePlan(p)
	ctx := context.Background()
	read := func() string {
		t.Helper()
		prog, err := st.Progress(p, Query{Quarter: "2022Q1"})
		if err != nil {
			t.Fatal(err)
		}
		if want := fresh(t, st, p, Query{Quarter: "2022Q1"}); fmt.Sprint(want.Answers) != fmt.Sprint(prog.Answers) {
			t.Fatalf("cached %v, fresh %v", prog.Answers, want.Answers)
		}
		out := ""
		for _, it := range p.Items {
			for _, a := range prog.Answers[it.ID] {
				out += it.ID + "=" + string(a.Status) + " "
			}
		}
		return out
	}
	insert := `INSERT INTO edits(plan_hash, quarter, org, item_id, status, date, evidence, comment, at, idem_key)
		VALUES($1, '2022Q1', 'Школа', $2, 'done', '', '', '', '2022-02-01T00:00:00.000000000Z', $3)`
	st.SaveEdit(ctx, Edit{PlanHash: p.Hash(), Quarter: "2022Q1", Org: "Школа", ItemID: "i3", Status: plan.StatusNotDone, At: t0, Key: "first-00"})
	if got := read(); got != "i3=not_done " {
		t.Fatalf("before: %s", got)
	}
	// A slow transaction takes an id and stays open ...
	slow, err := st.DB().BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer slow.Rollback()
	if _, err := slow.Exec(insert, p.Hash(), "i1", "slow-000"); err != nil {
		t.Fatal(err)
	}
	// ... while a quick one with a greater id commits, and is read.
	if _, err := st.DB().Exec(insert, p.Hash(), "i2", "quick-00"); err != nil {
		t.Fatal(err)
	}
	if got := read(); got != "i2=done i3=not_done " {
		t.Fatalf("with the slow transaction open: %s", got)
	}
	if err := slow.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := read(); got != "i1=done i2=done i3=not_done " {
		t.Fatalf("after the slow transaction committed: %s (its answer, with the smaller id, is lost)", got)
	}
}

// openAt opens the store at db, closed when t ends.
func openAt(t *testing.T, db string) *Store {
	t.Helper()
	st, err := Open(db)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// Two servers (two stores on one database) save the same answer to one
// row at the same moment, each with its own key: the history holds it
// once, by a department user and by a school's link (the lock is taken
// alone, or with the link's check: checkEdit).
func TestSameAnswerAtOnce(t *testing.T) { pgtest.Run(t, testSameAnswerAtOnce) }

func testSameAnswerAtOnce(t *testing.T, e pgtest.Engine) {
	db := e.New(t)
	a, b := openAt(t, db), openAt(t, db)
	p := testPlan("План", 20)
	a.SavePlan(p)
	ctx := context.Background()
	at := time.Date(2022, 2, 1, 10, 0, 0, 0, time.UTC)
	ids, err := a.AddLinks(ctx, []NewLink{{Hash: "l", Org: "МБОУ Школа № 1", PlanHash: p.Hash(), Quarter: "2022Q1", Created: at, Expires: at.Add(time.Hour)}}, false)
	if err != nil {
		t.Fatal(err)
	}
	for i, it := range p.Items {
		by := Actor{}
		if i%2 == 1 {
			by.LinkID = ids[0]
		}
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for k, st := range []*Store{a, b} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, errs[k] = st.SaveEdit(ctx, Edit{PlanHash: p.Hash(), Quarter: "2022Q1", Org: "МБОУ Школа № 1", ItemID: it.ID,
					Status: plan.StatusDone, Evidence: "приказ", At: at, By: by, Key: fmt.Sprintf("device%d-%s", k, it.ID)})
			}()
		}
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		if h, err := a.History(ctx, p.Hash(), it.ID, "МБОУ Школа № 1"); err != nil || len(h) != 1 {
			t.Fatalf("%s: the same answer saved at once by two servers is in the history %d times (%v)", it.ID, len(h), err)
		}
	}
}
