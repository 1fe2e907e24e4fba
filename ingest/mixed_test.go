package ingest

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// A file pasted together from UTF-8 and Windows-1251 parts is read line by
// line: every line keeps its text, and a warning names the first line in
// the other encoding.
func TestMixedEncodingsLineByLine(t *testing.T) {
	cp1251 := func(s string) string {
		b, err := charmap.Windows1251.NewEncoder().String(s)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	lines := []string{
		"План мероприятий на 2021-2022 годы",
		"№\tМероприятие\tСроки\tОтветственные",
		"1.\tСовещание руководителей\tМай 2021\tОО",
		cp1251("2.\tСеминар «Воспитание» № 2\tИюнь 2021\tМЦ"),
		cp1251("3.\tКонференция\tСентябрь 2021\tДДТ"),
		"4.\tКонкурс чтецов\tОктябрь 2021\tОО",
	}
	want := []string{"Совещание руководителей", "Семинар «Воспитание» № 2", "Конференция", "Конкурс чтецов"}
	for _, bom := range []string{"", "\xEF\xBB\xBF"} {
		for _, eol := range []string{"\n", "\r\n"} {
			tbl, err := Read("mixed.txt", []byte(bom+strings.Join(lines, eol)+eol))
			if err != nil {
				t.Fatal(err)
			}
			if len(tbl.Rows) != 5 {
				t.Fatalf("bom %q eol %q: %d rows", bom, eol, len(tbl.Rows))
			}
			for i, w := range want {
				if got := tbl.Rows[i+1].Cells[1].Text; got != w {
					t.Errorf("bom %q eol %q: row %d = %q, want %q", bom, eol, i+1, got, w)
				}
			}
			var warn []plan.Diagnostic
			for _, d := range tbl.Diagnostics {
				if d.Code == plan.CodeEncoding && d.Severity == plan.Warning {
					warn = append(warn, d)
				}
			}
			if len(warn) != 1 || warn[0].Pos.Line != 4 ||
				warn[0].Message != "в файле смешаны кодировки: 2 строки в Windows-1251, остальные в UTF-8; каждая строка прочитана в своей кодировке, проверьте текст" {
				t.Errorf("bom %q eol %q: diagnostics %v", bom, eol, tbl.Diagnostics)
			}
		}
	}
}

// A whole file in Windows-1251 is still read as Windows-1251, with a note
// only; a UTF-8 file with one broken byte keeps the rest.
func TestSingleEncodingUnchanged(t *testing.T) {
	doc := "План на 2021 год\n№\tМероприятие\n1.\tСовещание\n"
	b, _ := charmap.Windows1251.NewEncoder().String(doc)
	tbl, err := Read("a.txt", []byte(b))
	if err != nil {
		t.Fatal(err)
	}
	if tbl.Source.Encoding != EncWin1251 || tbl.Rows[1].Cells[1].Text != "Совещание" || tbl.Diagnostics.Count(plan.Warning) != 0 {
		t.Errorf("windows-1251: %s %q %v", tbl.Source.Encoding, tbl.Rows[1].Cells[1].Text, tbl.Diagnostics)
	}
}

// A cell longer than Excel holds is kept whole and reported once.
func TestCellTooLongReported(t *testing.T) {
	long := strings.Repeat("ш", ExcelCellMax+10)
	tbl, err := Read("long.txt", []byte("План\n№\tМероприятие\n1.\t"+long+"\n2.\t"+long[:100]+"\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := tbl.Rows[1].Cells[1].Text; got != long {
		t.Fatalf("text cut to %d bytes", len(got))
	}
	var ds []plan.Diagnostic
	for _, d := range tbl.Diagnostics {
		if d.Code == plan.CodeCellTooLong {
			ds = append(ds, d)
		}
	}
	if len(ds) != 1 || ds[0].Pos.Line != 3 || ds[0].Pos.Col != 4 || ds[0].Severity != plan.Warning ||
		!strings.Contains(ds[0].Message, "32777 знаков при пределе 32767") {
		t.Errorf("diagnostics %v", tbl.Diagnostics)
	}
}
