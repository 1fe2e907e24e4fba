package normalize

import (
	"strings"

	"github.com/roadmap-tool/roadmap/ingest"
	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// chooseTable picks the roadmap among the tables a document reader found
// (ingest.Table.Alternatives): the first whose first rows hold a header
// row, exact readings tried on every table before typo-tolerant ones, so
// that a misspelt header never wins over a later correct one. With no
// alternatives, or none with a header, the table given is read and
// reports the missing header itself. The tables passed over before the
// roadmap are returned so that their text is kept in a diagnostic.
func chooseTable(t *ingest.Table) (*ingest.Table, []*ingest.Table) {
	if len(t.Alternatives) == 0 {
		return t, nil
	}
	all := append([]*ingest.Table{t}, t.Alternatives...)
	for _, tolerant := range [...]bool{false, true} {
		for i, c := range all {
			for j := 0; j < len(c.Rows) && j < maxHeaderScan; j++ {
				if isHeaderRow(&c.Rows[j], tolerant) {
					return c, all[:i]
				}
			}
		}
	}
	return t, nil
}

// skippedText keeps the text of the tables passed over. An approval stamp
// laid out as a table ("УТВЕРЖДАЮ" beside the signatory) is returned as
// title lines, where the title reader sets it apart as it does a stamp
// written in paragraphs; any other table (indicators, a list of
// abbreviations) stays out of the title, its text in one Info at its
// first row.
func skippedText(skipped []*ingest.Table, d *plan.Diagnostics) []ingest.Line {
	var title []ingest.Line
	for _, s := range skipped {
		title = append(title, s.Title...)
		if len(s.Rows) == 0 {
			continue
		}
		var cells []ingest.Line
		lines := make([]string, 0, len(s.Rows))
		stamp := false
		for i := range s.Rows {
			var texts []string
			for j, c := range s.Rows[i].Cells {
				if c.Text != "" && !colspanCopy(&s.Rows[i], j) {
					texts = append(texts, c.Text)
					cells = append(cells, ingest.Line{Text: c.Text, Pos: s.Rows[i].CellPos(j)})
					stamp = stamp || approvalRE.MatchString(c.Text)
				}
			}
			lines = append(lines, strings.Join(texts, " | "))
		}
		if stamp {
			title = append(title, cells...)
			continue
		}
		d.Add(s.Rows[0].Pos, plan.Info, plan.CodeOtherTable,
			"таблица без строки заголовка дорожной карты пропущена; ее текст сохранен только здесь", strings.Join(lines, "\n"))
	}
	return title
}
