package produce

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/roadmap-tool/roadmap/ingest"
	"github.com/roadmap-tool/roadmap/internal/findfiles"
	"github.com/roadmap-tool/roadmap/internal/hugeheap"
	"github.com/roadmap-tool/roadmap/internal/inputfile"
	"github.com/roadmap-tool/roadmap/internal/syserr"
	"github.com/roadmap-tool/roadmap/normalize"
	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/seeds"
)

// Input is one roadmap to read: a name for messages and a way to read it.
type Input struct {
	Name string // path as given, or "seeds/<file>" for embedded seeds
	Read func() ([]byte, error)
	// path and max are set for a file: a large plan JSON is decoded from
	// the file mapped (see open) instead of from Read's copy.
	path string
	max  int64
}

// inputExts are the file kinds a folder walk picks up.
var inputExts = map[string]bool{".txt": true, ".tsv": true, ".html": true, ".htm": true, ".docx": true, ".odt": true, ".json": true}

// Seeds returns the embedded sample roadmaps.
func Seeds() []Input {
	var out []Input
	for _, name := range seeds.Names() {
		out = append(out, Input{Name: "seeds/" + name, Read: func() ([]byte, error) { return fs.ReadFile(seeds.FS, name) }})
	}
	return out
}

// Inputs is Reader.Inputs with the default limits and no standard input.
func Inputs(paths []string) ([]Input, error) { return Reader{}.Inputs(paths) }

// Open is Reader.Open with the default limits.
func Open(ctx context.Context, name string, data []byte) (*plan.Plan, error) {
	return Reader{}.Open(ctx, name, data)
}

// OpenFile is Reader.OpenFile with the default limits.
func OpenFile(ctx context.Context, path string) (*plan.Plan, error) {
	return Reader{}.OpenFile(ctx, path)
}

// Limits bound what is read from one input; a zero field takes its
// default. The command line's --max-size and --max-cells set them.
type Limits struct {
	// MaxBytes raises the largest file read, of every kind: a roadmap
	// export or document (32 MB by default), a plan JSON (128 MB), a
	// returned workbook (50 MB on disk and unpacked), an organisation
	// directory (8 MB). A limit larger than MaxBytes stays.
	MaxBytes int64
	// MaxCells is the most cells of a roadmap's table (500,000).
	MaxCells int
}

func (l Limits) ingest() ingest.Limits {
	il := ingest.Limits{MaxBytes: l.MaxBytes, MaxCells: l.MaxCells}
	if l.MaxBytes > 0 && il.MaxBytes < ingest.DefaultMaxBytes {
		il.MaxBytes = ingest.DefaultMaxBytes
	}
	return il
}

// Above returns MaxBytes when it is larger than def, else def: a limit
// the flag raises and never lowers.
func (l Limits) Above(def int64) int64 { return max(l.MaxBytes, def) }

// Reader reads roadmaps (exports, documents, plan JSON) from files,
// folders and standard input, within its limits. The zero value reads
// with the default limits and refuses "-".
type Reader struct {
	Limits Limits
	// Stdin is what the input "-" reads (at most once); nil refuses "-".
	Stdin io.Reader
	// Outputs are folders this run writes into: a folder walk never lists
	// their files, even before they are marked as outputs (MarkOutputs).
	Outputs []string
}

// StdinName is the name standard input goes by in messages and
// positions.
const StdinName = "стандартный ввод"

// Inputs expands files and folders (recursively, by extension) into
// inputs sorted by path within each folder; a named file is taken
// whatever its extension, and "-" is standard input. Nothing is read yet,
// and nothing stops the batch: a path that does not exist, a folder
// without roadmaps, one that cannot be read, a broken link or a named
// pipe inside a folder become inputs whose Read returns the reason, so
// that the batch reports them and goes on. A walk leaves out this run's
// outputs and every earlier run's (see IsOutput). The error is reserved
// for no paths at all.
func (r Reader) Inputs(paths []string) ([]Input, error) {
	if len(paths) == 0 {
		return nil, fmt.Errorf("не указаны файлы или папки")
	}
	var out []Input
	fail := func(name string, err error) {
		out = append(out, Input{Name: name, Read: func() ([]byte, error) { return nil, err }})
	}
	var outs []os.FileInfo
	for _, o := range r.Outputs {
		if fi, err := os.Stat(o); err == nil {
			outs = append(outs, fi)
		}
	}
	stdin := false
	for _, p := range paths {
		if p == StdinArg {
			if stdin {
				fail(StdinName, fmt.Errorf("%s: указан дважды", StdinName))
				continue
			}
			stdin = true
			out = append(out, r.stdinInput())
			continue
		}
		st, err := os.Stat(p)
		if err != nil {
			fail(p, PathError(p, err))
			continue
		}
		if !st.IsDir() {
			out = append(out, r.fileInput(p))
			continue
		}
		found, problems := findfiles.Walk(p, func(name string) bool {
			return !strings.HasPrefix(name, "~$") && inputExts[strings.ToLower(filepath.Ext(name))]
		}, findfiles.Options{SkipDir: func(dir string) bool { return isOutputFolder(dir, outs) }})
		n := 0
		for _, f := range found {
			if IsOutput(f) {
				continue
			}
			out = append(out, r.fileInput(f))
			n++
		}
		for _, pr := range problems {
			fail(pr.Path, pr)
		}
		if n == 0 && len(problems) == 0 {
			fail(p, fmt.Errorf("%s: в папке нет файлов дорожных карт (*.txt, *.tsv, *.html, *.docx, *.odt, *.json)", p))
		}
	}
	return out, nil
}

// StdinArg is the argument that names standard input.
const StdinArg = "-"

// fileInput reads path, bounded, refused from the first bytes when it
// is binary.
func (r Reader) fileInput(path string) Input {
	il := r.Limits.ingest()
	return Input{Name: path, Read: func() ([]byte, error) { return il.ReadSource(path) },
		path: path, max: r.Limits.Above(plan.MaxJSONBytes)}
}

// stdinInput reads standard input once, bounded as a file is.
func (r Reader) stdinInput() Input {
	var once sync.Once
	var data []byte
	var err error
	il := r.Limits.ingest()
	return Input{Name: StdinName, Read: func() ([]byte, error) {
		once.Do(func() {
			if r.Stdin == nil {
				err = fmt.Errorf("%s: чтение стандартного ввода здесь не поддерживается", StdinName)
				return
			}
			data, err = il.ReadSourceFrom(StdinName, r.Stdin)
		})
		return data, err
	}}
}

// Open reads one input held in memory: a plan JSON written by `roadmap
// ingest` (validated on reading), or an original export, read and
// normalized. name is the file name used in positions and errors. The
// plan's text may refer to data (ingest.Read does not copy UTF-8 input):
// data must not be modified afterwards.
func (r Reader) Open(ctx context.Context, name string, data []byte) (*plan.Plan, error) {
	if err := stopped(ctx); err != nil {
		return nil, err
	}
	if e := plan.NotPlanJSON(name, data); e != nil {
		return nil, e
	}
	if plan.LooksLikeJSON(data) {
		return openJSON(name, data)
	}
	t, err := r.Limits.ingest().Read(name, data)
	if err != nil {
		return nil, err
	}
	return normalize.Build(t, normalize.Options{})
}

// openJSON decodes a plan JSON (Open).
func openJSON(name string, data []byte) (*plan.Plan, error) {
	p, err := plan.DecodeNamed(name, data) // errors name name:line:col
	if err == nil && len(p.Items) == 0 && !hasCode(p.Diagnostics, plan.CodeNoItems) {
		// A plan JSON emptied by hand is an empty roadmap, as the export
		// it came from would be: lint passed it, and a tracker and
		// checklists of nothing were written.
		p.Diagnostics.Add(plan.Pos{File: name}, plan.Error, plan.CodeNoItems,
			"в плане нет ни одного мероприятия (items пуст); ожидается хотя бы одно", "")
	}
	return p, err
}

// open reads in and opens it (Open). A large plan JSON file is decoded
// from the file mapped (inputfile.Mapped), which the decoder copies every
// string out of: reading 7.7 MB into a fresh slice cost the tracker more
// than a tenth of its CPU. Everything else, and every file whose head
// would be refused, is read by Read as before, with the same result.
func (r Reader) open(ctx context.Context, in Input) (*plan.Plan, error) {
	if in.path != "" {
		var p *plan.Plan
		ok, err := inputfile.Mapped(in.path, in.max, func(head []byte) error {
			if !plan.LooksLikeJSON(head) {
				return errNotJSON
			}
			return ingest.CheckHead(in.Name, head)
		}, func(data []byte, _ func() error) error {
			if err := stopped(ctx); err != nil {
				return err
			}
			hugeheap.Reserve(int64(len(data)))
			var err error
			p, err = openJSON(in.Name, data)
			return err
		})
		if ok {
			if errors.Is(err, inputfile.ErrChanged) {
				err = PathError(in.Name, err)
			}
			return p, err
		}
	}
	data, err := in.Read()
	if err != nil {
		return nil, PathError(in.Name, err)
	}
	return r.Open(ctx, in.Name, data)
}

// withPlan opens the input at path (see OpenFile) and calls use with its
// plan, for a command that is done with the plan when use returns. A
// large export is read where the system maps it (inputfile.Mapped)
// rather than copied into memory: the plan's texts are slices of the
// UTF-8 input (ingest.Read does not copy it), so they stay valid only
// until use returns: use must keep nothing of the plan, nor return an
// error that holds one of its texts. use calls unchanged before it
// commits to an output (see writePlan): an error when the file changed
// since it was mapped, which changes the plan's texts too (always nil
// for a plan read into memory). Reading the 3.2 MB export of 5,000
// activities into a fresh slice faulted in 800 new pages, and kept them
// live through the build, raising the heap every collection aims at. An
// input that does not open (a refused head, an error of the reader or
// the build) is read again the ordinary way, so that its error refers
// to no mapped byte: errors are printed after the mapping is gone.
//
// size is the file's size when the caller knows it (from a stat; 0 for
// a pipe or a device), or -1: a file known to be smaller than
// inputfile.MinMapped, or not a regular file, is not opened for nothing
// (a named pipe opened and closed by a look wakes its writer).
func (r Reader) withPlan(ctx context.Context, path string, size int64, use func(p *plan.Plan, unchanged func() error) error) error {
	in := r.fileInput(path)
	if path == StdinArg {
		in = r.stdinInput()
	}
	if in.path != "" && (size < 0 || size >= inputfile.MinMapped) {
		limit := int64(ingest.DefaultMaxBytes) // an export's: a larger file is refused by Read
		if il := r.Limits.ingest(); il.MaxBytes > 0 {
			limit = il.MaxBytes
		}
		ok, err := inputfile.Mapped(in.path, limit, func(head []byte) error {
			if plan.LooksLikeJSON(head) {
				return errNotExport // decoded from its mapping by open
			}
			return ingest.CheckHead(in.Name, head)
		}, func(data []byte, unchanged func() error) error {
			hugeheap.Reserve(int64(len(data)))
			p, err := r.Open(ctx, in.Name, data)
			if err != nil {
				return errReadAgain
			}
			return use(p, unchanged)
		})
		switch {
		case ok && errors.Is(err, inputfile.ErrChanged):
			return PathError(in.Name, err)
		case ok && !errors.Is(err, errReadAgain):
			return err
		}
	}
	p, err := r.open(ctx, in)
	if err != nil {
		return err
	}
	return use(p, func() error { return nil })
}

var (
	// errNotExport: the file is a plan JSON, not an export to map.
	errNotExport = errors.New("not an export")
	// errReadAgain: the mapped input did not open; read it again.
	errReadAgain = errors.New("read again without the mapping")
)

// errNotJSON is open's refusal of a head that is not a plan JSON's: the
// file is read and opened as an export.
var errNotJSON = errors.New("not a plan JSON")

// OpenFile reads the input at path (see Open); "-" is standard input.
func (r Reader) OpenFile(ctx context.Context, path string) (*plan.Plan, error) {
	in := r.fileInput(path)
	if path == StdinArg {
		in = r.stdinInput()
	}
	return r.open(ctx, in)
}

// NoItems is the error for a plan without a single activity, from its
// no-items diagnostic, with its position: "empty.txt:2:1: в таблице нет
// ни одного мероприятия ...". nil when the plan has activities.
//
// The commands that write a document of a plan, or compare two versions,
// refuse such a plan: a tracker, report or change sheet of nothing was
// written without a word, while lint and ingest call it an error.
func NoItems(p *plan.Plan) error {
	if len(p.Items) > 0 {
		return nil
	}
	for _, d := range p.Diagnostics {
		if d.Code == plan.CodeNoItems {
			return errors.New(d.Pos.String() + ": " + d.Message)
		}
	}
	return fmt.Errorf("%s: в плане нет ни одного мероприятия", plan.DisplayName(p.Source.Path))
}

// PathError is err about path in Russian, without the *PathError wrapper
// whose path is printed already: "plan.txt: файл не найден". An error
// that names path already (an *ingest.ParseError) is returned as it is;
// every other system error is said in Russian by syserr.
func PathError(path string, err error) error {
	shown := plan.DisplayName(path) // one line whatever the name holds
	if strings.HasPrefix(err.Error(), path+":") || strings.HasPrefix(err.Error(), shown+":") {
		return syserr.Error(err)
	}
	if pe, ok := err.(*os.PathError); ok {
		switch {
		case os.IsNotExist(pe.Err):
			err = fmt.Errorf("файл не найден")
		case os.IsPermission(pe.Err):
			err = fmt.Errorf("нет доступа к файлу")
		default:
			err = syserr.Error(pe.Err)
		}
	}
	return syserr.Error(fmt.Errorf("%s: %w", shown, err))
}

// Opened is the result of reading one of several inputs.
type Opened struct {
	Input Input
	Plan  *plan.Plan // nil when Err is set
	Err   error
}

// OpenAll reads inputs in parallel (jobs at once, 0 = one per CPU: a
// region's folder holds a thousand files) and returns them in input order.
// done, when set, is called from one goroutine at a time as each input is
// read. Inputs not started when ctx is cancelled get an error that says so (errors.Is context.Canceled).
func OpenAll(ctx context.Context, inputs []Input, jobs int, done func(Opened)) []Opened {
	out := make([]Opened, len(inputs))
	for i, in := range inputs {
		out[i] = Opened{Input: in}
	}
	var mu sync.Mutex
	Parallel(ctx, len(inputs), jobs, func(i int) {
		o := &out[i]
		o.Plan, o.Err = Reader{}.open(ctx, o.Input)
		if done != nil {
			mu.Lock()
			done(*o)
			mu.Unlock()
		}
	}, func(i int) { out[i].Err = fmt.Errorf("%s: %w", out[i].Input.Name, stopped(ctx)) })
	return out
}

// Parallel runs f(0..n-1) on jobs workers (0 = GOMAXPROCS) and stops feeding
// them when ctx is done; skipped(i) is called for every index not run.
func Parallel(ctx context.Context, n, jobs int, f, skipped func(int)) {
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	jobs = max(min(jobs, n), 1)
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < jobs; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	i := 0
feed:
	for ; i < n; i++ {
		select {
		case <-ctx.Done():
			break feed
		case next <- i:
		}
	}
	close(next)
	wg.Wait()
	for ; i < n; i++ {
		if skipped != nil {
			skipped(i)
		}
	}
}

// hasCode reports whether ds holds a diagnostic with code.
func hasCode(ds plan.Diagnostics, code string) bool {
	for _, d := range ds {
		if d.Code == code {
			return true
		}
	}
	return false
}

// InputName is an input argument as messages name it: "-" is standard
// input.
func InputName(arg string) string {
	if arg == StdinArg {
		return StdinName
	}
	return arg
}
