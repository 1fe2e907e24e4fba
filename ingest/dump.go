package ingest

import (
	"fmt"
	"io"
	"strings"
)

// Dump writes a stable, line-oriented text form of the table, for golden
// files and for eyeballing what a reader made of a document (pandoc's
// "native" writer plays the same part). Cells are quoted with %q so empty
// cells and stray white space show. Raw markup is left out: Text, Bold and
// Links are what the rest of the program sees.
//
//	source format=tsv encoding=utf-8
//	title 3:1 "План мероприятий"
//	row 5 blank=0 cells=5
//	  5:1 "№ п/п" bold
//	trailing 130:1 "Примечание"
//	diag 12:1: warning: ragged-row: ...
func Dump(w io.Writer, t *Table) error {
	var b strings.Builder
	fmt.Fprintf(&b, "source format=%s encoding=%s\n", t.Source.Format, t.Source.Encoding)
	for _, l := range t.Title {
		fmt.Fprintf(&b, "title %d:%d %q\n", l.Pos.Line, l.Pos.Col, l.Text)
	}
	for _, r := range t.Rows {
		fmt.Fprintf(&b, "row %d blank=%d cells=%d", r.Pos.Line, r.BlankBefore, len(r.Cells))
		if r.NoTabs {
			b.WriteString(" notabs")
		}
		if r.Noise {
			b.WriteString(" noise")
		}
		b.WriteByte('\n')
		for _, c := range r.Cells {
			fmt.Fprintf(&b, "  %d:%d %q", c.At.Line, c.At.Col, c.Text)
			if c.Bold {
				b.WriteString(" bold")
			}
			if c.Spanned {
				b.WriteString(" spanned")
			}
			for _, l := range c.Links() {
				fmt.Fprintf(&b, " link(%q %q)", l.Text, l.Href)
			}
			b.WriteByte('\n')
		}
	}
	for _, l := range t.Trailing {
		fmt.Fprintf(&b, "trailing %d:%d %q\n", l.Pos.Line, l.Pos.Col, l.Text)
	}
	for _, d := range t.Diagnostics {
		// The file name is the fixture's path; leave it out so goldens do
		// not depend on where the test runs.
		p := d.Pos
		p.File = ""
		d.Pos = p
		fmt.Fprintf(&b, "diag %s\n", d)
	}
	_, err := io.WriteString(w, b.String())
	return err
}
