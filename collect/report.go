package collect

import (
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/templates"
)

// Line says what happened to the i-th file, in the words of WriteText
// (after "path: "): what the server shows for each uploaded file.
func (r *Report) Line(i int, words *templates.Collect) string {
	f := &r.Files[i]
	fill := func(s string, kv ...string) string { return templates.Fill(s, kv...) }
	var b strings.Builder
	switch f.Outcome {
	case Collected:
		b.WriteString(fill(words.Collected, "{answers}", words.Answers(f.Answers), "{org}", f.Org))
		if f.Kind == "tracker" {
			b.WriteString(words.FromTracker)
		}
		if r.Quarter == "" {
			b.WriteString(fill(words.ForQuarter, "{quarter}", quarterLabel(f.Quarter)))
		}
		if f.Refiled != "" {
			b.WriteString(fill(words.Refiled, "{file}", f.Refiled, "{quarter}", quarterLabel(f.RefiledQuarter)))
		}
		for _, old := range f.Supersedes {
			b.WriteString(fill(words.Supersedes, "{file}", old))
		}
		if f.SupersededBy != "" {
			b.WriteString(fill(words.SupersededBy, "{file}", f.SupersededBy))
		}
	case Refused:
		b.WriteString(fill(words.Refused, "{reason}", f.Reason))
	case Skipped:
		b.WriteString(fill(words.Skipped, "{reason}", f.Reason))
	case Empty:
		b.WriteString(fill(words.Empty, "{org}", f.Org))
	case Duplicate:
		if f.DuplicateOf == f.Path {
			b.WriteString(words.Duplicate)
		} else {
			b.WriteString(fill(words.DuplicateOf, "{file}", f.DuplicateOf))
		}
		if f.DuplicateQuarter != "" && f.Quarter != "" && f.DuplicateQuarter != f.Quarter {
			b.WriteString(fill(words.DuplicateQuarter, "{was}", quarterLabel(f.DuplicateQuarter),
				"{quarter}", quarterLabel(f.Quarter), "{code}", f.Quarter))
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

// WriteText prints the report: one line per file, its warnings, the
// totals and a table per organisation, in the words given (collect.yaml).
// verbose adds the informational notes.
func (r *Report) WriteText(w io.Writer, verbose bool, words *templates.Collect) error {
	var b strings.Builder
	if r.Quarter != "" {
		b.WriteString(templates.Fill(words.Heading, "{quarter}", quarterLabel(r.Quarter)))
	} else {
		b.WriteString(words.HeadingFileQuarters)
	}
	b.WriteByte('\n')
	for i, f := range r.Files {
		fmt.Fprintf(&b, "  %s: %s\n", plan.DisplayName(f.Path), r.Line(i, words))
		for _, d := range f.Notes(verbose) {
			fmt.Fprintf(&b, "      %s: %s\n", plan.DisplayName(filepath.Base(f.Path)), d.Message)
		}
	}
	itoa := strconv.Itoa
	b.WriteString(templates.Fill(words.Totals, "{files}", itoa(len(r.Files)), "{collected}", itoa(r.Count(Collected)),
		"{answers}", words.Answers(r.Answers()), "{refused}", itoa(r.Count(Refused)),
		"{duplicates}", itoa(r.Count(Duplicate)), "{empty}", itoa(r.Count(Empty))))
	b.WriteByte('\n')
	if len(r.Orgs) > 0 {
		// The table goes into b too: a tabwriter writes each cell and each
		// run of padding on its own, 13,000 writes (system calls, on a
		// terminal or a pipe) for 500 organisations.
		fmt.Fprintln(&b, words.ByOrganization)
		tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
		fmt.Fprint(tw, "  "+strings.Join(words.Columns, "\t"))
		for _, s := range plan.Statuses {
			fmt.Fprintf(tw, "\t%s", words.Status(s))
		}
		fmt.Fprintf(tw, "\t%s\n", words.NoStatus)
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
