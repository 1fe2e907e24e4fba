package main

import (
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
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed")
	}
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
