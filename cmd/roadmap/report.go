package main

import (
	"io"

	"github.com/urfave/cli/v2"

	"github.com/roadmap-tool/roadmap/produce"
)

func init() {
	register(&cli.Command{
		Name:      "report",
		Usage:     "квартальный отчет о реализации дорожной карты (PDF)",
		ArgsUsage: "INPUT",
		UsageText: "roadmap report [--quarter 2022Q1] [--db FILE] [--templates DIR] -o report.pdf INPUT\n\n" +
			"Пример:\n   roadmap report --quarter 2022Q1 --db status.db -o отчет-2022Q1.pdf plan.json\n" +
			"   roadmap report --quarter 2022Q1 -o план-2022Q1.pdf plan.txt   # без --db: план на квартал",
		Description: "Без --quarter берется текущий календарный квартал, если он входит в период плана;\n" +
			"до начала периода — его первый квартал, после окончания — последний.\n" +
			"Без --db отметок о выполнении нет: документ — план на квартал.",
		Flags: withLimits(
			quarterFlag("отчетный `КВАРТАЛ`, например 2022Q1"),
			&cli.StringFlag{Name: "db", Usage: "база отметок о выполнении (`FILE`), заполняемая командой collect"},
			templatesFlag(),
			outputFlag("записать PDF в `FILE` (.pdf; «-» — стандартный вывод)"),
		),
		Action: runReport,
	})
}

func runReport(c *cli.Context) error {
	out, _, err := outputFile(c, "report", "roadmap report plan.json --quarter 2022Q1 -o report.pdf", "pdf")
	if err != nil {
		return err
	}
	produce.PrepareReport() // the PDF's fonts while the plan is read
	p, q, set, err := openDoc(c, "report")
	if err != nil {
		return err
	}
	o := produce.ReportOptions{Settings: set, Quarter: produce.Quarter(p, q, set.Now)}
	if p, err = inForce(c, p, &o.Quarter); err != nil {
		return err
	}
	if o.Progress, err = readProgress(c, p, &o.Quarter); err != nil {
		return err
	}
	return produce.WriteFileTo(out, c.App.Writer, func(w io.Writer) error { return produce.Report(c.Context, w, p, o) })
}
