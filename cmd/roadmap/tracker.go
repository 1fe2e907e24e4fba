package main

import (
	"io"

	"github.com/urfave/cli/v2"

	"github.com/roadmap-tool/roadmap/produce"
)

func init() {
	register(&cli.Command{
		Name: "tracker",
		Flags: withLimits(
			outputFlag(),
			&cli.StringFlag{Name: "password"},
			&cli.StringFlag{Name: "db"},
			quarterFlag(),
			templatesFlag(),
		),
		Action: runTracker,
	})
}

func runTracker(c *cli.Context) error {
	out, _, err := outputFile(c, "roadmap tracker -o tracker.xlsx plan.txt", "xlsx")
	if err != nil {
		return err
	}
	p, q, set, err := openDoc(c)
	if err != nil {
		return err
	}
	if p, err = inForce(c, p, q); err != nil {
		return err
	}
	o := produce.TrackerOptions{Settings: set, Password: c.String("password")}
	if o.Progress, err = readProgress(c, p, q); err != nil {
		return err
	}
	// The manifest carries the quarter; with --db it is signed and the
	// issue recorded, so that the filled tracker is collected as the
	// department's.
	if o.Issue, err = produce.IssueInFile(c.Context, c.String("db"), p, produce.KindTracker, produce.Quarter(p, q, set.Now), nil); err != nil {
		return err
	}
	return produce.WriteFileTo(out, c.App.Writer, func(w io.Writer) error { return produce.Tracker(c.Context, w, p, o) })
}
