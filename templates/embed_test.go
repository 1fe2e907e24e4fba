package templates

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestOpenOverrideAndDefault(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "tracker.yaml"), []byte("x: 1\n"), 0o644)
	if b, err := Open(dir, "tracker.yaml"); err != nil || string(b) != "x: 1\n" {
		t.Fatalf("override: %q %v", b, err)
	}
	if b, err := Open(dir, "report.yaml"); err != nil || len(b) == 0 {
		t.Fatalf("default: %v", err)
	}
}

// A template that never ends (/dev/zero behind the name) is cut off.
func TestOpenBounded(t *testing.T) {
	dir := t.TempDir()
	if err := os.Symlink("/dev/zero", filepath.Join(dir, "tracker.yaml")); err != nil {
		t.Skip(err)
	}
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip(err)
	}
	_, err := Open(dir, "tracker.yaml")
	if err == nil || !strings.Contains(err.Error(), "больше 1 МБ") {
		t.Fatalf("err = %v", err)
	}
}
