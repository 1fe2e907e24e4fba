package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/roadmap-tool/roadmap/collect"
	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/store"
)

func init() {
	register(&cli.Command{
		Name:      "collect",
		Usage:     "собрать заполненные чек-листы школ (и трекер) в базу отметок",
		ArgsUsage: "PATH...",
		UsageText: "roadmap collect [--db FILE] [--quarter 2022Q1] [--prefer tracker] [--plan INPUT]... PATH...\n\n" +
			"Пример:\n   roadmap collect --quarter 2022Q1 входящие/              # все .xlsx папки и подпапок\n" +
			"   roadmap collect --plan plan.json --db roadmap.db школа10.xlsx",
		Description: "Файл сопоставляется с планом и школой по служебному листу, строки — по скрытому\n" +
			"столбцу ID, поэтому сортировка, фильтры, удаленные строки и переименованные листы\n" +
			"не мешают. Каждый сбор — одна транзакция: прерванный сбор не оставляет следов.\n" +
			"Повторный сбор того же файла ничего не меняет. Из двух файлов одной школы за квартал\n" +
			"действует сохраненный позже (по отметке времени сохранения в книге), оба остаются в истории.\n" +
			"Код выхода 1, если хотя бы один файл не принят (причина указана в отчете).",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "db", Value: "roadmap.db", Usage: "база отметок `FILE` (создается при первом сборе)"},
			&cli.StringFlag{Name: "quarter", Aliases: []string{"q"}, Usage: "отчетный `КВАРТАЛ`, например 2022Q1 (по умолчанию текущий)"},
			&cli.StringFlag{Name: "prefer", Value: "schools", Usage: "при расхождении верить `schools` (школам) или tracker (трекеру департамента)"},
			&cli.StringSliceFlag{Name: "plan", Usage: "зарегистрировать план `INPUT` (JSON или экспорт) перед сбором"},
			&cli.BoolFlag{Name: "verbose", Aliases: []string{"v"}, Usage: "показывать и справочные замечания"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return usagef("collect: не указаны файлы или папки; пример: roadmap collect --quarter 2022Q1 входящие/")
			}
			o := collectOptions{db: c.String("db"), quarter: c.String("quarter"), prefer: c.String("prefer"),
				plans: c.StringSlice("plan"), paths: c.Args().Slice(), verbose: c.Bool("verbose"), now: time.Now()}
			return runCollect(c.Context, o, c.App.Writer)
		},
	})
}

type collectOptions struct {
	db, quarter, prefer string
	plans, paths        []string
	verbose             bool
	now                 time.Time
}

// registerPlan saves p in the store at path ("" = no store), so that the
// workbooks made from it are recognised when they come back.
func registerPlan(path string, p *plan.Plan) error {
	if path == "" {
		return nil
	}
	st, err := store.Open(path)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.SavePlan(p); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

func runCollect(ctx context.Context, o collectOptions, stdout io.Writer) error {
	if o.prefer != "schools" && o.prefer != "tracker" {
		return usagef("collect: --prefer %q: ожидается schools или tracker", o.prefer)
	}
	if o.quarter != "" {
		if _, err := plan.ParseQuarter(o.quarter); err != nil {
			return usagef("collect: --quarter: %v", err)
		}
	}
	st, err := store.Open(o.db)
	if err != nil {
		return err
	}
	defer st.Close()
	for _, in := range o.plans {
		p, err := loadPlan(in)
		if err != nil {
			return err
		}
		if err := st.SavePlan(p); err != nil {
			return fmt.Errorf("%s: %w", o.db, err)
		}
	}
	// Ctrl-C cancels the transaction: the store stays as it was.
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	rep, err := collect.Run(ctx, st, o.paths, collect.Options{Quarter: o.quarter, PreferTracker: o.prefer == "tracker", Now: o.now})
	if err != nil {
		return fmt.Errorf("collect: %w", err)
	}
	if err := rep.WriteText(stdout, o.verbose); err != nil {
		return err
	}
	if n := rep.Count(collect.Refused); n > 0 {
		return exitError{code: exitFailure, msg: fmt.Sprintf("collect: не принято файлов: %d из %d (причины выше)", n, len(rep.Files))}
	}
	return nil
}
