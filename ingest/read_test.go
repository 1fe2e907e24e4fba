package ingest

import (
	"bytes"
	"errors"
	"io/fs"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"github.com/roadmap-tool/roadmap/internal/enctest"
	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/seeds"
)

// zipHead is the start of a ZIP archive whose first member is member.
func zipHead(member string) []byte {
	return append([]byte("PK\x03\x04\x14\x00\x00\x00\x08\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x13\x00\x00\x00"), member...)
}

func TestReadErrors(t *testing.T) {
	random := make([]byte, 4096)
	x := uint32(2463534242)
	for i := range random {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		random[i] = byte(x)
	}
	tests := []struct {
		name string
		data []byte
		err  error
		msg  string
	}{
		{"empty", nil, ErrEmpty, "in.txt: файл пуст: ожидается текстовый экспорт таблицы (TSV) или HTML"},
		{"whitespace", []byte(" \n\t\r\n\u00a0\n"), ErrEmpty, "in.txt: файл пуст: в файле только пробелы и пустые строки; ожидается текстовый экспорт таблицы (TSV) или HTML"},
		{"bom only", []byte("\xEF\xBB\xBF\n"), ErrEmpty, "in.txt: файл пуст: в файле только пробелы и пустые строки; ожидается текстовый экспорт таблицы (TSV) или HTML"},
		{"nul", []byte("Заголовок\n№\tМероприятие\n1.\tx\x00y\n"), ErrBinary, "in.txt:3: двоичные данные, а не текст: байт NUL в тексте; ожидается текстовый экспорт таблицы (TSV) или HTML"},
		{"random", random, ErrBinary, "in.txt:1: двоичные данные, а не текст: байт NUL в тексте; ожидается текстовый экспорт таблицы (TSV) или HTML"},
		{"controls", []byte("a\x01b\x02c\x03\td\n"), ErrBinary, "in.txt:1: двоичные данные, а не текст: управляющие символы в тексте; ожидается текстовый экспорт таблицы (TSV) или HTML"},
		{"pdf", []byte("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n"), ErrFormat, "in.txt:1: неподходящий формат файла: это PDF-файл, а ожидается текстовый экспорт таблицы (TSV) или HTML; откройте исходный документ в Word и сохраните его как HTML или текст"},
		{"xlsx", zipHead("xl/workbook.xml"), ErrFormat, "in.txt:1: неподходящий формат файла: это книга Excel (XLSX), а ожидается текстовый экспорт таблицы (TSV) или HTML; сохраните лист как «Текст (с разделителями табуляции)»"},
		{"docx", zipHead("word/document.xml"), ErrCorrupt, "in.txt:1: файл поврежден: документ Word (DOCX): ZIP-архив документа не читается (неверная структура архива); откройте документ в Word или LibreOffice и сохраните его заново"},
		{"zip", zipHead("photo.jpg"), ErrFormat, "in.txt:1: неподходящий формат файла: это ZIP-архив, а ожидается текстовый экспорт таблицы (TSV) или HTML; распакуйте его"},
		{"ole doc", []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00"), ErrFormat, "in.txt:1: неподходящий формат файла: это документ Microsoft Office старого формата (DOC или XLS), а ожидается текстовый экспорт таблицы (TSV) или HTML; сохраните его как HTML или текст"},
		{"no tabs", []byte("Дорожная карта\nна 2021 год\n\nМероприятие один\n"), ErrNoTable, "in.txt:1: таблица не найдена: нет строк с ячейками, разделенными табуляцией, и нет <table>: в файле 3 непустые строки, но ни в одной нет табуляции; ожидается экспорт таблицы (TSV) или HTML"},
		{"html without table", []byte("<!DOCTYPE html><html><body><p>Текст</p></body></html>"), ErrNoTable, "in.txt:1: таблица не найдена: нет строк с ячейками, разделенными табуляцией, и нет <table>: в HTML-документе нет таблицы <table> с ячейками; ожидается таблица дорожной карты"},
		{"html empty table", []byte("<html><body>\n<table><tr><td> </td></tr></table></body></html>"), ErrNoTable, "in.txt:2:1: таблица не найдена: нет строк с ячейками, разделенными табуляцией, и нет <table>: все ячейки таблицы пусты; ожидается таблица дорожной карты"},
		{"latin1", []byte("Caf\xe9 na\xefve r\xe9sum\xe9 \xe0 la cr\xe8me br\xfbl\xe9e\n"), ErrEncoding, "in.txt:1: неизвестная кодировка текста: ожидается UTF-8 или Windows-1251 (русский текст)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tbl, err := Read("in.txt", tt.data)
			if err == nil {
				t.Fatalf("Read succeeded with %d rows, want error %v", len(tbl.Rows), tt.err)
			}
			if !errors.Is(err, tt.err) {
				t.Errorf("error %v is not %v", err, tt.err)
			}
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Errorf("error %T is not *ParseError", err)
			}
			if err.Error() != tt.msg {
				t.Errorf("message\n got: %s\nwant: %s", err, tt.msg)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("message has more than one line: %q", err)
			}
		})
	}
}

func TestReadTooLarge(t *testing.T) {
	_, err := Limits{MaxBytes: 10}.Read("big.txt", []byte("a\tb\nc\td\ne\tf\n"))
	if !errors.Is(err, ErrTooLarge) || err.Error() != "big.txt: файл слишком велик: 12 байт, а допускается не более 10 байт" {
		t.Fatalf("err = %v, want ErrTooLarge", err)
	}
}

func TestReadEncodings(t *testing.T) {
	// Only characters all three code pages have: CP866 has no «» or —.
	const doc = "Дорожная карта на 2021-2022 годы\nНомер\tМероприятие Ёлка\tСроки\n1.1.\tСовещание - итоги\tСентябрь 2021 г.\n"
	enc := func(cm *charmap.Charmap) []byte {
		b, err := cm.NewEncoder().Bytes([]byte(doc))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	tests := []struct {
		name     string
		data     []byte
		encoding string
		info     bool
	}{
		{"utf-8", []byte(doc), "utf-8", false},
		{"utf-8 bom", append([]byte("\xEF\xBB\xBF"), doc...), "utf-8-bom", false},
		{"utf-16le bom", enctest.UTF16(doc, false, true), "utf-16le", false},
		{"utf-16be bom", enctest.UTF16(doc, true, true), "utf-16be", false},
		{"utf-16le no bom", enctest.UTF16(doc, false, false), "utf-16le", false},
		{"windows-1251", enc(charmap.Windows1251), "windows-1251", true},
		{"koi8-r", enc(charmap.KOI8R), "koi8-r", true},
		{"ibm866", enc(charmap.CodePage866), "ibm866", true},
		{"windows-1251 crlf", enc(charmap.Windows1251), "windows-1251", true},
	}
	tests[len(tests)-1].data = bytes.ReplaceAll(tests[len(tests)-1].data, []byte("\n"), []byte("\r\n"))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tbl, err := Read("in.txt", tt.data)
			if err != nil {
				t.Fatal(err)
			}
			if tbl.Source.Encoding != tt.encoding {
				t.Errorf("Encoding = %q, want %q", tbl.Source.Encoding, tt.encoding)
			}
			if len(tbl.Title) != 1 || tbl.Title[0].Text != "Дорожная карта на 2021-2022 годы" {
				t.Errorf("Title = %+v", tbl.Title)
			}
			if len(tbl.Rows) != 2 || tbl.Rows[0].Cells[1].Text != "Мероприятие Ёлка" || tbl.Rows[1].Cells[1].Text != "Совещание - итоги" {
				t.Fatalf("Rows = %+v", tbl.Rows)
			}
			if tbl.Rows[1].Pos.Line != 3 {
				t.Errorf("second row at line %d, want 3", tbl.Rows[1].Pos.Line)
			}
			hasInfo := false
			for _, d := range tbl.Diagnostics {
				if d.Code == plan.CodeEncoding && d.Severity == plan.Info {
					hasInfo = true
				}
			}
			if hasInfo != tt.info {
				t.Errorf("encoding info diagnostic = %v, want %v (%v)", hasInfo, tt.info, tbl.Diagnostics)
			}
		})
	}
}

func TestReadBrokenUTF8(t *testing.T) {
	doc := "Заголовок\n№\tМероприятие\n1.\tСовещание руководителей образовательных организаций\n2.\tОбрыв \xD0 символа\n"
	tbl, err := Read("in.txt", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	if tbl.Source.Encoding != "utf-8" || tbl.Rows[2].Cells[1].Text != "Обрыв \uFFFD символа" {
		t.Errorf("got %s %q", tbl.Source.Encoding, tbl.Rows[2].Cells[1].Text)
	}
	if len(tbl.Diagnostics) != 1 || tbl.Diagnostics[0].Severity != plan.Warning || tbl.Diagnostics[0].Pos.Line != 4 {
		t.Errorf("Diagnostics = %v", tbl.Diagnostics)
	}
}

func TestLineEndings(t *testing.T) {
	for name, sep := range map[string]string{"lf": "\n", "crlf": "\r\n", "cr": "\r"} {
		t.Run(name, func(t *testing.T) {
			doc := strings.Join([]string{"Заголовок", "", "№\tМероприятие", "", "", "1.\tСовещание", "Итог"}, sep)
			tbl, err := Read("in.txt", []byte(doc))
			if err != nil {
				t.Fatal(err)
			}
			if len(tbl.Rows) != 2 || tbl.Rows[1].Pos.Line != 6 || tbl.Rows[1].BlankBefore != 2 || tbl.Rows[1].Cells[1].Text != "Совещание" {
				t.Errorf("Rows = %+v", tbl.Rows)
			}
			if len(tbl.Trailing) != 1 || tbl.Trailing[0].Text != "Итог" || tbl.Trailing[0].Pos.Line != 7 {
				t.Errorf("Trailing = %+v", tbl.Trailing)
			}
		})
	}
}

func TestIsHTML(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"<!DOCTYPE html><html>", true},
		{"  \n<HTML><body>", true},
		{"<table><tr><td>1</td></tr></table>", true},
		{"<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">", true},
		{"Заголовок\n<p>абзац</p>\n<table border=1><tr><td>1</td><td>2</td></tr></table>", true},
		{"**Заголовок**\n№\tМероприятие\n1.\t<p>текст</p> <ul><li>- a</li></ul>\n", false},
		{"<b>№</b>\t<b>Мероприятие</b>\n", false},
		// A table inside a cell of the text export is that cell's content.
		{"Заголовок\n№\tМероприятие\n1.\t<table><tr><td>a</td><td>b</td></tr></table>\tМай\n", false},
		{"<table><tr><td>a</td></tr></table>\tМай 2021\tОО\n2.\tx\ty\n", false},
		{"1.\tТекст <TABLE border=1><TR><TD>x</TD></TR></TABLE>\n", false},
		{"<table>\n\t<tr>\n\t\t<td>a</td>\n\t</tr>\n</table>", true},
		{"Заголовок\n  <table>\n\t<tr><td>1</td><td>2</td></tr></table>", true},
	}
	for _, tt := range tests {
		if got := isHTML(tt.in); got != tt.want {
			t.Errorf("isHTML(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// A <table> in one cell of the text export stays that cell's text: the
// file is read as the export, the rows around it are kept.
func TestTableInsideCell(t *testing.T) {
	doc := "План на 2021 год\n№\tМероприятие\tСроки\n" +
		"1.\t<table><tr><td>Школа</td><td>Срок</td></tr><tr><td>№ 1</td><td>май</td></tr></table>\tМай 2021\n" +
		"2.\tКонференция\tИюнь 2021\n"
	tbl, err := Read("cell.txt", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	if tbl.Source.Format != "tsv" || len(tbl.Rows) != 3 || len(tbl.Title) != 1 {
		t.Fatalf("format %s, %d rows, title %v", tbl.Source.Format, len(tbl.Rows), tbl.Title)
	}
	if got := tbl.Rows[1].Cells[1].Text; got != "Школа Срок\n№ 1 май" {
		t.Errorf("cell with a table = %q", got)
	}
	if got := tbl.Rows[2].Cells[1].Text; got != "Конференция" {
		t.Errorf("next row = %q", got)
	}
}

// TestLongLine reads a 20 MB line: one cell of plain text and one with
// markup, so neither the line splitter nor the HTML parser may be
// quadratic or limited in token size.
func TestLongLine(t *testing.T) {
	if testing.Short() {
		t.Skip("20 MB input")
	}
	words := strings.Repeat("мероприятие ", 10<<20/len("мероприятие ")) // ~10 MB
	marked := strings.Repeat("<p>пункт <b>плана</b></p> ", 10<<20/len("<p>пункт <b>плана</b></p> "))
	doc := "Заголовок\n№\tМероприятие\tРезультат\n1.\t" + words + "\t" + marked + "\n2.\tкоротко\tитог\n"
	tbl, err := Read("long.txt", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	if len(tbl.Rows) != 3 {
		t.Fatalf("%d rows, want 3", len(tbl.Rows))
	}
	c := tbl.Rows[1].Cells
	if len(c[1].Text) != len(words)-1 || !strings.HasPrefix(c[1].Text, "мероприятие мероприятие") {
		t.Errorf("plain cell: %d bytes, want %d", len(c[1].Text), len(words)-1)
	}
	if n := strings.Count(c[2].Text, "\n"); n != strings.Count(marked, "<p>")-1 {
		t.Errorf("marked cell has %d line breaks, want %d", n, strings.Count(marked, "<p>")-1)
	}
	if int(c[2].At.Col) != 4+len(words)+1 {
		t.Errorf("marked cell at column %d, want %d", c[2].At.Col, 4+len(words)+1)
	}
	if tbl.Rows[2].Pos.Line != 4 || tbl.Rows[2].Cells[2].Text != "итог" {
		t.Errorf("row after the long line: %+v", tbl.Rows[2])
	}
}

// TestSeeds reads both real exports and checks what normalize relies on.
func TestSeeds(t *testing.T) {
	tests := []struct {
		file        string
		title       []string
		rows        int
		header      []string
		noTabs      int
		noise       int
		pageBreaks  int // rows with BlankBefore > 0
		cellAtLine  int
		cellIndex   int
		cellText    string
		diagnostics int
	}{
		{
			file: "000_a1e155e70aa7bfd4.txt",
			title: []string{"План мероприятий («дорожная карта» 2.3)",
				"по развитию в Сарове муниципальной системы организации воспитания обучающихся",
				"на 2021-2022 годы"},
			rows:       103,
			header:     []string{"№ п/п", "Наименование мероприятия", "Сроки", "Ответственный исполнитель", "Ожидаемый результат"},
			pageBreaks: 17,
			cellAtLine: 43, cellIndex: 1,
			cellText: "Организация и проведение Единого урока по безопасности в сети Интернет на платформе http://единыйурок.рф",
		},
		{
			file: "004_7e7c8821e6f4a4e0.txt",
			title: []string{"Дорожная карта",
				"по развитию муниципальной системы оценки качества образования и муниципальных механизмов управления качеством образования в городском округе «город Дербент» на 2021-2024 учебный год"},
			rows:       101,
			header:     []string{"№ п/п", "Мероприятие (содержание деятельности)", "Сроки", "Форма представления отчета", "Ответственные"},
			noTabs:     1,
			noise:      1,
			pageBreaks: 18,
			cellAtLine: 19, cellIndex: 1,
			cellText: "метапредметных результатов обучающихся 4-11 классы классов;\n- региональные диагностические работы по математике для обучающихся 5-11 классов;\n- региональная оценка по модели PISA.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := fs.ReadFile(seeds.FS, tt.file)
			if err != nil {
				t.Fatal(err)
			}
			tbl, err := Read(tt.file, data)
			if err != nil {
				t.Fatal(err)
			}
			var titles []string
			for _, l := range tbl.Title {
				titles = append(titles, l.Text)
			}
			if strings.Join(titles, "|") != strings.Join(tt.title, "|") {
				t.Errorf("Title = %q", titles)
			}
			if len(tbl.Rows) != tt.rows {
				t.Errorf("%d rows, want %d", len(tbl.Rows), tt.rows)
			}
			if h := tbl.Rows[0].Texts(); strings.Join(h, "|") != strings.Join(tt.header, "|") {
				t.Errorf("header = %q", h)
			}
			var noTabs, noise, breaks int
			for _, r := range tbl.Rows {
				if r.NoTabs {
					noTabs++
				}
				if r.Noise {
					noise++
				}
				if r.BlankBefore > 0 {
					breaks++
				}
				if r.Pos.Line == tt.cellAtLine && r.Cells[tt.cellIndex].Text != tt.cellText {
					t.Errorf("line %d cell %d = %q, want %q", r.Pos.Line, tt.cellIndex, r.Cells[tt.cellIndex].Text, tt.cellText)
				}
			}
			if noTabs != tt.noTabs || noise != tt.noise || breaks != tt.pageBreaks {
				t.Errorf("notabs %d noise %d page breaks %d, want %d %d %d", noTabs, noise, breaks, tt.noTabs, tt.noise, tt.pageBreaks)
			}
			if len(tbl.Diagnostics) != tt.diagnostics {
				t.Errorf("diagnostics: %v", tbl.Diagnostics)
			}
			if tbl.Source.Format != "tsv" || tbl.Source.Encoding != "utf-8" {
				t.Errorf("Source = %+v", tbl.Source)
			}
		})
	}
}

func TestDeclaredCharset(t *testing.T) {
	body, err := charmap.Windows1251.NewEncoder().String("<p>План</p><table><tr><td>№</td><td>Мероприятие</td></tr><tr><td>1</td><td>Совещание</td></tr></table>")
	if err != nil {
		t.Fatal(err)
	}
	for _, head := range []string{
		`<html><head><meta charset="cp1251"></head><body>`,
		`<html><head><meta http-equiv="Content-Type" content="text/html; charset=Windows-1251"></head><body>`,
	} {
		tbl, err := Read("in.html", []byte(head+body))
		if err != nil {
			t.Fatal(err)
		}
		if tbl.Source.Encoding != "windows-1251" || tbl.Source.Format != "html" || tbl.Rows[1].Cells[1].Text != "Совещание" || tbl.Title[0].Text != "План" {
			t.Errorf("%s: %+v", head, tbl)
		}
		if len(tbl.Diagnostics) != 1 || !strings.Contains(tbl.Diagnostics[0].Message, "Windows-1251") {
			t.Errorf("Diagnostics = %v", tbl.Diagnostics)
		}
	}
}

// TestMalformedMarkup pins the diagnostics for broken cell markup: the
// text is kept whole and one warning names the cell and the defect.
func TestMalformedMarkup(t *testing.T) {
	doc := "Заголовок\n№\tМероприятие\tСроки\n1.\tНезакрытый <b>жирный\tМай</i>\n2.\t<p>обычный <p>абзац\t<ul><li>пункт\n"
	tbl, err := Read("plan.txt", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range tbl.Diagnostics {
		got = append(got, d.String())
	}
	want := []string{
		`plan.txt:3:4: предупреждение: html-malformed: ошибка разметки в ячейке: незакрытый тег <b>: "Незакрытый <b>жирный"`,
		`plan.txt:3:41: предупреждение: html-malformed: ошибка разметки в ячейке: лишний закрывающий тег </i>: "Май</i>"`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if c := tbl.Rows[1].Cells; c[1].Text != "Незакрытый жирный" || c[2].Text != "Май" {
		t.Errorf("cells = %q", tbl.Rows[1].Texts())
	}
	if c := tbl.Rows[2].Cells; c[1].Text != "обычный\nабзац" || c[2].Text != "- пункт" {
		t.Errorf("cells = %q", tbl.Rows[2].Texts())
	}
}

// A ZIP named as a document but holding none is a damaged document to the
// user who saved it, not an archive to unpack.
func TestZipNamedAsDocument(t *testing.T) {
	for name, want := range map[string]string{
		"план.docx": "план.docx:1: неподходящий формат файла: файл назван как документ Word, но в архиве нет документа (word/document.xml)",
		"план.ODT":  "план.ODT:1: неподходящий формат файла: файл назван как документ OpenDocument, но в архиве нет документа (content.xml)",
		"архив.zip": "архив.zip:1: неподходящий формат файла: это ZIP-архив",
	} {
		_, err := Read(name, zipHead("photo.jpg"))
		if !errors.Is(err, ErrFormat) || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%s: %v, want %q...", name, err, want)
		}
	}
}

// TestMarkdownBoldHeading: a line of the table without tabs written as a
// markdown bold run is the heading's text, bold; two runs on a line are
// not one.
func TestMarkdownBoldHeading(t *testing.T) {
	for _, tc := range []struct {
		line, text string
		bold       bool
	}{
		{"**Раздел 1. Кадры**", "Раздел 1. Кадры", true},
		{"**II.****Работа с родителями**", "II. Работа с родителями", true},
		{"**a** и **b**", "**a** и **b**", false},
		{"II. Работа с родителями", "II. Работа с родителями", false},
	} {
		tb, err := Read("t.txt", []byte("План\n\n№\tМероприятие\n"+tc.line+"\n1.\tСовещание\n"))
		if err != nil {
			t.Fatal(err)
		}
		if c := tb.Rows[1].Cells[0]; c.Text != tc.text || c.Bold != tc.bold {
			t.Errorf("%q: cell %q bold %v, want %q %v", tc.line, c.Text, c.Bold, tc.text, tc.bold)
		}
	}
}
