// Package templates holds the labels, headings, status words and column
// sets of the generated documents as embedded files, so that a municipality
// can rename a column or a heading with --templates DIR without rebuilding.
//
// Each renderer owns one file named after its document (tracker.yaml,
// report.yaml, ...). Open returns the override from DIR when it exists and
// the embedded default otherwise.
package templates

import (
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

//go:embed *.yaml
var files embed.FS

// FS is the embedded defaults.
var FS fs.FS = files

// MaxSize is the largest template file read from DIR: the embedded ones
// are a few kilobytes, and a wrong file (/dev/zero) must not be read
// without end.
const MaxSize = 1 << 20

// Open returns the named template file: DIR/name when dir is non-empty and
// the file exists there, the embedded default otherwise.
func Open(dir, name string) ([]byte, error) {
	if dir != "" {
		b, err := readFile(filepath.Join(dir, name))
		if err == nil {
			return b, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	return fs.ReadFile(files, name)
}

func readFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, MaxSize+1))
	if err != nil {
		return nil, err
	}
	if len(b) > MaxSize {
		return nil, fmt.Errorf("%s: файл шаблона больше %d МБ", path, MaxSize>>20)
	}
	return b, nil
}
