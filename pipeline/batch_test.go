package pipeline

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/produce"
	"github.com/roadmap-tool/roadmap/seeds"
	"github.com/roadmap-tool/roadmap/templates"
)

func seedBytes(t *testing.T, i int) []byte {
	t.Helper()
	b, err := os.ReadFile("../seeds/" + seeds.Names()[i])
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// inputNames lists the inputs a build of paths would read, relative to
// root.
func inputNames(t *testing.T, root string, r produce.Reader, paths ...string) []string {
	t.Helper()
	in, err := r.Inputs(paths)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, i := range in {
		rel, _ := filepath.Rel(root, i.Name)
		out = append(out, filepath.ToSlash(rel))
	}
	return out
}

// TestOwnOutputsNotInputs: `build .` twice, with the outputs below the
// inputs or in the same folder, reads the roadmap and nothing it wrote
// (plan.json, diagnostics.txt, index.html); the outputs are recognised by
// the folder given, by the marker, and alone by their content.
func TestOwnOutputsNotInputs(t *testing.T) {
	for _, tc := range []struct{ name, out string }{{"below", "out"}, {"same folder", "."}} {
		t.Run(tc.name, func(t *testing.T) {
			in := t.TempDir()
			os.WriteFile(filepath.Join(in, "plan.txt"), seedBytes(t, 0), 0o644)
			out := filepath.Join(in, tc.out)
			r := produce.Reader{Outputs: []string{out}}
			for run := 1; run <= 2; run++ {
				if got := inputNames(t, in, r, in); len(got) != 1 || got[0] != "plan.txt" {
					t.Fatalf("run %d reads %v", run, got)
				}
				inputs, _ := r.Inputs([]string{in})
				res, err := Run(context.Background(), inputs, Options{OutDir: out, Now: fixedNow})
				if err != nil || res[0].Err != nil {
					t.Fatal(err, res[0].Err)
				}
			}
			// Without the folder given (another output folder): the markers.
			if got := inputNames(t, in, produce.Reader{}, in); len(got) != 1 {
				t.Errorf("without Outputs: %v", got)
			}
			// The files alone, copied away from their folders: by content.
			lone := filepath.Join(in, "copied")
			os.Mkdir(lone, 0o755)
			dirs, _ := filepath.Glob(filepath.Join(out, "*", "diagnostics.txt"))
			if len(dirs) != 1 {
				t.Fatalf("diagnostics files: %v", dirs)
			}
			for _, f := range []string{filepath.Join(out, "index.html"), dirs[0]} {
				b, _ := os.ReadFile(f)
				os.WriteFile(filepath.Join(lone, filepath.Base(f)), b, 0o644)
			}
			if got := inputNames(t, in, produce.Reader{}, in); len(got) != 1 {
				t.Errorf("copied outputs read as inputs: %v", got)
			}
		})
	}
}

// TestDiagnosticsFileCountsAgree: diagnostics.txt lists exactly what
// summary.csv and index.html count, the recipients' warnings (unknown
// group executors) included.
func TestDiagnosticsFileCountsAgree(t *testing.T) {
	out := t.TempDir()
	res, err := Run(context.Background(), produce.Seeds()[:1], Options{OutDir: out, Now: fixedNow})
	if err != nil || res[0].Err != nil {
		t.Fatal(err, res[0].Err)
	}
	r := res[0]
	b, err := os.ReadFile(filepath.Join(out, r.Dir, "diagnostics.txt"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")[1:] // the header line
	groups := 0
	for _, d := range r.Diagnostics {
		if !strings.Contains(string(b), d.String()) {
			t.Errorf("diagnostics.txt lacks %s", d)
		}
		if d.Code == "unknown-group" {
			groups++
		}
	}
	if groups == 0 {
		t.Fatal("no recipient warning to check (unknown-group)")
	}
	if len(lines) != len(r.Diagnostics) {
		t.Errorf("diagnostics.txt has %d lines, the result %d diagnostics", len(lines), len(r.Diagnostics))
	}
	rows := readSummary(t, out)
	if w, e := rows[1][7], rows[1][8]; w != itoa(r.Warnings()) || e != itoa(r.Errors()) {
		t.Errorf("summary.csv counts %s/%s", w, e)
	}
	warned := 0
	for _, l := range lines {
		if strings.Contains(l, ": предупреждение: ") {
			warned++
		}
	}
	if warned != r.Warnings() {
		t.Errorf("diagnostics.txt lists %d warnings, summary.csv counts %d", warned, r.Warnings())
	}
	idx, _ := os.ReadFile(filepath.Join(out, "index.html"))
	if !strings.Contains(string(idx), "предупреждений: "+itoa(r.Warnings())) {
		t.Errorf("index.html does not count %d warnings", r.Warnings())
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestInterruptedBuildSaysSo: a build cancelled after its first roadmap
// marks the others "не обработано" in summary.csv, index.html and the
// terminal, never "готово", and ends with an interruption.
func TestInterruptedBuildSaysSo(t *testing.T) {
	in := t.TempDir()
	for _, n := range []string{"a.txt", "b.txt", "c.txt"} {
		os.WriteFile(filepath.Join(in, n), seedBytes(t, 0), 0o644)
	}
	inputs, _ := produce.Inputs([]string{in})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out := t.TempDir()
	res, err := Run(ctx, inputs, Options{OutDir: out, Now: fixedNow, Jobs: 1, Event: func(Result) { cancel() }})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
	states := map[State]int{}
	for _, r := range res {
		states[r.State()]++
	}
	if states[Done] != 1 || states[NotProcessed] != 2 {
		t.Fatalf("states %v", states)
	}
	b := &templates.Default().Build
	rows := readSummary(t, out)
	for i, r := range res {
		want := b.Done
		if r.State() == NotProcessed {
			want = b.NotProcessed
		}
		if rows[i+1][9] != want {
			t.Errorf("summary.csv row %d: %q, want %q", i+1, rows[i+1][9], want)
		}
	}
	idx, _ := os.ReadFile(filepath.Join(out, "index.html"))
	if strings.Count(string(idx), "Не обработано") != 2 || !strings.Contains(string(idx), "Сборка прервана") {
		t.Error("index.html does not say the build was interrupted")
	}
	var term strings.Builder
	WriteText(&term, res, len(inputs), 0, out, b)
	if !strings.Contains(term.String(), "не обработано (сборка прервана): 2") || strings.Count(term.String(), "не обработано") != 3 {
		t.Errorf("terminal:\n%s", term.String())
	}
	// The same summary in a department's words (build.yaml).
	own := *b
	own.TerminalColumns = []string{"документ", "разд.", "пунктов", "предупр.", "ошибок", "итог"}
	own.FinishedInterrupted = "; прервано до {n} документов"
	term.Reset()
	WriteText(&term, res, len(inputs), 0, out, &own)
	if !strings.HasPrefix(term.String(), "документ") || !strings.Contains(term.String(), "; прервано до 2 документов, за 0.0 с. Сводка: ") {
		t.Errorf("terminal in own words:\n%s", term.String())
	}
	if e := Outcome(res, err, len(inputs)); !errors.Is(e, context.Canceled) || !strings.Contains(e.Error(), "не обработано: 2") {
		t.Errorf("outcome %v", e)
	}
}

// TestNoItemsFailsTheBuild: a roadmap with a header and no activity is
// built (its diagnostics say why) but fails the run, as lint fails it.
func TestNoItemsFailsTheBuild(t *testing.T) {
	in := t.TempDir()
	os.WriteFile(filepath.Join(in, "a.txt"), seedBytes(t, 0), 0o644)
	os.WriteFile(filepath.Join(in, "b.txt"), []byte("План мероприятий на 2022 год\n№ п/п\tНаименование мероприятия\tСроки\tОтветственный исполнитель\n"), 0o644)
	out := t.TempDir()
	res, err := Run(context.Background(), mustInputs(t, in), Options{OutDir: out, Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	if res[0].State() != Done || res[1].State() != WithErrors || res[1].Diagnostics[0].Code != plan.CodeNoItems {
		t.Fatalf("states %v %v", res[0].State(), res[1].State())
	}
	rows := readSummary(t, out)
	if !strings.HasPrefix(rows[2][9], "ошибки в документе: 1") {
		t.Errorf("summary.csv: %q", rows[2][9])
	}
	if e := Outcome(res, nil, 2); e == nil || !strings.Contains(e.Error(), "с ошибками: 1 из 2") {
		t.Errorf("outcome %v", e)
	}
}
