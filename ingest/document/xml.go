package document

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The parts of a document are read with a small pull scanner rather than
// encoding/xml: a 5,000-row table is some ten megabytes of markup, which
// encoding/xml's Decoder takes 180-270 ms to tokenize (it copies every
// name, attribute and text), most of the 0.3 s a whole run may take. The
// scanner reads well-formed XML as Word and LibreOffice write it:
// elements, attributes, character data with the predefined and numeric
// entities, CDATA, comments and processing instructions. A DOCTYPE is
// skipped without reading its declarations, so no entity is ever
// expanded. Names are resolved through xmlns declarations, so a document
// that binds the WordprocessingML namespace to another prefix reads the
// same. Malformed markup is an error with its byte offset.

// ns identifies the namespaces the readers look at; every other one is
// nsOther.
type ns uint8

const (
	nsNone ns = iota
	nsOther
	nsW      // WordprocessingML main (transitional or strict)
	nsR      // relationships
	nsMC     // markup compatibility
	nsOffice // OpenDocument office
	nsText   // OpenDocument text
	nsTable  // OpenDocument table
	nsStyle  // OpenDocument style
	nsFO     // XSL-FO attributes in OpenDocument styles
	nsXLink  // xlink:href of OpenDocument links
	nsXML    // the xml: prefix (xml:id)
	nsLOExt  // LibreOffice's extensions (loext:num-list-format)
)

var knownNS = map[string]ns{
	"http://schemas.openxmlformats.org/wordprocessingml/2006/main":         nsW,
	"http://purl.oclc.org/ooxml/wordprocessingml/main":                     nsW,
	"http://schemas.openxmlformats.org/officeDocument/2006/relationships":  nsR,
	"http://purl.oclc.org/ooxml/officeDocument/relationships":              nsR,
	"http://schemas.openxmlformats.org/markup-compatibility/2006":          nsMC,
	"urn:oasis:names:tc:opendocument:xmlns:office:1.0":                     nsOffice,
	"urn:oasis:names:tc:opendocument:xmlns:text:1.0":                       nsText,
	"urn:oasis:names:tc:opendocument:xmlns:table:1.0":                      nsTable,
	"urn:oasis:names:tc:opendocument:xmlns:style:1.0":                      nsStyle,
	"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0":          nsFO,
	"http://www.w3.org/1999/xlink":                                         nsXLink,
	"http://www.w3.org/XML/1998/namespace":                                 nsXML,
	"urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0": nsLOExt,
}

type tokKind uint8

const (
	tokEOF tokKind = iota
	tokStart
	tokEnd
	tokText
)

type binding struct {
	prefix string
	space  ns
	depth  int
}

// maxDepth bounds element nesting: no document needs more, and the
// readers recurse along the tree.
const maxDepth = 256

// errXML is the cause of every markup error.
var errXML = errors.New("XML")

type scanner struct {
	data  []byte
	off   int
	depth int
	// the current token
	kind  tokKind
	space ns
	local string
	// attrRaw is the attribute part of the current start tag.
	attrRaw []byte
	text    []byte // decoded character data (tokText), valid until Next
	// the last prefix resolved, while no binding changed
	cachePrefix string
	cacheNS     ns
	cacheOK     bool
	// pendingEnd: the last start tag was self-closing, its end comes next.
	pendingEnd bool
	names      []binding // in-scope prefix bindings, innermost last
	stack      []struct {
		space ns
		local string
	}
	buf    []byte
	intr   map[string]string // interned local names
	recent [256]string
	err    error
}

func newScanner(data []byte) *scanner {
	return &scanner{data: data, names: []binding{{prefix: "xml", space: nsXML, depth: -1}},
		intr: make(map[string]string, 128)}
}

// badChar finds the first byte XML 1.0 does not allow in a document in
// UTF-8: an invalid UTF-8 sequence or a control character other than
// tab, line feed and carriage return. -1 when there is none. It runs over
// every part before it is parsed, so the common case (valid, no control
// characters) goes eight bytes at a time.
func badChar(data []byte) (int, string) {
	if !utf8.Valid(data) {
		for i := 0; i < len(data); {
			r, size := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && size == 1 {
				if j, what := controlChar(data[:i]); j >= 0 {
					return j, what
				}
				return i, fmt.Sprintf("неверная последовательность UTF-8 (байт 0x%02X)", data[i])
			}
			i += size
		}
	}
	return controlChar(data)
}

// controlChar finds the first control character other than tab, line
// feed and carriage return, eight bytes at a time where there is none.
func controlChar(data []byte) (int, string) {
	i := 0
	for ; i+8 <= len(data); i += 8 {
		// Has the word a byte below 0x20 (the classic has-less test)?
		// Tabs and line breaks pass it; they are told apart byte by byte.
		x := binary.LittleEndian.Uint64(data[i:])
		if (x-0x2020202020202020)&^x&0x8080808080808080 == 0 {
			continue
		}
		for j := i; j < i+8; j++ {
			if bad(data[j]) {
				return j, fmt.Sprintf("управляющий символ U+%04X", data[j])
			}
		}
	}
	for ; i < len(data); i++ {
		if bad(data[i]) {
			return i, fmt.Sprintf("управляющий символ U+%04X", data[i])
		}
	}
	return -1, ""
}

func bad(c byte) bool { return c < 0x20 && c != '\t' && c != '\n' && c != '\r' }

func (s *scanner) fail(format string, args ...any) tokKind {
	if s.err == nil {
		// A name from the input may hold bytes that are not UTF-8 or a
		// line break (the fuzzer's «тег \xb2 не закрыт»): escaped, the
		// message stays one line of text.
		msg := fmt.Sprintf(format, args...)
		if !utf8.ValidString(msg) || strings.ContainsFunc(msg, unicode.IsControl) {
			msg = strconv.Quote(msg)
			msg = msg[1 : len(msg)-1]
		}
		s.err = fmt.Errorf("%w: байт %d: %s", errXML, s.off, msg)
	}
	s.kind = tokEOF
	return tokEOF
}

// next advances to the next token: a start tag, an end tag or character
// data. Comments, processing instructions and the DOCTYPE are skipped.
func (s *scanner) next() tokKind {
	if s.err != nil {
		return tokEOF
	}
	if s.pendingEnd {
		s.pendingEnd = false
		return s.endElement()
	}
	for {
		if s.off >= len(s.data) {
			if len(s.stack) > 0 {
				return s.fail("документ обрывается внутри элемента %s", s.stack[len(s.stack)-1].local)
			}
			s.kind = tokEOF
			return tokEOF
		}
		if s.data[s.off] != '<' {
			return s.charData()
		}
		rest := s.data[s.off:]
		if len(rest) < 2 {
			return s.fail("документ обрывается на «<»")
		}
		switch rest[1] {
		case '/':
			return s.endTag()
		case '?':
			end := bytes.Index(rest, []byte("?>"))
			if end < 0 {
				return s.fail("инструкция обработки не закрыта")
			}
			s.off += end + 2
			continue
		case '!':
		default:
			return s.startTag()
		}
		switch {
		case bytes.HasPrefix(rest, []byte("<!--")):
			end := bytes.Index(rest[4:], []byte("-->"))
			if end < 0 {
				return s.fail("комментарий не закрыт")
			}
			s.off += 4 + end + 3
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			end := bytes.Index(rest, []byte("]]>"))
			if end < 0 {
				return s.fail("CDATA не закрыта")
			}
			s.text = rest[9:end]
			if i, what := badChar(s.text); i >= 0 {
				s.off += 9 + i
				return s.fail("%s: ожидается текст в UTF-8 без управляющих символов", what)
			}
			s.off += end + 3
			s.kind = tokText
			return tokText
		default:
			// DOCTYPE: skipped to its end, brackets balanced, nothing
			// declared in it is used.
			level, i := 0, 2
			for ; i < len(rest); i++ {
				if rest[i] == '[' {
					level++
				} else if rest[i] == ']' {
					level--
				} else if rest[i] == '>' && level <= 0 {
					break
				}
			}
			if i >= len(rest) {
				return s.fail("объявление <! не закрыто")
			}
			s.off += i + 1
		}
	}
}

func (s *scanner) charData() tokKind {
	start := s.off
	end := bytes.IndexByte(s.data[start:], '<')
	if end < 0 {
		end = len(s.data)
	} else {
		end += start
	}
	s.off = end
	raw := s.data[start:end]
	if i, what := badChar(raw); i >= 0 {
		// Checked in the character data only, which is what a reader
		// takes into the plan (checking the whole markup cost a tenth
		// of the time of reading a large document): invalid UTF-8 or
		// a NUL went through as U+FFFD and NUL.
		s.off = start + i
		return s.fail("%s: ожидается текст в UTF-8 без управляющих символов", what)
	}
	if bytes.IndexByte(raw, '&') < 0 {
		s.text = raw
	} else {
		var err error
		s.buf, err = unescape(s.buf[:0], raw)
		if err != nil {
			s.off = start
			return s.fail("%v", err)
		}
		s.text = s.buf
	}
	s.kind = tokText
	return tokText
}

func isNameByte(c byte) bool { return nameBytes[c] }

// nameBytes marks the bytes of XML names (any byte of a multi-byte UTF-8
// character among them).
var nameBytes = func() (t [256]bool) {
	for c := 0; c < 256; c++ {
		t[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
			c == ':' || c == '_' || c == '-' || c == '.' || c >= 0x80
	}
	return t
}()

func isXMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// name reads a qualified name at s.off and returns its prefix and local part.
func (s *scanner) name() (prefix, local []byte, ok bool) {
	start := s.off
	for s.off < len(s.data) && isNameByte(s.data[s.off]) {
		s.off++
	}
	n := s.data[start:s.off]
	if len(n) == 0 {
		return nil, nil, false
	}
	if i := bytes.IndexByte(n, ':'); i >= 0 {
		return n[:i], n[i+1:], true
	}
	return nil, n, true
}

func (s *scanner) skipSpace() {
	for s.off < len(s.data) && isXMLSpace(s.data[s.off]) {
		s.off++
	}
}

// intern returns the one copy of a local name. A small table indexed by
// length and end letters answers most look-ups without hashing the name.
func (s *scanner) intern(b []byte) string {
	h := 0
	if len(b) > 0 {
		h = (len(b)*31 + int(b[0])*7 + int(b[len(b)-1])) & (len(s.recent) - 1)
		if v := s.recent[h]; v == string(b) {
			return v
		}
	}
	v, ok := s.intr[string(b)]
	if !ok {
		v = string(b)
		s.intr[v] = v
	}
	s.recent[h] = v
	return v
}

// startTag reads a start tag. Its attributes are only delimited here and
// parsed when asked for (attr): documents carry many attributes nobody
// reads (w:rsidR on every paragraph), and most of a scan's time went to
// them. A tag that declares namespaces is parsed at once, since the
// declarations apply to its own name.
func (s *scanner) startTag() tokKind {
	s.off++ // '<'
	prefix, local, ok := s.name()
	if !ok {
		return s.fail("ожидается имя элемента")
	}
	attrStart := s.off
	end := tagEnd(s.data, s.off)
	if end < 0 {
		return s.fail("тег %s не закрыт", local)
	}
	selfClosing := end > attrStart && s.data[end-1] == '/'
	attrEnd := end
	if selfClosing {
		attrEnd--
	}
	s.off = end + 1
	s.depth++
	if s.depth > maxDepth {
		return s.fail("вложенность элементов глубже %d", maxDepth)
	}
	s.attrRaw = s.data[attrStart:attrEnd]
	if bytes.Contains(s.attrRaw, []byte("xmlns")) {
		if err := s.eachAttr(func(p, l, v []byte) bool {
			switch {
			case len(p) == 0 && string(l) == "xmlns":
				s.names = append(s.names, binding{"", s.lookupURI(v), s.depth})
				s.cacheOK = false
			case string(p) == "xmlns":
				s.names = append(s.names, binding{string(l), s.lookupURI(v), s.depth})
				s.cacheOK = false
			}
			return true
		}); err != "" {
			return s.fail("%s", err)
		}
	}
	s.space = s.resolve(prefix)
	s.local = s.intern(local)
	s.stack = append(s.stack, struct {
		space ns
		local string
	}{s.space, s.local})
	s.pendingEnd = selfClosing
	s.kind = tokStart
	return tokStart
}

// tagEnd finds the '>' that ends a tag whose attributes start at i, past
// any '>' inside quoted values; -1 if there is none.
func tagEnd(data []byte, i int) int {
	for {
		k := bytes.IndexByte(data[i:], '>')
		if k < 0 {
			return -1
		}
		seg := data[i : i+k]
		q := bytes.IndexByte(seg, '"')
		if q2 := bytes.IndexByte(seg, '\''); q2 >= 0 && (q < 0 || q2 < q) {
			q = q2
		}
		if q < 0 {
			if bytes.IndexByte(seg, '<') >= 0 {
				return -1
			}
			return i + k
		}
		if bytes.IndexByte(seg[:q], '<') >= 0 {
			return -1
		}
		closing := bytes.IndexByte(data[i+q+1:], seg[q])
		if closing < 0 {
			return -1
		}
		i += q + 1 + closing + 1
	}
}

// eachAttr calls f with each attribute of the current start tag until f
// returns false; it returns a description of malformed markup, or "".
func (s *scanner) eachAttr(f func(prefix, local, value []byte) bool) string {
	raw := s.attrRaw
	i := 0
	for {
		for i < len(raw) && isXMLSpace(raw[i]) {
			i++
		}
		if i >= len(raw) {
			return ""
		}
		start := i
		for i < len(raw) && isNameByte(raw[i]) {
			i++
		}
		name := raw[start:i]
		if len(name) == 0 {
			return "ожидается имя атрибута"
		}
		for i < len(raw) && isXMLSpace(raw[i]) {
			i++
		}
		if i >= len(raw) || raw[i] != '=' {
			return fmt.Sprintf("ожидается «=» после атрибута %s", name)
		}
		i++
		for i < len(raw) && isXMLSpace(raw[i]) {
			i++
		}
		if i >= len(raw) || raw[i] != '"' && raw[i] != '\'' {
			return fmt.Sprintf("значение атрибута %s не в кавычках", name)
		}
		q := raw[i]
		j := bytes.IndexByte(raw[i+1:], q)
		if j < 0 {
			return fmt.Sprintf("значение атрибута %s не закрыто", name)
		}
		value := raw[i+1 : i+1+j]
		i += j + 2
		var prefix, local []byte = nil, name
		if k := bytes.IndexByte(name, ':'); k >= 0 {
			prefix, local = name[:k], name[k+1:]
		}
		if !f(prefix, local, value) {
			return ""
		}
	}
}

func (s *scanner) lookupURI(v []byte) ns {
	if n, ok := knownNS[string(v)]; ok {
		return n
	}
	return nsOther
}

func (s *scanner) resolve(prefix []byte) ns {
	if s.cacheOK && string(prefix) == s.cachePrefix {
		return s.cacheNS
	}
	v := s.lookupPrefix(prefix)
	s.cachePrefix, s.cacheNS, s.cacheOK = string(prefix), v, true
	return v
}

func (s *scanner) lookupPrefix(prefix []byte) ns {
	for i := len(s.names) - 1; i >= 0; i-- {
		if s.names[i].prefix == string(prefix) {
			return s.names[i].space
		}
	}
	if len(prefix) == 0 {
		return nsNone
	}
	return nsOther
}

func (s *scanner) endTag() tokKind {
	s.off += 2
	prefix, local, ok := s.name()
	if !ok {
		return s.fail("ожидается имя закрывающего тега")
	}
	s.skipSpace()
	if s.off >= len(s.data) || s.data[s.off] != '>' {
		return s.fail("закрывающий тег не закрыт")
	}
	s.off++
	if len(s.stack) == 0 {
		return s.fail("лишний закрывающий тег %s", local)
	}
	top := s.stack[len(s.stack)-1]
	if top.local != string(local) || top.space != s.resolve(prefix) {
		return s.fail("закрывающий тег %s не соответствует открытому %s", local, top.local)
	}
	return s.endElement()
}

func (s *scanner) endElement() tokKind {
	top := s.stack[len(s.stack)-1]
	s.stack = s.stack[:len(s.stack)-1]
	s.space, s.local = top.space, top.local
	for len(s.names) > 0 && s.names[len(s.names)-1].depth == s.depth {
		s.names = s.names[:len(s.names)-1]
		s.cacheOK = false
	}
	s.depth--
	s.kind = tokEnd
	return tokEnd
}

// is reports whether the current start or end tag is space:local.
func (s *scanner) is(space ns, local string) bool {
	return s.space == space && s.local == local
}

// attr returns the decoded value of an attribute of the current start tag.
func (s *scanner) attr(space ns, local string) (string, bool) {
	var val []byte
	found := false
	s.eachAttr(func(p, l, v []byte) bool {
		if string(l) != local {
			return true
		}
		as := nsNone
		if len(p) > 0 {
			if string(p) == "xmlns" {
				return true
			}
			as = s.lookupPrefix(p)
		}
		if as != space {
			return true
		}
		val, found = v, true
		return false
	})
	if !found {
		return "", false
	}
	if bytes.IndexByte(val, '&') < 0 {
		return string(val), true
	}
	v, err := unescape(nil, val)
	if err != nil {
		return string(val), true
	}
	return string(v), true
}

// skip consumes the rest of the element whose start tag was just read.
// It only finds the matching end tag, reading no names, attributes or
// text: skipped run properties, drawings and the like are a large part of
// a document. Namespaces declared inside go out of scope with it.
// Malformed markup inside is left to a full reading to report, except a
// tag or construct left open.
func (s *scanner) skip() {
	if s.err != nil {
		return
	}
	if s.pendingEnd {
		s.next()
		return
	}
	depth := 1
	data := s.data
	for i := s.off; i < len(data); {
		j := bytes.IndexByte(data[i:], '<')
		if j < 0 {
			break
		}
		i += j
		if i+1 >= len(data) {
			break
		}
		switch data[i+1] {
		case '/':
			k := bytes.IndexByte(data[i:], '>')
			if k < 0 {
				s.off = i
				s.fail("закрывающий тег не закрыт")
				return
			}
			depth--
			if depth == 0 {
				// The end tag of the element itself: let the scanner read
				// it, which checks the name and pops the element.
				s.off = i
				s.next()
				return
			}
			i += k + 1
		case '!', '?':
			end := ">"
			switch {
			case bytes.HasPrefix(data[i:], []byte("<!--")):
				end = "-->"
			case bytes.HasPrefix(data[i:], []byte("<![CDATA[")):
				end = "]]>"
			case data[i+1] == '?':
				end = "?>"
			}
			k := bytes.Index(data[i+2:], []byte(end))
			if k < 0 {
				s.off = i
				s.fail("конструкция <%c не закрыта", data[i+1])
				return
			}
			i += 2 + k + len(end)
		default:
			end := tagEnd(data, i+1)
			if end < 0 {
				s.off = i
				s.fail("тег не закрыт")
				return
			}
			if data[end-1] != '/' {
				depth++
				if s.depth+depth > maxDepth+1 {
					s.off = i
					s.fail("вложенность элементов глубже %d", maxDepth)
					return
				}
			}
			i = end + 1
		}
	}
	s.off = len(data)
	s.fail("документ обрывается внутри элемента %s", s.stack[len(s.stack)-1].local)
}

// child advances to the next child element of the current one: true at
// its start tag, false at the current element's end tag (or at the end of
// the document, where an error is always recorded, since the scanner fails
// on a document that ends inside an element). Text between children is
// passed over. The caller reads or skips each child it is given to its
// end, so that the next call starts after it:
//
//	for s.child() {
//		switch s.local { ... default: s.skip() }
//	}
func (s *scanner) child() bool {
	for {
		switch s.next() {
		case tokStart:
			return true
		case tokEnd, tokEOF:
			return false
		}
	}
}

// walker visits every element inside the current one, at any depth: the
// properties of a paragraph or a run, where what matters is a flag
// element however deeply it is nested.
type walker struct {
	s     *scanner
	depth int
}

// walk starts a walk of the current element's descendants.
func (s *scanner) walk() walker { return walker{s: s, depth: 1} }

// next advances to the next element inside: true at its start tag, false
// at the end tag of the element the walk started in (or at the end of the
// document). Its children are visited next unless skip is called.
func (w *walker) next() bool {
	for w.depth > 0 {
		switch w.s.next() {
		case tokStart:
			w.depth++
			return true
		case tokEnd:
			w.depth--
		case tokEOF:
			w.depth = 0
		}
	}
	return false
}

// skip passes over the element just visited, its content and all.
func (w *walker) skip() {
	w.s.skip()
	w.depth--
}

// unescape decodes the predefined and numeric character references.
func unescape(dst, raw []byte) ([]byte, error) {
	for len(raw) > 0 {
		i := bytes.IndexByte(raw, '&')
		if i < 0 {
			return append(dst, raw...), nil
		}
		dst = append(dst, raw[:i]...)
		raw = raw[i:]
		end := bytes.IndexByte(raw, ';')
		if end < 0 || end > 12 {
			return dst, fmt.Errorf("знак & без ссылки на символ")
		}
		ref := raw[1:end]
		raw = raw[end+1:]
		switch string(ref) {
		case "lt":
			dst = append(dst, '<')
		case "gt":
			dst = append(dst, '>')
		case "amp":
			dst = append(dst, '&')
		case "quot":
			dst = append(dst, '"')
		case "apos":
			dst = append(dst, '\'')
		default:
			if len(ref) < 2 || ref[0] != '#' {
				return dst, fmt.Errorf("неизвестная ссылка &%s;", ref)
			}
			var n uint64
			var err error
			if ref[1] == 'x' || ref[1] == 'X' {
				n, err = strconv.ParseUint(string(ref[2:]), 16, 32)
			} else {
				n, err = strconv.ParseUint(string(ref[1:]), 10, 32)
			}
			if err != nil || !utf8.ValidRune(rune(n)) || n < 0x20 && n != '\t' && n != '\n' && n != '\r' {
				return dst, fmt.Errorf("неверная ссылка на символ &%s;", ref)
			}
			dst = utf8.AppendRune(dst, rune(n))
		}
	}
	return dst, nil
}
