package store

import (
	"bytes"
	"context"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/roadmap-tool/roadmap/internal/pgtest"

	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// TestManifestKey: one key per store, made once even by processes racing
// to make it, the same after reopening.
func TestManifestKey(t *testing.T) { pgtest.Run(t, testManifestKey) }

func testManifestKey(t *testing.T, e pgtest.Engine) {
	path := e.New(t)
	keys := make([][]byte, 8)
	var wg sync.WaitGroup
	for i := range keys {
		wg.Add(1)
		go func() {
			defer wg.Done()
			st, err := Open(path)
			if err != nil {
				t.Error(err)
				return
			}
			defer st.Close()
			if keys[i], err = st.ManifestKey(); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	for _, k := range keys {
		if len(k) != 32 || !bytes.Equal(k, keys[0]) {
			t.Fatalf("keys differ: %x", keys)
		}
	}
	st, _ := Open(path)
	defer st.Close()
	if k, _ := st.HasManifestKey(); !bytes.Equal(k, keys[0]) {
		t.Error("the key changed on reopening")
	}
	if k, _ := openTemp(t, e).HasManifestKey(); k != nil {
		t.Error("a fresh store has a key before signing anything")
	}
}

// TestRecordIssue: issuing again adds items, never drops them.
func TestRecordIssue(t *testing.T) { pgtest.Run(t, testRecordIssue) }

func testRecordIssue(t *testing.T, e pgtest.Engine) {
	st := openTemp(t, e)
	p := testPlan("План", 3)
	st.SavePlan(p)
	ctx := context.Background()
	if err := st.RecordIssue(ctx, p.Hash(), KindChecklist, "2022Q1", map[string][]string{"А": {"i1"}, "Б": {"i2", "i3"}}); err != nil {
		t.Fatal(err)
	}
	if err := st.RecordIssue(ctx, p.Hash(), KindChecklist, "2022Q2", map[string][]string{"А": {"i2"}}); err != nil {
		t.Fatal(err)
	}
	got, err := st.Issued(p.Hash(), KindChecklist)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]map[string]bool{"А": {"i1": true, "i2": true}, "Б": {"i2": true, "i3": true}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("issued %v", got)
	}
	if got, _ := st.Issued(p.Hash(), KindTracker); len(got) != 0 {
		t.Errorf("trackers %v", got)
	}
}

// TestReplaceRefiles: the same file collected again with Replace under
// another quarter is filed anew; the first filing stays, superseded, with
// its answers; without Replace it is a duplicate naming its quarter.
func TestReplaceRefiles(t *testing.T) { pgtest.Run(t, testReplaceRefiles) }

func testReplaceRefiles(t *testing.T, e pgtest.Engine) {
	st := openTemp(t, e)
	p := testPlan("План", 2)
	st.SavePlan(p)
	ctx := context.Background()
	t0 := time.Date(2022, 4, 5, 10, 0, 0, 0, time.UTC)
	if _, err := st.Add(ctx, []NewSubmission{sub(p, "aaa", "МБОУ Школа № 1", "2026Q3", t0, plan.StatusDone, "i1")}); err != nil {
		t.Fatal(err)
	}
	again := sub(p, "aaa", "МБОУ Школа № 1", "2022Q1", t0, plan.StatusDone, "i1")
	added, err := st.Add(ctx, []NewSubmission{again})
	if err != nil || added[0].DuplicateOf != "aaa.xlsx" || added[0].DuplicateQuarter != "2026Q3" {
		t.Fatalf("without Replace: %+v %v", added, err)
	}
	// A newer file of the school in 2022Q1 loses to the re-filed one.
	newer := sub(p, "bbb", "МБОУ Школа № 1", "2022Q1", t0.Add(24*time.Hour), plan.StatusNotDone, "i1")
	if _, err := st.Add(ctx, []NewSubmission{newer}); err != nil {
		t.Fatal(err)
	}
	again.Replace = true
	added, err = st.Add(ctx, []NewSubmission{again})
	if err != nil || added[0].Refiled == nil || added[0].RefiledQuarter != "2026Q3" || len(added[0].Supersedes) != 1 {
		t.Fatalf("with Replace: %+v %v", added, err)
	}
	subs, _ := st.Submissions("")
	if len(subs) != 3 || subs[0].SupersededBy != subs[2].ID || subs[1].SupersededBy != subs[2].ID || subs[2].SupersededBy != 0 || subs[0].Answers != 1 {
		t.Fatalf("history %+v", subs)
	}
	if path, _ := st.HasFile("aaa"); path != "aaa.xlsx" || subs[2].Quarter != "2022Q1" {
		t.Errorf("the file is on record as %q, quarter %s", path, subs[2].Quarter)
	}
	prog, _ := st.Progress(p, Query{Quarter: "2022Q1"})
	if a := prog.Answers["i1"]; len(a) != 1 || a[0].Status != plan.StatusDone {
		t.Errorf("2022Q1 answers %v", a)
	}
	if prog, _ := st.Progress(p, Query{}); len(prog.Answers["i1"]) != 1 {
		t.Error("the superseded filing still counts")
	}
	// Collected again with Replace where it is live already: nothing new.
	added, _ = st.Add(ctx, []NewSubmission{again})
	if added[0].DuplicateOf == "" {
		t.Errorf("a live filing refiled again: %+v", added[0])
	}
}
