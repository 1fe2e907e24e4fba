package schedule

import (
	"slices"
	"strings"
	"testing"

	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// typoCase is a deadline with typos: it must read as the text written
// correctly does, and list exactly the corrections.
type typoCase struct {
	text, correct string
	corrected     []Correction
}

var typoCases = []typoCase{
	{"Ежгеодно", "Ежегодно", []Correction{{"Ежгеодно", "ежегодно"}}},
	{"Еежгодно", "Ежегодно", []Correction{{"Еежгодно", "ежегодно"}}},
	{"(ежжегодно)", "(ежегодно)", []Correction{{"ежжегодно", "ежегодно"}}},
	{"Ежеквартлаьно", "Ежеквартально", []Correction{{"Ежеквартлаьно", "ежеквартально"}}},
	{"Ежемесячон", "Ежемесячно", []Correction{{"Ежемесячон", "ежемесячно"}}},
	{"В течение всего преиода", "В течение всего периода", []Correction{{"преиода", "периода"}}},
	{"В Течение всего перидоа", "В течение всего периода", []Correction{{"перидоа", "периода"}}},
	{"В тчеение учебного года", "В течение учебного года", []Correction{{"тчеение", "течение"}}},
	{"В течнеие уччебного года", "В течение учебного года",
		[]Correction{{"течнеие", "течение"}, {"уччебного", "учебного"}}},
	{"В течение учебонго года", "В течение учебного года", []Correction{{"учебонго", "учебного"}}},
	{"в течении года", "в течение года", []Correction{{"течении", "течение"}}},
	{"Весь пеирод", "Весь период", []Correction{{"пеирод", "период"}}},
	{"Канкиулярный период", "Каникулярный период", []Correction{{"Канкиулярный", "каникулярный"}}},
	{"Кнаикулярный пероид", "Каникулярный период",
		[]Correction{{"Кнаикулярный", "каникулярный"}, {"пероид", "период"}}},
	{"В период кнаикул", "В период каникул", []Correction{{"кнаикул", "каникул"}}},
	{"По отделньому плану", "По отдельному плану", []Correction{{"отделньому", "отдельному"}}},
	{"при необохдимости", "при необходимости", []Correction{{"необохдимости", "необходимости"}}},
	{"Сентбярь 2021 г.", "Сентябрь 2021 г.", []Correction{{"Сентбярь", "сентябрь"}}},
	{"Октяря 2021 г. – май 2022 г.", "Октября 2021 г. – май 2022 г.", []Correction{{"Октяря", "октября"}}},
	{"Снетябрь-октябрь (ежегодно)", "Сентябрь-октябрь (ежегодно)", []Correction{{"Снетябрь", "сентябрь"}}},
	{"Агвуст 2022 г.", "Август 2022 г.", []Correction{{"Агвуст", "август"}}},
	{"Дкеабрь 2021 г., далее ежегодно", "Декабрь 2021 г., далее ежегодно", []Correction{{"Дкеабрь", "декабрь"}}},
	{"Явнарь-фвераль 2022", "Январь-февраль 2022",
		[]Correction{{"Явнарь", "январь"}, {"фвераль", "февраль"}}},
	{"I кварттал 2022 г.", "I квартал 2022 г.", []Correction{{"кварттал", "квартал"}}},
	{"II полуодие 2022", "II полугодие 2022", []Correction{{"полуодие", "полугодие"}}},
	{"II полугодеи 2022 г.", "II полугодие 2022 г.", nil}, // read by its stem
	{"ОКТЯБЕРЬ 2021", "Октябрь 2021", []Correction{{"ОКТЯБЕРЬ", "октябрь"}}},
	// A corrected word no rule then reads is undone and not reported.
	{"1 раз в 3 года для кааждой ОО", "1 раз в 3 года для каждой ОО", nil},
	{"Сентябрь 2021 г. (по плану Дагестанского инситута)", "Сентябрь 2021 г. (по плану Дагестанского инситута)", nil},
}

func TestParseTypos(t *testing.T) {
	for _, per := range []plan.Period{sarov, derbent} {
		for _, c := range typoCases {
			t.Run(per.String()+"/"+c.text, func(t *testing.T) {
				got, want := Parse(c.text, per), Parse(c.correct, per)
				s, w := got.Schedule, want.Schedule
				if s.Text != c.text {
					t.Errorf("Text = %q, want the original", s.Text)
				}
				if w.Kind == plan.KindUnknown {
					t.Fatalf("the correct text %q reads as unknown", c.correct)
				}
				if s.Kind != w.Kind || s.Recurrence != w.Recurrence || s.Due != w.Due {
					t.Errorf("kind %s %q due %q, want %s %q %q", s.Kind, s.Recurrence, s.Due, w.Kind, w.Recurrence, w.Due)
				}
				if g, w := fmtMonths(s.Months), fmtMonths(w.Months); g != w {
					t.Errorf("Months = %s, want %s", g, w)
				}
				if c.corrected == nil && strings.Contains(c.text, "кааждой") && s.Note != "для кааждой ОО" {
					t.Errorf("Note = %q, want the words as written", s.Note)
				}
				if !slices.Equal(got.Corrected, c.corrected) {
					t.Errorf("Corrected = %v, want %v", got.Corrected, c.corrected)
				}
				if len(want.Corrected) != 0 {
					t.Errorf("the correct text has corrections %v", want.Corrected)
				}
			})
		}
	}
}

// TestParseNotTypos lists real words that must be read as written: forms
// of keywords, words near a keyword, short words and names.
func TestParseNotTypos(t *testing.T) {
	for _, text := range []string{
		"Октябрь 2021", "сентября 2022 г.", "в сентябре", "Сентябрьский семинар",
		"По плану", "по планам МКУ", "По графику", "по заявкам ОО",
		"Майская школа", "Мая", "мае", "по дорожной карте", "в карте", "марка",
		"квартира", "в квартире", "втрое", "на постоянной основе",
		"ежегодного отчета", "ежеквартальный мониторинг", "учебных годов",
		"В течение учебного года", "Годам", "Года", "июнем",
		"Август 2022 г. (отчет в Минобрнауки РД)", "Приказом руководителя",
		"после согласования", "Сроки", "начали", "концы",
		"Отдел образования", "отделом", "Периодически", "периодичность",
		"Марта", "Марии", "парта", "Апатиты", "Окружной", "Нояберь?",
	} {
		r := Parse(text, sarov)
		if text == "Нояберь?" { // a typo indeed: the control case
			if len(r.Corrected) != 1 {
				t.Errorf("%q: Corrected = %v, want ноябрь", text, r.Corrected)
			}
			continue
		}
		if len(r.Corrected) != 0 {
			t.Errorf("%q: Corrected = %v, want none", text, r.Corrected)
		}
	}
}

func TestCorrectWord(t *testing.T) {
	for _, c := range []struct{ word, want string }{
		{"ежгеодно", "ежегодно"},
		{"жеегодно", "ежегодно"}, // first two letters swapped
		{"сетнябрь", "сентябрь"},
		{"октяря", "октября"},
		{"пеирод", "период"},
		{"ежегодно", ""},        // exact
		{"ежегдн", ""},          // 6 letters: one edit allowed, two needed
		{"кврт", ""},            // under 5 letters
		{"марта", ""},           // exact
		{"карта", ""},           // first letter differs from марта
		{"июрем", ""},           // one edit from both июнем and июлем: ambiguous
		{"квартира", ""},        // a neighbour, not a typo of квартала
		{"втрое", ""},           // a neighbour of второе
		{"сентябрьск", ""},      // a derived word read by its stem
		{"ежегодного", ""},      // a case form read by its stem
		{"жегодно", "ежегодно"}, // the first letter dropped
		{"еежегоднноо", ""},     // three edits
		{"oктябрь", ""},         // a Latin o: another first letter
		{strings.Repeat("ежегодно", 4), ""},
	} {
		if got := correctWord(c.word); got != c.want {
			t.Errorf("correctWord(%q) = %q, want %q", c.word, got, c.want)
		}
	}
}

// TestKeywordStems checks that each stem of the index's groups is one the
// rules read: a form of every group, written correctly, is read as is.
func TestKeywordStems(t *testing.T) {
	for _, g := range lex().groups {
		for _, f := range strings.Fields(g.forms) {
			if g.stem != "" && !strings.HasPrefix(f, g.stem) {
				t.Errorf("form %q lacks its stem %q", f, g.stem)
			}
			if correctWord(f) != "" {
				t.Errorf("the keyword form %q is corrected", f)
			}
		}
	}
}

// BenchmarkCorrectWord is the miss path: a word no rule read, compared
// with the keyword forms.
func BenchmarkCorrectWord(b *testing.B) {
	for _, w := range []string{"ежгеодно", "дагестанского", "мониторинга"} {
		b.Run(w, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				correctWord(w)
			}
		})
	}
}

// BenchmarkParseTypos parses the typo cases: the cost of a deadline read
// through its typos.
func BenchmarkParseTypos(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		for _, c := range typoCases {
			Parse(c.text, derbent)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(typoCases)), "ns/text")
}

// BenchmarkCorrectSeeds is what typo reading adds to Parse for correct
// texts: the look at the words the rules left unread in every distinct
// seed deadline (none is corrected).
func BenchmarkCorrectSeeds(b *testing.B) {
	texts := seedDeadlines(b)
	ps := make([]parser, len(texts))
	for i, txt := range texts {
		ps[i] = parser{toks: tokenize(nil, txt), period: derbent}
		ps[i].run()
	}
	b.ReportAllocs()
	for b.Loop() {
		for i := range ps {
			if ps[i].correct(texts[i]) {
				b.Fatalf("%q: corrected", texts[i])
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(texts)), "ns/text")
}
