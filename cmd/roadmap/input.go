package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

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
	return &cli.StringFlag{Name: "templates", Usage: "`DIR` с измененными шаблонами подписей (*.yaml), заменяющими встроенные"}
}

func outputFlag(usage string) cli.Flag {
	return &cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: usage}
}

func quarterFlag(usage string) cli.Flag {
	return &cli.StringFlag{Name: "quarter", Aliases: []string{"q"}, Usage: usage}
}

func jobsFlag() cli.Flag {
	return &cli.IntFlag{Name: "jobs", Aliases: []string{"j"}, Usage: "число параллельных обработчиков `N` (по умолчанию по числу ядер)"}
}

// limitFlags raise the input limits (produce.Limits).
func limitFlags() []cli.Flag {
	return []cli.Flag{
		&cli.IntFlag{Name: "max-size", Usage: "наибольший размер входного файла, `МБ`: поднимает пределы (экспорт 32, план JSON 128, книга Excel 50, справочник 8 МБ)"},
		&cli.IntFlag{Name: "max-cells", Usage: "наибольшее число ячеек таблицы дорожной карты `N` (по умолчанию 500000)"},
	}
}

// withLimits adds the limit flags to a command's flags.
func withLimits(flags ...cli.Flag) []cli.Flag { return append(flags, limitFlags()...) }

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

// jobs reads --jobs: 0 (one per core) when not given, a usage error
// below 1.
func jobs(c *cli.Context, cmd string) (int, error) {
	if !c.IsSet("jobs") {
		return 0, nil
	}
	if n := c.Int("jobs"); n >= 1 {
		return n, nil
	}
	return 0, ruscli.Usagef("%s: --jobs %d: ожидается число обработчиков от 1", cmd, c.Int("jobs"))
}

// limits reads --max-size and --max-cells (usage errors when out of
// range).
func limits(c *cli.Context, cmd string) (produce.Limits, error) {
	var l produce.Limits
	if c.IsSet("max-size") {
		mb := c.Int("max-size")
		if mb < 1 || mb > 64<<10 {
			return l, ruscli.Usagef("%s: --max-size %d: ожидается размер в мегабайтах от 1 до 65536", cmd, mb)
		}
		l.MaxBytes = int64(mb) << 20
	}
	if c.IsSet("max-cells") {
		n := c.Int("max-cells")
		if n < 1 || n > 100_000_000 {
			return l, ruscli.Usagef("%s: --max-cells %d: ожидается число от 1 до 100000000", cmd, n)
		}
		l.MaxCells = n
	}
	return l, nil
}

// reader is how a command reads its roadmaps: within --max-size and
// --max-cells, "-" being standard input.
func reader(c *cli.Context, cmd string) (produce.Reader, error) {
	l, err := limits(c, cmd)
	return produce.Reader{Limits: l, Stdin: c.App.Reader}, err
}

// loadTemplates reads --templates; a folder that does not exist is a
// usage error, a template that does not read a failure.
func loadTemplates(c *cli.Context, cmd string) (*templates.Labels, error) {
	dir := c.String("templates")
	if dir != "" {
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			return nil, ruscli.Usagef("%s: --templates %s: папка не найдена; ожидается папка с файлами шаблонов (*.yaml)", cmd, dir)
		}
	}
	return templates.Load(dir)
}

// loadOrgs reads --orgs ("" = no directory), within --max-size.
func loadOrgs(c *cli.Context, l produce.Limits) (*orgdir.Directory, error) {
	f := c.String("orgs")
	if f == "" {
		return nil, nil
	}
	return orgdir.LoadMax(f, l.Above(orgdir.MaxFileBytes))
}

// outputFile reads -o of a command writing one file of a known kind: a
// regular file needs one of exts; "-" (stdout), a device or a FIFO is
// written through whatever its name. It returns the path and, when the
// name says it, the extension without the dot ("" for a path written
// through).
func outputFile(c *cli.Context, cmd, example string, exts ...string) (path, ext string, err error) {
	path = c.String("output")
	if path == "" {
		return "", "", ruscli.Usagef("%s: не указан выходной файл; пример: %s", cmd, example)
	}
	through, err := produce.WritesThrough(path)
	if err != nil {
		return "", "", err
	}
	ext = strings.TrimPrefix(strings.ToLower(filepath.Ext(path)), ".")
	if through {
		if !slices.Contains(exts, ext) {
			ext = ""
		}
		return path, ext, nil
	}
	if !slices.Contains(exts, ext) {
		return "", "", ruscli.Usagef("%s: выходной файл %q: ожидается расширение .%s (или «-» для стандартного вывода)", cmd, path, strings.Join(exts, " или ."))
	}
	return path, ext, nil
}

// outputDir reads -o of a command writing a folder of files: "-", a
// device, a FIFO or a regular file is a usage error, since a folder of
// files cannot go there; a folder that does not exist is made.
func outputDir(c *cli.Context, cmd, example string) (string, error) {
	dir := c.String("output")
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

// inputName is an input argument as messages name it.
func inputName(arg string) string {
	if arg == produce.StdinArg {
		return produce.StdinName
	}
	return arg
}

// openDoc reads what a command writing one document of one plan needs:
// its INPUT (exactly one; "-" is standard input), --quarter (nil when not
// given), the settings with --templates, and the plan.
func openDoc(c *cli.Context, cmd string) (*plan.Plan, *plan.Quarter, produce.Settings, error) {
	if c.NArg() != 1 {
		return nil, nil, produce.Settings{}, ruscli.Usagef("%s: ожидается один входной файл (план JSON или экспорт дорожной карты), указано %d", cmd, c.NArg())
	}
	q, err := parseQuarter(cmd, c.String("quarter"))
	if err != nil {
		return nil, nil, produce.Settings{}, err
	}
	lab, err := loadTemplates(c, cmd)
	if err != nil {
		return nil, nil, produce.Settings{}, err
	}
	r, err := reader(c, cmd)
	if err != nil {
		return nil, nil, produce.Settings{}, err
	}
	p, err := r.OpenFile(c.Context, c.Args().First())
	return p, q, produce.Settings{Labels: lab, Now: nowForOutputs(), Version: version}, err
}

// openPair reads the two versions of a plan a command compares, OLD and
// NEW (exactly two arguments).
func openPair(c *cli.Context, cmd string) (old, nw *plan.Plan, err error) {
	if c.NArg() != 2 {
		return nil, nil, ruscli.Usagef("%s: ожидаются две редакции плана, прежняя и новая (экспорт, документ Word/ODF или план JSON), указано %d", cmd, c.NArg())
	}
	if c.Args().Get(0) == produce.StdinArg && c.Args().Get(1) == produce.StdinArg {
		return nil, nil, ruscli.Usagef("%s: «-» (стандартный ввод) указан дважды: стандартным вводом может быть одна редакция", cmd)
	}
	// Through reader, as every other command: within --max-size, and
	// "-" is standard input (it was refused as not supported here).
	r, err := reader(c, cmd)
	if err != nil {
		return nil, nil, err
	}
	if old, err = r.OpenFile(c.Context, c.Args().Get(0)); err != nil {
		return nil, nil, err
	}
	nw, err = r.OpenFile(c.Context, c.Args().Get(1))
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
