package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"text/tabwriter"
	"time"
)

// Tally counts the files built completely and the files that failed.
func Tally(results []Result) (done, failed int) {
	for _, r := range results {
		if r.Err != nil {
			failed++
		} else if len(r.Outputs) > 0 {
			done++
		}
	}
	return done, failed
}

// WriteText prints the run for a terminal: a table of the files (left
// out for a region of more than 40, whose detail is in summary.csv and
// index.html) and a closing line.
func WriteText(w io.Writer, results []Result, total int, took time.Duration, out string) error {
	if len(results) <= 40 {
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "файл\tразделов\tмероприятий\tпредупр.\tошибок\tрезультат")
		for _, r := range results {
			state := r.Dir + "/"
			if r.Err != nil {
				state = "ошибка"
			}
			fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%s\n", r.Input, r.Sections, r.Items, r.Warnings, r.Errors, state)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	done, failed := Tally(results)
	_, err := fmt.Fprintf(w, "Готово файлов: %d из %d, с ошибками: %d, за %.1f с. Сводка: %s/summary.csv, %s/index.html\n",
		done, total, failed, took.Seconds(), out, out)
	return err
}

// Outcome is the error a run ends with: runErr (the run could not go on;
// "прервано" with the count when cancelled), or one saying how many files
// failed, or nil when every file was built.
func Outcome(results []Result, runErr error, total int) error {
	done, failed := Tally(results)
	switch {
	case errors.Is(runErr, context.Canceled):
		return fmt.Errorf("прервано: готово %d из %d файлов", done, total)
	case runErr != nil:
		return runErr
	case failed > 0:
		return fmt.Errorf("не обработано файлов: %d из %d", failed, total)
	}
	return nil
}
