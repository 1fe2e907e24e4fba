package main

import (
	"time"

	"github.com/urfave/cli/v2"

	"github.com/roadmap-tool/roadmap/pipeline"
	"github.com/roadmap-tool/roadmap/produce"
)

func init() {
	register(&cli.Command{
		Name: "build",
		Flags: withLimits(
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Value: "out"},
			quarterFlag(),
			&cli.StringFlag{Name: "orgs"},
			&cli.StringFlag{Name: "db"},
			jobsFlag(),
			templatesFlag(),
			&cli.BoolFlag{Name: "quiet"},
		),
		Action: runBuild,
	})
}

func runBuild(c *cli.Context) error {
	out, err := outputDir(c, "roadmap build -o out region/")
	if err != nil {
		return err
	}
	q, err := parseQuarter(c)
	if err != nil {
		return err
	}
	n, err := intFlag(c, "jobs")
	if err != nil {
		return err
	}
	set, err := settings(c)
	if err != nil {
		return err
	}
	r, err := reader(c)
	if err != nil {
		return err
	}
	opts := pipeline.Options{OutDir: out, DB: c.String("db"), Jobs: n, Quarter: q,
		Labels: set.Labels, Version: set.Version, Now: set.Now}
	if opts.Directory, err = loadOrgs(c, r.Limits); err != nil {
		return err
	}
	inputs := produce.Seeds()
	if c.NArg() > 0 {
		r.Outputs = []string{out}
		if inputs, err = r.Inputs(c.Args().Slice()); err != nil {
			return err
		}
	}
	ui := pipeline.NewProgress(c.App.ErrWriter, len(inputs), c.Bool("quiet"))
	opts.Event = ui.Event
	start := time.Now()
	results, err := pipeline.Run(c.Context, inputs, opts)
	ui.Finish()
	if !c.Bool("quiet") {
		pipeline.WriteText(c.App.Writer, results, len(inputs), time.Since(start), opts.OutDir, &set.Labels.Build)
	}
	return pipeline.Outcome(results, err, len(inputs))
}
