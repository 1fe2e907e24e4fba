package ingest

import (
	"strings"

	"golang.org/x/net/html"
)

// fastCell converts the markup most cells hold — <p>, <b>, <i>, <br>,
// <ul> (attributes allowed), <li>, their end tags and entities — without
// building a tree: parsing an HTML fragment and walking it is most of the
// cost of a markup cell. It replays the HTML parser's tree construction
// for these elements on a stack, feeding textWriter the same calls in
// the same order as walk, and declines (ok false) wherever the parser
// would do something it does not model: any other tag, a comment, a tag
// written unusually, formatting (<b>, <i>) closed out of order or closed
// by a block element (the parser would reconstruct it later), a style
// that may set font-weight. parseCell then takes the general path.
// FuzzFastPath checks that it never disagrees with that path.
func fastCell(s string) (cellContent, bool) {
	f := fastParser{w: textWriter{buf: make([]byte, 0, len(s))}}
	textStart := 0
	for i := 0; i < len(s); i++ {
		if s[i] != '<' {
			if s[i] == 0 {
				return cellContent{}, false // the parser drops NUL
			}
			continue
		}
		if i+1 >= len(s) {
			break // a final "<" is text
		}
		c := s[i+1]
		if c == '!' || c == '?' {
			return cellContent{}, false
		}
		closing := c == '/'
		if !closing && !isASCIILetter(c) {
			continue // "a < b": text
		}
		f.text(s[textStart:i])
		k := i + 1
		if closing {
			k++
		}
		n := k
		for n < len(s) && isASCIILetter(s[n]) {
			n++
		}
		tag := fastTag(s[k:n])
		if tag == fastNone || n >= len(s) {
			return cellContent{}, false
		}
		end := n // the '>' ending the tag
		switch {
		case s[n] == '>':
		case closing:
			return cellContent{}, false
		case tag == fastBr && strings.HasPrefix(s[n:], "/>"):
			end = n + 1
		case tag == fastBr && strings.HasPrefix(s[n:], " />"):
			end = n + 2
		case tag == fastUl && isHTMLSpace(s[n]):
			if end = ulAttrs(s, n); end < 0 || containsFold(s[i:end], "font-weight") || strings.IndexByte(s[i:end], '&') >= 0 {
				return cellContent{}, false
			}
		default:
			return cellContent{}, false
		}
		var ok bool
		if closing {
			ok = f.endTag(tag)
		} else {
			ok = f.startTag(tag)
		}
		if !ok {
			return cellContent{}, false
		}
		i = end
		textStart = end + 1
	}
	f.text(s[textStart:])
	if !f.popTo(0) {
		return cellContent{}, false
	}
	w := &f.w
	w.newline()
	text := w.buf
	if len(text) > 0 && text[len(text)-1] == '\n' {
		text = text[:len(text)-1]
	}
	return cellContent{Text: string(text), Bold: w.bold > 0 && w.plain == 0}, true
}

type fastElem uint8

const (
	fastNone fastElem = iota
	fastP
	fastUl
	fastLi
	fastB
	fastI
	fastBr
)

func fastTag(name string) fastElem {
	switch len(name) {
	case 1:
		switch name[0] | 0x20 {
		case 'p':
			return fastP
		case 'b':
			return fastB
		case 'i':
			return fastI
		}
	case 2:
		switch {
		case strings.EqualFold(name, "ul"):
			return fastUl
		case strings.EqualFold(name, "li"):
			return fastLi
		case strings.EqualFold(name, "br"):
			return fastBr
		}
	}
	return fastNone
}

func isHTMLSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

// ulAttrs finds the '>' ending a start tag whose attributes start at i,
// accepting only plain attributes: a name of letters and '-', optionally
// ="..." or '...', separated by white space. -1 for anything else.
func ulAttrs(s string, i int) int {
	for {
		if i >= len(s) || !isHTMLSpace(s[i]) && s[i] != '>' {
			return -1
		}
		for i < len(s) && isHTMLSpace(s[i]) {
			i++
		}
		if i >= len(s) {
			return -1
		}
		if s[i] == '>' {
			return i
		}
		n := i
		for n < len(s) && (isASCIILetter(s[n]) || s[n] == '-') {
			n++
		}
		if n == i || n >= len(s) {
			return -1
		}
		i = n
		if s[i] != '=' {
			continue
		}
		if i+1 >= len(s) || s[i+1] != '"' && s[i+1] != '\'' {
			return -1
		}
		q := strings.IndexByte(s[i+2:], s[i+1])
		if q < 0 {
			return -1
		}
		i += 2 + q + 1
	}
}

// fastParser is the stack of open elements of the HTML parser for the
// elements fastCell knows. Formatting elements are only ever closed by
// their own end tag at the top of the stack, so the parser's list of
// active formatting elements is exactly the <b> and <i> on the stack and
// never needs reconstructing.
type fastParser struct {
	w     textWriter
	stack []fastElem
	bold  int // <b> elements on the stack
}

// maxFastDepth keeps deep nesting, which the parser refuses past 512, on
// the general path.
const maxFastDepth = 100

func (f *fastParser) text(s string) {
	if s == "" {
		return
	}
	if strings.IndexByte(s, '&') >= 0 {
		s = html.UnescapeString(s)
	}
	f.w.text(s, f.bold > 0, f.inBareList())
}

// inBareList is inBareList of a text node at the top of the stack.
func (f *fastParser) inBareList() bool {
	for i := len(f.stack) - 1; i >= 0; i-- {
		switch f.stack[i] {
		case fastLi:
			return false
		case fastUl:
			return true
		}
	}
	return false
}

func (f *fastParser) push(e fastElem) bool {
	if len(f.stack) >= maxFastDepth {
		return false
	}
	w := &f.w
	switch e {
	case fastP, fastUl:
		w.newline()
	case fastLi:
		w.newline()
		w.pendingItem = true
	case fastB:
		f.bold++
	}
	f.stack = append(f.stack, e)
	return true
}

// popTo closes the elements from index i up, as walk leaves them; it
// declines to close a formatting element, which the parser would keep
// in its active list and reopen.
func (f *fastParser) popTo(i int) bool {
	for j := i; j < len(f.stack); j++ {
		if e := f.stack[j]; e == fastB || e == fastI {
			return false
		}
	}
	for len(f.stack) > i {
		f.stack = f.stack[:len(f.stack)-1]
		f.w.newline() // p, ul and li are all blocks
	}
	return true
}

// index is the topmost e on the stack, or -1.
func (f *fastParser) index(e fastElem) int {
	for i := len(f.stack) - 1; i >= 0; i-- {
		if f.stack[i] == e {
			return i
		}
	}
	return -1
}

// closeP is the parser's "close a p element" when one is in button scope
// (any open <p>: none of these elements bounds that scope).
func (f *fastParser) closeP() bool {
	if i := f.index(fastP); i >= 0 {
		return f.popTo(i)
	}
	return true
}

func (f *fastParser) startTag(e fastElem) bool {
	switch e {
	case fastP, fastUl:
		if !f.closeP() {
			return false
		}
	case fastLi:
		// Close an open <li>, looking down past elements that are not
		// special (b, i) and past <p>; <ul> stops the search.
	loop:
		for i := len(f.stack) - 1; i >= 0; i-- {
			switch f.stack[i] {
			case fastLi:
				if !f.popTo(i) {
					return false
				}
				break loop
			case fastUl:
				break loop
			}
		}
		if !f.closeP() {
			return false
		}
	case fastB, fastI:
		// Past three identical open formatting elements the parser drops
		// the earliest from its active list.
		n := 0
		for _, x := range f.stack {
			if x == e {
				n++
			}
		}
		if n >= 3 {
			return false
		}
	case fastBr:
		f.w.newline()
		return true
	}
	return f.push(e)
}

func (f *fastParser) endTag(e fastElem) bool {
	switch e {
	case fastP:
		if f.index(fastP) < 0 {
			// A stray </p> makes an empty paragraph.
			if !f.push(fastP) {
				return false
			}
		}
		return f.popTo(f.index(fastP))
	case fastLi:
		// In list item scope: <ul> bounds it.
		for i := len(f.stack) - 1; i >= 0; i-- {
			switch f.stack[i] {
			case fastLi:
				return f.popTo(i)
			case fastUl:
				return true
			}
		}
		return true
	case fastUl:
		if i := f.index(fastUl); i >= 0 {
			return f.popTo(i)
		}
		return true
	case fastB, fastI:
		top := len(f.stack) - 1
		if top >= 0 && f.stack[top] == e {
			f.stack = f.stack[:top]
			if e == fastB {
				f.bold--
			}
			return true
		}
		// Not open at all: ignored. Open lower down: the adoption agency
		// algorithm, not modelled.
		return f.index(e) < 0
	case fastBr:
		// </br> is read as <br>.
		f.w.newline()
		return true
	}
	return false
}
