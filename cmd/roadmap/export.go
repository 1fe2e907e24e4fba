package main

import (
	"io"

	"github.com/urfave/cli/v2"

	"github.com/roadmap-tool/roadmap/internal/ruscli"
	"github.com/roadmap-tool/roadmap/produce"
)

func init() {
	register(&cli.Command{
		Name: "export",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "db", Value: "roadmap.db"},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}},
		},
		Action: runExport,
	})
}

func runExport(c *cli.Context) error {
	if c.NArg() > 0 {
		return ruscli.Usagef("export: лишние аргументы %q; пример: roadmap export --db roadmap.db -o база.jsonl", c.Args().Slice())
	}
	out, _, err := outputFile(c, "roadmap export --db roadmap.db -o база.jsonl", "jsonl")
	if err != nil {
		return err
	}
	return produce.WriteFileTo(out, c.App.Writer, func(w io.Writer) error {
		return produce.ExportStore(c.Context, c.String("db"), w)
	})
}
