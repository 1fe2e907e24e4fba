package pipeline

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/roadmap-tool/roadmap/templates"
)

// Progress shows a run as it goes: a bar on a terminal, one line per
// file otherwise (a log, a pipe), nothing but errors when quiet.
type Progress struct {
	w     io.Writer
	bar   *progressbar.ProgressBar
	quiet bool
}

// NewProgress shows the progress of n files on w.
func NewProgress(w io.Writer, n int, quiet bool) *Progress {
	ui := &Progress{w: w, quiet: quiet}
	if f, ok := w.(*os.File); ok && !quiet && term.IsTerminal(int(f.Fd())) {
		ui.bar = progressbar.NewOptions(n, progressbar.OptionSetWriter(w), progressbar.OptionSetDescription("сборка"),
			progressbar.OptionShowCount(), progressbar.OptionSetPredictTime(true), progressbar.OptionClearOnFinish(),
			progressbar.OptionThrottle(100*time.Millisecond))
	}
	return ui
}

// Event is Options.Event: one file done.
func (ui *Progress) Event(r Result) {
	switch {
	case ui.bar != nil:
		if r.Err != nil && r.State() != NotProcessed {
			progressbar.Bprintln(ui.bar, "ошибка:", r.Err)
		}
		ui.bar.Add(1)
	case r.State() == NotProcessed:
		if !ui.quiet {
			fmt.Fprintf(ui.w, "не обработано: %s (сборка прервана)\n", r.Input)
		}
	case r.Err != nil:
		fmt.Fprintln(ui.w, "ошибка:", r.Err)
	case r.Errors() > 0:
		fmt.Fprintf(ui.w, "ошибки в документе: %s -> %s (ошибок: %d, см. %s/diagnostics.txt)\n", r.Input, r.Dir, r.Errors(), r.Dir)
	case !ui.quiet:
		fmt.Fprintf(ui.w, "готово: %s -> %s (%s, предупреждений: %d)\n", r.Input, r.Dir, templates.Count(r.Items, "мероприятие", "мероприятия", "мероприятий"), r.Warnings())
	}
}

// Finish clears the bar.
func (ui *Progress) Finish() {
	if ui.bar != nil {
		ui.bar.Finish()
	}
}
