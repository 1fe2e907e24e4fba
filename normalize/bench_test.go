package normalize

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/roadmap-tool/roadmap/ingest"
	"github.com/roadmap-tool/roadmap/internal/workload"
)

// reportCPU adds the process CPU time per operation (see cpuTime) as
// cpu-ns/op. Call as defer reportCPU(b)() before the loop. For the corpus,
// which runs on every core, it is the sum over the cores.
func reportCPU(b *testing.B) func() {
	start := cpuTime()
	return func() {
		if d := cpuTime() - start; d > 0 && b.N > 0 {
			b.ReportMetric(float64(d.Nanoseconds())/float64(b.N), "cpu-ns/op")
		}
	}
}

var seedFiles = []string{"seeds/000_a1e155e70aa7bfd4.txt", "seeds/004_7e7c8821e6f4a4e0.txt"}

func readSeeds(b *testing.B) [][]byte {
	b.Helper()
	var out [][]byte
	for _, f := range seedFiles {
		data, err := os.ReadFile(filepath.Join(repoRoot, f))
		if err != nil {
			b.Fatal(err)
		}
		out = append(out, data)
	}
	return out
}

func readAndBuild(b *testing.B, name string, data []byte) {
	if err := readBuild(name, data); err != nil {
		b.Fatal(err)
	}
}

// readBuild is readAndBuild for worker goroutines, which must not call
// b.Fatal.
func readBuild(name string, data []byte) error {
	t, err := ingest.Read(name, data)
	if err != nil {
		return err
	}
	_, err = Build(t, Options{})
	return err
}

// BenchmarkBuildSeed reads and builds each seed (target < 5 ms).
func BenchmarkBuildSeed(b *testing.B) {
	for i, data := range readSeeds(b) {
		b.Run(filepath.Base(seedFiles[i]), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			defer reportCPU(b)()
			for b.Loop() {
				readAndBuild(b, seedFiles[i], data)
			}
		})
	}
}

// largeRoadmap makes a roadmap of n item rows from the seeds' item rows,
// renumbered into sections of 40, with a page break and a continuation row
// every 25 rows, deterministically.
func largeRoadmap(seeds [][]byte, n int) []byte {
	var rows [][]string
	for _, data := range seeds {
		for _, ln := range strings.Split(string(data), "\n") {
			c := strings.Split(ln, "\t")
			if len(c) == 5 && c[0] != "" && c[2] != "" && c[0][0] >= '0' && c[0][0] <= '9' {
				rows = append(rows, c)
			}
		}
	}
	var buf bytes.Buffer
	buf.WriteString("**План мероприятий («дорожная карта»)****по развитию в Сарове муниципальной системы воспитания****на 2021-2022 годы**\n\n")
	buf.WriteString("<b>№ п/п</b>\t<b>Наименование мероприятия</b>\t<b>Сроки</b>\t<b>Ответственный исполнитель</b>\t<b>Ожидаемый результат</b>\n")
	sec, item := 0, 0
	for i := 0; i < n; i++ {
		if i%40 == 0 {
			sec, item = sec+1, 0
			fmt.Fprintf(&buf, "<b>%d. Раздел %d: меры по развитию системы воспитания</b>\t\t\t\t\n", sec, sec)
		}
		item++
		r := rows[i%len(rows)]
		fmt.Fprintf(&buf, "%d.%d.\t%s\t%s\t%s\t%s\n", sec, item, r[1], r[2], r[3], r[4])
		if i%25 == 24 {
			buf.WriteString("\n\n\tпродолжение текста мероприятия после разрыва страницы\t\t\tи ожидаемого результата\n")
		}
	}
	return buf.Bytes()
}

// BenchmarkBuildLarge reads and builds a 5,000-row roadmap of about 3 MB
// (target < 100 ms and < 150 MB allocated).
// The "build" sub-benchmark leaves out ingest.Read, to show normalize's
// own share.
func BenchmarkBuildLarge(b *testing.B) {
	data := largeRoadmap(readSeeds(b), 5000)
	b.Run("read+build", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		defer reportCPU(b)()
		for b.Loop() {
			readAndBuild(b, "large.txt", data)
		}
	})
	b.Run("build", func(b *testing.B) {
		t, err := ingest.Read("large.txt", data)
		if err != nil {
			b.Fatal(err)
		}
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		defer reportCPU(b)()
		for b.Loop() {
			if _, err := Build(t, Options{}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkBuildSchools builds a 5,000-row roadmap whose activities name
// two of 500 schools each: most responsible cells come once, and the
// executors' resolver meets a new school every few rows (the memo of
// orgs.Resolver must not cost more than it saves there).
func BenchmarkBuildSchools(b *testing.B) {
	t, err := ingest.Read("schools.txt", workload.Roadmap(workload.Options{Items: 5000, Seed: 1, Schools: 500}))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		if _, err := Build(t, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCorpus reads and builds a region's 1,000 seed-sized files
// (workload.Corpus: the seeds with years shifted and school numbers
// changed) with one worker per core (target < 1 s per op on 2 cores).
func BenchmarkCorpus(b *testing.B) {
	files := workload.Corpus(1000, 1)
	var size int64
	for _, f := range files {
		size += int64(len(f))
	}
	workers := runtime.GOMAXPROCS(0)
	b.SetBytes(size)
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		jobs := make(chan int)
		var wg sync.WaitGroup
		for w := 0; w < workers; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for j := range jobs {
					if err := readBuild(fmt.Sprintf("region/%04d.txt", j), files[j]); err != nil {
						b.Error(err)
					}
				}
			}()
		}
		for j := range files {
			jobs <- j
		}
		close(jobs)
		wg.Wait()
	}
}

// TestLargeRoadmap checks the benchmark input reads as intended: every row
// an item, every continuation merged.
func TestLargeRoadmap(t *testing.T) {
	var seeds [][]byte
	for _, f := range seedFiles {
		data, err := os.ReadFile(filepath.Join(repoRoot, f))
		if err != nil {
			t.Fatal(err)
		}
		seeds = append(seeds, data)
	}
	data := largeRoadmap(seeds, 5000)
	tb, err := ingest.Read("large.txt", data)
	if err != nil {
		t.Fatal(err)
	}
	p, err := Build(tb, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Items) != 5000 || len(p.Sections) != 125 {
		t.Errorf("%d items, %d sections; want 5000 and 125 (%d bytes)", len(p.Items), len(p.Sections), len(data))
	}
	if n := countCode(p, "continuation"); n != 200 {
		t.Errorf("%d continuations merged, want 200", n)
	}
}
