package ingest

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// checkMarkup looks for genuinely broken markup in a cell: an end tag that
// closes nothing, or a formatting element (<b>, <i>, <a>, <span>...) left
// open or closed out of order. What HTML allows to omit is not a defect:
// an unclosed <p>, <li>, <ul> or <td> is normal, and so is a lone "<" in
// running text ("a < b"). The parser recovers from all of these and keeps
// every character; the check only tells the user the source is doubtful.
// It returns a description in Russian, or "".
func checkMarkup(s string) string {
	z := html.NewTokenizer(strings.NewReader(s))
	var open []string
	for {
		switch z.Next() {
		case html.ErrorToken:
			for _, name := range open {
				if mustClose(name) {
					return "незакрытый тег <" + name + ">"
				}
			}
			return ""
		case html.StartTagToken:
			name, _ := z.TagName()
			if !isVoid(string(name)) {
				open = append(open, string(name))
			}
		case html.EndTagToken:
			bname, _ := z.TagName()
			name := string(bname)
			if isVoid(name) {
				continue
			}
			i := len(open) - 1
			for i >= 0 && open[i] != name {
				i--
			}
			if i < 0 {
				if optionalEnd(name) {
					// </p> or </li> left over where a page break cut the
					// cell: the text is whole, nothing to report.
					continue
				}
				return "лишний закрывающий тег </" + name + ">"
			}
			for _, inner := range open[i+1:] {
				if mustClose(inner) {
					return "тег <" + inner + "> закрыт после </" + name + ">"
				}
			}
			open = open[:i]
		}
	}
}

// isVoid reports elements that never have an end tag.
func isVoid(name string) bool {
	switch atom.Lookup([]byte(name)) {
	case atom.Area, atom.Base, atom.Br, atom.Col, atom.Embed, atom.Hr, atom.Img, atom.Input,
		atom.Link, atom.Meta, atom.Param, atom.Source, atom.Track, atom.Wbr:
		return true
	}
	return false
}

// mustClose reports inline formatting elements whose missing end tag
// changes the meaning of what follows (everything after an unclosed <b>
// turns bold).
func mustClose(name string) bool {
	switch atom.Lookup([]byte(name)) {
	case atom.A, atom.B, atom.Big, atom.Code, atom.Em, atom.Font, atom.I, atom.S, atom.Small,
		atom.Span, atom.Strike, atom.Strong, atom.Sub, atom.Sup, atom.Tt, atom.U:
		return true
	}
	return false
}

// optionalEnd reports block elements whose end tag may stand alone after
// a page break split the cell that opened them.
func optionalEnd(name string) bool {
	switch atom.Lookup([]byte(name)) {
	case atom.P, atom.Li, atom.Ul, atom.Ol, atom.Div, atom.Td, atom.Th, atom.Tr, atom.Tbody,
		atom.Thead, atom.Tfoot, atom.Table, atom.Dd, atom.Dt, atom.Dl, atom.Blockquote, atom.Center:
		return true
	}
	return false
}
