package main

import (
	"fmt"
	"io"
	"path/filepath"
	"text/tabwriter"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/roadmap-tool/roadmap/orgdir"
	"github.com/roadmap-tool/roadmap/render/xlsx"
)

func init() {
	register(&cli.Command{
		Name:      "checklists",
		Usage:     "чек-листы Excel для организаций-исполнителей (по одному файлу на организацию)",
		ArgsUsage: "INPUT",
		UsageText: "roadmap checklists -o DIR [--orgs ORGS] [--password P] [--templates DIR] INPUT\n\n" +
			"Пример:\n   roadmap checklists -o чек-листы plan.txt\n" +
			"   roadmap checklists --orgs schools.csv -o чек-листы plan.json   # группы ОО, ОбОО раскрываются по справочнику",
		Description: "В каждый файл попадают мероприятия, где организация — исполнитель или соисполнитель,\n" +
			"в том числе через группу (ОО, ОбОО, «МБОУ Школы №№ 10, 17»). Справочник --orgs: CSV с заголовком\n" +
			"name,short,groups (группы через «;») или YAML-список {name, short, groups}. Без справочника\n" +
			"файлы составляются на организации и группы, названные в плане. Список файлов — DIR/checklists.csv.",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "папка `DIR` для чек-листов (создается при необходимости)"},
			&cli.StringFlag{Name: "orgs", Usage: "справочник организаций `ORGS` (CSV или YAML: name, short, groups)"},
			&cli.StringFlag{Name: "password", Usage: "пароль защиты листов (по умолчанию защита без пароля)"},
			&cli.StringFlag{Name: "templates", Usage: "`DIR` с tracker.yaml и common.yaml, заменяющими встроенные"},
			&cli.IntFlag{Name: "jobs", Aliases: []string{"j"}, Usage: "число параллельных обработчиков (по умолчанию по числу ядер)"},
			&cli.StringFlag{Name: "db", Value: "roadmap.db", Usage: "база отметок `FILE`, в которой регистрируется план, чтобы collect узнал заполненные файлы (\"\" — не регистрировать)"},
		},
		Action: func(c *cli.Context) error {
			input, err := oneInput("checklists", c.Args().Slice())
			if err != nil {
				return err
			}
			if c.String("output") == "" {
				return usagef("checklists: не указана папка; пример: roadmap checklists -o чек-листы plan.txt")
			}
			o := checklistsOptions{input: input, output: c.String("output"), orgs: c.String("orgs"),
				password: c.String("password"), templates: c.String("templates"), jobs: c.Int("jobs"), now: nowForOutputs(), db: c.String("db")}
			return runChecklists(o, c.App.Writer, c.App.ErrWriter)
		},
	})
}

type checklistsOptions struct {
	input, output, orgs, password, templates, db string
	jobs                                         int
	now                                          time.Time
}

func runChecklists(o checklistsOptions, stdout, stderr io.Writer) error {
	p, err := loadPlan(o.input)
	if err != nil {
		return err
	}
	opts := xlsx.ChecklistOptions{Password: o.password, TemplatesDir: o.templates, Version: version, Now: o.now, Workers: o.jobs}
	if o.orgs != "" {
		if opts.Directory, err = orgdir.Load(o.orgs); err != nil {
			return err
		}
	}
	if err := registerPlan(o.db, p); err != nil {
		return err
	}
	list, diags, err := xlsx.WriteChecklists(o.output, p, opts)
	for _, d := range diags {
		fmt.Fprintln(stderr, d.String())
	}
	if err != nil {
		return fmt.Errorf("%s: %w", o.output, unwrapPathError(err))
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "Организация\tФайл\tМероприятий")
	items := 0
	for _, c := range list {
		fmt.Fprintf(tw, "%s\t%s\t%d\n", c.Org, c.File, c.Items)
		items += c.Items
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Записано чек-листов: %d (строк мероприятий: %d) в %s; список: %s\n",
		len(list), items, o.output, filepath.Join(o.output, xlsx.IndexFile))
	return nil
}
