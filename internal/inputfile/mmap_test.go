//go:build unix

package inputfile

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

func TestMapped(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	big := bytes.Repeat([]byte("0123456789abcdef"), MinMapped/16+100)
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		path string
		max  int64
		ok   bool
		head bool // check refuses the head
	}{
		{"large file", write("big", big), 1 << 30, true, false},
		{"small file: read instead", write("small", big[:MinMapped-1]), 1 << 30, false, false},
		{"over the limit: Read says so", write("big2", big), int64(len(big)) - 1, false, false},
		{"folder", dir, 1 << 30, false, false},
		{"missing", filepath.Join(dir, "none"), 1 << 30, false, false},
		{"FIFO without a writer: no wait", fifo, 1 << 30, false, false},
		{"head refused: Read says why", write("big3", big), 1 << 30, false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []byte
			var seen int
			check := func(head []byte) error {
				if seen = len(head); tc.head {
					return errors.New("check's error")
				}
				return nil
			}
			ok, err := Mapped(tc.path, tc.max, check, func(data []byte, _ func() error) error {
				got = append([]byte(nil), data...)
				return errors.New("use's error")
			})
			if ok != tc.ok {
				t.Fatalf("ok = %v, want %v", ok, tc.ok)
			}
			if !ok {
				if err != nil || got != nil {
					t.Fatalf("not mapped, yet use ran or failed: %v", err)
				}
				return
			}
			if err == nil || err.Error() != "use's error" {
				t.Errorf("err = %v, want use's", err)
			}
			if seen != HeadSize {
				t.Errorf("check saw %d bytes, want the head of %d", seen, HeadSize)
			}
			if !bytes.Equal(got, big) {
				t.Errorf("mapped bytes differ from the file's")
			}
		})
	}
}

// A file cut short while it is read is an error, not a crash (SIGBUS).
func TestMappedTruncated(t *testing.T) {
	path := filepath.Join(t.TempDir(), "plan.json")
	if err := os.WriteFile(path, bytes.Repeat([]byte{' '}, 2*MinMapped), 0o644); err != nil {
		t.Fatal(err)
	}
	var reached byte
	ok, err := Mapped(path, 1<<30, nil, func(data []byte, _ func() error) error {
		if err := os.Truncate(path, 0); err != nil {
			t.Fatal(err)
		}
		reached = data[len(data)-1]
		return nil
	})
	if !ok || reached != 0 || !errors.Is(err, ErrChanged) {
		t.Fatalf("ok %v, read past the end %v, err %v; want ErrChanged", ok, reached, err)
	}
	want := path + ": файл изменился (укоротился) во время чтения; ожидается файл, который никто не переписывает"
	if err.Error() != want {
		t.Errorf("message\n got: %s\nwant: %s", err, want)
	}
}

// A file rewritten or grown while it is read is an error too (its
// mapped bytes changed under use, or no longer are the whole file):
// unchanged says so from the change on, and so does Mapped when use
// returns, whatever use returned.
func TestMappedChanged(t *testing.T) {
	content := bytes.Repeat([]byte{'a'}, 2*MinMapped)
	for _, tc := range []struct {
		name   string
		change func(path string) error
		want   string // "" = unchanged
	}{
		{"untouched", func(string) error { return nil }, ""},
		{"rewritten, the same size", func(path string) error {
			return os.WriteFile(path, bytes.Repeat([]byte{'b'}, len(content)), 0o644)
		}, "переписан"},
		{"grown", func(path string) error {
			f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
			if err != nil {
				return err
			}
			defer f.Close()
			_, err = f.Write([]byte("more"))
			return err
		}, "вырос"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "plan.json")
			if err := os.WriteFile(path, content, 0o644); err != nil {
				t.Fatal(err)
			}
			// Coarse file times: a rewrite in the tick of the first
			// write would keep its modification time.
			old := time.Now().Add(-time.Minute)
			if err := os.Chtimes(path, old, old); err != nil {
				t.Fatal(err)
			}
			var before, after error
			ok, err := Mapped(path, 1<<30, nil, func(data []byte, unchanged func() error) error {
				before = unchanged()
				if err := tc.change(path); err != nil {
					t.Fatal(err)
				}
				after = unchanged()
				return errors.New("use's error")
			})
			if !ok || before != nil {
				t.Fatalf("ok %v, unchanged before the change: %v", ok, before)
			}
			if tc.want == "" {
				if after != nil || err == nil || err.Error() != "use's error" {
					t.Fatalf("unchanged %v, err %v; want nil and use's error", after, err)
				}
				return
			}
			want := path + ": файл изменился (" + tc.want + ") во время чтения; ожидается файл, который никто не переписывает"
			for _, e := range []error{after, err} {
				if !errors.Is(e, ErrChanged) || e.Error() != want {
					t.Errorf("error %v, want %s", e, want)
				}
			}
		})
	}
}

// A named pipe whose writer waits for a reader is not opened by Mapped,
// which maps only regular files: opening it woke the writer and closing
// it at once left the writer without a reader, so that its writes failed
// (EPIPE, or SIGPIPE killing it) or were lost, and Read, which opens the
// pipe next, got nothing or part of the input (`roadmap lint pipe`, and
// every command reading an input through Reader.open, with the producer
// started first).
func TestMappedLeavesPipeAlone(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	opened := make(chan *os.File, 1)
	go func() {
		w, err := os.OpenFile(fifo, os.O_WRONLY, 0) // waits for a reader
		if err != nil {
			t.Error(err)
		}
		opened <- w
	}()
	time.Sleep(50 * time.Millisecond) // the writer waiting in its open
	ok, err := Mapped(fifo, 1<<30, nil, func([]byte, func() error) error { return nil })
	if ok || err != nil {
		t.Fatalf("a pipe mapped: ok %v, err %v", ok, err)
	}
	select {
	case w := <-opened:
		w.Close()
		t.Fatal("the pipe was opened: its writer woke up and lost its reader")
	case <-time.After(100 * time.Millisecond):
	}
	// Let the writer go.
	r, err := os.OpenFile(fifo, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		t.Fatal(err)
	}
	(<-opened).Close()
	r.Close()
}
