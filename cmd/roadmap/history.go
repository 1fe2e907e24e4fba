package main

import (
	"encoding/json"

	"github.com/urfave/cli/v2"

	"github.com/roadmap-tool/roadmap/internal/ruscli"
	"github.com/roadmap-tool/roadmap/produce"
)

func init() {
	register(&cli.Command{
		Name: "history",
		Flags: withLimits(
			&cli.StringFlag{Name: "db", Value: "roadmap.db"},
			&cli.StringFlag{Name: "format", Value: "table"},
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
