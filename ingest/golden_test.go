package ingest

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/roadmap-tool/roadmap/internal/golden"
)

// fixtureDir holds the reader fixtures, named by the behaviour they pin:
// <behaviour>.tsv or .html beside <behaviour>.table.golden (the Dump).
const fixtureDir = "../testdata/ingest"

func TestGolden(t *testing.T) {
	inputs, err := filepath.Glob(filepath.Join(fixtureDir, "*.*"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, in := range inputs {
		if strings.HasSuffix(in, ".golden") {
			continue
		}
		n++
		name := strings.TrimSuffix(filepath.Base(in), filepath.Ext(in))
		t.Run(name, func(t *testing.T) {
			tbl, err := ReadFile(in)
			if err != nil {
				t.Fatalf("ReadFile: %v", err)
			}
			var got bytes.Buffer
			if err := Dump(&got, tbl); err != nil {
				t.Fatal(err)
			}
			goldenPath := filepath.Join(fixtureDir, name+".table.golden")
			golden.Check(t, goldenPath, got.Bytes())
		})
	}
	if n < 10 {
		t.Errorf("found %d fixtures in %s, want at least 10", n, fixtureDir)
	}
}
