package collect

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/roadmap-tool/roadmap/internal/pgtest"

	"github.com/roadmap-tool/roadmap/internal/golden"

	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/store"
)

// TestSummaryGolden renders the status summary of a small collected plan
// in all three formats and compares with testdata/summary.*.
func TestSummaryGolden(t *testing.T) { pgtest.Run(t, testSummaryGolden) }

func testSummaryGolden(t *testing.T, e pgtest.Engine) {
	schools := []string{"МБОУ Школа № 2", "МБОУ Школа № 10"}
	p := makePlan("План мероприятий на 2022 год", 12, schools)
	st := storeOf(t, e, p)
	t0 := time.Date(2022, 3, 25, 10, 0, 0, 0, time.UTC)
	ans := func(org string, item int, s plan.Status, ev string) store.Answer {
		return store.Answer{Answer: plan.Answer{ItemID: p.Items[item].ID, Org: org, Status: s, Evidence: ev}}
	}
	_, err := st.Add(context.Background(), []store.NewSubmission{
		{Path: "a.xlsx", SHA256: "a", Org: schools[0], PlanHash: p.Hash(), Quarter: "2022Q1", Kind: store.KindChecklist, Saved: t0, Received: t0,
			Answers: []store.Answer{ans(schools[0], 0, plan.StatusDone, "Приказ № 1"), ans(schools[0], 1, plan.StatusInProgress, "")}},
		{Path: "b.xlsx", SHA256: "b", Org: schools[1], PlanHash: p.Hash(), Quarter: "2022Q1", Kind: store.KindChecklist, Saved: t0, Received: t0,
			Answers: []store.Answer{ans(schools[1], 0, plan.StatusDone, "Справка;\nссылка"), ans(schools[1], 2, plan.StatusNotDone, "")}},
	})
	if err != nil {
		t.Fatal(err)
	}
	prog, err := st.Latest(p, "2022Q1")
	if err != nil {
		t.Fatal(err)
	}
	// Received times differ per run; the summary does not show them.
	s := Summarize(p, prog, plan.Quarter{Year: 2022, Q: 1})
	for _, tc := range []struct {
		name  string
		write func(*Summary, *bytes.Buffer) error
	}{
		{"summary.json", func(s *Summary, b *bytes.Buffer) error { return s.WriteJSON(b) }},
		{"summary.txt", func(s *Summary, b *bytes.Buffer) error { return s.WriteTable(b, nil) }},
		{"summary.csv", func(s *Summary, b *bytes.Buffer) error { return s.WriteCSV(b, nil) }},
	} {
		var b bytes.Buffer
		if err := tc.write(s, &b); err != nil {
			t.Fatal(err)
		}
		golden.Check(t, filepath.Join("testdata", tc.name), b.Bytes())
	}
}

// Without answers (a nil Progress) every item is counted unanswered and
// listed open when due; it panicked.
func TestSummarizeNoProgress(t *testing.T) {
	p := makePlan("План мероприятий на 2022 год", 4, []string{"МБОУ Школа № 2"})
	q, err := plan.ParseQuarter("2022Q4")
	if err != nil {
		t.Fatal(err)
	}
	s := Summarize(p, nil, q)
	items := 0
	for _, sec := range s.Sections {
		items += sec.Items
		if sec.Counts[plan.StatusDone] != 0 {
			t.Errorf("section %s: done %d without answers", sec.ID, sec.Counts[plan.StatusDone])
		}
	}
	if items != len(p.Items) || len(s.Open) == 0 {
		t.Errorf("%d items counted, %d open; want %d counted and the due ones open", items, len(s.Open), len(p.Items))
	}
}
