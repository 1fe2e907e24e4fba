package ingest

import (
	"fmt"
	"strings"

	"github.com/roadmap-tool/roadmap/internal/inputfile"
	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// Read parses an export within the default limits. See Limits.Read; data
// must not be modified afterwards.
func Read(name string, data []byte) (*Table, error) { return Limits{}.Read(name, data) }

// Read parses an export: an HTML document with a <table>, the
// tab-separated text export, or a Word or OpenDocument document (told
// apart by content; see office.go). name is used in positions only.
//
// The encoding is detected from the bytes (see decode); files that are not
// text, or hold no table, or exceed the limits, are refused with a
// *ParseError whose cause is one of the Err* sentinels. Everything
// doubtful inside a table is a diagnostic in Table.Diagnostics and reading
// goes on.
//
// The table's text may refer to data itself (UTF-8 input is not copied):
// the caller must not modify data afterwards.
func (l Limits) Read(name string, data []byte) (*Table, error) {
	if max := l.maxBytes(); int64(len(data)) > max {
		return nil, &ParseError{Pos: plan.Pos{File: name}, Err: ErrTooLarge,
			Detail: fmt.Sprintf("%s, а допускается не более %s", inputfile.MB(int64(len(data))), inputfile.MB(max))}
	}
	if len(data) == 0 {
		return nil, &ParseError{Pos: plan.Pos{File: name}, Err: ErrEmpty, Detail: expectedText}
	}
	if t, ok, err := readDocument(name, data, l); ok {
		return t, err
	}
	if err := sniffFormat(name, data); err != nil {
		return nil, err
	}
	d, err := decode(name, data)
	if err != nil {
		return nil, err
	}
	if isBlank(d.text) {
		return nil, &ParseError{Pos: plan.Pos{File: name}, Err: ErrEmpty,
			Detail: "в файле только пробелы и пустые строки; " + expectedText}
	}
	t := &Table{Source: plan.Source{Path: name, Encoding: d.encoding}, Diagnostics: d.diags}
	if isHTML(d.text) {
		t.Source.Format = "html"
		err = readHTML(name, d.text, t, l)
	} else {
		t.Source.Format = "tsv"
		err = readTSV(name, d.text, t, l)
	}
	if err != nil {
		return nil, err
	}
	return t, nil
}

// isHTML tells an HTML document from the text export. The export's cells
// hold HTML fragments too, so a stray tag is not enough: the document must
// open like HTML, or declare itself in its first kilobyte, or have the
// table structure (<table> with <tr> and <td>) that export cells never do.
//
// A <table> inside a cell of the text export (a converter that kept a
// nested table as markup) does not make the file HTML: when a line up to
// and including the one holding the first <table> separates cells with a
// tab, the file is the text export and the table is that cell's content.
func isHTML(s string) bool {
	head := strings.ToLower(s[:min(len(s), 1024)])
	start := strings.TrimLeft(head, " \t\r\n\ufeff")
	for _, p := range []string{"<!doctype html", "<html", "<table", "<head", "<body", "<meta", "<?xml", "<!--", "<style", "<title"} {
		if strings.HasPrefix(start, p) {
			if p == "<table" {
				return !tableInCell(s)
			}
			return p != "<?xml" && p != "<!--" || strings.Contains(head, "<html")
		}
	}
	if strings.Contains(head, "<html") || strings.Contains(head, "<!doctype html") {
		return true
	}
	return containsFold(s, "<table") && containsFold(s, "<tr") && containsFold(s, "<td") && !tableInCell(s)
}

// tableInCell reports whether the first <table> of s sits in the text
// export: a line up to the end of the one holding it has a tab after
// other text, as between cells (HTML indents with tabs, it does not put
// them between words).
func tableInCell(s string) bool {
	i := indexFold(s, "<table")
	if i < 0 {
		return false
	}
	end := strings.IndexAny(s[i:], "\r\n")
	if end < 0 {
		end = len(s)
	} else {
		end += i
	}
	sc := lineScanner{s: s[:end], nl: -1}
	for ln, ok := sc.next(); ok; ln, ok = sc.next() {
		if t := strings.IndexByte(strings.TrimLeft(ln.text, " \t"), '\t'); t > 0 {
			return true
		}
	}
	return false
}

// containsFold is a case-insensitive strings.Contains for an ASCII
// lower-case needle that starts with a non-letter ('<') and allocates
// nothing.
func containsFold(s, needle string) bool { return indexFold(s, needle) >= 0 }

// indexFold is strings.Index for such a needle, ignoring case.
func indexFold(s, needle string) int {
	first := needle[0]
	for i := 0; i+len(needle) <= len(s); i++ {
		j := strings.IndexByte(s[i:], first)
		if j < 0 {
			return -1
		}
		i += j
		if i+len(needle) <= len(s) && strings.EqualFold(s[i:i+len(needle)], needle) {
			return i
		}
	}
	return -1
}
