package normalize

import (
	"strings"
	"testing"

	"github.com/roadmap-tool/roadmap/ingest"
	"github.com/roadmap-tool/roadmap/normalize/plan"
)

func buildString(t *testing.T, src string) *plan.Plan {
	t.Helper()
	tb, err := ingest.Read("t.txt", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	p, err := Build(tb, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func itemIDs(p *plan.Plan) string {
	ids := make([]string, len(p.Items))
	for i, it := range p.Items {
		ids[i] = it.ID
	}
	return strings.Join(ids, " ")
}

// TestContinuationRules: a row is glued to the one above only after a page
// break or when it cannot stand alone; never when it has its own deadline
// and executor.
func TestContinuationRules(t *testing.T) {
	const head = "План мероприятий на 2023 год\n\n№\tМероприятие\tСрок\tОтветственный\tРезультат\n" +
		"1.\tПроведение совещания руководителей\tмарт 2023\tУО\tПротокол\n"
	tests := []struct {
		name, rows, ids string
		code            string // a diagnostic expected, "" for none
	}{
		{"page break, text only", "\n\n\tобщеобразовательных организаций\t\t\tсовещания\n", "1", plan.CodeContinuation},
		{"page break, own deadline and executor", "\n\n\tМониторинг сайтов\tапрель 2023\tИМЦ\tСправка\n", "1 1+1", plan.CodeNoNumber},
		{"no break, sentence goes on", "\tобщеобразовательных организаций\t\t\t\n", "1", plan.CodeContinuation},
		{"no break, result only", "\t\t\t\tи решение\n", "1", plan.CodeContinuation},
		{"no break, a new activity", "\tМониторинг сайтов ОО\t\t\tСправка\n", "1 1+1", plan.CodeNoNumber},
		{"no break, a lone activity is a heading", "\tМониторинг сайтов ОО\t\t\t\n", "1", ""},
		{"no break, own deadline", "\tмониторинг сайтов ОО\tапрель 2023\t\t\n", "1 1+1", plan.CodeNoNumber},
		{"no break, a column the row above lacks", "\t\t\t\t\n2.\tОтчет\tмай 2023\tУО\t\n\t\t\tИМЦ\t\n", "1 2", plan.CodeContinuation},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := buildString(t, head+tc.rows)
			if got := itemIDs(p); got != tc.ids {
				t.Errorf("items %q, want %q", got, tc.ids)
			}
			if tc.code != "" && countCode(p, tc.code) == 0 {
				t.Errorf("no %s diagnostic: %v", tc.code, p.Diagnostics)
			}
		})
	}
}

// TestRealign: a row one cell off is read by content when exactly one
// shift fits, and by position otherwise.
func TestRealign(t *testing.T) {
	const head = "План на 2023 год\n\n№\tМероприятие\tСрок\tОтветственный\tРезультат\n"
	tests := []struct {
		name, row                string
		act, deadline, resp, res string
		realigned                bool
	}{
		{"tab inside the activity", "1.\tПроведение\tсовещания\tмарт 2023\tУО\tПротокол\n",
			"Проведение совещания", "март 2023", "УО", "Протокол", true},
		{"empty deadline dropped", "1.\tПроведение совещания\tУО\tПротокол\n",
			"Проведение совещания", "", "УО", "Протокол", true},
		{"last cell missing: by position", "1.\tПроведение совещания\tмарт 2023\tУО\n",
			"Проведение совещания", "март 2023", "УО", "", false},
		{"a report where the executor should be", "1.\tПроведение совещания\tмарт 2023\tПротокол\n",
			"Проведение совещания", "март 2023", "", "Протокол", true},
		// Joining the executors or the last two cells both fit; the
		// executors stop on a comma, so they are the cut text.
		{"tab inside the executors", "1.\tПроведение совещания\tмарт 2023\tУО,\tруководители ОО\tПротокол\n",
			"Проведение совещания", "март 2023", "УО, руководители ОО", "Протокол", true},
	}
	// Two deadline columns: a date missing from either fits.
	p := buildString(t, "План на 2023 год\n\n№\tМероприятие\tСрок начала\tСрок окончания\tОтветственный\n1.\tСовещание\tмарт 2023\tУО\n")
	if countCode(p, plan.CodeRowRealigned) != 0 || findDiag(p, plan.CodeRaggedRow, "по-разному") == nil {
		t.Errorf("two readings fit: want the row by position with a note, got %v", p.Diagnostics)
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := buildString(t, head+tc.row)
			if len(p.Items) != 1 {
				t.Fatalf("%d items", len(p.Items))
			}
			it := p.Items[0]
			if it.Activity.Text != tc.act || it.Deadline.Text != tc.deadline || it.ResponsibleText() != tc.resp || it.Result.Text != tc.res {
				t.Errorf("read as %q | %q | %q | %q", it.Activity.Text, it.Deadline.Text, it.ResponsibleText(), it.Result.Text)
			}
			if got := countCode(p, plan.CodeRowRealigned) > 0; got != tc.realigned {
				t.Errorf("realigned %v, want %v", got, tc.realigned)
			}
		})
	}
}

// TestTotals: total rows are not items, attach to what they sum, and a
// wrong sum is reported with both figures.
func TestTotals(t *testing.T) {
	src := "Программа на 2023 год\n\n№\tМероприятие\tСрок\tИсполнитель\tФинансирование, тыс. руб.\n" +
		"1.\tРаздел 1. Кадры\t\t\t\n" +
		"1.1.\tКурсы\tмарт 2023\tУО\t100,5\n" +
		"1.2.\tКонкурс\tмай 2023\tУО\t50\n" +
		"\tИтого по разделу 1\t\t\t150,5\n" +
		"2.\tРаздел 2. Оборудование\t\t\t\n" +
		"2.1.\tЗакупка\tиюнь 2023\tОО\t1 000,0\n" +
		"\tИтого:\t\t\t1 000,0\n" +
		"\tВСЕГО\t\t\t1 200,5\n"
	p := buildString(t, src)
	if got := itemIDs(p); got != "1.1 1.2 2.1" {
		t.Errorf("items %q", got)
	}
	want := []struct{ label, section string }{{"Итого по разделу 1", "S-1"}, {"Итого:", "S-2"}, {"ВСЕГО", ""}}
	if len(p.Totals) != len(want) {
		t.Fatalf("totals %+v", p.Totals)
	}
	for i, w := range want {
		if tt := p.Totals[i]; tt.Label != w.label || tt.Section != w.section {
			t.Errorf("total %d: %q of %q, want %q of %q", i, tt.Label, tt.Section, w.label, w.section)
		}
	}
	d := findDiag(p, plan.CodeTotalMismatch, "ВСЕГО")
	if d == nil || !strings.Contains(d.Message, "1200,5") || !strings.Contains(d.Message, "1150,5") {
		t.Errorf("no mismatch for ВСЕГО with both sums: %v", p.Diagnostics)
	}
	if n := countCode(p, plan.CodeTotalMismatch); n != 1 {
		t.Errorf("%d mismatches, want 1", n)
	}
}

// TestExecutorLists: participial clauses, bodies named with "и", posts.
func TestExecutorLists(t *testing.T) {
	src := "План на 2023 год\n\n№\tМероприятие\tСрок\tОтветственный исполнитель\tСоисполнители\n" +
		"1.\tСовещание\tмарт 2023\tорганы местного самоуправления, осуществляющие управление в сфере образования (далее – МОУО)\tКДН и ЗП, ОО и ДДТ\n" +
		"2.\tКлассные часы\tапрель 2023\tклассные руководители 5-9 классов, заместителем директора по ВР\tпедагог-психолог\n"
	p := buildString(t, src)
	type ex struct {
		text string
		co   bool
		kind plan.ExecutorKind
	}
	want := [][]ex{
		{{"органы местного самоуправления, осуществляющие управление в сфере образования (далее – МОУО)", false, 0},
			{"КДН и ЗП", true, 0}, {"ОО", true, 0}, {"ДДТ", true, 0}},
		{{"классные руководители 5-9 классов", false, plan.ExecutorPosition}, {"заместителем директора по ВР", false, plan.ExecutorPosition},
			{"педагог-психолог", true, plan.ExecutorPosition}},
	}
	for i, w := range want {
		var got []ex
		for _, e := range p.Items[i].Responsible {
			got = append(got, ex{e.Text, e.Co, e.Kind})
			if e.Co != (e.Column == "Соисполнители") {
				t.Errorf("%q: co %v, column %q", e.Text, e.Co, e.Column)
			}
		}
		if len(got) != len(w) {
			t.Errorf("item %d: %+v, want %+v", i, got, w)
			continue
		}
		for k := range w {
			if got[k] != w[k] {
				t.Errorf("item %d executor %d: %+v, want %+v", i, k, got[k], w[k])
			}
		}
	}
}

func buildNamed(t *testing.T, name, src string) *plan.Plan {
	t.Helper()
	tb, err := ingest.Read(name, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	p, err := Build(tb, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestSharedActivityRows: a programme table merges an activity's cells
// over the rows of its funding sources; those rows break the activity (or
// a total) down and are no activities. A row under a merged activity with
// its own deadline and executor stays an item.
func TestSharedActivityRows(t *testing.T) {
	src := `<p>Перечень мероприятий подпрограммы на 2024-2025 годы</p><table>
<tr><td>№</td><td>Мероприятие</td><td>Исполнитель</td><td>Срок</td><td>Источник финансирования</td><td>Объем финансирования, тыс. руб.</td></tr>
<tr><td>1.</td><td>Задача 1. Дошкольное образование</td><td></td><td></td><td>всего</td><td>300,0</td></tr>
<tr><td rowspan="3">1.1.</td><td rowspan="3">Ремонт зданий</td><td rowspan="3">УО</td><td rowspan="3">2024 г.</td><td>всего</td><td>300,0</td></tr>
<tr><td>краевой бюджет</td><td>200,0</td></tr>
<tr><td>местный бюджет</td><td>100,0</td></tr>
<tr><td rowspan="2">1.2.</td><td rowspan="2">Мониторинг</td><td>УО</td><td>2024 г.</td><td>местный бюджет</td><td>0,0</td></tr>
<tr><td>ОО</td><td>2025 г.</td><td>местный бюджет</td><td>0,0</td></tr>
<tr><td></td><td rowspan="2">Всего по подпрограмме 1</td><td></td><td></td><td>всего</td><td>300,0</td></tr>
<tr><td></td><td></td><td></td><td>краевой бюджет</td><td>200,0</td></tr>
</table>`
	p := buildNamed(t, "t.html", src)
	if got := itemIDs(p); got != "1.1 1.2 1.2-2" {
		t.Errorf("items %q, want the activity once and the row with its own deadline and executor", got)
	}
	// The number 1.2 is one cell merged over both rows: printed once.
	if n := countCode(p, plan.CodeNumberDuplicate); n != 0 {
		t.Errorf("%d number-duplicate diagnostics for a merged number cell: %v", n, p.Diagnostics)
	}
	if len(p.Items) > 0 {
		if it := p.Items[0]; it.Extra["Источник финансирования"] != "всего\nкраевой бюджет\nместный бюджет" {
			t.Errorf("breakdown kept as %q", it.Extra["Источник финансирования"])
		}
	}
	if len(p.Totals) != 2 || p.Totals[1].Label != "Всего по подпрограмме 1" || p.Totals[1].Section != "" {
		t.Errorf("totals %+v: want the subprogramme total of the plan, not of «Задача 1»", p.Totals)
	}
	if n := countCode(p, plan.CodeTotalMismatch); n != 0 {
		t.Errorf("%d mismatches: %v", n, p.Diagnostics)
	}
}

// TestActivityBreakdownTSV: in a tab-separated export an activity's cells
// stand only on the first of its funding-source rows; the rows below carry
// the source and its figures. They join the activity one a line, and the
// totals are checked against the activity's sum (its "всего" line, or the
// sum of its sources when it has none).
func TestActivityBreakdownTSV(t *testing.T) {
	src := "Программа на 2024 год\n\n№\tМероприятие\tИсполнитель\tСрок\tИсточник финансирования\tОбъем финансирования, тыс. руб.\n" +
		"1.1.\tРемонт зданий\tУО\t2024 г.\tвсего\t1 300,0\n" +
		"\t\t\t\tобластной бюджет\t1 200,0\n" +
		"\t\t\t\tместный бюджет\t100,0\n" +
		"1.2.\tОснащение кабинетов\tОО\t2024 г.\tобластной бюджет\t50,0\n" +
		"\t\t\t\tместный бюджет\t25,5\n" +
		"\tИтого\t\t\tвсего\t1 375,5\n"
	p := buildString(t, src)
	if got := itemIDs(p); got != "1.1 1.2" {
		t.Fatalf("items %q", got)
	}
	if got := p.Items[0].Extra["Объем финансирования, тыс. руб."]; got != "1 300,0\n1 200,0\n100,0" {
		t.Errorf("figures kept as %q, want one a line", got)
	}
	if got := p.Items[0].Extra["Источник финансирования"]; got != "всего\nобластной бюджет\nместный бюджет" {
		t.Errorf("sources kept as %q, want one a line", got)
	}
	if n := countCode(p, plan.CodeTotalMismatch); n != 0 {
		t.Errorf("%d mismatches: %v", n, p.Diagnostics)
	}
}

func TestItemFigure(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"1 300,0", 1300, true},
		{"1 300,0\n1 200,0\n100,0", 1300, true}, // a total, then its sources
		{"50,0\n25,5", 75.5, true},              // the sources only
		{"100,0\n100,0", 100, true},             // a total and its one source
		{"12,0\nсм. примечание", 12, true},      // not a breakdown: the first line
		{"нет", 0, false},
	}
	for _, tc := range tests {
		if v, _, ok := itemFigure(tc.in); v != tc.want || ok != tc.ok {
			t.Errorf("itemFigure(%q) = %v, %v; want %v, %v", tc.in, v, ok, tc.want, tc.ok)
		}
	}
}

// TestTotalBreakdown: "в том числе:" under a total breaks it down by
// source; it is part of the total, not an activity.
func TestTotalBreakdown(t *testing.T) {
	src := "Программа на 2023 год\n\n№\tМероприятие\tСрок\tИсполнитель\tИсточник\tФинансирование, тыс. руб.\n" +
		"1.\tКурсы\tмарт 2023\tУО\tместный бюджет\t100,0\n" +
		"\tВсего по программе\t\t\t\t100,0\n" +
		"\tв том числе:\t\t\tобластной бюджет\t40,0\n" +
		"\t\t\t\tместный бюджет\t60,0\n"
	p := buildString(t, src)
	if got := itemIDs(p); got != "1" {
		t.Errorf("items %q", got)
	}
	if len(p.Totals) != 1 {
		t.Errorf("totals %+v", p.Totals)
	}
}

// TestSignatureUnderTable: a signature typed with tabs under the table is
// no activity, also when the name falls in the deadline column; a last
// row whose deadline reads as one stays an item.
func TestSignatureUnderTable(t *testing.T) {
	const head = "План на 2023 год\n\n№\tМероприятие\tСрок\tОтветственный\n1.\tСовещание\tмарт 2023\tУО\n"
	for _, tc := range []struct{ name, rows, ids string }{
		{"name in the deadline column", "\nНачальник управления образования\t\tН.В. Смирнова\n", "1"},
		{"name in the last column", "\nНачальник управления образования\t\t\tН.В. Смирнова\n", "1"},
		{"an unnumbered last row with a deadline", "\t\tапрель 2023\tИМЦ\n", "1 1+1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := itemIDs(buildString(t, head+tc.rows)); got != tc.ids {
				t.Errorf("items %q, want %q", got, tc.ids)
			}
		})
	}
	// Under a table with a grouping column the post falls in that column
	// and the name in the activity's: still no group, no heading.
	p := buildString(t, "План на 2024 год\n\nЦель\t№\tМероприятие\tСрок\tОтветственный\n"+
		"Качество воспитания\t1.\tКурсы\tмарт 2024\tУО\n\t2.\tСеминар\tапрель 2024\tИМЦ\n\n"+
		"Начальник управления образования\t\tА.А. Иванов\n")
	if len(p.Sections) != 1 || itemIDs(p) != "1 2" {
		t.Errorf("sections %+v, items %q", p.Sections, itemIDs(p))
	}
}

// TestSubListHeading: a numbered title ending with a colon over lettered
// rows heads them; without the colon or the letters it stays an item.
func TestSubListHeading(t *testing.T) {
	const head = "План на 2023 год\n\n№\tМероприятие\tСрок\tОтветственный\n"
	for _, tc := range []struct{ name, rows, ids string }{
		{"colon and letters", "1.\tОснащение ОО:\t\t\nа)\tсистемами видеонаблюдения\t2023 г.\tУО\nб)\tметаллодетекторами\t2023 г.\tОО\n2.\tРемонт ограждения\t2023 г.\tУО\n",
			"1.а 1.б 2"},
		{"no colon", "1.\tОснащение ОО\t\t\nа)\tсистемами видеонаблюдения\t2023 г.\tУО\n", "1 1+1"},
		// The marker typed in the activity cell, the number cell empty.
		{"markers in the activity", "1.\tОснащение ОО:\t\t\n\tа) системами видеонаблюдения\t2023 г.\tУО\n\tб) металлодетекторами\t2023 г.\tОО\n2.\tРемонт ограждения\t2023 г.\tУО\n",
			"1.а 1.б 2"},
		{"numbered markers in the activity", "1.\tРазработка:\t\t\n\t1) положения\t2023 г.\tУО\n\t2) порядка\t2023 г.\tУО\n", "1.1 1.2"},
		{"marker in the activity, no colon above", "1.\tОснащение ОО\t2023 г.\tУО\n\tа) системами видеонаблюдения\t2023 г.\tУО\n", "1 1+1"},
		{"a row without a marker ends the list", "1.\tОснащение ОО:\t\t\n\tа) системами\t2023 г.\tУО\n\tРемонт\t2023 г.\tУО\n\tб) не пункт\t2023 г.\tУО\n",
			"1.а S-1+2 S-1+3"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := buildString(t, head+tc.rows)
			if got := itemIDs(p); got != tc.ids {
				t.Errorf("items %q, want %q", got, tc.ids)
			}
			if strings.Contains(tc.ids, ".а") && tc.name != "a row without a marker ends the list" && (countCode(p, plan.CodeNumberFormat) != 0 || p.Items[0].Num() != "а)") {
				t.Errorf("sub-list markers: number %q, %v", p.Items[0].Num(), p.Diagnostics)
			}
		})
	}
}

// TestDeadlineCutMidWord: a page break that cuts a deadline inside a word
// is rejoined without the space when only that reads as a deadline.
func TestDeadlineCutMidWord(t *testing.T) {
	const head = "План на 2023 год\n\n№\tМероприятие\tСрок\tОтветственный\n"
	for _, tc := range []struct{ cut, rest, want string }{
		{"По мер", "е необходимости", "По мере необходимости"},
		{"В течение", "учебного года", "В течение учебного года"},
		{"март", "2023", "март 2023"},
	} {
		p := buildString(t, head+"1.\tСовещание руководителей\t"+tc.cut+"\tУО\n\n\n\tобразовательных организаций\t"+tc.rest+"\t\n")
		if len(p.Items) != 1 || p.Items[0].Deadline.Text != tc.want || p.Items[0].Deadline.Kind == plan.KindUnknown {
			t.Errorf("%q + %q: %+v", tc.cut, tc.rest, p.Items)
		}
	}
}

// TestFirstHeadingUnderHeader: a section heading right under the header,
// in the activity's column, is a heading, not a second header row, even
// when it names "мероприятия".
func TestFirstHeadingUnderHeader(t *testing.T) {
	p := buildString(t, "План на 2024 год\n\n№ п/п\tНаименование мероприятия\tСрок\tОтветственный\n"+
		"\t<b>Раздел 1. Организационные мероприятия</b>\t\t\n1.1.\tСовещание\tмарт 2024\tУО\n")
	if len(p.Sections) != 1 || p.Sections[0].Num() != "1." || p.Columns[1].Header != "Наименование мероприятия" {
		t.Errorf("sections %+v, columns %+v", p.Sections, p.Columns)
	}
}

// TestKeywordInNumberColumn: "Раздел 1." in the number column and the
// title beside it open a section of that kind and number.
func TestKeywordInNumberColumn(t *testing.T) {
	p := buildString(t, "План на 2024 год\n\n№ п/п\tМероприятие\tСрок\tОтветственный\n"+
		"<b>Раздел 1.</b>\t<b>Нормативное обеспечение</b>\t\t\n1.1.\tСовещание\tмарт 2024\tУО\n"+
		"Задача 2.\tКадры\t\t\n2.1.\tКурсы\tмай 2024\tИМЦ\n")
	if itemIDs(p) != "1.1 2.1" || len(p.Sections) != 2 || p.Sections[0].Kind != "раздел" || p.Sections[1].Kind != "задача" ||
		p.Sections[1].Num() != "2." || p.Items[1].Section != p.Sections[1].ID {
		t.Errorf("items %q, sections %+v", itemIDs(p), p.Sections)
	}
}

// TestYearColumns: a deadline column per year ticks its year with a mark
// and dates a text without a year in it.
func TestYearColumns(t *testing.T) {
	const head = "План на 2024-2026 годы\n\n№\tМероприятие\tСроки исполнения\t\t\tОтветственный\n" +
		"\t\t2024\t2025\t2026\t\n"
	for _, tc := range []struct{ row, text, months string }{
		{"1.\tОбучение\t+\t+\t+\tУО\n", "2024, 2025, 2026", "2024-01..2026-12"},
		{"1.\tОбучение\t\tх\t\tУО\n", "2025", "2025-01..2025-12"},
		{"1.\tОбучение\tIV квартал\t\tмарт\tУО\n", "IV квартал 2024, март 2026", "2024-10,2024-11,2024-12,2026-03"},
		{"1.\tОбучение\tдо 01.09.2024\t\t\tУО\n", "до 01.09.2024", "2024-09"},
	} {
		t.Run(tc.text, func(t *testing.T) {
			p := buildString(t, head+tc.row)
			if len(p.Items) != 1 {
				t.Fatalf("items %q", itemIDs(p))
			}
			d := p.Items[0].Deadline
			if d.Text != tc.text || monthsString(d.Months) != tc.months {
				t.Errorf("deadline %q %s, want %q %s", d.Text, monthsString(d.Months), tc.text, tc.months)
			}
		})
	}
}

// TestFootnoteUnderTable: a footnote or a remark under the table is a
// note, kept in the diagnostics, not the heading of an empty section; a
// signature row is not reported as a broken row, and a list of
// abbreviations under the table defines them.
func TestFootnoteUnderTable(t *testing.T) {
	p := buildString(t, "План на 2024 год\n\n№\tМероприятие\tСрок\tОтветственный\n"+
		"1.\tМониторинг охвата*\tежеквартально\tОО\n\n"+
		"* По форме, утвержденной приказом.\n"+
		"Примечание: ОО – общеобразовательные организации района.\n"+
		"Начальник управления\t\tА.А. Иванов\n")
	if len(p.Sections) != 0 || itemIDs(p) != "1" {
		t.Errorf("sections %+v, items %q", p.Sections, itemIDs(p))
	}
	if n := countCode(p, plan.CodeTextOutsideTable); n != 3 {
		t.Errorf("%d notes, want 3: %v", n, p.Diagnostics)
	}
	if n := countCode(p, plan.CodeRaggedRow); n != 0 {
		t.Errorf("signature reported as a broken row: %v", p.Diagnostics)
	}
	if len(p.Organizations) != 1 || p.Organizations[0].Full != "общеобразовательные организации района" {
		t.Errorf("organizations %+v", p.Organizations)
	}
}

// monthsString writes months compactly: more than four as
// "first..last", fewer joined by commas.
func monthsString(ms []plan.Month) string {
	if len(ms) > 4 {
		return ms[0].String() + ".." + ms[len(ms)-1].String()
	}
	s := make([]string, len(ms))
	for i, m := range ms {
		s[i] = m.String()
	}
	return strings.Join(s, ",")
}

// TestPeriodNotInTitle: a title without a period takes the one the lines
// above it name (the programme the list belongs to), else the years of
// the deadlines, both ends of a range "2024–2026" counted.
func TestPeriodNotInTitle(t *testing.T) {
	const table = "№\tМероприятие\tСрок\tОтветственный\n1.\tРемонт\t2024–2026 гг.\tУО\n"
	for _, tc := range []struct{ name, above, from, to string }{
		{"programme above", "Приложение 1 к муниципальной программе «Развитие образования» на 2024-2027 годы\n\nПеречень мероприятий подпрограммы\n\n",
			"2024-01", "2027-12"},
		{"deadlines", "Перечень мероприятий подпрограммы\n\n", "2024-01", "2026-12"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := buildString(t, tc.above+table)
			if got := p.Period.From.String() + " " + p.Period.To.String(); got != tc.from+" "+tc.to {
				t.Errorf("period %s, want %s %s", got, tc.from, tc.to)
			}
			if countCode(p, plan.CodeNoPeriod) != 1 {
				t.Errorf("no %s diagnostic: %v", plan.CodeNoPeriod, p.Diagnostics)
			}
		})
	}
}

// TestYearHeadersAlone: columns headed by a year alone and ticked with
// marks are deadlines per year; with figures in them they are not.
func TestYearHeadersAlone(t *testing.T) {
	const head = "План на 2024-2026 годы\n\n№\tМероприятие\t2024 г.\t2025 г.\t2026 г.\tОтветственный\n"
	p := buildString(t, head+"1.\tОбучение\t+\t+\t\tУО\n2.\tРемонт\t\tх\tх\tОО\n")
	if len(p.Items) != 2 || p.Items[0].Deadline.Text != "2024, 2025" || p.Items[1].Deadline.Text != "2025, 2026" {
		t.Errorf("items %+v", p.Items)
	}
	if countCode(p, plan.CodeHeaderUnknown) != 0 {
		t.Errorf("year headers reported unknown: %v", p.Diagnostics)
	}
	p = buildString(t, head+"1.\tОбучение\t12,0\t15,0\t\tУО\n")
	if p.Items[0].Deadline.Text != "" || p.Columns[2].Role == plan.RoleDeadline {
		t.Errorf("figures read as a deadline: %+v %+v", p.Items[0].Deadline, p.Columns[2])
	}
}

// TestNoDeadlineColumn: a table without a column of deadlines or of
// executors is said to lack it once, not silently left without them.
func TestNoDeadlineColumn(t *testing.T) {
	p := buildString(t, "План на 2025 год\n\n№\tМероприятие\tРезультат\n1.\tСовещание\tПротокол\n2.\tСеминар\tМатериалы\n")
	if len(p.Items) != 2 || countCode(p, plan.CodeDeadlineEmpty) != 1 || countCode(p, plan.CodeNoResponsible) != 1 {
		t.Errorf("items %q, diagnostics %v", itemIDs(p), p.Diagnostics)
	}
	p = buildString(t, "План на 2025 год\n\n№\tМероприятие\tСрок\tОтветственный\n1.\tСовещание\tмарт 2025\tУО\n")
	if countCode(p, plan.CodeDeadlineEmpty) != 0 || countCode(p, plan.CodeNoResponsible) != 0 {
		t.Errorf("diagnostics %v", p.Diagnostics)
	}
}

// TestOnlyCoExecutors: an item with co-executors but no responsible keeps
// them and is reported as lacking its responsible.
func TestOnlyCoExecutors(t *testing.T) {
	p := buildString(t, "План на 2025 год\n\n№\tМероприятие\tСрок\tОтветственный исполнитель\tСоисполнители\n"+
		"1.\tСовещание\tмарт 2025\tУО\tИМЦ\n2.\tСеминар\tапрель 2025\t\tИМЦ\n")
	if n := countCode(p, plan.CodeNoResponsible); n != 1 || len(p.Items[1].Responsible) != 1 || !p.Items[1].Responsible[0].Co {
		t.Errorf("%d no-responsible, executors %+v", n, p.Items[1].Responsible)
	}
}
