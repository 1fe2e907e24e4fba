package collect

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// status --format csv: a school's answer that looks like a formula is
// written as text (a leading apostrophe), every other cell as it was.
func TestWriteCSVNeutralizesFormulas(t *testing.T) {
	schools := []string{"=cmd|' /C calc'!A0"}
	p := makePlan("План", 2, schools)
	p.Items[0].Activity.Text = "- пункт списка"
	prog := &plan.Progress{Quarter: "2022Q1", Answers: map[string][]plan.Answer{
		p.Items[0].ID: {{ItemID: p.Items[0].ID, Org: schools[0], Status: plan.StatusDone,
			Evidence: "@SUM(1+1)", Comment: "=HYPERLINK(\"http://evil\",\"отчет\")", Raw: "+выполнено", Quarter: "2022Q1"}},
	}}
	var buf bytes.Buffer
	if err := Summarize(p, prog, plan.Quarter{Year: 2022, Q: 1}).WriteCSV(&buf, nil); err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), "\ufeff")))
	r.Comma = ';'
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range rows {
		for _, c := range row {
			if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
				t.Errorf("cell %q would run as a formula", c)
			}
		}
	}
	got := strings.Join(rows[1], "|")
	for _, want := range []string{"'- пункт списка", "'=cmd|' /C calc'!A0", "'+выполнено", "'@SUM(1+1)", "'=HYPERLINK(\"http://evil\",\"отчет\")"} {
		if !strings.Contains(got, want) {
			t.Errorf("row %q lacks %q", got, want)
		}
	}
}
