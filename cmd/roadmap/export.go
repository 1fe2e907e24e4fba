package main

import (
	"io"

	"github.com/urfave/cli/v2"

	"github.com/roadmap-tool/roadmap/internal/ruscli"
	"github.com/roadmap-tool/roadmap/produce"
)

func init() {
	register(&cli.Command{
		Name:  "export",
		Usage: "выгрузить всю базу отметок в файл JSON Lines (для переноса между SQLite и PostgreSQL)",
		UsageText: "roadmap export --db DB -o FILE\n\n" +
			"Пример:\n   roadmap export --db roadmap.db -o саров.jsonl\n" +
			"   roadmap export --db 'postgres://roadmap@db.example.ru/roadmap' -o регион.jsonl",
		Description: "Выгружаются планы с редакциями, организации и справочники, пользователи (хеши паролей)\n" +
			"и токены (хеши), ссылки школ (хеши), собранные файлы с ответами, ответы, сохраненные на сайте,\n" +
			"со всей историей, сведения о выпуске и ключ подписи чек-листов: храните файл так же бережно, как базу.\n" +
			"Сессии и попытки входа не выгружаются. Загрузка: roadmap import.",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "db", Value: "roadmap.db", Usage: "база отметок `DB`: файл SQLite или postgres://…"},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "файл выгрузки `FILE` (.jsonl; «-» — стандартный вывод)"},
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
