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
	Input       string
	Title       string
	Dir         string // output folder, relative to OutDir
	Items       int
	Sections    int
	Warnings    int
	Errors      int
	Checklists  int
	Quarter     string
	Outputs     []string // files written, relative to OutDir
	Diagnostics plan.Diagnostics
	Err         error
	Elapsed     time.Duration
}

// Failed reports whether the file could not be built.
func (r *Result) Failed() bool { return r.Err != nil }

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
		return nil, fmt.Errorf("папка результатов %s: %v", opts.OutDir, err)
	}
	dbPath := opts.DB
	if dbPath == "" {
		dbPath = filepath.Join(opts.OutDir, "roadmap.db")
	}
	st, err := produce.OpenStore(dbPath)
	if err != nil {
		return nil, fmt.Errorf("хранилище статусов %s: %v", dbPath, err)
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
		j := &job{name: o.Input.Name, plan: o.Plan, res: Result{Input: o.Input.Name, Err: o.Err, Elapsed: perFile}}
		if errors.Is(o.Err, context.Canceled) {
			j.res.Err = fmt.Errorf("%s: прервано", j.name)
		}
		if p := o.Plan; p != nil {
			j.res.Title, j.res.Items, j.res.Sections = p.Title, len(p.Items), len(p.Sections)
			j.res.Warnings, j.res.Errors = p.Diagnostics.Count(plan.Warning), p.Diagnostics.Count(plan.Error)
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
	}, nil)
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
func (j *job) render(ctx context.Context, st produce.Store, storeMu *sync.Mutex, opts Options) {
	p := j.plan
	dir := filepath.Join(opts.OutDir, j.res.Dir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		j.res.Err = err
		return
	}
	q := produce.Quarter(p, opts.Quarter, opts.Now)
	j.res.Quarter = q.String()
	storeMu.Lock()
	err := produce.Register(ctx, st, p)
	var prog *plan.Progress
	if err == nil {
		prog, err = produce.Progress(ctx, st, p, q.String(), false)
	}
	storeMu.Unlock()
	if err != nil {
		j.res.Err = fmt.Errorf("%s: хранилище: %v", j.name, err)
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
		{"diagnostics.txt", func(w io.Writer) error { return produce.Diagnostics(ctx, w, p) }},
		{"tracker.xlsx", func(w io.Writer) error {
			return produce.Tracker(ctx, w, p, produce.TrackerOptions{Settings: set, Progress: prog})
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
			j.res.Err = fmt.Errorf("%s: прервано", j.name)
			return
		}
		if err := atomicfile.Write(filepath.Join(dir, s.name), s.write); err != nil {
			j.res.Err = fmt.Errorf("%s: %s: %v", j.name, s.name, err)
			return
		}
		j.res.Outputs = append(j.res.Outputs, filepath.ToSlash(filepath.Join(j.res.Dir, s.name)))
	}
	recips, diags := produce.Recipients(p, opts.Directory)
	files, err := produce.WriteChecklists(ctx, filepath.Join(dir, "checklists"), p, recips,
		produce.ChecklistOptions{Settings: set, Jobs: 1})
	if ctx.Err() != nil {
		j.res.Err = fmt.Errorf("%s: прервано", j.name)
		return
	}
	if err != nil {
		j.res.Err = fmt.Errorf("%s: чек-листы: %v", j.name, err)
		return
	}
	j.res.Diagnostics = append(j.res.Diagnostics, diags...)
	j.res.Warnings += diags.Count(plan.Warning)
	j.res.Errors += diags.Count(plan.Error)
	j.res.Checklists = len(files)
	j.res.Outputs = append(j.res.Outputs, filepath.ToSlash(filepath.Join(j.res.Dir, "checklists")+"/"))
}
