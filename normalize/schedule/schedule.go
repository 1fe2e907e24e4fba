// Package schedule parses the free-text deadline of a roadmap item
// ("Октябрь 2021 г. - апрель 2022 г.", "Ежегодно (сентябрь)", "I квартал
// 2023 г.") into a plan.Schedule: its kind, its months inside the plan's
// period and its recurrence. The original text is always kept.
package schedule

import "github.com/roadmap-tool/roadmap/normalize/plan"

// Result is a parsed deadline with what the parser noticed about it.
type Result struct {
	Schedule plan.Schedule
	// Outside lists months the text names that fall outside the period
	// (an activity dated before the plan starts): a diagnostic for the caller.
	Outside []plan.Month
}

// Parse reads one deadline text. period is the plan's period; it may be
// zero when the title names none, and then only explicit dates give months.
func Parse(text string, period plan.Period) Result {
	return Result{Schedule: plan.Schedule{Text: text, Kind: plan.KindUnknown}}
}
