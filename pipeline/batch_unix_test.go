//go:build unix

package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/roadmap-tool/roadmap/internal/tooltest"
	"github.com/roadmap-tool/roadmap/produce"
)

// TestUnreadableGoesOn: a folder without permission, a file without
// permission, a broken link and a named pipe among the roadmaps are each
// reported with their reason; the readable roadmap is built, and nothing
// waits on the pipe.
func TestUnreadableGoesOn(t *testing.T) {
	if !tooltest.Unprivileged(t) {
		return
	}
	in := t.TempDir()
	os.WriteFile(filepath.Join(in, "good.txt"), seedBytes(t, 0), 0o644)
	os.Mkdir(filepath.Join(in, "locked"), 0o755)
	os.WriteFile(filepath.Join(in, "locked", "hidden.txt"), seedBytes(t, 0), 0o644)
	os.Chmod(filepath.Join(in, "locked"), 0o000)
	t.Cleanup(func() { os.Chmod(filepath.Join(in, "locked"), 0o755) })
	os.WriteFile(filepath.Join(in, "secret.txt"), seedBytes(t, 1), 0o000)
	os.Symlink(filepath.Join(in, "gone.txt"), filepath.Join(in, "broken.txt"))
	if err := syscall.Mkfifo(filepath.Join(in, "pipe.txt"), 0o644); err != nil {
		t.Fatal(err)
	}
	inputs, err := produce.Inputs([]string{in})
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	res, err := Run(context.Background(), inputs, Options{OutDir: out, Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"good.txt": "", "locked": "нет доступа", "secret.txt": "нет доступа",
		"broken.txt": "несуществующий файл", "pipe.txt": "не обычный файл"}
	checkOutcomes(t, res, want, func(Result) {})
	if rows := readSummary(t, out); len(rows) != 6 {
		t.Errorf("summary.csv has %d rows, want 6", len(rows))
	}
}
