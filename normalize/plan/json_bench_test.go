package plan_test

import (
	"bytes"
	"os"
	"testing"

	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// BenchmarkJSON reads and writes the plan JSON named by ROADMAP_BENCH_PLAN
// (roadmap ingest of a 5,000-item roadmap: 7.7 MB).
func BenchmarkJSON(b *testing.B) {
	data, err := os.ReadFile(os.Getenv("ROADMAP_BENCH_PLAN"))
	if err != nil {
		b.Skip(err)
	}
	p, err := plan.Read(bytes.NewReader(data))
	if err != nil {
		b.Fatal(err)
	}
	b.Run("read", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			plan.Read(bytes.NewReader(data))
		}
	})
	b.Run("write", func(b *testing.B) {
		var buf bytes.Buffer
		for i := 0; i < b.N; i++ {
			buf.Reset()
			plan.Write(&buf, p)
		}
	})
}

func TestMonthsJSONRoundTrip(t *testing.T) {
	for _, ms := range []plan.Months{nil, {}, {plan.MonthOf(2021, 9)}, {plan.MonthOf(2021, 12), plan.MonthOf(2022, 1), plan.MonthOf(999, 1)}} {
		b, err := ms.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		var back plan.Months
		if err := back.UnmarshalJSON(b); err != nil {
			t.Fatalf("%s: %v", b, err)
		}
		if len(back) != len(ms) {
			t.Fatalf("%s: got %v, want %v", b, back, ms)
		}
		for i := range ms {
			if back[i] != ms[i] {
				t.Fatalf("%s: got %v, want %v", b, back, ms)
			}
		}
	}
	if got, _ := (plan.Months{plan.MonthOf(2021, 9), plan.MonthOf(2022, 10)}).MarshalJSON(); string(got) != `["2021-09","2022-10"]` {
		t.Errorf("got %s", got)
	}
	for _, bad := range []string{`[2021]`, `["2021-13"]`, `["21-01"]`, `{}`, `["2021-01",]`} {
		var ms plan.Months
		if err := ms.UnmarshalJSON([]byte(bad)); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
}
