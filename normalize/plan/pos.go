package plan

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Pos is a position in a source document. Line and Col are 1-based; Col is
// a byte column like csv.Reader.FieldPos. Zero fields mean "unknown".
type Pos struct {
	File string `json:"file,omitempty"`
	Line int    `json:"line,omitempty"`
	Col  int    `json:"col,omitempty"`
}

// IsValid reports whether the position names at least a line.
func (p Pos) IsValid() bool { return p.Line > 0 }

// String formats the position as file:line:col, leaving out unknown parts.
func (p Pos) String() string { return string(p.appendTo(nil)) }

// appendTo appends String's form of the position to b.
func (p Pos) appendTo(b []byte) []byte {
	b = append(b, DisplayName(p.File)...)
	if p.Line > 0 {
		if p.File != "" {
			b = append(b, ':')
		}
		b = strconv.AppendInt(b, int64(p.Line), 10)
		if p.Col > 0 {
			b = append(b, ':')
			b = strconv.AppendInt(b, int64(p.Col), 10)
		}
	} else if p.File == "" {
		b = append(b, '-')
	}
	return b
}

// DisplayName is a file name as a one-line message shows it: quoted, with
// escapes, when it holds a line break or another control character (a
// file named "a\nb.txt" split a diagnostic over two lines) or bytes that
// are not UTF-8 (a name from a Windows-1251 archive put raw bytes into a
// UTF-8 message); as it is otherwise.
func DisplayName(name string) string {
	if utf8.ValidString(name) && !strings.ContainsFunc(name, unicode.IsControl) {
		return name
	}
	return strconv.Quote(name)
}
