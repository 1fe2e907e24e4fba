// Command tablehtml writes a roadmap export (the TSV text export, or an
// HTML table) as the HTML document a word processor would save: the title
// lines as paragraphs, the table with each cell's markup, the text after
// it. LibreOffice then makes .docx and .odt fixtures of it
// (scripts/document-fixtures.sh), so that the same roadmap can be read
// from the text, the Word and the OpenDocument form.
//
// The text export's layout is kept where a document has an equivalent: a
// heading line without tabs ("II. МЕХАНИЗМЫ ...") becomes a paragraph
// between two tables, and a page break (blank lines before a row) ends
// the table and starts another right after it, as a Word table split at
// the page; the readers join such tables again. Markdown delimiter rows
// of the converter are not part of any document and are left out.
//
//	go run ./scripts/tablehtml seeds/000_a1e155e70aa7bfd4.txt > seed-000.html
package main

import (
	"fmt"
	"html"
	"os"
	"strings"

	"github.com/roadmap-tool/roadmap/ingest"
)

// cellHTML writes a cell as the structure the readers found in it: each
// line a paragraph, "- " lines the items of a bulleted list, bold kept.
// The export's own markup can mean things a document cannot hold (text
// inside <ul> outside any <li>, which the readers split at its dashes);
// what it was read as can be written in any format. A cell with a link
// keeps its markup, which holds the link.
func cellHTML(c ingest.Cell) string {
	if len(c.Links()) > 0 || c.Text == "" {
		return c.Raw
	}
	var b strings.Builder
	inList := false
	for _, line := range strings.Split(c.Text, "\n") {
		text := html.EscapeString(line)
		item := strings.HasPrefix(line, "- ")
		if item {
			text = html.EscapeString(line[2:])
		}
		if c.Bold {
			text = "<b>" + text + "</b>"
		}
		switch {
		case item && !inList:
			b.WriteString("<ul><li>" + text + "</li>")
			inList = true
		case item:
			b.WriteString("<li>" + text + "</li>")
		default:
			if inList {
				b.WriteString("</ul>")
				inList = false
			}
			b.WriteString("<p>" + text + "</p>")
		}
	}
	if inList {
		b.WriteString("</ul>")
	}
	return b.String()
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: tablehtml EXPORT > out.html")
		os.Exit(2)
	}
	t, err := ingest.ReadFile(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body>\n")
	for _, l := range t.Title {
		fmt.Fprintf(&b, "<p>%s</p>\n", html.EscapeString(l.Text))
	}
	open := false
	for _, r := range t.Rows {
		if r.Noise {
			continue
		}
		if r.NoTabs {
			if open {
				b.WriteString("</table>\n")
				open = false
			}
			fmt.Fprintf(&b, "<p>%s</p>\n", r.Cells[0].Raw)
			continue
		}
		if open && r.BlankBefore > 0 {
			b.WriteString("</table>\n")
			open = false
		}
		if !open {
			b.WriteString("<table border=\"1\">\n")
			open = true
		}
		b.WriteString("<tr>")
		for _, c := range r.Cells {
			fmt.Fprintf(&b, "<td>%s</td>", cellHTML(c))
		}
		b.WriteString("</tr>\n")
	}
	if open {
		b.WriteString("</table>\n")
	}
	for _, l := range t.Trailing {
		fmt.Fprintf(&b, "<p>%s</p>\n", html.EscapeString(l.Text))
	}
	b.WriteString("</body></html>\n")
	os.Stdout.WriteString(b.String())
}
