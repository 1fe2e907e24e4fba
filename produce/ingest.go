package produce

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/roadmap-tool/roadmap/internal/atomicfile"
	"github.com/roadmap-tool/roadmap/internal/filename"
	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// Ingested is one input of IngestAll and the file written for it.
type Ingested struct {
	Input Input
	File  string // the output's path (in the folder), "" when none was written
	// Diagnostics are what reading the input found (the plan's own).
	Diagnostics plan.Diagnostics
	Err         error // why the input was not read or its output not written
}

// IngestAll reads every input and writes each one's plan into dir (made
// when missing) with write, as a file named after the input: its base
// name with ext in place of its extension, made unique ignoring case
// (roadmap_0001.txt -> roadmap_0001.json). It works on jobs inputs at
// once (0 = one per CPU) and keeps a plan only until it is written, so a
// region's thousand files take the memory of a few. An input that cannot
// be read or written gets its Err and the others go on; the results come
// in input order. On cancellation the inputs not started get an error
// that says so (errors.Is context.Canceled).
func (r Reader) IngestAll(ctx context.Context, inputs []Input, dir, ext string, jobs int,
	write func(context.Context, io.Writer, *plan.Plan) error) ([]Ingested, error) {
	if err := stopped(ctx); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, PathError(dir, err)
	}
	out := make([]Ingested, len(inputs))
	used := map[string]bool{}
	for i, in := range inputs {
		base := filepath.Base(in.Name)
		base = strings.TrimSuffix(base, filepath.Ext(base))
		out[i] = Ingested{Input: in, File: filepath.Join(dir, uniqueName(used, filename.Safe(base, maxFileNameBytes, "plan"), ext))}
	}
	Parallel(ctx, len(inputs), jobs, func(i int) {
		o := &out[i]
		data, err := o.Input.Read()
		if err != nil {
			o.Err, o.File = PathError(o.Input.Name, err), ""
			return
		}
		p, err := r.Open(ctx, o.Input.Name, data)
		if err != nil {
			o.Err, o.File = err, ""
			return
		}
		o.Diagnostics = p.Diagnostics.Clone() // not the source text its texts are slices of
		buf := encoded.Get().(*bytes.Buffer)
		buf.Reset()
		if err := write(ctx, buf, p); err != nil {
			o.Err, o.File = PathError(o.File, err), ""
		} else if err := atomicfile.WriteBytes(o.File, buf.Bytes()); err != nil {
			o.Err, o.File = PathError(o.File, err), ""
		}
		if buf.Cap() <= maxKeptEncoding {
			encoded.Put(buf)
		}
	}, func(i int) { out[i].Err, out[i].File = fmt.Errorf("%s: %w", out[i].Input.Name, stopped(ctx)), "" })
	return out, nil
}

// encoded holds IngestAll's encodings between files: a plan is encoded
// whole, then written with one system call instead of one per 64 KB.
// Each call that takes longer than the runtime's monitor tick (20 µs;
// a write here takes 50-150 µs) has its processor handed off and
// retaken: with a write per 64 KB, 1,000 plans of 126 KB kept the
// monitor waking every 20 µs (16,500 sleeps) and the threads switching.
var encoded = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// maxKeptEncoding: a larger encoding (a plan of thousands of
// activities) is left to the collector rather than kept for the next.
const maxKeptEncoding = 1 << 20

// WriteIngested writes what IngestAll did into dir for a terminal: in
// input order, the reason each input was not read (to errw, after
// "roadmap ingest:") or its diagnostics (to errw), then a summary line
// to w. It returns the run's verdict: an interruption (the inputs not
// reached are counted once, not as files that could not be read; the
// error wraps ctx's), inputs not read, or inputs whose documents have
// errors (their plans written all the same); nil when every plan was
// written without errors.
func WriteIngested(ctx context.Context, w, errw io.Writer, done []Ingested, dir string) error {
	failed, withErrors, stopped := 0, 0, 0
	// One buffer for all the files' lines: a region's 1,000 files have
	// 19,000 of them (4.8 MB), and a write of its own for each file's cost
	// a system call and a new buffer each.
	ew := bufio.NewWriterSize(errw, 64<<10)
	var line []byte
	for _, f := range done {
		if errors.Is(f.Err, context.Canceled) {
			stopped++
			continue
		}
		if f.Err != nil {
			failed++
			fmt.Fprintln(ew, "roadmap ingest:", f.Err)
			continue
		}
		line, _ = writeDiagnosticLines(ew, f.Diagnostics, line)
		if f.Diagnostics.HasErrors() {
			withErrors++
		}
	}
	ew.Flush()
	fmt.Fprintf(w, "Записано планов: %d из %d в %s\n", len(done)-failed-stopped, len(done), dir)
	switch {
	case stopped > 0:
		return fmt.Errorf("ingest: не обработано файлов: %d из %d: %w", stopped, len(done), ctx.Err())
	case failed > 0:
		return fmt.Errorf("ingest: не прочитано файлов: %d из %d (причины выше)", failed, len(done))
	case withErrors > 0:
		return fmt.Errorf("ingest: в %d файлах есть ошибки (планы записаны); см. замечания выше", withErrors)
	}
	return nil
}
