package produce

import (
	"context"
	"testing"

	"github.com/roadmap-tool/roadmap/internal/workload"
)

// BenchmarkWriteChecklists500 writes the peers' checklist job through the
// core, files included: 500 schools with about 80 of 5,000 activities
// each, one workbook per school on one worker per CPU, and the index.
// render/xlsx's Checklists500 measures the writer alone, in memory.
func BenchmarkWriteChecklists500(b *testing.B) {
	ctx := context.Background()
	p, err := Open(ctx, "bench.txt", workload.Roadmap(workload.Options{Items: 5000, Seed: 1, Schools: 500, PerItem: 8}))
	if err != nil {
		b.Fatal(err)
	}
	recips, _ := Recipients(p, nil)
	if len(recips) < 500 {
		b.Fatalf("%d recipients", len(recips))
	}
	dir := b.TempDir()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		files, err := WriteChecklists(ctx, dir, p, recips, ChecklistOptions{Settings: Settings{Now: fixedNow}})
		if err != nil || len(files) != len(recips) {
			b.Fatal(len(files), err)
		}
	}
	b.ReportMetric(float64(len(recips)), "files/op")
}
