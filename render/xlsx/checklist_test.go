package xlsx

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/roadmap-tool/roadmap/internal/xlsxtest"
	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/orgdir"
)

func loadDir(t testing.TB) *orgdir.Directory {
	t.Helper()
	d, err := orgdir.Load(filepath.Join("..", "..", "testdata", "render", "orgs.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// checklistBytes writes the checklist of org, with the items the
// directory gives it.
func checklistBytes(t testing.TB, p *plan.Plan, org string, opts ChecklistOptions) []byte {
	t.Helper()
	recips, _ := loadDir(t).Recipients(p)
	if len(recips[org]) == 0 {
		t.Fatalf("no items for %s", org)
	}
	opts.Now = fixedNow
	c, err := NewChecklists(p, opts)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := c.Write(&buf, org, recips[org]); err != nil {
		t.Fatal(err)
	}
	if *keepOut != "" {
		os.MkdirAll(*keepOut, 0o755)
		os.WriteFile(filepath.Join(*keepOut, "checklist.xlsx"), buf.Bytes(), 0o644)
	}
	return buf.Bytes()
}

func TestChecklistWorkbook(t *testing.T) {
	p := loadSample(t)
	b := checklistBytes(t, p, "МБОУ «Школа № 10»", ChecklistOptions{})
	f := openBytes(t, b)
	rows, _ := f.GetRows("Чек-лист")
	header := rows[clHeaderRow-1]
	last := len(rows)
	stCol := colOf(t, header, "Статус")
	dvs, err := f.GetDataValidations("Чек-лист")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"list": cellAt(stCol, clFirstRow) + ":" + cellAt(stCol, last),
		"date": cellAt(stCol+1, clFirstRow) + ":" + cellAt(stCol+1, last)}
	for _, dv := range dvs {
		if want[dv.Type] == dv.Sqref {
			delete(want, dv.Type)
		}
	}
	if len(want) > 0 {
		t.Errorf("validations over the rows missing: %v (have %+v)", want, dvs)
	}
	sheet := zipPart(t, b, "xl/worksheets/sheet1.xml")
	for _, s := range []string{`<sheetProtection`, `state="frozen"`, `ySplit="5"`, `<autoFilter ref="$A$5:$K$` + itoa(last) + `"`,
		`<mergeCell ref="A1:K1">`, `<mergeCell ref="A4:K4">`, `<dimension ref="A1:M` + itoa(last) + `"`} {
		if !strings.Contains(sheet, s) {
			t.Errorf("checklist sheet lacks %s", s)
		}
	}
	if strings.Contains(sheet, itoa(sentinelRow)) {
		t.Error("sentinel row left in the sheet")
	}
	if wb := zipPart(t, b, "xl/workbook.xml"); strings.Contains(wb, itoa(sentinelRow)) || !strings.Contains(wb, "$A$5:$K$"+itoa(last)) {
		t.Errorf("workbook.xml filter range not adjusted")
	}
	if c := zipPart(t, b, "docProps/custom.xml"); !strings.Contains(c, "МБОУ «Школа № 10»") {
		t.Errorf("custom properties lack the org: %s", c)
	}
	locked := func(cell string) bool {
		id, _ := f.GetCellStyle("Чек-лист", cell)
		st, _ := f.GetStyle(id)
		return st.Protection == nil || st.Protection.Locked
	}
	for r := clFirstRow; r <= last; r++ {
		id, _ := f.GetCellValue("Чек-лист", cellAt(colOf(t, header, "ID"), r))
		for c := stCol; c < stCol+4; c++ {
			if locked(cellAt(c, r)) == (id != "") {
				t.Errorf("%s locked=%v for row with id %q", cellAt(c, r), locked(cellAt(c, r)), id)
			}
		}
	}
	// Instructions tell how to fill in Russian.
	if v, _ := f.GetCellValue("Чек-лист", "A4"); !strings.Contains(v, "выберите значение из списка") || !strings.Contains(v, "приказ, справка, ссылка") {
		t.Errorf("instructions = %q", v)
	}
}

// TestChecklistIssuedForQuarter: a checklist issued for a quarter with a
// store's key says the quarter on its sheet and carries it, with a
// signature that checks, in its manifest; the signature is each
// organisation's own and never in the shared document properties.
func TestChecklistIssuedForQuarter(t *testing.T) {
	p := loadSample(t)
	key := []byte("0123456789abcdef0123456789abcdef")
	opts := ChecklistOptions{Quarter: "2022Q1", Key: key}
	manifest := func(org string) (plan.Manifest, []byte) {
		b := checklistBytes(t, p, org, opts)
		f := openBytes(t, b)
		kv := xlsxtest.ReadManifest(t, f, manifestSheet)
		gen, _ := time.Parse(time.RFC3339, kv["generated"])
		return plan.Manifest{Kind: kv["kind"], PlanHash: kv["plan_hash"], Org: kv["org"], Quarter: kv["quarter"],
			Generated: gen, Signature: kv["signature"]}, b
	}
	m10, b := manifest("МБОУ «Школа № 10»")
	if m10.Quarter != "2022Q1" || !m10.Verify(key) {
		t.Errorf("manifest %+v does not verify", m10)
	}
	m3, _ := manifest("МБОУ Школа № 17")
	if m3.Signature == m10.Signature || !m3.Verify(key) {
		t.Error("two organisations share a signature")
	}
	f := openBytes(t, b)
	if v, _ := f.GetCellValue("Чек-лист", "A3"); !strings.Contains(v, "Ответы за I квартал 2022 г.") {
		t.Errorf("info row = %q", v)
	}
	if c := zipPart(t, b, "docProps/custom.xml"); strings.Contains(c, "signature") || !strings.Contains(c, "2022Q1") {
		t.Errorf("custom properties: %s", c)
	}
}
