package orgs

import (
	"strings"
	"testing"
)

// FuzzResolve checks that any cell, used both as a definition and as a
// responsible cell, resolves without panic into executors that each have a
// text and an organisation listed by Organizations.
func FuzzResolve(f *testing.F) {
	_, cells := seedCells(f)
	seen := map[string]bool{}
	for _, c := range append(cells, derbentDefs...) {
		if !seen[c] {
			seen[c] = true
			f.Add(c)
		}
	}
	f.Add("МБОУ СОШ № 1, 2 и 5; все ОО совместно с ДИРО")
	f.Add("(далее - )(далее-(далее – X))")
	f.Fuzz(func(t *testing.T, cell string) {
		r := New(nil)
		r.Define(cell)
		execs, finds := r.Resolve(cell)
		names := map[string]bool{}
		for _, o := range r.Organizations() {
			if names[o.Name] {
				t.Fatalf("%q: organisation %q listed twice", cell, o.Name)
			}
			names[o.Name] = true
		}
		for _, e := range execs {
			if strings.TrimSpace(e.Text) == "" || e.Org == "" || !names[e.Org] {
				t.Fatalf("%q: bad executor %+v (orgs %v)", cell, e, names)
			}
		}
		for _, fd := range finds {
			if fd.Message == "" || fd.Code == "" {
				t.Fatalf("%q: bad finding %+v", cell, fd)
			}
		}
		// Short forms among the cell's organisations: each maps to an
		// organisation of the list that is not itself mapped, and the
		// merge keeps every other name once.
		list := r.Organizations()
		full, _ := ShortForms(list)
		merged := MergeShortForms(list, full)
		kept := map[string]bool{}
		for _, o := range merged {
			if kept[o.Name] {
				t.Fatalf("%q: %q merged twice", cell, o.Name)
			}
			kept[o.Name] = true
		}
		for s, l := range full {
			if !kept[l] || kept[s] {
				t.Fatalf("%q: short form %q -> %q, kept %v", cell, s, l, kept)
			}
		}
		if len(merged)+len(full) != len(list) {
			t.Fatalf("%q: %d organisations, %d merged, %d left", cell, len(list), len(full), len(merged))
		}
	})
}
