package plan

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
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
func (p Pos) String() string {
	s := DisplayName(p.File)
	if p.Line > 0 {
		if s != "" {
			s += ":"
		}
		s += fmt.Sprint(p.Line)
		if p.Col > 0 {
			s += fmt.Sprintf(":%d", p.Col)
		}
	}
	if s == "" {
		s = "-"
	}
	return s
}

// DisplayName is a file name as a one-line message shows it: quoted, with
// escapes, when it holds a line break or another control character (a
// file named "a\nb.txt" split a diagnostic over two lines); as it is
// otherwise.
func DisplayName(name string) string {
	if !strings.ContainsFunc(name, unicode.IsControl) {
		return name
	}
	return strconv.Quote(name)
}
