package produce

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// Organisations named to harm: their checklists get names that are safe on
// Windows and in a shell, and checklists.csv shows the names as text that
// Excel will not run.
func TestHostileOrganisationNames(t *testing.T) {
	p := loadSample(t)
	names := []string{"CON.txt", "=HYPERLINK(\"http://x\")", "Школа\u202Eexe.txt", "-rf Школа", "~$Школа 5", "NUL", "Школа\u200B № 7"}
	p.Organizations = nil
	for i, n := range names {
		p.Items[i].Responsible = []plan.Executor{{Text: n, Org: n}}
		p.Organizations = append(p.Organizations, plan.Organization{Name: n})
	}
	p.Items = p.Items[:len(names)]
	dir := t.TempDir()
	recips, _ := Recipients(p, nil)
	list, err := WriteChecklists(context.Background(), dir, p, recips, ChecklistOptions{Settings: Settings{Now: fixedNow}})
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, c := range list {
		files[c.Org] = c.File
		if _, err := os.Stat(filepath.Join(dir, c.File)); err != nil {
			t.Errorf("%s: %v", c.File, err)
		}
	}
	want := map[string]string{"CON.txt": "CON_.txt.xlsx", "NUL": "NUL_.xlsx", "-rf Школа": "rf_Школа.xlsx",
		"~$Школа 5": "Школа_5.xlsx", "Школа\u202Eexe.txt": "Школаexe.txt.xlsx", "Школа\u200B № 7": "Школа_N_7.xlsx"}
	for org, f := range want {
		if files[org] != f {
			t.Errorf("%q: file %q, want %q", org, files[org], f)
		}
	}
	data, err := os.ReadFile(filepath.Join(dir, IndexFile))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(data), "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range rows {
		for _, c := range r {
			if strings.HasPrefix(c, "=") || strings.HasPrefix(c, "-") {
				t.Errorf("checklists.csv cell %q would run as a formula", c)
			}
		}
		found = found || r[0] == "'=HYPERLINK(\"http://x\")"
	}
	if !found {
		t.Errorf("checklists.csv lost the organisation's name:\n%s", data)
	}
}
