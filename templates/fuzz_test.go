package templates

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// overridable are the files of --templates a fuzzed input stands for.
var overridable = []string{"common.yaml", "tracker.yaml", "report.yaml", "matrix.yaml", "status.yaml",
	"build.yaml", "changes.yaml", "region.yaml", "collect.yaml", "index.html"}

// FuzzLoad writes the input as one file of a --templates folder and
// loads it: no input may panic Load, and a refusal is one line naming
// the file. Seeds are the embedded files themselves.
func FuzzLoad(f *testing.F) {
	for i, name := range overridable {
		data, err := fs.ReadFile(files, name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(uint8(i), data)
	}
	f.Add(uint8(1), []byte("title: [\n"))
	f.Add(uint8(9), []byte("{{ .Results "))
	f.Fuzz(func(t *testing.T, which uint8, data []byte) {
		name := overridable[int(which)%len(overridable)]
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
		l, err := Load(dir)
		if err != nil {
			msg := err.Error()
			if strings.Contains(msg, "\n") || !strings.Contains(msg, name) || !utf8.ValidString(msg) {
				t.Fatalf("%s %q: error %q is not one line naming the file", name, data, msg)
			}
			return
		}
		if l == nil {
			t.Fatalf("%s %q: no labels and no error", name, data)
		}
	})
}
