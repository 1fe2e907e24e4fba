package main

import (
	"fmt"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/roadmap-tool/roadmap/collect"
	"github.com/roadmap-tool/roadmap/internal/ruscli"
	"github.com/roadmap-tool/roadmap/produce"
)

func init() {
	register(&cli.Command{
		Name: "collect",
		Flags: withLimits(
			&cli.StringFlag{Name: "db", Value: "roadmap.db"},
			quarterFlag(),
			&cli.BoolFlag{Name: "replace"},
			&cli.StringFlag{Name: "prefer", Value: "schools"},
			&cli.StringSliceFlag{Name: "plan"},
			&cli.StringFlag{Name: "orgs"},
			&cli.BoolFlag{Name: "verbose"},
			templatesFlag(),
		),
		Action: runCollect,
	})
}

func runCollect(c *cli.Context) error {
	if c.NArg() == 0 {
		return ruscli.Usagef("collect: не указаны файлы или папки; пример: roadmap collect --quarter 2022Q1 входящие/")
	}
	prefer := c.String("prefer")
	if prefer != "schools" && prefer != "tracker" {
		return ruscli.Usagef("collect: --prefer %q: ожидается schools или tracker", prefer)
	}
	if _, err := parseQuarter(c); err != nil {
		return err
	}
	r, err := reader(c)
	if err != nil {
		return err
	}
	set, err := settings(c)
	if err != nil {
		return err
	}
	dir, err := loadOrgs(c, r.Limits)
	if err != nil {
		return err
	}
	plans, err := r.OpenFiles(c.Context, c.StringSlice("plan"))
	if err != nil {
		return err
	}
	rep, err := produce.CollectInFile(c.Context, c.String("db"), c.Args().Slice(), plans, dir, produce.CollectOptions{Quarter: c.String("quarter"),
		Replace: c.Bool("replace"), PreferTracker: prefer == "tracker", Now: time.Now(), MaxBytes: r.Limits.MaxBytes})
	if err != nil {
		return err
	}
	if err := rep.WriteText(c.App.Writer, c.Bool("verbose"), &set.Labels.Collect); err != nil {
		return err
	}
	if n := rep.Count(collect.Refused); n > 0 {
		return fmt.Errorf("collect: не принято файлов: %d из %d (причины выше)", n, len(rep.Files))
	}
	return nil
}
