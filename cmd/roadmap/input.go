package main

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/roadmap-tool/roadmap/internal/ruscli"
	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/orgdir"
	"github.com/roadmap-tool/roadmap/produce"
	"github.com/roadmap-tool/roadmap/templates"
)

// Flags several commands share. Short names mean one thing everywhere:
// -o output, -q quarter, -j jobs (-h help and -v version are urfave's).
func templatesFlag() cli.Flag {
	return &cli.StringFlag{Name: "templates"}
}

func outputFlag() cli.Flag {
	return &cli.StringFlag{Name: "output", Aliases: []string{"o"}}
}

func quarterFlag() cli.Flag {
	return &cli.StringFlag{Name: "quarter", Aliases: []string{"q"}}
}

func jobsFlag() cli.Flag {
	return &cli.IntFlag{Name: "jobs", Aliases: []string{"j"}}
}

// withLimits adds the flags that raise the input limits (produce.Limits)
// to a command's flags.
func withLimits(flags ...cli.Flag) []cli.Flag {
	return append(flags,
		&cli.IntFlag{Name: "max-size"},
		&cli.IntFlag{Name: "max-cells"})
}

// intFlags are the bounds of the integer flags, and what a value out of
// them is told.
var intFlags = map[string]struct {
	min, max int
	want     string
}{
	"jobs":      {1, math.MaxInt, "ожидается число обработчиков от 1"},
	"max-size":  {1, 64 << 10, "ожидается размер в мегабайтах от 1 до 65536"},
	"max-cells": {1, 100_000_000, "ожидается число от 1 до 100000000"},
}

// intFlag reads an integer flag of intFlags: 0 when not given (--jobs:
// one per core; the limits: their defaults), a usage error out of its
// bounds.
func intFlag(c *cli.Context, name string) (int, error) {
	if !c.IsSet(name) {
		return 0, nil
	}
	b, n := intFlags[name], c.Int(name)
	if n < b.min || n > b.max {
		return 0, ruscli.Usagef("%s: --%s %d: %s", c.Command.Name, name, n, b.want)
	}
	return n, nil
}

// parseQuarter reads --quarter: nil when not given.
func parseQuarter(c *cli.Context) (*plan.Quarter, error) {
	if c.String("quarter") == "" {
		return nil, nil
	}
	q, err := plan.ParseQuarter(c.String("quarter"))
	if err != nil {
		return nil, ruscli.Usagef("%s: --quarter: %v", c.Command.Name, err)
	}
	return &q, nil
}

// quarterString is a quarter as the core takes it: "" for none.
func quarterString(q *plan.Quarter) string {
	if q == nil {
		return ""
	}
	return q.String()
}

// reader is how a command reads its roadmaps: within --max-size and
// --max-cells, "-" being standard input.
func reader(c *cli.Context) (produce.Reader, error) {
	mb, err := intFlag(c, "max-size")
	if err != nil {
		return produce.Reader{}, err
	}
	cells, err := intFlag(c, "max-cells")
	return produce.Reader{Limits: produce.Limits{MaxBytes: int64(mb) << 20, MaxCells: cells}, Stdin: c.App.Reader}, err
}

// settings are what every document of the run shares: the words of
// --templates (a folder that does not exist is a usage error, a template
// that does not read a failure), the time stamped into it and the version.
func settings(c *cli.Context) (produce.Settings, error) {
	dir := c.String("templates")
	if dir != "" {
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			return produce.Settings{}, ruscli.Usagef("%s: --templates %s: папка не найдена; ожидается папка с файлами шаблонов (*.yaml)", c.Command.Name, dir)
		}
	}
	lab, err := templates.Load(dir)
	return produce.Settings{Labels: lab, Now: produce.OutputTime(), Version: version}, err
}

// loadOrgs reads --orgs ("" = no directory), within --max-size.
func loadOrgs(c *cli.Context, l produce.Limits) (*orgdir.Directory, error) {
	if c.String("orgs") == "" {
		return nil, nil
	}
	return orgdir.LoadMax(c.String("orgs"), l.Above(orgdir.MaxFileBytes))
}

// outputFile reads -o of a command writing one file of a known kind: a
// regular file needs one of exts; "-" (stdout), a device or a FIFO is
// written through whatever its name. It returns the path and, when the
// name says it, the extension without the dot ("" for a path written
// through).
func outputFile(c *cli.Context, example string, exts ...string) (path, ext string, err error) {
	path, cmd := c.String("output"), c.Command.Name
	if path == "" {
		return "", "", ruscli.Usagef("%s: не указан выходной файл; пример: %s", cmd, example)
	}
	through, err := produce.WritesThrough(path)
	if err != nil {
		return "", "", err
	}
	ext = strings.TrimPrefix(strings.ToLower(filepath.Ext(path)), ".")
	switch {
	case slices.Contains(exts, ext):
		return path, ext, nil
	case through:
		return path, "", nil
	}
	return "", "", ruscli.Usagef("%s: выходной файл %q: ожидается расширение .%s (или «-» для стандартного вывода)", cmd, path, strings.Join(exts, " или ."))
}

// outputDir reads -o of a command writing a folder of files: "-", a
// device, a FIFO or a regular file is a usage error, since a folder of
// files cannot go there; a folder that does not exist is made.
func outputDir(c *cli.Context, example string) (string, error) {
	dir, cmd := c.String("output"), c.Command.Name
	if dir == "" {
		return "", ruscli.Usagef("%s: не указана папка; пример: %s", cmd, example)
	}
	if dir == produce.StdinArg {
		return "", ruscli.Usagef("%s: -o -: результаты — папка файлов, в стандартный вывод они не пишутся; пример: %s", cmd, example)
	}
	if st, err := os.Stat(dir); err == nil && !st.IsDir() {
		return "", ruscli.Usagef("%s: -o %s: это файл или устройство, а ожидается папка результатов", cmd, dir)
	}
	return dir, nil
}

// openDoc reads what a command writing one document of one plan needs:
// its INPUT (exactly one; "-" is standard input), --quarter (nil when not
// given), the settings with --templates, and the plan.
func openDoc(c *cli.Context) (*plan.Plan, *plan.Quarter, produce.Settings, error) {
	if c.NArg() != 1 {
		return nil, nil, produce.Settings{}, ruscli.Usagef("%s: ожидается один входной файл (план JSON или экспорт дорожной карты), указано %d", c.Command.Name, c.NArg())
	}
	q, err := parseQuarter(c)
	if err != nil {
		return nil, nil, produce.Settings{}, err
	}
	set, err := settings(c)
	if err != nil {
		return nil, nil, set, err
	}
	r, err := reader(c)
	if err != nil {
		return nil, nil, set, err
	}
	p, err := r.OpenFile(c.Context, c.Args().First())
	if err == nil {
		err = produce.NoItems(p)
	}
	return p, q, set, err
}

// openPair reads the two versions of a plan a command compares, OLD and
// NEW (exactly two arguments).
func openPair(c *cli.Context) (old, nw *plan.Plan, err error) {
	if c.NArg() != 2 {
		return nil, nil, ruscli.Usagef("%s: ожидаются две редакции плана, прежняя и новая (экспорт, документ Word/ODF или план JSON), указано %d", c.Command.Name, c.NArg())
	}
	if c.Args().Get(0) == produce.StdinArg && c.Args().Get(1) == produce.StdinArg {
		return nil, nil, ruscli.Usagef("%s: «-» (стандартный ввод) указан дважды: стандартным вводом может быть одна редакция", c.Command.Name)
	}
	r, err := reader(c)
	if err != nil {
		return nil, nil, err
	}
	if old, err = r.OpenFile(c.Context, c.Args().Get(0)); err != nil {
		return nil, nil, err
	}
	if err := produce.NoItems(old); err != nil {
		return nil, nil, err
	}
	if nw, err = r.OpenFile(c.Context, c.Args().Get(1)); err != nil {
		return nil, nil, err
	}
	return old, nw, produce.NoItems(nw)
}

// warn is how the core's warnings reach the user: on stderr.
func warn(c *cli.Context) func(string) {
	return func(msg string) { fmt.Fprintln(c.App.ErrWriter, "roadmap:", msg) }
}

// inForce returns the version of p in force in q (nil = the newest)
// according to the store of --db, saying on stderr when that is not p:
// after an amendment, documents are built from the version in force.
func inForce(c *cli.Context, p *plan.Plan, q *plan.Quarter) (*plan.Plan, error) {
	return produce.InForceFromFile(c.Context, c.String("db"), p, quarterString(q), warn(c))
}

// readProgress reads the answers to p up to quarter (nil = all) from --db
// ("" = no answers); a store without answers to p is said on stderr.
func readProgress(c *cli.Context, p *plan.Plan, q *plan.Quarter) (*plan.Progress, error) {
	return produce.ProgressFromFile(c.Context, c.String("db"), p, quarterString(q), c.Bool("prefer-tracker"), warn(c))
}
