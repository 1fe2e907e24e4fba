//go:build unix

package findfiles

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"

	"github.com/roadmap-tool/roadmap/internal/tooltest"
)

// TestWalkGoesOn: a folder that cannot be read, a broken link and a named
// pipe are problems with their reasons; every other file is still found.
func TestWalkGoesOn(t *testing.T) {
	if !tooltest.Unprivileged(t) {
		return
	}
	root := t.TempDir()
	for _, p := range []string{"a.txt", "locked/b.txt", "open/c.txt", "skip/d.txt"} {
		full := filepath.Join(root, p)
		os.MkdirAll(filepath.Dir(full), 0o755)
		os.WriteFile(full, []byte("x"), 0o644)
	}
	os.Symlink(filepath.Join(root, "nowhere.txt"), filepath.Join(root, "broken.txt"))
	os.Symlink(filepath.Join(root, "a.txt"), filepath.Join(root, "link.txt"))
	os.Symlink(root, filepath.Join(root, "loop")) // a link to a folder is not followed
	if err := syscall.Mkfifo(filepath.Join(root, "open", "pipe.txt"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(root, "ignored.bin"), nil, 0o644)
	syscall.Mkfifo(filepath.Join(root, "pipe.bin"), 0o644) // not wanted: not a problem
	if err := os.Chmod(filepath.Join(root, "locked"), 0o000); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(filepath.Join(root, "locked"), 0o755) })

	found, problems := Walk(root, func(n string) bool { return strings.HasSuffix(n, ".txt") },
		Options{SkipDir: func(p string) bool { return filepath.Base(p) == "skip" }})
	rel := func(p string) string { r, _ := filepath.Rel(root, p); return filepath.ToSlash(r) }
	var got []string
	for _, f := range found {
		got = append(got, rel(f))
	}
	if want := []string{"a.txt", "link.txt", "open/c.txt"}; !reflect.DeepEqual(got, want) {
		t.Errorf("found %v, want %v", got, want)
	}
	want := map[string]string{"broken.txt": "несуществующий файл", "locked": "нет доступа", "open/pipe.txt": "не обычный файл"}
	for _, p := range problems {
		w, ok := want[rel(p.Path)]
		if !ok || !strings.Contains(p.Error(), w) {
			t.Errorf("problem %q, want one of %v", p.Error(), want)
		}
		delete(want, rel(p.Path))
	}
	for p := range want {
		t.Errorf("no problem reported for %s", p)
	}
	if _, err := Under(root, func(string) bool { return true }); err == nil {
		t.Error("Under: no error for the problems")
	}
}
