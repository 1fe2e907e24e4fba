package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/roadmap-tool/roadmap/internal/atomicfile"
	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/render/pdf"
	"github.com/roadmap-tool/roadmap/store"
)

func init() {
	register(&cli.Command{
		Name:      "report",
		Usage:     "квартальный отчет о реализации дорожной карты (PDF)",
		ArgsUsage: "INPUT",
		UsageText: "roadmap report [--quarter 2022Q1] [--db FILE] [--templates DIR] -o report.pdf INPUT\n\n" +
			"Пример:\n   roadmap report --quarter 2022Q1 --db status.db -o отчет-2022Q1.pdf plan.json\n" +
			"   roadmap report --quarter 2022Q1 -o план-2022Q1.pdf plan.txt   # без --db: план на квартал",
		Description: "Без --quarter берется текущий календарный квартал, если он входит в период плана;\n" +
			"до начала периода — его первый квартал, после окончания — последний.\n" +
			"Без --db отметок о выполнении нет: документ — план на квартал.",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "quarter", Aliases: []string{"q"}, Usage: "отчетный `КВАРТАЛ`, например 2022Q1"},
			&cli.StringFlag{Name: "db", Usage: "база отметок о выполнении (`FILE`), заполняемая командой collect"},
			&cli.StringFlag{Name: "templates", Usage: "`DIR` с report.yaml и common.yaml, заменяющими встроенные"},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "записать PDF в `FILE`"},
		},
		Action: func(c *cli.Context) error {
			input, err := oneInput("report", c.Args().Slice())
			if err != nil {
				return err
			}
			o := reportOptions{input: input, quarter: c.String("quarter"), db: c.String("db"),
				templates: c.String("templates"), output: c.String("output"), now: nowForOutputs(), stderr: c.App.ErrWriter}
			if o.output == "" {
				return usagef("report: не указан выходной файл; пример: roadmap report plan.json --quarter 2022Q1 -o report.pdf")
			}
			return runReport(o)
		},
	})
}

// oneInput checks that exactly one INPUT was given.
func oneInput(cmd string, args []string) (string, error) {
	if len(args) != 1 {
		return "", usagef("%s: ожидается один входной файл (план JSON или экспорт дорожной карты), указано %d", cmd, len(args))
	}
	return args[0], nil
}

type reportOptions struct {
	input, quarter, db, templates, output string
	now                                   time.Time
	stderr                                io.Writer // warnings; nil discards them
}

func runReport(o reportOptions) error {
	p, err := loadPlan(o.input)
	if err != nil {
		return err
	}
	q, err := reportQuarter(o.quarter, p.Period, o.now)
	if err != nil {
		return err
	}
	prog, err := loadProgress(o.db, p, q.String())
	if err != nil {
		return err
	}
	warnNoAnswers(o.stderr, o.db, q.String(), prog)
	opts := pdf.ReportOptions{Quarter: q, Progress: prog, TemplatesDir: o.templates, Now: o.now}
	if err := atomicfile.Write(o.output, func(w io.Writer) error { return pdf.WriteReport(w, p, opts) }); err != nil {
		return fmt.Errorf("%s: %w", o.output, unwrapPathError(err))
	}
	return nil
}

// reportQuarter is the --quarter value, or by default the calendar quarter
// of now clamped to the plan's period: a report is asked for the quarter
// one is in, and outside the period only its first or last quarter has
// activities to show.
func reportQuarter(flag string, period plan.Period, now time.Time) (plan.Quarter, error) {
	if flag != "" {
		q, err := plan.ParseQuarter(flag)
		if err != nil {
			return plan.Quarter{}, usagef("report: --quarter: %v", err)
		}
		return q, nil
	}
	m := plan.MonthOf(now.Year(), int(now.Month()))
	if !period.IsZero() {
		m = min(max(m, period.From), period.To)
	}
	return m.Quarter(), nil
}

// loadProgress reads the latest statuses for the quarter from the store at
// path; "" means no store and a nil Progress. A missing file is an error
// rather than a new empty database.
func loadProgress(path string, p *plan.Plan, quarter string) (*plan.Progress, error) {
	if path == "" {
		return nil, nil
	}
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("%s: %w", path, unwrapPathError(err))
	}
	s, err := store.Open(path)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	prog, err := s.Latest(p, quarter)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return prog, nil
}

// warnNoAnswers says on stderr that a store holds no answers for the plan
// (another plan's database, or one nothing was collected into yet): not an
// error, but every status would read "нет данных" without a word why.
func warnNoAnswers(stderr io.Writer, path, quarter string, prog *plan.Progress) {
	if prog == nil || len(prog.Answers) > 0 || stderr == nil {
		return
	}
	when := ""
	if quarter != "" {
		when = " за " + quarter + " и ранее"
	}
	fmt.Fprintf(stderr, "roadmap: %s: нет отметок о выполнении этого плана%s; статусы — «нет данных»\n", path, when)
}
