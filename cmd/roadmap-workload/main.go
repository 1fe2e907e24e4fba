// Command roadmap-workload writes the large benchmark workloads, generated
// deterministically from the embedded seeds, so that nothing large is
// committed:
//
//	go run ./cmd/roadmap-workload -o /tmp/wl            # big.txt (5,000 items), corpus/ (1,000 files), orgs.csv (500)
//	go run ./cmd/roadmap-workload -o /tmp/wl -items 100 -corpus 10
//
// With -fill DIR it answers instead the checklists that `roadmap
// checklists` wrote into DIR as the peers' benchmark answers its own
// (workload.FillChecklist), so that both sides collect filled files:
//
//	go run ./cmd/roadmap-workload -fill /tmp/checklists
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/roadmap-tool/roadmap/internal/workload"
)

func main() {
	out := flag.String("o", "workload", "output directory")
	items := flag.Int("items", 5000, "activities in big.txt")
	corpus := flag.Int("corpus", 1000, "roadmap files in corpus/")
	schools := flag.Int("schools", 500, "schools in orgs.csv")
	perItem := flag.Int("per-item", 8, "schools named by each activity of big.txt")
	seed := flag.Uint64("seed", 20240601, "random seed")
	fill := flag.String("fill", "", "answer the checklists in this `directory` instead")
	flag.Parse()
	if *fill != "" {
		if err := fillAll(*fill); err != nil {
			fmt.Fprintln(os.Stderr, "roadmap-workload:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(*out, *items, *corpus, *schools, *perItem, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "roadmap-workload:", err)
		os.Exit(1)
	}
}

func run(out string, items, corpus, schools, perItem int, seed uint64) error {
	if err := os.MkdirAll(filepath.Join(out, "corpus"), 0o755); err != nil {
		return err
	}
	big := workload.Roadmap(workload.Options{Items: items, Seed: seed, Schools: schools, PerItem: perItem})
	if err := os.WriteFile(filepath.Join(out, "big.txt"), big, 0o644); err != nil {
		return err
	}
	for i, data := range workload.Corpus(corpus, seed) {
		if err := os.WriteFile(filepath.Join(out, "corpus", fmt.Sprintf("roadmap_%04d.txt", i)), data, 0o644); err != nil {
			return err
		}
	}
	if err := os.WriteFile(filepath.Join(out, "orgs.csv"), workload.Schools(schools), 0o644); err != nil {
		return err
	}
	fmt.Printf("%s: big.txt (%d items, %d bytes), corpus/ (%d files), orgs.csv (%d schools)\n",
		out, items, len(big), corpus, schools)
	return nil
}

// fillAll answers every checklist in dir, one per CPU at a time.
func fillAll(dir string) error {
	files, err := filepath.Glob(filepath.Join(dir, "*.xlsx"))
	if err != nil || len(files) == 0 {
		return fmt.Errorf("%s: нет чек-листов (*.xlsx)", dir)
	}
	var (
		mu     sync.Mutex
		wg     sync.WaitGroup
		first  error
		filled int
	)
	next := make(chan string)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range next {
				n, err := workload.FillChecklist(f)
				mu.Lock()
				filled += n
				if err != nil && first == nil {
					first = err
				}
				mu.Unlock()
			}
		}()
	}
	for _, f := range files {
		next <- f
	}
	close(next)
	wg.Wait()
	if first != nil {
		return first
	}
	fmt.Printf("%s: %d checklists, %d rows answered\n", dir, len(files), filled)
	return nil
}
