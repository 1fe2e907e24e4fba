package collect

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"
)

// A minimal XML tokenizer for the parts of an .xlsx that collection reads.
// encoding/xml allocates for every token and spent most of the collection
// time; this one works on subslices of the part's bytes and allocates only
// when text holds entities. It accepts any namespace prefix (<x:row>, as
// the Open XML SDK writes) by comparing local names.

type tokKind uint8

const (
	tokStart tokKind = iota + 1
	tokEnd
	tokText
)

type token struct {
	kind  tokKind
	name  []byte // local name, prefix stripped
	attrs []byte // raw attribute text of a start tag
	self  bool   // <name/>
	text  []byte // raw text (tokText)
	cdata bool   // text came from a CDATA section: no entities
}

type xmlScanner struct {
	data []byte
	pos  int
}

// next returns the next token, or false at the end of the data or on
// malformed markup (the caller sees a truncated part, which the checks on
// the header and IDs turn into a clear refusal).
func (s *xmlScanner) next() (token, bool) {
	d := s.data
	for s.pos < len(d) {
		if d[s.pos] != '<' {
			end := bytes.IndexByte(d[s.pos:], '<')
			if end < 0 {
				end = len(d) - s.pos
			}
			t := token{kind: tokText, text: d[s.pos : s.pos+end]}
			s.pos += end
			return t, true
		}
		rest := d[s.pos:]
		switch {
		case bytes.HasPrefix(rest, []byte("<?")):
			if !s.skipPast("?>") {
				return token{}, false
			}
			continue
		case bytes.HasPrefix(rest, []byte("<!--")):
			if !s.skipPast("-->") {
				return token{}, false
			}
			continue
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			end := bytes.Index(rest, []byte("]]>"))
			if end < 0 {
				return token{}, false
			}
			s.pos += end + 3
			return token{kind: tokText, text: rest[9:end], cdata: true}, true
		case bytes.HasPrefix(rest, []byte("<!")):
			if !s.skipPast(">") {
				return token{}, false
			}
			continue
		case len(rest) > 1 && rest[1] == '/':
			end := bytes.IndexByte(rest, '>')
			if end < 0 {
				return token{}, false
			}
			s.pos += end + 1
			return token{kind: tokEnd, name: local(trimSpace(rest[2:end]))}, true
		}
		// A start tag; '>' may occur inside quoted attribute values.
		i, q := 1, byte(0)
		for ; i < len(rest); i++ {
			c := rest[i]
			if q != 0 {
				if c == q {
					q = 0
				}
				continue
			}
			if c == '"' || c == '\'' {
				q = c
			} else if c == '>' {
				break
			}
		}
		if i >= len(rest) {
			return token{}, false
		}
		inner := rest[1:i]
		s.pos += i + 1
		t := token{kind: tokStart}
		if n := len(inner); n > 0 && inner[n-1] == '/' {
			t.self, inner = true, inner[:n-1]
		}
		// The name ends at the first white space (bytes.IndexAny builds
		// a set on every call, which showed in profiles of the cell loop).
		nameEnd := 0
		for nameEnd < len(inner) && !isSpace(inner[nameEnd]) {
			nameEnd++
		}
		t.name, t.attrs = local(inner[:nameEnd]), inner[nameEnd:]
		return t, true
	}
	return token{}, false
}

func (s *xmlScanner) skipPast(end string) bool {
	i := bytes.Index(s.data[s.pos:], []byte(end))
	if i < 0 {
		return false
	}
	s.pos += i + len(end)
	return true
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// trimSpaceLeft drops XML white space; bytes.TrimLeft with a cutset
// builds a set on every call, which showed in profiles of the cell loop.
func trimSpaceLeft(b []byte) []byte {
	for len(b) > 0 && isSpace(b[0]) {
		b = b[1:]
	}
	return b
}

// trimSpace drops XML white space at both ends. Names in tags have none
// as a rule; bytes.TrimSpace, which also knows Unicode spaces, cost 3 %
// of a collection in the scan of end tags and attribute names.
func trimSpace(b []byte) []byte {
	b = trimSpaceLeft(b)
	for len(b) > 0 && isSpace(b[len(b)-1]) {
		b = b[:len(b)-1]
	}
	return b
}

func local(name []byte) []byte {
	if i := bytes.LastIndexByte(name, ':'); i >= 0 {
		return name[i+1:]
	}
	return name
}

// attr returns the unescaped value of the attribute with local name key.
func attr(attrs []byte, key string) (string, bool) {
	v, ok := attrRaw(attrs, key)
	if !ok {
		return "", false
	}
	return unescape(v, false), true
}

// attrRaw returns the raw bytes of an attribute value, without copying:
// the hot path for cell references and types, which hold no entities.
func attrRaw(attrs []byte, key string) ([]byte, bool) {
	for len(attrs) > 0 {
		name, val, rest, ok := nextAttr(attrs)
		if !ok {
			return nil, false
		}
		if string(name) == key {
			return val, true
		}
		attrs = rest
	}
	return nil, false
}

// attrsRaw2 is attrRaw for two keys in one pass over the attributes (a
// cell's r and t: two passes were 10 % of the scan of a sheet).
func attrsRaw2(attrs []byte, key1, key2 string) (v1 []byte, ok1 bool, v2 []byte, ok2 bool) {
	for len(attrs) > 0 && !(ok1 && ok2) {
		name, val, rest, ok := nextAttr(attrs)
		if !ok {
			break
		}
		switch {
		case !ok1 && string(name) == key1:
			v1, ok1 = val, true
		case !ok2 && string(name) == key2:
			v2, ok2 = val, true
		}
		attrs = rest
	}
	return v1, ok1, v2, ok2
}

// nextAttr splits the first attribute off raw attribute text: its local
// name, its raw value and the text after it; false when it is malformed
// (the attributes after it are not read).
func nextAttr(attrs []byte) (name, val, rest []byte, ok bool) {
	attrs = trimSpaceLeft(attrs)
	eq := bytes.IndexByte(attrs, '=')
	if eq < 0 || eq+1 >= len(attrs) {
		return nil, nil, nil, false
	}
	name = local(trimSpace(attrs[:eq]))
	rest = trimSpaceLeft(attrs[eq+1:])
	if len(rest) == 0 || (rest[0] != '"' && rest[0] != '\'') {
		return nil, nil, nil, false
	}
	end := bytes.IndexByte(rest[1:], rest[0])
	if end < 0 {
		return nil, nil, nil, false
	}
	return name, rest[1 : 1+end], rest[end+2:], true
}

// unescape resolves XML entities and, in cell text, the OOXML escapes
// _xHHHH_ that Excel uses for control characters (_x000D_ is CR).
func unescape(b []byte, ooxml bool) string {
	if bytes.IndexByte(b, '&') < 0 && (!ooxml || !bytes.Contains(b, []byte("_x"))) {
		return string(b)
	}
	var sb strings.Builder
	sb.Grow(len(b))
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c == '&' {
			end := bytes.IndexByte(b[i:], ';')
			if end > 0 && end < 12 {
				if r, ok := entity(string(b[i+1 : i+end])); ok {
					sb.WriteRune(r)
					i += end
					continue
				}
			}
		}
		if ooxml && c == '_' && i+6 < len(b) && b[i+1] == 'x' && b[i+6] == '_' {
			if v, err := strconv.ParseUint(string(b[i+2:i+6]), 16, 32); err == nil {
				sb.WriteRune(rune(v))
				i += 6
				continue
			}
		}
		sb.WriteByte(c)
	}
	return sb.String()
}

func entity(name string) (rune, bool) {
	switch name {
	case "amp":
		return '&', true
	case "lt":
		return '<', true
	case "gt":
		return '>', true
	case "quot":
		return '"', true
	case "apos":
		return '\'', true
	}
	if strings.HasPrefix(name, "#x") || strings.HasPrefix(name, "#X") {
		v, err := strconv.ParseUint(name[2:], 16, 32)
		return rune(v), err == nil && utf8.ValidRune(rune(v))
	}
	if strings.HasPrefix(name, "#") {
		v, err := strconv.ParseUint(name[1:], 10, 32)
		return rune(v), err == nil && utf8.ValidRune(rune(v))
	}
	return 0, false
}
