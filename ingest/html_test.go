package ingest

import (
	"strings"
	"testing"
)

// TestHTMLSpans checks the grid layout of spanned cells: each row lists
// its cells' texts joined by "|", spanned copies marked with "^".
func TestHTMLSpans(t *testing.T) {
	tests := []struct {
		name, table string
		want        []string
	}{
		{"plain", `<tr><td>a<td>b<tr><td>c<td>d`, []string{"a|b", "c|d"}},
		{"colspan", `<tr><td colspan=2>a<td>b<tr><td>c<td>d<td>e`, []string{"a|a^|b", "c|d|e"}},
		{"rowspan first", `<tr><td rowspan=2>a<td>b<tr><td>c`, []string{"a|b", "a^|c"}},
		{"rowspan last", `<tr><td>a<td rowspan=2>b<tr><td>c`, []string{"a|b", "c|b^"}},
		{"rowspan middle with gap", `<tr><td>a<td rowspan=2>b<td>c<tr><td>d`, []string{"a|b|c", "d|b^"}},
		{"row of spans only gets an empty gap", `<tr><td rowspan=2>a<td>x<td rowspan=2>b<tr><td>y`, []string{"a|x|b", "a^|y|b^"}},
		{"both spans", `<tr><td rowspan=2 colspan=2>a<td>b<tr><td>c<tr><td>d<td>e<td>f`, []string{"a|a^|b", "a^|a^|c", "d|e|f"}},
		{"rowspan zero to the end", `<tr><td rowspan=0>a<td>b<tr><td>c<tr><td>d`, []string{"a|b", "a^|c", "a^|d"}},
		{"rowspan past the end", `<tr><td rowspan=9>a<td>b<tr><td>c`, []string{"a|b", "a^|c"}},
		{"junk spans", `<tr><td colspan=x rowspan=-1>a<td colspan="2abc">b<tr><td>c<td>d<td>e`, []string{"a|b|b^", "c|d|e"}},
		{"empty row skipped", `<tr><td>a<td>b<tr><td> <td>&nbsp;<tr><td>c<td>d`, []string{"a|b", "c|d"}},
		{"spanned-only row skipped", `<tr><td rowspan=2>a<td>b<tr><td><tr><td>c<td>d`, []string{"a|b", "c|d"}},
		{"th and thead", `<thead><tr><th>h1<th>h2</thead><tbody><tr><td>a<td>b</tbody>`, []string{"h1|h2", "a|b"}},
		{"cells without tr", `<td>a<td>b`, []string{"a|b"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tbl, err := Read("t.html", []byte("<table>"+tt.table+"</table>"))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range tbl.Rows {
				var cells []string
				for _, c := range r.Cells {
					s := c.Text
					if c.Spanned {
						s += "^"
					}
					cells = append(cells, s)
				}
				got = append(got, strings.Join(cells, "|"))
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("rows:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestRawOffsets checks the premise of the positions: the tokens' Raw()
// lengths add up to the document, CRLF and all.
func TestRawOffsets(t *testing.T) {
	doc := "<html>\r\n<body><p>t</p>\r<table><tr><td>a</td>\n<td>б</td></tr>\r\n<tr><td>c<td>d</table></body></html>"
	tbl, err := Read("t.html", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range tbl.Rows {
		for j, c := range r.Cells {
			got = append(got, r.CellPos(j).String()+"="+c.Text)
		}
	}
	want := "t.html:3:12=a t.html:4:1=б t.html:5:5=c t.html:5:10=d"
	if strings.Join(got, " ") != want {
		t.Errorf("got %s\nwant %s", strings.Join(got, " "), want)
	}
}
