package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/urfave/cli/v2"
	"golang.org/x/term"

	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/orgdir"
	"github.com/roadmap-tool/roadmap/pipeline"
)

func init() {
	register(&cli.Command{
		Name:      "build",
		Usage:     "все результаты для одной или многих дорожных карт",
		ArgsUsage: "[ФАЙЛ или ПАПКА ...]",
		Description: "Для каждой дорожной карты пишет план (JSON), замечания, трекер Excel, чек-листы школ,\n" +
			"квартальный отчет PDF и матрицы; для всего запуска — summary.csv и index.html.\n" +
			"Без аргументов обрабатывает встроенные примеры.\n\n" +
			"Пример:\n   roadmap build -o out\n   roadmap build -o out --quarter 2022Q1 --orgs schools.csv region/",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Value: "out", Usage: "папка результатов"},
			&cli.StringFlag{Name: "quarter", Usage: "квартал отчета, например 2022Q1 (по умолчанию текущий в пределах периода плана)"},
			&cli.StringFlag{Name: "orgs", Usage: "справочник организаций (CSV или YAML: name, short, groups)"},
			&cli.StringFlag{Name: "db", Usage: "хранилище статусов (по умолчанию ПАПКА_РЕЗУЛЬТАТОВ/roadmap.db)"},
			&cli.IntFlag{Name: "jobs", Aliases: []string{"j"}, Usage: "число параллельных обработчиков (по умолчанию по числу ядер)"},
			&cli.StringFlag{Name: "templates", Usage: "папка с измененными шаблонами подписей"},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "ничего не печатать, кроме ошибок"},
		},
		Action: runBuild,
	})
}

func runBuild(c *cli.Context) error {
	opts := pipeline.Options{
		OutDir: c.String("output"), DB: c.String("db"), Jobs: c.Int("jobs"),
		TemplatesDir: c.String("templates"), Version: version, Now: nowForOutputs(),
	}
	if q := c.String("quarter"); q != "" {
		pq, err := plan.ParseQuarter(q)
		if err != nil {
			return usagef("--quarter: %v", err)
		}
		opts.Quarter = &pq
	}
	if f := c.String("orgs"); f != "" {
		d, err := orgdir.Load(f)
		if err != nil {
			return err
		}
		opts.Directory = d
	}
	inputs := pipeline.SeedInputs()
	if c.NArg() > 0 {
		var err error
		if inputs, err = pipeline.CollectInputs(c.Args().Slice()); err != nil {
			return err
		}
	}
	ctx, stop := signal.NotifyContext(c.Context, os.Interrupt, syscall.SIGTERM)
	defer stop()
	ui := newBuildUI(c.App.ErrWriter, len(inputs), c.Bool("quiet"))
	opts.Event = ui.event
	start := time.Now()
	results, err := pipeline.Run(ctx, inputs, opts)
	ui.finish()
	return reportBuild(c.App.Writer, results, err, len(inputs), time.Since(start), opts.OutDir, c.Bool("quiet"))
}

// buildUI shows progress: a bar on a terminal, one line per file otherwise.
type buildUI struct {
	w     io.Writer
	bar   *progressbar.ProgressBar
	quiet bool
}

func newBuildUI(w io.Writer, n int, quiet bool) *buildUI {
	ui := &buildUI{w: w, quiet: quiet}
	if f, ok := w.(*os.File); ok && !quiet && term.IsTerminal(int(f.Fd())) {
		ui.bar = progressbar.NewOptions(n, progressbar.OptionSetWriter(w), progressbar.OptionSetDescription("сборка"),
			progressbar.OptionShowCount(), progressbar.OptionSetPredictTime(true), progressbar.OptionClearOnFinish(),
			progressbar.OptionThrottle(100*time.Millisecond))
	}
	return ui
}

func (ui *buildUI) event(r pipeline.Result) {
	switch {
	case ui.bar != nil:
		if r.Err != nil {
			progressbar.Bprintln(ui.bar, "ошибка:", r.Err)
		}
		ui.bar.Add(1)
	case r.Err != nil:
		fmt.Fprintln(ui.w, "ошибка:", r.Err)
	case !ui.quiet:
		fmt.Fprintf(ui.w, "готово: %s -> %s (%d мероприятий, предупреждений: %d)\n", r.Input, r.Dir, r.Items, r.Warnings)
	}
}

func (ui *buildUI) finish() {
	if ui.bar != nil {
		ui.bar.Finish()
	}
}

// reportBuild prints the run summary and turns failures into the exit code.
func reportBuild(w io.Writer, results []pipeline.Result, runErr error, total int, took time.Duration, out string, quiet bool) error {
	done, failed := 0, 0
	for _, r := range results {
		if r.Err != nil {
			failed++
		} else if len(r.Outputs) > 0 {
			done++
		}
	}
	if !quiet {
		printSummaryTable(w, results)
		fmt.Fprintf(w, "Готово файлов: %d из %d, с ошибками: %d, за %.1f с. Сводка: %s/summary.csv, %s/index.html\n",
			done, total, failed, took.Seconds(), out, out)
	}
	if runErr == context.Canceled {
		return exitError{code: exitFailure, msg: fmt.Sprintf("прервано: готово %d из %d файлов", done, total)}
	}
	if runErr != nil {
		return runErr
	}
	if failed > 0 {
		return exitError{code: exitFailure, msg: fmt.Sprintf("не обработано файлов: %d из %d", failed, total)}
	}
	return nil
}

func printSummaryTable(w io.Writer, results []pipeline.Result) {
	if len(results) > 40 {
		return // a region: the CSV and the index hold the detail
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "файл\tразделов\tмероприятий\tпредупр.\tошибок\tрезультат")
	for _, r := range results {
		state := r.Dir + "/"
		if r.Err != nil {
			state = "ошибка"
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%s\n", r.Input, r.Sections, r.Items, r.Warnings, r.Errors, state)
	}
	tw.Flush()
}
