package schedule

import (
	"slices"
	"testing"

	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// Dates that cannot be are named in Result.Impossible; what can be read
// of them still is.
func TestImpossibleDates(t *testing.T) {
	per := plan.Period{From: plan.MonthOf(2021, 1), To: plan.MonthOf(2023, 12)}
	tests := []struct {
		text, impossible string
		months           []plan.Month
	}{
		{"31 февраля 2022 г.", "31 февраля 2022 г", []plan.Month{plan.MonthOf(2022, 2)}},
		{"до 30 февраля", "30 февраля", nil},
		{"31.04.2022", "31.04.2022", []plan.Month{plan.MonthOf(2022, 4)}},
		{"до 32.01.2022", "32.01.2022", []plan.Month{plan.MonthOf(2022, 1)}},
		{"29.02.2021", "29.02.2021", []plan.Month{plan.MonthOf(2021, 2)}},
		{"с 2022 по 2021", "с 2022 по 2021", nil},
		{"декабрь 2022 - январь 2022", "декабрь 2022 - январь 2022", []plan.Month{plan.MonthOf(2022, 1), plan.MonthOf(2022, 12)}},
		// Possible dates are not reported.
		{"29 февраля 2024", "", nil},
		{"29.02.2024", "", nil},
		{"01.09.2022", "", []plan.Month{plan.MonthOf(2022, 9)}},
		{"декабрь 2022 - январь 2023", "", []plan.Month{plan.MonthOf(2022, 12), plan.MonthOf(2023, 1)}},
		{"2021-2022", "", nil},
		{"май 2022", "", []plan.Month{plan.MonthOf(2022, 5)}},
		{"1 сентября", "", nil},
	}
	for _, tt := range tests {
		r := Parse(tt.text, per)
		if r.Impossible != tt.impossible {
			t.Errorf("%q: Impossible = %q, want %q", tt.text, r.Impossible, tt.impossible)
		}
		if tt.months != nil && !slices.Equal(r.Schedule.Months, tt.months) {
			t.Errorf("%q: months %v, want %v", tt.text, r.Schedule.Months, tt.months)
		}
	}
}
