package main

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/produce"
)

func init() {
	register(&cli.Command{
		Name: "checklists",
		Flags: withLimits(
			outputFlag(),
			quarterFlag(),
			&cli.StringFlag{Name: "orgs"},
			&cli.StringFlag{Name: "password"},
			templatesFlag(),
			jobsFlag(),
			&cli.StringFlag{Name: "db", Value: "roadmap.db"},
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
	files, q, err := produce.ChecklistsInFile(c.Context, c.String("db"), out, p, dir, requested,
		produce.ChecklistOptions{Settings: set, Password: c.String("password"), Jobs: n,
			Warn:        warn(c),
			Diagnostics: func(ds plan.Diagnostics) { produce.WriteDiagnostics(c.App.ErrWriter, ds) },
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
	if err := produce.WriteChecklistList(c.App.Writer, out, files, set.Labels); err != nil {
		return err
	}
	how := "текущий в пределах периода плана"
	if requested != nil {
		how = "--quarter"
	}
	_, err = fmt.Fprintf(c.App.Writer, "Ответы собираются за %s (%s); квартал записан в каждый файл.\n", q.Label(), how)
	return err
}
