package produce

import (
	"testing"
	"time"

	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// TestQuarter: the one default of the report quarter, used by report,
// status, build and the server alike.
func TestQuarter(t *testing.T) {
	period := plan.Period{From: plan.MonthOf(2021, 9), To: plan.MonthOf(2024, 8)}
	calendar := plan.Period{From: plan.MonthOf(2021, 1), To: plan.MonthOf(2022, 12)}
	at := func(y, m int) time.Time { return time.Date(y, time.Month(m), 15, 0, 0, 0, 0, time.UTC) }
	q2023 := plan.Quarter{Year: 2023, Q: 2}
	tests := []struct {
		name      string
		requested *plan.Quarter
		period    plan.Period
		now       time.Time
		want      string
	}{
		{"requested wins", &q2023, period, at(2022, 2), "2023Q2"},
		{"inside the period", nil, period, at(2022, 11), "2022Q4"},
		{"before the period", nil, period, at(2020, 5), "2021Q3"},
		{"after the period", nil, period, at(2026, 11), "2024Q3"},
		{"no period", nil, plan.Period{}, at(2026, 11), "2026Q4"},
		{"calendar plan, inside", nil, calendar, at(2022, 2), "2022Q1"},
		{"calendar plan, after", nil, calendar, at(2026, 11), "2022Q4"},
		{"calendar plan, before", nil, calendar, at(2019, 5), "2021Q1"},
	}
	for _, tc := range tests {
		p := &plan.Plan{Period: tc.period}
		if got := Quarter(p, tc.requested, tc.now).String(); got != tc.want {
			t.Errorf("%s: Quarter = %s, want %s", tc.name, got, tc.want)
		}
	}
}
