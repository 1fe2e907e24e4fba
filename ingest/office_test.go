package ingest

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"

	ot "github.com/roadmap-tool/roadmap/internal/officetest"
	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// TestDocumentErrors: each document that cannot be read is refused with
// one line in Russian naming the file, what it is and what to do.
func TestDocumentErrors(t *testing.T) {
	oldDoc, err := os.ReadFile("../testdata/document/bad/old-word.doc")
	if err != nil {
		t.Fatal(err)
	}
	good := ot.DOCX{Body: ot.Table(2, ot.Row("", ot.TextCells("№", "Мероприятие")), ot.Row("", ot.TextCells("1.", "Семинар")))}.Bytes()
	// A ZIP bomb: a body of 16 MB of spaces packs to some 16 KB.
	bomb := ot.DOCX{Body: "<w:p>" + strings.Repeat(" ", 16<<20) + "</w:p>"}.Bytes()
	tests := []struct {
		name string
		data []byte
		err  error
		msg  string
	}{
		{"encrypted", ot.CompoundFile([]string{"EncryptionInfo", "EncryptedPackage"}, [][]byte{[]byte("info"), bytes.Repeat([]byte{0x5a}, 9000)}), ErrEncrypted,
			"plan.docx:1: документ защищен паролем: файл зашифрован; снимите пароль (в Word: Файл → Сведения → Защита документа → Зашифровать с использованием пароля, пустой пароль) и сохраните документ заново"},
		{"doc", oldDoc, ErrFormat,
			"plan.docx:1: неподходящий формат файла: это документ Word старого формата (DOC), а ожидается DOCX, ODT, HTML или текстовый экспорт таблицы; сохраните его в Word как «Документ Word (*.docx)»"},
		{"truncated zip", good[:len(good)*3/4], ErrCorrupt,
			"plan.docx:1: файл поврежден: документ Word (DOCX): ZIP-архив документа не читается (неверная структура архива); откройте документ в Word или LibreOffice и сохраните его заново"},
		{"broken xml", ot.DOCX{Body: "<w:p><w:r><w:t>текст</w:r></w:p>"}.Bytes(), ErrCorrupt,
			"plan.docx:1: файл поврежден: документ Word (DOCX): часть word/document.xml: неверный XML: байт 411: закрывающий тег r не соответствует открытому t; откройте документ в Word или LibreOffice и сохраните его заново"},
		{"invalid utf-8 in text", ot.DOCX{Body: "<w:p><w:r><w:t>пл\xffан</w:t></w:r></w:p>"}.Bytes(), ErrCorrupt,
			"plan.docx:1: файл поврежден: документ Word (DOCX): часть word/document.xml: неверный XML: байт 399: неверная последовательность UTF-8 (байт 0xFF): ожидается текст в UTF-8 без управляющих символов; откройте документ в Word или LibreOffice и сохраните его заново"},
		{"nul in text", ot.DOCX{Body: "<w:p><w:r><w:t>план\x00</w:t></w:r></w:p>"}.Bytes(), ErrCorrupt,
			"plan.docx:1: файл поврежден: документ Word (DOCX): часть word/document.xml: неверный XML: байт 403: управляющий символ U+0000: ожидается текст в UTF-8 без управляющих символов; откройте документ в Word или LibreOffice и сохраните его заново"},
		{"nul by reference", ot.DOCX{Body: "<w:p><w:r><w:t>план&#0;</w:t></w:r></w:p>"}.Bytes(), ErrCorrupt,
			"plan.docx:1: файл поврежден: документ Word (DOCX): часть word/document.xml: неверный XML: байт 395: неверная ссылка на символ &#0;; откройте документ в Word или LibreOffice и сохраните его заново"},
		{"odt control character in CDATA", ot.ODT{Body: "<text:p><![CDATA[план\x01]]></text:p>"}.Bytes(), ErrCorrupt,
			"plan.docx:1: файл поврежден: документ OpenDocument (ODT): часть content.xml: неверный XML: байт 676: управляющий символ U+0001: ожидается текст в UTF-8 без управляющих символов; откройте документ в Word или LibreOffice и сохраните его заново"},
		{"zip bomb", bomb, ErrTooLarge,
			"plan.docx:1: файл слишком велик: документ Word (DOCX): часть word/document.xml распаковывается в 16 МБ из 17 КБ (сжатие 1007:1, похоже на ZIP-бомбу); допускается не более 256 МБ и сжатие не выше 200:1"},
		{"docx without table", ot.DOCX{Body: ot.P("Дорожная карта") + ot.P("на 2023 год")}.Bytes(), ErrNoTable,
			"plan.docx:1: таблица не найдена: нет строк с ячейками, разделенными табуляцией, и нет <table>: в документе нет таблицы с текстом; ожидается таблица дорожной карты"},
		{"odt without table", ot.ODT{Body: "<text:p>Дорожная карта</text:p>"}.Bytes(), ErrNoTable,
			"plan.docx:1: таблица не найдена: нет строк с ячейками, разделенными табуляцией, и нет <table>: в документе нет таблицы с текстом; ожидается таблица дорожной карты"},
		{"empty table", ot.DOCX{Body: ot.Table(2, ot.Row("", ot.TextCells("", "")))}.Bytes(), ErrNoTable,
			"plan.docx:1: таблица не найдена: нет строк с ячейками, разделенными табуляцией, и нет <table>: в документе нет таблицы с текстом; ожидается таблица дорожной карты"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tbl, err := Read("plan.docx", tt.data)
			if err == nil {
				t.Fatalf("Read succeeded with %d rows, want %v", len(tbl.Rows), tt.err)
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

// TestDocumentNotes: revisions and comments are reported once, at the top
// of the document.
func TestDocumentNotes(t *testing.T) {
	data, err := os.ReadFile("../testdata/document/handmade/tracked-changes.docx")
	if err != nil {
		t.Fatal(err)
	}
	tbl, err := Read("tracked-changes.docx", data)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range tbl.Diagnostics {
		got = append(got, d.String())
	}
	want := []string{
		"tracked-changes.docx:1: замечание: tracked-changes: в документе есть непринятые исправления (10): прочитан текст, в котором все они приняты",
		"tracked-changes.docx:1: замечание: comments: примечания к документу (1) не прочитаны",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics\n got: %q\nwant: %q", got, want)
	}
	if tbl.Source != (plan.Source{Path: "tracked-changes.docx", Format: FormatDOCX}) {
		t.Errorf("source %+v", tbl.Source)
	}
}
