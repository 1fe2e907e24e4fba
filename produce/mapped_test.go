package produce

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"

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
