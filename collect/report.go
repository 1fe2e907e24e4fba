package collect

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/templates"
)

func answersWord(n int) string {
	return templates.Count(n, "ответ", "ответа", "ответов")
}

// Line says what happened to the i-th file, in the words of WriteText
// (after "path: "): what the server shows for each uploaded file.
func (r *Report) Line(i int) string {
	f := &r.Files[i]
	var b strings.Builder
	switch f.Outcome {
	case Collected:
		fmt.Fprintf(&b, "собрано %s, %s", answersWord(f.Answers), f.Org)
		if f.Kind == "tracker" {
			b.WriteString(" (трекер)")
		}
		if r.Quarter == "" {
			fmt.Fprintf(&b, ", за %s", quarterLabel(f.Quarter))
		}
		if f.Refiled != "" {
			fmt.Fprintf(&b, "; прежняя запись этого файла (%s, за %s) заменена, сохранена в истории", f.Refiled, quarterLabel(f.RefiledQuarter))
		}
		for _, old := range f.Supersedes {
			fmt.Fprintf(&b, "; заменяет более ранний файл %s", old)
		}
		if f.SupersededBy != "" {
			fmt.Fprintf(&b, "; КОНФЛИКТ: заменен более новым файлом той же организации %s (ответы сохранены в истории)", f.SupersededBy)
		}
	case Refused:
		fmt.Fprintf(&b, "ОТКАЗ: %s", f.Reason)
	case Skipped:
		fmt.Fprintf(&b, "пропущен: %s", f.Reason)
	case Empty:
		fmt.Fprintf(&b, "не заполнен (нет ни одной заполненной строки), %s", f.Org)
	case Duplicate:
		if f.DuplicateOf == f.Path {
			b.WriteString("уже собран")
		} else {
			fmt.Fprintf(&b, "уже собран (тот же файл: %s)", f.DuplicateOf)
		}
		if f.DuplicateQuarter != "" && f.Quarter != "" && f.DuplicateQuarter != f.Quarter {
			fmt.Fprintf(&b, " за %s; чтобы записать его за %s: roadmap collect --replace --quarter %s ...",
				quarterLabel(f.DuplicateQuarter), quarterLabel(f.Quarter), f.Quarter)
		}
	}
	return b.String()
}

// Notes are the file's diagnostics a report shows: warnings and errors,
// and the informational notes too when verbose.
func (f *FileResult) Notes(verbose bool) plan.Diagnostics {
	var out plan.Diagnostics
	for _, d := range f.Diagnostics {
		if d.Severity != plan.Info || verbose {
			out = append(out, d)
		}
	}
	return out
}

// String names the outcome in the JSON API: collected, refused,
// duplicate, empty, skipped.
func (o Outcome) String() string {
	switch o {
	case Collected:
		return "collected"
	case Refused:
		return "refused"
	case Duplicate:
		return "duplicate"
	case Empty:
		return "empty"
	case Skipped:
		return "skipped"
	}
	return "unknown"
}

// WriteText prints the report in Russian: one line per file, its
// warnings, the totals and a table per organisation. verbose adds the
// informational notes.
func (r *Report) WriteText(w io.Writer, verbose bool) error {
	var b strings.Builder
	if r.Quarter != "" {
		fmt.Fprintf(&b, "Сбор ответов за %s\n", quarterLabel(r.Quarter))
	} else {
		b.WriteString("Сбор ответов (квартал — из служебного листа каждого файла)\n")
	}
	for i, f := range r.Files {
		fmt.Fprintf(&b, "  %s: %s\n", plan.DisplayName(f.Path), r.Line(i))
		for _, d := range f.Notes(verbose) {
			fmt.Fprintf(&b, "      %s: %s\n", plan.DisplayName(filepath.Base(f.Path)), d.Message)
		}
	}
	fmt.Fprintf(&b, "Итого файлов: %d; собрано: %d (%s), отказано: %d, уже собраны ранее: %d, не заполнены: %d\n",
		len(r.Files), r.Count(Collected), answersWord(r.Answers()), r.Count(Refused), r.Count(Duplicate), r.Count(Empty))
	if len(r.Orgs) > 0 {
		// The table goes into b too: a tabwriter writes each cell and each
		// run of padding on its own, 13,000 writes (system calls, on a
		// terminal or a pipe) for 500 organisations.
		fmt.Fprintln(&b, "По организациям:")
		tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
		fmt.Fprint(tw, "  Организация\tФайлов\tОтветов")
		for _, s := range plan.Statuses {
			fmt.Fprintf(tw, "\t%s", s.Label())
		}
		fmt.Fprint(tw, "\tБез статуса\n")
		for _, oc := range r.Orgs {
			fmt.Fprintf(tw, "  %s\t%d\t%d", oc.Org, oc.Files, oc.Answers)
			for _, s := range plan.Statuses {
				fmt.Fprintf(tw, "\t%d", oc.ByStatus[s])
			}
			fmt.Fprintf(tw, "\t%d\n", oc.ByStatus[plan.StatusNone])
		}
		tw.Flush() // into a strings.Builder: cannot fail
	}
	_, err := io.WriteString(w, b.String())
	return err
}
