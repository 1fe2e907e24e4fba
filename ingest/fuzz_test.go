package ingest

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/roadmap-tool/roadmap/seeds"
)

// addSeeds gives a fuzz target the start of each real export and the
// reader fixtures. Whole seeds (50 KB) would make every minimisation of a
// new input take minutes; their first 4 KB hold the title, the header,
// bold sections, markup and a page break.
func addSeeds(f *testing.F, add func([]byte)) {
	for _, name := range seeds.Names() {
		data, err := fs.ReadFile(seeds.FS, name)
		if err != nil {
			f.Fatal(err)
		}
		if len(data) > 4096 {
			data = data[:bytes.LastIndexByte(data[:4096], '\n')+1]
		}
		add(data)
	}
	inputs, _ := filepath.Glob(filepath.Join(fixtureDir, "*.*"))
	for _, in := range inputs {
		if strings.HasSuffix(in, ".golden") {
			continue
		}
		data, err := os.ReadFile(in)
		if err != nil {
			f.Fatal(err)
		}
		add(data)
	}
}

// FuzzRead checks that no input panics the reader, that positions stay
// inside the input, and that plain text loses nothing: every non-space
// rune of a tag-free, entity-free TSV input appears in the table (title,
// cells or trailing lines) at least as often as in the input. The
// markdown markers '*', '#' and '_' of title lines are exempt.
func FuzzRead(f *testing.F) {
	addSeeds(f, func(b []byte) { f.Add(b) })
	f.Add([]byte("a\tb\n\n\n\tc\n"))
	f.Add([]byte("**a****b**\r\nx\ty\rz\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		tbl, err := Read("fuzz.txt", data)
		if err != nil {
			if _, ok := err.(*ParseError); !ok {
				t.Fatalf("error %T is not *ParseError: %v", err, err)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("error message has a line break: %q", err)
			}
			return
		}
		lines := strings.Count(string(data), "\n") + strings.Count(string(data), "\r") + 1
		for _, r := range tbl.Rows {
			if r.Pos.Line < 1 || r.Pos.Line > lines {
				t.Fatalf("row at line %d of %d", r.Pos.Line, lines)
			}
			for _, c := range r.Cells {
				if c.At.Line < 1 || int(c.At.Line) > lines || c.At.Col < 1 {
					t.Fatalf("cell at %v, %d lines", c.At, lines)
				}
			}
		}
		if tbl.Source.Format != "tsv" || !utf8.Valid(data) || strings.ContainsAny(string(data), "<&") {
			return
		}
		var out strings.Builder
		for _, l := range tbl.Title {
			out.WriteString(l.Text)
		}
		for _, r := range tbl.Rows {
			for _, c := range r.Cells {
				out.WriteString(c.Text)
			}
		}
		for _, l := range tbl.Trailing {
			out.WriteString(l.Text)
		}
		want := runeCounts(string(data))
		got := runeCounts(out.String())
		for r, n := range want {
			if got[r] < n {
				t.Fatalf("rune %q occurs %d times in the input but %d times in the table", r, n, got[r])
			}
		}
	})
}

func runeCounts(s string) map[rune]int {
	m := map[rune]int{}
	for _, r := range s {
		if isSpace(r) || r == '*' || r == '#' || r == '_' {
			continue
		}
		m[r]++
	}
	return m
}

// FuzzReadHTML feeds markup to the HTML reader: no panic, every row as
// wide as its spans make it (never wider than the limits), positions
// inside the document.
func FuzzReadHTML(f *testing.F) {
	addSeeds(f, func(b []byte) {
		if isHTML(string(b)) {
			f.Add(string(b))
		}
	})
	f.Add(`<table><tr><td rowspan=3>a<td colspan=2>b<tr><td>c</table>`)
	f.Add(`<table><tr><td>x<table><tr><td>y</td></tr></table></td><td>z</td></tr><tr><td>1<td>2</table>`)
	f.Add(`<p>t</p><table><tr><th colspan=0>h<th rowspan=0>i<tr><td>j</td>`)
	f.Fuzz(func(t *testing.T, doc string) {
		if !isHTML(doc) {
			doc = "<!DOCTYPE html>\n" + doc
		}
		tbl, err := Read("fuzz.html", []byte(doc))
		if err != nil {
			if _, ok := err.(*ParseError); !ok {
				t.Fatalf("error %T is not *ParseError: %v", err, err)
			}
			return
		}
		lines := strings.Count(doc, "\n") + strings.Count(doc, "\r") + 1
		for _, r := range tbl.Rows {
			if len(r.Cells) > maxColspan*len(doc) {
				t.Fatalf("row of %d cells from %d bytes", len(r.Cells), len(doc))
			}
			for _, c := range r.Cells {
				if c.At.Line < 1 || int(c.At.Line) > lines || c.At.Col < 1 {
					t.Fatalf("cell at %v, %d lines", c.At, lines)
				}
			}
		}
	})
}

// FuzzCellText checks the cell text rules on any fragment: lines are
// trimmed, folded and non-empty; a plain cell is only folded; a bold cell
// has text.
func FuzzCellText(f *testing.F) {
	for _, c := range []string{
		"plain", "<b>1. Раздел</b>", "<p>a</p> <ul><li>- b</li><li>c</li></ul>",
		`<ul style="x"> - a; - b`, `<a href="u">x</a>`, "a < b &amp; &nbsp;", "<b>x", "x</i>", "x<y",
		"<table><tr><td>a<td>b</table>", "<ul><li><p>- q</p></li></ul>", "<span style='font-weight:700'>z</span>",
	} {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		if !utf8.ValidString(raw) {
			return // Read hands cells over decoded, always valid UTF-8
		}
		c := parseCell(raw)
		if !hasMarkup(raw) && c.Text != foldSpace(raw) {
			t.Fatalf("plain cell %q gave %q", raw, c.Text)
		}
		if c.Bold && c.Text == "" {
			t.Fatalf("bold cell without text: %q", raw)
		}
		if c.Text == "" {
			return
		}
		for _, l := range strings.Split(c.Text, "\n") {
			if l == "" || l != foldSpace(l) {
				t.Fatalf("line %q of %q is empty or not folded (from %q)", l, c.Text, raw)
			}
		}
	})
}
