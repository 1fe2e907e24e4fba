package normalize

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// The acceptance check of the layouts of other municipalities (issue 9)
// scores a reading against hand-written expectations: items found and
// none invented, deadline months right, executors right. TestLayoutScore
// does the same over the fixtures with expectations in
// testdata/normalize/expect (see its README), so that the figures can be
// measured while the rules change.

// expected is one activity of an expectation file.
type expected struct {
	start  string   // the activity's first words
	months string   // canonical months ("-" for none)
	execs  []string // executor texts, co-executors with a leading "+"
}

func readExpectations(t *testing.T, path string) []expected {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []expected
	for n, ln := range strings.Split(strings.TrimRight(string(data), "\n"), "\n") {
		f := strings.Split(ln, "\t")
		if len(f) != 3 {
			t.Fatalf("%s:%d: want 3 tab-separated fields, got %d", path, n+1, len(f))
		}
		e := expected{start: f[0], months: canonMonths(t, f[1])}
		for _, x := range strings.Split(f[2], " | ") {
			if x = strings.TrimSpace(x); x != "" {
				e.execs = append(e.execs, x)
			}
		}
		out = append(out, e)
	}
	return out
}

// canonMonths expands "2023-01..2023-03,2023-09" to "2023-01 2023-02 2023-03 2023-09".
func canonMonths(t *testing.T, spec string) string {
	if spec == "-" {
		return ""
	}
	var ms []string
	for _, part := range strings.Split(spec, ",") {
		from, to, isRange := strings.Cut(part, "..")
		a, err := plan.ParseMonth(from)
		if err != nil {
			t.Fatalf("month %q: %v", from, err)
		}
		b := a
		if isRange {
			if b, err = plan.ParseMonth(to); err != nil {
				t.Fatalf("month %q: %v", to, err)
			}
		}
		for m := a; m <= b; m++ {
			ms = append(ms, m.String())
		}
	}
	return strings.Join(ms, " ")
}

func itemMonths(it *plan.Item) string {
	parts := make([]string, len(it.Deadline.Months))
	for i, m := range it.Deadline.Months {
		parts[i] = m.String()
	}
	return strings.Join(parts, " ")
}

func itemExecs(it *plan.Item) []string {
	var out []string
	for _, e := range it.Responsible {
		s := e.Text
		if e.Co {
			s = "+" + s
		}
		out = append(out, s)
	}
	return out
}

// score is the tally of one or more documents.
type score struct {
	want, found, invented, monthsRight, execsRight int
}

func (s *score) add(o score) {
	s.want += o.want
	s.found += o.found
	s.invented += o.invented
	s.monthsRight += o.monthsRight
	s.execsRight += o.execsRight
}

func pct(a, b int) float64 {
	if b == 0 {
		return 100
	}
	return 100 * float64(a) / float64(b)
}

// scorePlan matches each expected activity with the first unmatched item
// whose activity starts with its words, and counts what is right.
func scorePlan(t *testing.T, p *plan.Plan, want []expected) score {
	s := score{want: len(want)}
	used := make([]bool, len(p.Items))
	for _, e := range want {
		k := -1
		for i := range p.Items {
			if !used[i] && strings.HasPrefix(strings.Join(strings.Fields(p.Items[i].Activity.Text), " "), e.start) {
				k = i
				break
			}
		}
		if k < 0 {
			t.Logf("%s: not found: %q", p.Source.Path, e.start)
			continue
		}
		used[k] = true
		s.found++
		it := &p.Items[k]
		if got := itemMonths(it); got == e.months {
			s.monthsRight++
		} else {
			t.Logf("%s: %s %q: months %q, want %q", p.Source.Path, it.ID, e.start, got, e.months)
		}
		if got := itemExecs(it); strings.Join(got, " | ") == strings.Join(e.execs, " | ") {
			s.execsRight++
		} else {
			t.Logf("%s: %s %q: executors %q, want %q", p.Source.Path, it.ID, e.start, got, e.execs)
		}
	}
	for i := range p.Items {
		if !used[i] {
			s.invented++
			t.Logf("%s: invented item %s %q", p.Source.Path, p.Items[i].ID, firstLine(p.Items[i].Activity.Text, 60))
		}
	}
	return s
}

// TestLayoutScore reads every fixture with expectations and checks the
// acceptance figures: items found and none invented at least 98 %,
// deadline months right at least 97 %, executors right at least 95 %.
func TestLayoutScore(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(repoRoot, "testdata/normalize/expect/*.expect"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no expectations: %v", err)
	}
	var total score
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".expect")
		_, p := buildFile(t, "testdata/normalize/"+name)
		s := scorePlan(t, p, readExpectations(t, f))
		t.Logf("%-40s items %d/%d, invented %d, months %d, executors %d", name, s.found, s.want, s.invented, s.monthsRight, s.execsRight)
		total.add(s)
	}
	items := pct(total.found-total.invented, total.want)
	months := pct(total.monthsRight, total.want)
	execs := pct(total.execsRight, total.want)
	summary := fmt.Sprintf("%d documents, %d activities: items found and none invented %.1f %%, deadline months right %.1f %%, executors right %.1f %%",
		len(files), total.want, items, months, execs)
	t.Log(summary)
	if items < 98 || months < 97 || execs < 95 {
		t.Errorf("below the acceptance figures (98 / 97 / 95): %s", summary)
	}
}
