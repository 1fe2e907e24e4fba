package templates

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// TestDefaults: the embedded templates load and hold the words the
// writers rely on.
func TestDefaults(t *testing.T) {
	l := Default()
	for _, c := range []struct{ got, want string }{
		{l.Status(plan.StatusDone), "Выполнено"},
		{l.Status(plan.StatusNone), "нет данных"},
		{l.Tracker.Status(plan.StatusPostponed), "Перенесено"},
		{l.Report.Status(plan.StatusNotDone), "Не выполнено"},
		{l.Tracker.Sheets.Plan, "План"},
		{l.Tracker.Checklist.IndexColumns[2], "Файл"},
		{l.Report.Heading("overdue"), "Просроченные мероприятия"},
		{l.Report.Label("no-such-key"), "no-such-key"},
		{l.Matrix.ExecutorSection.Name, "Исполнители и разделы"},
		{l.Matrix.Total, "Итого"},
		{l.Summary.CSVColumns[12], "Квартал ответа"},
		{l.Build.SummaryColumns[0], "файл"},
		{l.Build.outputLabel("x/checklists/"), "чек-листы школ"},
		{l.Changes.Title, "Лист изменений дорожной карты"},
		{l.Changes.MatchedBy("similar"), "по сходству текста"},
		{l.Changes.History.QuarterColumns[1], "Действовала редакция"},
		{Fill(l.Changes.Markers.TextInserted, "{text}", "так"), "{+так+}"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
	if got := l.Tracker.StatusList(); len(got) != len(plan.Statuses) || got[2] != "Выполнено" {
		t.Errorf("StatusList = %q", got)
	}
	var b strings.Builder
	if err := l.Index.Execute(&b, map[string]any{"Results": []int{}, "Now": "01.02.2022 10:00", "Version": "test"}); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(b.String(), "<!DOCTYPE html>") || !strings.Contains(b.String(), "Файлов: 0") {
		t.Errorf("index.html:\n%s", b.String())
	}
}

// TestOverride: a file in the folder changes only the keys it names, the
// report's own status words win in the report only, and bad files are
// refused with their name and what is wrong.
func TestOverride(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("tracker.yaml", "columns:\n  status: Отметка о выполнении\n")
	write("report.yaml", "statuses:\n  done: Исполнено\nheadings:\n  unscheduled: Без срока\n")
	write("matrix.yaml", "total: Всего\n")
	l, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ got, want string }{
		{l.Tracker.Columns.Status, "Отметка о выполнении"},
		{l.Tracker.Columns.Date, "Дата выполнения"}, // kept from the default
		{l.Report.Status(plan.StatusDone), "Исполнено"},
		{l.Report.Status(plan.StatusInProgress), "Выполняется"},
		{l.Tracker.Status(plan.StatusDone), "Выполнено"},
		{l.Report.Heading("unscheduled"), "Без срока"},
		{l.Report.Heading("overdue"), "Просроченные мероприятия"},
		{l.Matrix.Total, "Всего"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
	if Default().Tracker.Columns.Status != "Статус" {
		t.Error("an override changed the shared defaults")
	}

	for _, bad := range []struct{ file, text, want string }{
		{"tracker.yaml", "columns:\n  status: \"\"\n", "tracker.yaml: не задано значение columns.status"},
		{"report.yaml", "columns:\n  plan:\n    - {key: bogus, width: 1}\n", `неизвестный ключ столбца "bogus"`},
		{"common.yaml", "statuses:\n  done: \"\"\n", "statuses.done"},
		{"matrix.yaml", "executor_section:\n  name: Очень длинное название листа матрицы исполнителей\n", "31"},
		{"status.yaml", "csv_columns: [a, b]\n", "csv_columns"},
		{"build.yaml", "done: [\n", "build.yaml:1: не читается как YAML (не хватает значения)"},
		{"build.yaml", "done: x\n\tfinished_where: y\n", "build.yaml:2: не читается как YAML (табуляция в отступе, а отступы делаются пробелами)"},
		{"matrix.yaml", "totl: Всего\n", "matrix.yaml:1: неизвестный ключ «totl»"},
		{"report.yaml", "labels:\n  total: x\nmatrix:\n  total: y\n", "report.yaml:3: неизвестный ключ «matrix»"},
		{"index.html", "{{.Results", "index.html:1: не закрыта конструкция {{ … }}; ожидается шаблон Go (html/template), как встроенный index.html"},
		{"index.html", "\n{{ if .Results }}x", "index.html:2: непарные {{ if }}, {{ range }} и {{ end }}"},
		{"index.html", "{{ nosuch . }}", "index.html:1: неизвестная функция «nosuch»"},
		{"changes.yaml", "matches_sheet: Сопоставление пунктов прежней и новой редакций\n", "changes.yaml: matches_sheet: 46 знаков"},
		{"changes.yaml", "history:\n  columns: [№]\n", "history.columns: ожидается 7 заголовков"},
		{"changes.yaml", "columns:\n  before: \"\"\n", "не задано значение columns.before"},
		{"changes.yaml", "signature:\n  role: Составил\n", "changes.yaml:2: неизвестный ключ «role»"},
		{"build.yaml", "terminal_columns: [файл]\n", "build.yaml: terminal_columns: ожидается 6 заголовков, задано 1"},
		{"build.yaml", "finished_where: \"\"\n", "не задано значение finished_where"},
		{"tracker.yaml", "checklist:\n  list_columns: [Файл]\n", "checklist.list_columns: ожидается 3 заголовка"},
		{"collect.yaml", "columns: [Школа]\n", "collect.yaml: columns: ожидается 3 заголовка, задано 1"},
		{"collect.yaml", "answer_forms: [ответ]\n", "answer_forms: ожидается 3 формы слова"},
		{"collect.yaml", "heading: \"\"\n", "не задано значение heading"},
	} {
		d := t.TempDir()
		if err := os.WriteFile(filepath.Join(d, bad.file), []byte(bad.text), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := Load(d); err == nil || !strings.Contains(err.Error(), bad.want) || !strings.Contains(err.Error(), "шаблон") || strings.Contains(err.Error(), "template:") {
			t.Errorf("%s %q: err = %v, want one naming %q", bad.file, bad.text, err, bad.want)
		}
	}
	if _, err := Load(filepath.Join(dir, "no-such-folder")); err == nil || !strings.Contains(err.Error(), "папка не найдена") {
		t.Errorf("missing folder: %v", err)
	}
}

// TestFillPeriod: a value that ends in a period ("г.") does not double
// the period after its placeholder; other periods and values stay.
func TestFillPeriod(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{Fill("Сведения за {quarter}.", "{quarter}", "I квартал 2022 г."), "Сведения за I квартал 2022 г."},
		{Fill("за {quarter}. Итого {n}.", "{quarter}", "I квартал 2022 г.", "{n}", "5"), "за I квартал 2022 г. Итого 5."},
		{Fill("{a}.{b}.", "{a}", "x", "{b}", "y"), "x.y."},
		{Fill("см. {path}", "{path}", "../out/summary.csv"), "см. ../out/summary.csv"},
		{Sentencef("Ответы за %s.", "IV квартал 2022 г."), "Ответы за IV квартал 2022 г."},
		{Sentencef("Ответы за %s.", "2022Q4"), "Ответы за 2022Q4."},
		{Sentencef("Ответы: %s", "IV квартал 2022 г."), "Ответы: IV квартал 2022 г."},
	} {
		if tc.got != tc.want {
			t.Errorf("%q, want %q", tc.got, tc.want)
		}
	}
}
