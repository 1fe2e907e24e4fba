package schedule_test

import (
	"bufio"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/normalize/schedule"
)

// TestBlind3 reads testdata/blind3.txt: deadline cells as officials write
// them, each with the reading DOMAIN.md's rules give, written before the
// parser was read (the third blind round of issue 9). Every line must read as
// written there; the score is logged for the record.
func TestBlind3(t *testing.T) {
	cases := readBlind3(t, "testdata/blind3.txt")
	ok := 0
	for _, c := range cases {
		r := schedule.Parse(c.text, c.period)
		if msg := c.check(r.Schedule); msg != "" {
			t.Errorf("testdata/blind3.txt:%d: %q in %s: %s", c.line, c.text, c.period, msg)
			continue
		}
		ok++
	}
	t.Logf("blind3 deadlines read right: %d of %d (%.1f%%)", ok, len(cases), 100*float64(ok)/float64(len(cases)))
}

type blind3Case struct {
	line   int
	text   string
	period plan.Period
	kind   plan.Kind // "" for any kind but unknown and unscheduled; "none" for no months
	months []plan.Month
	any    bool // months not checked
}

func readBlind3(t *testing.T, path string) []blind3Case {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []blind3Case
	var period plan.Period
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if v, ok := strings.CutPrefix(line, "# period: "); ok {
			from, to, _ := strings.Cut(v, "..")
			a, err1 := plan.ParseMonth(from)
			b, err2 := plan.ParseMonth(to)
			if err1 != nil || err2 != nil {
				t.Fatalf("%s:%d: bad period %q", path, n, v)
			}
			period = plan.Period{From: a, To: b}
			continue
		}
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		text, want, ok := strings.Cut(line, " | ")
		if !ok || period.IsZero() {
			t.Fatalf("%s:%d: want 'TEXT | WANT' after a period line", path, n)
		}
		c := blind3Case{line: n, text: text, period: period}
		switch {
		case want == "recurring":
			c.kind, c.any = plan.KindRecurring, true
		case want == "unscheduled":
			c.kind = plan.KindUnscheduled
		case want == "none":
			c.kind = "none"
		default:
			if v, ok := strings.CutPrefix(want, "recurring: "); ok {
				c.kind, want = plan.KindRecurring, v
			}
			if c.months, err = blind3Months(want); err != nil {
				t.Fatalf("%s:%d: %v", path, n, err)
			}
		}
		out = append(out, c)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// blind3Months reads "2023-09 2024-01..2024-03" into every month listed.
func blind3Months(spec string) ([]plan.Month, error) {
	var out []plan.Month
	for _, tok := range strings.Fields(spec) {
		from, to, isRange := strings.Cut(tok, "..")
		if !isRange {
			to = from
		}
		a, err := plan.ParseMonth(from)
		if err != nil {
			return nil, fmt.Errorf("months %q: %v", tok, err)
		}
		b, err := plan.ParseMonth(to)
		if err != nil {
			return nil, fmt.Errorf("months %q: %v", tok, err)
		}
		for m := a; m <= b; m++ {
			out = append(out, m)
		}
	}
	return out, nil
}

// check says what is wrong with s, or "" when it reads as expected.
func (c blind3Case) check(s plan.Schedule) string {
	got := fmt.Sprintf("got %s %v", s.Kind, monthList(s.Months))
	switch c.kind {
	case "none":
		if len(s.Months) > 0 {
			return "want no months, " + got
		}
		return ""
	case plan.KindUnscheduled:
		if s.Kind != plan.KindUnscheduled || len(s.Months) > 0 {
			return "want unscheduled, " + got
		}
		return ""
	case plan.KindRecurring:
		if s.Kind != plan.KindRecurring {
			return "want recurring, " + got
		}
	default:
		if s.Kind == plan.KindUnknown || s.Kind == plan.KindUnscheduled {
			return "want months, " + got
		}
	}
	if !c.any && !slices.Equal(s.Months, c.months) {
		return fmt.Sprintf("want %v, %s", monthList(c.months), got)
	}
	return ""
}

func monthList(ms []plan.Month) string {
	var b strings.Builder
	for i := 0; i < len(ms); {
		j := i
		for j+1 < len(ms) && ms[j+1] == ms[j]+1 {
			j++
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(ms[i].String())
		if j > i {
			b.WriteString(".." + ms[j].String())
		}
		i = j + 1
	}
	return "[" + b.String() + "]"
}
