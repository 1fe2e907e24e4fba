package produce

import (
	"context"
	"fmt"
	"io"

	"github.com/roadmap-tool/roadmap/collect"
	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/templates"
)

// StatusOptions configure Status.
type StatusOptions struct {
	Settings
	Format string // "table" (for a terminal), "json" or "csv" (a row per item and organisation)
}

// statusWriters are the forms of the state of a plan, by name.
var statusWriters = map[string]func(*collect.Summary, io.Writer, *templates.Labels) error{
	"table": (*collect.Summary).WriteTable,
	"json":  func(s *collect.Summary, w io.Writer, _ *templates.Labels) error { return s.WriteJSON(w) },
	"csv":   (*collect.Summary).WriteCSV,
}

// IsStatusFormat reports whether Status writes format.
func IsStatusFormat(format string) bool { return statusWriters[format] != nil }

// Status writes the state of p in quarter q from the answers prog
// (collect.Summarize): each section's and organisation's count, and the
// items due by the end of q that are not done, overdue ones marked.
func Status(ctx context.Context, w io.Writer, p *plan.Plan, prog *plan.Progress, q plan.Quarter, o StatusOptions) error {
	write, ok := statusWriters[o.Format]
	if !ok {
		return fmt.Errorf("состояние: неизвестный формат %q: ожидается table, json или csv", o.Format)
	}
	if err := stopped(ctx); err != nil {
		return err
	}
	return write(collect.Summarize(p, prog, q), w, o.labels())
}
