package ingest

import (
	"errors"
	"io"
	"strings"
	"testing"
)

// countingReader is an endless text stream that counts what is taken.
type countingReader struct{ n int64 }

func (c *countingReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = "a\tb\tc\n"[(c.n+int64(i))%6]
	}
	c.n += int64(len(p))
	return len(p), nil
}

// Text on standard input is read up to the export's limit, not the plan
// JSON's four times larger one: 95 MB of text were read whole (225 MB of
// memory) before being refused.
func TestStdinTextBoundedByExportLimit(t *testing.T) {
	var l Limits
	r := &countingReader{}
	_, err := l.ReadSourceFrom("стандартный ввод", r)
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("err %v, want ErrTooLarge", err)
	}
	if max := l.maxBytes() + 1<<20; r.n > max {
		t.Errorf("read %d bytes of an endless text, want at most %d", r.n, max)
	}
	// A plan JSON on standard input keeps its own limit.
	data, err := l.ReadSourceFrom("стандартный ввод", io.MultiReader(strings.NewReader(`{"schema_version": 1, "title": "`),
		io.LimitReader(&countingReader{}, l.maxBytes()+10), strings.NewReader(`"}`)))
	if err != nil || int64(len(data)) < l.maxBytes() {
		t.Errorf("plan JSON over the export's limit: %d bytes, %v", len(data), err)
	}
}
