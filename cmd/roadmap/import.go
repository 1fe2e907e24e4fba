package main

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/roadmap-tool/roadmap/internal/ruscli"
	"github.com/roadmap-tool/roadmap/produce"
)

func init() {
	register(&cli.Command{
		Name: "import",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "db", Value: "roadmap.db"},
			&cli.StringFlag{Name: "municipality"},
		},
		Action: runImport,
	})
}

func runImport(c *cli.Context) error {
	if c.NArg() != 1 {
		return ruscli.Usagef("import: ожидается один источник (файл выгрузки или база), указано %d; пример: roadmap import саров.jsonl --db roadmap.db", c.NArg())
	}
	o := produce.ImportOptions{Municipality: c.String("municipality")}
	res, err := produce.ImportStore(c.Context, c.Args().First(), c.String("db"), o)
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	_, err = fmt.Fprintln(c.App.Writer, produce.ImportSummary(res, o))
	return err
}
