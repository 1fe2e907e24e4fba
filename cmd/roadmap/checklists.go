package main

import (
	"github.com/urfave/cli/v2"

	"github.com/roadmap-tool/roadmap/internal/ruscli"
	"github.com/roadmap-tool/roadmap/orgdir"
	"github.com/roadmap-tool/roadmap/produce"
)

func init() {
	register(&cli.Command{
		Name:      "checklists",
		Usage:     "чек-листы Excel для организаций-исполнителей (по одному файлу на организацию)",
		ArgsUsage: "INPUT",
		UsageText: "roadmap checklists -o DIR [--orgs ORGS] [--password P] [--templates DIR] INPUT\n\n" +
			"Пример:\n   roadmap checklists -o чек-листы plan.txt\n" +
			"   roadmap checklists --orgs schools.csv -o чек-листы plan.json   # группы ОО, ОбОО раскрываются по справочнику",
		Description: "В каждый файл попадают мероприятия, где организация — исполнитель или соисполнитель,\n" +
			"в том числе через группу (ОО, ОбОО, «МБОУ Школы №№ 10, 17»). Справочник --orgs: CSV с заголовком\n" +
			"name,short,groups (группы через «;») или YAML-список {name, short, groups}. Без справочника\n" +
			"файлы составляются на организации и группы, названные в плане. Список файлов — DIR/checklists.csv.",
		Flags: []cli.Flag{
			outputFlag("папка `DIR` для чек-листов (создается при необходимости)"),
			&cli.StringFlag{Name: "orgs", Usage: "справочник организаций `ORGS` (CSV или YAML: name, short, groups)"},
			&cli.StringFlag{Name: "password", Usage: "пароль защиты листов (по умолчанию защита без пароля)"},
			templatesFlag(),
			&cli.IntFlag{Name: "jobs", Aliases: []string{"j"}, Usage: "число параллельных обработчиков (по умолчанию по числу ядер)"},
			&cli.StringFlag{Name: "db", Value: "roadmap.db", Usage: "база отметок `FILE`, в которой регистрируется план, чтобы collect узнал заполненные файлы (\"\" — не регистрировать)"},
		},
		Action: runChecklists,
	})
}

func runChecklists(c *cli.Context) error {
	out := c.String("output")
	if out == "" {
		return ruscli.Usagef("checklists: не указана папка; пример: roadmap checklists -o чек-листы plan.txt")
	}
	p, _, set, err := openDoc(c, "checklists")
	if err != nil {
		return err
	}
	var dir *orgdir.Directory
	if f := c.String("orgs"); f != "" {
		if dir, err = orgdir.Load(f); err != nil {
			return err
		}
	}
	if err := produce.RegisterInFile(c.Context, c.String("db"), p); err != nil {
		return err
	}
	if p, err = inForce(c, p, nil); err != nil {
		return err
	}
	recips, diags := produce.Recipients(p, dir)
	produce.WriteDiagnostics(c.App.ErrWriter, diags)
	files, err := produce.WriteChecklists(c.Context, out, p, recips,
		produce.ChecklistOptions{Settings: set, Password: c.String("password"), Jobs: c.Int("jobs")})
	if err != nil {
		return err
	}
	return produce.WriteChecklistList(c.App.Writer, out, files)
}
