// Command roadmap-workload writes the large benchmark workloads, generated
// deterministically from the embedded seeds, so that nothing large is
// committed:
//
//	go run ./cmd/roadmap-workload -o /tmp/wl            # big.txt (5,000 items), corpus/ (1,000 files), orgs.csv (500)
//	go run ./cmd/roadmap-workload -o /tmp/wl -items 100 -corpus 10
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/roadmap-tool/roadmap/internal/workload"
)

func main() {
	out := flag.String("o", "workload", "output directory")
	items := flag.Int("items", 5000, "activities in big.txt")
	corpus := flag.Int("corpus", 1000, "roadmap files in corpus/")
	schools := flag.Int("schools", 500, "schools in orgs.csv")
	perItem := flag.Int("per-item", 8, "schools named by each activity of big.txt")
	seed := flag.Uint64("seed", 20240601, "random seed")
	flag.Parse()
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
