//go:build unix

package produce

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/roadmap-tool/roadmap/internal/inputfile"
	"github.com/roadmap-tool/roadmap/store"
)

// An import from a named pipe nobody writes to, or from a folder, is
// refused with one line naming it (the pipe hung for ever; the folder
// was named twice), and no store is made.
func TestImportNotAFile(t *testing.T) {
	defer func(w time.Duration) { inputfile.FIFOWait = w }(inputfile.FIFOWait)
	inputfile.FIFOWait = 100 * time.Millisecond
	dir := t.TempDir()
	fifo := filepath.Join(dir, "export.jsonl")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	folder := filepath.Join(dir, "folder")
	if err := os.Mkdir(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "roadmap.db")
	for src, want := range map[string]string{
		fifo:   fifo + ": это именованный канал, в который никто не пишет (за 100 мс не пришло ни байта); ожидается файл",
		folder: folder + ": это папка, а ожидается файл",
	} {
		done := make(chan error, 1)
		go func() { _, err := ImportStore(context.Background(), src, db, store.LoadOptions{}); done <- err }()
		select {
		case err := <-done:
			if err == nil || err.Error() != want {
				t.Errorf("import %s: %v, want %s", src, err, want)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("import %s hangs", src)
		}
		if _, err := os.Stat(db); err == nil {
			t.Fatalf("import %s made a store", src)
		}
	}
}
