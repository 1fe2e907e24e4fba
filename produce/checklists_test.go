package produce

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/roadmap-tool/roadmap/internal/xlsxtest"
	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/orgdir"
)

var fixedNow = time.Date(2022, 3, 15, 10, 30, 0, 0, time.UTC)

func loadSample(t testing.TB) *plan.Plan {
	t.Helper()
	p, err := OpenFile(context.Background(), filepath.Join("..", "testdata", "render", "sample.plan.json"))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func loadDir(t testing.TB) *orgdir.Directory {
	t.Helper()
	d, err := orgdir.Load(filepath.Join("..", "testdata", "render", "orgs.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// writeChecklists writes the checklist set of p as `roadmap checklists`
// does, into a temporary folder.
func writeChecklists(t testing.TB, p *plan.Plan, d *orgdir.Directory, version string) (string, []ChecklistFile, plan.Diagnostics) {
	t.Helper()
	dir := t.TempDir()
	recips, diags := Recipients(p, d)
	calls := 0
	list, err := WriteChecklists(context.Background(), dir, p, recips, ChecklistOptions{
		Settings: Settings{Now: fixedNow, Version: version}, Done: func(done, total int) {
			calls++
			if done != calls || total != len(recips) {
				t.Errorf("progress %d of %d at call %d of %d", done, total, calls, len(recips))
			}
		}})
	if err != nil {
		t.Fatal(err)
	}
	if calls != len(recips) {
		t.Errorf("progress called %d times for %d files", calls, len(recips))
	}
	return dir, list, diags
}

// checklistIDs reads the item IDs of a checklist in order.
func checklistIDs(t testing.TB, f *excelize.File) []string {
	t.Helper()
	rows, err := f.GetRows("Чек-лист")
	if err != nil {
		t.Fatal(err)
	}
	idCol := xlsxtest.ColOf(t, rows[4], "ID")
	var ids []string
	for _, r := range rows[5:] {
		if len(r) >= idCol && r[idCol-1] != "" {
			ids = append(ids, r[idCol-1])
		}
	}
	return ids
}
