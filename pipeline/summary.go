package pipeline

import (
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/roadmap-tool/roadmap/internal/atomicfile"
	"github.com/roadmap-tool/roadmap/internal/csvsafe"
	"github.com/roadmap-tool/roadmap/templates"
)

// writeSummary writes summary.csv and index.html for the run, in the
// words of templates/build.yaml and index.html.
func writeSummary(out string, results []Result, opts Options) error {
	if err := atomicfile.Write(filepath.Join(out, "summary.csv"), func(w io.Writer) error {
		return writeCSV(w, results, &opts.Labels.Build)
	}); err != nil {
		return err
	}
	return atomicfile.Write(filepath.Join(out, "index.html"), func(w io.Writer) error {
		_, failed, notProcessed := Tally(results)
		return opts.Labels.Index.Execute(w, indexData{Results: results, Now: opts.Now.Format("02.01.2006 15:04"), Version: opts.Version,
			Failed: failed, NotProcessed: notProcessed})
	})
}

func writeCSV(w io.Writer, results []Result, b *templates.Build) error {
	// A BOM lets Excel open the UTF-8 file with Cyrillic intact.
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csvsafe.NewWriter(w)
	cw.UseCRLF = true
	cw.Write(b.SummaryColumns)
	for _, r := range results {
		cw.Write([]string{r.Input, r.Title, r.Dir, r.Quarter, strconv.Itoa(r.Sections), strconv.Itoa(r.Items),
			strconv.Itoa(r.Checklists), strconv.Itoa(r.Warnings()), strconv.Itoa(r.Errors()), stateText(r, b),
			strings.Join(r.Outputs, " "), fmt.Sprintf("%.3f", r.Elapsed.Seconds())})
	}
	cw.Flush()
	return cw.Error()
}

// stateText is a roadmap's state in the words of build.yaml: the same
// in summary.csv, the index page and the terminal.
func stateText(r Result, b *templates.Build) string {
	switch r.State() {
	case NotProcessed:
		return b.NotProcessed
	case Failed:
		return templates.Fill(b.Failed, "{error}", r.Err.Error())
	case WithErrors:
		return templates.Fill(b.WithErrors, "{count}", strconv.Itoa(r.Errors()))
	}
	return b.Done
}

type indexData struct {
	Results      []Result
	Now          string
	Version      string
	Failed       int // roadmaps failed or with errors in the document
	NotProcessed int // roadmaps an interruption left unbuilt
}
