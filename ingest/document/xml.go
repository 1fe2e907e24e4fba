package document

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
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

type attr struct {
	ns    ns
	local string
	raw   []byte // the value as written, entities not yet decoded
}

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
	attrs []attr
	text  []byte // decoded character data (tokText), valid until Next
	// pendingEnd: the last start tag was self-closing, its end comes next.
	pendingEnd bool
	names      []binding // in-scope prefix bindings, innermost last
	stack      []struct {
		space ns
		local string
	}
	buf  []byte
	intr map[string]string // interned local names
	err  error
}

func newScanner(data []byte) *scanner {
	return &scanner{data: data, names: []binding{{prefix: "xml", space: nsXML, depth: -1}},
		intr: make(map[string]string, 128)}
}

func (s *scanner) fail(format string, args ...any) tokKind {
	if s.err == nil {
		s.err = fmt.Errorf("%w: байт %d: %s", errXML, s.off, fmt.Sprintf(format, args...))
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
		switch {
		case bytes.HasPrefix(rest, []byte("<!--")):
			end := bytes.Index(rest[4:], []byte("-->"))
			if end < 0 {
				return s.fail("комментарий не закрыт")
			}
			s.off += 4 + end + 3
		case bytes.HasPrefix(rest, []byte("<?")):
			end := bytes.Index(rest, []byte("?>"))
			if end < 0 {
				return s.fail("инструкция обработки не закрыта")
			}
			s.off += end + 2
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			end := bytes.Index(rest, []byte("]]>"))
			if end < 0 {
				return s.fail("CDATA не закрыта")
			}
			s.text = rest[9:end]
			s.off += end + 3
			s.kind = tokText
			return tokText
		case bytes.HasPrefix(rest, []byte("<!")):
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
		case len(rest) > 1 && rest[1] == '/':
			return s.endTag()
		default:
			return s.startTag()
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

func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
		c == ':' || c == '_' || c == '-' || c == '.' || c >= 0x80
}

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

func (s *scanner) intern(b []byte) string {
	if v, ok := s.intr[string(b)]; ok {
		return v
	}
	v := string(b)
	s.intr[v] = v
	return v
}

type rawAttr struct {
	prefix, local, value []byte
}

func (s *scanner) startTag() tokKind {
	s.off++ // '<'
	prefix, local, ok := s.name()
	if !ok {
		return s.fail("ожидается имя элемента")
	}
	var raws [16]rawAttr
	list := raws[:0]
	for {
		s.skipSpace()
		if s.off >= len(s.data) {
			return s.fail("тег не закрыт")
		}
		c := s.data[s.off]
		if c == '>' || c == '/' {
			break
		}
		ap, al, ok := s.name()
		if !ok {
			return s.fail("ожидается имя атрибута")
		}
		s.skipSpace()
		if s.off >= len(s.data) || s.data[s.off] != '=' {
			return s.fail("ожидается «=» после атрибута %s", al)
		}
		s.off++
		s.skipSpace()
		if s.off >= len(s.data) || s.data[s.off] != '"' && s.data[s.off] != '\'' {
			return s.fail("значение атрибута %s не в кавычках", al)
		}
		q := s.data[s.off]
		end := bytes.IndexByte(s.data[s.off+1:], q)
		if end < 0 {
			return s.fail("значение атрибута %s не закрыто", al)
		}
		list = append(list, rawAttr{ap, al, s.data[s.off+1 : s.off+1+end]})
		s.off += end + 2
	}
	selfClosing := s.data[s.off] == '/'
	if selfClosing {
		if s.off+1 >= len(s.data) || s.data[s.off+1] != '>' {
			return s.fail("ожидается «/>»")
		}
		s.off += 2
	} else {
		s.off++
	}
	s.depth++
	if s.depth > maxDepth {
		return s.fail("вложенность элементов глубже %d", maxDepth)
	}
	// Declarations first: they apply to the element's own name.
	for _, a := range list {
		switch {
		case len(a.prefix) == 0 && string(a.local) == "xmlns":
			s.names = append(s.names, binding{"", s.lookupURI(a.value), s.depth})
		case string(a.prefix) == "xmlns":
			s.names = append(s.names, binding{string(a.local), s.lookupURI(a.value), s.depth})
		}
	}
	s.attrs = s.attrs[:0]
	for _, a := range list {
		if string(a.prefix) == "xmlns" || len(a.prefix) == 0 && string(a.local) == "xmlns" {
			continue
		}
		space := nsNone
		if len(a.prefix) > 0 {
			space = s.resolve(a.prefix)
		}
		s.attrs = append(s.attrs, attr{space, s.intern(a.local), a.value})
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

func (s *scanner) lookupURI(v []byte) ns {
	if n, ok := knownNS[string(v)]; ok {
		return n
	}
	return nsOther
}

func (s *scanner) resolve(prefix []byte) ns {
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
	for _, a := range s.attrs {
		if a.ns == space && a.local == local {
			if bytes.IndexByte(a.raw, '&') < 0 {
				return string(a.raw), true
			}
			v, err := unescape(nil, a.raw)
			if err != nil {
				return string(a.raw), true
			}
			return string(v), true
		}
	}
	return "", false
}

// skip consumes the rest of the element whose start tag was just read.
func (s *scanner) skip() {
	depth := 1
	for depth > 0 {
		switch s.next() {
		case tokStart:
			depth++
		case tokEnd:
			depth--
		case tokEOF:
			return
		}
	}
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
			if err != nil || !utf8.ValidRune(rune(n)) {
				return dst, fmt.Errorf("неверная ссылка на символ &%s;", ref)
			}
			dst = utf8.AppendRune(dst, rune(n))
		}
	}
	return dst, nil
}
