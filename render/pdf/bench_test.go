package pdf

import (
	"bytes"
	"testing"

	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/render/matrix"
	"github.com/roadmap-tool/roadmap/render/matrix/matrixtest"
)

// benchReport renders a quarterly report on a generated plan sized so that
// the report has about rows activity rows (the generator puts about 70 %
// of activities in the first quarter of 2022 with progress).
func benchReport(b *testing.B, items int) {
	p := matrixtest.Plan(items)
	q := plan.Quarter{Year: 2022, Q: 1}
	pr := matrixtest.Progress(p, q)
	v := matrix.QuarterView(p, q, pr)
	b.ReportMetric(float64(v.Totals.Total), "rows")
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := WriteReport(&buf, p, ReportOptions{Quarter: q, Progress: pr, Now: fixedNow}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "bytes")
}

// BenchmarkReport500 is a report of 500 rows (like the reportlab peer's).
func BenchmarkReport500(b *testing.B) { benchReport(b, 785) }

// BenchmarkReport5000 is a report of 5,000 rows.
func BenchmarkReport5000(b *testing.B) { benchReport(b, 7700) }
