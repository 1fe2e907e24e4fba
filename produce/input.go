package produce

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/roadmap-tool/roadmap/ingest"
	"github.com/roadmap-tool/roadmap/internal/findfiles"
	"github.com/roadmap-tool/roadmap/normalize"
	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/seeds"
)

// Input is one roadmap to read: a name for messages and a way to read it.
type Input struct {
	Name string // path as given, or "seeds/<file>" for embedded seeds
	Read func() ([]byte, error)
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

// Inputs expands files and folders (recursively, by extension) into
// inputs sorted by path within each folder. A path that does not exist is
// an error naming it; a named file is taken whatever its extension.
func Inputs(paths []string) ([]Input, error) {
	var out []Input
	add := func(p string) {
		// Bounded, and refused from the first bytes when it is binary.
		out = append(out, Input{Name: p, Read: func() ([]byte, error) { return ingest.ReadSource(p) }})
	}
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("%s: файл или папка не найдены", p)
		}
		if !st.IsDir() {
			add(p)
			continue
		}
		found, err := findfiles.Under(p, func(name string) bool {
			return !strings.HasPrefix(name, "~$") && inputExts[strings.ToLower(filepath.Ext(name))]
		})
		if err != nil {
			return nil, fmt.Errorf("%s: %v", p, err)
		}
		for _, f := range found {
			add(f)
		}
		if len(found) == 0 {
			return nil, fmt.Errorf("%s: в папке нет файлов дорожных карт (*.txt, *.tsv, *.html, *.json)", p)
		}
	}
	return out, nil
}

// Open reads one input held in memory: a plan JSON written by `roadmap
// ingest` (validated on reading), or an original export, read and
// normalized. name is the file name used in positions and errors.
func Open(ctx context.Context, name string, data []byte) (*plan.Plan, error) {
	if err := stopped(ctx); err != nil {
		return nil, err
	}
	if plan.LooksLikeJSON(data) {
		return plan.DecodeNamed(name, data) // errors name name:line:col
	}
	t, err := ingest.Read(name, data)
	if err != nil {
		return nil, err
	}
	return normalize.Build(t, normalize.Options{})
}

// OpenFile reads the input at path (see Open).
func OpenFile(ctx context.Context, path string) (*plan.Plan, error) {
	data, err := ingest.ReadSource(path)
	if err != nil {
		return nil, PathError(path, err)
	}
	return Open(ctx, path, data)
}

// PathError is err about path in Russian, without the *PathError wrapper
// whose path is printed already: "plan.txt: файл не найден". An error
// that names path already (an *ingest.ParseError) is returned as it is.
func PathError(path string, err error) error {
	if strings.HasPrefix(err.Error(), path+":") {
		return err
	}
	if pe, ok := err.(*os.PathError); ok {
		switch {
		case os.IsNotExist(pe.Err):
			err = fmt.Errorf("файл не найден")
		case os.IsPermission(pe.Err):
			err = fmt.Errorf("нет доступа к файлу")
		default:
			err = pe.Err
		}
	}
	return fmt.Errorf("%s: %w", path, err)
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
		data, err := o.Input.Read()
		if err != nil {
			o.Err = PathError(o.Input.Name, err)
		} else {
			o.Plan, o.Err = Open(ctx, o.Input.Name, data)
		}
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
