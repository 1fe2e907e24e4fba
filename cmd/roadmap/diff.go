package main

import (
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/roadmap-tool/roadmap/internal/ruscli"
	"github.com/roadmap-tool/roadmap/produce"
)

func init() {
	register(&cli.Command{
		Name: "diff",
		Flags: withLimits(
			&cli.StringFlag{Name: "format"},
			outputFlag(),
			templatesFlag(),
		),
		Action: runDiff,
	})
}

// diffFormats maps the extensions of -o to formats of produce.Changes.
var diffFormats = map[string]string{".xlsx": "xlsx", ".pdf": "pdf", ".json": "json", ".txt": "text"}

func runDiff(c *cli.Context) error {
	format, out := c.String("format"), c.String("output")
	if out == "" && c.IsSet("output") {
		return ruscli.Usagef("diff: -o: пустое имя файла; без -o (или с -o -) результат идет в стандартный вывод")
	}
	// A stream or a device (-o -, /dev/stdout, a named pipe) says nothing
	// of the format: --format does, as for matrix; it used to be refused
	// for want of an extension.
	stream := out == "" || out == "-"
	if !stream {
		through, err := produce.WritesThrough(out)
		if err != nil {
			return err
		}
		stream = through
	}
	if !stream {
		f, ok := diffFormats[strings.ToLower(filepath.Ext(out))]
		if !ok {
			return ruscli.Usagef("diff: выходной файл %q: ожидается расширение .xlsx, .pdf, .json или .txt", out)
		}
		if format != "" && format != f {
			return ruscli.Usagef("diff: --format %s не согласуется с файлом %s", format, out)
		}
		format = f
	}
	if format == "" {
		format = "text"
	}
	if format != "text" && format != "json" && (out == "" || stream && !slices.Contains([]string{"xlsx", "pdf"}, format)) {
		return ruscli.Usagef("diff: неизвестный формат %q: на экран — text или json; лист изменений — в файл: -o FILE.xlsx или -o FILE.pdf (в поток или на устройство: --format xlsx или pdf)", format)
	}
	set, err := settings(c)
	if err != nil {
		return err
	}
	old, nw, err := openPair(c)
	if err != nil {
		return err
	}
	d, err := produce.Compare(c.Context, old, nw)
	if err != nil {
		return err
	}
	o := produce.ChangesOptions{Settings: set, Format: format}
	write := func(w io.Writer) error { return produce.Changes(c.Context, w, d, o) }
	if out == "" {
		out = "-"
	}
	err = produce.WriteFileTo(out, c.App.Writer, write)
	if err != nil {
		return err
	}
	if d.Differs() {
		return ruscli.ExitError{Code: exitDiffers, Msg: "diff: редакции различаются"}
	}
	return nil
}
