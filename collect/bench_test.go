package collect

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/roadmap-tool/roadmap/internal/pgtest"

	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/store"
)

var (
	benchOnce sync.Once
	benchDir  string
	benchTemp string // removed by TestMain
	benchPlan *plan.Plan
)

// TestMain removes the benchmark's files, and runs the tests on both
// engines (pgtest: every PostgreSQL database a copy of a migrated one).
func TestMain(m *testing.M) {
	code := pgtest.Main(m, func(url string) error {
		st, err := store.Open(url)
		if err != nil {
			return err
		}
		return st.Close()
	})
	if benchTemp != "" {
		os.RemoveAll(benchTemp)
	}
	os.Exit(code)
}

// benchSetup writes 500 filled checklists of 80 rows once per process,
// with render/xlsx as `roadmap checklists` does. COLLECT_BENCH_DIR keeps
// them in a folder (reused when it has them), to time other readers on
// the same files.
func benchSetup(b testing.TB) {
	benchOnce.Do(func() {
		var schools []string
		for i := 1; i <= 500; i++ {
			schools = append(schools, fmt.Sprintf("МБОУ Школа № %d", i))
		}
		benchPlan = makePlan("План мероприятий на 2021-2023 годы", 80, schools)
		gen := time.Date(2022, 3, 1, 9, 0, 0, 0, time.UTC)
		if dir := os.Getenv("COLLECT_BENCH_DIR"); dir != "" {
			if m, _ := filepath.Glob(filepath.Join(dir, "*.xlsx")); len(m) == 500 {
				benchDir = dir
				return
			}
		}
		dir, err := os.MkdirTemp("", "collect-bench")
		if err != nil {
			b.Fatal(err)
		}
		list, err := writeChecklists(dir, benchPlan, gen)
		if err != nil || len(list) != 500 {
			b.Fatalf("WriteChecklists: %d files, %v", len(list), err)
		}
		var wg sync.WaitGroup
		sem := make(chan struct{}, 4)
		for i, c := range list {
			wg.Add(1)
			sem <- struct{}{}
			go func() {
				defer func() { <-sem; wg.Done() }()
				path := filepath.Join(dir, c.File)
				var rows []fillRow
				for k, it := range benchPlan.Items {
					if (i+k)%4 == 0 {
						continue // a quarter of the rows left empty
					}
					ty := typed[(i+k)%len(typed)]
					rows = append(rows, fillRow{id: it.ID, status: ty.text, date: "15.03.2022",
						evidence: "Проведено, приказ № " + fmt.Sprint(k), comment: ""})
				}
				fillChecklist(b, path, rows, nil)
			}()
		}
		wg.Wait()
		if keep := os.Getenv("COLLECT_BENCH_DIR"); keep != "" {
			pf, err := os.Create(filepath.Join(dir, "plan.json"))
			if err != nil {
				b.Fatal(err)
			}
			plan.Write(pf, benchPlan)
			pf.Close()
			os.RemoveAll(keep)
			if err := os.Rename(dir, keep); err != nil {
				b.Fatal(err)
			}
			dir = keep
		} else {
			benchTemp = dir
		}
		benchDir = dir
	})
}

// BenchmarkCollect500 collects 500 filled checklists of 80 rows into a
// fresh store: parse in parallel, one transaction.
func BenchmarkCollect500(b *testing.B) {
	benchSetup(b)
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		dbDir := b.TempDir()
		st, err := store.Open(filepath.Join(dbDir, "roadmap.db"))
		if err != nil {
			b.Fatal(err)
		}
		st.SavePlan(benchPlan)
		b.StartTimer()
		rep, err := Run(ctx, st, []string{benchDir}, Options{Quarter: "2022Q1"})
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if rep.Count(Collected) != 500 || rep.Answers() != 500*60 {
			b.Fatalf("collected %d files, %d answers", rep.Count(Collected), rep.Answers())
		}
		st.Close()
		b.StartTimer()
	}
}
