package produce

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/roadmap-tool/roadmap/internal/workload"
	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// TestPlanJSONMatchesEncodingJSON reads every input kept as test data (the
// seeds, the fixtures of ingest, normalize and the documents) and a
// generated 1,000-item roadmap, and checks that plan.Write writes the
// bytes encoding/json wrote before it was hand-written (two-space
// indentation, no HTML escaping), and that plan.Decode reads them back
// as encoding/json does.
func TestPlanJSONMatchesEncodingJSON(t *testing.T) {
	var paths []string
	for _, pat := range []string{"../seeds/*.txt", "../testdata/ingest/*.*", "../testdata/normalize/*.*",
		"../testdata/document/*/*.*", "../testdata/render/*.plan.json"} {
		m, _ := filepath.Glob(pat)
		paths = append(paths, m...)
	}
	n := 0
	check := func(name string, data []byte) {
		p, err := Open(context.Background(), name, data)
		if err != nil {
			return // a fixture of an unreadable input
		}
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(p); err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		if err := plan.Write(&got, p); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("%s: plan.Write differs from encoding/json", name)
		}
		back, err := plan.Decode(got.Bytes())
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var ref plan.Plan
		if err := json.Unmarshal(got.Bytes(), &ref); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(back, &ref) {
			t.Errorf("%s: plan.Decode differs from encoding/json", name)
		}
		n++
	}
	for _, path := range paths {
		if strings.HasSuffix(path, ".golden") {
			continue
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		check(path, data)
	}
	check("big.txt", workload.Roadmap(workload.Options{Items: 1000, Seed: 7, Schools: 50, PerItem: 3}))
	if n < 40 {
		t.Fatalf("only %d plans compared", n)
	}
}
