//go:build unix

package templates

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/roadmap-tool/roadmap/internal/inputfile"
)

// A template that is not a regular file is refused with the reason, once:
// a named pipe nobody writes to after inputfile.FIFOWait (it blocked for
// ever), a folder without the path twice and English.
func TestOverrideNotAFile(t *testing.T) {
	defer func(w time.Duration) { inputfile.FIFOWait = w }(inputfile.FIFOWait)
	inputfile.FIFOWait = 100 * time.Millisecond
	fifo := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(fifo, "tracker.yaml"), 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	folder := t.TempDir()
	if err := os.Mkdir(filepath.Join(folder, "report.yaml"), 0o755); err != nil {
		t.Fatal(err)
	}
	for dir, want := range map[string]string{
		fifo:   "шаблон " + filepath.Join(fifo, "tracker.yaml") + ": это именованный канал, в который никто не пишет (за 100 мс не пришло ни байта); ожидается файл",
		folder: "шаблон " + filepath.Join(folder, "report.yaml") + ": это папка, а ожидается файл",
	} {
		done := make(chan error, 1)
		go func() { _, err := Load(dir); done <- err }()
		select {
		case err := <-done:
			if err == nil || err.Error() != want {
				t.Errorf("Load: %v, want %s", err, want)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("Load hangs")
		}
	}
}
