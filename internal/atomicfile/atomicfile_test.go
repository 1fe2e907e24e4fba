package atomicfile

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestWriteReplacesOnlyOnSuccess(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "out.txt")
	if err := WriteBytes(p, []byte("first")); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err := Write(p, func(w io.Writer) error {
		io.WriteString(w, "partial")
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want boom", err)
	}
	got, _ := os.ReadFile(p)
	if string(got) != "first" {
		t.Fatalf("content = %q, want the old content", got)
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 {
		t.Fatalf("temporary file left behind: %v", ents)
	}
}

func TestDashIsStdout(t *testing.T) {
	var buf bytes.Buffer
	dir := t.TempDir()
	wd, _ := os.Getwd()
	os.Chdir(dir)
	defer os.Chdir(wd)
	if err := WriteTo("-", &buf, func(w io.Writer) error {
		_, err := io.WriteString(w, "plan")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if buf.String() != "plan" {
		t.Fatalf("stdout got %q", buf.String())
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 0 {
		t.Fatalf("\"-\" created files: %v", ents)
	}
}

func TestIsTemp(t *testing.T) {
	for name, want := range map[string]bool{
		".plan.json.tmp12345": true, ".a.tmp1": true, ".plan.json.tmp": false, "plan.json.tmp1": false,
		".tmp1": false, ".x.tmp1a": false, ".~lock.x#": false,
	} {
		if IsTemp(name) != want {
			t.Errorf("IsTemp(%q) = %v", name, !want)
		}
	}
}
