package main

import (
	"io"

	"github.com/urfave/cli/v2"

	"github.com/roadmap-tool/roadmap/produce"
)

func init() {
	register(&cli.Command{
		Name:      "tracker",
		Usage:     "трекер Excel: все мероприятия со статусами, календарь и сводка",
		ArgsUsage: "INPUT",
		UsageText: "roadmap tracker -o tracker.xlsx [--password P] [--db FILE [--quarter Q]] [--templates DIR] INPUT\n\n" +
			"Пример:\n   roadmap tracker -o трекер.xlsx plan.txt\n" +
			"   roadmap tracker --db status.db -o трекер.xlsx plan.json   # со статусами, собранными collect",
		Description: "В служебный лист записывается квартал (--quarter, по умолчанию текущий в пределах периода\n" +
			"плана), за который collect запишет ответы трекера; с --db — и подпись базы.\n" +
			"Листы: «План» (разделы и мероприятия, столбцы для заполнения с выбором статуса),\n" +
			"«Календарь» (мероприятия по месяцам), «Сводка» (счет по разделам и исполнителям формулами).\n" +
			"Лист защищен от случайных изменений; заполнять можно только столбцы статуса, даты и пояснений.",
		Flags: withLimits(
			outputFlag("записать трекер в `FILE` (.xlsx; «-» — стандартный вывод)"),
			&cli.StringFlag{Name: "password", Usage: "`ПАРОЛЬ` защиты листа (по умолчанию защита без пароля)"},
			&cli.StringFlag{Name: "db", Usage: "база отметок (`FILE`, заполняемая командой collect): заполнить статусы"},
			quarterFlag("с --db: отметки по `КВАРТАЛ` включительно, например 2022Q1"),
			templatesFlag(),
		),
		Action: runTracker,
	})
}

func runTracker(c *cli.Context) error {
	out, _, err := outputFile(c, "roadmap tracker -o tracker.xlsx plan.txt", "xlsx")
	if err != nil {
		return err
	}
	p, q, set, err := openDoc(c)
	if err != nil {
		return err
	}
	if p, err = inForce(c, p, q); err != nil {
		return err
	}
	o := produce.TrackerOptions{Settings: set, Password: c.String("password")}
	if o.Progress, err = readProgress(c, p, q); err != nil {
		return err
	}
	// The manifest carries the quarter; with --db it is signed and the
	// issue recorded, so that the filled tracker is collected as the
	// department's.
	if o.Issue, err = produce.IssueInFile(c.Context, c.String("db"), p, produce.KindTracker, produce.Quarter(p, q, set.Now), nil); err != nil {
		return err
	}
	return produce.WriteFileTo(out, c.App.Writer, func(w io.Writer) error { return produce.Tracker(c.Context, w, p, o) })
}
