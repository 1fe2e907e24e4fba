package collect

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/roadmap-tool/roadmap/internal/pgtest"

	"github.com/roadmap-tool/roadmap/internal/resbudget"
	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/store"
	"github.com/xuri/excelize/v2"
)

const (
	hostileTime = 2 * time.Second
	hostileHeap = 200 << 20
)

// rezip copies the workbook at path, with the parts change returns
// replaced (stored without compression, so that no ratio check stops
// them before the reader does).
func rezip(t *testing.T, path string, change func(name string, data []byte) []byte) {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		rc, _ := f.Open()
		data, _ := io.ReadAll(rc)
		rc.Close()
		w, _ := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Store})
		w.Write(change(f.Name, data))
	}
	zw.Close()
	zr.Close()
	if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func collectOne(t *testing.T, st *store.Store, path string) FileResult {
	t.Helper()
	var rep *Report
	var err error
	u := resbudget.Measure(func() {
		rep, err = Run(context.Background(), st, []string{path}, Options{Quarter: "2022Q1"})
	})
	resbudget.Check(t, filepath.Base(path), u, hostileTime, hostileHeap)
	if err != nil {
		t.Fatal(err)
	}
	return rep.Files[0]
}

// Files that are no workbooks, or workbooks built to exhaust the reader,
// are refused one by one, each within 2 s and 200 MB, with a reason.
func TestHostileWorkbooks(t *testing.T) { pgtest.Run(t, testHostileWorkbooks) }

func testHostileWorkbooks(t *testing.T, e pgtest.Engine) {
	dir := t.TempDir()
	schools := []string{"МБОУ Школа № 1"}
	p := makePlan("План", 5, schools)
	st := storeOf(t, e, p)
	checklist := func(name string) string {
		path := filepath.Join(dir, name)
		if err := writeChecklist(path, p, schools[0], time.Now()); err != nil {
			t.Fatal(err)
		}
		return path
	}
	sheetWith := func(path, rows string) {
		rezip(t, path, func(name string, data []byte) []byte {
			if name != "xl/worksheets/sheet1.xml" {
				return data
			}
			s := string(data)
			i := strings.Index(s, "</sheetData>")
			return []byte(s[:i] + rows + s[i:])
		})
	}

	wide := checklist("wide.xlsx")
	sheetWith(wide, `<row r="1000">`+strings.Repeat("<c/>", 2_000_000)+`</row>`)
	sst := checklist("strings.xlsx")
	rezip(t, sst, func(name string, data []byte) []byte {
		if name != "xl/sharedStrings.xml" {
			return data
		}
		s := string(data)
		i := strings.Index(s, "</sst>")
		return []byte(s[:i] + strings.Repeat("<si/>", 1_100_000) + s[i:])
	})
	big := filepath.Join(dir, "big.xlsx")
	f, _ := os.Create(big)
	f.Truncate(2 << 30)
	f.Close()
	notWorkbook := filepath.Join(dir, "video.xlsx")
	os.WriteFile(notWorkbook, bytes.Repeat([]byte("\x00\x00\x01\xBA"), 1<<20), 0o644)

	farRow := checklist("far-row.xlsx")
	sheetWith(farRow, `<row r="99999999999"><c r="A99999999999" t="inlineStr"><is><t>1</t></is></c></row>`)
	zeroRow := checklist("zero-row.xlsx")
	sheetWith(zeroRow, `<row r="0"><c t="inlineStr"><is><t>1</t></is></c></row>`)
	farColumn := checklist("far-column.xlsx")
	sheetWith(farColumn, `<row r="1000"><c r="ZZZZZZZZZZZZZZZZZZZZZ1000" t="inlineStr"><is><t>1</t></is></c></row>`)
	truncated := checklist("truncated.xlsx")
	if data, err := os.ReadFile(truncated); err == nil {
		os.WriteFile(truncated, data[:len(data)/2], 0o644)
	}

	cases := []struct{ path, reason string }{
		{farRow, "лист «Чек-лист»: строка с номером «99999999999»: такой строки не бывает в Excel (номера от 1 до 1048576); файл поврежден"},
		{zeroRow, "лист «Чек-лист»: строка с номером «0»: такой строки не бывает в Excel (номера от 1 до 1048576); файл поврежден"},
		{farColumn, "лист «Чек-лист»: строка 1000: ячейка «ZZZZZZZZZZZZZZZZZZZ…» правее последнего столбца Excel (XFD); файл поврежден"},
		{truncated, "файл поврежден: архив .xlsx не читается (не архив ZIP)"},
		{"/dev/zero", "не обычный файл (именованный канал или устройство), а ожидается книга Excel"},
		{big, "файл слишком велик: 2048 МБ, допускается не более 50 МБ; ожидается книга Excel с ответами"},
		{notWorkbook, "не книга Excel (.xlsx): содержимое файла другого типа"},
		{wide, "лист «Чек-лист»: строка 1000: больше 16384 ячеек, а в Excel не бывает больше 16384 столбцов"},
		{sst, "не открывается как книга Excel: в книге больше 1048576 разных текстов"},
	}
	for _, c := range cases {
		t.Run(filepath.Base(c.path), func(t *testing.T) {
			if _, err := os.Stat(c.path); err != nil {
				t.Skip(err)
			}
			fr := collectOne(t, st, c.path)
			if fr.Outcome != Refused || fr.Reason != c.reason {
				t.Errorf("outcome %v, reason %q\nwant refused: %q", fr.Outcome, fr.Reason, c.reason)
			}
		})
	}
}

// A status typed as a formula that was never calculated (a file filled
// by a program, not saved from Excel) is reported, not taken as empty.
func TestFormulaWithoutValueReported(t *testing.T) { pgtest.Run(t, testFormulaWithoutValueReported) }

func testFormulaWithoutValueReported(t *testing.T, e pgtest.Engine) {
	dir := t.TempDir()
	schools := []string{"МБОУ Школа № 1"}
	p := makePlan("План", 3, schools)
	st := storeOf(t, e, p)
	path := filepath.Join(dir, "a.xlsx")
	writeChecklist(path, p, schools[0], time.Now())
	fillChecklist(t, path, []fillRow{{id: p.Items[0].ID, status: "выполнено"}}, func(f *excelize.File, l layout) {
		r := rowsByID(f, l)[p.Items[1].ID]
		f.SetCellFormula(l.sheet, l.cell(plan.ColStatus, r), `IF(1=1,"выполнено","")`)
	})
	rep, err := Run(context.Background(), st, []string{path}, Options{Quarter: "2022Q1"})
	if err != nil {
		t.Fatal(err)
	}
	fr := rep.Files[0]
	if fr.Outcome != Collected || fr.Answers != 1 {
		t.Fatalf("outcome %v, %d answers", fr.Outcome, fr.Answers)
	}
	found := false
	for _, d := range fr.Diagnostics {
		if d.Code == "formula-no-value" && strings.Contains(d.Message, "«Статус»") {
			found = true
		}
	}
	if !found {
		t.Errorf("no formula-no-value diagnostic: %v", fr.Diagnostics)
	}
}

// A damaged part of a checklist (bytes of its compressed sheet changed in
// transit) is refused in Russian: the inflater's and archive/zip's English
// ("flate: corrupt input before offset 106", "zip: checksum error") was
// shown as it was.
func TestDamagedPartRefusedInRussian(t *testing.T) { pgtest.Run(t, testDamagedPartRefusedInRussian) }

func testDamagedPartRefusedInRussian(t *testing.T, e pgtest.Engine) {
	dir := t.TempDir()
	schools := []string{"МБОУ Школа № 1"}
	p := makePlan("План", 5, schools)
	st := storeOf(t, e, p)
	for _, at := range []struct {
		name  string
		start func(size int64) int64 // first byte changed, from the part's compressed size
	}{
		{"middle.xlsx", func(size int64) int64 { return size / 3 }},
		{"tail.xlsx", func(size int64) int64 { return size - 16 }},
	} {
		t.Run(at.name, func(t *testing.T) {
			path := filepath.Join(dir, at.name)
			if err := writeChecklist(path, p, schools[0], time.Now()); err != nil {
				t.Fatal(err)
			}
			data, _ := os.ReadFile(path)
			zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range zr.File {
				if f.Name != "xl/worksheets/sheet1.xml" {
					continue
				}
				off, _ := f.DataOffset()
				for i := off + at.start(int64(f.CompressedSize64)); i < off+int64(f.CompressedSize64); i++ {
					data[i] ^= 0x5a
				}
			}
			os.WriteFile(path, data, 0o644)
			fr := collectOne(t, st, path)
			const prefix = "лист «Чек-лист»: часть xl/worksheets/sheet1.xml повреждена: "
			if fr.Outcome != Refused || !strings.HasPrefix(fr.Reason, prefix) || latinWord.MatchString(fr.Reason[len(prefix):]) {
				t.Errorf("outcome %v, reason %q\nwant refused: %q and the cause in Russian", fr.Outcome, fr.Reason, prefix)
			}
		})
	}
}

// latinWord finds English left in a message: three small Latin letters
// in a row (an abbreviation such as ZIP is Russian usage).
var latinWord = regexp.MustCompile(`[a-z]{3,}`)

// A status whose shared-string index names no string of the book (the
// strings part dropped or rewritten by another program) is reported, not
// taken for an empty answer.
func TestMissingSharedStringReported(t *testing.T) { pgtest.Run(t, testMissingSharedStringReported) }

func testMissingSharedStringReported(t *testing.T, e pgtest.Engine) {
	dir := t.TempDir()
	schools := []string{"МБОУ Школа № 1"}
	p := makePlan("План", 3, schools)
	st := storeOf(t, e, p)
	path := filepath.Join(dir, "a.xlsx")
	writeChecklist(path, p, schools[0], time.Now())
	var ref string
	fillChecklist(t, path, []fillRow{{id: p.Items[0].ID, status: "выполнено"}, {id: p.Items[1].ID, status: "выполнено"}}, func(f *excelize.File, l layout) {
		ref = l.cell(plan.ColStatus, rowsByID(f, l)[p.Items[1].ID])
	})
	cellRE := regexp.MustCompile(`<c r="` + ref + `"[^>]*>.*?</c>`)
	rezip(t, path, func(name string, data []byte) []byte {
		if name != "xl/worksheets/sheet1.xml" {
			return data
		}
		if !cellRE.Match(data) {
			t.Fatalf("no cell %s in the sheet", ref)
		}
		return cellRE.ReplaceAll(data, []byte(`<c r="`+ref+`" t="s"><v>999999</v></c>`))
	})
	rep, err := Run(context.Background(), st, []string{path}, Options{Quarter: "2022Q1"})
	if err != nil {
		t.Fatal(err)
	}
	fr := rep.Files[0]
	if fr.Outcome != Collected || fr.Answers != 1 {
		t.Fatalf("outcome %v, %d answers", fr.Outcome, fr.Answers)
	}
	found := false
	for _, d := range fr.Diagnostics {
		if d.Code == "shared-string-missing" && strings.Contains(d.Message, "«Статус»") && strings.Contains(d.Message, "№ 999999") {
			found = true
		}
	}
	if !found {
		t.Errorf("no shared-string-missing diagnostic: %v", fr.Diagnostics)
	}
}
