package pipeline

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/roadmap-tool/roadmap/ingest"
	"github.com/roadmap-tool/roadmap/internal/findfiles"
	"github.com/roadmap-tool/roadmap/seeds"
)

// Input is one roadmap to build: a name for messages and a way to read it.
type Input struct {
	Name string // path as given, or "seeds/<file>" for embedded seeds
	Read func() ([]byte, error)
}

// inputExts are the file kinds a folder walk picks up.
var inputExts = map[string]bool{".txt": true, ".tsv": true, ".html": true, ".htm": true, ".json": true}

// SeedInputs returns the embedded sample roadmaps.
func SeedInputs() []Input {
	var out []Input
	for _, name := range seeds.Names() {
		name := name
		out = append(out, Input{Name: "seeds/" + name, Read: func() ([]byte, error) { return fs.ReadFile(seeds.FS, name) }})
	}
	return out
}

// CollectInputs expands files and folders (recursively, by extension) into
// inputs sorted by path within each folder. A path that does not exist is
// an error naming it; a named file is taken whatever its extension.
func CollectInputs(paths []string) ([]Input, error) {
	var out []Input
	add := func(p string) {
		out = append(out, Input{Name: p, Read: func() ([]byte, error) { return ingest.ReadSource(p) }})
	}
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("%s: файл или папка не найдены", p)
		}
		if !st.IsDir() {
			add(p)
			continue
		}
		found, err := findfiles.Under(p, func(name string) bool {
			return !strings.HasPrefix(name, "~$") && inputExts[strings.ToLower(filepath.Ext(name))]
		})
		if err != nil {
			return nil, fmt.Errorf("%s: %v", p, err)
		}
		for _, f := range found {
			add(f)
		}
		if len(found) == 0 {
			return nil, fmt.Errorf("%s: в папке нет файлов дорожных карт (*.txt, *.tsv, *.html, *.json)", p)
		}
	}
	return out, nil
}
