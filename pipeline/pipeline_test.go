package pipeline

import (
	"bytes"
	"context"
	"encoding/csv"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"

	"github.com/roadmap-tool/roadmap/internal/workload"
	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/produce"
	"github.com/roadmap-tool/roadmap/seeds"
)

var hrefRE = regexp.MustCompile(`href="([^"]+)"`)

var fixedNow = time.Date(2022, 2, 15, 10, 0, 0, 0, time.UTC)

func TestBuildSeeds(t *testing.T) {
	out := t.TempDir()
	res, err := Run(context.Background(), produce.Seeds(), Options{OutDir: out, Now: fixedNow, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != len(seeds.Names()) {
		t.Fatalf("results = %d, want %d", len(res), len(seeds.Names()))
	}
	for _, r := range res {
		if r.Err != nil {
			t.Fatalf("%s: %v", r.Input, r.Err)
		}
		assertComplete(t, out, r)
	}
	if res[0].Dir == res[1].Dir {
		t.Errorf("two seeds share the folder %q", res[0].Dir)
	}
	rows := readSummary(t, out)
	if len(rows) != 3 {
		t.Fatalf("summary.csv has %d rows, want header + 2", len(rows))
	}
	idx, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	links := map[string]bool{}
	for _, m := range hrefRE.FindAllStringSubmatch(string(idx), -1) {
		u, err := url.PathUnescape(m[1])
		if err != nil {
			t.Errorf("bad href %q", m[1])
		}
		links[u] = true
	}
	for _, r := range res {
		for _, o := range r.Outputs {
			if !links[o] {
				t.Errorf("index.html does not link %s", o)
			}
		}
	}
}

// assertComplete checks every output of a built roadmap exists and is
// not empty, and that the plan JSON reads back with the same counts.
func assertComplete(t *testing.T, out string, r Result) {
	t.Helper()
	for _, name := range []string{"plan.json", "diagnostics.txt", "tracker.xlsx", "report.pdf", "matrix.xlsx", "matrix.pdf"} {
		p := filepath.Join(out, r.Dir, name)
		st, err := os.Stat(p)
		if err != nil {
			t.Errorf("%s: %v", r.Input, err)
			continue
		}
		if st.Size() == 0 && name != "diagnostics.txt" {
			t.Errorf("%s: %s is empty", r.Input, name)
		}
	}
	f, err := os.Open(filepath.Join(out, r.Dir, "plan.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p, err := plan.Read(f)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Items) != r.Items || r.Items == 0 {
		t.Errorf("%s: plan.json has %d items, result says %d", r.Input, len(p.Items), r.Items)
	}
	cls, _ := filepath.Glob(filepath.Join(out, r.Dir, "checklists", "*.xlsx"))
	if len(cls) == 0 || len(cls) != r.Checklists {
		t.Errorf("%s: %d checklist files, result says %d", r.Input, len(cls), r.Checklists)
	}
	tmp, _ := filepath.Glob(filepath.Join(out, r.Dir, ".*tmp*"))
	if len(tmp) > 0 {
		t.Errorf("temporary files left: %v", tmp)
	}
}

func readSummary(t *testing.T, out string) [][]string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(out, "summary.csv"))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestBuildFolderWithBadFiles: good files build completely; each bad one
// is reported with its reason and does not stop the others.
func TestBuildFolderWithBadFiles(t *testing.T) {
	in := t.TempDir()
	write := func(name string, data []byte) {
		if err := os.WriteFile(filepath.Join(in, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	seed0, _ := os.ReadFile("../seeds/" + seeds.Names()[0])
	seed1, _ := os.ReadFile("../seeds/" + seeds.Names()[1])
	write("a_good.txt", seed0)
	write("b_good.txt", seed1)
	cp, err := charmap.Windows1251.NewEncoder().Bytes(bytes.ReplaceAll(seed0, []byte("\n"), []byte("\r\n")))
	if err != nil {
		t.Fatal(err)
	}
	write("c_cp1251.txt", cp)
	write("d_empty.txt", nil)
	write("e_binary.txt", []byte("\x00\x01\x02\x03PK\x03\x04\xff\xfe garbage \x00\x00"))
	write("f_noheader.txt", []byte("Просто текст\nбез таблицы\tи заголовка\tсовсем\nещё\tодна\tстрока\n"))
	huge := workload.Roadmap(workload.Options{Items: 5000, Seed: 3})
	write("g_huge.txt", huge)

	out := t.TempDir()
	res, err := Run(context.Background(), mustInputs(t, in), Options{OutDir: out, Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{ // file -> substring of the reason, "" = must succeed
		"a_good.txt": "", "b_good.txt": "", "c_cp1251.txt": "", "g_huge.txt": "",
		"d_empty.txt": "пуст", "e_binary.txt": "двоичн", "f_noheader.txt": "заголов",
	}
	checkOutcomes(t, res, want, func(r Result) { assertComplete(t, out, r) })
	if rows := readSummary(t, out); len(rows) != 8 {
		t.Errorf("summary.csv rows = %d, want 8", len(rows))
	}
}

// checkOutcomes checks each result against want (the input's base name
// -> a substring of the reason it failed with, "" when it must be
// built, then checked by built), and that every name has a result.
func checkOutcomes(t *testing.T, res []Result, want map[string]string, built func(Result)) {
	t.Helper()
	want = maps.Clone(want)
	for _, r := range res {
		base := filepath.Base(r.Input)
		reason, ok := want[base]
		if !ok {
			t.Errorf("unexpected input %s", r.Input)
			continue
		}
		delete(want, base)
		switch {
		case reason == "" && r.State() != Done:
			t.Errorf("%s: %v", base, r.Err)
		case reason == "":
			built(r)
		case r.Err == nil || !strings.Contains(r.Err.Error(), reason):
			t.Errorf("%s: err = %v, want a reason containing %q", base, r.Err, reason)
		case !strings.Contains(r.Err.Error(), base):
			t.Errorf("%s: the reason does not name the file: %v", base, r.Err)
		}
	}
	for f := range want {
		t.Errorf("no result for %s", f)
	}
}

func mustInputs(t *testing.T, dir string) []produce.Input {
	in, err := produce.Inputs([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	return in
}

func TestSameTitleGetsDistinctFolders(t *testing.T) {
	in := t.TempDir()
	seed0, _ := os.ReadFile("../seeds/" + seeds.Names()[0])
	os.WriteFile(filepath.Join(in, "one.txt"), seed0, 0o644)
	os.WriteFile(filepath.Join(in, "two.txt"), seed0, 0o644)
	out := t.TempDir()
	res, err := Run(context.Background(), mustInputs(t, in), Options{OutDir: out, Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	if res[0].Dir == res[1].Dir || res[0].Err != nil || res[1].Err != nil {
		t.Fatalf("dirs %q and %q (errs %v, %v)", res[0].Dir, res[1].Dir, res[0].Err, res[1].Err)
	}
	if !strings.HasSuffix(res[1].Dir, "_2") {
		t.Errorf("second folder %q should end in _2", res[1].Dir)
	}
}

func TestCancelledRunStopsAndSaysSo(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	out := t.TempDir()
	_, err := Run(ctx, produce.Seeds(), Options{OutDir: out, Now: fixedNow})
	if err != context.Canceled {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	left, _ := filepath.Glob(filepath.Join(out, "*", ".*tmp*"))
	if len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}
