package normalize

import (
	"testing"

	"github.com/roadmap-tool/roadmap/ingest"
	"github.com/roadmap-tool/roadmap/normalize/plan"
)

func build(t *testing.T, name, doc string) *plan.Plan {
	t.Helper()
	tb, err := ingest.Read(name, []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	p, err := Build(tb, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func codes(p *plan.Plan, code string) []plan.Diagnostic {
	var out []plan.Diagnostic
	for _, d := range p.Diagnostics {
		if d.Code == code {
			out = append(out, d)
		}
	}
	return out
}

// A roadmap with a header and no activity is an error (no-items), which
// makes ingest and lint exit with 1.
func TestEmptyRoadmapIsAnError(t *testing.T) {
	const head = "План мероприятий на 2021-2022 годы\n№\tМероприятие\tСроки\tОтветственные\n"
	for name, doc := range map[string]string{
		"header only":         head,
		"header and sections": head + "<b>1. Раздел первый</b>\t\t\t\n<b>2. Раздел второй</b>\t\t\t\n",
		"header and blank":    head + "\n\n\t\t\t\n",
		"html header only":    "<html><body><p>План на 2021 год</p><table><tr><td>№</td><td>Мероприятие</td><td>Сроки</td></tr></table>",
	} {
		t.Run(name, func(t *testing.T) {
			p := build(t, "empty.txt", doc)
			ds := codes(p, plan.CodeNoItems)
			if len(p.Items) != 0 || len(ds) != 1 || ds[0].Severity != plan.Error || !p.Diagnostics.HasErrors() {
				t.Fatalf("items %d, diagnostics %v", len(p.Items), p.Diagnostics)
			}
			if ds[0].Pos.Line == 0 {
				t.Errorf("no-items without a line: %v", ds[0])
			}
		})
	}
	p := build(t, "one.txt", head+"1.\tСовещание\tМай 2021\tОО\n")
	if len(codes(p, plan.CodeNoItems)) != 0 {
		t.Errorf("no-items on a roadmap with an item: %v", p.Diagnostics)
	}
}
