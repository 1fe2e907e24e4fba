//go:build unix

package inputfile

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestNamedPipe: a named pipe nobody writes to is refused after
// FIFOWait (it blocked for ever), one written to a little after the
// reader starts is read whole.
func TestNamedPipe(t *testing.T) {
	defer func(d time.Duration) { FIFOWait = d }(FIFOWait)
	FIFOWait = 300 * time.Millisecond
	fifo := filepath.Join(t.TempDir(), "plan.txt")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err := Read(fifo, 1<<20, nil)
	if !errors.Is(err, ErrNoWriter) || time.Since(start) > 3*time.Second {
		t.Fatalf("pipe without a writer: %v after %v", err, time.Since(start))
	}
	want := "read " + fifo + ": это именованный канал, в который никто не пишет (за 300 мс не пришло ни байта); ожидается файл"
	if err.Error() != want {
		t.Errorf("message\n got: %s\nwant: %s", err, want)
	}

	FIFOWait = 5 * time.Second
	go func() {
		time.Sleep(100 * time.Millisecond)
		w, err := os.OpenFile(fifo, os.O_WRONLY, 0)
		if err != nil {
			return
		}
		w.Write([]byte("№\tМероприятие\n"))
		w.Close()
	}()
	data, err := Read(fifo, 1<<20, nil)
	if err != nil || string(data) != "№\tМероприятие\n" {
		t.Fatalf("pipe with a late writer: %q %v", data, err)
	}
}
