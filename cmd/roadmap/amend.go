package main

import (
	"github.com/urfave/cli/v2"

	"github.com/roadmap-tool/roadmap/produce"
)

func init() {
	register(&cli.Command{
		Name: "amend",
		Flags: withLimits(
			&cli.StringFlag{Name: "db", Value: "roadmap.db"},
			quarterFlag(),
			templatesFlag(),
		),
		Action: runAmend,
	})
}

func runAmend(c *cli.Context) error {
	q, err := parseQuarter(c)
	if err != nil {
		return err
	}
	set, err := settings(c)
	if err != nil {
		return err
	}
	old, nw, err := openPair(c)
	if err != nil {
		return err
	}
	st, err := produce.OpenExistingStore(c.String("db"))
	if err != nil {
		return err
	}
	defer st.Close()
	a, err := produce.Amend(c.Context, st, old, nw, produce.AmendOptions{Quarter: q})
	if err != nil {
		return err
	}
	return produce.WriteAmendment(c.App.Writer, a, &set.Labels.Changes)
}
