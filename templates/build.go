package templates

import (
	"path/filepath"
	"strings"
)

// Build are the words of a build's summary (build.yaml); the index page
// is Labels.Index.
type Build struct {
	SummaryColumns []string          `yaml:"summary_columns"`
	Done           string            `yaml:"done"`
	Failed         string            `yaml:"failed"`
	WithErrors     string            `yaml:"with_errors"`
	NotProcessed   string            `yaml:"not_processed"`
	Outputs        map[string]string `yaml:"outputs"`

	TerminalColumns     []string `yaml:"terminal_columns"`
	FailedShort         string   `yaml:"failed_short"`
	Finished            string   `yaml:"finished"`
	FinishedInterrupted string   `yaml:"finished_interrupted"`
	FinishedWhere       string   `yaml:"finished_where"`
}

// outputLabel names an output ("out/x/report.pdf", "x/checklists/") in
// the index; an unknown one by its file name.
func (b *Build) outputLabel(path string) string {
	base := filepath.Base(strings.TrimSuffix(path, "/"))
	if l, ok := b.Outputs[base]; ok {
		return l
	}
	return base
}

func (b *Build) check() error {
	if len(b.SummaryColumns) != 12 {
		return errorf("build.yaml", "summary_columns: ожидается 12 заголовков, задано %d", len(b.SummaryColumns))
	}
	if len(b.TerminalColumns) != 6 {
		return errorf("build.yaml", "terminal_columns: ожидается 6 заголовков, задано %d", len(b.TerminalColumns))
	}
	return required("build.yaml", map[string]string{"done": b.Done, "failed": b.Failed,
		"with_errors": b.WithErrors, "not_processed": b.NotProcessed, "failed_short": b.FailedShort,
		"finished": b.Finished, "finished_interrupted": b.FinishedInterrupted, "finished_where": b.FinishedWhere})
}
