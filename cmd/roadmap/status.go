package main

import (
	"io"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/roadmap-tool/roadmap/collect"
	"github.com/roadmap-tool/roadmap/internal/ruscli"
	"github.com/roadmap-tool/roadmap/produce"
	"github.com/roadmap-tool/roadmap/templates"
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

// statusWriters are the formats of `roadmap status`, by name.
var statusWriters = map[string]func(*collect.Summary, io.Writer, *templates.Labels) error{
	"table": (*collect.Summary).WriteTable,
	"json":  func(s *collect.Summary, w io.Writer, _ *templates.Labels) error { return s.WriteJSON(w) },
	"csv":   (*collect.Summary).WriteCSV,
}

func runStatus(c *cli.Context) error {
	write, ok := statusWriters[c.String("format")]
	if !ok {
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
	return write(collect.Summarize(p, prog, q), c.App.Writer, set.Labels)
}
