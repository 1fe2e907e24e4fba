package main

import (
	"fmt"
	"io"

	"github.com/urfave/cli/v2"

	"github.com/roadmap-tool/roadmap/internal/atomicfile"
	"github.com/roadmap-tool/roadmap/normalize"
	"github.com/roadmap-tool/roadmap/normalize/plan"
)

func init() {
	register(&cli.Command{
		Name:      "ingest",
		Usage:     "прочитать дорожную карту и записать ее модель (JSON) или оглавление",
		ArgsUsage: "INPUT",
		UsageText: "roadmap ingest [--format json|text] [-o FILE] INPUT\n\n" +
			"Пример:\n   roadmap ingest plan.txt -o plan.json      # модель плана для других команд\n" +
			"   roadmap ingest --format text plan.txt     # оглавление: разделы, мероприятия, сроки",
		Description: "Замечания о документе (пропуски в нумерации, нераспознанные сроки ...)\n" +
			"выводятся в поток ошибок в виде файл:строка: важность: код: сообщение.\n" +
			"Код выхода: 0 — план записан (предупреждения допустимы), 1 — файл не читается\n" +
			"как дорожная карта или в нем есть ошибки (план при этом записан), 2 — ошибка вызова.",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "format", Value: "json", Usage: "json (модель плана) или text (оглавление)"},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "записать результат в `FILE` вместо стандартного вывода"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return usagef("ingest: не указан входной файл; пример: roadmap ingest plan.txt -o plan.json")
			}
			if c.NArg() > 1 {
				return usagef("ingest: ожидается один входной файл, указано %d", c.NArg())
			}
			o := ingestOptions{input: c.Args().First(), format: c.String("format"), output: c.String("output")}
			return runIngest(o, c.App.Writer, c.App.ErrWriter)
		},
	})
}

type ingestOptions struct {
	input, format, output string
}

func runIngest(o ingestOptions, stdout, stderr io.Writer) error {
	var write func(io.Writer, *plan.Plan) error
	switch o.format {
	case "json":
		write = plan.Write
	case "text":
		write = normalize.WriteOutline
	default:
		return usagef("ingest: неизвестный формат %q: ожидается json или text", o.format)
	}
	p, err := loadPlan(o.input)
	if err != nil {
		return err
	}
	for _, d := range p.Diagnostics {
		fmt.Fprintln(stderr, d.String())
	}
	if o.output == "" || o.output == "-" {
		err = write(stdout, p)
	} else if err = atomicfile.Write(o.output, func(w io.Writer) error { return write(w, p) }); err != nil {
		err = fmt.Errorf("%s: %w", o.output, unwrapPathError(err))
	}
	if err == nil && p.Diagnostics.HasErrors() {
		// The plan is written, but exit 0 means "warnings at most".
		return exitError{code: exitFailure, msg: fmt.Sprintf("ingest: %s: в документе есть ошибки (%d), план записан; см. замечания выше",
			o.input, p.Diagnostics.Count(plan.Error))}
	}
	return err
}
