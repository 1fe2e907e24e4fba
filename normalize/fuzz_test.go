package normalize

import (
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/roadmap-tool/roadmap/ingest"
)

// FuzzBuild: whatever ingest accepts, Build returns a plan or an error,
// never panics, every item id is unique, every total sums a section of
// the plan, and the outline and the explanation are written.
func FuzzBuild(f *testing.F) {
	for _, s := range seedFiles {
		if data, err := os.ReadFile(filepath.Join(repoRoot, s)); err == nil {
			f.Add(data)
		}
	}
	fixtures, _ := filepath.Glob(filepath.Join(repoRoot, "testdata/normalize/*.tsv"))
	html, _ := filepath.Glob(filepath.Join(repoRoot, "testdata/normalize/*.html"))
	for _, fx := range append(fixtures, html...) {
		if data, err := os.ReadFile(fx); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("№\tМероприятие\tСрок\n1.1.1\tx\t\n\n\t\t\n1\t\t\nI.\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		tb, err := ingest.Read("fuzz.txt", data)
		if err != nil {
			return
		}
		p, err := Build(tb, Options{})
		if err != nil {
			return
		}
		seen := map[string]bool{}
		for _, it := range p.Items {
			if seen[it.ID] {
				t.Fatalf("duplicate item id %q", it.ID)
			}
			seen[it.ID] = true
		}
		for _, s := range p.Sections {
			if seen[s.ID] {
				t.Fatalf("duplicate id %q", s.ID)
			}
			seen[s.ID] = true
		}
		for _, tot := range p.Totals {
			if tot.Section != "" && !seen[tot.Section] {
				t.Fatalf("total %q of unknown section %q", tot.Label, tot.Section)
			}
		}
		// The outline, with the explanation at its head, is written for
		// every plan.
		if err := WriteOutline(io.Discard, p); err != nil {
			t.Fatal(err)
		}
	})
}
