package schedule

import (
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"testing"

	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/seeds"
)

// The periods of the two seed roadmaps: Sarov "на 2021-2022 годы" and
// Derbent "на 2021-2024 учебный год".
var (
	sarov   = plan.Period{From: plan.MonthOf(2021, 1), To: plan.MonthOf(2022, 12)}
	derbent = plan.Period{From: plan.MonthOf(2021, 9), To: plan.MonthOf(2024, 8)}
	noPer   = plan.Period{}
)

// months expands compact month specs: "2021-09" is one month,
// "2021-09..2022-05" every month of the range.
func months(specs ...string) []plan.Month {
	var out []plan.Month
	for _, s := range specs {
		from, to, ok := strings.Cut(s, "..")
		a, err := plan.ParseMonth(from)
		if err != nil {
			panic(err)
		}
		b := a
		if ok {
			if b, err = plan.ParseMonth(to); err != nil {
				panic(err)
			}
		}
		for m := a; m <= b; m++ {
			out = append(out, m)
		}
	}
	return out
}

// yearly lists month numbers nums in each year from y1 to y2, clipped to p.
func yearly(p plan.Period, nums ...int) []plan.Month {
	var out []plan.Month
	for _, m := range p.Months() {
		if slices.Contains(nums, m.Num()) {
			out = append(out, m)
		}
	}
	return out
}

func span(from, to int) []int {
	var out []int
	for m := from; ; m = m%12 + 1 {
		out = append(out, m)
		if m == to {
			return out
		}
	}
}

type parseCase struct {
	text    string
	period  plan.Period
	kind    plan.Kind
	months  []plan.Month
	recur   string
	due     string
	note    string
	outside []plan.Month
}

// seedCases has one case per distinct deadline text of both seeds, with the
// texts split by page breaks joined back.
var seedCases = []parseCase{
	// Sarov, 2021-01..2022-12.
	{text: "2021 г.", period: sarov, kind: plan.KindRange, months: months("2021-01..2021-12")},
	{text: "<p>Октябрь 2021 г. - апрель 2022 г.</p>", period: sarov, kind: plan.KindRange, months: months("2021-10..2022-04")},
	{text: "Август 2021 г.", period: sarov, kind: plan.KindDated, months: months("2021-08")},
	{text: "Август 2022 г.", period: sarov, kind: plan.KindDated, months: months("2022-08")},
	{text: "Август-сентябрь 2022 г.", period: sarov, kind: plan.KindRange, months: months("2022-08..2022-09")},
	{text: "В течение всего периода", period: sarov, kind: plan.KindPeriod, months: months("2021-01..2022-12")},
	{text: "Весь период", period: sarov, kind: plan.KindPeriod, months: months("2021-01..2022-12")},
	{text: "Декабрь 2021 г. – апрель 2022 г.", period: sarov, kind: plan.KindRange, months: months("2021-12..2022-04")},
	{text: "Декабрь 2021 г., далее - ежегодно", period: sarov, kind: plan.KindRecurring, months: months("2021-12", "2022-12"), recur: "yearly"},
	{text: "Декабрь 2021 г., далее ежегодно", period: sarov, kind: plan.KindRecurring, months: months("2021-12", "2022-12"), recur: "yearly"},
	{text: "Ежегодно", period: sarov, kind: plan.KindRecurring, recur: "yearly"},
	{text: "Ежегодно (сентябрь)", period: sarov, kind: plan.KindRecurring, months: months("2021-09", "2022-09"), recur: "yearly"},
	{text: "Ежеквартально", period: sarov, kind: plan.KindRecurring, months: months("2021-03", "2021-06", "2021-09", "2021-12", "2022-03", "2022-06", "2022-09", "2022-12"), recur: "quarterly"},
	{text: "Июнь - август 2022 г.", period: sarov, kind: plan.KindRange, months: months("2022-06..2022-08")},
	{text: "Июнь 2022 г.", period: sarov, kind: plan.KindDated, months: months("2022-06")},
	{text: "Каникулярный период", period: sarov, kind: plan.KindPeriod, months: months("2021-06..2021-08", "2022-06..2022-08")},
	{text: "Май - август 2022 г.", period: sarov, kind: plan.KindRange, months: months("2022-05..2022-08")},
	{text: "Май - сентябрь 2021 г.", period: sarov, kind: plan.KindRange, months: months("2021-05..2021-09")},
	{text: "Май 2021 г.", period: sarov, kind: plan.KindDated, months: months("2021-05")},
	{text: "Май 2022 г.", period: sarov, kind: plan.KindDated, months: months("2022-05")},
	{text: "Март-декабрь 2022 г.", period: sarov, kind: plan.KindRange, months: months("2022-03..2022-12")},
	{text: "Ноябрь 2021 г.", period: sarov, kind: plan.KindDated, months: months("2021-11")},
	{text: "Ноябрь 2021 г.- май 2022 г.", period: sarov, kind: plan.KindRange, months: months("2021-11..2022-05")},
	{text: "Ноябрь 2021, далее ежегодно", period: sarov, kind: plan.KindRecurring, months: months("2021-11", "2022-11"), recur: "yearly"},
	{text: "Октябрь - декабрь 2021 г., далее ежегодно", period: sarov, kind: plan.KindRecurring, months: months("2021-10..2021-12", "2022-10..2022-12"), recur: "yearly"},
	{text: "Октябрь 2021", period: sarov, kind: plan.KindDated, months: months("2021-10")},
	{text: "Октябрь 2021 - июнь 2022", period: sarov, kind: plan.KindRange, months: months("2021-10..2022-06")},
	{text: "Октябрь 2021 г. - июль 2022 г.", period: sarov, kind: plan.KindRange, months: months("2021-10..2022-07")},
	{text: "Октябрь 2021 г. - март 2022 г.", period: sarov, kind: plan.KindRange, months: months("2021-10..2022-03")},
	{text: "Октябрь 2021 г. и далее ежегодно", period: sarov, kind: plan.KindRecurring, months: months("2021-10", "2022-10"), recur: "yearly"},
	{text: "Октябрь 2021 г. – март 2022 г.", period: sarov, kind: plan.KindRange, months: months("2021-10..2022-03")},
	{text: "Октябрь 2021 г., Март 2022 г.", period: sarov, kind: plan.KindDated, months: months("2021-10", "2022-03")},
	{text: "Октябрь 2021 г.- апрель 2022 г.", period: sarov, kind: plan.KindRange, months: months("2021-10..2022-04")},
	{text: "Октябрь, ноябрь 2021 г. и Февраль, март 2022 г.", period: sarov, kind: plan.KindDated, months: months("2021-10..2021-11", "2022-02..2022-03")},
	{text: "По мере необходимости", period: sarov, kind: plan.KindUnscheduled},
	{text: "По отдельному плану", period: sarov, kind: plan.KindUnscheduled},
	{text: "Сентябрь 2021 г.", period: sarov, kind: plan.KindDated, months: months("2021-09")},
	{text: "Сентябрь 2021 г. - август 2022 г.", period: sarov, kind: plan.KindRange, months: months("2021-09..2022-08")},
	{text: "Сентябрь 2021 г. - май 2022 г.", period: sarov, kind: plan.KindRange, months: months("2021-09..2022-05")},
	{text: "Сентябрь 2021-май 2022", period: sarov, kind: plan.KindRange, months: months("2021-09..2022-05")},
	{text: "Сентябрь – декабрь 2021 г.", period: sarov, kind: plan.KindRange, months: months("2021-09..2021-12")},
	{text: "Февраль 2022 г.", period: sarov, kind: plan.KindDated, months: months("2022-02")},
	{text: "Январь - май 2022 г.", period: sarov, kind: plan.KindRange, months: months("2022-01..2022-05")},

	// Derbent, 2021-09..2024-08.
	{text: "(ежегодно)", period: derbent, kind: plan.KindRecurring, recur: "yearly"},
	{text: "1 раз в 3 года для каждой ОО", period: derbent, kind: plan.KindRecurring, recur: "every 3 years", note: "для каждой ОО"},
	{text: "2021", period: derbent, kind: plan.KindRange, months: months("2021-09..2021-12"), outside: months("2021-01..2021-08")},
	{text: "Август 2021", period: derbent, kind: plan.KindDated, outside: months("2021-08")},
	{text: "Август-октябрь (ежегодно)", period: derbent, kind: plan.KindRecurring, months: yearly(derbent, 8, 9, 10), recur: "yearly"},
	{text: "Август-сентябрь (ежегодно)", period: derbent, kind: plan.KindRecurring, months: yearly(derbent, 8, 9), recur: "yearly"},
	{text: "В период каникул по отдельным планам", period: derbent, kind: plan.KindPeriod, months: yearly(derbent, 6, 7, 8), note: "по отдельным планам"},
	{text: "В течение учебного года", period: derbent, kind: plan.KindPeriod, months: months("2021-09..2022-05", "2022-09..2023-05", "2023-09..2024-05")},
	{text: "В течение\nучебного года", period: derbent, kind: plan.KindPeriod, months: months("2021-09..2022-05", "2022-09..2023-05", "2023-09..2024-05")},
	{text: "В течение года ежегодно", period: derbent, kind: plan.KindPeriod, months: months("2021-09..2024-08"), recur: "yearly"},
	{text: "В течение года по плану", period: derbent, kind: plan.KindPeriod, months: months("2021-09..2024-08"), note: "по плану"},
	{text: "В течение учебного года (ежегодно)", period: derbent, kind: plan.KindPeriod, months: yearly(derbent, span(9, 5)...), recur: "yearly"},
	{text: "В течение учебного года по отдельным планам", period: derbent, kind: plan.KindPeriod, months: yearly(derbent, span(9, 5)...), note: "по отдельным планам"},
	{text: "В течение учебного года по плану Дагестанского института развития образования (далее-ДИРО)", period: derbent, kind: plan.KindPeriod,
		months: yearly(derbent, span(9, 5)...), note: "по плану Дагестанского института развития образования (далее-ДИРО)"},
	{text: "В течение учебного года по плану МКУ ДГУО", period: derbent, kind: plan.KindPeriod, months: yearly(derbent, span(9, 5)...), note: "по плану МКУ ДГУО"},
	{text: "Ежегодно", period: derbent, kind: plan.KindRecurring, recur: "yearly"},
	{text: "ежегодно", period: derbent, kind: plan.KindRecurring, recur: "yearly"},
	{text: "Октябрь, май (ежегодно)", period: derbent, kind: plan.KindRecurring, months: yearly(derbent, 10, 5), recur: "yearly"},
	{text: "Октябрь-декабрь (ежегодно)", period: derbent, kind: plan.KindRecurring, months: yearly(derbent, 10, 11, 12), recur: "yearly"},
	{text: "По мере необходимости", period: derbent, kind: plan.KindUnscheduled},
	{text: "По утвержденному плану работы МКУ ДГУО на учебный год", period: derbent, kind: plan.KindUnscheduled},
	{text: "Сентябрь-декабрь (ежегодно)", period: derbent, kind: plan.KindRecurring, months: yearly(derbent, 9, 10, 11, 12), recur: "yearly"},
	{text: "Сентябрь-май (ежегодно)", period: derbent, kind: plan.KindRecurring, months: yearly(derbent, span(9, 5)...), recur: "yearly"},
	{text: "Сентябрь-октябрь (ежегодно)", period: derbent, kind: plan.KindRecurring, months: yearly(derbent, 9, 10), recur: "yearly"},
	{text: "Январь-август (ежегодно)", period: derbent, kind: plan.KindRecurring, months: yearly(derbent, span(1, 8)...), recur: "yearly"},
}

// formCases cover the forms other municipalities write.
var formCases = []parseCase{
	// Single months in every case, short forms, spacing and year words.
	{text: "сентябрь 2021 года", period: sarov, kind: plan.KindDated, months: months("2021-09")},
	{text: "сентября 2021 г.", period: sarov, kind: plan.KindDated, months: months("2021-09")},
	{text: "в сентябре 2021 г.", period: sarov, kind: plan.KindDated, months: months("2021-09")},
	{text: "09.2021", period: sarov, kind: plan.KindDated, months: months("2021-09")},
	{text: "ОКТЯБРЬ\u00a02021\u00a0Г.", period: sarov, kind: plan.KindDated, months: months("2021-10")},
	{text: "  октябрь   2021г  ", period: sarov, kind: plan.KindDated, months: months("2021-10")},
	{text: "янв. 2022", period: sarov, kind: plan.KindDated, months: months("2022-01")},
	{text: "февр. 2022", period: sarov, kind: plan.KindDated, months: months("2022-02")},
	{text: "сент. 2021", period: sarov, kind: plan.KindDated, months: months("2021-09")},
	{text: "в мае 2022 года", period: sarov, kind: plan.KindDated, months: months("2022-05")},
	{text: "Октябрь 2021", period: noPer, kind: plan.KindDated, months: months("2021-10")},
	// Ranges.
	{text: "с сентября по декабрь 2021 г.", period: sarov, kind: plan.KindRange, months: months("2021-09..2021-12")},
	{text: "Сентябрь — декабрь 2021 г.", period: sarov, kind: plan.KindRange, months: months("2021-09..2021-12")},
	{text: "Октябрь - март", period: derbent, kind: plan.KindRange, months: yearly(derbent, span(10, 3)...), recur: "yearly"},
	{text: "Октябрь - март 2022", period: sarov, kind: plan.KindRange, months: months("2021-10..2022-03")},
	{text: "2021-2022 гг.", period: derbent, kind: plan.KindRange, months: months("2021-09..2022-12"), outside: months("2021-01..2021-08")},
	// A school year in a deadline is its teaching months, September to May.
	{text: "2022-2023 уч. год", period: derbent, kind: plan.KindRange, months: months("2022-09..2023-05")},
	{text: "2022/2023 учебный год", period: derbent, kind: plan.KindRange, months: months("2022-09..2023-05")},
	{text: "2022-2023 учебный год", period: derbent, kind: plan.KindRange, months: months("2022-09..2023-05")},
	{text: "в 2023/2024 учебном году", period: derbent, kind: plan.KindRange, months: months("2023-09..2024-05")},
	{text: "2024-2025 уч. г.", period: plan.Period{From: plan.MonthOf(2024, 9), To: plan.MonthOf(2025, 8)}, kind: plan.KindRange, months: months("2024-09..2025-05")},
	{text: "2021-2023 учебные годы", period: derbent, kind: plan.KindRange, months: months("2021-09..2022-05", "2022-09..2023-05")},
	{text: "конец 2022/2023 учебного года", period: derbent, kind: plan.KindDated, months: months("2023-05")},
	{text: "с октября 2021 г.", period: sarov, kind: plan.KindRange, months: months("2021-10..2022-12")},
	{text: "Сентябрь 2021 г. - май 2021 г.", period: sarov, kind: plan.KindDated, months: months("2021-05", "2021-09")},
	// Lists.
	{text: "Декабрь, январь 2022", period: sarov, kind: plan.KindDated, months: months("2021-12", "2022-01")},
	{text: "Ноябрь, декабрь 2021 г. и январь", period: sarov, kind: plan.KindDated, months: months("2021-11..2022-01")},
	{text: "март, июнь, сентябрь, декабрь", period: sarov, kind: plan.KindDated, months: yearly(sarov, 3, 6, 9, 12), recur: "yearly"},
	// Recurrence.
	{text: "2 раза в год", period: sarov, kind: plan.KindRecurring, recur: "yearly"},
	{text: "ежемесячно", period: sarov, kind: plan.KindRecurring, months: months("2021-01..2022-12"), recur: "monthly"},
	{text: "Ежеквартально", period: derbent, kind: plan.KindRecurring, months: yearly(derbent, 3, 6, 9, 12), recur: "quarterly"},
	{text: "ежеквартально в течение 2022 года", period: derbent, kind: plan.KindRecurring, months: months("2022-03", "2022-06", "2022-09", "2022-12"), recur: "quarterly"},
	{text: "раз в 2 года", period: sarov, kind: plan.KindRecurring, recur: "every 2 years"},
	{text: "Сентябрь 2021 (ежегодно)", period: derbent, kind: plan.KindRecurring, months: yearly(derbent, 9), recur: "yearly"},
	// A school term ("четверть") repeats quarterly.
	{text: "1 раз в четверть", period: derbent, kind: plan.KindRecurring, months: yearly(derbent, 10, 12, 3, 5), recur: "quarterly"},
	{text: "каждую четверть", period: derbent, kind: plan.KindRecurring, months: yearly(derbent, 10, 12, 3, 5), recur: "quarterly"},
	{text: "по итогам четверти", period: derbent, kind: plan.KindRecurring, months: yearly(derbent, 10, 12, 3, 5), recur: "quarterly"},
	{text: "II четверть", period: derbent, kind: plan.KindRange, months: yearly(derbent, 11, 12), recur: "yearly"},
	{text: "III четверть 2023 г.", period: derbent, kind: plan.KindRange, months: months("2023-01..2023-03")},
	// A half-year without a year: the school year's in a plan of school
	// years, the calendar year's otherwise.
	{text: "в течение I полугодия", period: derbent, kind: plan.KindRange, months: yearly(derbent, 9, 10, 11, 12), recur: "yearly"},
	{text: "II полугодие", period: derbent, kind: plan.KindRange, months: yearly(derbent, 1, 2, 3, 4, 5), recur: "yearly"},
	{text: "I полугодие", period: sarov, kind: plan.KindRange, months: months("2021-01..2021-06", "2022-01..2022-06"), recur: "yearly"},
	// On request: no fixed time.
	{text: "по обращениям", period: sarov, kind: plan.KindUnscheduled},
	{text: "по обращению граждан", period: sarov, kind: plan.KindUnscheduled},
	{text: "по потребности", period: sarov, kind: plan.KindUnscheduled},
	// A half or a term "of the school year" is the school year's, in a
	// plan of calendar years too.
	{text: "II полугодие учебного года", period: derbent, kind: plan.KindRange, months: yearly(derbent, 1, 2, 3, 4, 5), recur: "yearly"},
	{text: "I полугодие учебного года", period: sarov, kind: plan.KindRange, months: yearly(sarov, 9, 10, 11, 12), recur: "yearly"},
	{text: "во II полугодии уч. года", period: sarov, kind: plan.KindRange, months: yearly(sarov, 1, 2, 3, 4, 5), recur: "yearly"},
	{text: "III четверть учебного года", period: derbent, kind: plan.KindRange, months: yearly(derbent, 1, 2, 3), recur: "yearly"},
	{text: "не реже 1 раза в месяц", period: sarov, kind: plan.KindRecurring, months: months("2021-01..2022-12"), recur: "monthly"},
	// A bare year listed after months of one year names those months again.
	{text: "Май-июнь 2021 г., 2022 г.", period: sarov, kind: plan.KindRange, months: months("2021-05..2021-06", "2022-05..2022-06")},
	{text: "Сентябрь 2021 г., 2022 г.", period: sarov, kind: plan.KindDated, months: months("2021-09", "2022-09")},
	{text: "2021 г., 2022 г.", period: sarov, kind: plan.KindRange, months: months("2021-01..2022-12")},
	// Periods.
	{text: "постоянно", period: sarov, kind: plan.KindPeriod, months: months("2021-01..2022-12")},
	{text: "в течение 2021-2022 гг.", period: derbent, kind: plan.KindPeriod, months: months("2021-09..2022-12"), outside: months("2021-01..2021-08")},
	{text: "в течение 2022 года", period: derbent, kind: plan.KindPeriod, months: months("2022-01..2022-12")},
	{text: "В течение года", period: sarov, kind: plan.KindPeriod, months: months("2021-01..2022-12")},
	{text: "в теч. года", period: sarov, kind: plan.KindPeriod, months: months("2021-01..2022-12")},
	{text: "весь учебный год", period: derbent, kind: plan.KindPeriod, months: yearly(derbent, span(9, 5)...)},
	{text: "в период осенних каникул", period: sarov, kind: plan.KindPeriod, months: months("2021-11", "2022-11")},
	{text: "в течение периода реализации дорожной карты", period: sarov, kind: plan.KindPeriod, months: months("2021-01..2022-12")},
	{text: "Весь период реализации программы, по плану ДИРО", period: sarov, kind: plan.KindPeriod, months: months("2021-01..2022-12"), note: "по плану ДИРО"},
	{text: "2021/22 уч. г.", period: derbent, kind: plan.KindRange, months: months("2021-09..2022-05")},
	{text: "В течение уч. г.", period: derbent, kind: plan.KindPeriod, months: yearly(derbent, span(9, 5)...)},
	{text: "до конца 2022 года", period: sarov, kind: plan.KindDated, months: months("2022-12")},
	{text: "начало 2022/2023 учебного года", period: derbent, kind: plan.KindDated, months: months("2022-09")},
	{text: "в конце учебного года", period: derbent, kind: plan.KindDated, months: yearly(derbent, 5), recur: "yearly"},
	{text: "конец года", period: sarov, kind: plan.KindDated, months: months("2021-12", "2022-12"), recur: "yearly"},
	{text: "Октябрь 2021 г. (муниципальный этап), январь 2022 г. (региональный этап)", period: sarov, kind: plan.KindDated,
		months: months("2021-10", "2022-01"), note: "муниципальный этап; региональный этап"},
	{text: "По утверждённому графику", period: sarov, kind: plan.KindUnscheduled},
	{text: "Ежегодно, до 20 декабря", period: sarov, kind: plan.KindRecurring, months: months("2021-12", "2022-12"), recur: "yearly"},
	{text: "осенние каникулы", period: sarov, kind: plan.KindPeriod, months: months("2021-11", "2022-11")},
	{text: "зимние и весенние каникулы", period: sarov, kind: plan.KindPeriod, months: months("2021-01", "2021-03", "2022-01", "2022-03")},
	{text: "летние каникулы", period: sarov, kind: plan.KindPeriod, months: months("2021-06..2021-08", "2022-06..2022-08")},
	{text: "в течение летнего периода", period: sarov, kind: plan.KindPeriod, months: months("2021-06..2021-08", "2022-06..2022-08")},
	{text: "летом", period: sarov, kind: plan.KindPeriod, months: months("2021-06..2021-08", "2022-06..2022-08")},
	{text: "Весь период", period: noPer, kind: plan.KindPeriod},
	// Quarters and half-years.
	{text: "I квартал 2023 г.", period: derbent, kind: plan.KindRange, months: months("2023-01..2023-03")},
	{text: "1 квартал 2023", period: derbent, kind: plan.KindRange, months: months("2023-01..2023-03")},
	{text: "2 квартал", period: sarov, kind: plan.KindRange, months: months("2021-04..2021-06", "2022-04..2022-06"), recur: "yearly"},
	{text: "IV кв. 2022", period: sarov, kind: plan.KindRange, months: months("2022-10..2022-12")},
	{text: "Ⅳ кв. 2022", period: sarov, kind: plan.KindRange, months: months("2022-10..2022-12")},
	{text: "Ⅱ–Ⅲ квартал 2022 г.", period: sarov, kind: plan.KindRange, months: months("2022-04..2022-09")},
	{text: "ⅰ полугодие 2022", period: sarov, kind: plan.KindRange, months: months("2022-01..2022-06")},
	{text: "II-III квартал 2022 г.", period: sarov, kind: plan.KindRange, months: months("2022-04..2022-09")},
	{text: "I и III кварталы 2022 г.", period: sarov, kind: plan.KindRange, months: months("2022-01..2022-03", "2022-07..2022-09")},
	{text: "1-й квартал 2022", period: sarov, kind: plan.KindRange, months: months("2022-01..2022-03")},
	{text: "первое полугодие 2022", period: sarov, kind: plan.KindRange, months: months("2022-01..2022-06")},
	{text: "II полугодие 2022 г.", period: sarov, kind: plan.KindRange, months: months("2022-07..2022-12")},
	// Exact dates.
	{text: "до 01.09.2022", period: sarov, kind: plan.KindDated, months: months("2022-09"), due: "2022-09-01"},
	{text: "20.05.2023", period: derbent, kind: plan.KindDated, months: months("2023-05"), due: "2023-05-20"},
	{text: "01.09.2021-31.05.2022", period: derbent, kind: plan.KindRange, months: months("2021-09..2022-05"), due: "2022-05-31"},
	{text: "до 1 сентября 2022 г.", period: sarov, kind: plan.KindDated, months: months("2022-09"), due: "2022-09-01"},
	{text: "не позднее 15 декабря 2021", period: sarov, kind: plan.KindDated, months: months("2021-12"), due: "2021-12-15"},
	{text: "до 10.01.2020", period: sarov, kind: plan.KindDated, due: "2020-01-10", outside: months("2020-01")},
	// Years.
	{text: "2021", period: sarov, kind: plan.KindRange, months: months("2021-01..2021-12")},
	{text: "2021-2024", period: sarov, kind: plan.KindRange, months: months("2021-01..2022-12"), outside: months("2023-01..2024-12")},
	{text: "2021 г.", period: noPer, kind: plan.KindRange, months: months("2021-01..2021-12")},
	// Unscheduled, qualifiers, unknown.
	{text: "По плану", period: sarov, kind: plan.KindUnscheduled},
	{text: "По графику", period: sarov, kind: plan.KindUnscheduled},
	{text: "в соответствии с графиком", period: sarov, kind: plan.KindUnscheduled},
	{text: "по расписанию ГИА", period: sarov, kind: plan.KindUnscheduled},
	{text: "при необходимости", period: sarov, kind: plan.KindUnscheduled},
	{text: "Май-сентябрь 2021 г. (по отдельному графику)", period: sarov, kind: plan.KindRange, months: months("2021-05..2021-09"), note: "по отдельному графику"},
	{text: "", period: sarov, kind: plan.KindUnknown},
	{text: "  ", period: sarov, kind: plan.KindUnknown},
	{text: "Сроки", period: sarov, kind: plan.KindUnknown},
	{text: "после согласования", period: sarov, kind: plan.KindUnscheduled}, // counted from an event: no fixed deadline
	// A schedule someone else sets.
	{text: "в сроки, установленные Минпросвещения России", period: sarov, kind: plan.KindUnscheduled},
	{text: "В сроки, установленные Рособрнадзором", period: sarov, kind: plan.KindUnscheduled},
	{text: "в сроки, определенные единым расписанием", period: sarov, kind: plan.KindUnscheduled},
	{text: "в установленные сроки", period: sarov, kind: plan.KindUnscheduled},
	{text: "в сроки проведения ГИА", period: sarov, kind: plan.KindUnscheduled},
	{text: "Май 2022 г., в сроки, установленные ФИПИ", period: sarov, kind: plan.KindDated, months: months("2022-05"), note: "установленные ФИПИ"},
	// Reports due after each reporting period.
	// One report per quarter of the period: none in January 2021 (it
	// would report on the quarter before the plan), none for the last
	// quarter (its report falls after the period).
	{text: "не позднее 10 числа месяца, следующего за отчетным кварталом", period: sarov, kind: plan.KindRecurring,
		months: months("2021-04", "2021-07", "2021-10", "2022-01", "2022-04", "2022-07", "2022-10"), recur: "quarterly"},
	{text: "ежеквартально, до 5 числа месяца, следующего за кварталом", period: sarov, kind: plan.KindRecurring,
		months: months("2021-04", "2021-07", "2021-10", "2022-01", "2022-04", "2022-07", "2022-10"), recur: "quarterly"},
	{text: "не позднее 5-го числа месяца, следующего за отчётным кварталом", period: sarov, kind: plan.KindRecurring,
		months: months("2021-04", "2021-07", "2021-10", "2022-01", "2022-04", "2022-07", "2022-10"), recur: "quarterly"},
	{text: "ежеквартально, до 10 числа месяца, следующего за отчетным", period: sarov, kind: plan.KindRecurring,
		months: months("2021-04", "2021-07", "2021-10", "2022-01", "2022-04", "2022-07", "2022-10"), recur: "quarterly"},
	{text: "ежеквартально до 10 числа", period: sarov, kind: plan.KindRecurring,
		months: months("2021-04", "2021-07", "2021-10", "2022-01", "2022-04", "2022-07", "2022-10"), recur: "quarterly", note: "10 числа"},
	{text: "до 10-го числа ежеквартально", period: sarov, kind: plan.KindRecurring,
		months: months("2021-04", "2021-07", "2021-10", "2022-01", "2022-04", "2022-07", "2022-10"), recur: "quarterly", note: "10-го числа"},
	// A plan of school years: the quarter ending in its first September
	// is reported in October.
	{text: "не позднее 10 числа месяца, следующего за отчетным кварталом", period: derbent, kind: plan.KindRecurring,
		months: months("2021-10", "2022-01", "2022-04", "2022-07", "2022-10", "2023-01", "2023-04", "2023-07",
			"2023-10", "2024-01", "2024-04", "2024-07"), recur: "quarterly"},
	// The day of a named month is no report after the quarter.
	{text: "ежеквартально до 20 числа последнего месяца квартала", period: sarov, kind: plan.KindRecurring, months: yearly(sarov, 3, 6, 9, 12), recur: "quarterly"},
	{text: "до 5 числа месяца, следующего за отчетным месяцем", period: sarov, kind: plan.KindRecurring,
		months: months("2021-01..2022-12"), recur: "monthly"},
	{text: "в течение месяца, следующего за отчетным годом", period: sarov, kind: plan.KindRecurring, recur: "yearly"},
	// A number written as a word.
	{text: "1 раз в два месяца", period: sarov, kind: plan.KindRecurring, months: months("2021-01..2022-12"), recur: "monthly"},
	{text: "раз в три года", period: sarov, kind: plan.KindRecurring, recur: "every 3 years"},
	{text: "1 раз в полгода", period: sarov, kind: plan.KindRecurring, recur: "yearly"},
	// At the end of each period, or of the one named.
	{text: "по итогам полугодия", period: sarov, kind: plan.KindRecurring, months: yearly(sarov, 6, 12), recur: "yearly"},
	{text: "по итогам полугодия", period: derbent, kind: plan.KindRecurring, months: yearly(derbent, 12, 5), recur: "yearly"},
	{text: "каждое полугодие", period: sarov, kind: plan.KindRecurring, months: yearly(sarov, 6, 12), recur: "yearly"},
	{text: "по итогам квартала", period: sarov, kind: plan.KindRecurring, months: yearly(sarov, 3, 6, 9, 12), recur: "quarterly"},
	{text: "по итогам месяца", period: sarov, kind: plan.KindRecurring, months: months("2021-01..2022-12"), recur: "monthly"},
	{text: "до 20 числа последнего месяца квартала", period: sarov, kind: plan.KindRecurring, months: yearly(sarov, 3, 6, 9, 12), recur: "quarterly"},
	{text: "по итогам года", period: sarov, kind: plan.KindDated, months: months("2021-12", "2022-12"), recur: "yearly"},
	{text: "по итогам 2021 года", period: sarov, kind: plan.KindDated, months: months("2021-12")},
	{text: "по итогам учебного года", period: derbent, kind: plan.KindDated, months: yearly(derbent, 5), recur: "yearly"},
	{text: "по итогам I полугодия 2022 г.", period: sarov, kind: plan.KindDated, months: months("2022-06")},
	{text: "по итогам мониторинга", period: sarov, kind: plan.KindUnscheduled}, // after an event: no fixed deadline
	{text: "в день проведения экзамена", period: sarov, kind: plan.KindUnscheduled},
	{text: "в период проведения ГИА", period: sarov, kind: plan.KindUnscheduled},
	{text: "до 10 числа месяца, следующего за отчетным периодом", period: sarov, kind: plan.KindRecurring,
		months: months("2021-04", "2021-07", "2021-10", "2022-01", "2022-04", "2022-07", "2022-10"), recur: "quarterly"},
	{text: "каждый четверг", period: sarov, kind: plan.KindRecurring, months: months("2021-01..2022-12"), recur: "monthly"},
	{text: "на период действия дорожной карты", period: sarov, kind: plan.KindPeriod, months: months("2021-01..2022-12")},
	{text: "в течение срока действия плана", period: sarov, kind: plan.KindPeriod, months: months("2021-01..2022-12")},
	// A day and month without a year; ordinals written "2-е", "1-я".
	{text: "до 15.09", period: sarov, kind: plan.KindDated, months: yearly(sarov, 9), recur: "yearly"},
	{text: "15.09 - 20.10.2021", period: sarov, kind: plan.KindRange, months: months("2021-09..2021-10"), due: "2021-10-20"},
	{text: "2-е полугодие 2021 г.", period: sarov, kind: plan.KindRange, months: months("2021-07..2021-12")},
	{text: "1-я декада сентября 2021", period: sarov, kind: plan.KindDated, months: months("2021-09"), note: "1-я декада"},
	// Seasons.
	{text: "весна 2022", period: sarov, kind: plan.KindRange, months: months("2022-03..2022-05")},
	{text: "осенью 2021 г.", period: sarov, kind: plan.KindRange, months: months("2021-09..2021-11")},
	{text: "в весенний период", period: sarov, kind: plan.KindPeriod, months: yearly(sarov, 3, 4, 5)},
	{text: "в период летней оздоровительной кампании", period: sarov, kind: plan.KindPeriod, months: yearly(sarov, 6, 7, 8)},
	// Holidays of one year.
	{text: "летний период 2024 г.", period: plan.Period{From: plan.MonthOf(2023, 1), To: plan.MonthOf(2025, 12)},
		kind: plan.KindRange, months: months("2024-06..2024-08")},
	{text: "летние каникулы 2022 года", period: sarov, kind: plan.KindRange, months: months("2022-06..2022-08")},
	{text: "в период зимних каникул 2022 г.", period: sarov, kind: plan.KindDated, months: months("2022-01")},
	{text: "летом 2021 г.", period: sarov, kind: plan.KindRange, months: months("2021-06..2021-08")},
	{text: "осенние каникулы 2022-2023 учебного года", period: derbent, kind: plan.KindDated, months: months("2022-11")},
	{text: "весенние каникулы 2022/2023 уч. г.", period: derbent, kind: plan.KindDated, months: months("2023-03")},
	{text: "летние каникулы 2022-2023 гг.", period: derbent, kind: plan.KindRange, months: months("2022-06..2022-08", "2023-06..2023-08")},
}

func fmtMonths(ms []plan.Month) string {
	var b strings.Builder
	for i := 0; i < len(ms); {
		j := i
		for j+1 < len(ms) && ms[j+1] == ms[j]+1 {
			j++
		}
		if b.Len() > 0 {
			b.WriteString(" ")
		}
		b.WriteString(ms[i].String())
		if j > i {
			fmt.Fprintf(&b, "..%s", ms[j])
		}
		i = j + 1
	}
	return "[" + b.String() + "]"
}

func TestParse(t *testing.T) {
	for _, set := range []struct {
		name  string
		cases []parseCase
	}{{"seed", seedCases}, {"form", formCases}} {
		for _, c := range set.cases {
			t.Run(set.name+"/"+c.text, func(t *testing.T) {
				r := Parse(c.text, c.period)
				s := r.Schedule
				if s.Text != c.text {
					t.Errorf("Text = %q, want the original", s.Text)
				}
				if s.Kind != c.kind {
					t.Errorf("Kind = %s, want %s", s.Kind, c.kind)
				}
				if got, want := fmtMonths(s.Months), fmtMonths(c.months); got != want {
					t.Errorf("Months = %s\n                want %s", got, want)
				}
				if s.Recurrence != c.recur {
					t.Errorf("Recurrence = %q, want %q", s.Recurrence, c.recur)
				}
				if s.Due != c.due {
					t.Errorf("Due = %q, want %q", s.Due, c.due)
				}
				if s.Note != c.note {
					t.Errorf("Note = %q, want %q", s.Note, c.note)
				}
				if got, want := fmtMonths(r.Outside), fmtMonths(c.outside); got != want {
					t.Errorf("Outside = %s, want %s", got, want)
				}
			})
		}
	}
}

// TestSeedDeadlinesKnown checks that every deadline text in the seed
// tables gets a kind other than unknown, except the fragments a page break
// left behind (their joined texts are in seedCases).
func TestSeedDeadlinesKnown(t *testing.T) {
	fragments := map[string]bool{
		"В течение": true, "В период каникул по": true, "отдельным планам": true,
		"В течение учебного года по плану Дагестанского": true, "учебного года": true,
		"института развития образования (далее-ДИРО)": true,
	}
	texts := seedDeadlines(t)
	if len(texts) < 60 {
		t.Fatalf("only %d deadline texts found in the seeds", len(texts))
	}
	for _, txt := range texts {
		if fragments[txt] {
			continue
		}
		if k := Parse(txt, derbent).Schedule.Kind; k == plan.KindUnknown {
			t.Errorf("%q: kind unknown", txt)
		}
	}
}

// seedDeadlines returns the distinct deadline cells (third column) of the
// item rows of both seed exports.
func seedDeadlines(t testing.TB) []string {
	t.Helper()
	seen := map[string]bool{}
	var out []string
	for _, name := range seeds.Names() {
		data, err := fs.ReadFile(seeds.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(data), "\n") {
			cells := strings.Split(line, "\t")
			if len(cells) < 3 || !itemNumber(cells[0]) {
				continue
			}
			d := strings.TrimSpace(cells[2])
			if d == "" || seen[d] {
				continue
			}
			seen[d] = true
			out = append(out, d)
		}
	}
	return out
}

// itemNumber reports a first cell that numbers an item ("1.2.", "1.1.1.2")
// or is empty (a continuation row).
func itemNumber(s string) bool {
	s = strings.TrimSpace(s)
	for _, r := range s {
		if (r < '0' || r > '9') && r != '.' {
			return false
		}
	}
	return true
}

// TestMonthForms reads every month in the nominative, genitive and
// prepositional case and in its short forms, in any capitalisation.
func TestMonthForms(t *testing.T) {
	forms := [12][]string{
		{"январь", "января", "январе", "янв."},
		{"февраль", "февраля", "феврале", "фев.", "февр."},
		{"март", "марта", "марте", "мар."},
		{"апрель", "апреля", "апреле", "апр."},
		{"май", "мая", "мае"},
		{"июнь", "июня", "июне", "июн."},
		{"июль", "июля", "июле", "июл."},
		{"август", "августа", "августе", "авг."},
		{"сентябрь", "сентября", "сентябре", "сен.", "сент."},
		{"октябрь", "октября", "октябре", "окт."},
		{"ноябрь", "ноября", "ноябре", "ноя.", "нояб."},
		{"декабрь", "декабря", "декабре", "дек."},
	}
	for i, fs := range forms {
		for _, f := range fs {
			for _, text := range []string{f + " 2022 г.", strings.ToUpper(f) + " 2022", strings.ToUpper(f[:2]) + f[2:] + "\u00a02022\u00a0года"} {
				s := Parse(text, sarov).Schedule
				if want := plan.MonthOf(2022, i+1); s.Kind != plan.KindDated || len(s.Months) != 1 || s.Months[0] != want {
					t.Errorf("%q: %s %v, want dated %s", text, s.Kind, s.Months, want)
				}
			}
		}
	}
}

// TestReportAfterPeriod: a report after each quarter that runs to the
// period's end is due on the last quarter after the period; Parse names
// that month (After) rather than dropping it unsaid.
func TestReportAfterPeriod(t *testing.T) {
	for _, tc := range []struct {
		text   string
		period plan.Period
		after  plan.Month
	}{
		{"не позднее 10 числа месяца, следующего за отчетным кварталом", sarov, plan.MonthOf(2023, 1)},
		{"ежеквартально до 10 числа", sarov, plan.MonthOf(2023, 1)},
		// A school-year plan to August: its last quarter (July-September)
		// is reported in October.
		{"не позднее 10 числа месяца, следующего за отчетным кварталом", derbent, plan.MonthOf(2024, 10)},
		// Reports in 2021 only: the last, on its fourth quarter, is due
		// in January 2022, inside the period.
		{"в 2021 году ежеквартально до 10 числа месяца, следующего за отчетным кварталом", sarov, 0},
		// Quarterly work, not reports after the quarter.
		{"ежеквартально", sarov, 0},
		{"не позднее 10 числа месяца, следующего за отчетным кварталом", plan.Period{}, 0},
	} {
		if got := Parse(tc.text, tc.period).After; got != tc.after {
			t.Errorf("Parse(%q, %v).After = %v, want %v", tc.text, tc.period, got, tc.after)
		}
	}
}
