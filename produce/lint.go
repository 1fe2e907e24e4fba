package produce

import (
	"context"
	"fmt"
	"io"

	"github.com/roadmap-tool/roadmap/normalize"
	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/templates"
)

// LintResult is what Lint found in a set of inputs.
type LintResult struct {
	Files      []Opened
	Counts     [3]int // diagnostics by severity: plan.Info, plan.Warning, plan.Error
	Unreadable int    // inputs that could not be read as a roadmap
}

// Lint reads every input (OpenAll) and counts their diagnostics.
func Lint(ctx context.Context, inputs []Input, jobs int) *LintResult {
	r := &LintResult{Files: OpenAll(ctx, inputs, jobs, nil)}
	for _, f := range r.Files {
		if f.Err != nil {
			r.Unreadable++
			continue
		}
		for _, d := range f.Plan.Diagnostics {
			if d.Severity >= plan.Info && d.Severity <= plan.Error {
				r.Counts[d.Severity]++
			}
		}
	}
	return r
}

// WriteText writes the diagnostics of every file in input order to w
// (file:line: severity: code: message: "text"), the reason each
// unreadable file was refused to errw, and a summary line to w. With
// explain, each file's diagnostics follow how its table was read
// (normalize.WriteExplanation), so that a user who disagrees sees why.
func (r *LintResult) WriteText(w, errw io.Writer, explain bool) error {
	for _, f := range r.Files {
		if f.Err != nil {
			fmt.Fprintln(errw, "roadmap lint:", f.Err)
			continue
		}
		if explain {
			if err := normalize.WriteExplanation(w, f.Plan); err != nil {
				return err
			}
		}
		if err := Diagnostics(context.Background(), w, f.Plan); err != nil {
			return err
		}
	}
	summary := fmt.Sprintf("Проверено файлов: %d; %s, %s, %s", len(r.Files)-r.Unreadable,
		templates.Count(r.Counts[plan.Error], "ошибка", "ошибки", "ошибок"),
		templates.Count(r.Counts[plan.Warning], "предупреждение", "предупреждения", "предупреждений"),
		templates.Count(r.Counts[plan.Info], "замечание", "замечания", "замечаний"))
	if r.Unreadable > 0 {
		summary += "; " + templates.Count(r.Unreadable, "файл не прочитан", "файла не прочитаны", "файлов не прочитано")
	}
	_, err := fmt.Fprintln(w, summary)
	return err
}
