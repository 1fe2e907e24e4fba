package produce

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

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
		if err := atomicfile.Write(o.File, func(w io.Writer) error { return write(ctx, w, p) }); err != nil {
			o.Err, o.File = PathError(o.File, err), ""
		}
	}, func(i int) { out[i].Err, out[i].File = fmt.Errorf("%s: %w", out[i].Input.Name, stopped(ctx)), "" })
	return out, nil
}
