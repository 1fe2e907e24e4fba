package ingest

import (
	"html"
	"regexp"
	"strings"

	"github.com/roadmap-tool/roadmap/normalize/plan"
)

var tagRE = regexp.MustCompile(`<[^>]*>`)

// readTSV is a provisional reader: split lines and tabs, strip tags.
func readTSV(name string, data []byte) (*Table, error) {
	t := &Table{Source: plan.Source{Path: name, Format: "tsv", Encoding: "utf-8"}}
	lines := strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
	inTable := false
	blank := 0
	for i, ln := range lines {
		pos := plan.Pos{File: name, Line: i + 1, Col: 1}
		if strings.TrimSpace(ln) == "" {
			blank++
			continue
		}
		if !inTable && !strings.Contains(ln, "\t") {
			for _, part := range strings.Split(ln, "****") {
				part = strings.Trim(strings.TrimSpace(part), "*")
				if part != "" {
					t.Title = append(t.Title, Line{Text: part, Pos: pos})
				}
			}
			blank = 0
			continue
		}
		inTable = true
		row := Row{Pos: pos, BlankBefore: blank, NoTabs: !strings.Contains(ln, "\t")}
		col := 1
		for _, raw := range strings.Split(ln, "\t") {
			txt := html.UnescapeString(tagRE.ReplaceAllString(raw, " "))
			txt = strings.Join(strings.Fields(txt), " ")
			row.Cells = append(row.Cells, Cell{Text: txt, Raw: raw, Pos: plan.Pos{File: name, Line: i + 1, Col: col},
				Bold: strings.HasPrefix(strings.TrimSpace(raw), "<b>")})
			col += len(raw) + 1
		}
		t.Rows = append(t.Rows, row)
		blank = 0
	}
	if len(t.Rows) == 0 {
		return nil, &ParseError{Pos: plan.Pos{File: name}, Err: ErrNoTable}
	}
	return t, nil
}
