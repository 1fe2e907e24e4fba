package main

import (
	"time"

	"github.com/urfave/cli/v2"

	"github.com/roadmap-tool/roadmap/pipeline"
	"github.com/roadmap-tool/roadmap/produce"
)

func init() {
	register(&cli.Command{
		Name:      "build",
		Usage:     "все результаты для одной или многих дорожных карт",
		ArgsUsage: "[ФАЙЛ или ПАПКА ...]",
		UsageText: "roadmap build [-o DIR] [-q КВАРТАЛ] [--orgs ORGS] [--db FILE] [-j N] [--quiet] [ФАЙЛ или ПАПКА ...]",
		Description: "Для каждой дорожной карты пишет план (JSON), замечания, трекер Excel, чек-листы школ,\n" +
			"квартальный отчет PDF и матрицы; для всего запуска — summary.csv и index.html.\n" +
			"Без аргументов обрабатывает встроенные примеры. Результаты прежних сборок (папки с\n" +
			"меткой .roadmap-output, index.html, diagnostics.txt) входными данными не считаются.\n" +
			"Код выхода: 0 — все собрано, 1 — есть файлы с ошибками, 130 — сборка прервана.\n\n" +
			"Пример:\n   roadmap build -o out\n   roadmap build -o out --quarter 2022Q1 --orgs schools.csv region/",
		Flags: withLimits(
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Value: "out", Usage: "папка результатов `DIR`"},
			quarterFlag("квартал отчета `КВАРТАЛ`, например 2022Q1 (по умолчанию текущий в пределах периода плана)"),
			&cli.StringFlag{Name: "orgs", Usage: "справочник организаций `ORGS` (CSV или YAML: name, short, groups)"},
			&cli.StringFlag{Name: "db", Usage: "хранилище статусов `FILE` (по умолчанию ПАПКА_РЕЗУЛЬТАТОВ/roadmap.db)"},
			jobsFlag(),
			templatesFlag(),
			&cli.BoolFlag{Name: "quiet", Usage: "ничего не печатать, кроме ошибок"},
		),
		Action: runBuild,
	})
}

func runBuild(c *cli.Context) error {
	out, err := outputDir(c, "roadmap build -o out region/")
	if err != nil {
		return err
	}
	q, err := parseQuarter(c)
	if err != nil {
		return err
	}
	n, err := intFlag(c, "jobs")
	if err != nil {
		return err
	}
	set, err := settings(c)
	if err != nil {
		return err
	}
	r, err := reader(c)
	if err != nil {
		return err
	}
	opts := pipeline.Options{OutDir: out, DB: c.String("db"), Jobs: n, Quarter: q,
		Labels: set.Labels, Version: set.Version, Now: set.Now}
	if opts.Directory, err = loadOrgs(c, r.Limits); err != nil {
		return err
	}
	inputs := produce.Seeds()
	if c.NArg() > 0 {
		r.Outputs = []string{out}
		if inputs, err = r.Inputs(c.Args().Slice()); err != nil {
			return err
		}
	}
	ui := pipeline.NewProgress(c.App.ErrWriter, len(inputs), c.Bool("quiet"))
	opts.Event = ui.Event
	start := time.Now()
	results, err := pipeline.Run(c.Context, inputs, opts)
	ui.Finish()
	if !c.Bool("quiet") {
		pipeline.WriteText(c.App.Writer, results, len(inputs), time.Since(start), opts.OutDir, &set.Labels.Build)
	}
	return pipeline.Outcome(results, err, len(inputs))
}
