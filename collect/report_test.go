package collect

import (
	"strings"
	"testing"

	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/templates"
)

// TestReportWords: every word of the collect summary comes from
// collect.yaml, so a department's override reaches the terminal and the
// web page; the built-in words read as before.
func TestReportWords(t *testing.T) {
	rep := &Report{Quarter: "2022Q1",
		Files: []FileResult{
			{Path: "a.xlsx", Outcome: Collected, Org: "Школа № 1", Answers: 21, Quarter: "2022Q1"},
			{Path: "b.xlsx", Outcome: Refused, Reason: "не книга Excel"},
			{Path: "c.xlsx", Outcome: Duplicate, DuplicateOf: "a.xlsx", DuplicateQuarter: "2021Q4", Quarter: "2022Q1"},
			{Path: "d.xlsx", Outcome: Empty, Org: "Школа № 2"},
		},
		Orgs: []OrgCount{{Org: "Школа № 1", Files: 1, Answers: 21, ByStatus: map[plan.Status]int{plan.StatusDone: 20, plan.StatusNone: 1}}},
	}
	builtin := templates.Default().Collect
	custom := builtin
	custom.Heading = "Ответы школ: {quarter}"
	custom.Collected = "принято {answers} от {org}"
	custom.Columns = []string{"Школа", "Книг", "Строк"}
	custom.NoStatus = "Пусто"
	custom.AnswerForms = []string{"строка", "строки", "строк"}
	for _, tc := range []struct {
		name  string
		words *templates.Collect
		want  []string
	}{
		{"builtin", &builtin, []string{
			"Сбор ответов за I квартал 2022 г.\n",
			"  a.xlsx: собрано 21 ответ, Школа № 1\n",
			"  b.xlsx: ОТКАЗ: не книга Excel\n",
			"  c.xlsx: уже собран (тот же файл: a.xlsx) за IV квартал 2021 г.; чтобы записать его за I квартал 2022 г.: roadmap collect --replace --quarter 2022Q1 ...\n",
			"  d.xlsx: не заполнен (нет ни одной заполненной строки), Школа № 2\n",
			"Итого файлов: 4; собрано: 1 (21 ответ), отказано: 1, уже собраны ранее: 1, не заполнены: 1\n",
			"По организациям:\n", "Организация", "Выполнено", "Без статуса",
		}},
		{"override", &custom, []string{
			"Ответы школ: I квартал 2022 г.\n",
			"  a.xlsx: принято 21 строка от Школа № 1\n",
			"(21 строка)", "Школа  ", "Книг", "Строк", "Пусто",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b strings.Builder
			if err := rep.WriteText(&b, false, tc.words); err != nil {
				t.Fatal(err)
			}
			for _, w := range tc.want {
				if !strings.Contains(b.String(), w) {
					t.Errorf("no %q in\n%s", w, b.String())
				}
			}
		})
	}
}
