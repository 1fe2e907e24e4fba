package collect

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/roadmap-tool/roadmap/render/xlsx"
)

// grid reads every sheet with the package's reader, trailing empty cells
// and rows dropped, as excelize's GetRows returns them.
func grid(t *testing.T, data []byte) map[string][][]string {
	t.Helper()
	zr, err := sniff("x.xlsx", data, maxUnpacked)
	if err != nil {
		t.Fatal(err)
	}
	b, err := openBook(zr, maxUnpacked)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][][]string{}
	for _, sh := range b.sheets {
		var rows [][]string
		err := b.eachRow(sh, func(n int, cells []cell) error {
			for len(rows) < n {
				rows = append(rows, nil)
			}
			var r []string
			for _, c := range cells {
				for len(r) < c.col {
					r = append(r, "")
				}
				r[c.col-1] = b.value(c)
			}
			rows[n-1] = trimRow(r)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		for len(rows) > 0 && len(rows[len(rows)-1]) == 0 {
			rows = rows[:len(rows)-1]
		}
		out[sh.name] = rows
	}
	return out
}

func trimRow(r []string) []string {
	for len(r) > 0 && r[len(r)-1] == "" {
		r = r[:len(r)-1]
	}
	return r
}

// TestBookMatchesExcelize checks the fast reader against excelize on the
// workbooks the tool writes and users fill in.
func TestBookMatchesExcelize(t *testing.T) {
	dir := t.TempDir()
	schools := []string{"МБОУ Школа № 1", "МБОУ Школа № 2"}
	p := makePlan("План & «программа» <2022>", 30, schools)
	gen := time.Date(2022, 3, 1, 9, 0, 0, 0, time.UTC)
	contract := filepath.Join(dir, "contract.xlsx")
	writeChecklist(contract, p, schools[0], gen)
	fillChecklist(t, contract, []fillRow{
		{id: p.Items[0].ID, status: "да", date: time.Date(2022, 2, 1, 0, 0, 0, 0, time.UTC), evidence: "строка 1\r\nстрока 2 & <3>"},
		{id: p.Items[3].ID, status: "  в работе ", date: "1.3.22", comment: "_x000D_ буквально"},
	}, sortRowsDesc)
	real := realWriter(t, dir, p, schools, gen)
	fillChecklist(t, real[schools[1]], []fillRow{{id: p.Items[5].ID, status: "Выполнено", date: 44620.0}}, nil)
	tracker := filepath.Join(dir, "tracker.xlsx")
	f, _ := os.Create(tracker)
	if err := xlsx.WriteTracker(f, p, xlsx.TrackerOptions{Now: gen}); err != nil {
		t.Fatal(err)
	}
	f.Close()

	for _, path := range []string{contract, real[schools[0]], real[schools[1]], tracker} {
		data, _ := os.ReadFile(path)
		got := grid(t, data)
		xf, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, sh := range xf.GetSheetList() {
			want, err := xf.GetRows(sh, excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatal(err)
			}
			g := got[sh]
			if len(g) != len(want) {
				t.Errorf("%s/%s: %d rows, excelize %d", filepath.Base(path), sh, len(g), len(want))
				continue
			}
			for r := range want {
				if w := trimRow(want[r]); strings.Join(g[r], "\x00") != strings.Join(w, "\x00") {
					t.Errorf("%s/%s row %d:\n got %q\nwant %q", filepath.Base(path), sh, r+1, g[r], w)
				}
			}
		}
		xf.Close()
	}
}

// TestBookForeignMarkup reads markup other writers produce: namespace
// prefixes (Open XML SDK), rich-text runs with phonetic guides, inline
// strings, entities, CDATA, _xHHHH_ escapes, cells without references,
// ISO date cells and a 1904 workbook.
func TestBookForeignMarkup(t *testing.T) {
	parts := map[string]string{
		"[Content_Types].xml": `<Types/>`,
		"_rels/.rels":         `<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="x/book.xml"/></Relationships>`,
		"x/book.xml": `<?xml version="1.0"?><x:workbook xmlns:x="s" xmlns:r="r"><x:workbookPr date1904="1"/><x:sheets>` +
			`<x:sheet name="Лист &amp; 1" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>`,
		"x/_rels/book.xml.rels": `<Relationships><Relationship Id="rId1" Type="…/worksheet" Target="/x/s/one.xml"/>` +
			`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="strings.xml"/></Relationships>`,
		"x/strings.xml": `<x:sst xmlns:x="s"><x:si><x:t>plain</x:t></x:si><x:si><x:r><x:rPr><x:b/></x:rPr><x:t xml:space="preserve">rich </x:t></x:r>` +
			`<x:r><x:t>text</x:t></x:r><x:rPh><x:t>PHONETIC</x:t></x:rPh></x:si><x:si><x:t>a_x000D_&#10;b &lt;c&gt; &#x41;</x:t></x:si><x:si/></x:sst>`,
		"x/s/one.xml": `<x:worksheet xmlns:x="s"><x:sheetData>` +
			`<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="C1" t="s"><x:v>1</x:v></x:c></x:row>` +
			`<x:row r="3"><x:c t="s"><x:v>2</x:v></x:c><x:c t="inlineStr"><x:is><x:t><![CDATA[<raw & cdata>]]></x:t></x:is></x:c>` +
			`<x:c t="d"><x:v>2022-09-01T00:00:00</x:v></x:c><x:c><x:v>43343</x:v></x:c><x:c t="b"><x:v>1</x:v></x:c><x:c t="s"><x:v>3</x:v></x:c></x:row>` +
			`</x:sheetData></x:worksheet>`,
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range parts {
		w, _ := zw.Create(name)
		w.Write([]byte(body))
	}
	zw.Close()
	zr, err := sniff("x.xlsx", buf.Bytes(), maxUnpacked)
	if err != nil {
		t.Fatal(err)
	}
	b, err := openBook(zr, maxUnpacked)
	if err != nil {
		t.Fatal(err)
	}
	if !b.date1904 || len(b.sheets) != 1 || b.sheets[0].name != "Лист & 1" {
		t.Fatalf("book: 1904=%v sheets=%+v", b.date1904, b.sheets)
	}
	g := grid(t, buf.Bytes())["Лист & 1"]
	want := [][]string{{"plain", "", "rich text"}, nil, {"a\r\nb <c> A", "<raw & cdata>", "2022-09-01", "43343", "1"}}
	if len(g) != len(want) {
		t.Fatalf("rows = %q", g)
	}
	for i := range want {
		if strings.Join(g[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("row %d = %q, want %q", i+1, g[i], want[i])
		}
	}
	if d, _ := ParseDate(g[2][3], b.date1904); d.Date != "2022-09-01" {
		t.Errorf("1904 serial read as %s", d.Date)
	}
}

// FuzzScanner feeds arbitrary markup to the XML scanner and the sheet
// reader: malformed parts must end the scan, never panic or loop.
func FuzzScanner(f *testing.F) {
	f.Add([]byte(`<row r="3"><c r="B3" t="s"><v>0</v></c><c t="inlineStr"><is><t>x&amp;y</t></is></c></row>`))
	f.Add([]byte(`<x:row><x:c r="ZZZ9999999"><x:v>1</x:v></x:c></x:row><![CDATA[`))
	f.Add([]byte(`<a b='>' c="&#xFFFFFFFF;">_x00zz_ &unknown; <!-- x`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s := xmlScanner{data: data}
		for i := 0; ; i++ {
			tok, ok := s.next()
			if !ok {
				break
			}
			if i > len(data)+1 {
				t.Fatal("scanner does not advance")
			}
			attr(tok.attrs, "r")
			unescape(tok.text, true)
		}
		b := &book{files: map[string]*zip.File{}, parts: map[string][]byte{"s.xml": data}, sstCache: map[int]string{}, sst: [][]byte{data}}
		b.eachRow(sheetRef{part: "s.xml"}, func(n int, cells []cell) error {
			for _, c := range cells {
				b.value(c)
			}
			return nil
		})
	})
}
