package store

import (
	"errors"
	"io"
	"strings"
	"testing"
)

// endless is an input without end: zeros, as /dev/zero.
type endless struct{ read int }

func (e *endless) Read(p []byte) (int, error) {
	clear(p)
	e.read += len(p)
	return len(p), nil
}

// A file whose first bytes cannot open an export's header is refused
// from them: /dev/zero was read as a line of 64 MB first.
func TestReadExportRefusedFromHead(t *testing.T) {
	z := &endless{}
	_, err := ReadExport(z, "/dev/zero")
	if !errors.Is(err, ErrExportFormat) || err.Error() != `/dev/zero:1: файл не выгрузка базы roadmap (roadmap export): ожидается заголовок {"format":"roadmap-store",...}` {
		t.Fatalf("err = %v", err)
	}
	if z.read > 1<<16 {
		t.Errorf("read %d bytes to refuse it", z.read)
	}
	for _, head := range []string{"\ufeff  \n{\"format\":\"other\"}\n", "{\"format\":\"roadmap-store\""} {
		if _, err := ReadExport(io.MultiReader(strings.NewReader(head)), "x.jsonl"); !errors.Is(err, ErrExportFormat) {
			t.Errorf("%q: %v, want the header refused by its content", head, err)
		}
	}
}
