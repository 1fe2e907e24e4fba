package xlsx

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/roadmap-tool/roadmap/internal/golden"
	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// The -update flag must exist in every test binary for go test ./... -update.
var _ = golden.Update

// keepOut, when set, keeps the written workbooks for a look by hand:
// go test ./render/xlsx -run Tracker -keep /tmp/out
var keepOut = flag.String("keep", "", "directory to keep written workbooks in")

var fixedNow = time.Date(2022, 3, 15, 10, 30, 0, 0, time.UTC)

func loadSample(t testing.TB) *plan.Plan {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "..", "testdata", "render", "sample.plan.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p, err := plan.Read(f)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func trackerBytes(t testing.TB, p *plan.Plan, opts TrackerOptions) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteTracker(&buf, p, opts); err != nil {
		t.Fatal(err)
	}
	if *keepOut != "" {
		os.MkdirAll(*keepOut, 0o755)
		os.WriteFile(filepath.Join(*keepOut, "tracker.xlsx"), buf.Bytes(), 0o644)
	}
	return buf.Bytes()
}

func openBytes(t testing.TB, b []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}
