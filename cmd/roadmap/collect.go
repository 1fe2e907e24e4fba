package main

import (
	"fmt"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/roadmap-tool/roadmap/collect"
	"github.com/roadmap-tool/roadmap/internal/ruscli"
	"github.com/roadmap-tool/roadmap/produce"
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
			&cli.BoolFlag{Name: "verbose", Usage: "показывать и справочные замечания"},
		},
		Action: runCollect,
	})
}

func runCollect(c *cli.Context) error {
	if c.NArg() == 0 {
		return ruscli.Usagef("collect: не указаны файлы или папки; пример: roadmap collect --quarter 2022Q1 входящие/")
	}
	prefer := c.String("prefer")
	if prefer != "schools" && prefer != "tracker" {
		return ruscli.Usagef("collect: --prefer %q: ожидается schools или tracker", prefer)
	}
	if _, err := parseQuarter("collect", c.String("quarter")); err != nil {
		return err
	}
	db := c.String("db")
	if err := produce.RegisterFiles(c.Context, db, c.StringSlice("plan")...); err != nil {
		return err
	}
	st, err := produce.OpenStore(db)
	if err != nil {
		return err
	}
	defer st.Close()
	rep, err := collect.Run(c.Context, st, c.Args().Slice(), collect.Options{Quarter: c.String("quarter"), PreferTracker: prefer == "tracker", Now: time.Now()})
	if err != nil {
		return fmt.Errorf("collect: %w", err)
	}
	if err := rep.WriteText(c.App.Writer, c.Bool("verbose")); err != nil {
		return err
	}
	if n := rep.Count(collect.Refused); n > 0 {
		return fmt.Errorf("collect: не принято файлов: %d из %d (причины выше)", n, len(rep.Files))
	}
	return nil
}
