package collect

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// FuzzParseWorkbook feeds arbitrary sheets and shared strings to the
// whole reader of a checklist, inside a real workbook (its manifest
// intact), so that the input gets past the zip and manifest checks. A
// panic is recovered by parseWorkbook into a refusal that says
// "внутренняя ошибка": that is a failure here, as is a reason of more
// than one line.
func FuzzParseWorkbook(f *testing.F) {
	p := makePlan("План", 4, []string{"МБОУ Школа № 1"})
	path := filepath.Join(f.TempDir(), "c.xlsx")
	if err := writeChecklist(path, p, "МБОУ Школа № 1", time.Now()); err != nil {
		f.Fatal(err)
	}
	orig, err := os.ReadFile(path)
	if err != nil {
		f.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(orig), int64(len(orig)))
	if err != nil {
		f.Fatal(err)
	}
	parts := map[string][]byte{}
	var names []string
	for _, zf := range zr.File {
		rc, _ := zf.Open()
		parts[zf.Name], _ = io.ReadAll(rc)
		rc.Close()
		names = append(names, zf.Name)
	}
	sheet := parts["xl/worksheets/sheet1.xml"]
	f.Add(sheet, []byte(`<sst><si><t>Выполнено</t></si></sst>`))
	f.Add([]byte(strings.Replace(string(sheet), "<sheetData>", `<sheetData><row r="0"><c r="ZZZZZZZZZZZZ1" t="s"><v>99999999999</v></c></row>`, 1)), []byte(`<sst><si>`))
	f.Add([]byte(`<worksheet><sheetData><row><c t="s"><v>-1</v></c><c t="d"><v>2022-13-45T</v></c></row></sheetData>`), []byte(`<!DOCTYPE x [<!ENTITY a "b">]><sst><si><t>&a;</t></si></sst>`))
	f.Fuzz(func(t *testing.T, sheet, sst []byte) {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for _, name := range names {
			data := parts[name]
			switch name {
			case "xl/worksheets/sheet1.xml":
				data = sheet
			case "xl/sharedStrings.xml":
				data = sst
			}
			w, _ := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Store})
			w.Write(data)
		}
		if _, ok := parts["xl/sharedStrings.xml"]; !ok {
			w, _ := zw.CreateHeader(&zip.FileHeader{Name: "xl/sharedStrings.xml", Method: zip.Store})
			w.Write(sst)
		}
		zw.Close()
		pw, err := parseWorkbook("c.xlsx", buf.Bytes(), time.Now(), 0)
		if err != nil {
			if strings.Contains(err.Error(), "внутренняя ошибка") || strings.Contains(err.Error(), "\n") {
				t.Fatalf("refusal %q", err)
			}
			return
		}
		for _, d := range pw.diags {
			if strings.Contains(d.Message, "\n") {
				t.Errorf("diagnostic of two lines: %q", d.Message)
			}
		}
		pw.releaseRows()
	})
}
