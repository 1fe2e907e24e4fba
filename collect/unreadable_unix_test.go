//go:build unix

package collect

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/roadmap-tool/roadmap/internal/pgtest"

	"github.com/xuri/excelize/v2"

	"github.com/roadmap-tool/roadmap/internal/tooltest"
)

// TestUnreadableRefusedOneByOne: in a folder of returned workbooks, one
// without permission, a broken link, a named pipe and a subfolder that
// cannot be read are each refused with their reason, and the readable
// workbook is collected; nothing waits on the pipe, even named directly.
func TestUnreadableRefusedOneByOne(t *testing.T) { pgtest.Run(t, testUnreadableRefusedOneByOne) }

func testUnreadableRefusedOneByOne(t *testing.T, e pgtest.Engine) {
	if !tooltest.Unprivileged(t) {
		return
	}
	schools := []string{"МБОУ Школа № 1", "МБОУ Школа № 2"}
	p := makePlan("План мероприятий на 2021-2023 годы", 6, schools)
	dir := t.TempDir()
	st := storeOf(t, e, p)
	in := filepath.Join(dir, "in")
	os.Mkdir(in, 0o755)
	gen := time.Date(2022, 3, 1, 9, 0, 0, 0, time.UTC)
	files := realWriter(t, in, p, schools, gen)
	for _, path := range files {
		f, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var id string
		for id = range rowsByID(f, findLayout(t, f)) {
			break
		}
		f.Close()
		fillChecklist(t, path, []fillRow{{id: id, status: "Выполнено"}}, nil)
	}
	locked := files[schools[1]]
	os.Chmod(locked, 0o000)
	os.Symlink(filepath.Join(in, "gone.xlsx"), filepath.Join(in, "broken.xlsx"))
	pipe := filepath.Join(in, "pipe.xlsx")
	if err := syscall.Mkfifo(pipe, 0o644); err != nil {
		t.Fatal(err)
	}
	sub := filepath.Join(in, "sub")
	os.Mkdir(sub, 0o755)
	os.WriteFile(filepath.Join(sub, "x.xlsx"), nil, 0o644)
	os.Chmod(sub, 0o000)
	t.Cleanup(func() { os.Chmod(sub, 0o755) })

	done := make(chan *Report, 1)
	go func() {
		rep, err := Run(context.Background(), st, []string{in, pipe}, Options{Quarter: "2022Q1", Now: gen})
		if err != nil {
			t.Error(err)
		}
		done <- rep
	}()
	var rep *Report
	select {
	case rep = <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("collect hangs")
	}
	want := map[string]string{files[schools[0]]: "", locked: "нет доступа", filepath.Join(in, "broken.xlsx"): "несуществующий файл",
		pipe: "не обычный файл", sub: "нет доступа"}
	for _, f := range rep.Files {
		reason, ok := want[f.Path]
		if !ok {
			t.Errorf("unexpected %s", f.Path)
			continue
		}
		delete(want, f.Path)
		switch {
		case reason == "" && f.Outcome != Collected:
			t.Errorf("%s: %v %s", f.Path, f.Outcome, f.Reason)
		case reason != "" && (f.Outcome != Refused || !strings.Contains(f.Reason, reason)):
			t.Errorf("%s: %v %q, want refused with %q", f.Path, f.Outcome, f.Reason, reason)
		}
	}
	for p := range want {
		t.Errorf("%s not reported", p)
	}
}
