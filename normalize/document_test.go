package normalize

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// documentFixtures pairs each document fixture (scripts/document-fixtures.sh)
// with the export it must read the same as: the converted ones with the
// export they were made from, the hand-made ones with an export written
// by hand.
var documentFixtures = []struct {
	doc, source string
	formats     []string
}{
	{"converted/seed-000", "seeds/000_a1e155e70aa7bfd4.txt", both},
	{"converted/seed-004", "seeds/004_7e7c8821e6f4a4e0.txt", both},
	{"converted/html-spans", "testdata/normalize/html-spans.html", both},
	{"converted/bom-html-two-date-columns", "testdata/normalize/bom-html-two-date-columns.html", both},
	{"converted/items-with-children", "testdata/normalize/items-with-children.tsv", both},
	{"converted/letters", "testdata/normalize/letters.tsv", both},
	{"converted/two-row-header", "testdata/normalize/two-row-header.tsv", both},
	{"converted/other-columns", "testdata/normalize/other-columns.tsv", both},
	{"converted/no-number-column", "testdata/normalize/no-number-column.tsv", both},
	{"converted/cp1251-crlf-quarters", "testdata/normalize/cp1251-crlf-quarters.tsv", both},
	{"converted/start-end-colspan-footnote", "testdata/normalize/start-end-colspan-footnote.html", both},
	{"converted/year-mark-columns-lo", "testdata/normalize/year-mark-columns-lo.html", both},
	{"converted/task-rows-coexecutors", "testdata/normalize/task-rows-coexecutors.html", both},
	{"handmade/merges", "testdata/normalize/html-spans.html", both},
	{"handmade/autonumber", "testdata/document/handmade/autonumber.html", both},
	{"handmade/autonumber-school", "testdata/document/handmade/autonumber-school.html", both},
	// LibreOffice 7.4 writes a deleted table row of a tracked change to
	// ODF as a plain row: its .odt of this document shows the row, so
	// only the Word form is compared (ingest/document tests ODF's own
	// tracked changes).
	{"handmade/tracked-changes", "testdata/document/handmade/tracked-changes.html", []string{".docx"}},
	{"handmade/split-table", "testdata/document/handmade/split-table.tsv", both},
	{"handmade/nested-tables", "testdata/document/handmade/nested-tables.html", both},
	{"handmade/several-tables", "testdata/document/handmade/several-tables.html", both},
}

var both = []string{".docx", ".odt"}

// formatDiags are diagnostics about one format that the others cannot
// have: a text export's page-break continuation rows, converter noise and
// encoding; a document's revisions, comments and other tables (tested
// where they are made).
var formatDiags = map[string]bool{plan.CodeContinuation: true, plan.CodeNoiseRow: true, plan.CodeRaggedRow: true,
	plan.CodeEncoding: true, plan.CodeTrackedChanges: true, plan.CodeComments: true, plan.CodeOtherTable: true}

// comparable is a plan's JSON with what depends on the format left out:
// the source, line numbers and diagnostic positions.
func comparable(t *testing.T, p *plan.Plan) string {
	t.Helper()
	q := *p
	q.Source = plan.Source{}
	q.Sections = append([]plan.Section(nil), p.Sections...)
	for i := range q.Sections {
		q.Sections[i].Line = 0
	}
	q.Items = append([]plan.Item(nil), p.Items...)
	for i := range q.Items {
		q.Items[i].Line = 0
	}
	var diags []string
	for _, d := range p.Diagnostics {
		if formatDiags[d.Code] {
			continue
		}
		diags = append(diags, d.Severity.String()+" "+d.Code+" "+d.Message+" "+d.Text)
	}
	sort.Strings(diags)
	q.Diagnostics = nil
	var b bytes.Buffer
	if err := plan.Write(&b, &q); err != nil {
		t.Fatal(err)
	}
	js, _ := json.MarshalIndent(diags, "", "  ")
	return b.String() + string(js)
}

// TestDocumentsReadAsExports reads every converted fixture from its
// export, its .docx and its .odt, and wants the same plan from all three.
func TestDocumentsReadAsExports(t *testing.T) {
	for _, f := range documentFixtures {
		t.Run(f.doc, func(t *testing.T) {
			_, want := buildFile(t, f.source)
			w := comparable(t, want)
			for _, ext := range f.formats {
				_, got := buildFile(t, filepath.Join("testdata/document", f.doc+ext))
				if g := comparable(t, got); g != w {
					t.Errorf("%s: plan differs from %s:\n%s", ext, f.source, firstDiff(w, g))
				}
			}
		})
	}
}

// firstDiff shows the first differing line of two texts with context.
func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			lo := max(0, i-3)
			return "line " + strconv.Itoa(i+1) + ":\n want: " + w + "\n  got: " + g + "\ncontext (want):\n" + strings.Join(wl[lo:min(len(wl), i+3)], "\n")
		}
	}
	return ""
}
