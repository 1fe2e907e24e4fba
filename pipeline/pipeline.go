package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/roadmap-tool/roadmap/internal/atomicfile"
	"github.com/roadmap-tool/roadmap/internal/syserr"
	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/orgdir"
	"github.com/roadmap-tool/roadmap/produce"
	"github.com/roadmap-tool/roadmap/templates"
)

// Options configure a run. The zero value builds into "out" with one
// worker per CPU, the embedded templates and OutDir/roadmap.db.
type Options struct {
	OutDir    string
	Quarter   *plan.Quarter // nil: the current quarter, clamped to each plan's period
	Directory *orgdir.Directory
	DB        string // status store path; "" = OutDir/roadmap.db
	Jobs      int    // 0 = GOMAXPROCS
	Labels    *templates.Labels
	Now       time.Time // zero = time.Now()
	Version   string
	// Event, when set, is called (from one goroutine at a time) as each
	// file finishes.
	Event func(Result)
}

// Result is what happened to one input.
type Result struct {
	Input      string
	Title      string
	Dir        string // output folder, relative to OutDir
	Items      int
	Sections   int
	Checklists int
	Quarter    string
	Outputs    []string // files written, relative to OutDir
	// Diagnostics are every finding about the roadmap: the document's and
	// those of resolving its recipients. diagnostics.txt lists exactly
	// these, and Warnings and Errors count them, so the summary's counts
	// and the file always agree.
	Diagnostics plan.Diagnostics
	Err         error
	Elapsed     time.Duration
}

// State is how far a roadmap got.
type State int

const (
	// Done: every output written, the document has no errors.
	Done State = iota
	// WithErrors: every output written, but the document has errors
	// (a roadmap without activities, no-items): a failure of the run.
	WithErrors
	// Failed: the file could not be read or its outputs written (Err).
	Failed
	// NotProcessed: the run was interrupted before the file was built.
	NotProcessed
)

// State says how far the roadmap got.
func (r Result) State() State {
	switch {
	case errors.Is(r.Err, context.Canceled):
		return NotProcessed
	case r.Err != nil:
		return Failed
	case r.Errors() > 0:
		return WithErrors
	}
	return Done
}

// Warnings counts the warnings among the diagnostics.
func (r Result) Warnings() int { return r.Diagnostics.Count(plan.Warning) }

// Errors counts the errors among the diagnostics.
func (r Result) Errors() int { return r.Diagnostics.Count(plan.Error) }

// NotProcessed reports a roadmap the interruption left unbuilt (for the
// index page).
func (r Result) NotProcessed() bool { return r.State() == NotProcessed }

// Failed reports whether the file could not be built.
func (r *Result) Failed() bool { return r.Err != nil }

// errInterrupted is the error of a roadmap left unbuilt by an
// interruption: "прервано", context.Canceled beneath.
func errInterrupted(name string) error {
	return fmt.Errorf("%s: %w", name, interruptedError{})
}

type interruptedError struct{}

func (interruptedError) Error() string { return "прервано" }
func (interruptedError) Unwrap() error { return context.Canceled }

// job carries one input between the phases.
type job struct {
	name string
	plan *plan.Plan
	res  Result
}

// Run builds every input. It returns the per-file results in input order
// and an error only when the run itself could not proceed (the output
// folder cannot be made, the store cannot be opened) or was interrupted
// (ctx.Err()). Per-file failures are in the results.
func Run(ctx context.Context, inputs []produce.Input, opts Options) ([]Result, error) {
	if opts.OutDir == "" {
		opts.OutDir = "out"
	}
	if opts.Labels == nil {
		opts.Labels = templates.Default()
	}
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	if err := os.MkdirAll(opts.OutDir, 0o755); err != nil {
		return nil, syserr.Error(fmt.Errorf("папка результатов %s: %w", opts.OutDir, err))
	}
	if err := produce.MarkOutputs(opts.OutDir); err != nil {
		return nil, err
	}
	dbPath := opts.DB
	if dbPath == "" {
		dbPath = filepath.Join(opts.OutDir, "roadmap.db")
	}
	st, err := produce.OpenStore(dbPath)
	if err != nil {
		return nil, syserr.Error(fmt.Errorf("хранилище статусов %s: %w", dbPath, err))
	}
	defer st.Close()

	// Phase 1: read and normalize everything (cheap), so that output
	// folders can be named deterministically before anything is written.
	start := time.Now()
	opened := produce.OpenAll(ctx, inputs, opts.Jobs, nil)
	perFile := time.Since(start) / time.Duration(max(len(inputs), 1))
	jobs := make([]*job, len(opened))
	names := newNamer()
	for i, o := range opened {
		j := &job{name: o.Input.Name, plan: o.Plan, res: Result{Input: o.Input.Name, Err: syserr.Error(o.Err), Elapsed: perFile}}
		if errors.Is(o.Err, context.Canceled) {
			j.res.Err = errInterrupted(j.name)
		}
		if p := o.Plan; p != nil {
			j.res.Title, j.res.Items, j.res.Sections = p.Title, len(p.Items), len(p.Sections)
			j.res.Diagnostics = p.Diagnostics
			j.res.Dir = names.dir(p, j.name)
		}
		jobs[i] = j
	}
	// Phase 2: render. SQLite has one writer at a time and its busy
	// handler sleeps and retries, which on two cores cost more wall time
	// than the whole build; a mutex just queues the workers' store calls.
	var storeMu, eventMu sync.Mutex
	produce.Parallel(ctx, len(jobs), opts.Jobs, func(i int) {
		j := jobs[i]
		start := time.Now()
		if j.res.Err == nil {
			j.render(ctx, st, &storeMu, opts)
		}
		j.res.Elapsed += time.Since(start)
		if opts.Event != nil {
			eventMu.Lock()
			opts.Event(j.res)
			eventMu.Unlock()
		}
	}, func(i int) {
		if jobs[i].res.Err == nil {
			jobs[i].res.Err = errInterrupted(jobs[i].name)
		}
	})
	results := make([]Result, len(jobs))
	for i, j := range jobs {
		results[i] = j.res
	}
	if err := writeSummary(opts.OutDir, results, opts); err != nil {
		return results, err
	}
	return results, ctx.Err()
}

// render writes every output of one plan through the core. A failing
// stage stops this file (its later outputs would be inconsistent) but not
// the run.
func (j *job) render(ctx context.Context, st produce.Issuer, storeMu *sync.Mutex, opts Options) {
	p := j.plan
	dir := filepath.Join(opts.OutDir, j.res.Dir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		j.res.Err = syserr.Error(err)
		return
	}
	if err := produce.MarkOutputs(dir); err != nil {
		j.res.Err = err
		return
	}
	q := produce.Quarter(p, opts.Quarter, opts.Now)
	j.res.Quarter = q.String()
	// Recipients first: their diagnostics belong in diagnostics.txt.
	recips, diags := produce.Recipients(p, opts.Directory)
	j.res.Diagnostics = append(j.res.Diagnostics, diags...)
	storeMu.Lock()
	err := produce.Register(ctx, st, p)
	var checklists, tracker produce.Issue
	if err == nil {
		checklists, err = produce.IssueTo(ctx, st, p, produce.KindChecklist, q, recips)
	}
	if err == nil {
		tracker, err = produce.IssueTo(ctx, st, p, produce.KindTracker, q, nil)
	}
	var prog *plan.Progress
	if err == nil {
		prog, err = produce.Progress(ctx, st, p, q.String(), false)
	}
	storeMu.Unlock()
	if err != nil {
		j.res.Err = j.fail(ctx, "хранилище", err)
		return
	}
	if prog != nil && len(prog.Answers) == 0 {
		prog = nil // nothing collected yet: the report is the plan for the quarter
	}
	set := produce.Settings{Labels: opts.Labels, Now: opts.Now, Version: opts.Version}
	steps := []struct {
		name  string
		write func(w io.Writer) error
	}{
		{"plan.json", func(w io.Writer) error { return produce.PlanJSON(ctx, w, p) }},
		{"diagnostics.txt", func(w io.Writer) error { return produce.WriteDiagnosticsFile(w, j.name, j.res.Diagnostics) }},
		{"tracker.xlsx", func(w io.Writer) error {
			return produce.Tracker(ctx, w, p, produce.TrackerOptions{Settings: set, Progress: prog, Issue: tracker})
		}},
		{"report.pdf", func(w io.Writer) error {
			return produce.Report(ctx, w, p, produce.ReportOptions{Settings: set, Quarter: q, Progress: prog})
		}},
		{"matrix.xlsx", func(w io.Writer) error {
			return produce.Matrices(ctx, w, p, produce.MatrixOptions{Settings: set, Format: "xlsx", Progress: prog})
		}},
		{"matrix.pdf", func(w io.Writer) error {
			return produce.Matrices(ctx, w, p, produce.MatrixOptions{Settings: set, Format: "pdf", Progress: prog})
		}},
	}
	for _, s := range steps {
		if ctx.Err() != nil {
			j.res.Err = errInterrupted(j.name)
			return
		}
		if err := atomicfile.Write(filepath.Join(dir, s.name), s.write); err != nil {
			j.res.Err = j.fail(ctx, s.name, err)
			return
		}
		j.res.Outputs = append(j.res.Outputs, filepath.ToSlash(filepath.Join(j.res.Dir, s.name)))
	}
	files, err := produce.WriteChecklists(ctx, filepath.Join(dir, "checklists"), p, recips,
		produce.ChecklistOptions{Settings: set, Jobs: 1, Issue: checklists})
	if err != nil {
		j.res.Err = j.fail(ctx, "чек-листы", err)
		return
	}
	j.res.Checklists = len(files)
	j.res.Outputs = append(j.res.Outputs, filepath.ToSlash(filepath.Join(j.res.Dir, "checklists")+"/"))
}

// fail is the error of a failed stage: an interruption is said as one
// (the roadmap is "не обработано"), anything else names the stage, in
// Russian.
func (j *job) fail(ctx context.Context, stage string, err error) error {
	if ctx.Err() != nil || errors.Is(err, context.Canceled) {
		return errInterrupted(j.name)
	}
	return syserr.Error(fmt.Errorf("%s: %s: %w", j.name, stage, err))
}
