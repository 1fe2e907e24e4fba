package main

import (
	"errors"
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/roadmap-tool/roadmap/internal/ruscli"
	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/produce"
)

func init() {
	register(&cli.Command{
		Name:      "lint",
		Usage:     "проверить дорожные карты и вывести замечания",
		ArgsUsage: "INPUT...",
		UsageText: "roadmap lint [--strict] ФАЙЛ или ПАПКА... («-» — стандартный ввод)\n\n" +
			"Пример:\n   roadmap lint plan.txt\n   roadmap lint region/                # все дорожные карты папки\n   roadmap lint --strict seeds/*.txt   # предупреждения тоже считаются ошибками\n   roadmap lint --explain plan.txt     # как прочитана таблица, со строками",
		Description: "Файл или папка, которые не читаются, называются с причиной, остальные проверяются.\n" +
			"Код выхода: 0 — ошибок нет (предупреждения допустимы), 1 — есть ошибки\n" +
			"или файл не читается как дорожная карта, 3 — с --strict найдены предупреждения.",
		Flags: withLimits(
			&cli.BoolFlag{Name: "strict", Usage: "считать предупреждения ошибками (код выхода 3)"},
			&cli.BoolFlag{Name: "explain", Usage: "показать, как прочитана таблица: роли столбцов, строки заголовка, группировки, продолжения строк, итоги"},
			jobsFlag(),
		),
		Action: runLint,
	})
}

func runLint(c *cli.Context) error {
	if c.NArg() == 0 {
		return ruscli.Usagef("lint: не указан входной файл; пример: roadmap lint plan.txt")
	}
	n, err := intFlag(c, "jobs")
	if err != nil {
		return err
	}
	rd, err := reader(c)
	if err != nil {
		return err
	}
	inputs, err := rd.Inputs(c.Args().Slice())
	if err != nil {
		return err
	}
	r := produce.Lint(c.Context, inputs, n)
	if err := r.WriteText(c.App.Writer, c.App.ErrWriter, c.Bool("explain")); err != nil {
		return err
	}
	switch {
	case c.Context.Err() != nil:
		return fmt.Errorf("lint: %w", c.Context.Err())
	case r.Unreadable > 0 || r.Counts[plan.Error] > 0:
		return errors.New("lint: найдены ошибки")
	case c.Bool("strict") && r.Counts[plan.Warning] > 0:
		return ruscli.ExitError{Code: exitWarnings, Msg: "lint: найдены предупреждения (--strict)"}
	}
	return nil
}
