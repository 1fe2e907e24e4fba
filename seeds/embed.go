// Package seeds embeds the sample roadmaps: the default input of
// `roadmap build` and the end-to-end smoke inputs of the tests.
package seeds

import (
	"embed"
	"io/fs"
)

//go:embed *.txt
var files embed.FS

// FS holds the seed exports at its root.
var FS fs.FS = files

// Names lists the seed file names in order.
func Names() []string {
	ents, _ := fs.ReadDir(files, ".")
	var out []string
	for _, e := range ents {
		out = append(out, e.Name())
	}
	return out
}
