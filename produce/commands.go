package produce

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/roadmap-tool/roadmap/collect"
	"github.com/roadmap-tool/roadmap/internal/firstgc"
	"github.com/roadmap-tool/roadmap/internal/hugeheap"
	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// The commands of the tool, each the whole of `roadmap NAME` after its
// flags are read into a Request: the checks of what it was given, in
// the order the user reads them, the operation, and what it tells.

// Tracker is `roadmap tracker`: the department's Excel tracker of the
// plan (the version in force, with the answers of --db) into -o, issued
// for --quarter or the current quarter. With --db its manifest is signed
// and the issue recorded, so that the filled tracker is collected as the
// department's.
func (r Request) Tracker(ctx context.Context, password string) error {
	if _, err := r.outputFile("xlsx"); err != nil {
		return err
	}
	d, prog, err := r.answered(ctx, func(d doc) *plan.Quarter { return d.requested })
	if err != nil {
		return err
	}
	o := TrackerOptions{Settings: d.set, Password: password, Progress: prog}
	if o.Issue, err = IssueInFile(ctx, r.DB, d.p, KindTracker, Quarter(d.p, d.requested, d.set.Now), nil); err != nil {
		return err
	}
	return r.write(func(w io.Writer) error { return Tracker(ctx, w, d.p, o) })
}

// Report is `roadmap report`: the quarterly PDF report of the version in
// force in the quarter (Quarter), with the answers up to its end.
func (r Request) Report(ctx context.Context) error {
	if _, err := r.outputFile("pdf"); err != nil {
		return err
	}
	PrepareReport() // the PDF's fonts while the plan is read
	var q plan.Quarter
	d, prog, err := r.answered(ctx, func(d doc) *plan.Quarter { q = Quarter(d.p, d.requested, d.set.Now); return &q })
	if err != nil {
		return err
	}
	o := ReportOptions{Settings: d.set, Quarter: q, Progress: prog}
	return r.write(func(w io.Writer) error { return Report(ctx, w, d.p, o) })
}

// Matrices is `roadmap matrix`: the summary matrices in the format of
// --format or of -o's extension (which must agree), Excel by default.
func (r Request) Matrices(ctx context.Context) error {
	format, err := r.outputFile("xlsx", "pdf")
	if err != nil {
		return err
	}
	if f := r.Format; f != "" {
		if matrixWriters[f] == nil {
			return r.usagef("--format %q: ожидается xlsx или pdf", f)
		}
		if format != "" && format != f {
			return r.usagef("--format %s, а выходной файл %s: укажите одно и то же", f, r.Output)
		}
		format = f
	}
	if format == "" {
		format = "xlsx"
	}
	d, prog, err := r.answered(ctx, func(d doc) *plan.Quarter { return d.requested })
	if err != nil {
		return err
	}
	o := MatrixOptions{Settings: d.set, Format: format, Progress: prog}
	return r.write(func(w io.Writer) error { return Matrices(ctx, w, d.p, o) })
}

// Status is `roadmap status`: the state of the plan in the quarter
// (Quarter: the calendar one by default) on Stdout in --format, from the
// answers in --db (school answers preferred unless preferTracker).
func (r Request) Status(ctx context.Context, preferTracker bool) error {
	if !IsStatusFormat(r.Format) {
		return r.usagef("неизвестный формат %q: ожидается table, json или csv", r.Format)
	}
	d, err := r.open(ctx)
	if err != nil {
		return err
	}
	q := Quarter(d.p, d.requested, time.Now())
	if err := r.inForce(ctx, &d, &q); err != nil {
		return err
	}
	prog, err := r.progress(ctx, d, &q, preferTracker)
	if err != nil {
		return fmt.Errorf("%w (сначала соберите ответы: roadmap collect --db %s ...)", err, plan.DisplayName(r.DB))
	}
	return Status(ctx, r.Stdout, d.p, prog, q, StatusOptions{Settings: d.set, Format: r.Format})
}

// History is `roadmap history`: the chain of versions of the plan in
// --db, as a table or JSON (--format).
func (r Request) History(ctx context.Context) error {
	if r.Format != "table" && r.Format != "json" {
		return r.usagef("неизвестный формат %q: ожидается table или json", r.Format)
	}
	d, err := r.open(ctx)
	if err != nil {
		return err
	}
	st, err := OpenExistingStore(r.DB)
	if err != nil {
		return err
	}
	defer st.Close()
	h, err := VersionHistory(ctx, st, d.p)
	if err != nil {
		return err
	}
	if r.Format == "json" {
		enc := json.NewEncoder(r.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(h)
	}
	return WriteHistory(r.Stdout, h, &d.set.Labels.Changes)
}

// Checklists is `roadmap checklists`: the schools' checklists into the
// folder -o (ChecklistsInFile), their list, and the quarter their
// answers are collected for. A checklist of the folder's previous set
// that the new one has not is removed (told on Stdout) or kept (told to
// Warn).
func (r Request) Checklists(ctx context.Context, password string) error {
	if err := r.OutputDir(); err != nil {
		return err
	}
	d, err := r.open(ctx)
	if err != nil {
		return err
	}
	dir, err := r.Directory()
	if err != nil {
		return err
	}
	files, q, err := ChecklistsInFile(ctx, r.DB, r.Output, d.p, dir, d.requested,
		ChecklistOptions{Settings: d.set, Password: password, Jobs: r.Jobs, Warn: r.warn,
			Diagnostics: func(ds plan.Diagnostics) { WriteDiagnostics(r.Stderr, ds) },
			Stale: func(file string, removed bool, why string) {
				if removed {
					fmt.Fprintf(r.Stdout, "Удален устаревший чек-лист %s: %s\n", file, why)
				} else {
					r.warn(fmt.Sprintf("%s оставлен, хотя его нет в новом списке: %s", file, why))
				}
			}})
	if err != nil {
		return err
	}
	if err := WriteChecklistList(r.Stdout, r.Output, files, d.set.Labels); err != nil {
		return err
	}
	how := "текущий в пределах периода плана"
	if d.requested != nil {
		how = "--quarter"
	}
	_, err = fmt.Fprintf(r.Stdout, "Ответы собираются за %s (%s); квартал записан в каждый файл.\n", q.Label(), how)
	return err
}

// warn tells Warn msg, when it is set.
func (r Request) warn(msg string) {
	if r.Warn != nil {
		r.Warn(msg)
	}
}

// diffFormats maps the extensions of -o to formats of Changes.
var diffFormats = map[string]string{".xlsx": "xlsx", ".pdf": "pdf", ".json": "json", ".txt": "text"}

// Diff is `roadmap diff`: what changed between two versions of a plan,
// as text or JSON on Stdout, or as the change sheet in a file (-o, its
// format by the extension) or a stream (--format). It reports whether
// the versions differ.
func (r Request) Diff(ctx context.Context) (differs bool, err error) {
	format, out := r.Format, r.Output
	if err := r.emptyOutput(); err != nil {
		return false, err
	}
	// A stream or a device (-o -, /dev/stdout, a named pipe) says nothing
	// of the format: --format does, as for matrix; it used to be refused
	// for want of an extension.
	stream := out == "" || out == StdinArg
	if !stream {
		if stream, err = WritesThrough(out); err != nil {
			return false, err
		}
	}
	if !stream {
		f, ok := diffFormats[strings.ToLower(filepath.Ext(out))]
		if !ok {
			return false, r.usagef("выходной файл %q: ожидается расширение .xlsx, .pdf, .json или .txt", out)
		}
		if format != "" && format != f {
			return false, r.usagef("--format %s не согласуется с файлом %s", format, out)
		}
		format = f
	}
	if format == "" {
		format = "text"
	}
	if format != "text" && format != "json" && (out == "" || stream && !slices.Contains([]string{"xlsx", "pdf"}, format)) {
		return false, r.usagef("неизвестный формат %q: на экран — text или json; лист изменений — в файл: -o FILE.xlsx или -o FILE.pdf (в поток или на устройство: --format xlsx или pdf)", format)
	}
	set, err := r.Settings()
	if err != nil {
		return false, err
	}
	old, nw, err := r.openPair(ctx)
	if err != nil {
		return false, err
	}
	d, err := Compare(ctx, old, nw)
	if err != nil {
		return false, err
	}
	if out == "" {
		out = StdinArg // standard output
	}
	o := ChangesOptions{Settings: set, Format: format}
	err = WriteFileTo(out, r.Stdout, func(w io.Writer) error { return Changes(ctx, w, d, o) })
	return err == nil && d.Differs(), err
}

// emptyOutput refuses -o "" of a command that writes to Stdout without
// -o (an empty name is no file), and an -o that is an input.
func (r Request) emptyOutput() error {
	if r.Output == "" && r.OutputGiven {
		return r.usagef("-o: пустое имя файла; без -o (или с -o -) результат идет в стандартный вывод")
	}
	return r.notAnInput()
}

// Amend is `roadmap amend`: the new version registered in --db as the
// successor of the old from the quarter (--quarter or the current one),
// and what that changes.
func (r Request) Amend(ctx context.Context) error {
	q, err := r.Requested()
	if err != nil {
		return err
	}
	set, err := r.Settings()
	if err != nil {
		return err
	}
	old, nw, err := r.openPair(ctx)
	if err != nil {
		return err
	}
	st, err := OpenExistingStore(r.DB)
	if err != nil {
		return err
	}
	defer st.Close()
	a, err := Amend(ctx, st, old, nw, AmendOptions{Quarter: q})
	if err != nil {
		return err
	}
	return WriteAmendment(r.Stdout, a, &set.Labels.Changes)
}

// Export is `roadmap export`: everything --db holds into -o (JSON lines).
func (r Request) Export(ctx context.Context) error {
	if err := r.NoArgs(); err != nil {
		return err
	}
	if _, err := r.outputFile("jsonl"); err != nil {
		return err
	}
	return r.write(func(w io.Writer) error { return ExportStore(ctx, r.DB, w) })
}

// Import is `roadmap import`: an export or a store loaded into --db, as
// the municipality named when the store is a region's.
func (r Request) Import(ctx context.Context, municipality string) error {
	if len(r.Args) != 1 {
		return r.usagef("ожидается один источник (файл выгрузки или база), указано %d; пример: %s", len(r.Args), r.Example)
	}
	o := ImportOptions{Municipality: municipality}
	res, err := ImportStore(ctx, r.Args[0], r.DB, o)
	if err != nil {
		return fmt.Errorf("%s: %w", r.Command, err)
	}
	_, err = fmt.Fprintln(r.Stdout, ImportSummary(res, o))
	return err
}

// Collect is `roadmap collect`: the workbooks at the arguments (files
// and folders) collected into --db, the plans of --plan registered
// first, the answers of schools preferred over the tracker's unless
// prefer is "tracker", a quarter's earlier answers replaced with
// replace; the summary (every file with verbose) on Stdout. Files
// refused make the error.
func (r Request) Collect(ctx context.Context, plans []string, prefer string, replace, verbose bool) error {
	if len(r.Args) == 0 {
		return r.usagef("не указаны файлы или папки; пример: %s", r.Example)
	}
	if prefer != "schools" && prefer != "tracker" {
		return r.usagef("--prefer %q: ожидается schools или tracker", prefer)
	}
	if slices.Contains(plans, "") {
		return r.usagef("--plan: пустое имя файла; ожидается план JSON или экспорт дорожной карты, например --plan plan.json")
	}
	_, set, dir, err := r.Prepare()
	if err != nil {
		return err
	}
	ps, err := r.Reader().OpenFiles(ctx, plans)
	if err != nil {
		return err
	}
	rep, err := CollectInFile(ctx, r.DB, r.Args, ps, dir, CollectOptions{Quarter: r.Quarter,
		Replace: replace, PreferTracker: prefer == "tracker", Now: time.Now(), MaxBytes: r.Limits.MaxBytes,
		Starting: func(files int) { hugeheap.Reserve(int64(files) * typicalFile) }})
	if err != nil {
		return err
	}
	if err := rep.WriteText(r.Stdout, verbose, &set.Labels.Collect); err != nil {
		return err
	}
	if n := rep.Count(collect.Refused); n > 0 {
		return fmt.Errorf("collect: не принято файлов: %d из %d (причины выше)", n, len(rep.Files))
	}
	return nil
}

// Lint is `roadmap lint`: every input's diagnostics (with explain, how
// its table was read) on Stdout, the inputs not read on Stderr, and a
// summary. An error when an input was not read or has errors; the
// result for the verdict on warnings.
func (r Request) Lint(ctx context.Context, explain bool) (*LintResult, error) {
	if len(r.Args) == 0 {
		return nil, r.usagef("не указан входной файл; пример: %s", r.Example)
	}
	inputs, err := r.Reader().Inputs(r.Args)
	if err != nil {
		return nil, err
	}
	res := Lint(ctx, inputs, r.Jobs)
	if err := res.WriteText(r.Stdout, r.Stderr, explain); err != nil {
		return res, err
	}
	switch {
	case ctx.Err() != nil:
		return res, fmt.Errorf("lint: %w", ctx.Err())
	case res.Unreadable > 0 || res.Counts[plan.Error] > 0:
		return res, errors.New("lint: найдены ошибки")
	}
	return res, nil
}

// Ingest is `roadmap ingest`: one input's plan (--format: the plan JSON
// or its outline) to -o or Stdout, its diagnostics on Stderr; several
// inputs, or a folder, into the folder -o (ingestAll). A plan with
// errors is written and makes the error.
func (r Request) Ingest(ctx context.Context) error {
	if len(r.Args) == 0 {
		return r.usagef("не указан входной файл; пример: %s", r.Example)
	}
	format, ok := PlanFormats[r.Format]
	if !ok {
		return r.usagef("неизвестный формат %q: ожидается json или text", r.Format)
	}
	input := r.Args[0]
	st, err := os.Stat(input)
	if len(r.Args) > 1 || err == nil && st.IsDir() {
		return r.ingestAll(ctx, format)
	}
	if err := r.emptyOutput(); err != nil {
		return err // before the input is read and its notes shown
	}
	size := int64(-1) // unknown: withPlan looks
	if err == nil {
		size = 0 // a pipe or a device: never mapped
		if st.Mode().IsRegular() {
			size = st.Size()
		}
	}
	if size > 0 {
		// One file's import keeps nearly all it allocates until the
		// plan is written and the command ends: no collection while it
		// allocates up to 16 times the file (the 5,000-row export's 3.2 MB
		// allocate 11 MB), 32 MB at least and 512 MB at most (the export
		// of --max-size raised far above the default 32 MB is collected).
		defer firstgc.Hold(min(max(16*size, 32<<20), 512<<20))()
	}
	return r.Reader().withPlan(ctx, input, size, func(p *plan.Plan, unchanged func() error) error {
		if err := Diagnostics(ctx, r.Stderr, p); err != nil {
			return err
		}
		out := r.Output
		if out == "" {
			out = StdinArg // standard output
		}
		err := writePlan(ctx, out, r.Stdout, format, p, unchanged)
		if err == nil && p.Diagnostics.HasErrors() {
			// The plan is written, but exit 0 means "warnings at most".
			return fmt.Errorf("ingest: %s: в документе есть ошибки (%d), план записан; см. замечания выше",
				InputName(input), p.Diagnostics.Count(plan.Error))
		}
		return err
	})
}

// writePlan writes p in format to out ("-" = stdout; see WriteFileTo).
// The plan may refer to a mapped file (withPlan): a fault on it (the
// file truncated meanwhile) panics; caught inside the write, it aborts
// the output (no temporary file is left) and is passed on to the
// mapping's owner, inputfile.Mapped, which makes it an error. A file
// changed without a fault (rewritten: the same pages, other bytes) is
// found by unchanged once the plan is written, before the output is
// committed.
func writePlan(ctx context.Context, out string, stdout io.Writer, format PlanFormat, p *plan.Plan, unchanged func() error) error {
	var fault any
	err := WriteFileTo(out, stdout, func(w io.Writer) (err error) {
		defer func() {
			if fault = recover(); fault != nil {
				err = errFault
			}
		}()
		if err := format.Write(ctx, w, p); err != nil {
			return err
		}
		return unchanged()
	})
	if fault != nil {
		panic(fault)
	}
	return err
}

// errFault stands for a panic inside a write while the write unwinds.
var errFault = errors.New("fault while writing")

// ingestAll is ingest of several inputs (files or folders) into the
// folder -o: the diagnostics of each input in order, a line for each
// input not read, then a summary.
func (r Request) ingestAll(ctx context.Context, format PlanFormat) error {
	dir := r.Output
	if dir == "" || dir == StdinArg {
		return r.usagef("для нескольких входов укажите папку: roadmap ingest -o планы/ %s", strings.Join(r.Args, " "))
	}
	if err := r.ingestFolder(); err != nil {
		return err
	}
	// An -o folder below an input folder is passed over by the walk, so
	// that a second run does not read the plans of the first.
	rd := r.Reader()
	rd.Outputs = []string{dir}
	inputs, err := rd.Inputs(r.Args) // one that cannot be read fails alone
	if err != nil {
		return err
	}
	hugeheap.Reserve(int64(len(inputs)) * typicalFile)
	done, err := rd.IngestAll(ctx, inputs, dir, format.Ext, r.Jobs, format.Write)
	if err != nil {
		return err
	}
	return WriteIngested(ctx, r.Stdout, r.Stderr, done, dir)
}

// typicalFile is what a batch's reserve of heap (hugeheap.Reserve)
// counts for each of its files, which it does not stat: a roadmap export
// or a filled checklist is 30-60 KB.
const typicalFile = 64 << 10

// ingestFolder checks the -o of several inputs: a folder (or a name to
// create one), never an existing file or device, and not one of the
// input folders themselves, where the next run would read the plans
// written as inputs (ingest -o in in, twice, gave in/a_2.json).
func (r Request) ingestFolder() error {
	dir := r.Output
	st, err := os.Stat(dir)
	if err != nil {
		if lst, lerr := os.Lstat(dir); lerr == nil && lst.Mode()&os.ModeSymlink != 0 {
			// A link to nothing: mkdir said "файл уже существует".
			return fmt.Errorf("%s: символическая ссылка указывает на несуществующую папку; укажите саму папку", dir)
		}
		return nil // created when written
	}
	if !st.IsDir() {
		return r.usagef("-o %s: для нескольких входов ожидается папка, а это файл", dir)
	}
	for _, a := range r.Args {
		if in, err := os.Stat(a); err == nil && os.SameFile(in, st) {
			return r.usagef("-o %s: это входная папка, и планы из нее были бы прочитаны как входы при следующем запуске; укажите другую папку (например, -o %s)",
				dir, filepath.Join(dir, "планы"))
		}
	}
	return nil
}
