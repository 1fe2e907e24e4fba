package produce

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/roadmap-tool/roadmap/internal/atomicfile"
	"github.com/roadmap-tool/roadmap/internal/syserr"
	"github.com/roadmap-tool/roadmap/normalize"
	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/render/pdf"
	"github.com/roadmap-tool/roadmap/render/xlsx"
	"github.com/roadmap-tool/roadmap/templates"
	"github.com/roadmap-tool/roadmap/view"
)

// Settings are what every document shares.
type Settings struct {
	Labels  *templates.Labels // the words (templates.Load); nil = the embedded templates
	Now     time.Time         // the generation time stamped into documents; zero = time.Now()
	Version string            // the tool's version, stamped into workbooks
}

func (s Settings) labels() *templates.Labels {
	if s.Labels == nil {
		return templates.Default()
	}
	return s.Labels
}

// OutputTime is the generation time to stamp into outputs: now, or,
// with SOURCE_DATE_EPOCH set (reproducible builds), that instant, so
// that the same inputs give byte-identical files. A value that is not a
// number of seconds is ignored.
func OutputTime() time.Time {
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		if sec, err := strconv.ParseInt(s, 10, 64); err == nil {
			return time.Unix(sec, 0).UTC()
		}
	}
	return time.Now()
}

func (s Settings) now() time.Time {
	if s.Now.IsZero() {
		return time.Now()
	}
	return s.Now
}

// TrackerOptions configure Tracker.
type TrackerOptions struct {
	Settings
	Progress *plan.Progress // answers to fill in; nil = an empty tracker
	Password string         // sheet protection password; "" = protected without one
	Issue    Issue          // the quarter and signature of its manifest (IssueTo)
}

// Tracker writes the department's Excel tracker of p.
func Tracker(ctx context.Context, w io.Writer, p *plan.Plan, o TrackerOptions) error {
	if err := stopped(ctx); err != nil {
		return err
	}
	return xlsx.WriteTracker(w, p, xlsx.TrackerOptions{Progress: o.Progress, Password: o.Password,
		Labels: o.labels(), Now: o.now(), Version: o.Version, Quarter: o.Issue.quarter(), Key: o.Issue.Key})
}

// ReportOptions configure Report.
type ReportOptions struct {
	Settings
	Quarter  plan.Quarter   // see Quarter for the default
	Progress *plan.Progress // nil: the report is the plan of the quarter
}

// PrepareReport starts setting up the next Report's PDF (its fonts) in the
// background, so that a command does it while it reads the plan.
func PrepareReport() { pdf.PrepareReport() }

// Report writes the quarterly report on p as PDF.
func Report(ctx context.Context, w io.Writer, p *plan.Plan, o ReportOptions) error {
	if err := stopped(ctx); err != nil {
		return err
	}
	return pdf.WriteReport(w, p, pdf.ReportOptions{Quarter: o.Quarter, Progress: o.Progress, Labels: o.labels(), Now: o.now()})
}

// MatrixOptions configure Matrices.
type MatrixOptions struct {
	Settings
	Format   string         // "xlsx" or "pdf"
	Progress *plan.Progress // adds the section × status matrix; nil = without it
}

// matrixWriters are the formats of the summary matrices, by name.
var matrixWriters = map[string]func(io.Writer, *plan.Plan, *view.Set, MatrixOptions) error{
	"xlsx": func(w io.Writer, p *plan.Plan, s *view.Set, o MatrixOptions) error {
		return xlsx.WriteMatrices(w, p, s, o.labels())
	},
	"pdf": func(w io.Writer, p *plan.Plan, s *view.Set, o MatrixOptions) error {
		return pdf.WriteMatrices(w, p, s, pdf.MatrixOptions{Labels: o.labels(), Now: o.now()})
	},
}

// Matrices writes the summary matrices of p (executors × sections, the
// calendar, executors × quarters, sections × statuses with progress) as
// an Excel workbook or a PDF: one view of the model, two writers.
func Matrices(ctx context.Context, w io.Writer, p *plan.Plan, o MatrixOptions) error {
	write, ok := matrixWriters[o.Format]
	if !ok {
		return fmt.Errorf("матрицы: неизвестный формат %q: ожидается xlsx или pdf", o.Format)
	}
	if err := stopped(ctx); err != nil {
		return err
	}
	return write(w, p, view.Matrices(p, o.Progress, o.labels()), o)
}

// PlanJSON writes p as the plan JSON (schema version 1).
func PlanJSON(ctx context.Context, w io.Writer, p *plan.Plan) error {
	if err := stopped(ctx); err != nil {
		return err
	}
	return plan.Write(w, p)
}

// Outline writes p's table of contents: sections, items and deadlines.
func Outline(ctx context.Context, w io.Writer, p *plan.Plan) error {
	if err := stopped(ctx); err != nil {
		return err
	}
	return normalize.WriteOutline(w, p)
}

// Explanation writes how p's table was read: header rows, each column's
// role, rows joined, realigned or skipped, with their source lines (what
// `roadmap lint --explain` prints).
func Explanation(ctx context.Context, w io.Writer, p *plan.Plan) error {
	if err := stopped(ctx); err != nil {
		return err
	}
	return normalize.WriteExplanation(w, p)
}

// Diagnostics writes p's diagnostics, one a line
// (file:line: severity: code: message: "text").
func Diagnostics(ctx context.Context, w io.Writer, p *plan.Plan) error {
	if err := stopped(ctx); err != nil {
		return err
	}
	return WriteDiagnostics(w, p.Diagnostics)
}

// WriteDiagnostics writes diagnostics one a line, as Diagnostics does,
// through a buffer: a large roadmap has a thousand of them, and standard
// error is unbuffered (one system call a line).
func WriteDiagnostics(w io.Writer, ds plan.Diagnostics) error {
	bw := bufio.NewWriterSize(w, 32<<10)
	if _, err := writeDiagnosticLines(bw, ds, nil); err != nil {
		return err
	}
	return bw.Flush()
}

// writeDiagnosticLines writes ds into bw a line each, through line (one
// buffer for every line, returned for the next call).
func writeDiagnosticLines(bw *bufio.Writer, ds plan.Diagnostics, line []byte) ([]byte, error) {
	for _, d := range ds {
		line = append(d.AppendTo(line[:0]), '\n')
		if _, err := bw.Write(line); err != nil {
			return line, err
		}
	}
	return line, nil
}

// WriteFile is WriteFileTo with the process's standard output for "-".
func WriteFile(path string, write func(io.Writer) error) error {
	return WriteFileTo(path, os.Stdout, write)
}

// WriteFileTo writes an output to path through a temporary file renamed
// into place, so that an interrupted write never leaves half a file; "-"
// is stdout, and a device or a FIFO is written through, never replaced
// (internal/atomicfile). The error names the file, in Russian.
func WriteFileTo(path string, stdout io.Writer, write func(io.Writer) error) error {
	err := atomicfile.WriteTo(path, stdout, write)
	var pe *fs.PathError
	if errors.As(err, &pe) && errors.Is(pe.Err, fs.ErrNotExist) {
		// The file is new: what is missing is its folder.
		return fmt.Errorf("%s: папка %s не найдена; создайте ее или укажите другую", path, filepath.Dir(path))
	}
	if err != nil && path == atomicfile.StdoutName {
		if errors.As(err, &pe) {
			err = pe.Err // its path is /dev/stdout
		}
		return syserr.Error(fmt.Errorf("стандартный вывод: %w", err))
	}
	if err != nil {
		return PathError(path, err)
	}
	return nil
}

// WritesThrough reports whether an output path is written in place: "-"
// (stdout), a device, a FIFO or a link to one. Such a path says nothing
// of the format by its name, so a command accepts it where a regular
// file needs a known extension. A folder or a dangling link is an error
// naming the path.
func WritesThrough(path string) (bool, error) {
	ok, err := atomicfile.WritesThrough(path)
	if err != nil {
		return false, PathError(path, err)
	}
	return ok, nil
}

// RemoveUnfinished removes the temporary files of outputs still being
// written, for a process that exits before its writers finish (see
// atomicfile.RemoveInFlight): no half-written file and no temporary file
// is left behind.
func RemoveUnfinished() int { return atomicfile.RemoveInFlight() }

// PlanFormat is a form in which a plan is written for the user (`roadmap
// ingest --format`).
type PlanFormat struct {
	Write func(context.Context, io.Writer, *plan.Plan) error
	Ext   string // of the files written for a batch of inputs (IngestAll)
}

// PlanFormats are the forms of a plan by name: the plan JSON every other
// command reads, and its outline for people.
var PlanFormats = map[string]PlanFormat{
	"json": {PlanJSON, ".json"},
	"text": {Outline, ".txt"},
}
