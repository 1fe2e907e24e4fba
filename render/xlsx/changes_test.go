package xlsx

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/roadmap-tool/roadmap/plandiff"
	"github.com/roadmap-tool/roadmap/plandiff/difftest"
	"github.com/roadmap-tool/roadmap/templates"
)

var changesNow = time.Date(2022, 3, 15, 10, 0, 0, 0, time.UTC)

func changesBook(t testing.TB, d *plandiff.Diff, lab *templates.Labels) *excelize.File {
	t.Helper()
	var b bytes.Buffer
	if err := WriteChanges(&b, d, ChangesOptions{Labels: lab, Now: changesNow}); err != nil {
		t.Fatal(err)
	}
	return openBytes(t, b.Bytes())
}

// rowsWith returns the rows of a sheet whose first cell is first.
func rowsWith(rows [][]string, first string) [][]string {
	var out [][]string
	for _, r := range rows {
		if len(r) > 0 && r[0] == first {
			out = append(out, r)
		}
	}
	return out
}

// rowIndex is the 1-based row whose first cells are these, or 0.
func rowIndex(rows [][]string, cells ...string) int {
next:
	for i, r := range rows {
		if len(r) < len(cells) {
			continue
		}
		for j, c := range cells {
			if r[j] != c {
				continue next
			}
		}
		return i + 1
	}
	return 0
}

// TestChangesSheet reads the change sheet of the amended Derbent fixture
// back: both versions, the summary, each table with exactly its items,
// the word diff as struck-through and underlined runs, the signature
// block, and the sheet of matches that carries answers over.
func TestChangesSheet(t *testing.T) {
	d := difftest.Golden(t, "amended")
	f := changesBook(t, d, nil)
	if got := f.GetSheetList(); len(got) != 2 || got[0] != "Лист изменений" || got[1] != "Сопоставление пунктов" {
		t.Fatalf("sheets %q", got)
	}
	const sh = "Лист изменений"
	rows, err := f.GetRows(sh)
	if err != nil {
		t.Fatal(err)
	}
	text := func(r [][]string) string {
		var b strings.Builder
		for _, row := range r {
			b.WriteString(strings.Join(row, "|") + "\n")
		}
		return b.String()
	}
	all := text(rows)
	if rows[0][0] != "Лист изменений дорожной карты" {
		t.Errorf("A1 = %q", rows[0][0])
	}
	for _, want := range []string{
		"Прежняя редакция\n",
		"Наименование:||" + d.Old.Title,
		"Редакция:||первоначальная",
		"Период реализации:||сентябрь 2021 г. – август 2024 г.",
		"Файл:||seeds/004_7e7c8821e6f4a4e0.txt (изм.)",
		"Мероприятий:||71",
		"Дата составления:||15.03.2022",
		"Сопоставлено мероприятий прежней и новой редакций|||||70",
		"    изменен номер|||||10",
		"Добавлено мероприятий|||||1",
		"Исключено мероприятий|||||1",
		"В прежней редакции исключенный текст зачеркнут, в новой добавленный текст подчеркнут.",
		"Добавленные мероприятия (1)",
		"—|1.1.3.8|Проведение муниципального конкурса «Педагог-наставник»|Апрель 2022|ООДО МКУ ДГУО|1.1.3 ",
		"Исключенные мероприятия (1)",
		"1.1.3.4|—|Функционирование городских методических объединений и творческих групп учителей|В течение учебного года|",
		"Измененные мероприятия (3)",
		"1.2.3|1.2.2|Разработка Плана мероприятий по сопровождению образовательных организаций с низкими результатами обучения|Срок|Октябрь-декабрь (ежегодно)|Ноябрь 2021\n(исключены месяцы: октябрь 2021, декабрь 2021, октябрь – декабрь 2022, октябрь – декабрь 2023)",
		"1.2.4|1.2.3|Реализация Плана мероприятий по сопровождению образовательных организаций с низкими результатами обучения|Исполнители|ООДО МКУ ДГУО, ОО|ООДО МКУ ДГУО\n(исключены: ОО)",
		"Мероприятия, перемещенные в другой раздел (1)",
		"1.2.1|1.1.2.4|Выявление школ с низкими образовательными результатами на основе региональных показателей||1.2. Система работы со школами",
		"Мероприятия с измененным номером (10)",
		"Составил|||||«___» ____________ 20___ г.",
		"||(подпись)||(расшифровка подписи)",
		"Проверил",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("sheet lacks %q", want)
		}
	}
	// Exactly one row per added and removed item, ten renumbered.
	if n := len(rowsWith(rows, "1.1.3.4")); n != 1 {
		t.Errorf("removed 1.1.3.4 in %d rows", n)
	}
	ren := rowIndex(rows, "Мероприятия с измененным номером (10)")
	if ren == 0 || rowIndex(rows[ren+1:], "1.2.6", "1.2.5") != 10 {
		t.Errorf("renumbered rows start at %d", ren)
	}

	// The reworded activity: the old text with the deleted words struck
	// through, the new with the inserted ones underlined.
	r := rowIndex(rows, "1.1.3.6", "1.1.3.5")
	if r == 0 || rows[r-1][3] != "Мероприятие" {
		t.Fatalf("no changed row for 1.1.3.6 → 1.1.3.5")
	}
	runs := func(col int) []excelize.RichTextRun {
		rs, err := f.GetCellRichText(sh, cellAt(col, r))
		if err != nil {
			t.Fatal(err)
		}
		return rs
	}
	marked := func(rs []excelize.RichTextRun, pick func(*excelize.Font) bool) []string {
		var out []string
		for _, x := range rs {
			if x.Font != nil && pick(x.Font) {
				out = append(out, x.Text)
			}
		}
		return out
	}
	before, after := runs(5), runs(6)
	if richText(before) != "Создание стажировочных площадок в городском округе «город Дербент»" ||
		richText(after) != "Создание стажировочной площадки в городском округе «город Дербент»" {
		t.Errorf("before %q, after %q", richText(before), richText(after))
	}
	if got := marked(before, func(f *excelize.Font) bool { return f.Strike }); strings.Join(got, "|") != "стажировочных площадок" {
		t.Errorf("struck through: %q", got)
	}
	if got := marked(after, func(f *excelize.Font) bool { return f.Underline == "single" }); strings.Join(got, "|") != "стажировочной площадки" {
		t.Errorf("underlined: %q", got)
	}
	if got := marked(after, func(f *excelize.Font) bool { return f.Strike }); got != nil {
		t.Errorf("struck through in the new text: %q", got)
	}

	// The matches: every old item once, every new item once.
	m, _ := f.GetRows("Сопоставление пунктов")
	if len(m) != 1+70+1+1 {
		t.Errorf("matches sheet: %d rows, want 73", len(m))
	}
	if i := rowIndex(m, "1.1.3.6", "1.1.3.5"); i == 0 || m[i-1][3] != "по номеру и сходству текста" && m[i-1][3] != "по сходству текста" {
		t.Errorf("1.1.3.6 matched: %q", m[max(i-1, 0)])
	}
	if rowIndex(m, "—", "1.1.3.8") == 0 || rowIndex(m, "1.1.3.4", "—") == 0 {
		t.Error("added or removed item missing from the matches")
	}
}

// TestChangesSame: two equal versions give a sheet that says so, with no
// table of changes.
func TestChangesSame(t *testing.T) {
	f := changesBook(t, difftest.Golden(t, "unchanged"), nil)
	rows, _ := f.GetRows("Лист изменений")
	var all []string
	for _, r := range rows {
		all = append(all, strings.Join(r, "|"))
	}
	s := strings.Join(all, "\n")
	if !strings.Contains(s, "Редакции совпадают, изменений нет.") {
		t.Error("no word that the versions are the same")
	}
	for _, no := range []string{"Добавленные", "Исключенные", "Измененные", "зачеркнут"} {
		if strings.Contains(s, no) {
			t.Errorf("a sheet of equal versions says %q", no)
		}
	}
}

// TestChangesTemplates: every word comes from changes.yaml, so an
// override renames the sheet, the title and a signature role.
func TestChangesTemplates(t *testing.T) {
	dir := t.TempDir()
	yaml := "title: Лист согласования изменений\nsheet: Изменения\nsignature:\n  roles: [Начальник отдела]\n"
	if err := os.WriteFile(filepath.Join(dir, "changes.yaml"), []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	lab, err := templates.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	f := changesBook(t, difftest.Golden(t, "removed"), lab)
	rows, err := f.GetRows("Изменения")
	if err != nil {
		t.Fatal(err)
	}
	if rows[0][0] != "Лист согласования изменений" || len(rowsWith(rows, "Начальник отдела")) != 1 || len(rowsWith(rows, "Составил")) != 0 {
		t.Errorf("overridden words not used: %q", rows[0])
	}
}

// TestRichRuns: one side of a word diff as cell runs, the marked words
// marked and the spaces around them not.
func TestRichRuns(t *testing.T) {
	spans := plandiff.WordDiff("Форум наставников", "Форум наставников (в том числе онлайн)")
	var got []string
	for _, r := range richRuns(spans, plandiff.Insert) {
		mark := ""
		if r.Font.Underline == "single" {
			mark = "_"
		}
		got = append(got, mark+r.Text)
	}
	if strings.Join(got, "|") != "Форум наставников| |_(в том числе онлайн)" {
		t.Errorf("runs %q", got)
	}
	if got := richText(richRuns(spans, plandiff.Delete)); got != "Форум наставников" {
		t.Errorf("old side %q", got)
	}
}
