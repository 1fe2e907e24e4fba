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

func TestHashSeesContentNotSource(t *testing.T) {
	num := "1.1."
	base := func() *plan.Plan {
		return &plan.Plan{Title: "План", Source: plan.Source{Path: "a.txt"},
			Items: []plan.Item{{ID: "1.1", Number: &num, Activity: plan.Text{Text: "Мероприятие"},
				Deadline:    plan.Schedule{Text: "Май 2021", Months: plan.Months{plan.MonthOf(2021, 5)}},
				Responsible: []plan.Executor{{Text: "ОО", Org: "ОО", Group: true}}, Extra: map[string]string{"Показатели": "1"}}}}
	}
	h := base().Hash()
	if len(h) != 16 {
		t.Fatalf("hash %q", h)
	}
	moved := base()
	moved.Source.Path = "elsewhere/b.txt"
	moved.Diagnostics.Add(plan.Pos{Line: 3}, plan.Warning, "x", "y", "z")
	if moved.Hash() != h {
		t.Error("source path or diagnostics changed the hash")
	}
	changes := []func(p *plan.Plan){
		func(p *plan.Plan) { p.Title = "План 2" },
		func(p *plan.Plan) { p.Items[0].Activity.Text = "Мероприятие." },
		func(p *plan.Plan) { p.Items[0].Deadline.Months = plan.Months{plan.MonthOf(2021, 6)} },
		func(p *plan.Plan) { p.Items[0].Responsible[0].Co = true },
		func(p *plan.Plan) { p.Items[0].Extra["Показатели"] = "2" },
		// Moving text between adjacent fields must change the hash too.
		func(p *plan.Plan) {
			p.Items[0].Activity.Text = "Мероприятие" + "Май 2021"
			p.Items[0].Deadline.Text = ""
		},
	}
	for i, change := range changes {
		p := base()
		change(p)
		if p.Hash() == h {
			t.Errorf("change %d did not change the hash", i)
		}
	}
}

func TestRemoveRepeats(t *testing.T) {
	var l plan.Diagnostics
	p := plan.Pos{File: "a", Line: 9, Col: 170}
	l.Add(p, plan.Warning, "unknown-executor", "m", "МОЦ")
	l.Add(p, plan.Warning, "unknown-executor", "m", "МОЦ") // the rowspan copy
	l.Add(p, plan.Warning, "unknown-executor", "m", "ОРКСЭ")
	l.Add(plan.Pos{File: "a", Line: 10}, plan.Warning, "unknown-executor", "m", "МОЦ")
	l.RemoveRepeats()
	if len(l) != 3 || l[1].Text != "ОРКСЭ" {
		t.Fatalf("got %v", l)
	}
}
