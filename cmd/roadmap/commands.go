package main

import (
	"github.com/urfave/cli/v2"

	"github.com/roadmap-tool/roadmap/internal/ruscli"
	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// commands are roadmap's commands: each its flags and the operation of
// the core it runs (produce.Request), with the command line shown when
// an argument or -o is missing; their words are in help.txt. build,
// serve and users are in files of their own.
var commands = []*cli.Command{
	{Name: "amend", Flags: withLimits(storeFlag(), quarter(), str("templates", "")),
		Action: func(c *cli.Context) error { return request(c, "").Amend(c.Context) }},
	buildCommand,
	{Name: "checklists", Flags: withLimits(output(""), quarter(), str("orgs", ""), str("password", ""), str("templates", ""), jobs(), str("db", "roadmap.db")),
		Action: func(c *cli.Context) error {
			return request(c, "roadmap checklists -o чек-листы plan.txt").Checklists(c.Context, c.String("password"))
		}},
	{Name: "collect", Flags: withLimits(storeFlag(), quarter(), boolean("replace"), str("prefer", "schools"),
		&cli.StringSliceFlag{Name: "plan"}, str("orgs", ""), boolean("verbose"), str("templates", "")),
		Action: func(c *cli.Context) error {
			return request(c, "roadmap collect --quarter 2022Q1 входящие/").Collect(c.Context, c.StringSlice("plan"), c.String("prefer"), c.Bool("replace"), c.Bool("verbose"))
		}},
	{Name: "diff", Flags: withLimits(str("format", ""), output(""), str("templates", "")), Action: runDiff},
	{Name: "export", Flags: []cli.Flag{storeFlag(), output("")},
		Action: func(c *cli.Context) error {
			return request(c, "roadmap export --db roadmap.db -o база.jsonl").Export(c.Context)
		}},
	{Name: "history", Flags: withLimits(storeFlag(), str("format", "table"), str("templates", "")),
		Action: func(c *cli.Context) error { return request(c, "").History(c.Context) }},
	{Name: "import", Flags: []cli.Flag{storeFlag(), str("municipality", "")},
		Action: func(c *cli.Context) error {
			return request(c, "roadmap import саров.jsonl --db roadmap.db").Import(c.Context, c.String("municipality"))
		}},
	{Name: "ingest", Flags: withLimits(str("format", "json"), output(""), jobs()),
		Action: func(c *cli.Context) error {
			return request(c, "roadmap ingest plan.txt -o plan.json").Ingest(c.Context)
		}},
	{Name: "lint", Flags: withLimits(boolean("strict"), boolean("explain"), jobs()), Action: runLint},
	{Name: "matrix", Flags: withLimits(str("db", ""), quarter(), str("templates", ""), output(""), str("format", "")),
		Action: func(c *cli.Context) error {
			return request(c, "roadmap matrix -o matrix.xlsx plan.json").Matrices(c.Context)
		}},
	{Name: "report", Flags: withLimits(quarter(), str("db", ""), str("templates", ""), output("")),
		Action: func(c *cli.Context) error {
			return request(c, "roadmap report plan.json --quarter 2022Q1 -o report.pdf").Report(c.Context)
		}},
	serveCommand,
	{Name: "status", Flags: withLimits(storeFlag(), quarter(), str("format", "table"), boolean("prefer-tracker"), str("templates", "")),
		Action: func(c *cli.Context) error { return request(c, "").Status(c.Context, c.Bool("prefer-tracker")) }},
	{Name: "tracker", Flags: withLimits(output(""), str("password", ""), str("db", ""), quarter(), str("templates", "")),
		Action: func(c *cli.Context) error {
			return request(c, "roadmap tracker -o tracker.xlsx plan.txt").Tracker(c.Context, c.String("password"))
		}},
	usersCommand,
}

// runDiff is diff, which exits 4 when the versions differ.
func runDiff(c *cli.Context) error {
	differs, err := request(c, "").Diff(c.Context)
	if differs {
		return ruscli.ExitError{Code: exitDiffers, Msg: "diff: редакции различаются"}
	}
	return err
}

// runLint is lint, which exits 3 on warnings with --strict.
func runLint(c *cli.Context) error {
	res, err := request(c, "roadmap lint plan.txt").Lint(c.Context, c.Bool("explain"))
	if err == nil && c.Bool("strict") && res.Counts[plan.Warning] > 0 {
		return ruscli.ExitError{Code: exitWarnings, Msg: "lint: найдены предупреждения (--strict)"}
	}
	return err
}
