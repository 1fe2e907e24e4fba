package main

import (
	"github.com/roadmap-tool/roadmap/internal/tooltest"

	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/store"
)

func TestReportQuarter(t *testing.T) {
	period := plan.Period{From: plan.MonthOf(2021, 9), To: plan.MonthOf(2024, 8)}
	at := func(y, m int) time.Time { return time.Date(y, time.Month(m), 15, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		name   string
		flag   string
		period plan.Period
		now    time.Time
		want   string
		err    string
	}{
		{"flag wins", "2023q2", period, at(2022, 2), "2023Q2", ""},
		{"inside the period", "", period, at(2022, 11), "2022Q4", ""},
		{"before the period", "", period, at(2020, 5), "2021Q3", ""},
		{"after the period", "", period, at(2026, 11), "2024Q3", ""},
		{"no period", "", plan.Period{}, at(2026, 11), "2026Q4", ""},
		{"bad flag", "2022Q7", period, at(2022, 2), "", "ожидается вид 2022Q1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			q, err := reportQuarter(tc.flag, tc.period, tc.now)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) || exitCode(err) != exitUsage {
					t.Fatalf("err = %v, want usage error with %q", err, tc.err)
				}
				return
			}
			if err != nil || q.String() != tc.want {
				t.Fatalf("quarter = %v (%v), want %s", q, err, tc.want)
			}
		})
	}
}

// TestReportFromStore renders a report with statuses read from a store:
// the collected comment and the status word reach the PDF.
func TestReportFromStore(t *testing.T) {
	tooltest.Need(t, "pdftotext")
	dir := t.TempDir()
	planPath := "../../testdata/render/report-sample.plan.json"
	p, err := loadPlan(planPath)
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
	o := reportOptions{input: planPath, quarter: "2022Q1", db: dbPath, output: out, now: now}
	if err := runReport(o); err != nil {
		t.Fatal(err)
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
	mo := matrixOptions{input: planPath, db: dbPath, output: filepath.Join(dir, "m.pdf"), now: now}
	if err := runMatrix(mo); err != nil {
		t.Fatal(err)
	}
	txt, _ = exec.Command("pdftotext", mo.output, "-").Output()
	if !strings.Contains(string(txt), "Выполнение мероприятий по разделам") {
		t.Error("matrices lack section × status")
	}
	if _, err := os.Stat(mo.output); err != nil {
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
			p, err := loadPlan(in)
			if err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(t.TempDir(), "r.pdf")
			if err := runReport(reportOptions{input: in, quarter: "2022Q1", output: out, now: time.Date(2022, 4, 5, 0, 0, 0, 0, time.UTC)}); err != nil {
				t.Fatal(err)
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
