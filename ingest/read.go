package ingest

import (
	"bytes"
	"fmt"
	"os"

	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// ReadFile reads a roadmap export from disk. See Read.
func ReadFile(path string) (*Table, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Read(path, data)
}

// Read parses an export: an HTML document with a <table>, or the
// tab-separated text export. name is used in positions only.
func Read(name string, data []byte) (*Table, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, &ParseError{Pos: plan.Pos{File: name}, Err: ErrEmpty}
	}
	return readTSV(name, data)
}

// TODO(ingest): replaced by the full reader.
var _ = fmt.Sprint
