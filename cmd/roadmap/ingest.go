package main

import (
	"context"
	"fmt"
	"io"

	"github.com/urfave/cli/v2"

	"github.com/roadmap-tool/roadmap/internal/ruscli"
	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/produce"
)

func init() {
	register(&cli.Command{
		Name:      "ingest",
		Usage:     "прочитать дорожную карту и записать ее модель (JSON) или оглавление",
		ArgsUsage: "INPUT",
		UsageText: "roadmap ingest [--format json|text] [-o FILE] INPUT\n\n" +
			"Пример:\n   roadmap ingest plan.txt -o plan.json      # модель плана для других команд\n" +
			"   roadmap ingest --format text plan.txt     # оглавление: разделы, мероприятия, сроки\n" +
			"   cat plan.txt | roadmap ingest -           # «-» — стандартный ввод",
		Description: "Замечания о документе (пропуски в нумерации, нераспознанные сроки ...)\n" +
			"выводятся в поток ошибок в виде файл:строка: важность: код: сообщение.\n" +
			"Код выхода: 0 — план записан (предупреждения допустимы), 1 — файл не читается\n" +
			"как дорожная карта или в нем есть ошибки (план при этом записан), 2 — ошибка вызова.",
		Flags: withLimits(
			&cli.StringFlag{Name: "format", Value: "json", Usage: "json (модель плана) или text (оглавление)"},
			outputFlag("записать результат в `FILE` вместо стандартного вывода («-» — стандартный вывод)"),
		),
		Action: runIngest,
	})
}

// ingestWriters are the formats of `roadmap ingest`, by name.
var ingestWriters = map[string]func(context.Context, io.Writer, *plan.Plan) error{
	"json": produce.PlanJSON,
	"text": produce.Outline,
}

func runIngest(c *cli.Context) error {
	if c.NArg() == 0 {
		return ruscli.Usagef("ingest: не указан входной файл; пример: roadmap ingest plan.txt -o plan.json")
	}
	if c.NArg() > 1 {
		return ruscli.Usagef("ingest: ожидается один входной файл, указано %d", c.NArg())
	}
	input := c.Args().First()
	write, ok := ingestWriters[c.String("format")]
	if !ok {
		return ruscli.Usagef("ingest: неизвестный формат %q: ожидается json или text", c.String("format"))
	}
	r, err := reader(c, "ingest")
	if err != nil {
		return err
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
	err = produce.WriteFileTo(out, c.App.Writer, func(w io.Writer) error { return write(c.Context, w, p) })
	if err == nil && p.Diagnostics.HasErrors() {
		// The plan is written, but exit 0 means "warnings at most".
		return fmt.Errorf("ingest: %s: в документе есть ошибки (%d), план записан; см. замечания выше",
			inputName(input), p.Diagnostics.Count(plan.Error))
	}
	return err
}
