package main

import (
	"github.com/urfave/cli/v2"

	"github.com/roadmap-tool/roadmap/produce"
)

func init() {
	register(&cli.Command{
		Name:      "amend",
		Usage:     "зарегистрировать новую редакцию плана на замену прежней; собранные ответы учитываются в ней",
		ArgsUsage: "OLD NEW",
		UsageText: "roadmap amend [--db FILE] [--quarter 2022Q3] OLD NEW\n\n" +
			"Пример:\n   roadmap diff plan.json план-в-ред-2022.docx            # сначала посмотреть изменения\n" +
			"   roadmap amend --db roadmap.db --quarter 2022Q3 plan.json план-в-ред-2022.docx",
		Description: "Прежняя редакция должна быть в базе (ее регистрируют checklists и collect --plan).\n" +
			"Ответы, собранные по сопоставленным пунктам, учитываются в новой редакции; ответы по\n" +
			"исключенным пунктам остаются при прежней и видны в ее отчетах. Чек-листы, трекер, отчеты\n" +
			"и status с --db строятся по редакции, действующей в их квартале; собранный позже чек-лист\n" +
			"прежней редакции принимается, его ответы учитываются по сопоставлению пунктов.\n" +
			"История редакций: roadmap history.",
		Flags: withLimits(
			&cli.StringFlag{Name: "db", Value: "roadmap.db", Usage: "база отметок `FILE`, в которой зарегистрирована прежняя редакция"},
			quarterFlag("`КВАРТАЛ`, с которого действует новая редакция (по умолчанию текущий в пределах периода плана)"),
			templatesFlag(),
		),
		Action: runAmend,
	})
}

func runAmend(c *cli.Context) error {
	q, err := parseQuarter(c)
	if err != nil {
		return err
	}
	set, err := settings(c)
	if err != nil {
		return err
	}
	old, nw, err := openPair(c)
	if err != nil {
		return err
	}
	st, err := produce.OpenExistingStore(c.String("db"))
	if err != nil {
		return err
	}
	defer st.Close()
	a, err := produce.Amend(c.Context, st, old, nw, produce.AmendOptions{Quarter: q})
	if err != nil {
		return err
	}
	return produce.WriteAmendment(c.App.Writer, a, &set.Labels.Changes)
}
