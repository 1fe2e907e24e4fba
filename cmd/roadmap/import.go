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
		Name:      "import",
		Usage:     "загрузить выгрузку (roadmap export) или целую базу департамента в базу отметок",
		ArgsUsage: "SOURCE",
		UsageText: "roadmap import SOURCE --db DB [--municipality НАЗВАНИЕ]\n\n" +
			"Пример:\n   roadmap import регион.jsonl --db roadmap.db                 # в пустую базу: все как было\n" +
			"   roadmap import саров.db --db 'postgres://roadmap@db.example.ru/roadmap' --municipality \"г. Саров\"",
		Description: "SOURCE — файл выгрузки (.jsonl, «-» — стандартный ввод) или сама база департамента (файл SQLite\n" +
			"или postgres://…): она выгружается на лету, так что переезд в базу региона — одна команда.\n\n" +
			"В пустую базу загружается все как было, с теми же номерами: выгрузка после загрузки совпадает\n" +
			"с исходной. В непустую базу (региона) переносится база одного департамента: она становится\n" +
			"муниципалитетом --municipality (новым или пустым), ее планы и логины пользователей должны быть\n" +
			"новыми для базы, номера строк назначаются заново, ключ подписи чек-листов департамента\n" +
			"продолжает действовать для его планов. Загрузка идет одной транзакцией: при любой ошибке\n" +
			"в базе ничего не меняется.",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "db", Value: "roadmap.db", Usage: "база отметок `DB`, в которую загружать: файл SQLite (создается) или postgres://…"},
			&cli.StringFlag{Name: "municipality", Usage: "муниципалитет (`НАЗВАНИЕ`), которым станет база департамента в базе региона"},
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
