package pdf

import (
	"bytes"
	"testing"

	"github.com/roadmap-tool/roadmap/internal/cputime"
	"github.com/roadmap-tool/roadmap/templates"

	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/view"
	"github.com/roadmap-tool/roadmap/view/viewtest"
)

// benchReport renders a quarterly report with progress on a generated plan
// of items activities: about 64 % of them are rows of the main table (due
// in the first quarter of 2022 or carried forward); the overdue and
// unscheduled lists repeat or add some more.
func benchReport(b *testing.B, items int) {
	p := viewtest.Plan(items)
	q := plan.Quarter{Year: 2022, Q: 1}
	pr := viewtest.Progress(p, q)
	v := view.Quarter(p, q, pr)
	var buf bytes.Buffer
	b.ReportAllocs()
	cpu0, n := cputime.Now(), 0
	for b.Loop() {
		buf.Reset()
		if err := WriteReport(&buf, p, ReportOptions{Quarter: q, Progress: pr, Now: fixedNow}); err != nil {
			b.Fatal(err)
		}
		n++
	}
	b.ReportMetric(float64((cputime.Now()-cpu0).Milliseconds())/float64(n), "cpu-ms/op")
	b.ReportMetric(float64(buf.Len()), "bytes")
	b.ReportMetric(float64(v.Totals.Total), "rows")
	b.ReportMetric(float64(len(v.Overdue)+len(v.Unscheduled)), "list-rows")
}

// BenchmarkReport500 is a report of 500 rows (like the reportlab peer's).
func BenchmarkReport500(b *testing.B) { benchReport(b, 785) }

// BenchmarkReport5000 is a report of 5,000 rows.
func BenchmarkReport5000(b *testing.B) { benchReport(b, 7700) }

// BenchmarkMatrix renders the four matrices of a 5,000-activity plan as
// PDF (the calendar alone is 5,000 rows).
func BenchmarkMatrix(b *testing.B) {
	p := viewtest.Plan(5000)
	s := view.Matrices(p, viewtest.Progress(p, plan.Quarter{Year: 2022, Q: 1}), templates.Default())
	var buf bytes.Buffer
	b.ReportAllocs()
	cpu0, n := cputime.Now(), 0
	for b.Loop() {
		buf.Reset()
		if err := WriteMatrices(&buf, p, s, MatrixOptions{Now: fixedNow}); err != nil {
			b.Fatal(err)
		}
		n++
	}
	b.ReportMetric(float64((cputime.Now()-cpu0).Milliseconds())/float64(n), "cpu-ms/op")
	b.ReportMetric(float64(buf.Len()), "bytes")
}
