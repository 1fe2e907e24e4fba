// Package templates holds every word a user reads in the generated
// documents (labels, headings, column names, status words, the build's
// index page) as embedded files, so that a municipality can rename a
// column or a heading with --templates DIR without rebuilding.
//
// Load reads them all, once, into Labels, which the core passes to every
// writer as a value: the Excel and PDF writers, the summary views and the
// status summary share one loader and one vocabulary. A file in DIR
// overrides the embedded one key by key: it only needs the keys it
// changes. Each document has its file: tracker.yaml (tracker and
// checklists), report.yaml (quarterly report), matrix.yaml (summary
// matrices in both formats), status.yaml (roadmap status), build.yaml and
// index.html (the build's summary), changes.yaml (the versions of a
// roadmap: the change sheet, roadmap diff, amend and history),
// region.yaml (the region's summary of roadmap serve), collect.yaml
// (the outcome of collecting filled checklists);
// common.yaml holds the status words.
package templates

import (
	"embed"
	"io/fs"
)

//go:embed *.yaml index.html
var files embed.FS

// FS is the embedded defaults.
var FS fs.FS = files
