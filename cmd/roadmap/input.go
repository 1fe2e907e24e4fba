package main

import (
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/roadmap-tool/roadmap/internal/ruscli"
	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/produce"
	"github.com/roadmap-tool/roadmap/templates"
)

// Flags several commands share.
func templatesFlag() cli.Flag {
	return &cli.StringFlag{Name: "templates", Usage: "`DIR` с измененными шаблонами подписей (*.yaml), заменяющими встроенные"}
}

func outputFlag(usage string) cli.Flag {
	return &cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: usage}
}

func quarterFlag(usage string) cli.Flag {
	return &cli.StringFlag{Name: "quarter", Aliases: []string{"q"}, Usage: usage}
}

// parseQuarter reads --quarter: nil when not given.
func parseQuarter(cmd, flag string) (*plan.Quarter, error) {
	if flag == "" {
		return nil, nil
	}
	q, err := plan.ParseQuarter(flag)
	if err != nil {
		return nil, ruscli.Usagef("%s: --quarter: %v", cmd, err)
	}
	return &q, nil
}

// openDoc reads what a command writing one document of one plan needs:
// its INPUT (exactly one), --quarter (nil when not given), the settings
// with --templates, and the plan.
func openDoc(c *cli.Context, cmd string) (*plan.Plan, *plan.Quarter, produce.Settings, error) {
	if c.NArg() != 1 {
		return nil, nil, produce.Settings{}, ruscli.Usagef("%s: ожидается один входной файл (план JSON или экспорт дорожной карты), указано %d", cmd, c.NArg())
	}
	q, err := parseQuarter(cmd, c.String("quarter"))
	if err != nil {
		return nil, nil, produce.Settings{}, err
	}
	lab, err := templates.Load(c.String("templates"))
	if err != nil {
		return nil, nil, produce.Settings{}, err
	}
	p, err := produce.OpenFile(c.Context, c.Args().First())
	return p, q, produce.Settings{Labels: lab, Now: nowForOutputs(), Version: version}, err
}

// openPair reads the two versions of a plan a command compares, OLD and
// NEW (exactly two arguments).
func openPair(c *cli.Context, cmd string) (old, nw *plan.Plan, err error) {
	if c.NArg() != 2 {
		return nil, nil, ruscli.Usagef("%s: ожидаются две редакции плана, прежняя и новая (экспорт, документ Word/ODF или план JSON), указано %d", cmd, c.NArg())
	}
	if old, err = produce.OpenFile(c.Context, c.Args().Get(0)); err != nil {
		return nil, nil, err
	}
	nw, err = produce.OpenFile(c.Context, c.Args().Get(1))
	return old, nw, err
}

// inForce returns the version of p in force in q (nil = the newest)
// according to the store of --db, saying on stderr when that is not p:
// after an amendment, documents are built from the version in force.
func inForce(c *cli.Context, p *plan.Plan, q *plan.Quarter) (*plan.Plan, error) {
	quarter := ""
	if q != nil {
		quarter = q.String()
	}
	return produce.InForceFromFile(c.Context, c.String("db"), p, quarter,
		func(msg string) { fmt.Fprintln(c.App.ErrWriter, "roadmap:", msg) })
}

// readProgress reads the answers to p up to quarter (nil = all) from --db
// ("" = no answers); a store without answers to p is said on stderr.
func readProgress(c *cli.Context, p *plan.Plan, q *plan.Quarter) (*plan.Progress, error) {
	quarter := ""
	if q != nil {
		quarter = q.String()
	}
	return produce.ProgressFromFile(c.Context, c.String("db"), p, quarter, c.Bool("prefer-tracker"),
		func(msg string) { fmt.Fprintln(c.App.ErrWriter, "roadmap:", msg) })
}

// nowForOutputs is the generation time stamped into outputs. With
// SOURCE_DATE_EPOCH set (reproducible builds), it is that instant, so the
// same inputs give byte-identical files.
func nowForOutputs() time.Time {
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		if sec, err := strconv.ParseInt(s, 10, 64); err == nil {
			return time.Unix(sec, 0).UTC()
		}
	}
	return time.Now()
}
