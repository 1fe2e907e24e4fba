package templates

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A template that never ends (/dev/zero behind the name) is cut off.
func TestOverrideBounded(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip(err)
	}
	dir := t.TempDir()
	if err := os.Symlink("/dev/zero", filepath.Join(dir, "tracker.yaml")); err != nil {
		t.Skip(err)
	}
	_, err := Load(dir)
	if err == nil || !strings.Contains(err.Error(), "tracker.yaml: файл слишком велик: больше 1 МБ, допускается не более 1 МБ") {
		t.Fatalf("err = %v", err)
	}
}
