//go:build unix

package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/roadmap-tool/roadmap/internal/tooltest"
)

// TestOutputToFIFO: a named pipe given as -o is written through (the
// reader gets the whole workbook) and stays a pipe.
func TestOutputToFIFO(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "pipe")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	got := make(chan []byte)
	go func() {
		f, err := os.Open(fifo)
		if err != nil {
			got <- nil
			return
		}
		defer f.Close()
		b, _ := io.ReadAll(f)
		got <- b
	}()
	if _, errs, code := run(t, "tracker", "-o", fifo, seedSarov); code != 0 {
		t.Fatal(errs)
	}
	b := <-got
	if !bytes.HasPrefix(b, []byte("PK\x03\x04")) || len(b) < 10000 {
		t.Errorf("the reader got %d bytes", len(b))
	}
	if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the pipe was replaced: %v", fi.Mode())
	}
}

// TestSystemErrorsInRussian: what the system refuses is said in Russian,
// naming the file: a full disk, a folder given as a file, a folder
// without write permission (run as nobody when the tests run as root).
func TestSystemErrorsInRussian(t *testing.T) {
	if !tooltest.Unprivileged(t) {
		return
	}
	locked := filepath.Join(t.TempDir(), "locked")
	os.Mkdir(locked, 0o555)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"ingest", "-o", "/dev/full", seedSarov}, "/dev/full: нет места на диске"},
		{[]string{"tracker", "-o", filepath.Join(locked, "t.xlsx"), seedSarov}, "t.xlsx: нет доступа"},
		{[]string{"lint", t.TempDir()}, "в папке нет файлов дорожных карт"},
		{[]string{"ingest", filepath.Dir(locked)}, "это папка, а ожидается файл"},
		{[]string{"status", "--db", seedSarov, seedSarov}, "не является базой данных SQLite"},
	} {
		_, errs, code := run(t, tc.args...)
		if code != 1 || !strings.Contains(errs, tc.want) {
			t.Errorf("%v: exit %d, stderr %q, want %q", tc.args, code, errs, tc.want)
		}
		for _, en := range []string{"permission denied", "no space", "is a directory", "open ", "not a database"} {
			if strings.Contains(errs, en) {
				t.Errorf("%v: English %q in %q", tc.args, en, errs)
			}
		}
	}
}
