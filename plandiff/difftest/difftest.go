// Package difftest gives the writers' tests the diffs of package
// plandiff's goldens (testdata/plandiff/*.diff.json), so that the change
// sheets are tested from the model, as the other writers are, and not
// from a comparison run in their tests.
package difftest

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/roadmap-tool/roadmap/plandiff"
)

// Golden reads testdata/plandiff/<name>.diff.json.
func Golden(tb testing.TB, name string) *plandiff.Diff {
	tb.Helper()
	_, here, _, _ := runtime.Caller(0)
	path := filepath.Join(filepath.Dir(here), "..", "..", "testdata", "plandiff", name+".diff.json")
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	d, err := plandiff.ReadJSON(f)
	if err != nil {
		tb.Fatalf("%s: %v", path, err)
	}
	return d
}
