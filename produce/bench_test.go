package produce

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/roadmap-tool/roadmap/internal/cputime"
	"github.com/roadmap-tool/roadmap/internal/workload"
	"github.com/roadmap-tool/roadmap/normalize/plan"
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

// BenchmarkChanges5000 compares a 5,000-activity roadmap with an amended
// copy (every 50th activity removed, every 37th reworded, every 41st
// given another deadline) and writes the comparison in each form: the
// text of roadmap diff and the change sheets in Excel and PDF.
func BenchmarkChanges5000(b *testing.B) {
	ctx := context.Background()
	old, err := Open(ctx, "bench.txt", workload.Roadmap(workload.Options{Items: 5000, Seed: 1}))
	if err != nil {
		b.Fatal(err)
	}
	nw := clonePlan(b, old)
	var items []plan.Item
	for i, it := range nw.Items {
		switch {
		case i%50 == 7:
			continue
		case i%37 == 3:
			it.Activity.Text = "Организация и проведение: " + it.Activity.Text
		case i%41 == 5:
			it.Deadline = plan.Schedule{Text: "Декабрь 2023 г.", Kind: plan.KindDated, Months: plan.Months{plan.MonthOf(2023, 12)}}
		}
		items = append(items, it)
	}
	nw.Items = items
	d, err := Compare(ctx, old, nw)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("%+v", d.Summary)
	cpu := func(b *testing.B, f func()) {
		b.ReportAllocs()
		cpu0, n := cputime.Now(), 0
		for b.Loop() {
			f()
			n++
		}
		b.ReportMetric(float64((cputime.Now()-cpu0).Milliseconds())/float64(n), "cpu-ms/op")
	}
	b.Run("compare", func(b *testing.B) {
		cpu(b, func() {
			if _, err := Compare(ctx, old, nw); err != nil {
				b.Fatal(err)
			}
		})
	})
	for _, f := range []string{"text", "xlsx", "pdf"} {
		b.Run(f, func(b *testing.B) {
			var buf bytes.Buffer
			cpu(b, func() {
				buf.Reset()
				if err := Changes(ctx, &buf, d, ChangesOptions{Settings: Settings{Now: fixedNow}, Format: f}); err != nil {
					b.Fatal(err)
				}
			})
			b.ReportMetric(float64(buf.Len()), "bytes")
		})
	}
}

// BenchmarkIngestAll200 is `roadmap ingest -o DIR` of 200 seed-sized
// roadmaps inside one process: each file read from disk, built and
// written as plan JSON into a folder that holds the previous round's
// plans, on one worker per CPU. Per file it measures what the process
// spends besides its start, which BenchmarkCorpus (normalize) leaves out:
// the JSON, the files written, the collector over both.
func BenchmarkIngestAll200(b *testing.B) {
	in, out := b.TempDir(), b.TempDir()
	var paths []string
	for i, data := range workload.Corpus(200, 1) {
		path := filepath.Join(in, fmt.Sprintf("%04d.txt", i))
		if err := os.WriteFile(path, data, 0o644); err != nil {
			b.Fatal(err)
		}
		paths = append(paths, path)
	}
	r := Reader{Outputs: []string{out}}
	inputs, err := r.Inputs(paths)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ReportAllocs()
	start := cputime.Now()
	for b.Loop() {
		done, err := r.IngestAll(ctx, inputs, out, ".json", 0, PlanJSON)
		if err != nil {
			b.Fatal(err)
		}
		for _, f := range done {
			if f.Err != nil {
				b.Fatal(f.Err)
			}
		}
	}
	b.ReportMetric(float64((cputime.Now()-start).Nanoseconds())/float64(b.N)/float64(len(inputs)), "cpu-ns/file")
}
