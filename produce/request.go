package produce

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/roadmap-tool/roadmap/internal/usage"
	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/orgdir"
	"github.com/roadmap-tool/roadmap/templates"
)

// Request is one command as its user gave it, for the core to check and
// carry out (its methods named after the commands: Tracker, Report, ...).
// The command line fills it from its flags, a field a flag, and does
// nothing else. What the user got wrong is a *usage.Error that starts
// with the command's name and names the flag or argument as typed
// (--quarter, -o); what the command makes goes to Output or Stdout, what
// it tells along the way to Warn and Stderr.
type Request struct {
	Command string   // "tracker": the head of its messages
	Example string   // a command line shown when an argument or -o is missing
	Args    []string // the inputs; "-" is Stdin
	// Output is -o: a file ("-" = Stdout) or, for the commands that write
	// several files, a folder; "" when not given. OutputGiven tells -o ""
	// (no name) from no -o where that means standard output.
	Output      string
	OutputGiven bool
	Format      string // --format
	Quarter     string // --quarter ("2022Q1"); "" = the command's default
	DB          string // --db: the status store; "" = none
	Templates   string // --templates: a folder of templates; "" = the embedded ones
	Orgs        string // --orgs: the directory of organisations; "" = none
	Jobs        int    // --jobs; 0 = one per CPU
	Limits      Limits // --max-size, --max-cells
	Version     string // the tool's, stamped into workbooks
	Stdin       io.Reader
	Stdout      io.Writer
	Stderr      io.Writer // diagnostics and the reasons of inputs not read
	// Warn, when set, is told what the user should know and is no error:
	// the documents follow another version of the plan, in force in the
	// quarter; a store holds no answers to the plan.
	Warn func(string)
}

// usagef is a usage error of the request's command.
func (r Request) usagef(format string, args ...any) error {
	return usage.Errorf("%s: %s", r.Command, fmt.Sprintf(format, args...))
}

// NoArgs refuses arguments to a command that takes none.
func (r Request) NoArgs() error {
	if len(r.Args) > 0 {
		return r.usagef("лишние аргументы %q; пример: %s", r.Args, r.Example)
	}
	return nil
}

// Reader reads the request's roadmaps within its limits, "-" being Stdin.
func (r Request) Reader() Reader { return Reader{Limits: r.Limits, Stdin: r.Stdin} }

// Requested is --quarter: nil when not given.
func (r Request) Requested() (*plan.Quarter, error) {
	if r.Quarter == "" {
		return nil, nil
	}
	q, err := plan.ParseQuarter(r.Quarter)
	if err != nil {
		return nil, r.usagef("--quarter: %v", err)
	}
	return &q, nil
}

// Settings are what every document of the run shares: the words of
// --templates (a folder that does not exist is a usage error, a template
// that does not read a failure), the time stamped into it (OutputTime)
// and the version.
func (r Request) Settings() (Settings, error) {
	if r.Templates != "" {
		if st, err := os.Stat(r.Templates); err != nil || !st.IsDir() {
			return Settings{}, r.usagef("--templates %s: папка не найдена; ожидается папка с файлами шаблонов (*.yaml)", r.Templates)
		}
	}
	lab, err := templates.Load(r.Templates)
	return Settings{Labels: lab, Now: OutputTime(), Version: r.Version}, err
}

// Directory reads --orgs (nil when not given), within --max-size.
func (r Request) Directory() (*orgdir.Directory, error) {
	if r.Orgs == "" {
		return nil, nil
	}
	return orgdir.LoadMax(r.Orgs, r.Limits.Above(orgdir.MaxFileBytes))
}

// Prepare reads, in this order, what a command over many plans needs
// before it starts: --quarter (nil when not given), the settings with
// --templates, and the directory of --orgs.
func (r Request) Prepare() (q *plan.Quarter, set Settings, dir *orgdir.Directory, err error) {
	if q, err = r.Requested(); err != nil {
		return
	}
	if set, err = r.Settings(); err != nil {
		return
	}
	dir, err = r.Directory()
	return
}

// notAnInput refuses an -o that is one of the command's inputs (an
// argument, --db, --orgs), under its own name, another or a link: `ingest
// plan.txt -o plan.txt` replaced the roadmap with its plan JSON, and
// `diff -o new.json old.json new.json` a version with the changes.
func (r Request) notAnInput() error {
	if r.Output == "" || r.Output == StdinArg {
		return nil
	}
	out, err := os.Stat(r.Output)
	if err != nil || !out.Mode().IsRegular() {
		return nil // a new file, a folder, a device: never an input
	}
	for _, in := range append([]string{r.DB, r.Orgs}, r.Args...) {
		if in == "" || in == StdinArg {
			continue
		}
		if st, err := os.Stat(in); err == nil && os.SameFile(st, out) {
			return r.usagef("-o %s — это входной файл %s: он был бы перезаписан результатом; укажите другой выходной файл", r.Output, in)
		}
	}
	return nil
}

// outputFile checks -o of a command writing one file of a known kind: a
// regular file needs one of exts; "-" (Stdout), a device or a FIFO is
// written through whatever its name. It returns the extension without
// the dot ("" for a path written through).
func (r Request) outputFile(exts ...string) (ext string, err error) {
	if r.Output == "" {
		return "", r.usagef("не указан выходной файл; пример: %s", r.Example)
	}
	if err := r.notAnInput(); err != nil {
		return "", err
	}
	through, err := WritesThrough(r.Output)
	if err != nil {
		return "", err
	}
	ext = strings.TrimPrefix(strings.ToLower(filepath.Ext(r.Output)), ".")
	switch {
	case slices.Contains(exts, ext):
		return ext, nil
	case through:
		return "", nil
	}
	return "", r.usagef("выходной файл %q: ожидается расширение .%s (или «-» для стандартного вывода)", r.Output, strings.Join(exts, " или ."))
}

// OutputDir checks -o of a command writing a folder of files: "-", a
// device, a FIFO or a regular file is a usage error, since a folder of
// files cannot go there; a folder that does not exist is made when
// written.
func (r Request) OutputDir() error {
	switch dir := r.Output; {
	case dir == "":
		return r.usagef("не указана папка; пример: %s", r.Example)
	case dir == StdinArg:
		return r.usagef("-o -: результаты — папка файлов, в стандартный вывод они не пишутся; пример: %s", r.Example)
	default:
		if st, err := os.Stat(dir); err == nil && !st.IsDir() {
			return r.usagef("-o %s: это файл или устройство, а ожидается папка результатов", dir)
		}
	}
	return nil
}

// write writes an output to -o ("-" = Stdout) through WriteFileTo.
func (r Request) write(write func(io.Writer) error) error {
	return WriteFileTo(r.Output, r.Stdout, write)
}

// doc is what a command making a document of one plan has read.
type doc struct {
	p         *plan.Plan
	requested *plan.Quarter // --quarter; nil when not given
	set       Settings
}

// open reads what a command writing a document of one plan needs: its
// input (exactly one; "-" is Stdin), --quarter, the settings with
// --templates, and the plan, which must have an activity (NoItems).
func (r Request) open(ctx context.Context) (doc, error) {
	if len(r.Args) != 1 {
		return doc{}, r.usagef("ожидается один входной файл (план JSON или экспорт дорожной карты), указано %d", len(r.Args))
	}
	var d doc
	var err error
	if d.requested, err = r.Requested(); err != nil {
		return d, err
	}
	if d.set, err = r.Settings(); err != nil {
		return d, err
	}
	if d.p, err = r.Reader().OpenFile(ctx, r.Args[0]); err == nil {
		err = NoItems(d.p)
	}
	return d, err
}

// openPair reads the two versions of a plan a command compares, old and
// new (exactly two inputs, at most one of them "-").
func (r Request) openPair(ctx context.Context) (old, nw *plan.Plan, err error) {
	if len(r.Args) != 2 {
		return nil, nil, r.usagef("ожидаются две редакции плана, прежняя и новая (экспорт, документ Word/ODF или план JSON), указано %d", len(r.Args))
	}
	if r.Args[0] == StdinArg && r.Args[1] == StdinArg {
		return nil, nil, r.usagef("«-» (стандартный ввод) указан дважды: стандартным вводом может быть одна редакция")
	}
	plans := make([]*plan.Plan, 2)
	for i, in := range r.Args {
		if plans[i], err = r.Reader().OpenFile(ctx, in); err == nil {
			err = NoItems(plans[i])
		}
		if err != nil {
			return nil, nil, err
		}
	}
	return plans[0], plans[1], nil
}

// answered is open, then the version of the plan in force in the
// quarter of the document (inForce) and its answers up to that quarter's
// end (progress); quarter picks the quarter from what open read (nil =
// the newest version and all answers).
func (r Request) answered(ctx context.Context, quarter func(doc) *plan.Quarter) (doc, *plan.Progress, error) {
	d, err := r.open(ctx)
	if err != nil {
		return d, nil, err
	}
	q := quarter(d)
	if err := r.inForce(ctx, &d, q); err != nil {
		return d, nil, err
	}
	prog, err := r.progress(ctx, d, q, false)
	return d, prog, err
}

// inForce is the version of d's plan in force in q (nil = the newest)
// according to --db, Warn told when that is not the plan given: after an
// amendment, documents are built from the version in force.
func (r Request) inForce(ctx context.Context, d *doc, q *plan.Quarter) (err error) {
	d.p, err = InForceFromFile(ctx, r.DB, d.p, quarterString(q), r.Warn)
	return err
}

// progress reads the answers to d's plan up to q (nil = all) from --db
// (none without it); a store without answers to the plan is told to
// Warn.
func (r Request) progress(ctx context.Context, d doc, q *plan.Quarter, preferTracker bool) (*plan.Progress, error) {
	return ProgressFromFile(ctx, r.DB, d.p, quarterString(q), preferTracker, r.Warn)
}

// quarterString is a quarter as the store takes it: "" for none.
func quarterString(q *plan.Quarter) string {
	if q == nil {
		return ""
	}
	return q.String()
}
