package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/roadmap-tool/roadmap/collect"
	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/store"
)

func init() {
	register(&cli.Command{
		Name:      "status",
		Usage:     "состояние исполнения плана по собранным отметкам: разделы, организации, невыполненное",
		ArgsUsage: "INPUT",
		UsageText: "roadmap status INPUT [--quarter 2022Q1] [--db FILE] [--format table|json|csv]\n\n" +
			"Пример:\n   roadmap status plan.json --quarter 2022Q1\n" +
			"   roadmap status plan.json --format csv > состояние.csv   # для Excel",
		Description: "Берется последний ответ каждой организации по каждому пункту до конца квартала.\n" +
			"Невыполненные — пункты со сроком до конца квартала без статуса «Выполнено»;\n" +
			"«просрочено» — срок закончился до начала квартала. CSV: по строке на пункт и организацию.",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "db", Value: "roadmap.db", Usage: "база отметок `FILE`, заполняемая командой collect"},
			&cli.StringFlag{Name: "quarter", Aliases: []string{"q"}, Usage: "`КВАРТАЛ`, например 2022Q1 (по умолчанию текущий в пределах периода плана)"},
			&cli.StringFlag{Name: "format", Value: "table", Usage: "table, json или csv"},
			&cli.BoolFlag{Name: "prefer-tracker", Usage: "ответы трекера департамента заменяют ответы школ"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usagef("status: ожидается один входной файл (план JSON или экспорт дорожной карты), указано %d", c.NArg())
			}
			o := statusOptions{input: c.Args().First(), db: c.String("db"), quarter: c.String("quarter"),
				format: c.String("format"), preferTracker: c.Bool("prefer-tracker"), now: time.Now()}
			return runStatus(o, c.App.Writer)
		},
	})
}

type statusOptions struct {
	input, db, quarter, format string
	preferTracker              bool
	now                        time.Time
}

func runStatus(o statusOptions, stdout io.Writer) error {
	var write func(*collect.Summary, io.Writer) error
	switch o.format {
	case "table":
		write = (*collect.Summary).WriteTable
	case "json":
		write = (*collect.Summary).WriteJSON
	case "csv":
		write = (*collect.Summary).WriteCSV
	default:
		return usagef("status: неизвестный формат %q: ожидается table, json или csv", o.format)
	}
	p, err := loadPlan(o.input)
	if err != nil {
		return err
	}
	q, err := statusQuarter(o.quarter, p.Period, o.now)
	if err != nil {
		return err
	}
	if _, err := os.Stat(o.db); err != nil {
		return fmt.Errorf("%s: %w (сначала соберите ответы: roadmap collect --db %s ...)", o.db, unwrapPathError(err), o.db)
	}
	st, err := store.Open(o.db)
	if err != nil {
		return err
	}
	defer st.Close()
	prog, err := st.Progress(p, store.Query{Quarter: q.String(), PreferTracker: o.preferTracker})
	if err != nil {
		return fmt.Errorf("%s: %w", o.db, err)
	}
	return write(collect.Summarize(p, prog, q), stdout)
}

// statusQuarter is --quarter, or the current quarter clamped to the
// plan's period (the same default as report).
func statusQuarter(flag string, period plan.Period, now time.Time) (plan.Quarter, error) {
	if flag != "" {
		q, err := plan.ParseQuarter(flag)
		if err != nil {
			return plan.Quarter{}, usagef("status: --quarter: %v", err)
		}
		return q, nil
	}
	m := plan.MonthOf(now.Year(), int(now.Month()))
	if !period.IsZero() {
		m = min(max(m, period.From), period.To)
	}
	return m.Quarter(), nil
}
