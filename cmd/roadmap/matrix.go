package main

import (
	"io"

	"github.com/urfave/cli/v2"

	"github.com/roadmap-tool/roadmap/internal/ruscli"
	"github.com/roadmap-tool/roadmap/produce"
)

func init() {
	register(&cli.Command{
		Name: "matrix",
		Flags: withLimits(
			&cli.StringFlag{Name: "db"},
			quarterFlag(),
			templatesFlag(),
			outputFlag(),
			&cli.StringFlag{Name: "format"},
		),
		Action: runMatrix,
	})
}

func runMatrix(c *cli.Context) error {
	out, format, err := outputFile(c, "roadmap matrix -o matrix.xlsx plan.json", "xlsx", "pdf")
	if err != nil {
		return err
	}
	if f := c.String("format"); f != "" {
		if f != "xlsx" && f != "pdf" {
			return ruscli.Usagef("matrix: --format %q: ожидается xlsx или pdf", f)
		}
		if format != "" && format != f {
			return ruscli.Usagef("matrix: --format %s, а выходной файл %s: укажите одно и то же", f, out)
		}
		format = f
	}
	if format == "" {
		format = "xlsx"
	}
	p, q, set, err := openDoc(c)
	if err != nil {
		return err
	}
	if p, err = inForce(c, p, q); err != nil {
		return err
	}
	o := produce.MatrixOptions{Settings: set, Format: format}
	if o.Progress, err = readProgress(c, p, q); err != nil {
		return err
	}
	return produce.WriteFileTo(out, c.App.Writer, func(w io.Writer) error { return produce.Matrices(c.Context, w, p, o) })
}
