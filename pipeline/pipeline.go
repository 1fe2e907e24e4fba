package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"github.com/roadmap-tool/roadmap/ingest"
	"github.com/roadmap-tool/roadmap/internal/atomicfile"
	"github.com/roadmap-tool/roadmap/normalize"
	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/orgdir"
	"github.com/roadmap-tool/roadmap/render/matrix"
	"github.com/roadmap-tool/roadmap/render/pdf"
	"github.com/roadmap-tool/roadmap/render/xlsx"
	"github.com/roadmap-tool/roadmap/store"
)

// Options configure a run. The zero value builds into "out" with one
// worker per CPU and no status store.
type Options struct {
	OutDir       string
	Quarter      *plan.Quarter // nil: the current quarter, clamped to each plan's period
	Directory    *orgdir.Directory
	DB           string // status store path; "" = OutDir/roadmap.db
	Jobs         int    // 0 = GOMAXPROCS
	TemplatesDir string
	Now          time.Time // zero = time.Now()
	Version      string
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
	in   Input
	plan *plan.Plan
	res  Result
}

// Run builds every input. It returns the per-file results in input order
// and an error only when the run itself could not proceed (the output
// folder cannot be made, the store cannot be opened) or was interrupted
// (ctx.Err()). Per-file failures are in the results.
func Run(ctx context.Context, inputs []Input, opts Options) ([]Result, error) {
	if opts.OutDir == "" {
		opts.OutDir = "out"
	}
	if opts.Jobs <= 0 {
		opts.Jobs = runtime.GOMAXPROCS(0)
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
	st, err := store.Open(dbPath)
	if err != nil {
		return nil, fmt.Errorf("хранилище статусов %s: %v", dbPath, err)
	}
	defer st.Close()

	jobs := make([]*job, len(inputs))
	for i, in := range inputs {
		jobs[i] = &job{in: in, res: Result{Input: in.Name}}
	}
	// Phase 1: read and normalize everything (cheap), so that output
	// folders can be named deterministically before anything is written.
	parallel(ctx, jobs, opts.Jobs, func(j *job) { j.load() })
	names := newNamer()
	for _, j := range jobs {
		if j.plan != nil {
			j.res.Dir = names.dir(j.plan, j.in.Name)
		}
	}
	// Phase 2: render.
	var mu sync.Mutex
	parallel(ctx, jobs, opts.Jobs, func(j *job) {
		start := time.Now()
		if j.res.Err == nil {
			j.render(ctx, st, opts)
		}
		j.res.Elapsed += time.Since(start)
		if opts.Event != nil {
			mu.Lock()
			opts.Event(j.res)
			mu.Unlock()
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

// parallel runs f over jobs with n workers, stopping early on ctx.
func parallel(ctx context.Context, jobs []*job, n int, f func(*job)) {
	ch := make(chan *job)
	var wg sync.WaitGroup
	for w := 0; w < n; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range ch {
				f(j)
			}
		}()
	}
feed:
	for _, j := range jobs {
		select {
		case <-ctx.Done():
			break feed
		case ch <- j:
		}
	}
	close(ch)
	wg.Wait()
}

// load reads and normalizes one input.
func (j *job) load() {
	start := time.Now()
	defer func() { j.res.Elapsed += time.Since(start) }()
	data, err := j.in.Read()
	if err != nil {
		j.res.Err = ingest.Named(j.in.Name, err)
		return
	}
	var p *plan.Plan
	if plan.LooksLikeJSON(data) {
		p, err = plan.DecodeNamed(j.in.Name, data)
	} else {
		var t *ingest.Table
		if t, err = ingest.Read(j.in.Name, data); err == nil {
			p, err = normalize.Build(t, normalize.Options{})
		}
	}
	if err != nil {
		j.res.Err = err
		return
	}
	j.plan = p
	j.res.Title = p.Title
	j.res.Items = len(p.Items)
	j.res.Sections = len(p.Sections)
	j.res.Warnings = p.Diagnostics.Count(plan.Warning)
	j.res.Errors = p.Diagnostics.Count(plan.Error)
	j.res.Diagnostics = p.Diagnostics
}

// QuarterFor picks the report quarter: the requested one, else the
// quarter of now clamped into the plan's period.
func QuarterFor(p *plan.Plan, requested *plan.Quarter, now time.Time) plan.Quarter {
	if requested != nil {
		return *requested
	}
	m := plan.MonthOf(now.Year(), int(now.Month()))
	if !p.Period.IsZero() {
		if m < p.Period.From {
			m = p.Period.From
		}
		if m > p.Period.To {
			m = p.Period.To
		}
	}
	return m.Quarter()
}

// render writes every output of one plan. A failing stage stops this
// file (its later outputs would be inconsistent) but not the run.
func (j *job) render(ctx context.Context, st *store.Store, opts Options) {
	p := j.plan
	dir := filepath.Join(opts.OutDir, j.res.Dir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		j.res.Err = err
		return
	}
	q := QuarterFor(p, opts.Quarter, opts.Now)
	j.res.Quarter = q.String()
	prog, err := j.syncStore(st, q)
	if err != nil {
		j.res.Err = fmt.Errorf("%s: хранилище: %v", j.in.Name, err)
		return
	}
	if prog != nil && len(prog.Answers) == 0 {
		prog = nil // nothing collected yet: the report is the plan for the quarter
	}
	set := matrix.Build(p, prog)
	steps := []struct {
		name  string
		write func(w io.Writer) error
	}{
		{"plan.json", func(w io.Writer) error { return plan.Write(w, p) }},
		{"diagnostics.txt", func(w io.Writer) error { return writeDiagnostics(w, p) }},
		{"tracker.xlsx", func(w io.Writer) error {
			return xlsx.WriteTracker(w, p, xlsx.TrackerOptions{Progress: prog, TemplatesDir: opts.TemplatesDir, Now: opts.Now, Version: opts.Version})
		}},
		{"report.pdf", func(w io.Writer) error {
			return pdf.WriteReport(w, p, pdf.ReportOptions{Quarter: q, Progress: prog, TemplatesDir: opts.TemplatesDir, Now: opts.Now})
		}},
		{"matrix.xlsx", func(w io.Writer) error { return xlsx.WriteMatrices(w, p, set) }},
		{"matrix.pdf", func(w io.Writer) error {
			return pdf.WriteMatrices(w, p, set, pdf.MatrixOptions{TemplatesDir: opts.TemplatesDir, Now: opts.Now})
		}},
	}
	for _, s := range steps {
		if ctx.Err() != nil {
			j.res.Err = fmt.Errorf("%s: прервано", j.in.Name)
			return
		}
		if err := atomicfile.Write(filepath.Join(dir, s.name), s.write); err != nil {
			j.res.Err = fmt.Errorf("%s: %s: %v", j.in.Name, s.name, err)
			return
		}
		j.res.Outputs = append(j.res.Outputs, filepath.ToSlash(filepath.Join(j.res.Dir, s.name)))
	}
	if ctx.Err() != nil {
		j.res.Err = fmt.Errorf("%s: прервано", j.in.Name)
		return
	}
	cls, diags, err := xlsx.WriteChecklists(filepath.Join(dir, "checklists"), p, xlsx.ChecklistOptions{
		Directory: opts.Directory, TemplatesDir: opts.TemplatesDir, Now: opts.Now, Version: opts.Version, Workers: 1,
	})
	if err != nil {
		j.res.Err = fmt.Errorf("%s: чек-листы: %v", j.in.Name, err)
		return
	}
	j.res.Diagnostics = append(j.res.Diagnostics, diags...)
	j.res.Warnings += diags.Count(plan.Warning)
	j.res.Errors += diags.Count(plan.Error)
	j.res.Checklists = len(cls)
	j.res.Outputs = append(j.res.Outputs, filepath.ToSlash(filepath.Join(j.res.Dir, "checklists")+"/"))
}

// storeMu serializes the workers' use of the status store. SQLite has one
// writer at a time and its busy handler sleeps and retries, which on two
// cores cost more wall time than the whole build; a Go mutex just queues.
var storeMu sync.Mutex

// syncStore registers the plan (so collected checklists can be matched to
// it later) and reads the latest answers for the quarter.
func (j *job) syncStore(st *store.Store, q plan.Quarter) (*plan.Progress, error) {
	storeMu.Lock()
	defer storeMu.Unlock()
	if err := st.SavePlan(j.plan); err != nil {
		return nil, err
	}
	return st.Latest(j.plan, q.String())
}

func writeDiagnostics(w io.Writer, p *plan.Plan) error {
	for _, d := range p.Diagnostics {
		if _, err := fmt.Fprintln(w, d.String()); err != nil {
			return err
		}
	}
	return nil
}

// ErrFailed is returned by callers that want one error for "some files
// failed"; Run itself reports failures per file.
var ErrFailed = errors.New("не все файлы обработаны")
