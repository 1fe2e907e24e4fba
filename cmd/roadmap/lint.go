package main

import (
	"errors"
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/roadmap-tool/roadmap/internal/ruscli"
	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/produce"
)

func init() {
	register(&cli.Command{
		Name: "lint",
		Flags: withLimits(
			&cli.BoolFlag{Name: "strict"},
			&cli.BoolFlag{Name: "explain"},
			jobsFlag(),
		),
		Action: runLint,
	})
}

func runLint(c *cli.Context) error {
	if c.NArg() == 0 {
		return ruscli.Usagef("lint: не указан входной файл; пример: roadmap lint plan.txt")
	}
	n, err := intFlag(c, "jobs")
	if err != nil {
		return err
	}
	rd, err := reader(c)
	if err != nil {
		return err
	}
	inputs, err := rd.Inputs(c.Args().Slice())
	if err != nil {
		return err
	}
	r := produce.Lint(c.Context, inputs, n)
	if err := r.WriteText(c.App.Writer, c.App.ErrWriter, c.Bool("explain")); err != nil {
		return err
	}
	switch {
	case c.Context.Err() != nil:
		return fmt.Errorf("lint: %w", c.Context.Err())
	case r.Unreadable > 0 || r.Counts[plan.Error] > 0:
		return errors.New("lint: найдены ошибки")
	case c.Bool("strict") && r.Counts[plan.Warning] > 0:
		return ruscli.ExitError{Code: exitWarnings, Msg: "lint: найдены предупреждения (--strict)"}
	}
	return nil
}
