package findfiles

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	_ "github.com/roadmap-tool/roadmap/internal/golden"
)

func TestUnder(t *testing.T) {
	root := t.TempDir()
	for _, p := range []string{"b.txt", "a.txt", "sub/c.txt", "sub/d.xlsx", ".hidden.txt", ".git/e.txt", "sub/.f.txt.tmp1"} {
		full := filepath.Join(root, p)
		os.MkdirAll(filepath.Dir(full), 0o755)
		os.WriteFile(full, nil, 0o644)
	}
	got, err := Under(root, func(n string) bool { return strings.HasSuffix(n, ".txt") })
	if err != nil {
		t.Fatal(err)
	}
	var rel []string
	for _, g := range got {
		r, _ := filepath.Rel(root, g)
		rel = append(rel, filepath.ToSlash(r))
	}
	if want := []string{"a.txt", "b.txt", "sub/c.txt"}; !reflect.DeepEqual(rel, want) {
		t.Errorf("got %v, want %v", rel, want)
	}
}
