// Package layering guards who may import whom (STYLE.md): the plan model
// imports nothing of ours, readers and writers never import each other,
// and only the Excel and PDF writers import excelize and fpdf.
package layering

import (
	"os/exec"
	"strings"
	"testing"
)

const mod = "github.com/roadmap-tool/roadmap/"

func deps(t *testing.T, pkg string) []string {
	t.Helper()
	out, err := exec.Command("go", "list", "-deps", mod+pkg).Output()
	if err != nil {
		t.Fatalf("go list -deps %s: %v", pkg, err)
	}
	return strings.Fields(string(out))
}

func TestLayering(t *testing.T) {
	rules := []struct {
		pkg       string
		forbidden []string // prefixes
	}{
		{"normalize/plan", []string{mod}},
		{"ingest", []string{mod + "normalize/schedule", mod + "normalize/orgs", mod + "render", mod + "store", mod + "collect", "github.com/xuri/excelize", "github.com/go-pdf/fpdf"}},
		{"normalize", []string{mod + "render", mod + "store", mod + "collect", mod + "pipeline", "github.com/xuri/excelize", "github.com/go-pdf/fpdf"}},
		{"render/matrix", []string{mod + "ingest", mod + "normalize/schedule", mod + "normalize/orgs", mod + "render/xlsx", mod + "render/pdf", "github.com/xuri/excelize", "github.com/go-pdf/fpdf"}},
		{"render/xlsx", []string{mod + "ingest", mod + "normalize/schedule", mod + "normalize/orgs", mod + "render/pdf", "github.com/go-pdf/fpdf"}},
		{"render/pdf", []string{mod + "ingest", mod + "normalize/schedule", mod + "normalize/orgs", mod + "render/xlsx", "github.com/xuri/excelize"}},
		{"store", []string{mod + "ingest", mod + "render", "github.com/xuri/excelize"}},
		{"collect", []string{mod + "ingest", mod + "normalize/schedule", mod + "normalize/orgs", mod + "render"}},
	}
	for _, r := range rules {
		for _, d := range deps(t, r.pkg) {
			if d == mod+r.pkg {
				continue
			}
			for _, f := range r.forbidden {
				if d == strings.TrimSuffix(f, "/") || strings.HasPrefix(d, f) {
					t.Errorf("%s imports %s", r.pkg, d)
				}
			}
		}
	}
}
