package main

import (
	"time"

	"github.com/urfave/cli/v2"

	"github.com/roadmap-tool/roadmap/internal/ruscli"
	"github.com/roadmap-tool/roadmap/produce"
)

func init() {
	register(&cli.Command{
		Name: "status",
		Flags: withLimits(
			&cli.StringFlag{Name: "db", Value: "roadmap.db"},
			quarterFlag(),
			&cli.StringFlag{Name: "format", Value: "table"},
			&cli.BoolFlag{Name: "prefer-tracker"},
			templatesFlag(),
		),
		Action: runStatus,
	})
}

func runStatus(c *cli.Context) error {
	if !produce.IsStatusFormat(c.String("format")) {
		return ruscli.Usagef("status: неизвестный формат %q: ожидается table, json или csv", c.String("format"))
	}
	p, requested, set, err := openDoc(c)
	if err != nil {
		return err
	}
	q := produce.Quarter(p, requested, time.Now())
	if p, err = inForce(c, p, &q); err != nil {
		return err
	}
	prog, err := readProgress(c, p, &q)
	if err != nil {
		return wrapf(err, " (сначала соберите ответы: roadmap collect --db %s ...)", c.String("db"))
	}
	return produce.Status(c.Context, c.App.Writer, p, prog, q, produce.StatusOptions{Settings: set, Format: c.String("format")})
}
