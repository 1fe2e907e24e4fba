// Package xlsxtest reads generated workbooks back in tests, as a user's
// spreadsheet program would: columns found by their header text, the
// manifest sheet as key -> value.
package xlsxtest

import (
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// ColOf returns the 1-based column of the header name, or fails the test.
func ColOf(t testing.TB, header []string, name string) int {
	t.Helper()
	for i, h := range header {
		if h == name {
			return i + 1
		}
	}
	t.Fatalf("no column %q in %q", name, header)
	return 0
}

// ReadManifest reads the manifest sheet of a generated workbook as key ->
// value, after checking its marker.
func ReadManifest(t testing.TB, f *excelize.File, sheet string) map[string]string {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) == 0 || rows[0][0] != plan.ManifestMarker {
		t.Fatalf("manifest A1 = %v", rows)
	}
	out := map[string]string{}
	for _, r := range rows[1:] {
		if len(r) == 2 {
			out[r[0]] = r[1]
		}
	}
	return out
}
