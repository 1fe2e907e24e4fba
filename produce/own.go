package produce

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/roadmap-tool/roadmap/internal/atomicfile"
	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// A build writes its outputs next to what may be its inputs (`roadmap
// build .` writes out/ under the folder it reads), and a second run must
// not read the first one's plan.json, diagnostics.txt or index.html as
// roadmaps. Outputs are recognised three ways: the folders this run
// writes into (Reader.Outputs), a marker file in every folder of outputs
// (MarkOutputs: a build's root and each roadmap's folder, wherever they
// are copied with it), and, for the files that may travel alone, their
// content: the index page names its generator, the diagnostics file
// starts with its own header line.

// OutputMarker is the hidden file that marks a folder of outputs: a
// folder walk that finds it below its root does not enter the folder.
const OutputMarker = ".roadmap-output"

const markerText = "Папка результатов roadmap: ее файлы не читаются как входные данные.\n" +
	"roadmap output folder: its files are never read as inputs.\n"

// MarkOutputs puts the marker into dir (which must exist).
func MarkOutputs(dir string) error {
	path := filepath.Join(dir, OutputMarker)
	if b, err := os.ReadFile(path); err == nil && string(b) == markerText {
		return nil
	}
	if err := atomicfile.WriteBytes(path, []byte(markerText)); err != nil {
		return PathError(path, err)
	}
	return nil
}

// isOutputFolder reports a folder holding the marker, or one of outs.
func isOutputFolder(dir string, outs []os.FileInfo) bool {
	if _, err := os.Lstat(filepath.Join(dir, OutputMarker)); err == nil {
		return true
	}
	if len(outs) == 0 {
		return false
	}
	fi, err := os.Stat(dir)
	if err != nil {
		return false
	}
	for _, o := range outs {
		if os.SameFile(fi, o) {
			return true
		}
	}
	return false
}

// generatorMark is what the index page of a build (templates/index.html)
// carries in its head.
const generatorMark = `<meta name="generator" content="roadmap`

// diagnosticsHeader starts every diagnostics file WriteDiagnosticsFile
// writes.
const diagnosticsHeader = "# roadmap: замечания"

// IsOutput reports whether the file at path is one of the tool's own
// outputs by its content: a build's index page or a diagnostics file.
// Only their first kilobytes are read.
func IsOutput(path string) bool {
	ext := strings.ToLower(filepath.Ext(path))
	if ext != ".html" && ext != ".htm" && ext != ".txt" {
		return false
	}
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 2048)
	n, _ := io.ReadFull(f, head)
	head = head[:n]
	if ext == ".txt" {
		return bytes.HasPrefix(head, []byte(diagnosticsHeader))
	}
	return bytes.Contains(head, []byte(generatorMark))
}

// WriteDiagnosticsFile writes the diagnostics file of one roadmap: a
// header line naming the source and the count (which also marks the
// file as an output, IsOutput), then the diagnostics one a line, as
// WriteDiagnostics prints them.
func WriteDiagnosticsFile(w io.Writer, source string, ds plan.Diagnostics) error {
	if _, err := fmt.Fprintf(w, "%s к файлу %s: %d\n", diagnosticsHeader, source, len(ds)); err != nil {
		return err
	}
	return WriteDiagnostics(w, ds)
}
