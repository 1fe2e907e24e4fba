package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/templates"
)

// Tally counts the roadmaps by state: built without errors, failed
// (unreadable, outputs not written, or errors in the document) and not
// processed (the run was interrupted first).
func Tally(results []Result) (done, failed, notProcessed int) {
	for _, r := range results {
		switch r.State() {
		case Done:
			done++
		case NotProcessed:
			notProcessed++
		default:
			failed++
		}
	}
	return done, failed, notProcessed
}

// WriteText prints the run for a terminal: a table of the files (left
// out for a region of more than 40, whose detail is in summary.csv and
// index.html) and a closing line.
func WriteText(w io.Writer, results []Result, total int, took time.Duration, out string, b *templates.Build) error {
	if len(results) <= 40 {
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, strings.Join(b.TerminalColumns, "\t"))
		for _, r := range results {
			state := r.Dir + "/"
			switch r.State() {
			case Failed:
				state = b.FailedShort
			case WithErrors:
				state = r.Dir + "/ (" + stateText(r, b) + ")"
			case NotProcessed:
				state = stateText(r, b)
			}
			fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%s\n", plan.DisplayName(r.Input), r.Sections, r.Items, r.Warnings(), r.Errors(), state)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	done, failed, notProcessed := Tally(results)
	itoa := strconv.Itoa
	line := templates.Fill(b.Finished, "{done}", itoa(done), "{total}", itoa(total), "{failed}", itoa(failed))
	if notProcessed > 0 {
		line += templates.Fill(b.FinishedInterrupted, "{n}", itoa(notProcessed))
	}
	line += templates.Fill(b.FinishedWhere, "{seconds}", strconv.FormatFloat(took.Seconds(), 'f', 1, 64),
		"{summary}", plan.DisplayName(out+"/summary.csv"), "{index}", plan.DisplayName(out+"/index.html"))
	_, err := fmt.Fprintln(w, line)
	return err
}

// Outcome is the error a run ends with: runErr (the run could not go on;
// "прервано" with the count when cancelled), or one saying how many files
// failed, or nil when every file was built.
//
// An interrupted run wraps context.Canceled (exit code 130); a roadmap
// with errors in the document (no-items) counts as failed, as lint and
// ingest fail on it.
func Outcome(results []Result, runErr error, total int) error {
	done, failed, notProcessed := Tally(results)
	switch {
	case errors.Is(runErr, context.Canceled) || notProcessed > 0:
		return fmt.Errorf("сборка прервана (%w): готово %d из %d %s, с ошибками: %d, не обработано: %d",
			interruptedError{}, done, total, templates.Plural(total, "файла", "файлов", "файлов"), failed, notProcessed)
	case runErr != nil:
		return runErr
	case failed > 0:
		return fmt.Errorf("файлов с ошибками: %d из %d (причины выше и в summary.csv)", failed, total)
	}
	return nil
}
