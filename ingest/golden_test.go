package ingest

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

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
			golden := filepath.Join(fixtureDir, name+".table.golden")
			checkGolden(t, golden, got.Bytes())
		})
	}
	if n < 10 {
		t.Errorf("found %d fixtures in %s, want at least 10", n, fixtureDir)
	}
}

// checkGolden compares got with the golden file, or rewrites it under
// -update. A mismatch names the first differing line.
func checkGolden(t *testing.T, golden string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./ingest -run TestGolden -update to create it)", err)
	}
	if bytes.Equal(got, want) {
		return
	}
	gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := 0; i < max(len(gl), len(wl)); i++ {
		var g, w string
		if i < len(gl) {
			g = gl[i]
		}
		if i < len(wl) {
			w = wl[i]
		}
		if g != w {
			t.Fatalf("%s:%d differs\n got: %s\nwant: %s", golden, i+1, g, w)
		}
	}
}
