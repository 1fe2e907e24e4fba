package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/roadmap-tool/roadmap/internal/ruscli"
	"github.com/roadmap-tool/roadmap/internal/tooltest"
	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/produce"
	"github.com/roadmap-tool/roadmap/store"
)

// TestReportQuarterFlag: a bad --quarter is a usage error (exit 2) that
// says what is expected; the default quarter itself is the core's
// (produce.Quarter, tested there).
func TestReportQuarterFlag(t *testing.T) {
	out := filepath.Join(t.TempDir(), "r.pdf")
	_, errs, code := run(t, "report", "../../testdata/render/report-sample.plan.json", "--quarter", "2022Q7", "-o", out)
	if code != ruscli.ExitUsage || !strings.Contains(errs, "ожидается вид 2022Q1") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a report was written")
	}
}

// TestReportFromStore renders a report with statuses read from a store:
// the collected comment and the status word reach the PDF.
func TestReportFromStore(t *testing.T) {
	tooltest.Need(t, "pdftotext")
	dir := t.TempDir()
	planPath := "../../testdata/render/report-sample.plan.json"
	p, err := produce.OpenFile(context.Background(), planPath)
	if err != nil {
		t.Fatal(err)
	}
	var item string
	for _, it := range p.Items {
		if it.Num() == "3.2." {
			item = it.ID
		}
	}
	dbPath := filepath.Join(dir, "status.db")
	s, err := store.Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SavePlan(p); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2022, 3, 30, 12, 0, 0, 0, time.UTC)
	t.Setenv("SOURCE_DATE_EPOCH", "1648641600") // now
	_, err = s.Add(context.Background(), []store.NewSubmission{{
		Path: "МЦ.xlsx", SHA256: "abc", Org: "МЦ", PlanHash: p.Hash(), Quarter: "2022Q1", Kind: store.KindChecklist,
		Generated: now, Saved: now, Received: now,
		Answers: []store.Answer{{Answer: plan.Answer{ItemID: item, Org: "МЦ", Status: plan.StatusDone,
			Comment: "Форум проведен 12 февраля", Quarter: "2022Q1", Received: now}, Row: 5}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	out := filepath.Join(dir, "r.pdf")
	if _, errs, code := run(t, "report", planPath, "--quarter", "2022Q1", "--db", dbPath, "-o", out); code != 0 {
		t.Fatal(errs)
	}
	txt, err := exec.Command("pdftotext", out, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	flat := strings.Join(strings.Fields(string(txt)), " ")
	for _, w := range []string{"Отчет о реализации дорожной карты за I квартал 2022 г.", "Форум проведен 12 февраля", "Выполнено", "Дата формирования: 30.03.2022"} {
		if !strings.Contains(flat, w) {
			t.Errorf("report lacks %q", w)
		}
	}
	// The matrices from the same store include section × status.
	mout := filepath.Join(dir, "m.pdf")
	if _, errs, code := run(t, "matrix", planPath, "--db", dbPath, "-o", mout); code != 0 {
		t.Fatal(errs)
	}
	txt, _ = exec.Command("pdftotext", mout, "-").Output()
	if !strings.Contains(string(txt), "Выполнение мероприятий по разделам") {
		t.Error("matrices lack section × status")
	}
	if _, err := os.Stat(mout); err != nil {
		t.Fatal(err)
	}
}

// TestReportSeeds renders the first quarter of 2022 from each real export
// and checks, item by item, that every activity due or running in the
// quarter is in the report and that dated activities of other quarters
// are not.
func TestReportSeeds(t *testing.T) {
	tooltest.Need(t, "pdftotext")
	q := plan.Quarter{Year: 2022, Q: 1}
	for _, seed := range []string{"000_a1e155e70aa7bfd4.txt", "004_7e7c8821e6f4a4e0.txt"} {
		t.Run(seed, func(t *testing.T) {
			in := "../../seeds/" + seed
			p, err := produce.OpenFile(context.Background(), in)
			if err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(t.TempDir(), "r.pdf")
			t.Setenv("SOURCE_DATE_EPOCH", "1649116800") // 2022-04-05
			if _, errs, code := run(t, "report", in, "--quarter", "2022Q1", "-o", out); code != 0 {
				t.Fatal(errs)
			}
			raw, err := exec.Command("pdftotext", out, "-").Output()
			if err != nil {
				t.Fatal(err)
			}
			txt := strings.Join(strings.Fields(string(raw)), " ")
			for _, w := range []string{"План на I квартал 2022 г.: сведения о выполнении не собраны", "Стр. 1 из "} {
				if !strings.Contains(txt, w) {
					t.Errorf("report lacks %q", w)
				}
			}
			key := func(it *plan.Item) string {
				first := strings.SplitN(it.Activity.Text, "\n", 2)[0]
				r := []rune(strings.Join(strings.Fields(strings.TrimPrefix(first, "- ")), " "))
				return string(r[:min(len(r), 45)])
			}
			due := map[string]bool{}
			var in1, out1 int
			for i := range p.Items {
				it := &p.Items[i]
				if it.HasChildren && it.Deadline.Text == "" {
					continue
				}
				runs := it.Deadline.In(q.First(), q.Last()) ||
					len(it.Deadline.Months) == 0 && (it.Deadline.Kind == plan.KindRecurring || it.Deadline.Kind == plan.KindPeriod)
				unscheduled := len(it.Deadline.Months) == 0 && !runs
				if runs || unscheduled {
					due[key(it)] = true
					if !strings.Contains(txt, key(it)) {
						t.Errorf("%s (%s, %q) due in the quarter but missing", it.Num(), it.Deadline.Kind, it.Deadline.Text)
					}
					in1++
				}
			}
			for i := range p.Items {
				it := &p.Items[i]
				if len(it.Deadline.Months) > 0 && !it.Deadline.In(q.First(), q.Last()) && !due[key(it)] && key(it) != "" {
					out1++
					if strings.Contains(txt, key(it)) {
						t.Errorf("%s (%q) not due in the quarter but in the report", it.Num(), it.Deadline.Text)
					}
				}
			}
			if in1 == 0 || out1 == 0 {
				t.Errorf("degenerate check: %d due, %d not due", in1, out1)
			}
			t.Logf("%d activities in the report, %d checked absent", in1, out1)
		})
	}
}
