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

// An export read again while it is loaded is refused when it changed
// since it was checked: nothing is loaded.
func TestExportFileChangedWhileLoading(t *testing.T) {
	const head = `{"format":"roadmap-store","version":1,"schema":7}` + "\n"
	line := `{"table":"organizations","row":{"name":"Школа","short":"Ш"}}` + "\n"
	src := &changing{Reader: strings.NewReader(head + line)}
	f, err := ReadExportFile(src, "x.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	src.Reader = strings.NewReader(head + strings.Replace(line, "Ш", "Щ", 1))
	n := 0
	for range f.rows(&err) {
		n++
	}
	if err == nil || err.Error() != "x.jsonl: файл изменился во время загрузки: ничего не записано; повторите перенос" {
		t.Fatalf("%d rows, err = %v", n, err)
	}
}

// changing is a file whose content the test replaces.
type changing struct{ *strings.Reader }
