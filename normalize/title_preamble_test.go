package normalize

import (
	"testing"

	"github.com/roadmap-tool/roadmap/ingest"
)

func TestSplitPreamble(t *testing.T) {
	cases := []struct {
		name   string
		lines  []string
		nPream int
	}{
		{"stamp then title", []string{"УТВЕРЖДАЮ", "Начальник УО", "И.И. Иванов", "План мероприятий на 2023 год"}, 3},
		{"appendix to an order", []string{"Приложение № 2 к приказу от 01.09.2021 № 123", "Дорожная карта", "по развитию ..."}, 1},
		{"title first", []string{"План мероприятий («дорожная карта» 2.3)", "по развитию ...", "на 2021-2022 годы"}, 0},
		{"no stamp word: all title", []string{"Администрация города", "План мероприятий на 2023 год"}, 0},
		{"stamp without a title line", []string{"УТВЕРЖДАЮ", "Начальник УО"}, 0},
		{"планирование is not план", []string{"Утверждено", "Планирование работы", "Перечень мероприятий"}, 2},
	}
	for _, c := range cases {
		var lines []ingest.Line
		for _, s := range c.lines {
			lines = append(lines, ingest.Line{Text: s})
		}
		pre, title := splitPreamble(lines)
		if len(pre) != c.nPream || len(pre)+len(title) != len(lines) {
			t.Errorf("%s: preamble %d lines, title %d, want preamble %d", c.name, len(pre), len(title), c.nPream)
		}
	}
}
