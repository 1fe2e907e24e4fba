package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/roadmap-tool/roadmap/internal/atomicfile"
	"github.com/roadmap-tool/roadmap/render/xlsx"
)

func init() {
	register(&cli.Command{
		Name:      "tracker",
		Usage:     "трекер Excel: все мероприятия со статусами, календарь и сводка",
		ArgsUsage: "INPUT",
		UsageText: "roadmap tracker -o tracker.xlsx [--password P] [--db FILE [--quarter Q]] [--templates DIR] INPUT\n\n" +
			"Пример:\n   roadmap tracker -o трекер.xlsx plan.txt\n" +
			"   roadmap tracker --db status.db -o трекер.xlsx plan.json   # со статусами, собранными collect",
		Description: "Листы: «План» (разделы и мероприятия, столбцы для заполнения с выбором статуса),\n" +
			"«Календарь» (мероприятия по месяцам), «Сводка» (счет по разделам и исполнителям формулами).\n" +
			"Лист защищен от случайных изменений; заполнять можно только столбцы статуса, даты и пояснений.",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "записать трекер в `FILE` (.xlsx)"},
			&cli.StringFlag{Name: "password", Usage: "пароль защиты листа (по умолчанию защита без пароля)"},
			&cli.StringFlag{Name: "db", Usage: "база отметок (`FILE`, заполняемая командой collect): заполнить статусы"},
			&cli.StringFlag{Name: "quarter", Aliases: []string{"q"}, Usage: "с --db: отметки по `КВАРТАЛ` включительно, например 2022Q1"},
			&cli.StringFlag{Name: "templates", Usage: "`DIR` с tracker.yaml и common.yaml, заменяющими встроенные"},
		},
		Action: func(c *cli.Context) error {
			input, err := oneInput("tracker", c.Args().Slice())
			if err != nil {
				return err
			}
			o := trackerOptions{input: input, output: c.String("output"), password: c.String("password"),
				db: c.String("db"), quarter: c.String("quarter"), templates: c.String("templates"), now: nowForOutputs()}
			return runTracker(o)
		},
	})
}

type trackerOptions struct {
	input, output, password, db, quarter, templates string
	now                                             time.Time
}

func runTracker(o trackerOptions) error {
	if o.output == "" {
		return usagef("tracker: не указан выходной файл; пример: roadmap tracker -o tracker.xlsx plan.txt")
	}
	if !strings.EqualFold(filepath.Ext(o.output), ".xlsx") {
		return usagef("tracker: выходной файл %q: ожидается расширение .xlsx", o.output)
	}
	p, prog, _, err := loadPlanProgress("tracker", o.input, o.db, o.quarter)
	if err != nil {
		return err
	}
	opts := xlsx.TrackerOptions{Progress: prog, Password: o.password, TemplatesDir: o.templates, Now: o.now, Version: version}
	if err := atomicfile.Write(o.output, func(w io.Writer) error { return xlsx.WriteTracker(w, p, opts) }); err != nil {
		return fmt.Errorf("%s: %w", o.output, unwrapPathError(err))
	}
	return nil
}
