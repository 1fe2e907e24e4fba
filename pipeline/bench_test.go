package pipeline

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/roadmap-tool/roadmap/internal/workload"
	"github.com/roadmap-tool/roadmap/produce"
)

// BenchmarkBuildRegion builds a region's corpus (ROADMAP_BENCH_FILES files,
// default 100; the figure is for 1,000) with all outputs.
func BenchmarkBuildRegion(b *testing.B) {
	n := 100
	if s := os.Getenv("ROADMAP_BENCH_FILES"); s != "" {
		fmt.Sscan(s, &n)
	}
	in := b.TempDir()
	for i, data := range workload.Corpus(n, 1) {
		os.WriteFile(filepath.Join(in, fmt.Sprintf("r%04d.txt", i)), data, 0o644)
	}
	inputs, err := produce.Inputs([]string{in})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		out := filepath.Join(b.TempDir(), "out")
		res, err := Run(context.Background(), inputs, Options{OutDir: out, Now: fixedNow})
		if err != nil {
			b.Fatal(err)
		}
		for _, r := range res {
			if r.Err != nil {
				b.Fatal(r.Err)
			}
		}
	}
	b.ReportMetric(float64(n), "files/op")
}

// BenchmarkBuildLarge builds one 5,000-item roadmap with all outputs.
func BenchmarkBuildLarge(b *testing.B) {
	in := filepath.Join(b.TempDir(), "big.txt")
	os.WriteFile(in, workload.Roadmap(workload.Options{Items: 5000, Seed: 1, Schools: 500}), 0o644)
	inputs, _ := produce.Inputs([]string{in})
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		out := filepath.Join(b.TempDir(), "out")
		res, err := Run(context.Background(), inputs, Options{OutDir: out, Now: fixedNow})
		if err != nil || res[0].Err != nil {
			b.Fatal(err, res[0].Err)
		}
	}
}
