package main

import (
	"io"

	"github.com/urfave/cli/v2"

	"github.com/roadmap-tool/roadmap/produce"
)

func init() {
	register(&cli.Command{
		Name: "report",
		Flags: withLimits(
			quarterFlag(),
			&cli.StringFlag{Name: "db"},
			templatesFlag(),
			outputFlag(),
		),
		Action: runReport,
	})
}

func runReport(c *cli.Context) error {
	out, _, err := outputFile(c, "roadmap report plan.json --quarter 2022Q1 -o report.pdf", "pdf")
	if err != nil {
		return err
	}
	produce.PrepareReport() // the PDF's fonts while the plan is read
	p, q, set, err := openDoc(c)
	if err != nil {
		return err
	}
	o := produce.ReportOptions{Settings: set, Quarter: produce.Quarter(p, q, set.Now)}
	if p, err = inForce(c, p, &o.Quarter); err != nil {
		return err
	}
	if o.Progress, err = readProgress(c, p, &o.Quarter); err != nil {
		return err
	}
	return produce.WriteFileTo(out, c.App.Writer, func(w io.Writer) error { return produce.Report(c.Context, w, p, o) })
}
