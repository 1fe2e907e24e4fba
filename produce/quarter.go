package produce

import (
	"time"

	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// Quarter is the quarter to report on: the requested one when not nil,
// else the calendar quarter of now clamped to the plan's period. A report
// is asked for the quarter one is in; outside the period only its first
// or last quarter has activities to show. A plan without a period takes
// the quarter of now.
func Quarter(p *plan.Plan, requested *plan.Quarter, now time.Time) plan.Quarter {
	if requested != nil {
		return *requested
	}
	m := plan.MonthOf(now.Year(), int(now.Month()))
	if !p.Period.IsZero() {
		m = min(max(m, p.Period.From), p.Period.To)
	}
	return m.Quarter()
}
