package schedule_test

import (
	"fmt"

	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/normalize/schedule"
)

func ExampleParse() {
	period := plan.Period{From: plan.MonthOf(2021, 9), To: plan.MonthOf(2023, 8)}
	for _, text := range []string{
		"Октябрь 2021 г. - январь 2022 г.",
		"Ежегодно (сентябрь)",
		"В течение учебного года по плану МКУ ДГУО",
		"до 01.09.2022",
		"Август 2021",
	} {
		r := schedule.Parse(text, period)
		s := r.Schedule
		fmt.Printf("%s: %s %v", text, s.Kind, s.Months)
		if s.Recurrence != "" {
			fmt.Printf(" %s", s.Recurrence)
		}
		if s.Due != "" {
			fmt.Printf(" due %s", s.Due)
		}
		if s.Note != "" {
			fmt.Printf(" note %q", s.Note)
		}
		if len(r.Outside) > 0 {
			fmt.Printf(" outside %v", r.Outside)
		}
		fmt.Println()
	}
	// Output:
	// Октябрь 2021 г. - январь 2022 г.: range [2021-10 2021-11 2021-12 2022-01]
	// Ежегодно (сентябрь): recurring [2021-09 2022-09] yearly
	// В течение учебного года по плану МКУ ДГУО: period [2021-09 2021-10 2021-11 2021-12 2022-01 2022-02 2022-03 2022-04 2022-05 2022-09 2022-10 2022-11 2022-12 2023-01 2023-02 2023-03 2023-04 2023-05] note "по плану МКУ ДГУО"
	// до 01.09.2022: dated [2022-09] due 2022-09-01
	// Август 2021: dated [] outside [2021-08]
}
