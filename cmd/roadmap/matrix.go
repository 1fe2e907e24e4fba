package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/roadmap-tool/roadmap/internal/atomicfile"
	"github.com/roadmap-tool/roadmap/render/matrix"
	"github.com/roadmap-tool/roadmap/render/pdf"
	"github.com/roadmap-tool/roadmap/render/xlsx"
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
			&cli.StringFlag{Name: "quarter", Aliases: []string{"q"}, Usage: "отметки не позже `КВАРТАЛА` (по умолчанию все)"},
			&cli.StringFlag{Name: "templates", Usage: "`DIR` с report.yaml (подписи PDF)"},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "записать матрицы в `FILE` (.xlsx или .pdf)"},
		},
		Action: func(c *cli.Context) error {
			input, err := oneInput("matrix", c.Args().Slice())
			if err != nil {
				return err
			}
			o := matrixOptions{input: input, db: c.String("db"), quarter: c.String("quarter"),
				templates: c.String("templates"), output: c.String("output"), now: nowForOutputs(), stderr: c.App.ErrWriter}
			return runMatrix(o)
		},
	})
}

type matrixOptions struct {
	input, db, quarter, templates, output string
	now                                   time.Time
	stderr                                io.Writer // warnings; nil discards them
}

func runMatrix(o matrixOptions) error {
	ext := strings.ToLower(filepath.Ext(o.output))
	if o.output == "" || ext != ".xlsx" && ext != ".pdf" {
		return usagef("matrix: укажите выходной файл .xlsx или .pdf: -o matrix.xlsx")
	}
	p, prog, quarter, err := loadPlanProgress("matrix", o.input, o.db, o.quarter)
	if err != nil {
		return err
	}
	warnNoAnswers(o.stderr, o.db, quarter, prog)
	s := matrix.Build(p, prog)
	write := func(w io.Writer) error { return xlsx.WriteMatrices(w, p, s) }
	if ext == ".pdf" {
		write = func(w io.Writer) error {
			return pdf.WriteMatrices(w, p, s, pdf.MatrixOptions{TemplatesDir: o.templates, Now: o.now})
		}
	}
	if err := atomicfile.Write(o.output, write); err != nil {
		return fmt.Errorf("%s: %w", o.output, unwrapPathError(err))
	}
	return nil
}
