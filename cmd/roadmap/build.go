package main

import (
	"time"

	"github.com/urfave/cli/v2"

	"github.com/roadmap-tool/roadmap/pipeline"
	"github.com/roadmap-tool/roadmap/produce"
)

// buildCommand runs the pipeline (a loop over the core) over a region's
// roadmaps, the embedded seeds without arguments.
var buildCommand = &cli.Command{Name: "build", Action: runBuild,
	Flags: withLimits(output("out"), quarter(), str("orgs", ""), str("db", ""), jobs(), str("templates", ""), boolean("quiet"))}

func runBuild(c *cli.Context) error {
	r := request(c, "roadmap build -o out region/")
	if err := r.OutputDir(); err != nil {
		return err
	}
	q, set, dir, err := r.Prepare()
	if err != nil {
		return err
	}
	opts := pipeline.Options{OutDir: r.Output, DB: r.DB, Jobs: r.Jobs, Quarter: q, Directory: dir,
		Labels: set.Labels, Version: set.Version, Now: set.Now}
	inputs := produce.Seeds()
	if c.NArg() > 0 {
		rd := r.Reader()
		rd.Outputs = []string{r.Output}
		if inputs, err = rd.Inputs(r.Args); err != nil {
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
