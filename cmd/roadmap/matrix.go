package main

import (
	"io"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/roadmap-tool/roadmap/internal/ruscli"
	"github.com/roadmap-tool/roadmap/produce"
)

func init() {
	register(&cli.Command{
		Name:      "matrix",
		Usage:     "сводные матрицы: исполнители × разделы, календарь, нагрузка по кварталам (Excel или PDF)",
		ArgsUsage: "INPUT",
		UsageText: "roadmap matrix [--db FILE] [--quarter 2022Q1] [--templates DIR] -o matrix.xlsx|matrix.pdf INPUT\n\n" +
			"Пример:\n   roadmap matrix -o матрицы.xlsx plan.json\n" +
			"   roadmap matrix --db status.db -o матрицы.pdf plan.json   # с матрицей разделы × статусы",
		Description: "Формат определяется расширением выходного файла: .xlsx или .pdf.",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "db", Usage: "база отметок о выполнении (`FILE`): добавляет матрицу разделы × статусы"},
			quarterFlag("отметки не позже `КВАРТАЛА` (по умолчанию все)"),
			templatesFlag(),
			outputFlag("записать матрицы в `FILE` (.xlsx или .pdf)"),
		},
		Action: runMatrix,
	})
}

func runMatrix(c *cli.Context) error {
	out := c.String("output")
	format := strings.TrimPrefix(strings.ToLower(filepath.Ext(out)), ".")
	if out == "" || format != "xlsx" && format != "pdf" {
		return ruscli.Usagef("matrix: укажите выходной файл .xlsx или .pdf: -o matrix.xlsx")
	}
	p, q, set, err := openDoc(c, "matrix")
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
	return produce.WriteFile(out, func(w io.Writer) error { return produce.Matrices(c.Context, w, p, o) })
}
