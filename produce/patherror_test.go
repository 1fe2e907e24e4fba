package produce

import (
	"os"
	"testing"
)

// An input that cannot be read is named on one line, whatever its name
// holds (a line break split the message in two).
func TestPathErrorOneLine(t *testing.T) {
	_, err := os.ReadFile(t.TempDir() + "/нет\nфайла.txt")
	got := PathError("нет\nфайла.txt", err).Error()
	if want := `"нет\nфайла.txt": файл не найден`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	if got := PathError("план #2.txt", err).Error(); got != "план #2.txt: файл не найден" {
		t.Errorf("got %s", got)
	}
}
