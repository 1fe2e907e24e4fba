package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/roadmap-tool/roadmap/internal/ruscli"
	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/produce"
)

func init() {
	register(&cli.Command{
		Name: "ingest",
		Flags: withLimits(
			&cli.StringFlag{Name: "format", Value: "json"},
			outputFlag(),
			jobsFlag(),
		),
		Action: runIngest,
	})
}

func runIngest(c *cli.Context) error {
	if c.NArg() == 0 {
		return ruscli.Usagef("ingest: не указан входной файл; пример: roadmap ingest plan.txt -o plan.json")
	}
	format, ok := produce.PlanFormats[c.String("format")]
	if !ok {
		return ruscli.Usagef("ingest: неизвестный формат %q: ожидается json или text", c.String("format"))
	}
	r, err := reader(c)
	if err != nil {
		return err
	}
	input := c.Args().First()
	if st, err := os.Stat(input); c.NArg() > 1 || err == nil && st.IsDir() {
		return ingestAll(c, r, format)
	}
	p, err := r.OpenFile(c.Context, input)
	if err != nil {
		return err
	}
	if err := produce.Diagnostics(c.Context, c.App.ErrWriter, p); err != nil {
		return err
	}
	out := c.String("output")
	switch {
	case out == "" && c.IsSet("output"):
		return ruscli.Usagef("ingest: -o: пустое имя файла; без -o (или с -o -) результат идет в стандартный вывод")
	case out == "":
		out = "-" // stdout
	}
	err = produce.WriteFileTo(out, c.App.Writer, func(w io.Writer) error { return format.Write(c.Context, w, p) })
	if err == nil && p.Diagnostics.HasErrors() {
		// The plan is written, but exit 0 means "warnings at most".
		return fmt.Errorf("ingest: %s: в документе есть ошибки (%d), план записан; см. замечания выше",
			produce.InputName(input), p.Diagnostics.Count(plan.Error))
	}
	return err
}

// ingestAll is ingest of several inputs (files or folders) into the
// folder -o: the diagnostics of each input in order, a line for each
// input not read, then a summary.
func ingestAll(c *cli.Context, r produce.Reader, format produce.PlanFormat) error {
	dir := c.String("output")
	if dir == "" || dir == "-" {
		return ruscli.Usagef("ingest: для нескольких входов укажите папку: roadmap ingest -o планы/ %s", strings.Join(c.Args().Slice(), " "))
	}
	if err := ingestFolder(dir, c.Args().Slice()); err != nil {
		return err
	}
	// An -o folder below an input folder is passed over by the walk, so
	// that a second run does not read the plans of the first.
	r.Outputs = []string{dir}
	inputs, err := r.Inputs(c.Args().Slice()) // one that cannot be read fails alone
	if err != nil {
		return err
	}
	n, err := intFlag(c, "jobs")
	if err != nil {
		return err
	}
	done, err := r.IngestAll(c.Context, inputs, dir, format.Ext, n, format.Write)
	if err != nil {
		return err
	}
	return produce.WriteIngested(c.Context, c.App.Writer, c.App.ErrWriter, done, dir)
}

// ingestFolder checks the -o of several inputs: a folder (or a name to
// create one), never an existing file or device, and not one of the
// input folders themselves, where the next run would read the plans
// written as inputs (ingest -o in in, twice, gave in/a_2.json).
func ingestFolder(dir string, args []string) error {
	st, err := os.Stat(dir)
	if err != nil {
		if lst, lerr := os.Lstat(dir); lerr == nil && lst.Mode()&os.ModeSymlink != 0 {
			// A link to nothing: mkdir said "файл уже существует".
			return fmt.Errorf("%s: символическая ссылка указывает на несуществующую папку; укажите саму папку", dir)
		}
		return nil // created when written
	}
	if !st.IsDir() {
		return ruscli.Usagef("ingest: -o %s: для нескольких входов ожидается папка, а это файл", dir)
	}
	for _, a := range args {
		if in, err := os.Stat(a); err == nil && os.SameFile(in, st) {
			return ruscli.Usagef("ingest: -o %s: это входная папка, и планы из нее были бы прочитаны как входы при следующем запуске; укажите другую папку (например, -o %s)",
				dir, filepath.Join(dir, "планы"))
		}
	}
	return nil
}
