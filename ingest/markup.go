package ingest

import (
	"strings"

	"golang.org/x/net/html/atom"
)

// checkMarkup looks for genuinely broken markup in a cell: an end tag that
// closes nothing, or a formatting element (<b>, <i>, <a>, <span>...) left
// open or closed out of order. What HTML allows to omit is not a defect:
// an unclosed <p>, <li>, <ul> or <td> is normal, and so is a lone "<" in
// running text ("a < b"). The parser recovers from all of these and keeps
// every character; the check only tells the user the source is doubtful.
// It returns a description in Russian, or "".
//
// It scans tags itself rather than through html.Tokenizer: the check runs
// on every cell with markup, and a tokenizer allocates a 4 KB buffer per
// cell, which was a third of the reader's allocations.
func checkMarkup(s string) string {
	var open []string
	for i := 0; i < len(s); i++ {
		if s[i] != '<' || i+1 >= len(s) {
			continue
		}
		switch c := s[i+1]; {
		case c == '!':
			// A comment, a doctype or Word's <![if ...]>: skip it.
			end := ">"
			if strings.HasPrefix(s[i:], "<!--") {
				end = "-->"
			}
			j := strings.Index(s[i+2:], end)
			if j < 0 {
				return ""
			}
			i += 2 + j + len(end) - 1
		case c == '/' || isASCIILetter(c):
			closing := c == '/'
			k := i + 1
			if closing {
				k++
			}
			n := k
			for n < len(s) && !isTagEnd(s[n]) {
				n++
			}
			name := strings.ToLower(s[k:n])
			end, selfClosing := skipAttrs(s, n)
			if name == "" || end < 0 {
				return "" // "</>" or "</ " is text; a cut tag is reported elsewhere
			}
			i = end
			if closing {
				if p := closeTag(&open, name); p != "" {
					return p
				}
			} else if !selfClosing && !isVoid(name) {
				open = append(open, name)
			}
		}
	}
	for _, name := range open {
		if mustClose(name) {
			return "незакрытый тег <" + name + ">"
		}
	}
	return ""
}

func isTagEnd(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '/' || c == '>'
}

// skipAttrs finds the '>' ending a tag whose name ends at i, stepping over
// quoted attribute values; -1 if the tag never ends.
func skipAttrs(s string, i int) (end int, selfClosing bool) {
	var quote byte
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return i, i > 0 && s[i-1] == '/'
		}
	}
	return -1, false
}

// closeTag pops the open elements down to name and describes a defect:
// an end tag closing nothing, or formatting left open inside.
func closeTag(open *[]string, name string) string {
	if isVoid(name) {
		return ""
	}
	st := *open
	i := len(st) - 1
	for i >= 0 && st[i] != name {
		i--
	}
	if i < 0 {
		if optionalEnd(name) {
			// </p> or </li> left over where a page break cut the cell
			// that opened it: the text is whole, nothing to report.
			return ""
		}
		return "лишний закрывающий тег </" + name + ">"
	}
	for _, inner := range st[i+1:] {
		if mustClose(inner) {
			return "тег <" + inner + "> закрыт после </" + name + ">"
		}
	}
	*open = st[:i]
	return ""
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
