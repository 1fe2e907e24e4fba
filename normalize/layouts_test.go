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
