package main

import (
	"encoding/json"

	"github.com/urfave/cli/v2"

	"github.com/roadmap-tool/roadmap/internal/ruscli"
	"github.com/roadmap-tool/roadmap/produce"
)

func init() {
	register(&cli.Command{
		Name:      "history",
		Usage:     "история редакций плана: когда какая действовала и сколько ответов собрано по каждой",
		ArgsUsage: "INPUT",
		UsageText: "roadmap history [--db FILE] [--format table|json] INPUT\n\n" +
			"Пример:\n   roadmap history --db roadmap.db plan.json",
		Description: "INPUT — любая редакция плана из базы. Для каждой редакции: когда зарегистрирована,\n" +
			"с какого квартала действует, число мероприятий и собранных ответов, что изменено;\n" +
			"затем по кварталам периода — какая редакция действовала.",
		Flags: withLimits(
			&cli.StringFlag{Name: "db", Value: "roadmap.db", Usage: "база отметок `FILE`"},
			&cli.StringFlag{Name: "format", Value: "table", Usage: "формат вывода `ФОРМАТ`: table или json"},
			templatesFlag(),
		),
		Action: runHistory,
	})
}

func runHistory(c *cli.Context) error {
	format := c.String("format")
	if format != "table" && format != "json" {
		return ruscli.Usagef("history: неизвестный формат %q: ожидается table или json", format)
	}
	p, _, set, err := openDoc(c)
	if err != nil {
		return err
	}
	st, err := produce.OpenExistingStore(c.String("db"))
	if err != nil {
		return err
	}
	defer st.Close()
	h, err := produce.VersionHistory(c.Context, st, p)
	if err != nil {
		return err
	}
	if format == "json" {
		enc := json.NewEncoder(c.App.Writer)
		enc.SetIndent("", "  ")
		return enc.Encode(h)
	}
	return produce.WriteHistory(c.App.Writer, h, &set.Labels.Changes)
}
