package ingest

import (
	"strconv"
	"strings"
	"testing"

	ot "github.com/roadmap-tool/roadmap/internal/officetest"
	"github.com/roadmap-tool/roadmap/internal/workload"
)

// largeDOCX writes the 5,000-item workload roadmap as a Word document:
// each cell's lines as paragraphs, "- " lines as bulleted ones, headings
// bold and merged across the table, as Word would hold the same table.
func largeDOCX(tb testing.TB) []byte {
	t, err := Read("big.txt", workload.Roadmap(workload.Options{Items: 5000, Seed: 20240601, Schools: 500, PerItem: 1}))
	if err != nil {
		tb.Fatal(err)
	}
	bullets := `<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>`
	var body strings.Builder
	for _, l := range t.Title {
		body.WriteString(ot.P(l.Text))
	}
	width := len(t.Rows[0].Cells)
	var rows []string
	for _, r := range t.Rows {
		if r.NoTabs || r.OwnNonEmpty() == 1 && r.Cells[0].Bold {
			rows = append(rows, ot.Row("", ot.Cell(`<w:gridSpan w:val="`+strconv.Itoa(width)+`"/>`, ot.Para("", "<w:b/>", r.Cells[0].Text))))
			continue
		}
		var cells []string
		for _, c := range r.Cells {
			var paras strings.Builder
			for _, line := range strings.Split(c.Text, "\n") {
				if item, ok := strings.CutPrefix(line, "- "); ok {
					paras.WriteString(ot.Para(ot.Num(1, 0), "", item))
				} else {
					paras.WriteString(ot.P(line))
				}
			}
			cells = append(cells, ot.Cell(`<w:tcW w:w="2000" w:type="dxa"/>`, paras.String()))
		}
		rows = append(rows, ot.Row("", cells...))
	}
	body.WriteString(ot.Table(width, rows...))
	return ot.DOCX{Body: body.String(), Numbering: bullets}.Bytes()
}

// BenchmarkReadLargeDOCX reads a 5,000-item roadmap from a Word document
// (issue 14: the whole process under 0.3 s).
func BenchmarkReadLargeDOCX(b *testing.B) {
	data := largeDOCX(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		if _, err := Read("big.docx", data); err != nil {
			b.Fatal(err)
		}
	}
}
