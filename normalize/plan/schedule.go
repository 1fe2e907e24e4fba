package plan

// Kind classifies a deadline.
type Kind string

// Deadline kinds (see DOMAIN.md, "Deadlines").
const (
	KindDated       Kind = "dated"       // one or more listed months, or a due date
	KindRange       Kind = "range"       // every month of a range
	KindRecurring   Kind = "recurring"   // repeats: yearly, quarterly, monthly, every N years
	KindPeriod      Kind = "period"      // the whole period, academic year, holidays
	KindUnscheduled Kind = "unscheduled" // по мере необходимости, по плану, по графику
	KindUnknown     Kind = "unknown"     // no rule understood the text
)

// Recurrence values.
const (
	RecurNone      = ""
	RecurYearly    = "yearly"
	RecurQuarterly = "quarterly"
	RecurMonthly   = "monthly"
)

// Schedule is a parsed deadline. The original text is always kept.
type Schedule struct {
	Text string `json:"text"`
	Kind Kind   `json:"kind"`
	// Months lists the calendar months, inside the plan's period, in which
	// the activity is due or running, ascending and without repeats.
	// Items with the same deadline text may share one slice (normalize
	// builds them so): copy it before changing a month in place.
	Months Months `json:"months"`
	// Recurrence is "", "yearly", "quarterly", "monthly", or "every N years".
	Recurrence string `json:"recurrence,omitempty"`
	// Due is a due date "YYYY-MM-DD" when the text names a day ("до 01.09.2022").
	Due string `json:"due,omitempty"`
	// Note keeps a qualifier that carries meaning ("по плану ДИРО").
	Note string `json:"note,omitempty"`
}

// Last returns the last scheduled month, or 0 when there is none.
func (s *Schedule) Last() Month {
	if len(s.Months) == 0 {
		return 0
	}
	return s.Months[len(s.Months)-1]
}

// In reports whether any scheduled month lies in [from, to].
func (s *Schedule) In(from, to Month) bool {
	for _, m := range s.Months {
		if m >= from && m <= to {
			return true
		}
	}
	return false
}
