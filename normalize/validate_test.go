package normalize

import (
	"bytes"
	"testing"

	"github.com/roadmap-tool/roadmap/ingest"
	"github.com/roadmap-tool/roadmap/internal/workload"
	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// What Build makes is a plan the JSON reader accepts: every fixture, both
// seeds and a sample of the benchmark corpus pass plan.Validate, and their
// JSON reads back.
func TestBuiltPlansValidate(t *testing.T) {
	check := func(name string, p *plan.Plan) {
		t.Helper()
		if err := p.Validate(); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		var b bytes.Buffer
		if err := plan.Write(&b, p); err != nil {
			t.Fatal(err)
		}
		if _, err := plan.DecodeNamed(name, b.Bytes()); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	for _, c := range goldenCases(t) {
		_, p := buildFile(t, c.input)
		check(c.input, p)
	}
	for i, data := range workload.Corpus(40, 7) {
		tb, err := ingest.Read("corpus.txt", data)
		if err != nil {
			t.Fatal(err)
		}
		p, err := Build(tb, Options{})
		if err != nil {
			t.Fatal(err)
		}
		check("corpus "+string(rune('0'+i%10)), p)
	}
}
