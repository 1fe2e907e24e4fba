package produce

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"

	"github.com/roadmap-tool/roadmap/internal/inputfile"
	"github.com/roadmap-tool/roadmap/internal/workload"
	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// A plan JSON large enough to be decoded from the mapped file gives the
// plan, or the error, that decoding a copy of its bytes gives, through
// OpenFile and OpenAll alike; an export of that size is read as before.
func TestOpenMappedSameAsRead(t *testing.T) {
	ctx := context.Background()
	src := workload.Roadmap(workload.Options{Items: 1800, Seed: 3, Schools: 40, PerItem: 3})
	p, err := Open(ctx, "big.txt", src)
	if err != nil {
		t.Fatal(err)
	}
	var js bytes.Buffer
	if err := plan.Write(&js, p); err != nil {
		t.Fatal(err)
	}
	if js.Len() < inputfile.MinMapped || len(src) < inputfile.MinMapped {
		t.Fatalf("inputs of %d and %d bytes are under %d: not mapped", js.Len(), len(src), inputfile.MinMapped)
	}
	broken := bytes.Replace(js.Bytes(), []byte(`"level": 1`), []byte(`"level": "1"`), 1)
	binary := append([]byte("{\x00"), js.Bytes()...)
	dir := t.TempDir()
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"plan.json", js.Bytes()},
		{"bom.json", append([]byte("\xef\xbb\xbf"), js.Bytes()...)},
		{"broken.json", broken},
		{"binary.json", binary},
		{"big.txt", src},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, tc.name)
			if err := os.WriteFile(path, tc.data, 0o644); err != nil {
				t.Fatal(err)
			}
			want, wantErr := Reader{}.Open(ctx, path, tc.data)
			if tc.name == "binary.json" {
				_, wantErr = Reader{}.fileInput(path).Read()
				want, wantErr = nil, PathError(path, wantErr)
			}
			if (wantErr != nil) != (tc.name == "broken.json" || tc.name == "binary.json") {
				t.Fatalf("%s read from a copy: %v", tc.name, wantErr)
			}
			got, gotErr := OpenFile(ctx, path)
			all := OpenAll(ctx, []Input{Reader{}.fileInput(path)}, 1, nil)
			for _, g := range []struct {
				p   *plan.Plan
				err error
			}{{got, gotErr}, {all[0].Plan, all[0].Err}} {
				if (g.err == nil) != (wantErr == nil) || g.err != nil && g.err.Error() != wantErr.Error() {
					t.Fatalf("error %v, want %v", g.err, wantErr)
				}
				if !reflect.DeepEqual(g.p, want) {
					t.Errorf("plan differs from the one decoded from a copy")
				}
			}
		})
	}
}

// `roadmap ingest` of an export large enough to be read from its mapping
// (withPlan) writes the plan and the diagnostics that reading a copy of
// its bytes gives, in UTF-8 (the plan's texts are slices of the mapping)
// and in Windows-1251 (decoded into a copy); an export that does not
// open is read again and refused with the error a copy gives.
func TestIngestMappedSameAsRead(t *testing.T) {
	ctx := context.Background()
	src := workload.Roadmap(workload.Options{Items: 3600, Seed: 5, Schools: 40, PerItem: 3})
	cp1251, err := charmap.Windows1251.NewEncoder().Bytes(src)
	if err != nil {
		t.Fatal(err)
	}
	wide := append(bytes.Repeat([]byte("текст\t"), 1200), '\n')
	tooWide := append(bytes.Repeat(wide, 1+inputfile.MinMapped/len(wide)), src...)
	dir := t.TempDir()
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"utf8.txt", src},
		{"cp1251.txt", cp1251},
		{"wide.txt", tooWide},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if len(tc.data) < inputfile.MinMapped {
				t.Fatalf("%d bytes are under %d: not mapped", len(tc.data), inputfile.MinMapped)
			}
			path := filepath.Join(dir, tc.name)
			if err := os.WriteFile(path, tc.data, 0o644); err != nil {
				t.Fatal(err)
			}
			want, wantErr := Open(ctx, path, bytes.Clone(tc.data))
			var wantJSON, wantDiags bytes.Buffer
			if wantErr == nil {
				if err := plan.Write(&wantJSON, want); err != nil {
					t.Fatal(err)
				}
				if err := WriteDiagnostics(&wantDiags, want.Diagnostics); err != nil {
					t.Fatal(err)
				}
			} else if tc.name != "wide.txt" {
				t.Fatalf("%s read from a copy: %v", tc.name, wantErr)
			}
			out := filepath.Join(dir, tc.name+".json")
			var stdout, stderr bytes.Buffer
			err := Request{Command: "ingest", Args: []string{path}, Output: out, OutputGiven: true, Format: "json",
				Stdout: &stdout, Stderr: &stderr}.Ingest(ctx)
			if wantErr != nil {
				if err == nil || err.Error() != wantErr.Error() {
					t.Fatalf("error %v, want %v", err, wantErr)
				}
				if _, err := os.Stat(out); !os.IsNotExist(err) {
					t.Errorf("%s written for an input refused", out)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, wantJSON.Bytes()) {
				t.Errorf("plan JSON differs from the one of a copy (%d bytes, want %d)", len(got), wantJSON.Len())
			}
			if stderr.String() != wantDiags.String() {
				t.Errorf("diagnostics differ from those of a copy:\n%s\nwant\n%s", clipLines(stderr.String()), clipLines(wantDiags.String()))
			}
			if wantDiags.Len() == 0 {
				t.Errorf("no diagnostics: the comparison shows nothing")
			}
		})
	}
}

// clipLines is the first lines of s, for a message.
func clipLines(s string) string {
	lines := strings.SplitN(s, "\n", 6)
	return strings.Join(lines[:min(len(lines), 5)], "\n")
}

// An export truncated while its plan, read from the mapping, is being
// written: an error that says so, naming the file, and no output or
// temporary file left behind (the fault is caught inside the write).
func TestIngestMappedTruncated(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "big.txt")
	if err := os.WriteFile(path, workload.Roadmap(workload.Options{Items: 1800, Seed: 5, Schools: 40, PerItem: 3}), 0o644); err != nil {
		t.Fatal(err)
	}
	outDir := filepath.Join(dir, "out")
	if err := os.Mkdir(outDir, 0o755); err != nil {
		t.Fatal(err)
	}
	called := false
	err := Reader{}.withPlan(ctx, path, -1, func(p *plan.Plan, unchanged func() error) error {
		called = true
		if err := os.Truncate(path, 0); err != nil {
			t.Fatal(err)
		}
		return writePlan(ctx, filepath.Join(outDir, "big.json"), io.Discard, PlanFormats["json"], p, unchanged)
	})
	if !called {
		t.Fatal("use not called")
	}
	if !errors.Is(err, inputfile.ErrChanged) || !strings.HasPrefix(err.Error(), path+": ") {
		t.Fatalf("error %v, want %s: ... %v", err, path, inputfile.ErrChanged)
	}
	if left, _ := os.ReadDir(outDir); len(left) > 0 {
		t.Errorf("left in the output folder: %v", left)
	}
}

// rewriteOnWrite is a writer (standard error) that rewrites the file at
// path with other bytes of the same size on its first write, as another
// program saving the export while roadmap reads it would.
type rewriteOnWrite struct {
	t    *testing.T
	path string
	with []byte
	done bool
}

func (w *rewriteOnWrite) Write(b []byte) (int, error) {
	if !w.done {
		w.done = true
		if err := os.WriteFile(w.path, w.with, 0o644); err != nil {
			w.t.Fatal(err)
		}
	}
	return len(b), nil
}

// An export changed while ingest, reading it from its mapping, prints
// its diagnostics (the first write to standard error changes it):
//   - rewritten, the same size and other text: the plan's texts, slices
//     of the mapping, show the new bytes at the old offsets; a plan of
//     neither version was written with exit 0;
//   - cut short: the fault on the mapping, in Diagnostics on the
//     command's goroutine (before writePlan's recovered write), is the
//     error too, not a crash.
//
// Each time, the error says the file changed and how, naming it, and no
// output or temporary file is left.
func TestIngestMappedChanged(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "big.txt")
	src := workload.Roadmap(workload.Options{Items: 1800, Seed: 5, Schools: 40, PerItem: 3})
	other := bytes.ReplaceAll(src, []byte("а"), []byte("о")) // the same size
	if len(other) != len(src) || bytes.Equal(other, src) {
		t.Fatal("the rewritten export is not another of the same size")
	}
	for _, tc := range []struct {
		name, format string
		with         []byte
		how          string
	}{
		{"rewritten, json", "json", other, "переписан"},
		{"rewritten, text", "text", other, "переписан"},
		{"cut short", "json", src[:4096], "укоротился"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := os.WriteFile(path, src, 0o644); err != nil {
				t.Fatal(err)
			}
			old := time.Now().Add(-time.Minute) // a rewrite in the same tick keeps the time
			if err := os.Chtimes(path, old, old); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(dir, "out."+tc.format)
			stderr := &rewriteOnWrite{t: t, path: path, with: tc.with}
			err := Request{Command: "ingest", Args: []string{path}, Output: out, OutputGiven: true, Format: tc.format,
				Stdout: io.Discard, Stderr: stderr}.Ingest(ctx)
			if !stderr.done {
				t.Fatal("no diagnostics written: the file was not changed while they were")
			}
			want := path + ": файл изменился (" + tc.how + ") во время чтения; ожидается файл, который никто не переписывает"
			if !errors.Is(err, inputfile.ErrChanged) || err.Error() != want {
				t.Fatalf("error %v, want %s", err, want)
			}
			if left, _ := os.ReadDir(dir); len(left) != 1 {
				t.Errorf("left in the folder besides the input: %v", left)
			}
		})
	}
}
