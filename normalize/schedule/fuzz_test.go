package schedule

import (
	"testing"

	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// FuzzParse checks the invariants of Parse on any text: no panic, the text
// kept, a known kind, months ascending, unique and inside the period, and
// nothing both inside and outside. The committed corpus under
// testdata/fuzz/FuzzParse holds the seed deadlines and the other forms.
func FuzzParse(f *testing.F) {
	for _, c := range seedCases {
		f.Add(c.text)
	}
	for _, c := range formCases {
		f.Add(c.text)
	}
	kinds := map[plan.Kind]bool{plan.KindDated: true, plan.KindRange: true, plan.KindRecurring: true,
		plan.KindPeriod: true, plan.KindUnscheduled: true, plan.KindUnknown: true}
	f.Fuzz(func(t *testing.T, text string) {
		for _, per := range []plan.Period{sarov, derbent, {}} {
			r := Parse(text, per)
			s := r.Schedule
			if s.Text != text {
				t.Fatalf("Text = %q, want %q", s.Text, text)
			}
			if !kinds[s.Kind] {
				t.Fatalf("%q: kind %q", text, s.Kind)
			}
			for i, m := range s.Months {
				if i > 0 && m <= s.Months[i-1] {
					t.Fatalf("%q: months not ascending and unique: %v", text, s.Months)
				}
				if !per.IsZero() && !per.Contains(m) {
					t.Fatalf("%q: month %s outside %s", text, m, per)
				}
			}
			for i, m := range r.Outside {
				if i > 0 && m <= r.Outside[i-1] || per.Contains(m) {
					t.Fatalf("%q: bad Outside %v", text, r.Outside)
				}
			}
			if s.Kind == plan.KindUnknown && (len(s.Months) > 0 || s.Note != "") {
				t.Fatalf("%q: unknown with months or note", text)
			}
		}
	})
}

// BenchmarkParse parses every distinct deadline of both seeds once per
// iteration; ns/op divided by the reported texts is the cost of one text.
func BenchmarkParse(b *testing.B) {
	texts := seedDeadlines(b)
	b.ReportAllocs()
	for b.Loop() {
		for _, t := range texts {
			Parse(t, derbent)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(texts)), "ns/text")
}
