package normalize

import (
	"github.com/roadmap-tool/roadmap/normalize/plan"
	"strings"
	"testing"
)

// TestHeadingAboveTable: the heading of the first section typed above the
// table's header (a plan split into one table per section) opens that
// section; it is not the title's last line.
func TestHeadingAboveTable(t *testing.T) {
	const header = "№\tМероприятие\tСрок\tОтветственный\n"
	const rows = "1.1\tСоздание рабочей группы\tмарт 2025\tУО\n1.2\tУтверждение плана\tапрель 2025\tУО\n"
	for _, tc := range []struct {
		name, above, title, sections string
	}{
		{"numbered heading", "Дорожная карта\nна 2025 год\n1. Подготовительный этап\n", "Дорожная карта на 2025 год", "1:Подготовительный этап"},
		{"roman heading", "Дорожная карта\nна 2025 год\nI. Подготовительный этап\n", "Дорожная карта на 2025 год", "I:Подготовительный этап"},
		{"keyword heading", "Дорожная карта\nна 2025 год\nРаздел 1. Организация\n", "Дорожная карта на 2025 год", "1:Организация"},
		{"one title line only", "1. Дорожная карта на 2025 год\n", "1. Дорожная карта на 2025 год", ""},
		{"a year in the last line", "Дорожная карта\n1. Этап 2025 года\n", "Дорожная карта 1. Этап 2025 года", ""},
		{"the title's own words", "Утверждаю\n1. План мероприятий на 2025 год\n", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := buildString(t, tc.above+"\n"+header+rows)
			var secs []string
			for _, s := range p.Sections {
				secs = append(secs, strings.TrimRight(s.Num(), ".")+":"+s.Title)
			}
			if got := strings.Join(secs, " "); got != tc.sections {
				t.Errorf("sections %q, want %q", got, tc.sections)
			}
			if tc.title != "" && p.Title != tc.title {
				t.Errorf("title %q, want %q", p.Title, tc.title)
			}
			if len(p.Items) != 2 {
				t.Errorf("items %q", itemIDs(p))
			}
		})
	}
}

// TestPersonAndOrganizationColumns: executors split into the organisation
// and its responsible person are both responsible, the organisation
// first; a co-executors' column stays co; "Ответственное лицо" alone is
// the executors' column, not a typo of "Ответственный".
func TestPersonAndOrganizationColumns(t *testing.T) {
	for _, tc := range []struct {
		name, header, row, want string
	}{
		{"organisation and person", "№\tМероприятие\tСрок\tОтветственное лицо\tОрганизация\n",
			"1.\tРемонт\tмарт 2025\tЛебедев С.М.\tМБОУ «СОШ № 1»\n", "МБОУ «СОШ № 1» | Лебедев С.М."},
		{"person and organisation", "№\tМероприятие\tСрок\tОтветственная организация\tФИО ответственного\n",
			"1.\tРемонт\tмарт 2025\tМБОУ «СОШ № 1»\tЛебедев С.М.\n", "МБОУ «СОШ № 1» | Лебедев С.М."},
		{"co-executors stay co", "№\tМероприятие\tСрок\tОтветственный исполнитель\tСоисполнители\n",
			"1.\tРемонт\tмарт 2025\tУО\tМБОУ «СОШ № 1»\n", "УО | +МБОУ «СОШ № 1»"},
		{"person alone", "№\tМероприятие\tСрок\tОтветственное лицо\n",
			"1.\tРемонт\tмарт 2025\tЛебедев С.М.\n", "Лебедев С.М."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := buildString(t, "План на 2025 год\n\n"+tc.header+tc.row)
			if len(p.Items) != 1 {
				t.Fatalf("items %q", itemIDs(p))
			}
			var got []string
			for _, e := range p.Items[0].Responsible {
				s := e.Text
				if e.Co {
					s = "+" + s
				}
				got = append(got, s)
			}
			if g := strings.Join(got, " | "); g != tc.want {
				t.Errorf("executors %q, want %q", g, tc.want)
			}
			if n := countCode(p, plan.CodeHeaderTypo) + countCode(p, plan.CodeHeaderUnknown); n != 0 {
				t.Errorf("%d header diagnostics: %v", n, p.Diagnostics)
			}
		})
	}
}

// TestNumberInActivityCell: an item's number typed at the start of the
// activity's cell, the number cell empty, is its number.
func TestNumberInActivityCell(t *testing.T) {
	const head = "План на 2026 год\n\n№\tМероприятие\tСрок\tОтветственный\n1.\tОрганизация\t\t\n1.1.\tСовещание\tмарт 2026\tУО\n"
	for _, tc := range []struct{ name, row, ids, act string }{
		{"number with dots", "\t1.2. Конкурс педагогов\tиюль 2026\tИМЦ\n", "1.1 1.2", "Конкурс педагогов"},
		{"one level with its dot", "\t2. Конкурс педагогов\tиюль 2026\tИМЦ\n", "1.1 2", "Конкурс педагогов"},
		{"a count, not a number", "\t5 классов участвуют в конкурсе\tиюль 2026\tИМЦ\n", "1.1 1.1+1", "5 классов участвуют в конкурсе"},
		{"a year", "\t2026 г. Итоги года\tиюль 2026\tИМЦ\n", "1.1 1.1+1", "2026 г. Итоги года"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := buildString(t, head+tc.row)
			if got := itemIDs(p); got != tc.ids {
				t.Errorf("items %q, want %q", got, tc.ids)
			}
			if last := p.Items[len(p.Items)-1]; last.Activity.Text != tc.act {
				t.Errorf("activity %q, want %q", last.Activity.Text, tc.act)
			}
		})
	}
}

// TestSpacedNumber: a number typed with a space inside is read and
// reported; other texts are no numbers.
func TestSpacedNumber(t *testing.T) {
	for _, tc := range []struct{ in, key string }{
		{"1. 3.", "1.3"}, {"1.5 .", "1.5"}, {"2 .1", "2.1"},
		{"1.3", ""}, {"Раздел 1.", ""}, {"1 а)", ""}, {"", ""},
	} {
		n, ok := parseSpacedNumber(tc.in)
		if got := map[bool]string{true: n.key()}[ok]; got != tc.key {
			t.Errorf("parseSpacedNumber(%q) = %q, want %q", tc.in, got, tc.key)
		}
	}
	p := buildString(t, "План на 2026 год\n\n№\tМероприятие\tСрок\tОтветственный\n1.1.\tСовещание\tмарт 2026\tУО\n1. 2.\tСеминар\tмай 2026\tУО\n1.3.\tФорум\tиюнь 2026\tУО\n")
	if got := itemIDs(p); got != "1.1 1.2 1.3" {
		t.Errorf("items %q", got)
	}
	if d := findDiag(p, plan.CodeNumberFormat, "лишний пробел"); d == nil || countCode(p, plan.CodeNumberGap) != 0 {
		t.Errorf("diagnostics %v", p.Diagnostics)
	}
}
