package main

import (
	"fmt"
	"sort"
	"strings"

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
	res, err := produce.ImportStore(c.Context, c.Args().First(), c.String("db"), produce.ImportOptions{Municipality: c.String("municipality")})
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	tables := make([]string, 0, len(res.Rows))
	for t, n := range res.Rows {
		if n > 0 {
			tables = append(tables, fmt.Sprintf("%s %d", t, n))
		}
	}
	sort.Strings(tables)
	how := "в пустую базу"
	if res.Merged {
		how = "муниципалитетом «" + strings.TrimSpace(c.String("municipality")) + "»"
	}
	_, err = fmt.Fprintf(c.App.Writer, "Загружено %s: %s\n", how, strings.Join(tables, ", "))
	return err
}
