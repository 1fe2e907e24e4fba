package main

import (
	"time"

	"github.com/urfave/cli/v2"

	"github.com/roadmap-tool/roadmap/orgdir"
	"github.com/roadmap-tool/roadmap/pipeline"
	"github.com/roadmap-tool/roadmap/produce"
	"github.com/roadmap-tool/roadmap/templates"
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
			templatesFlag(),
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "ничего не печатать, кроме ошибок"},
		},
		Action: runBuild,
	})
}

func runBuild(c *cli.Context) error {
	q, err := parseQuarter("build", c.String("quarter"))
	if err != nil {
		return err
	}
	lab, err := templates.Load(c.String("templates"))
	if err != nil {
		return err
	}
	opts := pipeline.Options{OutDir: c.String("output"), DB: c.String("db"), Jobs: c.Int("jobs"), Quarter: q,
		Labels: lab, Version: version, Now: nowForOutputs()}
	if f := c.String("orgs"); f != "" {
		if opts.Directory, err = orgdir.Load(f); err != nil {
			return err
		}
	}
	inputs := produce.Seeds()
	if c.NArg() > 0 {
		if inputs, err = produce.Inputs(c.Args().Slice()); err != nil {
			return err
		}
	}
	ui := pipeline.NewProgress(c.App.ErrWriter, len(inputs), c.Bool("quiet"))
	opts.Event = ui.Event
	start := time.Now()
	results, err := pipeline.Run(c.Context, inputs, opts)
	ui.Finish()
	if !c.Bool("quiet") {
		pipeline.WriteText(c.App.Writer, results, len(inputs), time.Since(start), opts.OutDir)
	}
	return pipeline.Outcome(results, err, len(inputs))
}
