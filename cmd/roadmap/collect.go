package main

import (
	"fmt"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/roadmap-tool/roadmap/collect"
	"github.com/roadmap-tool/roadmap/internal/ruscli"
	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/produce"
)

func init() {
	register(&cli.Command{
		Name:      "collect",
		Usage:     "собрать заполненные чек-листы школ (и трекер) в базу отметок",
		ArgsUsage: "PATH...",
		UsageText: "roadmap collect [--db FILE] [-q КВАРТАЛ] [--replace] [--prefer tracker] [--plan INPUT]... [--orgs ORGS] PATH...\n\n" +
			"Пример:\n   roadmap collect входящие/                               # все .xlsx папки и подпапок\n" +
			"   roadmap collect --plan plan.json --db roadmap.db школа10.xlsx\n" +
			"   roadmap collect --replace -q 2022Q1 входящие/            # перезаписать за I квартал 2022",
		Description: "Файл сопоставляется с планом и школой по служебному листу, строки — по скрытому\n" +
			"столбцу ID, поэтому сортировка, фильтры, удаленные строки и переименованные листы\n" +
			"не мешают. Каждый сбор — одна транзакция: прерванный сбор не оставляет следов.\n" +
			"Ответы записываются за квартал, на который выпущен чек-лист (служебный лист), или за\n" +
			"--quarter; квартал вне периода плана не принимается. Принимается только выпущенное:\n" +
			"изменения служебного листа видны по подписи базы, организация должна быть получателем\n" +
			"чек-листа, строки — ее пунктами (иначе файл или строка отклоняются с причиной).\n" +
			"Повторный сбор того же файла ничего не меняет; --replace записывает его заново (за\n" +
			"другой квартал) и делает главным среди файлов организации за квартал, прежние записи\n" +
			"остаются в истории как замененные. Из двух файлов одной школы за квартал иначе\n" +
			"действует сохраненный позже (по отметке времени сохранения в книге).\n" +
			"Код выхода 1, если хотя бы один файл не принят (причина указана в отчете).",
		Flags: withLimits(
			&cli.StringFlag{Name: "db", Value: "roadmap.db", Usage: "база отметок `FILE` (создается при первом сборе)"},
			quarterFlag("записать ответы за `КВАРТАЛ`, например 2022Q1 (по умолчанию — квартал, на который выпущен каждый файл)"),
			&cli.BoolFlag{Name: "replace", Usage: "записать файлы заново, даже если они уже собраны (за другой квартал), и сделать их главными за квартал"},
			&cli.StringFlag{Name: "prefer", Value: "schools", Usage: "при расхождении верить `schools` (школам) или tracker (трекеру департамента)"},
			&cli.StringSliceFlag{Name: "plan", Usage: "зарегистрировать план `INPUT` (JSON или экспорт) перед сбором"},
			&cli.StringFlag{Name: "orgs", Usage: "справочник организаций `ORGS`, с которым выпущены чек-листы (для планов, не выпущенных этой базой)"},
			&cli.BoolFlag{Name: "verbose", Usage: "показывать и справочные замечания"},
		),
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
	if _, err := parseQuarter(c); err != nil {
		return err
	}
	r, err := reader(c)
	if err != nil {
		return err
	}
	dir, err := loadOrgs(c, r.Limits)
	if err != nil {
		return err
	}
	db := c.String("db")
	plans := make([]*plan.Plan, 0, len(c.StringSlice("plan")))
	for _, in := range c.StringSlice("plan") {
		p, err := r.OpenFile(c.Context, in)
		if err != nil {
			return err
		}
		plans = append(plans, p)
	}
	if err := produce.RegisterInFile(c.Context, db, plans...); err != nil {
		return err
	}
	st, err := produce.OpenStore(db)
	if err != nil {
		return err
	}
	defer st.Close()
	rep, err := collect.Run(c.Context, st, c.Args().Slice(), collect.Options{Quarter: c.String("quarter"), Replace: c.Bool("replace"),
		PreferTracker: prefer == "tracker", Now: time.Now(), MaxBytes: r.Limits.MaxBytes,
		Recipients: func(p *plan.Plan) map[string][]string { return produce.RecipientMap(p, dir) }})
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
