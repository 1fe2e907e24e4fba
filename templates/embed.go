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
	"io/fs"
	"os"
	"path/filepath"
)

//go:embed *.yaml
var files embed.FS

// FS is the embedded defaults.
var FS fs.FS = files

// Open returns the named template file: DIR/name when dir is non-empty and
// the file exists there, the embedded default otherwise.
func Open(dir, name string) ([]byte, error) {
	if dir != "" {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err == nil {
			return b, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	return fs.ReadFile(files, name)
}
