package main

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/roadmap-tool/roadmap/produce"
)

func init() {
	register(&cli.Command{
		Name:      "checklists",
		Usage:     "чек-листы Excel для организаций-исполнителей (по одному файлу на организацию)",
		ArgsUsage: "INPUT",
		UsageText: "roadmap checklists -o DIR [-q КВАРТАЛ] [--orgs ORGS] [--password P] [--templates DIR] INPUT\n\n" +
			"Пример:\n   roadmap checklists -o чек-листы plan.txt\n" +
			"   roadmap checklists --orgs schools.csv -o чек-листы plan.json   # группы ОО, ОбОО раскрываются по справочнику",
		Description: "В каждый файл попадают мероприятия, где организация — исполнитель или соисполнитель,\n" +
			"в том числе через группу (ОО, ОбОО, «МБОУ Школы №№ 10, 17»). Справочник --orgs: CSV с заголовком\n" +
			"name,short,groups (группы через «;») или YAML-список {name, short, groups}. Без справочника\n" +
			"файлы составляются на организации и группы, названные в плане. Список файлов — DIR/checklists.csv.\n" +
			"В каждый файл записывается квартал, за который он собирается (--quarter, по умолчанию текущий\n" +
			"в пределах периода плана), и подпись базы --db, по которой collect узнает изменения служебного листа.\n" +
			"Повторный выпуск в ту же папку удаляет незаполненные чек-листы этого плана из прежнего списка,\n" +
			"которых больше нет среди получателей; заполненные и чужие файлы остаются (о них сказано).",
		Flags: withLimits(
			outputFlag("папка `DIR` для чек-листов (создается при необходимости)"),
			quarterFlag("`КВАРТАЛ`, за который собираются ответы, например 2022Q1 (по умолчанию текущий в пределах периода плана)"),
			&cli.StringFlag{Name: "orgs", Usage: "справочник организаций `ORGS` (CSV или YAML: name, short, groups)"},
			&cli.StringFlag{Name: "password", Usage: "`ПАРОЛЬ` защиты листов (по умолчанию защита без пароля)"},
			templatesFlag(),
			jobsFlag(),
			&cli.StringFlag{Name: "db", Value: "roadmap.db", Usage: "база отметок `FILE`, в которой регистрируется план, чтобы collect узнал заполненные файлы (\"\" — не регистрировать)"},
		),
		Action: runChecklists,
	})
}

func runChecklists(c *cli.Context) error {
	out, err := outputDir(c, "roadmap checklists -o чек-листы plan.txt")
	if err != nil {
		return err
	}
	n, err := intFlag(c, "jobs")
	if err != nil {
		return err
	}
	r, err := reader(c)
	if err != nil {
		return err
	}
	p, requested, set, err := openDoc(c)
	if err != nil {
		return err
	}
	dir, err := loadOrgs(c, r.Limits)
	if err != nil {
		return err
	}
	q := produce.Quarter(p, requested, set.Now)
	// The plan given is registered; the checklists follow the version in
	// force in the quarter asked for, or the newest without --quarter, as
	// the tracker does.
	if err := produce.RegisterInFile(c.Context, c.String("db"), p); err != nil {
		return err
	}
	if p, err = inForce(c, p, requested); err != nil {
		return err
	}
	recips, diags := produce.Recipients(p, dir)
	produce.WriteDiagnostics(c.App.ErrWriter, diags)
	iss, err := produce.IssueInFile(c.Context, c.String("db"), p, produce.KindChecklist, q, recips)
	if err != nil {
		return err
	}
	files, err := produce.WriteChecklists(c.Context, out, p, recips,
		produce.ChecklistOptions{Settings: set, Password: c.String("password"), Jobs: n, Issue: iss,
			Stale: func(file string, removed bool, why string) {
				if removed {
					fmt.Fprintf(c.App.Writer, "Удален устаревший чек-лист %s: %s\n", file, why)
				} else {
					fmt.Fprintf(c.App.ErrWriter, "roadmap: %s оставлен, хотя его нет в новом списке: %s\n", file, why)
				}
			}})
	if err != nil {
		return err
	}
	if err := produce.WriteChecklistList(c.App.Writer, out, files); err != nil {
		return err
	}
	how := "текущий в пределах периода плана"
	if requested != nil {
		how = "--quarter"
	}
	_, err = fmt.Fprintf(c.App.Writer, "Ответы собираются за %s (%s); квартал записан в каждый файл.\n", q.Label(), how)
	return err
}
